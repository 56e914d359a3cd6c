// Environments and pipelines: promotion between databases, diff, machine-readable output,
// standalone SQL scripts, the drift exit code.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "db/sqlite_connection.h"
#include "diff/change.h"
#include "plan/statement.h"
#include "report/machine_report.h"
#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

TEST_CASE("promoting local to staging leaves diff reporting nothing", "[pipeline]") {
    PgDatabase local, staging;
    REQUIRE(run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", local.url()}).status == 0);
    auto before = run_cli({"diff", local.url(), staging.url(), "--exit-code"});
    INFO(before.all());
    CHECK(before.status == 3);
    CHECK_THAT(before.out, Catch::Contains("+ table public.users"));
    auto promote = run_cli({"--apply", "--schema", local.url(), "--database-url", staging.url(), "--color", "never"});
    INFO(promote.all());
    REQUIRE(promote.status == 0);
    auto after = run_cli({"diff", local.url(), staging.url(), "--exit-code", "--color", "never"});
    INFO(after.all());
    CHECK_THAT(after.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(after.out, Catch::EndsWith(", 0 warnings\n"));
    CHECK(after.status == 0);
    auto toml_vs_db = run_cli({"diff", testing::example_schema_dir(), local.url(), "--exit-code"});
    CHECK(toml_vs_db.status == 0);
    CHECK_THAT(toml_vs_db.out, Catch::Contains(", 0 warnings"));
}

TEST_CASE("the drift gate: --exit-code gives 3 with pending changes and 0 once applied", "[pipeline]") {
    SqliteFile db;
    auto pending = run_cli({"--dry-run", "--exit-code", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    CHECK(pending.status == 3);
    REQUIRE(run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", db.url()}).status == 0);
    auto clean = run_cli({"--dry-run", "--exit-code", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    CHECK(clean.status == 0);
    CHECK(run_cli({"--apply", "--exit-code", "--database-url", db.url()}).status == 2);
}

TEST_CASE("the JSON plan (--format json) follows the documented, versioned shape", "[pipeline]") {
    SqliteFile db;
    db.exec("CREATE TABLE orgs (id INTEGER PRIMARY KEY, extra text)");
    auto r = run_cli({"--dry-run", "--format", "json", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(r.all());
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("format") == "reconcile.plan");
    CHECK(j.at("version") == 2);
    CHECK(j.at("target").at("engine") == "sqlite");
    CHECK(j.at("target").at("url").get<std::string>().rfind("sqlite:", 0) == 0);
    for (const auto& c : j.at("changes")) {
        CHECK(c.at("kind").is_string());
        CHECK(c.at("object").is_string());
        CHECK(c.at("table").is_string());
        CHECK(c.at("name").is_string());
        REQUIRE(c.at("statements").is_array());
        for (const auto& st : c.at("statements")) {
            CHECK(st.at("sql").is_string());
            CHECK((st.at("runs") == "in_transaction" || st.at("runs") == "before_transaction"));
            for (const auto& h : st.at("hazards")) {
                CHECK(reconcile::plan::hazard_kind_from_string(h.at("kind").get<std::string>()).has_value());
                CHECK(h.at("reason").is_string());
            }
        }
    }
    for (const auto& w : j.at("warnings")) {
        for (const char* key : {"kind", "object", "table", "name", "message"}) CHECK(w.at(key).is_string());
    }
    for (const auto& s : j.at("in_sync")) for (const char* key : {"object", "table", "name"}) CHECK(s.at(key).is_string());
    const auto& sum = j.at("summary");
    CHECK(j.at("changes").size() == sum.at("to_create").get<std::size_t>() + sum.at("to_modify").get<std::size_t>() +
                                        sum.at("to_rename").get<std::size_t>() + sum.at("to_drop").get<std::size_t>());
    CHECK(j.at("warnings").size() == j.at("summary").at("warnings").get<std::size_t>());
    CHECK(j.at("in_sync").size() == j.at("summary").at("in_sync").get<std::size_t>());
    CHECK(j.at("statements").size() >= j.at("changes").size());
    bool saw_extra = false;
    for (const auto& w : j.at("warnings")) saw_extra = saw_extra || (w.at("kind") == "not_in_model" && w.at("name") == "extra");
    CHECK(saw_extra);
}

TEMPLATE_TEST_CASE("the sql output runs twice under the engine's own client and leaves the catalog --apply leaves",
                   "[pipeline]", SqliteFile, PgDatabase) {
    TestType scripted, applied;
    TempDir dir;
    auto r = run_cli({"--dry-run", "--format", "sql", "--schema", testing::example_schema_dir(), "--database-url", scripted.url()});
    REQUIRE(r.status == 0);
    auto script = dir.write("plan.sql", r.out);
    for (int run = 0; run < 2; ++run) CHECK(scripted.run_sql_file(script) == 0);
    REQUIRE(run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", applied.url()}).status == 0);
    CHECK(scripted.catalog_snapshot() == applied.catalog_snapshot());
}

TEST_CASE("in GitHub Actions, warnings are annotations and the plan goes to the step summary", "[pipeline]") {
    SqliteFile db;
    db.exec("CREATE TABLE legacy (id INTEGER)");
    TempDir dir;
    auto summary = dir.path() / "summary.md";
    setenv("GITHUB_ACTIONS", "true", 1);
    setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
    auto r = run_cli({"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    unsetenv("GITHUB_ACTIONS");
    unsetenv("GITHUB_STEP_SUMMARY");
    CHECK_THAT(r.out, Catch::Contains("::warning title=reconcile::table public.legacy is in the database but not in the model"));
    std::ifstream in(summary);
    std::stringstream text;
    text << in.rdbuf();
    // Named as the text preview names them (once: not "table public.orgs.orgs").
    CHECK_THAT(text.str(), Catch::Contains("| + | table public.orgs | `CREATE TABLE IF NOT EXISTS \"orgs\" (` |"));
    CHECK(testing::count(text.str(), "public.orgs.orgs") == 0);
    CHECK_THAT(text.str(), Catch::Contains("| \u26a0 | table public.legacy |"));
}

TEST_CASE("in GitHub Actions, --format json and sql stay parseable: annotations go to stderr", "[pipeline]") {
    SqliteFile db;
    db.exec("CREATE TABLE legacy (id INTEGER)");
    TempDir dir;
    setenv("GITHUB_ACTIONS", "true", 1);
    setenv("GITHUB_STEP_SUMMARY", (dir.path() / "summary.md").c_str(), 1);
    auto json = run_cli({"--dry-run", "--format", "json", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    auto sql = run_cli({"--dry-run", "--format", "sql", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    unsetenv("GITHUB_ACTIONS");
    unsetenv("GITHUB_STEP_SUMMARY");
    CHECK(json.status == 0);
    CHECK_NOTHROW(nlohmann::json::parse(json.out));
    CHECK(json.out.find("::warning") == std::string::npos);
    CHECK_THAT(json.err, Catch::Contains("::warning title=reconcile::table public.legacy is in the database but not in the model"));
    CHECK(sql.out.find("::warning") == std::string::npos);
    CHECK_THAT(sql.err, Catch::Contains("::warning title=reconcile::"));
}

TEST_CASE("a plan file is refused once the target changed, and applies while it has not", "[pipeline]") {
    PgDatabase db;
    TempDir dir;
    const std::string plan = (dir.path() / "plan.json").string();
    auto made = run_cli({"--dry-run", "--plan-out", plan, "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(made.all());
    REQUIRE(made.status == 0);
    auto j = nlohmann::json::parse(std::ifstream(plan));
    CHECK(j.at("fingerprint").get<std::string>().size() == 16);

    // Someone changes the target after the review.
    db.exec("CREATE TABLE hotfix (id int)");
    const std::string before = db.catalog_snapshot();
    auto refused = run_cli({"--apply", "--plan", plan, "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(refused.all());
    CHECK(refused.status == 1);
    CHECK_THAT(refused.err, Catch::Contains("the target changed since the plan was made"));
    CHECK(db.catalog_snapshot() == before);

    // A fresh plan, applied unchanged, runs exactly its statements.
    REQUIRE(run_cli({"--dry-run", "--plan-out", plan, "--schema", testing::example_schema_dir(), "--database-url", db.url()}).status == 0);
    auto statements = nlohmann::json::parse(std::ifstream(plan)).at("statements").size();
    auto applied = run_cli({"--apply", "--plan", plan, "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(applied.all());
    CHECK(applied.status == 0);
    CHECK_THAT(applied.out, Catch::Contains("applied " + std::to_string(statements) + " statement(s)"));
    CHECK_THAT(applied.out, Catch::Contains("verified"));
}

TEST_CASE("named environments come from reconcile.toml, and a protected one refuses without a terminal or --yes", "[pipeline]") {
    TempDir dir;
    std::filesystem::copy(testing::example_schema_dir(), dir.path() / "schema", std::filesystem::copy_options::recursive);
    const std::string staging = "sqlite:" + (dir.path() / "staging.db").string();
    const std::string production = (dir.path() / "production.db").string();
    dir.write("reconcile.toml", R"T(
[environments.staging]
url_env = "RECONCILE_TEST_STAGING_URL"
[environments.production]
url = "sqlite:)T" + production + R"T("
protected = true
)T");
    auto old = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    setenv("RECONCILE_TEST_STAGING_URL", staging.c_str(), 1);
    auto staged = run_cli({"--env", "staging", "--apply"});
    auto refused = run_cli({"--env", "production", "--apply"});  // ctest's stdin is not a terminal
    bool production_touched = std::filesystem::exists(production);
    auto diff = run_cli({"diff", "staging", "production"});
    auto forced = run_cli({"--env", "production", "--apply", "--yes"});
    auto in_sync = run_cli({"diff", "staging", "production", "--exit-code"});
    auto unknown = run_cli({"--env", "qa", "--dry-run"});
    unsetenv("RECONCILE_TEST_STAGING_URL");
    auto unset = run_cli({"--env", "staging", "--dry-run"});
    std::filesystem::current_path(old);

    INFO(staged.all() + refused.all() + forced.all());
    CHECK(staged.status == 0);
    CHECK(refused.status == 1);
    CHECK_THAT(refused.err, Catch::Contains("environment 'production' is protected"));
    CHECK_FALSE(production_touched);
    // A SQLite environment whose file does not exist yet is refused as a diff side, not read as
    // empty: a mistyped path must not look like a database with no tables.
    CHECK(diff.status == 1);
    CHECK_THAT(diff.err, Catch::Contains("production.db' does not exist"));
    CHECK(forced.status == 0);
    CHECK(in_sync.status == 0);
    CHECK(unknown.status == 2);
    CHECK(unset.status == 2);
    CHECK_THAT(unset.err, Catch::Contains("$RECONCILE_TEST_STAGING_URL, which is not set"));
}

TEST_CASE("at a terminal, a protected environment shows the plan and applies only after 'yes'", "[pipeline]") {
    TempDir dir;
    std::filesystem::copy(testing::example_schema_dir(), dir.path() / "schema", std::filesystem::copy_options::recursive);
    dir.write("reconcile.toml", "[environments.production]\nurl = \"sqlite:prod.db\"\nprotected = true\n");
    // script(1) gives the binary a pseudo-terminal for standard input, as a person's shell would.
    auto run_with_answer = [&](const std::string& answer) {
        std::string cmd = "cd '" + dir.path().string() + "' && (sleep 1; printf '" + answer +
                          "\\n') | script -qec '" RECONCILE_BINARY_PATH " --env production --apply --color never' /dev/null > out.txt 2>&1";
        int status = std::system(cmd.c_str());
        std::ifstream in(dir.path() / "out.txt");
        std::stringstream text;
        text << in.rdbuf();
        return std::make_pair(WEXITSTATUS(status), text.str());
    };
    auto [declined_status, declined] = run_with_answer("no");
    CHECK(declined_status == 1);
    CHECK_THAT(declined, Catch::Contains("Summary: 31 to create"));
    CHECK_THAT(declined, Catch::Contains("Environment 'production' is protected. Type yes to apply:"));
    CHECK_THAT(declined, Catch::Contains("not confirmed: nothing was changed"));
    {
        reconcile::db::SqliteConnection prod((dir.path() / "prod.db").string(), reconcile::db::SqliteConnection::Open::ReadOnly);
        CHECK(prod.query("SELECT count(*) FROM sqlite_schema", {})[0][0] == std::optional<std::string>("0"));
    }
    auto [accepted_status, accepted] = run_with_answer("yes");
    CHECK(accepted_status == 0);
    CHECK_THAT(accepted, Catch::Contains("verified: the database matches the model"));
}

TEST_CASE("a SQLite script that rebuilds a table turns foreign keys off first, so cascading children keep their rows", "[pipeline]") {
    SqliteFile db;
    db.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY, name text);"
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id integer REFERENCES parent (id) ON DELETE CASCADE);"
            "INSERT INTO parent VALUES (1, 'a'); INSERT INTO child VALUES (1, 1), (2, 1)");
    TempDir dir;
    const auto model = dir.write("model.toml", R"T(
[[tables]]
name = "parent"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "name", type = "text", nullable = false }]

[[tables]]
name = "child"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "parent_id", type = "integer" }]
foreign_keys = [{ columns = ["parent_id"], references = { table = "parent", columns = ["id"] }, on_delete = "cascade" }]
)T");
    auto r = run_cli({"--dry-run", "--format", "sql", "--schema", model.string(), "--database-url", db.url()});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("PRAGMA foreign_keys = OFF;\nBEGIN;\n") && Catch::Contains("DROP TABLE \"parent\";"));
    // A client that enforces foreign keys runs the script: the script's own PRAGMA comes first.
    auto script = dir.write("plan.sql", "PRAGMA foreign_keys = ON;\n" + r.out);
    REQUIRE(db.run_sql_file(script) == 0);
    CHECK(db.scalar("SELECT count(*) FROM child") == "2");
    CHECK(db.scalar("SELECT \"notnull\" FROM pragma_table_info('parent') WHERE name = 'name'") == "1");
}

TEST_CASE("a plan file's fingerprint is 16 hex digits, a dry run's JSON has none, and a plan of format version 1 is refused", "[pipeline]") {
    PgDatabase db;
    TempDir dir;
    const std::string plan = (dir.path() / "plan.json").string();
    auto made = run_cli({"--dry-run", "--format", "json", "--plan-out", plan, "--schema", testing::example_schema_dir(),
                         "--database-url", db.url()});
    REQUIRE(made.status == 0);
    CHECK_FALSE(nlohmann::json::parse(made.out).contains("fingerprint"));  // stdout: the plan, not the file
    CHECK(nlohmann::json::parse(made.out).at("target").at("engine") == "postgresql");
    auto j = nlohmann::json::parse(std::ifstream(plan));
    const std::string fingerprint = j.at("fingerprint").get<std::string>();
    CHECK(fingerprint.size() == 16);
    CHECK(fingerprint.find_first_not_of("0123456789abcdef") == std::string::npos);

    // The same plan as version 1 wrote it: refused, nothing run, made again by this reconcile.
    j["version"] = 1;
    std::ofstream(plan) << j.dump(2);
    const std::string before = db.catalog_snapshot();
    auto refused = run_cli({"--apply", "--plan", plan, "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(refused.all());
    CHECK(refused.status != 0);
    CHECK_THAT(refused.err, Catch::Contains("format version 1") && Catch::Contains("make the plan again"));
    CHECK(db.catalog_snapshot() == before);
}

TEST_CASE("diff --allow-drop shows what TO has and FROM does not as drops, with their SQL", "[pipeline]") {
    TempDir dir;
    const auto from = dir.write("from.toml", "[[tables]]\nname = \"kept\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
    const auto to = dir.write("to.toml", "[[tables]]\nname = \"kept\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n"
                                         "[[tables]]\nname = \"gone\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
    auto without = run_cli({"diff", from.string(), to.string(), "--color", "never"});
    INFO(without.all());
    CHECK(without.out.find("DROP TABLE") == std::string::npos);
    auto with = run_cli({"diff", from.string(), to.string(), "--allow-drop", "--color", "never", "--format", "sql"});
    INFO(with.all());
    CHECK(with.status == 0);
    CHECK_THAT(with.out, Catch::Contains("DROP TABLE IF EXISTS \"public\".\"gone\""));
    CHECK(with.out.find("\"kept\"") == std::string::npos);
}

TEST_CASE("reconcile.toml's schema and ignore_tables are the run's, unless the command line says otherwise", "[pipeline]") {
    TempDir dir;
    std::filesystem::copy(testing::example_schema_dir(), dir.path() / "model", std::filesystem::copy_options::recursive);
    SqliteFile db;
    db.exec("CREATE TABLE legacy_orders (id INTEGER PRIMARY KEY)");
    dir.write("reconcile.toml", "schema = \"model\"\nignore_tables = [\"legacy_*\"]\n");
    auto old = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    auto dry = run_cli({"--dry-run", "--color", "never", "--format", "json", "--database-url", db.url()});
    auto other = run_cli({"--dry-run", "--color", "never", "--schema", "missing", "--database-url", db.url()});
    std::filesystem::current_path(old);
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    const auto plan = nlohmann::json::parse(dry.out);
    // The model came from ./model (its 13 tables are planned), and legacy_orders is neither
    // dropped nor reported.
    CHECK(plan.at("summary").at("to_create").get<int>() > 13);
    CHECK(dry.out.find("legacy_orders") == std::string::npos);
    CHECK(other.status == 1);
    CHECK_THAT(other.err, Catch::Contains("schema path 'missing' does not exist"));
}

TEST_CASE("the SQL script: --format sql writes enum values before BEGIN, each committed on its own", "[pipeline]") {
    PgDatabase db;
    db.exec("CREATE TYPE mood AS ENUM ('calm')");
    TempDir dir;
    const auto model = dir.write("model.toml", "[[enums]]\nname = \"mood\"\nvalues = [\"calm\", \"cheerful\"]\n\n"
                                               "[[tables]]\nname = \"notes\"\ncolumns = [{ name = \"mood\", type = \"mood\", default = \"'cheerful'\" }]\n");
    auto r = run_cli({"--dry-run", "--format", "sql", "--schema", model.string(), "--database-url", db.url()});
    INFO(r.all());
    REQUIRE(r.status == 0);
    const auto add_value = r.out.find("ADD VALUE IF NOT EXISTS 'cheerful'");
    const auto begin = r.out.find("\nBEGIN;");
    REQUIRE(add_value != std::string::npos);
    REQUIRE(begin != std::string::npos);
    CHECK(add_value < begin);
    CHECK(r.out.find("CREATE TABLE", begin) != std::string::npos);
}

TEST_CASE("a SQLite script: drops run twice, an ADD COLUMN fails its second run inside its transaction and changes nothing",
          "[pipeline][sqlite]") {
    TempDir dir;
    {
        SqliteFile db;
        db.exec("CREATE TABLE keep (id INTEGER PRIMARY KEY); CREATE TABLE old_stuff (id INTEGER); CREATE INDEX keep_id ON keep (id)");
        const auto model = dir.write("drops.toml", "[[tables]]\nname = \"keep\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
        auto r = run_cli({"--dry-run", "--format", "sql", "--allow-drop", "--schema", model.string(), "--database-url", db.url()});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("DROP TABLE IF EXISTS") && Catch::Contains("DROP INDEX IF EXISTS"));
        const auto script = dir.write("drops.sql", r.out);
        CHECK(db.run_sql_file(script) == 0);
        CHECK(db.run_sql_file(script) == 0);
        CHECK(db.scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema ORDER BY name)") == "keep");
    }
    {
        SqliteFile db;
        db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY)");
        const auto model = dir.write("add.toml", "[[tables]]\nname = \"events\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }, "
                                                 "{ name = \"note\", type = \"text\" }]\n");
        auto r = run_cli({"--dry-run", "--format", "sql", "--schema", model.string(), "--database-url", db.url()});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("ADD COLUMN"));
        const auto script = dir.write("add.sql", r.out);
        CHECK(db.run_sql_file(script) == 0);
        const std::string after_first = db.catalog_snapshot();
        CHECK(db.run_sql_file(script) != 0);  // duplicate column name
        CHECK(db.catalog_snapshot() == after_first);
    }
}

namespace {

template <std::size_t... I>
std::set<std::string> every_change_kind(std::index_sequence<I...>) {
    return {reconcile::report::change_kind(reconcile::diff::Change(std::in_place_index<I>))...};
}

std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// The fields of version 2, at each level: removing or renaming one must raise `version`.
void require_fields(const nlohmann::json& object, std::initializer_list<const char*> fields, const std::string& where) {
    for (const char* field : fields) {
        INFO(where << " lost the version-2 field " << field << ": a removed or renamed field needs a new version");
        CHECK(object.contains(field));
    }
}

}  // namespace

// One PostgreSQL plan with statements of all three times (an enum value first, the main
// transaction, a concurrent index after), hazards, warnings of two kinds and a not-managed
// object, read as docs/plan-format.md describes it.
TEST_CASE("the JSON plan keeps the version-2 fields, lists changes in execution order, and says what the text preview says", "[pipeline][postgres]") {
    PgDatabase db;
    db.exec("CREATE TYPE mood AS ENUM ('sad', 'ok');"
            "CREATE TYPE colour AS ENUM ('red', 'green');"
            "CREATE TABLE people (id integer PRIMARY KEY, name text, legacy integer);"
            "INSERT INTO people VALUES (1, 'a', 1);"
            "CREATE RULE people_keep AS ON DELETE TO people WHERE old.id < 0 DO INSTEAD NOTHING;");
    TempDir dir;
    const std::string model = dir.write("schema.toml", R"(
[[enums]]
name = "mood"
values = ["sad", "ok", "happy"]

[[enums]]
name = "colour"
values = ["green", "red"]

[[tables]]
name = "people"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "name", type = "text", nullable = false, default = "''" },
  { name = "mood", type = "mood", default = "'happy'" },
]
  [[tables.indexes]]
  name = "people_name"
  columns = ["name"]

[[tables]]
name = "pets"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "owner", type = "integer" }]
foreign_keys = [{ columns = ["owner"], references = { table = "people", columns = ["id"] } }]
)").string();
    auto json_run = run_cli({"--dry-run", "--format", "json", "--schema", model, "--database-url", db.url()});
    INFO(json_run.all());
    REQUIRE(json_run.status == 0);
    const auto plan = nlohmann::json::parse(json_run.out);

    require_fields(plan, {"format", "version", "target", "changes", "in_sync", "warnings", "statements", "not_managed", "summary"}, "the plan");
    CHECK(plan.at("version") == 2);
    require_fields(plan.at("target"), {"engine", "url"}, "target");
    require_fields(plan.at("summary"), {"to_create", "to_modify", "to_rename", "to_drop", "in_sync", "warnings", "not_managed"}, "summary");
    REQUIRE_FALSE(plan.at("changes").empty());
    for (const auto& c : plan.at("changes")) require_fields(c, {"kind", "object", "table", "name", "description", "statements"}, "changes[]");
    REQUIRE_FALSE(plan.at("in_sync").empty());
    for (const auto& s : plan.at("in_sync")) require_fields(s, {"object", "table", "name"}, "in_sync[]");
    REQUIRE_FALSE(plan.at("warnings").empty());
    for (const auto& w : plan.at("warnings")) require_fields(w, {"kind", "object", "table", "name", "message"}, "warnings[]");
    REQUIRE_FALSE(plan.at("not_managed").empty());
    for (const auto& n : plan.at("not_managed")) require_fields(n, {"kind", "name", "table"}, "not_managed[]");
    std::set<std::string> runs, hazard_kinds;
    for (const auto& st : plan.at("statements")) {
        require_fields(st, {"sql", "runs", "hazards"}, "statements[]");
        runs.insert(st.at("runs").get<std::string>());
        for (const auto& h : st.at("hazards")) {
            require_fields(h, {"kind", "reason"}, "hazards[]");
            hazard_kinds.insert(h.at("kind").get<std::string>());
        }
    }
    CHECK(runs == std::set<std::string>{"before_transaction", "in_transaction", "after_transaction"});
    CHECK(hazard_kinds.count("commits-first") == 1);

    // changes[] in execution order: their statements, taken in that order and grouped by when
    // they run, are statements[] exactly.
    std::vector<std::string> by_changes;
    for (const char* when : {"before_transaction", "in_transaction", "after_transaction"})
        for (const auto& c : plan.at("changes"))
            for (const auto& st : c.at("statements"))
                if (st.at("runs") == when) by_changes.push_back(st.at("sql").get<std::string>());
    std::vector<std::string> executed;
    for (const auto& st : plan.at("statements")) executed.push_back(st.at("sql").get<std::string>());
    CHECK(by_changes == executed);
    // The table pets is made after people, whose key its foreign key names, and the enum's
    // value before the column that defaults to it.
    auto position = [&](const std::string& part) {
        return std::find_if(executed.begin(), executed.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; }) - executed.begin();
    };
    CHECK(position("ADD VALUE IF NOT EXISTS 'happy'") < position("ADD COLUMN IF NOT EXISTS \"mood\""));
    CHECK(position("REFERENCES \"public\".\"people\"") < static_cast<long>(executed.size()));

    // The sentences are the text preview's.
    auto text_run = run_cli({"--dry-run", "--schema", model, "--database-url", db.url(), "--color", "never"});
    REQUIRE(text_run.status == 0);
    const std::string text = one_line(text_run.out);
    for (const auto& c : plan.at("changes")) CHECK_THAT(text, Catch::Contains(one_line(c.at("description").get<std::string>())));
    for (const auto& st : plan.at("statements"))
        for (const auto& h : st.at("hazards")) CHECK_THAT(text, Catch::Contains(one_line(h.at("reason").get<std::string>())));
    for (const auto& w : plan.at("warnings")) CHECK_THAT(text, Catch::Contains(one_line(w.at("message").get<std::string>())));

    // definition_differs: the reordered enum, which no change makes.
    bool reordered = false;
    for (const auto& w : plan.at("warnings"))
        reordered = reordered || (w.at("kind") == "definition_differs" && w.at("object") == "enum type" && w.at("name") == "colour");
    CHECK(reordered);
}

TEST_CASE("the change kinds docs/plan-format.md lists are the kinds the plan can hold", "[pipeline]") {
    const std::string doc = testing::read_file(std::filesystem::path(testing::source_dir()) / "docs" / "plan-format.md");
    const auto row = doc.find("| `changes[].kind` |");
    REQUIRE(row != std::string::npos);
    const std::string line = doc.substr(row, doc.find('\n', row) - row);
    std::set<std::string> documented;
    const std::regex quoted("`([a-z_]+)`");
    for (auto it = std::sregex_iterator(line.begin(), line.end(), quoted); it != std::sregex_iterator(); ++it)
        if ((*it)[1] != "changes") documented.insert((*it)[1]);
    CHECK(documented == every_change_kind(std::make_index_sequence<std::variant_size_v<reconcile::diff::Change>>()));
}

TEST_CASE("a SQLite script's foreign key check prints the violations a rebuild finds, where --apply rolls back on them", "[pipeline][sqlite]") {
    const char* current = "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id integer);"
                          "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1), (2, 99);";
    SqliteFile scripted, applied;
    scripted.exec(current);
    applied.exec(current);
    TempDir dir;
    const std::string model = dir.write("schema.toml", R"(
[[tables]]
name = "parent"
columns = [{ name = "id", type = "integer", primary_key = true }]

[[tables]]
name = "child"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "parent_id", type = "integer" }]
foreign_keys = [{ columns = ["parent_id"], references = { table = "parent", columns = ["id"] } }]
)").string();
    auto script = run_cli({"--dry-run", "--format", "sql", "--schema", model, "--database-url", scripted.url()});
    REQUIRE(script.status == 0);
    CHECK_THAT(script.out, Catch::Contains("PRAGMA foreign_key_check;\nCOMMIT;"));
    const auto file = dir.write("plan.sql", script.out);
    FILE* sqlite = popen(("sqlite3 '" + scripted.path().string() + "' < '" + file.string() + "' 2>&1").c_str(), "r");
    REQUIRE(sqlite != nullptr);
    std::string printed;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, sqlite)) printed += buffer;
    pclose(sqlite);
    // table | rowid | parent | the foreign key's number
    CHECK(printed == "child|2|parent|0\n");

    const std::string before = applied.structure_snapshot();
    auto r = run_cli({"--apply", "--color", "never", "--allow-hazards", "rewrites-table", "--schema", model, "--database-url", applied.url()});
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.all(), Catch::Contains("(child, 2, parent, 0)"));
    CHECK(applied.structure_snapshot() == before);
}

// The preview is what runs: its SQL section, statement for statement, is what the apply sends
// (pg_stat_statements keeps each utility statement's text as the server received it).
TEST_CASE("the text preview's SQL is exactly the DDL --apply sends to the server", "[pipeline][postgres]") {
    PgDatabase db;
    auto text = run_cli({"--dry-run", "--color", "never", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    auto json_run = run_cli({"--dry-run", "--format", "json", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    REQUIRE(text.status == 0);
    REQUIRE(json_run.status == 0);
    const auto plan = nlohmann::json::parse(json_run.out);
    std::vector<std::string> planned;
    std::string section;
    for (const auto& st : plan.at("statements")) {
        planned.push_back(st.at("sql").get<std::string>());
        section += st.at("sql").get<std::string>() + ";\n";
    }
    REQUIRE(planned.size() > 20);
    const std::string header = "SQL (--apply runs it in one transaction):\n";
    const auto begin = text.out.find(header);
    REQUIRE(begin != std::string::npos);
    const auto end = text.out.find("\nSummary:", begin);
    CHECK(text.out.substr(begin + header.size(), end - begin - header.size()) == section);

    db.start_statement_count();
    auto applied = run_cli({"--apply", "--color", "never", "--schema", testing::example_schema_dir(), "--database-url", db.url()});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    std::vector<std::string> sent;
    const std::regex ddl(R"(^(CREATE|ALTER|DROP|COMMENT|GRANT|REVOKE|DO|INSERT|UPDATE|DELETE)\b)");
    for (const auto& [query, calls] : db.statement_count())
        if (std::regex_search(query, ddl))
            for (long long i = 0; i < calls; ++i) sent.push_back(query);
    std::sort(planned.begin(), planned.end());
    std::sort(sent.begin(), sent.end());
    CHECK(sent == planned);
}

// psql splits a script into statements itself: a BEGIN ATOMIC body, with its own ';' and a
// CASE … END inside, must reach the server as one CREATE FUNCTION, twice.
TEST_CASE("a --format sql script with SQL-standard function bodies runs twice under psql and leaves what --apply leaves", "[pipeline][postgres]") {
    PgDatabase scripted, applied;
    TempDir dir;
    const std::string model = dir.write("schema.toml", R"(
[[tables]]
name = "accounts"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "balance", type = "numeric", nullable = false, default = "0" }]

[[functions]]
name = "settle"
procedure = true
arguments = [{ name = "wanted", type = "integer" }]
sql_body = """
BEGIN ATOMIC
  UPDATE accounts SET balance = CASE WHEN balance < 0 THEN 0 ELSE balance END WHERE id = wanted;
  DELETE FROM accounts WHERE id = wanted AND balance = 0;
END"""

[[functions]]
name = "doubled"
arguments = [{ name = "x", type = "numeric" }]
returns = "numeric"
volatility = "immutable"
sql_body = "RETURN x * 2"
)").string();
    auto r = run_cli({"--dry-run", "--format", "sql", "--schema", model, "--database-url", scripted.url()});
    REQUIRE(r.status == 0);
    const auto script = dir.write("plan.sql", r.out);
    for (int run = 0; run < 2; ++run) CHECK(scripted.run_sql_file(script) == 0);
    REQUIRE(run_cli({"--apply", "--schema", model, "--database-url", applied.url()}).status == 0);
    CHECK(scripted.catalog_snapshot() == applied.catalog_snapshot());
    scripted.exec("INSERT INTO accounts VALUES (1, -5), (2, 3); CALL settle(1); CALL settle(2)");
    CHECK(scripted.scalar("SELECT string_agg(id || ':' || balance, ',' ORDER BY id) FROM accounts") == "2:3");
    CHECK(scripted.scalar("SELECT doubled(2.5)") == "5.0");
}

// The cycle pg_dump breaks (a default calling a function that reads the default's own table):
// the default set after the function is part of making the table, said and counted so.
TEST_CASE("a default set after the function it calls is part of making its table, in the preview and the JSON", "[pipeline][postgres]") {
    PgDatabase db;
    const std::string model =
        testing::source_dir() + "/tests/cases/postgres/default-and-check-calling-a-function-whose-sql-body-reads-their-table/desired.toml";
    const auto plan = testing::dry_run_json(model, db.url());
    CHECK(plan.at("summary").at("to_modify") == 0);
    bool said = false;
    for (const auto& c : plan.at("changes"))
        if (c.at("kind") == "modify_column") {
            said = true;
            CHECK(c.at("description") == "column public.accounts.code: default next_code(), set once the functions it calls are made (the table is made without it)");
        }
    CHECK(said);
    auto text = run_cli({"--dry-run", "--color", "never", "--schema", model, "--database-url", db.url()});
    CHECK_THAT(text.out, Catch::Contains("+ column public.accounts.code\n"));
    CHECK_THAT(text.out, !Catch::Contains("~ column"));
    CHECK_THAT(text.out, Catch::Contains("Summary: 5 to create, 0 in sync"));
}
