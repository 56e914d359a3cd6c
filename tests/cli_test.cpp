#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/harness.h"

using testing::InDirectory;
using testing::run_cli;
using testing::TempDir;

TEST_CASE("with no URL anywhere, the embedded SQLite file is used and named first", "[cli]") {
    TempDir dir;
    std::filesystem::copy(testing::example_schema_dir(), dir.path() / "schema", std::filesystem::copy_options::recursive);
    InDirectory in(dir.path());
    testing::ScopedEnv no_url("DATABASE_URL", nullptr);
    auto dry = run_cli({});
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    CHECK(dry.out.rfind("No database URL given (--database-url or DATABASE_URL): using the embedded SQLite database ./reconcile.db\n", 0) == 0);
    CHECK_THAT(dry.out, Catch::Contains("Run `reconcile --apply` to apply."));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "reconcile.db"));
    REQUIRE(run_cli({"--apply"}).status == 0);
    CHECK(std::filesystem::exists(dir.path() / "reconcile.db"));
}

TEST_CASE("DATABASE_URL is used when no flag is given", "[cli]") {
    TempDir dir;
    auto db = dir.path() / "env.db";
    auto r = [&] {
        testing::ScopedEnv url("DATABASE_URL", ("sqlite:" + db.string()).c_str());
        return run_cli({"--apply", "--schema", testing::example_schema_dir()});
    }();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK(std::filesystem::exists(db));
}

TEST_CASE("usage errors exit 2", "[cli]") {
    CHECK(run_cli({"--dry-run", "--apply"}).status == 2);
    CHECK(run_cli({"--frobnicate"}).status == 2);
    CHECK(run_cli({"--color", "sometimes"}).status == 2);
    CHECK(run_cli({"--database-url", "ftp://x"}).status == 2);
    // 0 would mean "wait forever" to PostgreSQL.
    for (const char* bad : {"0", "0s", "5", "five", "-1s", "1.5s", "99999999999ms"}) {
        INFO(bad);
        auto r = run_cli({"--dry-run", "--lock-timeout", bad});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("--lock-timeout wants a positive duration"));
    }
    auto help = run_cli({"--help"});
    CHECK(help.status == 0);
    CHECK_THAT(help.out, Catch::Contains("--apply"));
}

TEST_CASE("colour only when asked or on a terminal, and never with NO_COLOR", "[cli]") {
    TempDir dir;
    const std::string url = "sqlite:" + (dir.path() / "c.db").string();
    auto always = run_cli({"--schema", testing::example_schema_dir(), "--database-url", url, "--color", "always"});
    CHECK_THAT(always.out, Catch::Contains("\033[36m+\033[0m table public.orgs"));
    auto never = run_cli({"--schema", testing::example_schema_dir(), "--database-url", url, "--color", "never"});
    CHECK_THAT(never.out, !Catch::Contains("\033["));
    // auto: the in-process stream is not a terminal.
    auto automatic = run_cli({"--schema", testing::example_schema_dir(), "--database-url", url});
    CHECK_THAT(automatic.out, !Catch::Contains("\033["));
    // auto on a terminal: colour, unless NO_COLOR is set to anything but "" (no-color.org).
    const std::vector<std::string> on_terminal{"--schema", testing::example_schema_dir(), "--database-url", url};
    auto terminal = testing::run_binary_on_terminal(on_terminal, nullptr);
    INFO(terminal.out);
    CHECK(terminal.status == 0);
    CHECK_THAT(terminal.out, Catch::Contains("\033[36m+\033[0m table public.orgs"));
    auto empty_no_color = testing::run_binary_on_terminal(on_terminal, "");
    CHECK_THAT(empty_no_color.out, Catch::Contains("\033[36m+\033[0m table public.orgs"));
    auto no_color = testing::run_binary_on_terminal(on_terminal, "1");
    INFO(no_color.out);
    CHECK(no_color.status == 0);
    CHECK_THAT(no_color.out, Catch::Contains("table public.orgs"));
    CHECK_THAT(no_color.out, !Catch::Contains("\033["));
    // --color always still colours under NO_COLOR: it was asked for.
    std::vector<std::string> asked = on_terminal;
    asked.insert(asked.end(), {"--color", "always"});
    CHECK_THAT(testing::run_binary_on_terminal(asked, "1").out, Catch::Contains("\033[36m+\033[0m"));
}

TEST_CASE("the binary itself runs and reports its exit status", "[cli]") {
    TempDir dir;
    auto r = testing::run_binary({"--dry-run", "--schema", (dir.path() / "missing").string(), "--database-url", "sqlite:x.db"});
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("does not exist"));
}

namespace {

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

}  // namespace

TEST_CASE("the README's quick start names the test command CI runs", "[cli]") {
    const std::filesystem::path root = testing::source_dir();
    const std::string readme = file_text(root / "README.md");
    const auto start = readme.find("## Quick start");
    REQUIRE(start != std::string::npos);
    const auto block = readme.find("```sh", start);
    REQUIRE(block != std::string::npos);
    const std::string commands = readme.substr(block, readme.find("```", block + 5) - block);
    // Two commands: build and preview, then every test.
    CHECK_THAT(commands, Catch::Contains("\n./scripts/build.sh && ./build/reconcile --dry-run\n"));
    CHECK_THAT(commands, Catch::Contains("\n./scripts/test.sh\n"));
    CHECK_THAT(file_text(root / ".ci" / "run"), Catch::Contains("\nexec scripts/test.sh\n"));
}

TEST_CASE("version: --version and `version` print the release, the commit built from and the libraries", "[cli][version]") {
    auto flag = run_cli({"--version"});
    auto command = run_cli({"version"});
    REQUIRE(flag.status == 0);
    REQUIRE(command.status == 0);
    CHECK(flag.out == command.out);
    std::istringstream lines(flag.out);
    std::string release, commit, libraries;
    std::getline(lines, release);
    std::getline(lines, commit);
    std::getline(lines, libraries);

    // The release is CMakeLists.txt's project(VERSION), the one a package is named after.
    std::ifstream cmake(std::string(RECONCILE_SOURCE_DIR) + "/CMakeLists.txt");
    std::string cmake_text((std::istreambuf_iterator<char>(cmake)), std::istreambuf_iterator<char>());
    const auto at = cmake_text.find("project(reconcile VERSION ");
    REQUIRE(at != std::string::npos);
    const auto from = at + std::string("project(reconcile VERSION ").size();
    CHECK(release == "reconcile " + cmake_text.substr(from, cmake_text.find(' ', from) - from));

    // The commit is the source tree's HEAD when it is a git checkout, else it says so.
    std::string head;
    if (FILE* git = popen(("git -C '" + std::string(RECONCILE_SOURCE_DIR) + "' rev-parse --short=12 HEAD 2>/dev/null").c_str(), "r")) {
        char buffer[64] = {};
        if (std::fgets(buffer, sizeof buffer, git)) head = buffer;
        pclose(git);
    }
    if (!head.empty() && head.back() == '\n') head.pop_back();
    if (head.empty())
        CHECK(commit == "commit unknown: built without git");
    else
        CHECK(commit.rfind("commit " + head, 0) == 0);

    for (const char* library : {"libpqxx 6.", "libpq ", "SQLite 3.", "toml++ 3."}) CHECK_THAT(libraries, Catch::Contains(library));
    std::string rest;
    CHECK_FALSE(std::getline(lines, rest));
}

TEST_CASE("help: --help groups every option under what it is for, with examples at the end", "[cli]") {
    auto r = run_cli({"--help"});
    REQUIRE(r.status == 0);
    const std::string& help = r.out;
    std::vector<std::size_t> at;
    for (const char* heading : {"\nOptions:\n", "\nWhat to compare:\n", "\nWhat to do:\n", "\nOutput:\n", "\nSafety:\n",
                                "\nSubcommands:\n", "\nExamples:\n"}) {
        INFO(heading);
        at.push_back(help.find(heading));
        CHECK(at.back() != std::string::npos);
    }
    CHECK(std::is_sorted(at.begin(), at.end()));
    // Under "Options:" only --help and --version; every other option sits in a group.
    const std::string ungrouped = help.substr(at[0], at[1] - at[0]);
    CHECK(ungrouped == "\nOptions:\n  -h,--help                         Print this help message and exit\n"
                       "  --version                         Print the version, the commit it was built from and its libraries, and exit\n");
    CHECK(help.find("\n\n\n") == std::string::npos);
    for (const char* default_shown : {"--schema TEXT=schema", "--format TEXT:{text,json,sql}=text", "--lock-timeout TEXT=5000ms",
                                      "--retries INT:INT in [0 - 100]=3", "(default: no limit)", "(default: reported, kept)"})
        CHECK_THAT(help, Catch::Contains(default_shown));
    CHECK_THAT(help, Catch::Contains("  reconcile check "));
}

TEST_CASE("the database URL: --database-url overrides DATABASE_URL: the flag's database is changed, the variable's is not", "[cli]") {
    TempDir dir;
    const auto flag_db = dir.path() / "flag.db", env_db = dir.path() / "env.db";
    auto r = [&] {
        testing::ScopedEnv url("DATABASE_URL", ("sqlite:" + env_db.string()).c_str());
        return run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", "sqlite:" + flag_db.string()});
    }();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK(std::filesystem::exists(flag_db));
    CHECK_FALSE(std::filesystem::exists(env_db));
}
