#include <catch2/catch.hpp>

#include "dialect/dialect.h"
#include "dialect/postgres/postgres_dialect.h"
#include "support/harness.h"

using namespace reconcile;

namespace {

const dialect::Dialect& pg() { return dialect::dialect_for(db::Engine::PostgreSQL); }
const dialect::Dialect& lite() { return dialect::dialect_for(db::Engine::SQLite); }

const char* kTable = R"T(
[[tables]]
name = "users"
columns = [
  { name = "id", type = "bigserial", primary_key = true },
  { name = "org_id", type = "bigint", nullable = false },
  { name = "email", type = "varchar(255)", nullable = false, unique = true },
  { name = "score", type = "int", default = "0" },
  { name = "nick", type = "text", default = "lower('X')" },
]
checks = [{ name = "users_score_check", expression = "score >= 0" }]
[[tables]]
name = "orgs"
columns = [{ name = "id", type = "bigint", primary_key = true }]
[[tables.foreign_keys]]
columns = ["id"]
references = { table = "users", columns = ["id"] }
on_delete = "cascade"
)T";

}  // namespace

TEST_CASE("PostgreSQL CREATE TABLE is idempotent and fully quoted", "[render]") {
    auto s = testing::schema_from_toml(kTable);
    auto r = pg().render(diff::CreateTable{s.tables[0]});
    REQUIRE(r.statements.size() == 1);
    CHECK(r.statements[0].sql ==
          "CREATE TABLE IF NOT EXISTS \"public\".\"users\" (\n"
          "    \"id\" bigserial NOT NULL,\n"
          "    \"org_id\" bigint NOT NULL,\n"
          "    \"email\" character varying(255) NOT NULL,\n"
          "    \"score\" integer DEFAULT 0,\n"
          "    \"nick\" text DEFAULT lower('X'),\n"
          "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
          "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\"),\n"
          "    CONSTRAINT \"users_score_check\" CHECK (score >= 0)\n"
          ")");
}

TEST_CASE("PostgreSQL constraints on existing tables are guarded by the catalog", "[render]") {
    auto s = testing::schema_from_toml(kTable);
    auto r = pg().render(diff::AddForeignKey{s.tables[1].ref, s.tables[1].foreign_keys[0]});
    // On a table with rows: added NOT VALID, then validated in a statement of its own.
    REQUIRE(r.statements.size() == 2);
    CHECK(r.statements[1].sql == "ALTER TABLE \"public\".\"orgs\" VALIDATE CONSTRAINT \"orgs_id_fkey\"");
    CHECK(r.statements[1].has(plan::HazardKind::Validates));
    CHECK(r.statements[0].sql ==
          "DO $reconcile$\n"
          "BEGIN\n"
          "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '\"public\".\"orgs\"'::regclass AND conname = 'orgs_id_fkey') THEN\n"
          "        ALTER TABLE \"public\".\"orgs\" ADD CONSTRAINT \"orgs_id_fkey\" FOREIGN KEY (\"id\") REFERENCES \"public\".\"users\" (\"id\") ON DELETE CASCADE NOT VALID;\n"
          "    END IF;\n"
          "END\n"
          "$reconcile$");
    auto col = pg().render(diff::AddColumn{s.tables[0].ref, s.tables[0].columns[3]});
    CHECK(col.statements[0].sql == "ALTER TABLE \"public\".\"users\" ADD COLUMN IF NOT EXISTS \"score\" integer DEFAULT 0");
    const diff::AddIndex add{s.tables[0].ref, model::Index::on_columns("users_org_id_email_idx", {"org_id", "email"}, true), std::nullopt};
    // A table known to be empty: in the main transaction.
    const dialect::TableSizes empty{{s.tables[0].ref, dialect::TableSize{0, 8192, false, true}}};
    auto idx = pg().render(add, dialect::RenderContext{&empty, true});
    CHECK(idx.statements[0].sql == "CREATE UNIQUE INDEX IF NOT EXISTS \"users_org_id_email_idx\" ON \"public\".\"users\" (\"org_id\", \"email\")");
    CHECK(idx.statements[0].runs == plan::Phase::InTransaction);
    // Size unknown (no catalog): taken to hold rows, built concurrently after the transaction.
    auto online = pg().render(add);
    CHECK(online.statements[0].sql ==
          "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"users_org_id_email_idx\" ON \"public\".\"users\" (\"org_id\", \"email\")");
    CHECK(online.statements[0].runs == plan::Phase::AfterTransaction);
    CHECK(online.statements[0].lock_wait == plan::LockWait::Long);
    CHECK(pg().render(add, dialect::RenderContext{nullptr, false}).statements[0].runs == plan::Phase::InTransaction);
}

TEST_CASE("identifiers that look like SQL stay identifiers", "[render]") {
    const std::string evil = "a\"b; DROP TABLE users; --";
    CHECK(pg().quote_identifier(evil) == "\"a\"\"b; DROP TABLE users; --\"");
    CHECK(lite().quote_identifier(evil) == "\"a\"\"b; DROP TABLE users; --\"");
    // A name holding the dollar-quote tag cannot end the DO block.
    model::Check check{"c$reconcile$x", {"1 > 0", "1 > 0"}, {}};
    auto r = pg().render(diff::AddCheck{{"public", "t$reconcile$"}, check});
    CHECK(r.statements[0].sql.rfind("DO $reconcile1$", 0) == 0);
    CHECK(r.statements[0].sql.substr(r.statements[0].sql.size() - 12) == "$reconcile1$");
    // Literals double their quotes; backslashes get the E'' form.
    CHECK(dialect::postgres::quote_literal("it's") == "'it''s'");
    CHECK(dialect::postgres::quote_literal("a\\b'") == "E'a\\\\b'''");
}

TEST_CASE("SQLite DDL: serial is INTEGER, types as written, expression defaults in parentheses", "[render]") {
    auto s = testing::schema_from_toml(kTable);
    auto r = lite().render(diff::CreateTable{s.tables[0]});
    REQUIRE(r.unsupported.empty());
    // The INTEGER PRIMARY KEY is the rowid, never NULL: NOT NULL is written only when declared.
    CHECK(r.statements[0].sql ==
          "CREATE TABLE IF NOT EXISTS \"users\" (\n"
          "    \"id\" INTEGER,\n"
          "    \"org_id\" bigint NOT NULL,\n"
          "    \"email\" varchar(255) NOT NULL,\n"
          "    \"score\" int DEFAULT 0,\n"
          "    \"nick\" text DEFAULT (lower('X')),\n"
          "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
          "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\"),\n"
          "    CONSTRAINT \"users_score_check\" CHECK (score >= 0)\n"
          ")");
    auto col = lite().render(diff::AddColumn{s.tables[0].ref, s.tables[0].columns[3]});
    CHECK(col.statements[0].sql == "ALTER TABLE \"users\" ADD COLUMN \"score\" int DEFAULT 0");
    auto fk = lite().render(diff::AddForeignKey{s.tables[1].ref, s.tables[1].foreign_keys[0]});
    CHECK(fk.statements.empty());
    CHECK_THAT(fk.unsupported, Catch::Contains("SQLite cannot add the foreign key orgs_id_fkey to the existing table orgs"));
    auto other_schema = s.tables[0];
    other_schema.ref.schema = "app";
    CHECK_THAT(lite().render(diff::CreateTable{other_schema}).unsupported, Catch::Contains("SQLite has no schemas"));
}
