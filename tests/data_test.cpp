// Reference data ([[tables.rows]]) end to end on real databases: what the case files cannot
// say (concurrent applies, SQL scripts run twice, reviewed plans, values that hold SQL).
// The modes, value types, NULLs, foreign-key order and policy are case files
// (tests/cases/*/rows-*).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "support/harness.h"

using testing::CliResult;
using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

// One engine's fresh database.
class Database {
public:
    explicit Database(bool postgres) {
        if (postgres) pg_ = std::make_unique<PgDatabase>();
        else sqlite_ = std::make_unique<SqliteFile>();
    }
    std::string url() const { return pg_ ? pg_->url() : sqlite_->url(); }
    std::string scalar(const std::string& sql) const { return pg_ ? pg_->scalar(sql) : sqlite_->scalar(sql); }
    void exec(const std::string& sql) const { pg_ ? pg_->exec(sql) : sqlite_->exec(sql); }
    int run_script(const std::filesystem::path& file) const { return pg_ ? pg_->run_sql_file(file, false) : sqlite_->run_sql_file(file); }

private:
    std::unique_ptr<PgDatabase> pg_;
    std::unique_ptr<SqliteFile> sqlite_;
};

// Roles and their permissions, `n` roles with two permissions each.
std::string roles_model(int n, const char* mode = "upsert") {
    std::string roles, permissions;
    for (int i = 1; i <= n; ++i) {
        roles += "  { id = " + std::to_string(i) + ", name = \"role " + std::to_string(i) + "\" },\n";
        permissions += "  { role_id = " + std::to_string(i) + ", code = \"read\" },\n  { role_id = " + std::to_string(i) + ", code = \"write\" },\n";
    }
    return std::string(R"T(
[[tables]]
name = "permissions"
data_mode = ")T") + mode + R"T("
columns = [
  { name = "role_id", type = "integer", nullable = false },
  { name = "code", type = "text", nullable = false },
]
primary_key = ["role_id", "code"]
foreign_keys = [{ columns = ["role_id"], references = { table = "roles", columns = ["id"] } }]
rows = [
)T" + permissions + R"T(]

[[tables]]
name = "roles"
data_mode = ")T" + mode + R"T("
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "name", type = "text", nullable = false },
]
primary_key = ["id"]
rows = [
)T" + roles + "]\n";
}

CliResult must(const std::vector<std::string>& args) {
    CliResult r = run_cli(args);
    INFO(r.all());
    REQUIRE(r.status == 0);
    return r;
}

}  // namespace

TEST_CASE("declared rows: eight applies at once insert each row once", "[data][postgres][sqlite]") {
    for (bool postgres : {true, false}) {
        INFO((postgres ? "postgres" : "sqlite"));
        Database db(postgres);
        TempDir dir;
        const auto schema = dir.write("model.toml", roles_model(40));
        const auto [applied, nothing] = testing::apply_eight_at_once(schema.string(), db.url());
        CHECK(applied == 1);
        CHECK(nothing == 7);
        CHECK(db.scalar("SELECT count(*) FROM roles") == "40");
        CHECK(db.scalar("SELECT count(*) FROM permissions") == "80");
    }
}

TEST_CASE("declared rows: the SQL script runs twice and leaves the rows as declared", "[data][postgres][sqlite]") {
    for (bool postgres : {true, false}) {
        INFO((postgres ? "postgres" : "sqlite"));
        Database db(postgres);
        TempDir dir;
        const auto schema = dir.write("model.toml", roles_model(3));
        must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
        // Rows off the model: one changed, one missing. The script brings them back, twice.
        db.exec("UPDATE roles SET name = 'renamed' WHERE id = 2");
        db.exec("DELETE FROM permissions WHERE role_id = 3 AND code = 'write'");
        const CliResult script = must({"--dry-run", "--format", "sql", "--schema", schema.string(), "--database-url", db.url()});
        CHECK_THAT(script.out, Catch::Contains("UPDATE") && Catch::Contains("ON CONFLICT"));
        const auto file = dir.write("plan.sql", script.out);
        CHECK(db.run_script(file) == 0);
        CHECK(db.run_script(file) == 0);
        CHECK(db.scalar("SELECT name FROM roles WHERE id = 2") == "role 2");
        CHECK(db.scalar("SELECT count(*) FROM permissions") == "6");
        CHECK(testing::dry_run_json(schema.string(), db.url()).at("statements").empty());
    }
}

TEST_CASE("declared rows: a value holding SQL is a value, bound and in the script", "[data][postgres][sqlite]") {
    const std::string hostile = "x'); DROP TABLE notes; --";
    for (bool postgres : {true, false}) {
        INFO((postgres ? "postgres" : "sqlite"));
        Database db(postgres);
        TempDir dir;
        const auto schema = dir.write("model.toml", R"T(
[[tables]]
name = "notes"
columns = [{ name = "id", type = "integer", nullable = false }, { name = "body", type = "text" }]
primary_key = ["id"]
rows = [{ id = 1, body = "x'); DROP TABLE notes; --" }, { id = 2, body = 'back\slash and "quotes"' }]
)T");
        // The script first, on an empty table: its literals are quoted as the engine reads them.
        db.exec("CREATE TABLE notes (id integer NOT NULL PRIMARY KEY, body text)");
        const CliResult script = must({"--dry-run", "--format", "sql", "--schema", schema.string(), "--database-url", db.url()});
        const auto file = dir.write("plan.sql", script.out);
        CHECK(db.run_script(file) == 0);
        CHECK(db.scalar("SELECT body FROM notes WHERE id = 1") == hostile);
        CHECK(db.scalar("SELECT body FROM notes WHERE id = 2") == "back\\slash and \"quotes\"");
        // Then the apply, with bound values.
        db.exec("DELETE FROM notes");
        must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
        CHECK(db.scalar("SELECT body FROM notes WHERE id = 1") == hostile);
        CHECK(db.scalar("SELECT body FROM notes WHERE id = 2") == "back\\slash and \"quotes\"");
    }
}

TEST_CASE("declared rows: a reviewed plan is refused once a row it changes changed", "[data][postgres]") {
    PgDatabase db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(3));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("UPDATE roles SET name = 'renamed' WHERE id = 2");
    const std::string plan = (dir.path() / "plan.json").string();
    must({"--dry-run", "--schema", schema.string(), "--database-url", db.url(), "--plan-out", plan});
    // Someone fixes the row by hand, differently, after the review.
    db.exec("UPDATE roles SET name = 'by hand' WHERE id = 2");
    CliResult r = run_cli({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--plan", plan});
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.all(), Catch::Contains("changed since the plan was made"));
    CHECK(db.scalar("SELECT name FROM roles WHERE id = 2") == "by hand");
    // Made again, it applies: its values are bound from the plan file.
    must({"--dry-run", "--schema", schema.string(), "--database-url", db.url(), "--plan-out", plan});
    must({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--plan", plan});
    CHECK(db.scalar("SELECT name FROM roles WHERE id = 2") == "role 2");
}

TEST_CASE("declared rows: deletes of a sync table need --allow-drop, also from a reviewed plan", "[data][postgres]") {
    PgDatabase db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2, "sync"));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("INSERT INTO roles VALUES (9, 'stray')");
    // Without the permission the row is kept, and said to be.
    CliResult kept = must({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--color", "never"});
    CHECK_THAT(kept.out, Catch::Contains("1 row the model does not declare kept") && Catch::Contains("id=9"));
    CHECK(db.scalar("SELECT count(*) FROM roles") == "3");
    const std::string plan = (dir.path() / "plan.json").string();
    must({"--dry-run", "--schema", schema.string(), "--database-url", db.url(), "--plan-out", plan, "--allow-drop"});
    CliResult refused = run_cli({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--plan", plan});
    INFO(refused.all());
    CHECK(refused.status == 1);
    CHECK_THAT(refused.all(), Catch::Contains("deletes-data") && Catch::Contains("--allow-drop"));
    CHECK(db.scalar("SELECT count(*) FROM roles") == "3");
    // The hazard named is the permission: --allow-hazards deletes-data runs it too.
    must({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--plan", plan, "--allow-hazards", "deletes-data"});
    CHECK(db.scalar("SELECT count(*) FROM roles") == "2");
    db.exec("INSERT INTO roles VALUES (10, 'another stray')");
    must({"--dry-run", "--schema", schema.string(), "--database-url", db.url(), "--plan-out", plan, "--allow-drop"});
    must({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--plan", plan, "--allow-drop"});
    CHECK(db.scalar("SELECT count(*) FROM roles") == "2");
}

TEST_CASE("declared rows: the preview lists rows by key with old and new values, and counts them", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("UPDATE roles SET name = 'old name' WHERE id = 1");
    db.exec("DELETE FROM permissions WHERE role_id = 2 AND code = 'read'");
    CliResult r = must({"--dry-run", "--schema", schema.string(), "--database-url", db.url(), "--color", "never"});
    CHECK_THAT(r.out, Catch::Contains("~ rows of public.roles (upsert, by id): 0 to insert, 1 to update, 0 to delete, 1 in sync"));
    CHECK_THAT(r.out, Catch::Contains("~ id=1: name 'old name' → 'role 1'"));
    CHECK_THAT(r.out, Catch::Contains("+ (role_id, code)=(2, 'read')"));
    CHECK_THAT(r.out, Catch::Contains("rows: 1 to insert, 1 to update, 0 to delete, 4 in sync"));
    const auto json = testing::dry_run_json(schema.string(), db.url());
    CHECK(json.at("summary").at("rows_to_update") == 1);
    const auto& roles = json.at("data").at(0);
    CHECK(roles.at("table") == "public.roles");
    CHECK(roles.at("update").at(0).at("changes").at(0).at("from") == "old name");
    CHECK(roles.at("update").at(0).at("changes").at(0).at("to") == "role 1");
}

TEST_CASE("declared rows: export --data writes rows that plan nothing, re-export byte-identical, and rebuild them elsewhere",
          "[data][postgres][sqlite]") {
    for (bool postgres : {true, false}) {
        INFO((postgres ? "postgres" : "sqlite"));
        Database db(postgres);
        if (postgres) {
            db.exec("CREATE TABLE plans (id integer PRIMARY KEY, code text NOT NULL, price numeric(10,2), active boolean NOT NULL, "
                    "attrs jsonb, tags text[], grid integer[], starts timestamptz, note text)");
            db.exec("INSERT INTO plans VALUES (2, 'pro', 19.90, true, '{\"seats\": 10, \"sso\": true}', '{a,\"b c\"}', '{{1,2},{3,4}}', "
                    "'2024-02-01 10:00+02', 'it''s \"quoted\"\\\\ and\nmultiline'), "
                    "(1, 'free', 0, false, NULL, '{}', NULL, NULL, NULL)");
        } else {
            db.exec("CREATE TABLE plans (id integer NOT NULL PRIMARY KEY, code text NOT NULL, price numeric(10,2), active boolean NOT NULL, "
                    "ratio real, note text)");
            db.exec("INSERT INTO plans VALUES (2, 'pro', 19.9, 1, 0.5, 'it''s \"quoted\"\\ and\nmultiline'), (1, 'free', 0, 0, NULL, NULL)");
        }
        db.exec("CREATE TABLE untouched (id integer NOT NULL PRIMARY KEY)");
        db.exec("INSERT INTO untouched VALUES (1)");
        TempDir dir;
        const auto first = dir.path() / "first", second = dir.path() / "second";
        must({"export", "--database-url", db.url(), "--out", first.string(), "--data", "plans"});
        const std::string exported = testing::read_file(first / "tables" / "plans.toml");
        CHECK_THAT(exported, Catch::Contains("[[tables.rows]]"));
        CHECK(testing::read_file(first / "tables" / "untouched.toml").find("[[tables.rows]]") == std::string::npos);
        // Sorted by key: row 1 first, though inserted second.
        CHECK(exported.find("id = 1") < exported.find("id = 2"));
        auto plan = testing::dry_run_json(first.string(), db.url());
        INFO(plan.dump(2));
        CHECK(plan.at("statements").empty());
        CHECK(plan.at("summary").at("rows_in_sync") == 2);
        must({"export", "--database-url", db.url(), "--out", second.string(), "--data", "public.plans"});
        CHECK(testing::read_tree(first) == testing::read_tree(second));
        // The export rebuilds the table with its rows on an empty database.
        Database empty(postgres);
        must({"--apply", "--schema", first.string(), "--database-url", empty.url()});
        CHECK(empty.scalar("SELECT note FROM plans WHERE id = 2") == db.scalar("SELECT note FROM plans WHERE id = 2"));
        CHECK(empty.scalar("SELECT count(*) FROM plans WHERE note IS NULL") == "1");
        if (postgres) CHECK(empty.scalar("SELECT attrs->>'seats' || tags[2] || grid[2][1] FROM plans WHERE id = 2") == "10b c3");
    }
}

TEST_CASE("declared rows: --schema-only leaves them out, --data-only refuses while the schema differs", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2));
    CliResult schema_only = must({"--apply", "--schema-only", "--schema", schema.string(), "--database-url", db.url()});
    CHECK(db.scalar("SELECT count(*) FROM roles") == "0");
    CHECK(schema_only.out.find("rows of") == std::string::npos);
    db.exec("ALTER TABLE roles ADD COLUMN extra text");
    const auto changed = dir.write("changed.toml", roles_model(2) + "\n");
    // The model has no column extra: the schema differs, so rows alone are refused.
    CliResult refused = run_cli({"--apply", "--data-only", "--schema", changed.string(), "--database-url", db.url(), "--allow-drop"});
    INFO(refused.all());
    CHECK(refused.status == 1);
    CHECK_THAT(refused.all(), Catch::Contains("--data-only: the schema differs from the model"));
    CHECK(db.scalar("SELECT count(*) FROM roles") == "0");
    db.exec("ALTER TABLE roles DROP COLUMN extra");
    must({"--apply", "--data-only", "--schema", schema.string(), "--database-url", db.url()});
    CHECK(db.scalar("SELECT count(*) FROM roles") == "2");
    CHECK(run_cli({"--apply", "--data-only", "--schema-only", "--schema", schema.string(), "--database-url", db.url()}).status == 2);
}

TEST_CASE("declared rows: diff against a database compares them too", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("UPDATE roles SET name = 'old name' WHERE id = 2");
    CliResult r = run_cli({"diff", schema.string(), db.url(), "--exit-code", "--color", "never"});
    INFO(r.all());
    CHECK(r.status == 3);
    CHECK_THAT(r.out, Catch::Contains("~ id=2: name 'old name' → 'role 2'"));
    CHECK_THAT(r.out, Catch::Contains("UPDATE \"roles\" SET \"name\" = 'role 2' WHERE \"id\" = 2;"));
    CHECK(db.scalar("SELECT name FROM roles WHERE id = 2") == "old name");
}

TEST_CASE("declared rows: consecutive rows share an INSERT of at most 500 rows", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(1200));
    const auto plan = testing::dry_run_json(schema.string(), db.url());
    std::vector<std::size_t> rows_per_insert;
    for (const auto& s : plan.at("statements")) {
        const std::string sql = s.at("sql").get<std::string>();
        if (sql.rfind("INSERT INTO \"roles\"", 0) == 0) rows_per_insert.push_back(testing::count(sql, "(?"));
    }
    CHECK(rows_per_insert == std::vector<std::size_t>{500, 500, 200});
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    CHECK(db.scalar("SELECT count(*) FROM roles") == "1200");
    CHECK(db.scalar("SELECT count(*) FROM permissions") == "2400");
    CHECK(testing::dry_run_json(schema.string(), db.url()).at("statements").empty());
}

TEST_CASE("declared rows: a dry run compares them 1000 rows a query plus one query for sync and maps each slice back to its rows",
          "[data][postgres]") {
    PgDatabase db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2500, "sync"));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    // A difference in the first slice of roles, one in the last, and a row missing from the
    // middle slice of permissions.
    db.exec("UPDATE roles SET name = 'renamed' WHERE id IN (1, 2500); DELETE FROM permissions WHERE role_id = 1500 AND code = 'write'");
    db.start_statement_count();
    const auto plan = testing::dry_run_json(schema.string(), db.url());
    std::map<std::string, long long> compares, undeclared;
    for (const auto& [query, n] : db.statement_count()) {
        if (query.find("jsonb_array_elements") == std::string::npos) continue;
        const std::string table = query.find("\"roles\"") != std::string::npos ? "roles" : "permissions";
        (query.find("NOT EXISTS") != std::string::npos ? undeclared : compares)[table] += n;
    }
    CHECK(compares == std::map<std::string, long long>{{"permissions", 5}, {"roles", 3}});
    CHECK(undeclared == std::map<std::string, long long>{{"permissions", 1}, {"roles", 1}});
    std::vector<std::string> updated, inserted;
    for (const auto& table : plan.at("data")) {
        for (const auto& u : table.at("update")) updated.push_back(table.at("table").get<std::string>() + " " + u.at("key").dump());
        for (const auto& i : table.at("insert")) inserted.push_back(table.at("table").get<std::string>() + " " + i.dump());
    }
    CHECK(updated == std::vector<std::string>{"public.roles {\"id\":\"1\"}", "public.roles {\"id\":\"2500\"}"});
    CHECK(inserted == std::vector<std::string>{"public.permissions {\"code\":\"write\",\"role_id\":\"1500\"}"});
}

namespace {

// Every statement any SQLite connection of this process runs while a StatementTrace lives, as
// SQLite reports it (sqlite3_trace_v2, installed on each new connection by an auto extension):
// the in-process CLI's own connections included.
class StatementTrace {
public:
    StatementTrace() {
        sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(&StatementTrace::install));
    }
    ~StatementTrace() { sqlite3_cancel_auto_extension(reinterpret_cast<void (*)(void)>(&StatementTrace::install)); }
    StatementTrace(const StatementTrace&) = delete;
    StatementTrace& operator=(const StatementTrace&) = delete;
    static std::vector<std::string> take() {
        std::lock_guard<std::mutex> lock(mutex());
        return std::move(statements());
    }

private:
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static std::vector<std::string>& statements() {
        static std::vector<std::string> s;
        return s;
    }
    static int record(unsigned, void*, void* statement, void* text) {
        // For a trigger's statements the text is a "-- " comment: only the statement's own.
        if (static_cast<const char*>(text)[0] == '-' && static_cast<const char*>(text)[1] == '-') return 0;
        const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        std::lock_guard<std::mutex> lock(mutex());
        statements().emplace_back(sql ? sql : "");
        return 0;
    }
    static int install(sqlite3* db, char**, const void*) {
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &StatementTrace::record, nullptr);
        return SQLITE_OK;
    }
};

}  // namespace

TEST_CASE("declared rows on SQLite: a dry run compares each table's rows in one query, plus one for sync", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(2500, "sync"));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("UPDATE roles SET name = 'renamed' WHERE id IN (1, 2500); DELETE FROM permissions WHERE role_id = 1500 AND code = 'write'");
    nlohmann::json plan;
    std::vector<std::string> statements;
    {
        StatementTrace trace;
        StatementTrace::take();
        plan = testing::dry_run_json(schema.string(), db.url());
        statements = StatementTrace::take();
    }
    std::map<std::string, long long> compares, undeclared;
    for (const auto& sql : statements) {
        if (sql.find("json_each") == std::string::npos) continue;
        const std::string table = sql.find("\"roles\"") != std::string::npos ? "roles" : "permissions";
        (sql.find("NOT IN") != std::string::npos ? undeclared : compares)[table] += 1;
    }
    INFO(statements.size() << " statements traced");
    CHECK(compares == std::map<std::string, long long>{{"permissions", 1}, {"roles", 1}});
    CHECK(undeclared == std::map<std::string, long long>{{"permissions", 1}, {"roles", 1}});
    std::vector<std::string> updated;
    for (const auto& table : plan.at("data"))
        for (const auto& u : table.at("update")) updated.push_back(table.at("table").get<std::string>() + " " + u.at("key").dump());
    CHECK(updated == std::vector<std::string>{"public.roles {\"id\":\"1\"}", "public.roles {\"id\":\"2500\"}"});
}

TEST_CASE("declared rows: in GitHub Actions the step summary has a line per table whose rows differ", "[data][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const auto schema = dir.write("model.toml", roles_model(3, "sync"));
    must({"--apply", "--schema", schema.string(), "--database-url", db.url()});
    db.exec("UPDATE roles SET name = 'renamed' WHERE id = 2; INSERT INTO roles VALUES (9, 'stray'); DELETE FROM permissions WHERE role_id = 3");
    const auto summary = dir.path() / "summary.md";
    {
        testing::ScopedEnv actions("GITHUB_ACTIONS", "true");
        testing::ScopedEnv file("GITHUB_STEP_SUMMARY", summary.c_str());
        must({"--dry-run", "--schema", schema.string(), "--database-url", db.url()});
    }
    const std::string text = testing::read_file(summary);
    CHECK_THAT(text, Catch::Contains("rows: 2 to insert, 1 to update, 0 to delete"));
    CHECK_THAT(text, Catch::Contains("| ~ | rows of public.permissions | 2 to insert, 0 to update, 0 to delete |"));
    CHECK_THAT(text, Catch::Contains("| ~ | rows of public.roles | 0 to insert, 1 to update, 0 to delete |"));
    CHECK_THAT(text, Catch::Contains("| \u26a0 | rows of public.roles | 1 the model does not declare kept"));
}
