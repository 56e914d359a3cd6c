// The policy as the command line and reconcile.toml give it: what needs --allow-drop and
// --allow-hazards, what the preview says, and the mistakes a person can make in them. (The
// round trips of each kind of change are the case files: tests/cases.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "model/load_toml.h"
#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

constexpr const char* kModel = R"T(
[[tables]]
name = "events"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "n", type = "bigint" }]
)T";

// Runs from `dir`, where reconcile.toml is read.
class InDirectory {
public:
    explicit InDirectory(const std::filesystem::path& p) { std::filesystem::current_path(p); }
    ~InDirectory() { std::filesystem::current_path(old_); }

private:
    std::filesystem::path old_ = std::filesystem::current_path();
};

}  // namespace

TEST_CASE("the preview marks changes, renames and drops, with their hazards and what --apply would refuse", "[policy][postgres]") {
    PgDatabase db;
    // A row: the hazards of rewriting an empty table cost nothing and are not shown.
    db.exec("CREATE TABLE events (id int PRIMARY KEY, n int, legacy text); CREATE TABLE customer (id int PRIMARY KEY);"
            "INSERT INTO events VALUES (1, 1, 'x')");
    TempDir dir;
    const auto model = dir.write("model.toml", std::string(kModel) + R"T(
[[tables]]
name = "customers"
renamed_from = "customer"
columns = [{ name = "id", type = "integer", primary_key = true }]
)T");
    auto r = run_cli({"--dry-run", "--color", "never", "--schema", model.string(), "--database-url", db.url()});
    INFO(r.all());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("~ column public.events.n: type integer in the database, bigint in the model"));
    CHECK_THAT(r.out, Catch::Contains("    \u26a0 rewrites-table: rewrites public.events and its indexes"));
    CHECK_THAT(r.out, Catch::Contains("\u2192 table public.customer renamed to customers"));
    CHECK_THAT(r.out, Catch::Contains("\u26a0 column public.events.legacy is in the database but not in the model; it is left alone "
                                      "(--allow-drop drops it)"));
    CHECK_THAT(r.out, Catch::Contains("--apply would refuse 1 statement(s) of this plan unless allowed:\n"
                                      "  column public.events.n: rewrites-table"));
    CHECK_THAT(r.out, Catch::Contains("allow it with --allow-hazards rewrites-table"));
    CHECK_THAT(r.out, Catch::Contains("Summary: 0 to create, 1 to modify, 1 to rename,"));

    auto dropping = run_cli({"--dry-run", "--color", "never", "--allow-drop", "--schema", model.string(), "--database-url", db.url()});
    CHECK_THAT(dropping.out, Catch::Contains("- drop column public.events.legacy\n    \u26a0 deletes-data: deletes column public.events.legacy"));
    CHECK_THAT(dropping.out, Catch::Contains("1 to drop"));

    // The refusal comes before anything runs: the rename did not happen either.
    auto refused = run_cli({"--apply", "--color", "never", "--schema", model.string(), "--database-url", db.url()});
    CHECK(refused.status == 1);
    CHECK_THAT(refused.out, Catch::Contains("refused: 1 statement(s) of the plan need a permission this run does not give; nothing was changed"));
    CHECK(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'customer'") == "1");

    auto allowed = run_cli({"--apply", "--color", "never", "--allow-hazards", "rewrites-table", "--allow-drop", "--schema", model.string(),
                            "--database-url", db.url()});
    INFO(allowed.all());
    CHECK(allowed.status == 0);
    CHECK(db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'n'") ==
          "bigint");
    CHECK(db.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'legacy' AND NOT attisdropped") == "0");
}

TEST_CASE("the hazards that --allow-hazards names are only those that need permission", "[policy]") {
    SqliteFile db;
    TempDir dir;
    const auto model = dir.write("model.toml", kModel);
    auto unknown = run_cli({"--dry-run", "--allow-hazards", "rewrites-table,eats-data", "--schema", model.string(), "--database-url", db.url()});
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.err, Catch::Contains("--allow-hazards names the hazard 'eats-data'; the hazards that need permission are "
                                            "deletes-data, rewrites-table"));
    auto needless = run_cli({"--dry-run", "--allow-hazards", "blocks-writes", "--schema", model.string(), "--database-url", db.url()});
    CHECK(needless.status == 2);
    CHECK_THAT(needless.err, Catch::Contains("'blocks-writes', which never needs permission"));
}

TEST_CASE("an environment's allow_drop and allow_hazards are its policy, and a mistake in them is placed", "[policy]") {
    TempDir dir;
    SqliteFile db;
    db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, n bigint); CREATE TABLE old_stuff (id integer)");
    dir.write("model.toml", kModel);
    dir.write("reconcile.toml", "[environments.tidy]\nurl = \"" + db.url() + "\"\nallow_drop = true\n\n"
                                "[environments.plain]\nurl = \"" + db.url() + "\"\n");
    InDirectory here(dir.path());
    auto plain = run_cli({"--apply", "--env", "plain", "--schema", "model.toml"});
    INFO(plain.all());
    CHECK(plain.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'old_stuff'") == "1");
    auto tidy = run_cli({"--apply", "--env", "tidy", "--schema", "model.toml"});
    INFO(tidy.all());
    CHECK(tidy.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'old_stuff'") == "0");

    // allow_hazards is a permission: the environment that names rewrites-table runs a rewrite
    // the plain one refuses.
    db.exec("INSERT INTO events VALUES (1, 1)");
    dir.write("model.toml", "[[tables]]\nname = \"events\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }, "
                            "{ name = \"n\", type = \"text\" }]\n");
    dir.write("reconcile.toml", "[environments.plain]\nurl = \"" + db.url() + "\"\n\n"
                                "[environments.rewriting]\nurl = \"" + db.url() + "\"\nallow_hazards = [\"rewrites-table\"]\n");
    auto refused = run_cli({"--apply", "--env", "plain", "--schema", "model.toml", "--color", "never"});
    CHECK(refused.status == 1);
    CHECK_THAT(refused.out, Catch::Contains("allow it with --allow-hazards rewrites-table"));
    auto rewriting = run_cli({"--apply", "--env", "rewriting", "--schema", "model.toml"});
    INFO(rewriting.all());
    CHECK(rewriting.status == 0);
    CHECK(db.scalar("SELECT lower(type) FROM pragma_table_info('events') WHERE name = 'n'") == "text");

    dir.write("reconcile.toml", "[environments.bad]\nurl = \"sqlite:x.db\"\nallow_hazards = [\"blocks-reads\"]\n");
    auto bad = run_cli({"--dry-run", "--env", "bad", "--schema", "model.toml"});
    CHECK(bad.status == 1);  // a mistake in a file, as in the schema
    CHECK_THAT(bad.err, Catch::Contains("reconcile.toml:3:") && Catch::Contains("names 'blocks-reads'"));
}

TEST_CASE("renamed_from and using are checked where they are written", "[policy][load]") {
    auto error_of = [](const std::string& toml) {
        TempDir dir;
        const auto file = dir.write("bad.toml", toml);
        try {
            reconcile::model::load_schema(file.string());
        } catch (const reconcile::Error& e) {
            return file.filename().string() + ":" + std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.what();
        }
        return std::string("no error");
    };
    CHECK_THAT(error_of("[[tables]]\nname = \"t\"\nrenamed_from = \"t\"\ncolumns = [{ name = \"id\", type = \"int\" }]\n"),
               Catch::Contains("bad.toml:3:16: table 't' is renamed from its own name"));
    CHECK_THAT(error_of("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"int\", using = \"id::int; DROP TABLE t\" }]\n"),
               Catch::Contains("bad.toml:3:") && Catch::Contains("the USING expression of column 't.id' is not a single SQL expression"));
    CHECK_THAT(error_of("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"int\", renamed_from = \"\" }]\n"),
               Catch::Contains("bad.toml:3:") && Catch::Contains("column name is empty"));
}

TEST_CASE("a protected environment needs both the permission and the confirmation", "[policy]") {
    TempDir dir;
    SqliteFile db;
    db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, n bigint); CREATE TABLE old_stuff (id integer); INSERT INTO old_stuff VALUES (1);"
            "INSERT INTO events VALUES (1, 1)");
    dir.write("model.toml", kModel);
    dir.write("reconcile.toml", "[environments.production]\nurl = \"" + db.url() + "\"\nprotected = true\nallow_drop = true\n");
    InDirectory here(dir.path());
    // The policy allows the drop, but nobody confirmed (ctest's stdin is not a terminal).
    auto unconfirmed = run_cli({"--apply", "--env", "production", "--schema", "model.toml"});
    CHECK(unconfirmed.status == 1);
    CHECK(db.scalar("SELECT count(*) FROM old_stuff") == "1");
    // Confirmed, but the model now asks for a rewrite the environment does not allow.
    dir.write("model.toml", "[[tables]]\nname = \"events\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }, "
                            "{ name = \"n\", type = \"text\" }]\n");
    auto unallowed = run_cli({"--apply", "--env", "production", "--yes", "--schema", "model.toml"});
    INFO(unallowed.all());
    CHECK(unallowed.status == 1);
    CHECK_THAT(unallowed.out, Catch::Contains("allow it with --allow-hazards rewrites-table"));
    CHECK(db.scalar("SELECT count(*) FROM old_stuff") == "1");
    // Both: applied, the drop included.
    auto both = run_cli({"--apply", "--env", "production", "--yes", "--allow-hazards", "rewrites-table", "--schema", "model.toml"});
    INFO(both.all());
    CHECK(both.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'old_stuff'") == "0");
    CHECK(db.scalar("SELECT lower(type) FROM pragma_table_info('events') WHERE name = 'n'") == "text");
}

TEST_CASE("a reviewed plan's drops need --allow-drop when it is applied too", "[policy]") {
    TempDir dir;
    SqliteFile db;
    db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, n bigint); CREATE TABLE old_stuff (id integer)");
    const auto model = dir.write("model.toml", kModel);
    const auto plan = (dir.path() / "plan.json").string();
    auto made = run_cli({"--dry-run", "--allow-drop", "--plan-out", plan, "--schema", model.string(), "--database-url", db.url()});
    INFO(made.all());
    REQUIRE(made.status == 0);
    CHECK_THAT(made.out, Catch::Contains("- drop table public.old_stuff"));
    // The run that applies it has not been given the permission: refused, nothing dropped.
    auto without = run_cli({"--apply", "--plan", plan, "--schema", model.string(), "--database-url", db.url()});
    INFO(without.all());
    CHECK(without.status == 1);
    CHECK_THAT(without.all(), Catch::Contains("DROP TABLE IF EXISTS \"old_stuff\"") && Catch::Contains("--allow-drop"));
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'old_stuff'") == "1");
    auto with = run_cli({"--apply", "--allow-drop", "--plan", plan, "--schema", model.string(), "--database-url", db.url()});
    INFO(with.all());
    CHECK(with.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'old_stuff'") == "0");
}

TEST_CASE("a statement's hazards are in the GitHub step summary and in the plan file too", "[policy]") {
    SqliteFile db;
    db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, n bigint); INSERT INTO events VALUES (1, 1)");
    TempDir dir;
    const auto model = dir.write("model.toml", "[[tables]]\nname = \"events\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }, "
                                               "{ name = \"n\", type = \"text\" }]\n");
    const auto summary = dir.path() / "summary.md", plan = dir.path() / "plan.json";
    {
        testing::ScopedEnv actions("GITHUB_ACTIONS", "true");
        testing::ScopedEnv file("GITHUB_STEP_SUMMARY", summary.c_str());
        auto r = run_cli({"--dry-run", "--schema", model.string(), "--database-url", db.url(), "--plan-out", plan.string()});
        INFO(r.all());
        REQUIRE(r.status == 0);
    }
    // The table is rebuilt to change the column's type: rewrites-table, on the step's line.
    std::string rebuilt_line;
    std::istringstream lines(testing::read_file(summary));
    for (std::string line; std::getline(lines, line);)
        if (line.find("public.events") != std::string::npos && line.rfind("| ~ |", 0) == 0) rebuilt_line = line;
    INFO(testing::read_file(summary));
    CHECK_THAT(rebuilt_line, Catch::Contains("\u26a0 ") && Catch::Contains("rewrites-table"));
    const auto written = nlohmann::json::parse(testing::read_file(plan));
    std::set<std::string> hazards;
    for (const auto& s : written.at("statements"))
        for (const auto& h : s.value("hazards", nlohmann::json::array())) hazards.insert(h.at("kind").get<std::string>());
    INFO(written.dump(2).substr(0, 3000));
    CHECK(hazards.count("rewrites-table") == 1);
}
