// End to end on real databases, the same cases on SQLite and PostgreSQL: the CLI in-process
// against a SQLite file and a fresh database on the test PostgreSQL server.
#include <catch2/catch.hpp>

#include "support/harness.h"

using testing::CliResult;
using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

CliResult reconcile_with(const std::string& mode, const std::string& schema, const std::string& url) {
    return run_cli({mode, "--schema", schema, "--database-url", url, "--color", "never"});
}

bool is_pg(const SqliteFile&) { return false; }
bool is_pg(const PgDatabase&) { return true; }

// A model whose expectations the tests spell out exactly.
const char* kShop = R"T(
[[tables]]
name = "customers"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "email", type = "text", nullable = false },
  { name = "tier", type = "text", nullable = false, default = "'basic'" },
  { name = "nickname", type = "varchar(40)" },
]
[[tables]]
name = "orders"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "customer_id", type = "bigint", nullable = false },
  { name = "total_cents", type = "integer", nullable = false, default = "0" },
]
indexes = [{ columns = ["customer_id"] }]
foreign_keys = [{ columns = ["customer_id"], references = { table = "customers", columns = ["id"] }, on_delete = "cascade" }]
checks = [{ name = "orders_total_cents_check", expression = "total_cents >= 0" }]
)T";

}  // namespace

TEMPLATE_TEST_CASE("the example schema applies to an empty database and then dry-runs clean", "[integration]",
                   SqliteFile, PgDatabase) {
    TestType db;
    auto first = reconcile_with("--apply", testing::example_schema_dir(), db.url());
    INFO(first.all());
    REQUIRE(first.status == 0);
    CHECK_THAT(first.out, Catch::Contains("verified: the database matches the model"));
    CHECK_THAT(first.out, Catch::Contains(", 0 warnings"));

    auto dry = reconcile_with("--dry-run", testing::example_schema_dir(), db.url());
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, Catch::EndsWith(", 0 warnings\n"));
    CHECK_THAT(dry.out, !Catch::Contains("\u26a0"));
    CHECK_THAT(dry.out, !Catch::Contains("SQL ("));
}

TEMPLATE_TEST_CASE("a second --apply executes no DDL", "[integration]", SqliteFile, PgDatabase) {
    TestType db;
    REQUIRE(reconcile_with("--apply", testing::example_schema_dir(), db.url()).status == 0);
    // Evidence from the database itself that nothing ran: SQLite bumps schema_version on any
    // DDL; PostgreSQL records DDL in an event trigger's log.
    std::string marker_before;
    if constexpr (std::is_same_v<TestType, PgDatabase>) {
        db.start_ddl_log();
    } else {
        marker_before = db.scalar("PRAGMA schema_version");
    }
    auto second = reconcile_with("--apply", testing::example_schema_dir(), db.url());
    INFO(second.all());
    REQUIRE(second.status == 0);
    CHECK_THAT(second.out, Catch::Contains("nothing to apply: no DDL executed"));
    CHECK_THAT(second.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(second.out, !Catch::Contains("\n+ "));
    if constexpr (std::is_same_v<TestType, PgDatabase>) {
        CHECK(db.ddl_log().empty());
    } else {
        CHECK(db.scalar("PRAGMA schema_version") == marker_before);
    }
}

TEMPLATE_TEST_CASE("an existing database gets exactly the missing pieces and keeps its rows", "[integration]",
                   SqliteFile, PgDatabase) {
    TestType db;
    TempDir dir;
    auto schema = dir.write("shop.toml", kShop);
    db.exec("CREATE TABLE customers (id bigint NOT NULL PRIMARY KEY, email text NOT NULL);"
            "INSERT INTO customers VALUES (1, 'ada@example.com'), (2, 'alan@example.com');");

    auto dry = reconcile_with("--dry-run", schema.string(), db.url());
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    CHECK_THAT(dry.out, Catch::Contains("\u2713 table public.customers (2 columns, 1 primary key)"));
    CHECK_THAT(dry.out, Catch::Contains("+ column public.customers.tier\n+ column public.customers.nickname\n"));
    CHECK_THAT(dry.out, Catch::Contains("+ table public.orders\n+ index orders_customer_id_idx on public.orders\n"));
    CHECK_THAT(dry.out, Catch::Contains("Summary: 4 to create, 4 in sync, 0 warnings"));

    auto applied = reconcile_with("--apply", schema.string(), db.url());
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    CHECK_THAT(applied.out, Catch::Contains("applied 4 statement(s)"));
    CHECK(db.scalar("SELECT count(*) FROM customers") == "2");
    CHECK(db.scalar("SELECT email || ',' || tier || ',' || coalesce(nickname, '-') FROM customers WHERE id = 2") ==
          "alan@example.com,basic,-");
    auto again = reconcile_with("--dry-run", schema.string(), db.url());
    CHECK_THAT(again.out, Catch::Contains("Summary: 0 to create, 14 in sync, 0 warnings"));
}

TEMPLATE_TEST_CASE("a statement failing half-way rolls everything back", "[integration]", SqliteFile, PgDatabase) {
    TestType db;
    TempDir dir;
    // The unique index cannot be built over the duplicate emails already there; by then the
    // plan has created a table and added a column.
    db.exec("CREATE TABLE customers (id bigint NOT NULL PRIMARY KEY, email text NOT NULL);"
            "INSERT INTO customers VALUES (1, 'same@example.com'), (2, 'same@example.com');");
    std::string model = kShop;
    model += R"T(
[[tables]]
name = "customer_emails"
columns = [{ name = "id", type = "bigint", primary_key = true }]
)T";
    model.insert(model.find("[[tables]]\nname = \"orders\""),
                 "[[tables.indexes]]\nname = \"customers_email_key\"\ncolumns = [\"email\"]\nunique = true\n");
    auto schema = dir.write("shop.toml", model);
    const std::string before = db.catalog_snapshot();

    // In one transaction: online, the index would be built concurrently after the main
    // transaction commits (its failure after a commit is tested in online_test.cpp).
    auto r = run_cli({"--apply", "--no-concurrently", "--schema", schema.string(), "--database-url", db.url()});
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("failed:\nCREATE UNIQUE INDEX IF NOT EXISTS \"customers_email_key\""));
    CHECK_THAT(r.out, Catch::Contains("the database said: "));
    CHECK_THAT(r.out, Catch::Contains(is_pg(db) ? "could not create unique index" : "UNIQUE constraint failed"));
    CHECK_THAT(r.out, Catch::Contains("rolled back: nothing was changed"));
    CHECK(db.catalog_snapshot() == before);
    CHECK(db.scalar("SELECT count(*) FROM customers") == "2");
}

TEMPLATE_TEST_CASE("a default the server rejects rolls back the tables created before it", "[integration]", PgDatabase) {
    TestType db;
    TempDir dir;
    db.exec("CREATE TABLE keep_me (id int PRIMARY KEY)");
    auto schema = dir.write("s.toml", std::string(kShop) + R"T(
[[tables]]
name = "zz_broken"
columns = [{ name = "id", type = "bigint", default = "no_such_function()" }]
)T");
    const std::string before = db.catalog_snapshot();
    auto r = reconcile_with("--apply", schema.string(), db.url());
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("statement 3 of 4 failed"));
    CHECK_THAT(r.out, Catch::Contains("function no_such_function() does not exist"));
    CHECK(db.catalog_snapshot() == before);
}

TEMPLATE_TEST_CASE("an injection-shaped table name is created verbatim and nothing else changes", "[integration]",
                   SqliteFile, PgDatabase) {
    TestType db;
    TempDir dir;
    db.exec("CREATE TABLE users (id int PRIMARY KEY); INSERT INTO users VALUES (7);");
    const std::string evil = "a\"b; DROP TABLE users; --";
    auto schema = dir.write("evil.toml", R"T(
[settings]
ignore_tables = ["users"]
[[tables]]
name = 'a"b; DROP TABLE users; --'
columns = [{ name = 'x"); DROP TABLE users; --', type = "int", primary_key = true }]
indexes = [{ name = "i'; DROP TABLE users; --", columns = ['x"); DROP TABLE users; --'] }]
checks = [{ name = "c$reconcile$'", expression = "1 = 1" }]
)T");
    const std::string before = db.catalog_snapshot();
    auto r = reconcile_with("--apply", schema.string(), db.url());
    INFO(r.all());
    REQUIRE(r.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM users") == "1");
    std::string name_query = is_pg(db) ? "SELECT string_agg(relname, ',') FROM pg_class WHERE relname LIKE 'a\"b%' AND relkind = 'r'"
                                       : "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table' AND name LIKE 'a\"b%'";
    CHECK(db.scalar(name_query) == evil);
    // Everything the catalog had before is still there, unchanged.
    std::string after = db.catalog_snapshot();
    std::istringstream lines(before);
    for (std::string line; std::getline(lines, line);) CHECK_THAT(after, Catch::Contains(line));
    CHECK_THAT(reconcile_with("--dry-run", schema.string(), db.url()).out, Catch::Contains("0 to create"));
}

TEMPLATE_TEST_CASE("bad schema input opens no connection", "[integration]", SqliteFile, PgDatabase) {
    TempDir dir;
    auto schema = dir.write("bad.toml", "[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n");
    // A target that would fail loudly if anything tried to reach it: a SQLite file that --apply
    // would create, or a PostgreSQL port with nothing listening.
    std::string url = is_pg(TestType{}) ? "postgresql://nobody:pw@127.0.0.1:1/none" : "sqlite:" + (dir.path() / "never.db").string();
    auto r = reconcile_with("--apply", schema.string(), url);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains(schema.string() + ":3:3: column 't.a' has no 'type'"));
    CHECK_THAT(r.all(), !Catch::Contains("connect"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "never.db"));
}

TEMPLATE_TEST_CASE("a new table may reference a key that only a unique index of the plan provides", "[integration]",
                   SqliteFile, PgDatabase) {
    TestType db;
    TempDir dir;
    db.exec("CREATE TABLE accounts (id int PRIMARY KEY, code text)");
    auto schema = dir.write("s.toml", R"T(
[[tables]]
name = "accounts"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "code", type = "text" }]
indexes = [{ columns = ["code"], unique = true }]
[[tables]]
name = "codes"
columns = [{ name = "code", type = "text", primary_key = true }, { name = "label", type = "text" }]
indexes = [{ name = "codes_label_key", columns = ["label"], unique = true }]
[[tables]]
name = "uses"
columns = [{ name = "account_code", type = "text" }, { name = "label", type = "text" }]
foreign_keys = [
  { columns = ["account_code"], references = { table = "accounts", columns = ["code"] } },
  { columns = ["label"], references = { table = "codes", columns = ["label"] } },
]
)T");
    auto r = reconcile_with("--apply", schema.string(), db.url());
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("verified"));
}

TEST_CASE("a dry run against a SQLite file that does not exist creates nothing", "[integration]") {
    TempDir dir;
    auto r = reconcile_with("--dry-run", testing::example_schema_dir(), "sqlite:" + (dir.path() / "new.db").string());
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("+ table public.orgs"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "new.db"));
}

TEMPLATE_TEST_CASE("a name another kind of object already holds is a warning, never a skipped statement", "[integration]",
                   SqliteFile, PgDatabase) {
    TestType db;
    TempDir dir;
    db.exec("CREATE TABLE base (id int PRIMARY KEY); CREATE VIEW reports AS SELECT id FROM base;"
            "CREATE VIEW other_id_idx AS SELECT id FROM base;");
    auto schema = dir.write("s.toml", R"T(
[settings]
ignore_tables = ["base"]
[[tables]]
name = "reports"
columns = [{ name = "id", type = "int", primary_key = true }]
[[tables]]
name = "other"
columns = [{ name = "id", type = "int", primary_key = true }]
indexes = [{ columns = ["id"] }]
)T");
    auto r = reconcile_with("--apply", schema.string(), db.url());
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("\u26a0 cannot add table reports because the name public.reports is already used by another object"));
    CHECK_THAT(r.out, Catch::Contains("\u26a0 cannot add index other_id_idx because the name public.other_id_idx is already used"));
    CHECK_THAT(r.out, Catch::Contains("applied 1 statement(s)"));
}

TEMPLATE_TEST_CASE("savepoints undo their own work and keep the transaction going after a failure", "[integration]", SqliteFile,
                   PgDatabase) {
    TestType db;
    db.exec("CREATE TABLE kept (n integer)");
    auto c = db.connect();
    c->begin(true);
    c->execute("INSERT INTO kept VALUES (1)");
    c->savepoint();
    c->execute("INSERT INTO kept VALUES (2)");
    c->savepoint();
    CHECK_THROWS_AS(c->execute("INSERT INTO no_such_table VALUES (3)"), reconcile::SqlError);
    c->rollback_to_savepoint();  // the failed inner one
    c->execute("INSERT INTO kept VALUES (4)");
    c->release_savepoint();  // keeps 2 and 4
    c->savepoint();
    c->execute("INSERT INTO kept VALUES (5)");
    c->rollback_to_savepoint();  // undoes 5
    c->commit();
    CHECK(db.scalar("SELECT sum(n) || ':' || count(*) FROM kept") == "7:3");
}
