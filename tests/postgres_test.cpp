// What only PostgreSQL has: concurrent appliers, passwords in URLs, libpqxx's own quoting,
// and catalog introspection whose cost does not grow with the schema.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <map>

#include "db/postgres_connection.h"
#include "db/target.h"
#include "dialect/dialect.h"
#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::TempDir;

TEST_CASE("eight concurrent --apply runs create the schema exactly once", "[postgres]") {
    PgDatabase db;
    db.start_ddl_log();
    const auto [applied, nothing] = testing::apply_eight_at_once(testing::example_schema_dir(), db.url());
    CHECK(applied == 1);
    CHECK(nothing == 7);
    const std::string tables = db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    std::map<std::string, int> created;
    for (const auto& [tag, object] : db.ddl_log())
        if (tag == "CREATE TABLE") ++created[object];
    CHECK(std::to_string(created.size()) == tables);
    for (const auto& [object, times] : created) CHECK(times == 1);
}

TEST_CASE("eight concurrent --apply runs of a plan that commits enum values first apply it exactly once", "[postgres]") {
    // The apply lock is held across both transactions: no second run gets in between them and
    // runs the main statements again.
    PgDatabase db;
    db.exec("CREATE TYPE mood AS ENUM ('sad', 'ok')");
    TempDir dir;
    auto schema = dir.write("s.toml", R"T(
[[enums]]
name = "mood"
values = ["sad", "ok", "happy"]
[[tables]]
name = "people"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "mood", type = "mood", default = "'happy'" }]
)T");
    db.start_ddl_log();
    const auto [applied, nothing] = testing::apply_eight_at_once(schema.string(), db.url());
    CHECK(applied == 1);
    CHECK(nothing == 7);
    int creates = 0;
    for (const auto& [tag, object] : db.ddl_log()) creates += tag == "CREATE TABLE";
    CHECK(creates == 1);
}

TEST_CASE("no output or error contains the password from the URL", "[postgres]") {
    PgDatabase db;
    const std::string password = "Sup3r-s3cret-pw";
    TempDir dir;
    auto schema = dir.write("s.toml", R"T(
[[tables]]
name = "t"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "n", type = "int", default = "no_such_function()" }]
)T");
    std::vector<std::vector<std::string>> runs = {
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", db.url_with_password(password)},
        {"--apply", "--schema", testing::example_schema_dir(), "--database-url", db.url_with_password(password)},
        {"--apply", "--schema", schema.string(), "--database-url", db.url_with_password(password)},     // SQL failure
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", "postgresql://app:" + password + "@127.0.0.1:1/app"},          // refused
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", db.url_with_password(password) + "_missing"},                  // no such db
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", "postgresql://app@127.0.0.1:1/app?password=" + password},
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", "mysql://app:" + password + "@127.0.0.1/app"},                  // bad scheme
        {"diff", testing::example_schema_dir(), "postgresql+psycopg2://app:" + password + "@127.0.0.1/app"},   // SQLAlchemy-style
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", "postgresql://app:" + password + "/x@127.0.0.1:1/app"},
        // The key spelt with percent escapes, which libpq decodes: against the real server
        // (shown in the header, the plan, JSON) and against a refusing one (the error).
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", db.url() + "?pass%77ord=" + password},
        {"--dry-run", "--format", "json", "--schema", testing::example_schema_dir(), "--database-url", db.url() + "?pass%77ord=" + password},
        {"--dry-run", "--format", "sql", "--schema", testing::example_schema_dir(), "--database-url", db.url() + "?pass%77ord=" + password},
        {"--dry-run", "--schema", testing::example_schema_dir(), "--database-url", "postgresql://app@127.0.0.1:1/app?pass%77ord=" + password},
        // Usage errors: CLI11 repeats the word it did not expect.
        {"postgresql://app:" + password + "@127.0.0.1/app"},
        {"--database_url", "postgresql://app:" + password + "@127.0.0.1/app"},
        {"host=127.0.0.1 port=1 user=app password=" + password},
        {"--dry-run", "--database-url=postgresql://app:" + password + "@127.0.0.1/app", "--no-such-flag"},
        {"export", "--database-url", "postgresql://app@127.0.0.1:1/app?pass%77ord=" + password},
    };
    for (const auto& args : runs) {
        auto r = run_cli(args);
        INFO(r.all());
        CHECK(r.all().find(password) == std::string::npos);
        CHECK_FALSE(r.all().empty());
    }
    // Plan files and the GitHub step summary carry the target too.
    TempDir files;
    const auto plan = files.path() / "plan.json", summary = files.path() / "summary.md";
    setenv("GITHUB_ACTIONS", "true", 1);
    setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
    auto planned = run_cli({"--dry-run", "--plan-out", plan.string(), "--schema", testing::example_schema_dir(), "--database-url",
                            db.url() + "?pass%77ord=" + password});
    unsetenv("GITHUB_ACTIONS");
    unsetenv("GITHUB_STEP_SUMMARY");
    CHECK(planned.status == 0);
    for (const auto& file : {plan, summary}) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        INFO(file.string());
        CHECK_FALSE(text.str().empty());
        CHECK(text.str().find(password) == std::string::npos);
    }
    auto shown = run_cli(runs[0]);
    CHECK_THAT(shown.out, Catch::Contains(":***@127.0.0.1"));
    auto refused = run_cli(runs[3]);
    CHECK(refused.status == 1);
    CHECK_THAT(refused.err, Catch::Contains("cannot connect to postgresql://app:***@127.0.0.1:1/app"));
}

TEST_CASE("the offline identifier quoting agrees with libpqxx's quote_name", "[postgres]") {
    PgDatabase db;
    reconcile::db::PostgresConnection c(reconcile::db::Target::parse(db.url()));
    const auto& pg = reconcile::dialect::dialect_for(reconcile::db::Engine::PostgreSQL);
    for (const std::string name : {"users", "Users", "a\"b; DROP TABLE users; --", "with space", "ünïcödé", "\"\"", "select"})
        CHECK(pg.quote_identifier(name) == c.quote_name(name));
}

TEST_CASE("introspection runs the same number of catalog queries for 300 and 3,000 tables", "[postgres]") {
    auto queries_for = [](int tables) {
        PgDatabase db;
        std::string ddl;
        for (int i = 0; i < tables; ++i)
            ddl += "CREATE TABLE t" + std::to_string(i) + " (id serial PRIMARY KEY, ref int" +
                   (i ? " REFERENCES t" + std::to_string(i - 1) + "(id)" : std::string()) +
                   ", v text DEFAULT 'x' CHECK (v <> ''), UNIQUE (v)); CREATE INDEX ON t" + std::to_string(i) + " (ref);";
        db.exec(ddl);
        auto c = db.connect();
        const auto& pg = reconcile::dialect::dialect_for(reconcile::db::Engine::PostgreSQL);
        auto schema = pg.inspect(*c, {"public"});
        REQUIRE(schema.tables.size() == static_cast<std::size_t>(tables));
        CHECK(schema.tables.back().foreign_keys.size() == (tables > 1 ? 1u : 0u));
        return c->query_count();
    };
    const auto small = queries_for(300), large = queries_for(3000);
    CHECK(small == large);
    // tables, columns, constraints, indexes, schemas, enums, sequences, domains, functions, aggregates,
    // triggers, policies, views, extensions, relation names, objects of kinds not modelled, privileges, roles, and the search path pinned for the read and given back
    CHECK(small <= 20);
}
