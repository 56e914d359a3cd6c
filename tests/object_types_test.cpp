// Each kind of object the model can declare, on a real database: created from TOML on an empty
// database, a second run is a no-op, and when it is dropped out of band the next plan recreates
// exactly it (and applying that plan verifies).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "dialect/dialect.h"
#include "support/harness.h"

using nlohmann::json;
using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

json plan_json(const std::string& schema, const std::string& url) { return testing::dry_run_json(schema, url); }

void apply_and_verify(const std::string& schema, const std::string& url) {
    auto r = run_cli({"--apply", "--schema", schema, "--database-url", url, "--color", "never"});
    INFO(r.all());
    REQUIRE(r.status == 0);
    REQUIRE_THAT(r.out, Catch::Contains("verified: the database matches the model"));
    REQUIRE_THAT(r.out, Catch::Contains(", 0 warnings)"));
}

// The model in `toml` is applied to the empty database `db`; then it must dry-run to nothing.
template <class Db>
std::string create_and_recheck(const Db& db, const TempDir& dir, const std::string& toml) {
    const std::string schema = dir.write("model.toml", toml).string();
    apply_and_verify(schema, db.url());
    json again = plan_json(schema, db.url());
    INFO(again.dump(2));
    CHECK(again["summary"]["to_create"] == 0);
    CHECK(again["summary"]["warnings"] == 0);
    CHECK(again["statements"].empty());
    return schema;
}

// After `drop_sql` runs out of band, the plan holds exactly one change, named `name`, whose
// SQL contains `sql_fragment`; applying it verifies.
template <class Db>
void dropped_object_is_recreated(const Db& db, const std::string& schema, const std::string& drop_sql,
                                 const std::string& name, const std::string& sql_fragment) {
    db.exec(drop_sql);
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    REQUIRE(plan["changes"].size() == 1);
    CHECK(plan["changes"][0]["name"] == name);
    CHECK(plan["summary"]["warnings"] == 0);
    REQUIRE(plan["statements"].size() >= 1);
    CHECK_THAT(plan["statements"][0]["sql"].get<std::string>(), Catch::Contains(sql_fragment));
    apply_and_verify(schema, db.url());
    CHECK(plan_json(schema, db.url())["changes"].empty());
}

const char* kPgIndexes = R"T(
[[tables]]
name = "docs"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "email", type = "varchar(200)", nullable = false },
  { name = "title", type = "text" },
  { name = "tags", type = "text[]" },
  { name = "body", type = "jsonb" },
  { name = "span", type = "tstzrange" },
  { name = "created_at", type = "timestamptz", nullable = false, default = "now()" },
  { name = "deleted_at", type = "timestamptz" },
  { name = "rank", type = "integer" },
]
indexes = [
  { name = "docs_lower_email_key", unique = true, columns = [{ expression = "lower(email)" }], where = "deleted_at IS NULL" },
  { name = "docs_created_rank", columns = [{ column = "created_at", order = "desc" }, { column = "rank", nulls = "first" }], include = ["title"] },
  { name = "docs_tags_gin", using = "gin", columns = ["tags"] },
  { name = "docs_body_path", using = "gin", columns = [{ column = "body", opclass = "jsonb_path_ops" }] },
  { name = "docs_span_gist", using = "gist", columns = ["span"] },
  { name = "docs_title_pattern", columns = [{ column = "title", opclass = "text_pattern_ops", collation = "C" }] },
  { name = "docs_created_brin", using = "brin", columns = ["created_at"] },
  { name = "docs_email_hash", using = "hash", columns = ["email"] },
  { name = "docs_title_rank", columns = ["title", { expression = "rank + 1", order = "desc", nulls = "last" }] },
  { name = "docs_email_rank_key", unique = true, columns = ["email", "rank"], nulls_distinct = false },
]
)T";

}  // namespace

TEST_CASE("PostgreSQL indexes: expressions, partial, methods, operator classes, collation, INCLUDE, ordering",
          "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, kPgIndexes);

    // What the server built is what was declared (read back with the server's own deparser).
    auto def = [&](const std::string& index) {
        return db.scalar("SELECT pg_get_indexdef('public." + index + "'::regclass)");
    };
    CHECK_THAT(def("docs_lower_email_key"), Catch::Contains("UNIQUE INDEX") && Catch::Contains("lower((email)::text)") &&
                                                Catch::Contains("WHERE (deleted_at IS NULL)"));
    CHECK_THAT(def("docs_created_rank"), Catch::Contains("(created_at DESC, rank NULLS FIRST) INCLUDE (title)"));
    CHECK_THAT(def("docs_body_path"), Catch::Contains("USING gin (body jsonb_path_ops)"));
    CHECK_THAT(def("docs_span_gist"), Catch::Contains("USING gist (span)"));
    CHECK_THAT(def("docs_title_pattern"), Catch::Contains("(title COLLATE \"C\" text_pattern_ops)"));
    CHECK_THAT(def("docs_created_brin"), Catch::Contains("USING brin (created_at)"));
    CHECK_THAT(def("docs_email_hash"), Catch::Contains("USING hash (email)"));
    CHECK_THAT(def("docs_title_rank"), Catch::Contains("(title, ((rank + 1)) DESC NULLS LAST)"));
    CHECK_THAT(def("docs_email_rank_key"), Catch::Contains("(email, rank) NULLS NOT DISTINCT"));

    const std::string index = GENERATE(as<std::string>{}, "docs_lower_email_key", "docs_created_rank", "docs_tags_gin",
                                       "docs_body_path", "docs_span_gist", "docs_title_pattern", "docs_created_brin",
                                       "docs_email_hash", "docs_title_rank", "docs_email_rank_key");
    dropped_object_is_recreated(db, schema, "DROP INDEX public." + index, index, "CREATE");
}

TEST_CASE("PostgreSQL indexes: a definition that differs is replaced under its name", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, kPgIndexes);
    db.exec("DROP INDEX docs_lower_email_key; CREATE UNIQUE INDEX docs_lower_email_key ON docs (lower(email))");
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    REQUIRE(plan["changes"].size() == 2);
    CHECK(plan["changes"][0]["kind"] == "drop_index");
    CHECK(plan["changes"][1]["kind"] == "add_index");
    CHECK(plan["summary"]["to_modify"] == 1);  // the drop is half of a replacement, not a drop to allow
    CHECK(plan["warnings"].empty());
    apply_and_verify(schema, db.url());
    CHECK_THAT(db.scalar("SELECT pg_get_indexdef('public.docs_lower_email_key'::regclass)"), Catch::Contains("WHERE (deleted_at IS NULL)"));
}

TEST_CASE("SQLite indexes: expressions, partial, DESC and collation", "[objects][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "docs"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "text", nullable = false },
  { name = "deleted_at", type = "text" },
  { name = "rank", type = "integer" },
]
indexes = [
  { name = "docs_lower_email_key", unique = true, columns = [{ expression = "lower(email)" }], where = "deleted_at IS NULL" },
  { name = "docs_rank_email", columns = [{ column = "rank", order = "desc" }, { column = "email", collation = "NOCASE" }] },
]
)T");
    CHECK_THAT(db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'docs_lower_email_key'"),
               Catch::Contains("lower(email)") && Catch::Contains("WHERE deleted_at IS NULL"));
    const std::string index = GENERATE(as<std::string>{}, "docs_lower_email_key", "docs_rank_email");
    dropped_object_is_recreated(db, schema, "DROP INDEX " + index, index, "CREATE");
}

TEST_CASE("PostgreSQL identity, generated and collated columns", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "items"
columns = [
  { name = "id", type = "bigint", identity = "always", primary_key = true },
  { name = "legacy_no", type = "integer", identity = "by default" },
  { name = "price_cents", type = "integer", nullable = false },
  { name = "qty", type = "integer", nullable = false, default = "1" },
  { name = "total_cents", type = "bigint", generated = "price_cents * qty" },
  { name = "code", type = "varchar(20)", collation = "C" },
  { name = "label", type = "text", collation = "POSIX", default = "'x'" },
]
)T");
    CHECK(db.scalar("SELECT string_agg(attname || ':' || attidentity::text || attgenerated::text, ',' ORDER BY attnum) FROM pg_attribute "
                    "WHERE attrelid = 'items'::regclass AND attnum > 0") ==
          "id:a,legacy_no:d,price_cents:,qty:,total_cents:s,code:,label:");
    CHECK(db.scalar("SELECT collation_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'code'") == "C");

    const std::string column = GENERATE(as<std::string>{}, "legacy_no", "total_cents", "code", "label");
    dropped_object_is_recreated(db, schema, "ALTER TABLE items DROP COLUMN " + column, column, "ADD COLUMN IF NOT EXISTS");
}

TEST_CASE("PostgreSQL column identity and collation are altered, a changed generation expression is refused", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    db.exec("CREATE TABLE items (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a int, "
            "b int GENERATED ALWAYS AS (a * 3) STORED, c text COLLATE \"POSIX\")");
    const std::string schema = dir.write("model.toml", R"T(
[[tables]]
name = "items"
columns = [
  { name = "id", type = "bigint", identity = "always", primary_key = true },
  { name = "a", type = "integer" },
  { name = "b", type = "integer", generated = "a * 2" },
  { name = "c", type = "text", collation = "C" },
]
)T").string();
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    REQUIRE(plan["changes"].size() == 2);
    CHECK(plan["changes"][0]["kind"] == "modify_column");
    CHECK(plan["changes"][0]["statements"][0]["sql"] == "ALTER TABLE \"public\".\"items\" ALTER COLUMN \"id\" SET GENERATED ALWAYS");
    CHECK(plan["changes"][1]["name"] == "c");
    REQUIRE(plan["warnings"].size() == 1);
    CHECK(plan["warnings"][0]["kind"] == "unsupported");
    CHECK_THAT(plan["warnings"][0]["message"].get<std::string>(),
               Catch::Contains("generated as ((a * 3)) in the database, generated as (a * 2) in the model"));
    auto r = testing::run_cli({"--apply", "--schema", schema, "--database-url", db.url()});
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK(db.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'id'") == "a");
    CHECK(db.scalar("SELECT collation_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'c'") == "C");
}

TEST_CASE("PostgreSQL schemas and extensions are created before the tables that use them", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[schemas]]
name = "reports"

[[extensions]]
name = "citext"

[[extensions]]
name = "pg_trgm"
schema = "public"

[[tables]]
name = "events"
schema = "audit"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "email", type = "citext", nullable = false },
]
indexes = [{ name = "events_email_trgm", using = "gin", columns = [{ column = "email", opclass = "gin_trgm_ops" }] }]
)T");
    CHECK(db.scalar("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('audit', 'reports')") ==
          "audit,reports");
    CHECK(db.scalar("SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname <> 'plpgsql'") ==
          "citext,pg_trgm");

    SECTION("a dropped schema is recreated") {
        dropped_object_is_recreated(db, schema, "DROP SCHEMA reports", "reports", "CREATE SCHEMA IF NOT EXISTS \"reports\"");
    }
    SECTION("a dropped extension is recreated, and so is what went with it") {
        db.exec("DROP EXTENSION pg_trgm CASCADE");  // takes the trigram index with it
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);
        CHECK(plan["changes"][0]["kind"] == "create_extension");
        CHECK(plan["changes"][1]["name"] == "events_email_trgm");
        CHECK(plan["statements"][0]["sql"] == "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\" WITH SCHEMA \"public\"");
        apply_and_verify(schema, db.url());
    }
    SECTION("an extension the model does not declare is reported, not dropped") {
        db.exec("CREATE EXTENSION hstore");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        REQUIRE(plan["warnings"].size() == 1);
        CHECK(plan["warnings"][0]["kind"] == "not_in_model");
        CHECK(plan["warnings"][0]["name"] == "hstore");
    }
}

TEST_CASE("SQLite refuses schemas and extensions with a reason", "[objects][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const std::string schema = dir.write("model.toml", R"T(
[[extensions]]
name = "citext"
[[tables]]
name = "events"
schema = "audit"
columns = [{ name = "id", type = "integer", primary_key = true }]
)T").string();
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    CHECK(plan["changes"].empty());
    REQUIRE(plan["warnings"].size() == 3);
    // In no promised order: each once.
    std::string messages;
    for (const auto& w : plan["warnings"]) messages += w["message"].get<std::string>() + "\n";
    for (const char* said : {"SQLite has no schemas", "SQLite has no extensions", "because schema audit cannot be created"})
        CHECK(testing::count(messages, said) == 1);
}

TEST_CASE("PostgreSQL comments on tables and columns", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "accounts"
comment = "One row per customer account; see docs/billing.md"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "balance", type = "numeric(12,2)", comment = "In the account's currency. It's never \\negative\\." },
]
)T");
    CHECK(db.scalar("SELECT obj_description('accounts'::regclass, 'pg_class')") ==
          "One row per customer account; see docs/billing.md");
    CHECK(db.scalar("SELECT col_description('accounts'::regclass, 2)") == "In the account's currency. It's never \\negative\\.");

    SECTION("a removed column comment is set again") {
        dropped_object_is_recreated(db, schema, "COMMENT ON COLUMN accounts.balance IS NULL", "accounts.balance",
                                    "COMMENT ON COLUMN \"public\".\"accounts\".\"balance\" IS E'In the account''s currency.");
    }
    SECTION("a changed table comment is set back") {
        dropped_object_is_recreated(db, schema, "COMMENT ON TABLE accounts IS 'edited by hand'", "accounts",
                                    "COMMENT ON TABLE \"public\".\"accounts\" IS 'One row per customer account");
    }
}

TEST_CASE("PostgreSQL comments on schemas, indexes, views and materialized views", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[schemas]]
name = "billing"
comment = "Invoices and payments"

[[tables]]
name = "invoices"
schema = "billing"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "due_on", type = "date" }]
indexes = [{ name = "invoices_due_on_idx", columns = ["due_on"], comment = "For the dunning job" }]

[[views]]
name = "overdue"
schema = "billing"
definition = "SELECT id FROM billing.invoices WHERE due_on < CURRENT_DATE"
comment = "Invoices past their due date"

[[views]]
name = "due_counts"
schema = "billing"
materialized = true
definition = "SELECT due_on, count(*) AS n FROM billing.invoices GROUP BY due_on"
comment = "Refreshed nightly"
)T");
    CHECK(db.scalar("SELECT obj_description('billing'::regnamespace, 'pg_namespace')") == "Invoices and payments");
    CHECK(db.scalar("SELECT obj_description('billing.invoices_due_on_idx'::regclass, 'pg_class')") == "For the dunning job");
    CHECK(db.scalar("SELECT obj_description('billing.overdue'::regclass, 'pg_class')") == "Invoices past their due date");
    CHECK(db.scalar("SELECT obj_description('billing.due_counts'::regclass, 'pg_class')") == "Refreshed nightly");

    SECTION("a removed schema comment is set again") {
        dropped_object_is_recreated(db, schema, "COMMENT ON SCHEMA billing IS NULL", "billing",
                                    "COMMENT ON SCHEMA \"billing\" IS 'Invoices and payments'");
    }
    SECTION("a changed index comment is set back") {
        dropped_object_is_recreated(db, schema, "COMMENT ON INDEX billing.invoices_due_on_idx IS 'edited'", "invoices_due_on_idx",
                                    "COMMENT ON INDEX \"billing\".\"invoices_due_on_idx\" IS 'For the dunning job'");
    }
    SECTION("a removed view comment is set again") {
        dropped_object_is_recreated(db, schema, "COMMENT ON VIEW billing.overdue IS NULL", "overdue",
                                    "COMMENT ON VIEW \"billing\".\"overdue\" IS 'Invoices past their due date'");
    }
    SECTION("a removed materialized view comment is set again") {
        dropped_object_is_recreated(db, schema, "COMMENT ON MATERIALIZED VIEW billing.due_counts IS NULL", "due_counts",
                                    "COMMENT ON MATERIALIZED VIEW \"billing\".\"due_counts\" IS 'Refreshed nightly'");
    }
    SECTION("a dropped index is recreated with its comment") {
        dropped_object_is_recreated(db, schema, "DROP INDEX billing.invoices_due_on_idx", "invoices_due_on_idx",
                                    "CREATE INDEX IF NOT EXISTS \"invoices_due_on_idx\"");
        CHECK(db.scalar("SELECT obj_description('billing.invoices_due_on_idx'::regclass, 'pg_class')") == "For the dunning job");
    }
}

TEST_CASE("SQLite says it has no index or view comments", "[objects][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const std::string schema = dir.write("model.toml", R"T(
[[tables]]
name = "t"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "a", type = "text" }]
indexes = [{ name = "t_a_idx", columns = ["a"], comment = "why" }]

[[views]]
name = "v"
definition = "SELECT id FROM t"
comment = "why"
)T").string();
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    REQUIRE(plan["warnings"].size() == 2);
    CHECK_THAT(plan["warnings"][0]["message"].get<std::string>(), Catch::Contains("SQLite has no comments"));
    CHECK_THAT(plan["warnings"][1]["message"].get<std::string>(), Catch::Contains("SQLite has no comments"));
}

TEST_CASE("PostgreSQL NOT VALID checks and foreign keys", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "owners"
columns = [{ name = "id", type = "bigint", primary_key = true }]

[[tables]]
name = "pets"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "owner_id", type = "bigint" },
  { name = "name", type = "text" },
]
foreign_keys = [{ name = "pets_owner_id_fkey", columns = ["owner_id"], references = { table = "owners", columns = ["id"] }, not_valid = true }]
checks = [{ name = "pets_name_length", expression = "char_length(name) <= 50", not_valid = true }]
)T");
    // Created NOT VALID, as declared (CREATE TABLE alone would have validated them).
    CHECK(db.scalar("SELECT string_agg(conname || ':' || convalidated::text, ',' ORDER BY conname) FROM pg_constraint "
                    "WHERE conrelid = 'pets'::regclass AND contype IN ('c', 'f')") ==
          "pets_name_length:false,pets_owner_id_fkey:false");

    SECTION("a dropped NOT VALID check is added NOT VALID") {
        dropped_object_is_recreated(db, schema, "ALTER TABLE pets DROP CONSTRAINT pets_name_length", "pets_name_length",
                                    "CHECK (char_length(name) <= 50) NOT VALID");
    }
    SECTION("a dropped NOT VALID foreign key is added NOT VALID, with rows that break it") {
        db.exec("ALTER TABLE pets DROP CONSTRAINT pets_owner_id_fkey; INSERT INTO pets VALUES (1, 99, 'orphan')");
        dropped_object_is_recreated(db, schema, "ANALYZE pets", "pets_owner_id_fkey", "REFERENCES \"public\".\"owners\" (\"id\") NOT VALID");
    }
    SECTION("a validated constraint satisfies a NOT VALID one") {
        db.exec("ALTER TABLE pets VALIDATE CONSTRAINT pets_owner_id_fkey; ALTER TABLE pets VALIDATE CONSTRAINT pets_name_length");
        json plan = plan_json(schema, db.url());
        CHECK(plan["changes"].empty());
        CHECK(plan["warnings"].empty());
    }
    SECTION("a NOT VALID constraint where the model wants a validated one is validated") {
        TempDir other;
        const std::string strict = other.write("model.toml", R"T(
[[tables]]
name = "owners"
columns = [{ name = "id", type = "bigint", primary_key = true }]

[[tables]]
name = "pets"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "owner_id", type = "bigint" },
  { name = "name", type = "text" },
]
foreign_keys = [{ name = "pets_owner_id_fkey", columns = ["owner_id"], references = { table = "owners", columns = ["id"] } }]
checks = [{ name = "pets_name_limit", expression = "char_length(name) <= 50" }]
)T").string();
        json plan = plan_json(strict, db.url());
        INFO(plan.dump(2));
        CHECK(plan["warnings"].empty());
        REQUIRE(plan["changes"].size() == 2);
        for (const auto& c : plan["changes"]) {
            CHECK(c["kind"] == "validate_constraint");
            // pets is empty: validating it scans nothing, so only the failure is a hazard.
            CHECK(c["statements"][0]["hazards"].size() == 1);
            CHECK(c["statements"][0]["hazards"][0]["kind"] == "may-fail");
        }
        // The check is matched by its expression under another name: the database's is validated.
        CHECK_THAT(plan["changes"].dump(), Catch::Contains("VALIDATE CONSTRAINT \\\"pets_name_length\\\""));
        apply_and_verify(strict, db.url());
        CHECK(db.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'pets'::regclass AND NOT convalidated") == "0");
    }
}

namespace {

const char* kMoods = R"T(
[[enums]]
name = "mood"
values = ["sad", "ok", "happy"]

[[enums]]
name = "spare"
schema = "reports"
values = ["a", "b"]

[[tables]]
name = "people"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "current_mood", type = "mood", nullable = false, default = "'ok'" },
]
)T";

}  // namespace

TEST_CASE("PostgreSQL enum types: created, recreated, and values added in place", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, kMoods);
    auto labels = [&](const std::string& type) {
        return db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = '" + type +
                         "'::regtype");
    };
    CHECK(labels("mood") == "sad,ok,happy");
    CHECK(labels("reports.spare") == "a,b");

    SECTION("a dropped type is recreated") {
        dropped_object_is_recreated(db, schema, "DROP TYPE reports.spare", "spare", "CREATE TYPE \"reports\".\"spare\" AS ENUM ('a', 'b')");
    }
    SECTION("new values go where the model puts them, and the same apply may use them") {
        std::string grown = kMoods;
        grown.replace(grown.find("[\"sad\", \"ok\", \"happy\"]"), 22, "[\"awful\", \"sad\", \"meh\", \"ok\", \"happy\", \"ecstatic\"]");
        grown += R"T(
[[tables]]
name = "parties"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "expected_mood", type = "mood", nullable = false, default = "'ecstatic'" },
]
checks = [{ name = "parties_not_meh", expression = "expected_mood <> 'meh'" }]
)T";
        const std::string schema2 = dir.write("model.toml", grown).string();
        json plan = plan_json(schema2, db.url());
        INFO(plan.dump(2));
        json before = json::array();
        for (const auto& st : plan["statements"])
            if (st["runs"] == "before_transaction") before.push_back(st["sql"]);
        CHECK(before == json::array({"ALTER TYPE \"public\".\"mood\" ADD VALUE IF NOT EXISTS 'awful' BEFORE 'sad'",
                                     "ALTER TYPE \"public\".\"mood\" ADD VALUE IF NOT EXISTS 'meh' AFTER 'sad'",
                                     "ALTER TYPE \"public\".\"mood\" ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy'"}));
        CHECK(plan["statements"][0]["hazards"][0]["kind"] == "commits-first");
        CHECK(plan["summary"]["warnings"] == 0);
        apply_and_verify(schema2, db.url());
        CHECK(labels("mood") == "awful,sad,meh,ok,happy,ecstatic");
        CHECK(plan_json(schema2, db.url())["changes"].empty());
    }
    SECTION("a value the model drops is reported, never removed") {
        std::string shrunk = kMoods;
        shrunk.replace(shrunk.find("[\"sad\", \"ok\", \"happy\"]"), 22, "[\"sad\", \"happy\"]");
        json plan = plan_json(dir.write("model.toml", shrunk).string(), db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        REQUIRE(plan["warnings"].size() == 1);
        CHECK_THAT(plan["warnings"][0]["message"].get<std::string>(),
                   Catch::Contains("is (sad, ok, happy) in the database, (sad, happy) in the model"));
    }
}

TEST_CASE("PostgreSQL sequences that no column owns", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[sequences]]
name = "ticket_no_seq"
type = "integer"
start = 1000
increment = 5
cache = 10

[[sequences]]
name = "spare_seq"
schema = "billing"

[[tables]]
name = "tickets"
columns = [
  { name = "no", type = "integer", primary_key = true, default = "nextval('ticket_no_seq'::regclass)" },
  { name = "serial_too", type = "bigserial" },
  { name = "ident", type = "bigint", identity = "by default" },
]
)T");
    CHECK(db.scalar("SELECT seqstart || ',' || seqincrement || ',' || seqcache || ',' || format_type(seqtypid, NULL) "
                    "FROM pg_sequence WHERE seqrelid = 'ticket_no_seq'::regclass") == "1000,5,10,integer");
    db.exec("INSERT INTO tickets DEFAULT VALUES; INSERT INTO tickets DEFAULT VALUES");
    CHECK(db.scalar("SELECT string_agg(no::text, ',' ORDER BY no) FROM tickets") == "1000,1005");

    SECTION("a dropped sequence is recreated") {
        dropped_object_is_recreated(db, schema, "DROP SEQUENCE billing.spare_seq", "spare_seq",
                                    "CREATE SEQUENCE IF NOT EXISTS \"billing\".\"spare_seq\" AS bigint");
    }
    SECTION("options that differ are set back") {
        db.exec("ALTER SEQUENCE ticket_no_seq INCREMENT BY 7");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 1);
        CHECK(plan["changes"][0]["statements"][0]["sql"] == "ALTER SEQUENCE \"public\".\"ticket_no_seq\" INCREMENT BY 5");
        CHECK(plan["warnings"].empty());
        apply_and_verify(schema, db.url());
        CHECK(db.scalar("SELECT increment_by FROM pg_sequences WHERE sequencename = 'ticket_no_seq'") == "5");
    }
}

TEST_CASE("PostgreSQL sequences owned by a column: serial under another name, and OWNED BY", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[sequences]]
name = "orders_number_seq"
start = 1000
owned_by = { table = "orders", column = "number" }

[[tables]]
name = "orders"
columns = [
  { name = "id", type = "bigserial", primary_key = true, sequence = "purchases_id_seq" },
  { name = "number", type = "bigint", nullable = false, default = "nextval('orders_number_seq'::regclass)" },
]
)T");
    // What the server holds: each sequence owned by its column, each column drawing from it.
    CHECK(db.scalar("SELECT string_agg(s.relname || '>' || a.attname, ',' ORDER BY s.relname) FROM pg_depend d "
                    "JOIN pg_class s ON s.oid = d.objid JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                    "WHERE d.deptype = 'a' AND s.relkind = 'S'") == "orders_number_seq>number,purchases_id_seq>id");
    db.exec("INSERT INTO orders DEFAULT VALUES");
    CHECK(db.scalar("SELECT id || ',' || number FROM orders") == "1,1000");

    SECTION("the export says so, and applying it elsewhere rebuilds the same") {
        auto r = run_cli({"export", "--database-url", db.url()});
        INFO(r.all());
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("sequence = \"purchases_id_seq\"") &&
                              Catch::Contains("owned_by = { table = \"orders\", column = \"number\" }"));
        PgDatabase other;
        const std::string exported = dir.write("exported.toml", r.out).string();
        apply_and_verify(exported, other.url());
        CHECK(other.catalog_snapshot() == db.catalog_snapshot());
    }
    SECTION("an owner removed by hand is set again") {
        dropped_object_is_recreated(db, schema, "ALTER SEQUENCE orders_number_seq OWNED BY NONE", "orders_number_seq",
                                    "ALTER SEQUENCE \"public\".\"orders_number_seq\" OWNED BY \"public\".\"orders\".\"number\"");
    }
    SECTION("a dropped table is recreated with its named serial sequence, and the sequences it owned") {
        db.exec("DROP TABLE orders");  // and with it the sequences it owns
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 3);
        CHECK(plan["changes"][0]["kind"] == "create_sequence");
        CHECK(plan["changes"][1]["kind"] == "create_table");
        CHECK(plan["changes"][2]["kind"] == "set_sequence_owner");
        CHECK_THAT(plan["statements"].dump(), Catch::Contains("CREATE SEQUENCE IF NOT EXISTS \\\"public\\\".\\\"purchases_id_seq\\\" AS bigint"));
        apply_and_verify(schema, db.url());
        CHECK(db.scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'orders'::regclass AND adnum = 1") ==
              "nextval('purchases_id_seq'::regclass)");
    }
    SECTION("a model that says bigserial without a name accepts any sequence name") {
        TempDir other;
        const std::string plain = other.write("model.toml", R"T(
[[sequences]]
name = "orders_number_seq"

[[tables]]
name = "orders"
columns = [
  { name = "id", type = "bigserial", primary_key = true },
  { name = "number", type = "bigint", nullable = false, default = "nextval('orders_number_seq'::regclass)" },
]
)T").string();
        json plan = plan_json(plain, db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        CHECK(plan["warnings"].empty());
    }
    SECTION("another sequence name or owner is reported") {
        db.exec("ALTER SEQUENCE orders_number_seq OWNED BY orders.id");
        TempDir other;
        std::string text = std::string(R"T(
[[sequences]]
name = "orders_number_seq"
start = 1000
owned_by = { table = "orders", column = "number" }

[[tables]]
name = "orders"
columns = [
  { name = "id", type = "bigserial", primary_key = true, sequence = "orders_seq" },
  { name = "number", type = "bigint", nullable = false, default = "nextval('orders_number_seq'::regclass)" },
]
)T");
        json plan = plan_json(other.write("model.toml", text).string(), db.url());
        INFO(plan.dump(2));
        // The owner the model names is set; another sequence name is reported.
        REQUIRE(plan["changes"].size() == 1);
        CHECK(plan["changes"][0]["kind"] == "set_sequence_owner");
        CHECK_THAT(plan["warnings"].dump(), Catch::Contains("draws from sequence purchases_id_seq in the database, from orders_seq in the model"));
    }
}

TEST_CASE("PostgreSQL serial columns whose sequence is not what serial makes", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "tickets"
columns = [{ name = "id", type = "serial", primary_key = true }]
)T");
    SECTION("options changed by hand (or a database upgraded from PostgreSQL 9.6): the model's serial still matches") {
        db.exec("ALTER SEQUENCE tickets_id_seq CACHE 20 AS bigint");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        CHECK(plan["warnings"].empty());
        auto r = run_cli({"export", "--database-url", db.url()});  // and the export keeps the options
        CHECK_THAT(r.out, Catch::Contains("name = \"tickets_id_seq\"\ncache = 20\nowned_by = { table = \"tickets\", column = \"id\" }") &&
                              Catch::Contains("default = \"nextval('tickets_id_seq'::regclass)\""));
    }
    SECTION("a named sequence whose name another sequence holds is not taken over") {
        db.exec("CREATE SEQUENCE invoice_numbers");
        TempDir other;
        const std::string named = other.write("model.toml", R"T(
[[tables]]
name = "tickets"
columns = [{ name = "id", type = "serial", primary_key = true }]

[[tables]]
name = "invoices"
columns = [{ name = "id", type = "bigserial", primary_key = true, sequence = "invoice_numbers" }]
)T").string();
        json plan = plan_json(named, db.url());
        INFO(plan.dump(2));
        CHECK(plan["statements"].empty());
        CHECK_THAT(plan["warnings"].dump(), Catch::Contains("invoice_numbers (the sequence of a serial column) is already used"));
    }
}

TEST_CASE("owned_by naming a serial column's own sequence, and NOT VALID foreign keys on a partitioned table, are schema errors", "[objects][load]") {
    TempDir dir;
    SqliteFile db;
    auto load = [&](const std::string& toml) {
        return run_cli({"--dry-run", "--schema", dir.write("model.toml", toml).string(), "--database-url", db.url()});
    };
    auto r = load(R"T(
[[sequences]]
name = "t_id_seq"
owned_by = { table = "t", column = "id" }

[[tables]]
name = "t"
columns = [{ name = "id", type = "bigserial", primary_key = true }]
)T");
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("model.toml:2:1") && Catch::Contains("that column is bigserial, which makes that sequence itself"));
    r = load(R"T(
[[sequences]]
name = "s"
owned_by = { table = "t", column = "id" }

[[tables]]
name = "t"
columns = [{ name = "id", type = "bigint", identity = "always", primary_key = true }]
)T");
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("that column is an identity column, which makes its own sequence"));
    r = load(R"T(
[[tables]]
name = "o"
columns = [{ name = "id", type = "bigint", primary_key = true }]

[[tables]]
name = "p"
partition_by = "LIST (kind)"
columns = [{ name = "kind", type = "text", nullable = false }, { name = "o_id", type = "bigint" }]
foreign_keys = [{ columns = ["o_id"], references = { table = "o", columns = ["id"] }, not_valid = true }]
)T");
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("model.toml:10:") && Catch::Contains("does not support on the partitioned table 'p'"));
}

TEST_CASE("a sequence owned by a column the schema does not declare is a schema error", "[objects][load]") {
    TempDir dir;
    const std::string schema = dir.write("model.toml", R"T(
[[sequences]]
name = "s"
owned_by = { table = "t", column = "nope" }

[[tables]]
name = "t"
columns = [{ name = "id", type = "bigint", primary_key = true }]
)T").string();
    SqliteFile db;
    auto r = run_cli({"--dry-run", "--schema", schema, "--database-url", db.url()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("model.toml:2:1") && Catch::Contains("declares no column 'nope'"));
}

TEST_CASE("PostgreSQL domains", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[domains]]
name = "year"
type = "integer"
  [[domains.checks]]
  name = "year_check"
  expression = "VALUE >= 1901 AND VALUE <= 2155"

[[domains]]
name = "email_address"
schema = "people"
type = "text"
nullable = false
default = "''"
checks = [{ expression = "VALUE ~ '@' OR VALUE = ''" }]

[[tables]]
name = "films"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "release_year", type = "year" },
  { name = "contact", type = "people.email_address" },
]
)T");
    CHECK_THROWS(db.exec("INSERT INTO films VALUES (1, 1800, 'a@b')"));  // the domain's check is in force

    SECTION("a dropped domain is recreated before the column that uses it") {
        db.exec("DROP DOMAIN people.email_address CASCADE");  // takes films.contact with it
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);
        CHECK(plan["changes"][0]["kind"] == "create_domain");
        CHECK(plan["changes"][1]["name"] == "contact");
        CHECK_THAT(plan["statements"][0]["sql"].get<std::string>(),
                   Catch::Contains("CREATE DOMAIN \"people\".\"email_address\" AS text DEFAULT '' NOT NULL CONSTRAINT \"email_address_check\""));
        apply_and_verify(schema, db.url());
    }
    SECTION("a domain check that differs is replaced") {
        db.exec("ALTER DOMAIN year DROP CONSTRAINT year_check; ALTER DOMAIN year ADD CONSTRAINT year_check CHECK (VALUE > 0)");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 1);
        CHECK(plan["changes"][0]["kind"] == "alter_domain");
        CHECK(plan["warnings"].empty());
        apply_and_verify(schema, db.url());
    }
}

const char* kViews = R"T(
[[tables]]
name = "films"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "title", type = "text", nullable = false },
  { name = "length", type = "integer" },
]

[[views]]
name = "long_film_titles"
definition = "SELECT title FROM long_films"

[[views]]
name = "long_films"
definition = "SELECT id, title, length FROM films WHERE length > 120"

[[views]]
name = "film_count"
materialized = true
definition = "SELECT count(*) AS n FROM films"
)T";

TEST_CASE("PostgreSQL views and materialized views", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    // Declared before the view it reads: the plan orders views by what their queries name.
    const std::string schema = create_and_recheck(db, dir, kViews);
    CHECK(db.scalar("SELECT relkind::text FROM pg_class WHERE relname = 'film_count'") == "m");

    SECTION("a dropped view is recreated") {
        dropped_object_is_recreated(db, schema, "DROP VIEW long_film_titles", "long_film_titles", "CREATE VIEW \"public\".\"long_film_titles\"");
    }
    SECTION("a dropped materialized view is recreated") {
        dropped_object_is_recreated(db, schema, "DROP MATERIALIZED VIEW film_count", "film_count",
                                    "CREATE MATERIALIZED VIEW IF NOT EXISTS \"public\".\"film_count\"");
    }
    SECTION("a view replaced by hand is made again as the model says") {
        db.exec("CREATE OR REPLACE VIEW long_films AS SELECT id, title, length FROM films WHERE length > 90");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        // The view that reads it goes first and comes back after it.
        REQUIRE(plan["changes"].size() == 4);
        CHECK(plan["changes"][0]["kind"] == "drop_view");
        CHECK(plan["changes"][0]["name"] == "long_film_titles");
        CHECK(plan["changes"][1]["name"] == "long_films");
        CHECK(plan["changes"][2]["kind"] == "create_view");
        CHECK(plan["changes"][2]["name"] == "long_films");
        CHECK(plan["changes"][3]["name"] == "long_film_titles");
        CHECK(plan["summary"]["to_drop"] == 0);  // half of a replacement: no --allow-drop needed
        CHECK(plan["warnings"].empty());
        apply_and_verify(schema, db.url());
    }
}

TEST_CASE("SQLite views", "[objects][sqlite]") {
    SqliteFile db;
    TempDir dir;
    std::string model = kViews;
    model.erase(model.find("[[views]]\nname = \"film_count\""));
    const std::string schema = create_and_recheck(db, dir, model);
    dropped_object_is_recreated(db, schema, "DROP VIEW long_films", "long_films", "CREATE VIEW IF NOT EXISTS \"long_films\"");
}

TEST_CASE("PostgreSQL deferrable constraints and exclusion constraints", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[extensions]]
name = "btree_gist"

[[tables]]
name = "rooms"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "code", type = "text", nullable = false }]
unique_constraints = [{ name = "rooms_code_key", columns = ["code"], deferrable = true }]

[[tables]]
name = "bookings"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "room_id", type = "bigint", nullable = false },
  { name = "during", type = "tstzrange", nullable = false },
]
foreign_keys = [{ name = "bookings_room_id_fkey", columns = ["room_id"], references = { table = "rooms", columns = ["id"] }, deferrable = true, initially_deferred = true }]
exclusions = [{ name = "bookings_no_overlap", definition = "USING gist (room_id WITH =, during WITH &&)" }]
)T");
    CHECK(db.scalar("SELECT string_agg(conname || ':' || left(condeferrable::text, 1) || left(condeferred::text, 1), ',' "
                    "ORDER BY conname) FROM pg_constraint WHERE contype IN ('u', 'f', 'x') "
                    "AND conrelid IN ('rooms'::regclass, 'bookings'::regclass)") ==
          "bookings_no_overlap:ff,bookings_room_id_fkey:tt,rooms_code_key:tf");
    db.exec("INSERT INTO rooms VALUES (1, 'a'); INSERT INTO bookings VALUES (1, 1, '[2026-01-01, 2026-01-05)')");
    CHECK_THROWS(db.exec("INSERT INTO bookings VALUES (2, 1, '[2026-01-03, 2026-01-04)')"));  // the exclusion holds

    SECTION("a dropped exclusion constraint is recreated") {
        dropped_object_is_recreated(db, schema, "ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap", "bookings_no_overlap",
                                    "EXCLUDE USING gist (room_id WITH =, during WITH &&)");
    }
    SECTION("a dropped deferrable foreign key is recreated deferrable") {
        dropped_object_is_recreated(db, schema, "ALTER TABLE bookings DROP CONSTRAINT bookings_room_id_fkey", "bookings_room_id_fkey",
                                    "DEFERRABLE INITIALLY DEFERRED");
    }
    SECTION("a constraint whose deferral differs is replaced") {
        db.exec("ALTER TABLE bookings ALTER CONSTRAINT bookings_room_id_fkey NOT DEFERRABLE");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);
        CHECK(plan["changes"][0]["kind"] == "drop_constraint");
        CHECK(plan["changes"][1]["kind"] == "add_foreign_key");
        CHECK(plan["warnings"].empty());
        apply_and_verify(schema, db.url());
        CHECK(db.scalar("SELECT condeferred FROM pg_constraint WHERE conname = 'bookings_room_id_fkey'") == "t");
    }
}

TEST_CASE("SQLite WITHOUT ROWID, STRICT, AUTOINCREMENT, generated columns and collations", "[objects][sqlite]") {
    SqliteFile db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "counters"
without_rowid = true
strict = true
columns = [
  { name = "name", type = "text", primary_key = true, collation = "NOCASE" },
  { name = "n", type = "integer", nullable = false, default = "0" },
]

[[tables]]
name = "events"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "price_cents", type = "integer", nullable = false },
  { name = "qty", type = "integer", nullable = false },
  { name = "total_cents", type = "integer", generated = "price_cents * qty" },
  { name = "total_label", type = "text", generated = "'$' || (price_cents * qty / 100.0)", virtual = true },
]
)T");
    const std::string counters = db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'counters'");
    CHECK_THAT(counters, Catch::EndsWith("WITHOUT ROWID, STRICT") && Catch::Contains("COLLATE \"NOCASE\""));
    CHECK_THAT(db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'events'"),
               Catch::Contains("PRIMARY KEY AUTOINCREMENT") && Catch::Contains("GENERATED ALWAYS AS (price_cents * qty) STORED"));
    db.exec("INSERT INTO events (price_cents, qty) VALUES (250, 4)");
    CHECK(db.scalar("SELECT total_cents || ' ' || total_label FROM events") == "1000 $10.0");
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'") == "1");

    SECTION("a dropped table is recreated with its options") {
        dropped_object_is_recreated(db, schema, "DROP TABLE counters", "counters", "WITHOUT ROWID, STRICT");
    }
    SECTION("a dropped virtual generated column is added back") {
        dropped_object_is_recreated(db, schema, "ALTER TABLE events DROP COLUMN total_label", "total_label",
                                    "GENERATED ALWAYS AS ('$' || (price_cents * qty / 100.0)) VIRTUAL");
    }
    SECTION("a table built without its options is rebuilt with them, its rows kept") {
        db.exec("DROP TABLE counters; CREATE TABLE counters (name text NOT NULL PRIMARY KEY, n integer NOT NULL DEFAULT 0);"
                "INSERT INTO counters VALUES ('a', 1)");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 1);  // WITHOUT ROWID, STRICT and the collation: one rebuild
        CHECK(plan["changes"][0]["kind"] == "rebuild_table");
        CHECK(plan["warnings"].empty());
        auto r = run_cli({"--apply", "--schema", schema, "--database-url", db.url(), "--allow-hazards", "rewrites-table"});
        INFO(r.all());
        CHECK(r.status == 0);
        CHECK_THAT(db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'counters'"), Catch::Contains("WITHOUT ROWID, STRICT"));
        CHECK(db.scalar("SELECT name || n FROM counters") == "a1");
    }
}

TEST_CASE("PostgreSQL partitioned tables and their partitions", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "payments"
partition_by = "RANGE (paid_at)"
primary_key = ["paid_at", "id"]
columns = [
  { name = "id", type = "bigint", nullable = false },
  { name = "paid_at", type = "timestamptz", nullable = false },
  { name = "amount", type = "numeric(10,2)", nullable = false, default = "0" },
]
indexes = [{ name = "payments_amount_idx", columns = ["amount"] }]

[[tables]]
name = "payments_2026_01"
partition_of = { table = "payments", bound = "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')" }

[[tables]]
name = "payments_2026_02"
partition_of = { table = "payments", bound = "FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')" }
checks = [{ name = "payments_2026_02_small", expression = "amount < 1000000" }]

[[tables]]
name = "events"
partition_by = "LIST (kind)"
columns = [{ name = "kind", type = "text", nullable = false }, { name = "body", type = "jsonb" }]

[[tables]]
name = "events_other"
partition_of = { table = "events", bound = "DEFAULT" }
)T");
    CHECK(db.scalar("SELECT string_agg(c.relname || ':' || pg_get_expr(c.relpartbound, c.oid), ' | ' ORDER BY c.relname) "
                    "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'payments'::regclass") ==
          "payments_2026_01:FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00') | "
          "payments_2026_02:FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')");
    db.exec("INSERT INTO payments (id, paid_at, amount) VALUES (1, '2026-01-15', 10), (2, '2026-02-15', 20)");
    CHECK(db.scalar("SELECT count(*) FROM payments_2026_02") == "1");

    SECTION("a dropped partition is recreated, and nothing else") {
        dropped_object_is_recreated(db, schema, "DROP TABLE payments_2026_01", "payments_2026_01",
                                    "CREATE TABLE IF NOT EXISTS \"public\".\"payments_2026_01\" PARTITION OF \"public\".\"payments\" FOR VALUES");
    }
    SECTION("a partition detached by hand is reported, not attached again") {
        db.exec("ALTER TABLE payments DETACH PARTITION payments_2026_02");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        CHECK_THAT(plan["warnings"].dump(), Catch::Contains("is not a partition in the database"));
    }
}

namespace {

// Two parent indexes that differ only in ASC/DESC, which PostgreSQL 15 ignores when it looks for
// a partition's index to attach; the partition's are declared (and named, so that an export
// sorts them so) the other way round.
const char* kPartitionIndexes = R"T(
[[tables]]
name = "runners"
partition_by = "LIST (kind)"
columns = [
  { name = "id", type = "bigint", nullable = false },
  { name = "kind", type = "smallint", nullable = false },
  { name = "seen_at", type = "timestamptz" },
]
indexes = [
  { name = "runners_seen_at_id_desc", columns = ["seen_at", { column = "id", order = "desc" }] },
  { name = "runners_seen_at_desc_id_desc", columns = [{ column = "seen_at", order = "desc" }, { column = "id", order = "desc" }] },
]

[[tables]]
name = "group_runners"
partition_of = { table = "runners", bound = "FOR VALUES IN (2)" }
indexes = [
  { name = "a_group_runners_on_seen_at_desc_and_id_desc", columns = [{ column = "seen_at", order = "desc" }, { column = "id", order = "desc" }] },
  { name = "b_group_runners_on_seen_at_and_id_desc", columns = ["seen_at", { column = "id", order = "desc" }] },
]
)T";

}  // namespace

TEST_CASE("PostgreSQL partitions' indexes keep their names and attach to the right parent index", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, kPartitionIndexes);
    const std::string attached_sql =
        "SELECT string_agg(c.relname || '>' || p.relname, ',' ORDER BY c.relname) FROM pg_inherits i "
        "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE c.relkind = 'i'";
    const std::string attached = "a_group_runners_on_seen_at_desc_and_id_desc>runners_seen_at_desc_id_desc,"
                                 "b_group_runners_on_seen_at_and_id_desc>runners_seen_at_id_desc";
    CHECK(db.scalar(attached_sql) == attached);
    CHECK(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'group_runners'") == "2");  // no twins

    SECTION("a parent index dropped by hand is made again, attaching the partition's new one") {
        db.exec("DROP INDEX runners_seen_at_id_desc");  // takes the partition's with it
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);
        CHECK(plan["changes"][0]["name"] == "b_group_runners_on_seen_at_and_id_desc");  // the partition's first
        CHECK(plan["changes"][1]["name"] == "runners_seen_at_id_desc");
        apply_and_verify(schema, db.url());
        CHECK(db.scalar(attached_sql) == attached);
    }
    SECTION("a new partition of a parent that has the indexes gets them once, from the server") {
        TempDir more;
        const std::string bigger = more.write("model.toml", std::string(kPartitionIndexes) + R"T(
[[tables]]
name = "project_runners"
partition_of = { table = "runners", bound = "FOR VALUES IN (3)" }
indexes = [
  { name = "project_runners_on_seen_at_and_id_desc", columns = ["seen_at", { column = "id", order = "desc" }] },
  { name = "project_runners_on_seen_at", columns = ["seen_at"] },
]
)T").string();
        json plan = plan_json(bigger, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);  // the table, and the one index its parent does not make
        CHECK(plan["changes"][1]["name"] == "project_runners_on_seen_at");
        apply_and_verify(bigger, db.url());
        CHECK(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'project_runners'") == "3");
    }
    SECTION("a comment on a new partition's index goes on the index the server made for it") {
        TempDir more;
        const std::string bigger = more.write("model.toml", std::string(kPartitionIndexes) + R"T(
[[tables]]
name = "project_runners"
partition_of = { table = "runners", bound = "FOR VALUES IN (3)" }
indexes = [{ name = "project_runners_seen", columns = ["seen_at", { column = "id", order = "desc" }], comment = "for the scheduler" }]
)T").string();
        apply_and_verify(bigger, db.url());
        CHECK(db.scalar("SELECT string_agg(obj_description(indexrelid, 'pg_class'), ',') FROM pg_index "
                        "WHERE indrelid = 'project_runners'::regclass") == "for the scheduler");
    }
    SECTION("also for a partition in another schema than its parent's") {
        TempDir more;
        const std::string bigger = more.write("model.toml", std::string(kPartitionIndexes) + R"T(
[[tables]]
name = "old_runners"
schema = "archive"
partition_of = { table = "runners", schema = "public", bound = "FOR VALUES IN (4)" }
indexes = [{ name = "old_runners_seen", columns = ["seen_at", { column = "id", order = "desc" }], comment = "kept for audits" }]
)T").string();
        apply_and_verify(bigger, db.url());
        CHECK(db.scalar("SELECT string_agg(obj_description(indexrelid, 'pg_class'), ',') FROM pg_index "
                        "WHERE indrelid = 'archive.old_runners'::regclass") == "kept for audits");
    }
    SECTION("two new levels under an existing parent get its indexes once") {
        TempDir more;
        const std::string deeper = more.write("model.toml", std::string(kPartitionIndexes) + R"T(
[[tables]]
name = "instance_runners"
partition_of = { table = "runners", bound = "FOR VALUES IN (1)" }
partition_by = "RANGE (seen_at)"
indexes = [
  { name = "instance_runners_seen", columns = ["seen_at", { column = "id", order = "desc" }] },
  { name = "instance_runners_id", columns = ["id"] },
]

[[tables]]
name = "instance_runners_2026"
partition_of = { table = "instance_runners", bound = "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')" }
indexes = [
  { name = "instance_runners_2026_seen", columns = ["seen_at", { column = "id", order = "desc" }], comment = "two levels down" },
  { name = "instance_runners_2026_id", columns = ["id"] },
]
)T").string();
        apply_and_verify(deeper, db.url());
        // The parent's two indexes and the middle level's own one, each once.
        CHECK(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'instance_runners_2026'") == "3");
        CHECK(db.scalar("SELECT string_agg(obj_description(indexrelid, 'pg_class'), ',') FROM pg_index "
                        "WHERE indrelid = 'instance_runners_2026'::regclass") == "two levels down");
    }
    SECTION("a hand-written model that declares the indexes on the parent only is in sync") {
        TempDir other;
        std::string text = kPartitionIndexes;
        text.erase(text.rfind("indexes = ["));
        json plan = plan_json(other.write("model.toml", text).string(), db.url());
        INFO(plan.dump(2));
        CHECK(plan["changes"].empty());
        CHECK(plan["warnings"].empty());
    }
}

TEST_CASE("PostgreSQL partitions of partitions keep their indexes' names", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    create_and_recheck(db, dir, R"T(
[[tables]]
name = "events"
partition_by = "LIST (region)"
columns = [{ name = "region", type = "text", nullable = false }, { name = "at", type = "timestamptz", nullable = false }]
indexes = [{ name = "events_at", columns = ["at"] }, { name = "events_at_desc", columns = [{ column = "at", order = "desc" }] }]

[[tables]]
name = "events_eu"
partition_of = { table = "events", bound = "FOR VALUES IN ('eu')" }
partition_by = "RANGE (at)"
indexes = [{ name = "eu_at_desc", columns = [{ column = "at", order = "desc" }] }, { name = "eu_at", columns = ["at"] }]

[[tables]]
name = "events_eu_2026"
partition_of = { table = "events_eu", bound = "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')" }
indexes = [{ name = "eu_2026_at_desc", columns = [{ column = "at", order = "desc" }] }, { name = "eu_2026_at", columns = ["at"] }]
)T");
    CHECK(db.scalar("SELECT string_agg(c.relname || '>' || p.relname, ',' ORDER BY c.relname) FROM pg_inherits i "
                    "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE c.relkind IN ('i', 'I')") ==
          "eu_2026_at>eu_at,eu_2026_at_desc>eu_at_desc,eu_at>events_at,eu_at_desc>events_at_desc");
    CHECK(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'events_eu_2026'") == "2");  // no twins
}

TEST_CASE("PostgreSQL index storage parameters", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[tables]]
name = "docs"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "words", type = "tsvector" }, { name = "n", type = "integer" }]
indexes = [
  { name = "docs_words_idx", using = "gin", columns = ["words"], with = ["fastupdate=false"] },
  { name = "docs_n_idx", columns = ["n"], with = ["fillfactor=70", "deduplicate_items=off"] },
]
)T");
    CHECK_THAT(db.scalar("SELECT pg_get_indexdef('docs_words_idx'::regclass)"), Catch::EndsWith("USING gin (words) WITH (fastupdate='false')"));
    CHECK_THAT(db.scalar("SELECT pg_get_indexdef('docs_n_idx'::regclass)"),
               Catch::EndsWith("(n) WITH (fillfactor='70', deduplicate_items=off)"));

    SECTION("a dropped index is made with them again") {
        dropped_object_is_recreated(db, schema, "DROP INDEX docs_n_idx", "docs_n_idx", "WITH (fillfactor='70', deduplicate_items='off')");
    }
    SECTION("parameters changed by hand are put back: the index is rebuilt under its name") {
        db.exec("ALTER INDEX docs_n_idx SET (fillfactor=50)");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        REQUIRE(plan["changes"].size() == 2);
        CHECK_THAT(plan["changes"][0]["description"].get<std::string>(), Catch::Contains("WITH (deduplicate_items=off, fillfactor=50)"));
        CHECK(plan["warnings"].empty());
        apply_and_verify(schema, db.url());
        CHECK_THAT(db.scalar("SELECT pg_get_indexdef('docs_n_idx'::regclass)"), Catch::EndsWith("(n) WITH (fillfactor='70', deduplicate_items=off)"));
    }
}

namespace {

// Expressions written the way people write them, which PostgreSQL stores and prints otherwise.
const char* kServerRewrites = R"T(
[[domains]]
name = "short_wait"
type = "interval"
default = "'24 hours'"
checks = [{ name = "short_wait_check", expression = "VALUE < interval '2 days'" }]

[[tables]]
name = "jobs"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "payload", type = "jsonb", default = "'{\"retries\":3,\"tags\":[\"a\",\"b\"]}'" },
  { name = "timeout", type = "interval", default = "'24 hours'::interval" },
  { name = "run_at", type = "timestamptz", default = "now() + interval '1 hour'" },
  { name = "since", type = "timestamptz", default = "'epoch'" },
  { name = "at", type = "time", default = "'12:00'" },
  { name = "weight", type = "double precision", default = "1e3" },
  { name = "active", type = "boolean", default = "'t'" },
  { name = "batch", type = "bigint", default = "CAST(0 AS bigint)" },
  { name = "code", type = "text" },
  { name = "tries", type = "integer" },
  { name = "wait", type = "short_wait" },
]
indexes = [
  { name = "jobs_recent", columns = ["run_at"], where = "run_at > '2020-01-01'" },
  { name = "jobs_payload_retries", columns = [{ expression = "payload->>'retries'" }], where = "payload @> '{\"tags\":[\"a\"]}'" },
  { name = "jobs_codes", columns = ["id"], where = "code SIMILAR TO 'X%'" },
]
checks = [
  { name = "jobs_timeout_positive", expression = "timeout >= interval '0'" },
  { name = "jobs_tries_range", expression = "tries + 1 BETWEEN 1 AND 3 * 4" },
  { name = "jobs_code_shape", expression = "code SIMILAR TO '[A-Z]+'" },
  { name = "jobs_recent", expression = "run_at > '2000-01-01'::timestamptz" },
]

[[views]]
name = "due_jobs"
definition = "select id, run_at from jobs where run_at < now() + '1 day' and active"
)T";

}  // namespace

TEST_CASE("PostgreSQL expressions compare as the server stores them", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    // The second run (inside create_and_recheck) sees no difference and no warning, although the
    // server prints every one of these differently from the model.
    const std::string schema = create_and_recheck(db, dir, kServerRewrites);
    CHECK(db.scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'jobs'::regclass AND adnum = 3") ==
          "'24:00:00'::interval");

    SECTION("a real difference is still reported, with the model's own text") {
        db.exec("ALTER TABLE jobs ALTER COLUMN timeout SET DEFAULT '25 hours'; "
                "ALTER TABLE jobs DROP CONSTRAINT jobs_tries_range, ADD CONSTRAINT jobs_tries_range CHECK (tries BETWEEN 1 AND 12); "
                "DROP INDEX jobs_recent; CREATE INDEX jobs_recent ON jobs (run_at) WHERE run_at > '2021-01-01'; "
                "ALTER DOMAIN short_wait SET DEFAULT '23 hours'");
        json plan = plan_json(schema, db.url());
        INFO(plan.dump(2));
        // The column's default, the check, the index and the domain's default are brought back.
        CHECK(plan["changes"].size() == 6);
        CHECK_THAT(plan["changes"].dump(), Catch::Contains("default '25:00:00'::interval in the database, default '24 hours'::interval in the model") &&
                                               Catch::Contains("CHECK (tries + 1 BETWEEN 1 AND 3 * 4)") &&
                                               Catch::Contains("WHERE (run_at > '2020-01-01')"));
        CHECK(plan["warnings"].empty());
        CHECK_THAT(plan["changes"].dump(), Catch::Contains("ALTER DOMAIN \\\"public\\\".\\\"short_wait\\\" SET DEFAULT '24 hours'"));
        apply_and_verify(schema, db.url());
    }
    SECTION("--no-server-compare compares the text only, and says the server's versions differ") {
        auto r = run_cli({"--dry-run", "--schema", schema, "--database-url", db.url(), "--format", "json", "--no-server-compare"});
        INFO(r.all());
        REQUIRE(r.status == 0);
        json plan = json::parse(r.out);
        CHECK_THAT(plan["changes"].dump(), Catch::Contains("default '24:00:00'::interval in the database"));
        r = run_cli({"diff", schema, db.url(), "--format", "json", "--no-server-compare"});
        REQUIRE(r.status == 0);
        CHECK_THAT(json::parse(r.out)["changes"].dump(), Catch::Contains("default '24:00:00'::interval in the database"));
    }
    SECTION("diff from the model to the database asks the server too") {
        auto r = run_cli({"diff", schema, db.url(), "--format", "json"});
        INFO(r.all());
        REQUIRE(r.status == 0);
        json plan = json::parse(r.out);
        CHECK(plan["changes"].empty());
        CHECK(plan["warnings"].empty());
    }
    SECTION("the apply's own verification asks the server too") {
        PgDatabase other;
        auto r = run_cli({"--apply", "--schema", schema, "--database-url", other.url(), "--color", "never"});
        INFO(r.all());
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("verified: the database matches the model") && Catch::Contains(", 0 warnings)"));
    }
    SECTION("a role that may not make temporary tables gets the client-side comparison, not a failure") {
        const std::string role = "reconcile_reader_" + db.scalar("SELECT current_database()").substr(3);
        db.exec("CREATE ROLE " + role + " LOGIN; GRANT USAGE ON SCHEMA public TO " + role + "; GRANT SELECT ON jobs TO " + role +
                "; REVOKE TEMPORARY ON DATABASE " + db.scalar("SELECT current_database()") + " FROM PUBLIC");
        std::string url = db.url();
        url.replace(url.find("postgres@"), std::string("postgres@").size(), role + "@");
        json plan = plan_json(schema, url);
        db.exec("DROP OWNED BY " + role + "; DROP ROLE " + role);
        INFO(plan.dump(2));
        // By their text alone the expressions differ: the plan says so, as it would without
        // the server comparison.
        CHECK_THAT(plan["changes"].dump(), Catch::Contains("default '24:00:00'::interval in the database"));
    }
}

TEST_CASE("PostgreSQL: an index the server prints otherwise, under another name, is not built twice", "[objects][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE docs (id bigint PRIMARY KEY, created_at timestamptz); "
            "CREATE INDEX ix_docs_recent ON docs (created_at) WHERE created_at > '2020-01-01'");  // as Alembic names it
    TempDir dir;
    const std::string schema = dir.write("model.toml", R"T(
[[tables]]
name = "docs"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "created_at", type = "timestamptz" }]
indexes = [{ name = "docs_recent", columns = ["created_at"], where = "created_at > '2020-01-01'" }]
)T").string();
    json plan = plan_json(schema, db.url());
    INFO(plan.dump(2));
    CHECK(plan["changes"].empty());
    CHECK(plan["warnings"].empty());
}

TEST_CASE("PostgreSQL: a schema in sync asks the server nothing about its expressions", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const char* model = R"T(
[[domains]]
name = "percent"
type = "integer"
checks = [{ name = "percent_max", expression = "VALUE <= 100" }, { name = "percent_min", expression = "VALUE >= 0" }]

[[tables]]
name = "scores"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "p", type = "percent", default = "0" }, { name = "t", type = "text" }]
checks = [{ name = "scores_t_short", expression = "char_length(t) < 10" }]
indexes = [{ name = "scores_lower_t", columns = [{ expression = "lower(t)" }], where = "p > 0" }]
)T";
    create_and_recheck(db, dir, model);
    const auto& dialect = reconcile::dialect::dialect_for(reconcile::db::Engine::PostgreSQL);
    auto connection = db.connect();
    const auto actual = dialect.inspect(*connection, {"public"});
    // Checks declared in another order than the catalog's (by name) are no reason to ask.
    std::string reversed = model;
    const auto at = reversed.find("checks = [{ name = \"percent_max\"");
    reversed.replace(at, reversed.find('\n', at) - at,
                     "checks = [{ name = \"percent_min\", expression = \"VALUE >= 0\" }, { name = \"percent_max\", expression = \"VALUE <= 100\" }]");
    CHECK_FALSE(dialect.has_expressions_to_ask(testing::schema_from_toml(model), actual));
    CHECK_FALSE(dialect.has_expressions_to_ask(testing::schema_from_toml(reversed), actual));
}

TEST_CASE("PostgreSQL column types round-trip without false drift", "[objects][postgres]") {
    PgDatabase db;
    TempDir dir;
    const std::string schema = create_and_recheck(db, dir, R"T(
[[extensions]]
name = "citext"

[[tables]]
name = "everything"
columns = [
  { name = "id", type = "serial", primary_key = true },
  { name = "big", type = "bigserial" },
  { name = "small", type = "int2", default = "-1" },
  { name = "price", type = "decimal(12,2)", default = "0.00" },
  { name = "ratio", type = "float8" },
  { name = "code", type = "varchar(20)", default = "'x'" },
  { name = "flag", type = "char(1)" },
  { name = "at", type = "timestamp(3)", default = "now()" },
  { name = "at_tz", type = "timestamptz(0)", default = "CURRENT_TIMESTAMP" },
  { name = "day", type = "date", default = "CURRENT_DATE" },
  { name = "wait", type = "interval" },
  { name = "doc", type = "jsonb", default = "'{}'::jsonb" },
  { name = "uid", type = "uuid", default = "gen_random_uuid()" },
  { name = "email", type = "citext" },
  { name = "blob", type = "bytea" },
  { name = "addr", type = "inet" },
  { name = "tags", type = "text[]", default = "'{}'" },
  { name = "grid", type = "int[][]" },
  { name = "ok", type = "bool", default = "true" },
]
)T");
    // Each column dropped by hand comes back, with its type and default, and nothing else moves.
    const std::string column = GENERATE(as<std::string>{}, "big", "small", "price", "ratio", "code", "flag", "at", "at_tz", "day",
                                        "wait", "doc", "uid", "email", "blob", "addr", "tags", "grid", "ok");
    dropped_object_is_recreated(db, schema, "ALTER TABLE everything DROP COLUMN " + column, column,
                                "ADD COLUMN IF NOT EXISTS \"" + column + "\"");
}
