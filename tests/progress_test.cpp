// Progress on long work (report/progress.h), through the built binary: a live line on a
// terminal, plain lines elsewhere only every RECONCILE_PROGRESS_INTERVAL, ::group:: sections in
// GitHub Actions, and never anything on stdout, which may be a JSON plan or a SQL script.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/harness.h"

namespace fs = std::filesystem;
using testing::TempDir;

namespace {

// A model of `n` tables, each with a key, two columns and an index: enough statements that an
// apply takes a while at a 1 ms interval.
fs::path many_tables(const TempDir& dir, int n) {
    std::ostringstream toml;
    for (int i = 0; i < n; ++i)
        toml << "[[tables]]\nname = \"t" << i << "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }, "
             << "{ name = \"name\", type = \"text\", nullable = false }, { name = \"at\", type = \"timestamp\" }]\n"
             << "indexes = [{ name = \"t" << i << "_name_idx\", columns = [\"name\"] }]\n\n";
    return dir.write("model.toml", toml.str());
}

struct Run {
    int status;
    std::string out, err;
};

// The binary with stdout and stderr each to a file (neither a terminal), with `env` set.
Run run_with_files(const TempDir& dir, const std::string& env, const std::string& args) {
    const fs::path out = dir.path() / "stdout", err = dir.path() / "stderr";
    const std::string command = "env -u GITHUB_ACTIONS " + env + " '" + std::string(RECONCILE_BINARY_PATH) + "' " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "' </dev/null";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, testing::read_file(out), testing::read_file(err)};
}


std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("progress: off a terminal, plain lines on stderr at the interval, never on stdout", "[progress][sqlite]") {
    TempDir dir;
    const auto model = many_tables(dir, 150).string();
    const std::string db = "sqlite:" + (dir.path() / "app.db").string();

    // A dry run's JSON plan on stdout stays JSON, the progress lines on stderr.
    auto json = run_with_files(dir, "RECONCILE_PROGRESS_INTERVAL=0.001",
                               "--dry-run --format json --schema '" + model + "' --database-url '" + db + "'");
    INFO(json.err);
    REQUIRE(json.status == 0);
    CHECK_NOTHROW(nlohmann::json::parse(json.out));
    CHECK(json.out.find("reconcile: ") == std::string::npos);

    auto applied = run_with_files(dir, "RECONCILE_PROGRESS_INTERVAL=0.001", "--apply --schema '" + model + "' --database-url '" + db + "'");
    INFO(applied.out + applied.err);
    REQUIRE(applied.status == 0);
    CHECK(count(applied.err, "reconcile: applying ") > 0);
    CHECK(applied.err.find("/300 \u00b7 ") != std::string::npos);  // of the plan's 150 tables and 150 indexes
    CHECK(applied.out.find("reconcile: applying") == std::string::npos);
    // Plain lines only: no carriage return, no terminal control, no workflow commands.
    CHECK(applied.err.find('\r') == std::string::npos);
    CHECK(applied.err.find("\033[") == std::string::npos);
    CHECK(applied.err.find("::group::") == std::string::npos);
}

TEST_CASE("progress: a quick run at the default interval prints no progress line", "[progress][sqlite]") {
    TempDir dir;
    const auto model = many_tables(dir, 20).string();
    const std::string db = "sqlite:" + (dir.path() / "app.db").string();
    auto applied = run_with_files(dir, "-u RECONCILE_PROGRESS_INTERVAL", "--apply --schema '" + model + "' --database-url '" + db + "'");
    INFO(applied.out + applied.err);
    REQUIRE(applied.status == 0);
    CHECK(applied.err.empty());
    CHECK(applied.out.find("reconcile: ") == std::string::npos);
}

TEST_CASE("progress: in GitHub Actions the lines sit in a ::group:: per stage", "[progress][sqlite]") {
    TempDir dir;
    const auto model = many_tables(dir, 150).string();
    const std::string db = "sqlite:" + (dir.path() / "app.db").string();
    auto applied = run_with_files(dir, "GITHUB_ACTIONS=true RECONCILE_PROGRESS_INTERVAL=0.001",
                                  "--apply --schema '" + model + "' --database-url '" + db + "'");
    INFO(applied.out + applied.err);
    REQUIRE(applied.status == 0);
    CHECK(count(applied.err, "::group::reconcile: applying\n") == 1);
    CHECK(count(applied.err, "::group::") == count(applied.err, "::endgroup::"));
    CHECK(applied.out.find("::group::") == std::string::npos);
}

TEST_CASE("progress: on a terminal, one live line redrawn in place and cleared at the end", "[progress][sqlite]") {
    TempDir dir;
    const auto model = many_tables(dir, 150).string();
    const std::string db = "sqlite:" + (dir.path() / "app.db").string();
    testing::ScopedEnv interval("RECONCILE_PROGRESS_INTERVAL", "0.001");
    // A terminal that says it cannot move the cursor (TERM=dumb, as some CI runners and this
    // project's fresh-machine check set) gets the plain lines instead.
    {
        testing::ScopedEnv dumb("TERM", "dumb");
        const std::string other_db = "sqlite:" + (dir.path() / "dumb.db").string();
        auto plain = testing::run_binary_on_terminal({"--apply", "--color", "never", "--schema", model, "--database-url", other_db}, nullptr);
        INFO(plain.out);
        REQUIRE(plain.status == 0);
        CHECK(plain.out.find("\033[K") == std::string::npos);
        CHECK(plain.out.find("reconcile: applying ") != std::string::npos);
    }
    testing::ScopedEnv term("TERM", "xterm");
    auto shown = testing::run_binary_on_terminal({"--apply", "--color", "never", "--schema", model, "--database-url", db}, nullptr);
    INFO(shown.out);
    REQUIRE(shown.status == 0);
    const auto last_live = shown.out.rfind("\r\033[Kapplying ");
    REQUIRE(last_live != std::string::npos);
    // Cleared after its last drawing, before the result is printed.
    const auto cleared = shown.out.find("\r\033[K", last_live + 1);
    REQUIRE(cleared != std::string::npos);
    CHECK(shown.out.find("applied ", cleared) != std::string::npos);
    CHECK(shown.out.find("reconcile: applying") == std::string::npos);  // no plain lines on a terminal
}

TEST_CASE("progress: RECONCILE_PROGRESS_INTERVAL=0 turns it off, on a terminal too", "[progress][sqlite]") {
    TempDir dir;
    const auto model = many_tables(dir, 150).string();
    const std::string db = "sqlite:" + (dir.path() / "app.db").string();
    auto plain = run_with_files(dir, "GITHUB_ACTIONS=true RECONCILE_PROGRESS_INTERVAL=0",
                                "--dry-run --schema '" + model + "' --database-url '" + db + "'");
    REQUIRE(plain.status == 0);
    CHECK(plain.err.empty());
    testing::ScopedEnv off("RECONCILE_PROGRESS_INTERVAL", "0");
    testing::ScopedEnv term("TERM", "xterm");
    auto shown = testing::run_binary_on_terminal({"--apply", "--color", "never", "--schema", model, "--database-url", db}, nullptr);
    INFO(shown.out);
    REQUIRE(shown.status == 0);
    CHECK(shown.out.find("\033[K") == std::string::npos);
    CHECK(shown.out.find("applying ") == std::string::npos);
}
