#include <catch2/catch.hpp>

#include "model/normalize.h"
#include "support/harness.h"

using reconcile::model::canonical_expression;
using reconcile::model::canonical_type;
using reconcile::model::default_object_name;
using reconcile::model::is_single_expression;
using reconcile::model::sql_text_closed;

TEST_CASE("canonical_type maps aliases to the server's spelling", "[normalize]") {
    CHECK(canonical_type("int") == "integer");
    CHECK(canonical_type("INT4") == "integer");
    CHECK(canonical_type("integer") == "integer");
    CHECK(canonical_type("int8") == "bigint");
    CHECK(canonical_type("int2") == "smallint");
    CHECK(canonical_type("varchar(20)") == "character varying(20)");
    CHECK(canonical_type("character varying ( 20 )") == "character varying(20)");
    CHECK(canonical_type("VARCHAR") == "character varying");
    CHECK(canonical_type("char") == "character(1)");
    CHECK(canonical_type("char(3)") == "character(3)");
    CHECK(canonical_type("timestamptz") == "timestamp with time zone");
    CHECK(canonical_type("timestamptz(3)") == "timestamp(3) with time zone");
    CHECK(canonical_type("timestamp") == "timestamp without time zone");
    CHECK(canonical_type("timestamp(6) without time zone") == "timestamp(6) without time zone");
    CHECK(canonical_type("bool") == "boolean");
    CHECK(canonical_type("float8") == "double precision");
    CHECK(canonical_type("float") == "double precision");
    CHECK(canonical_type("float(10)") == "real");
    CHECK(canonical_type("decimal(10, 2)") == "numeric(10,2)");
    CHECK(canonical_type("serial4") == "serial");
    CHECK(canonical_type("serial8") == "bigserial");
    CHECK(canonical_type("int[]") == "integer[]");
    CHECK(canonical_type("_int4") == "integer[]");
    CHECK(canonical_type("varchar(5)[][]") == "character varying(5)[]");  // the server keeps no dimensions
    CHECK(canonical_type("jsonb") == "jsonb");
    CHECK(canonical_type("numeric(10)") == "numeric(10,0)");
    CHECK(canonical_type("decimal") == "numeric");
    CHECK(canonical_type("bit") == "bit(1)");
    CHECK(canonical_type("bpchar") == "bpchar");
    CHECK(canonical_type("\"MyType\"") == "\"MyType\"");
}

TEST_CASE("canonical_type is idempotent", "[normalize]") {
    for (const char* t : {"int", "varchar(20)", "timestamptz(3)", "float4", "numeric(12,4)", "bool[]", "time", "timetz"})
        CHECK(canonical_type(canonical_type(t)) == canonical_type(t));
}

TEST_CASE("canonical_expression equates what PostgreSQL stores with what was declared", "[normalize]") {
    // Defaults as pg_get_expr prints them.
    CHECK(canonical_expression("'active'::text") == canonical_expression("'active'"));
    CHECK(canonical_expression("'active'::character varying") == canonical_expression("'active'"));
    CHECK(canonical_expression("'-1'::integer") == canonical_expression("-1"));
    CHECK(canonical_expression("CURRENT_TIMESTAMP") == canonical_expression("now()"));
    CHECK(canonical_expression("nextval('users_id_seq'::regclass)") == canonical_expression("nextval('users_id_seq')"));
    CHECK(canonical_expression("'2020-01-01 00:00:00+00'::timestamp with time zone") ==
          canonical_expression("'2020-01-01 00:00:00+00'"));
    // Checks as pg_get_expr deparses them.
    CHECK(canonical_expression("(price > (0)::numeric)") == canonical_expression("price > 0"));
    CHECK(canonical_expression("(status = ANY (ARRAY['a'::text, 'b'::text]))") == canonical_expression("status IN ('a', 'b')"));
    CHECK(canonical_expression("((role)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))") ==
          canonical_expression("role IN ('x','y')"));
    CHECK(canonical_expression("(status <> ALL (ARRAY['a'::text, 'b'::text]))") == canonical_expression("status NOT IN ('a', 'b')"));
    CHECK(canonical_expression("(status = 'a'::text)") == canonical_expression("status IN ('a')"));
    CHECK(canonical_expression("(status <> 'a'::text)") == canonical_expression("status NOT IN ('a')"));
    CHECK(canonical_expression("((x >= '-1'::integer) AND (x <= 1))") == canonical_expression("x BETWEEN -1 AND 1"));
    CHECK(canonical_expression("(now() + '30 days'::interval)") == canonical_expression("now() + interval '30 days'"));
    CHECK(canonical_expression("'2020-01-01'::date") == canonical_expression("'2020-01-01'"));
    CHECK(canonical_expression("'00000000-0000-0000-0000-000000000000'::uuid") == canonical_expression("'00000000-0000-0000-0000-000000000000'"));
    CHECK(canonical_expression("'0'::text") == canonical_expression("'0'"));
    CHECK(canonical_expression("'555-1234'::text") == canonical_expression("'555-1234'"));
    CHECK(canonical_expression("((n >= 1) AND (n <= 5))") == canonical_expression("n BETWEEN 1 AND 5"));
    CHECK(canonical_expression("(name ~~ 'a%'::text)") == canonical_expression("name LIKE 'a%'"));
    CHECK(canonical_expression("(a <> b)") == canonical_expression("a != b"));
    CHECK(canonical_expression("(length(\"Title\") > 0)") == canonical_expression("LENGTH(\"Title\") > 0"));
    CHECK(canonical_expression("(\"name\" IS NOT NULL)") == canonical_expression("name is not null"));
    CHECK(canonical_expression("(x > '-1'::integer)") == canonical_expression("x > -1"));
    CHECK(canonical_expression("x>-1") == canonical_expression("x > -1"));
}

TEST_CASE("canonical_expression keeps real differences apart", "[normalize]") {
    CHECK(canonical_expression("price > 0") != canonical_expression("price >= 0"));
    CHECK(canonical_expression("'Active'") != canonical_expression("'active'"));
    CHECK(canonical_expression("\"Name\" > 0") != canonical_expression("name > 0"));
    CHECK(canonical_expression("status IN ('a', 'b')") != canonical_expression("status IN ('a', 'c')"));
    CHECK(canonical_expression("1") != canonical_expression("2"));
}

TEST_CASE("is_single_expression rejects text that could end the statement", "[normalize]") {
    std::string why;
    CHECK(is_single_expression("a > 0 AND b IN ('x;y')"));
    CHECK_FALSE(is_single_expression("0; DROP TABLE users", &why));
    CHECK(why.find(";") != std::string::npos);
    CHECK_FALSE(is_single_expression("0); DROP TABLE users; --", &why));
    CHECK_FALSE(is_single_expression("0) OR (1", &why));
    CHECK(why.find("unmatched") != std::string::npos);
    CHECK_FALSE(is_single_expression("(a > 0", &why));
    CHECK_FALSE(is_single_expression("'unterminated", &why));
    CHECK_FALSE(is_single_expression("", &why));
    // Comments are kept; one inside another ends in different places for PostgreSQL and SQLite.
    CHECK(is_single_expression("0 -- units"));
    CHECK(is_single_expression("0 /* x */"));
    CHECK_FALSE(is_single_expression("0 /* a /* b */ ; DROP TABLE users; -- */", &why));
    CHECK_FALSE(is_single_expression("/* /* */ 0 */", &why));
    CHECK(why == "it has a comment inside a comment");
    // A ';' after a line comment is on the next line: outside it, refused.
    CHECK_FALSE(is_single_expression("0 -- note\n; DROP TABLE users", &why));
    // PostgreSQL ends a -- comment at a carriage return too; SQLite does not.
    CHECK_FALSE(is_single_expression("a > 0 -- x\r); DROP TABLE users; ALTER TABLE t ADD CONSTRAINT c2 CHECK (true", &why));
    CHECK(why.find("carriage return") != std::string::npos);
    // A "--" comment that runs to the end is closed where the text enters.
    CHECK(sql_text_closed("a > 0 -- positive") == "a > 0 -- positive\n");
    CHECK(sql_text_closed("a > 0 -- positive\n") == "a > 0 -- positive\n");
    CHECK(sql_text_closed("a > 0 /* -- not a line comment */") == "a > 0 /* -- not a line comment */");
    CHECK(sql_text_closed("'--' || a") == "'--' || a");
}

TEST_CASE("default_object_name follows PostgreSQL's naming and 63-byte limit", "[normalize]") {
    CHECK(default_object_name("users", {"email"}, "key") == "users_email_key");
    CHECK(default_object_name("memberships", {"org_id", "user_id"}, "fkey") == "memberships_org_id_user_id_fkey");
    CHECK(default_object_name("users", {}, "pkey") == "users_pkey");
    std::string long_table(60, 't');
    std::string name = default_object_name(long_table, {"a_rather_long_column_name"}, "idx");
    CHECK(name.size() <= 63);
    CHECK(name.substr(name.size() - 4) == "_idx");
}

// The names PostgreSQL itself gives unnamed constraints and indexes, shortened to 63 bytes the
// way it shortens them (the longer part first), are the names reconcile expects.
TEST_CASE("default_object_name is the name PostgreSQL gives, long names shortened as it shortens them", "[normalize][postgres]") {
    testing::PgDatabase db;
    const std::string table(58, 't'), column(40, 'c'), other = "org_id", parent = "parents_of_a_rather_long_name_for_a_table";
    db.exec("CREATE TABLE " + parent + " (id integer PRIMARY KEY);"
            "CREATE TABLE " + table + " (" + column + " integer PRIMARY KEY, " + other + " integer UNIQUE, note text CHECK (note <> ''),"
            " parent integer REFERENCES " + parent + ", UNIQUE (" + column + ", " + other + "));"
            "CREATE INDEX ON " + table + " (note);"
            "CREATE INDEX ON " + table + " (" + other + ", note)");
    auto named = [&](const std::string& sql) { return db.scalar(sql); };
    const std::string constraint = "SELECT conname FROM pg_constraint WHERE conrelid = '" + table + "'::regclass AND contype = ";
    CHECK(named(constraint + "'p'") == default_object_name(table, {}, "pkey"));  // a primary key is named for its table alone
    CHECK(named(constraint + "'u' AND array_length(conkey, 1) = 1") == default_object_name(table, {other}, "key"));
    CHECK(named(constraint + "'u' AND array_length(conkey, 1) = 2") == default_object_name(table, {column, other}, "key"));
    CHECK(named(constraint + "'c'") == default_object_name(table, {"note"}, "check"));
    CHECK(named(constraint + "'f'") == default_object_name(table, {"parent"}, "fkey"));
    const std::string index = "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '" + table +
                              "'::regclass AND NOT i.indisunique AND i.indnatts = ";
    CHECK(named(index + "1") == default_object_name(table, {"note"}, "idx"));
    CHECK(named(index + "2") == default_object_name(table, {other, "note"}, "idx"));
    for (const char* kind : {"'p'", "'c'", "'f'"}) CHECK(named(constraint + kind).size() == 63);
}
