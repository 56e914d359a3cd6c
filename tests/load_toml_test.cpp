#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "model/load_toml.h"
#include "support/harness.h"

using reconcile::Error;
using reconcile::ErrorKind;
using reconcile::model::FkAction;
using reconcile::model::load_schema;
using testing::TempDir;

namespace {

// Loads `text` as dir/bad.toml (beside a valid orgs.toml) and returns "file:line:column: message".
std::string load_error(const std::string& text) {
    TempDir dir;
    dir.write("a_orgs.toml", R"T(
[[tables]]
name = "orgs"
  [[tables.columns]]
  name = "id"
  type = "bigint"
  primary_key = true
)T");
    auto bad = dir.write("bad.toml", text);
    try {
        load_schema(dir.path());
    } catch (const Error& e) {
        REQUIRE(e.kind() == ErrorKind::Schema);
        std::string where = e.where().str();
        // Report the file by its name only so the expectations do not depend on the temp dir.
        auto pos = where.find(bad.string());
        if (pos != std::string::npos) where.replace(pos, bad.string().size(), "bad.toml");
        return where + ": " + e.what();
    }
    FAIL("expected a schema error");
    return {};
}

}  // namespace

TEST_CASE("the example schema loads with declaration order kept", "[load]") {
    auto s = load_schema(testing::example_schema_dir());
    REQUIRE(s.tables.size() >= 10);
    const auto* users = s.find_table({"public", "users"});
    REQUIRE(users);
    CHECK(users->columns.front().name == "id");
    CHECK(users->primary_key == std::vector<std::string>{"id"});
    CHECK(s.ignore_tables == std::vector<std::string>{"alembic_version"});
}

TEST_CASE("a table is read with every kind of object", "[load]") {
    auto s = testing::schema_from_toml(R"T(
[settings]
ignore_tables = ["alembic_version", "legacy"]

[[tables]]
name = "orgs"
schema = "app"
  [[tables.columns]]
  name = "id"
  type = "int8"
  primary_key = true
  [[tables.columns]]
  name = "slug"
  type = "VARCHAR(40)"
  nullable = false
  unique = true

[[tables]]
name = "members"
schema = "app"
primary_key = ["org_id", "user_id"]
columns = [
  { name = "org_id", type = "bigint" },
  { name = "user_id", type = "bigint" },
  { name = "role", type = "text", nullable = false, default = "'member'" },
]
  [[tables.indexes]]
  columns = ["role", "org_id"]
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "orgs", columns = ["id"] }
  on_delete = "CASCADE"
  on_update = "set_null"
  [[tables.checks]]
  expression = "role IN ('owner', 'member')"
  [[tables.checks]]
  expression = "org_id > 0"
)T");
    REQUIRE(s.tables.size() == 2);
    const auto& orgs = s.tables[0];
    CHECK(orgs.ref.schema == "app");
    CHECK(orgs.columns[0].type == "bigint");
    CHECK_FALSE(orgs.columns[0].nullable);
    CHECK(orgs.columns[1].type == "character varying(40)");
    REQUIRE(orgs.uniques.size() == 1);
    CHECK(orgs.uniques[0].name == "orgs_slug_key");
    CHECK(orgs.primary_key_name == "orgs_pkey");

    const auto& m = s.tables[1];
    CHECK(m.primary_key == std::vector<std::string>{"org_id", "user_id"});
    CHECK_FALSE(m.columns[0].nullable);  // part of the primary key
    CHECK(m.columns[2].default_value->text == "'member'");
    REQUIRE(m.indexes.size() == 1);
    CHECK(m.indexes[0].name == "members_role_org_id_idx");
    REQUIRE(m.foreign_keys.size() == 1);
    CHECK(m.foreign_keys[0].name == "members_org_id_fkey");
    CHECK(m.foreign_keys[0].ref_table.schema == "app");
    CHECK(m.foreign_keys[0].on_delete == FkAction::Cascade);
    CHECK(m.foreign_keys[0].on_update == FkAction::SetNull);
    REQUIRE(m.checks.size() == 2);
    CHECK(m.checks[0].name == "members_check");
    CHECK(m.checks[1].name == "members_check1");
    CHECK(s.ignore_tables == std::vector<std::string>{"alembic_version", "legacy"});
}

TEST_CASE("schema mistakes are reported with file:line:column", "[load]") {
    SECTION("unparsable TOML") {
        CHECK(load_error("[[tables]]\nname = \"x\nfoo") .rfind("bad.toml:2:", 0) == 0);
    }
    SECTION("unknown key") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  nullabel = true\n");
        CHECK(e.rfind("bad.toml:6:3: unknown key 'nullabel'", 0) == 0);
    }
    SECTION("unknown top-level key") {
        CHECK(load_error("[[table]]\nname = \"t\"\n").rfind("bad.toml:1:3: unknown key 'table'", 0) == 0);
    }
    SECTION("missing type") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n");
        CHECK(e == "bad.toml:3:3: column 't.a' has no 'type'");
    }
    SECTION("wrong value type") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  nullable = \"yes\"\n");
        CHECK(e.rfind("bad.toml:6:14: 'nullable' in a column of table 't' must be true or false", 0) == 0);
    }
    SECTION("duplicate table across files") {
        std::string e = load_error("\n[[tables]]\nname = \"orgs\"\n  [[tables.columns]]\n  name = \"id\"\n  type = \"int\"\n");
        CHECK(e.rfind("bad.toml:2:1: table 'public.orgs' is declared twice; first at ", 0) == 0);
        CHECK(e.find("a_orgs.toml:2:1") != std::string::npos);
    }
    SECTION("duplicate column") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"text\"\n");
        CHECK(e == "bad.toml:6:3: column 'a' is declared twice in table 'public.t'");
    }
    SECTION("duplicate index name") {
        std::string e = load_error(R"T([[tables]]
name = "t"
  [[tables.columns]]
  name = "a"
  type = "int"
  [[tables.indexes]]
  name = "t_idx"
  columns = ["a"]
  [[tables.indexes]]
  name = "t_idx"
  columns = ["a"]
)T");
        CHECK(e.rfind("bad.toml:9:3: index 't_idx' uses a name already taken in schema 'public' (at ", 0) == 0);
    }
    SECTION("foreign key to an undeclared table") {
        std::string e = load_error(R"T([[tables]]
name = "t"
  [[tables.columns]]
  name = "org_id"
  type = "bigint"
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "organisations", columns = ["id"] }
)T");
        CHECK(e == "bad.toml:6:3: foreign key 't_org_id_fkey' of table 'public.t' references table 'public.organisations', which the schema does not declare");
    }
    SECTION("foreign key to an undeclared column") {
        std::string e = load_error(R"T([[tables]]
name = "t"
  [[tables.columns]]
  name = "org_id"
  type = "bigint"
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "orgs", columns = ["uuid"] }
)T");
        CHECK(e == "bad.toml:6:3: foreign key 't_org_id_fkey' of table 'public.t' references column 'uuid', which table 'public.orgs' does not declare");
    }
    SECTION("foreign key from an undeclared column") {
        std::string e = load_error(R"T([[tables]]
name = "t"
  [[tables.columns]]
  name = "a"
  type = "bigint"
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "orgs", columns = ["id"] }
)T");
        CHECK(e == "bad.toml:6:3: foreign key 't_org_id_fkey' names column 'org_id', which table 'public.t' does not declare");
    }
    SECTION("index on an undeclared column") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  [[tables.indexes]]\n  columns = [\"b\"]\n");
        CHECK(e == "bad.toml:6:3: index 't_b_idx' names column 'b', which table 'public.t' does not declare");
    }
    SECTION("an expression that would end its statement") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  default = \"0); DROP TABLE users; --\"\n");
        CHECK(e.rfind("bad.toml:6:13: the default of column 't.a' is not a single SQL expression", 0) == 0);
    }
    SECTION("an unknown foreign key action") {
        std::string e = load_error(R"T([[tables]]
name = "t"
  [[tables.columns]]
  name = "org_id"
  type = "bigint"
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "orgs", columns = ["id"] }
  on_delete = "explode"
)T");
        CHECK(e.rfind("bad.toml:9:15: 'on_delete' is 'explode'", 0) == 0);
    }
    SECTION("a name PostgreSQL would cut") {
        std::string e = load_error("[[tables]]\nname = \"" + std::string(64, 'n') + "\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n");
        CHECK(e.find("bad.toml:2:8: table name") == 0);
        CHECK(e.find("63") != std::string::npos);
    }
    SECTION("the fidelity keys are checked where they are written") {
        const std::string table = "[[tables]]\nname = \"t\"\n";
        CHECK(load_error(table + "columns = [{ name = \"a\", type = \"int\" }]\nprimary_key_name = \"t_pk\"\n") ==
              "bad.toml:4:20: table 't' names its primary key but declares none");
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"int\", primary_key = true }]\nprimary_key_initially_deferred = true\n") ==
              "bad.toml:4:34: the primary key of table 't' is initially deferred, so it must also be primary_key_deferrable = true");
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"int\" }, { name = \"p\", type = \"int\" }]\n"
                                 "foreign_keys = [{ columns = [\"p\"], references = { table = \"orgs\", columns = [\"id\"] }, match = \"partial\" }]\n")
                  .find("asks for MATCH PARTIAL, which PostgreSQL does not implement") != std::string::npos);
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"int\", identity_options = { start = 5 } }]\n")
                  .find("has 'identity_options' but no 'identity'") != std::string::npos);
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"int\", identity = \"always\", identity_options = { start = 0 } }]\n")
                  .find("'start' of column 't.id' (0) is outside 1 to 2147483647") != std::string::npos);
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"smallint\", identity = \"always\", identity_options = { max_value = 40000 } }]\n")
                  .find("'max_value' of column 't.id' is out of range for smallint") != std::string::npos);
        CHECK(load_error(table + "columns = [{ name = \"id\", type = \"int\", identity = \"always\", identity_options = { increment = 0 } }]\n")
                  .find("'increment' of column 't.id' cannot be 0") != std::string::npos);
    }
    SECTION("a comment inside a comment in an expression") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  nullable = false\n  default = \"0 /* a /* b */ c */\"\n");
        CHECK(e == "bad.toml:7:13: the default of column 't.a' is not a single SQL expression: it has a comment inside a comment");
    }
    SECTION("a type that is not a type name") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int; DROP TABLE x\"\n");
        CHECK(e == "bad.toml:5:10: the type of column 't.a' is not a type name: it contains ';'");
    }
    SECTION("an empty name") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"int\"\n  [[tables.indexes]]\n  name = \"\"\n  columns = [\"a\"]\n");
        CHECK(e == "bad.toml:7:10: index name is empty");
    }
    SECTION("a nullable serial") {
        std::string e = load_error("[[tables]]\nname = \"t\"\n  [[tables.columns]]\n  name = \"a\"\n  type = \"serial\"\n  nullable = true\n");
        CHECK(e == "bad.toml:6:14: column 't.a' is serial, which is always NOT NULL");
    }
    SECTION("settings declared twice") {
        TempDir dir;
        dir.write("a.toml", "[settings]\nignore_tables = []\n[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n");
        dir.write("b.toml", "[settings]\nignore_tables = []\n");
        CHECK_THROWS_WITH(load_schema(dir.path()), Catch::Contains("[settings] is declared twice"));
    }
}

TEST_CASE("DEFAULT NULL is no default, as the server stores it, and serial is NOT NULL", "[load]") {
    auto s = testing::schema_from_toml(R"T(
[[tables]]
name = "t"
columns = [{ name = "a", type = "text", default = "NULL" }, { name = "id", type = "bigserial" }]
)T");
    CHECK_FALSE(s.tables[0].columns[0].default_value.has_value());
    CHECK_FALSE(s.tables[0].columns[1].nullable);
}

TEST_CASE("a schema path that does not exist is an error", "[load]") {
    CHECK_THROWS_AS(load_schema("/nonexistent/schema"), Error);
    TempDir empty;
    CHECK_THROWS_WITH(load_schema(empty.path()), Catch::Contains("holds no .toml files"));
}

TEST_CASE("a foreign key must reference a key of its table", "[load]") {
    CHECK_THROWS_WITH(testing::schema_from_toml(R"T(
[[tables]]
name = "a"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "code", type = "text" }]
[[tables]]
name = "b"
columns = [{ name = "a_code", type = "text" }]
  [[tables.foreign_keys]]
  columns = ["a_code"]
  references = { table = "a", columns = ["code"] }
)T"),
                      Catch::Contains("neither the primary key nor unique"));
}

// Large schemas are parsed in chunks on several threads (load_files): the result and the error
// reported must be those of a file-by-file load.
TEST_CASE("a schema of many files loads in file order and reports the first failing file", "[load]") {
    TempDir dir;
    constexpr int kFiles = 900;  // several chunks whatever the core count
    auto file_name = [](int i) {
        std::string n = std::to_string(i);
        return "t" + std::string(4 - n.size(), '0') + n + ".toml";
    };
    for (int i = 0; i < kFiles; ++i)
        dir.write(file_name(i), "[[tables]]\nname = \"t" + std::to_string(i) +
                                    "\"\ncolumns = [{ name = \"id\", type = \"int\", primary_key = true }]\n");
    dir.write("zz_settings.toml", "[settings]\nignore_tables = [\"legacy\"]\n");

    SECTION("order and settings are kept") {
        auto s = load_schema(dir.path());
        REQUIRE(s.tables.size() == kFiles);
        for (int i = 0; i < kFiles; ++i) REQUIRE(s.tables[i].ref.name == "t" + std::to_string(i));
        CHECK(s.ignore_tables == std::vector<std::string>{"legacy"});
        CHECK(s.tables[kFiles - 1].loc.str() == (dir.path() / file_name(kFiles - 1)).string() + ":1:1");
    }
    SECTION("the first broken file in path order is the one reported") {
        dir.write(file_name(850), "[[tables]]\nname = \"late\"\ncolumns = 3\n");
        dir.write(file_name(120), "[[tables]]\nname = \"early\"\ncolumns = [{ name = \"id\", type = \"int\", nullable = \"no\" }]\n");
        try {
            load_schema(dir.path());
            FAIL("expected a schema error");
        } catch (const Error& e) {
            CHECK(e.where().str().find(file_name(120)) != std::string::npos);
        }
    }
    SECTION("[settings] declared in two files far apart is an error") {
        dir.write("a_settings.toml", "[settings]\nignore_tables = []\n");
        CHECK_THROWS_WITH(load_schema(dir.path()), Catch::Contains("[settings] is declared twice"));
    }
}

TEST_CASE("function mistakes are reported with file:line:column", "[load]") {
    auto fn = [](const std::string& keys) { return load_error("[[functions]]\nname = \"f\"\n" + keys); };
    CHECK(fn("returns = \"int\"\n") == "bad.toml:1:1: function 'f' has no 'body' (nor 'sql_body')");
    CHECK(fn("body = \"SELECT 1\"\n") == "bad.toml:1:1: function 'f' has no 'returns' (nor out or table arguments)");
    CHECK(fn("returns = \"int); DROP TABLE x; --\"\nbody = \"SELECT 1\"\n") ==
          "bad.toml:3:11: the result of function 'f' is not a type name: it contains a comment");
    CHECK(fn("returns = \"int\"\nvolatility = \"sometimes\"\nbody = \"SELECT 1\"\n") ==
          "bad.toml:4:14: the volatility of function 'f' must be volatile, stable or immutable, not 'sometimes'");
    CHECK(fn("returns = \"int\"\nlanguage = \"sql; x\"\nbody = \"SELECT 1\"\n") ==
          "bad.toml:4:12: the language of function 'f' is not a name: 'sql; x'");
    CHECK(fn("returns = \"int\"\nbody = \"SELECT 1\"\narguments = [{ name = \"a\", type = \"int\", mode = \"sideways\" }]\n") ==
          "bad.toml:5:49: the mode of an argument of function 'f' must be in, out, inout, variadic or table, not 'sideways'");
    CHECK(fn("returns = \"int\"\nbody = \"SELECT 1\"\narguments = [{ name = \"a\", type = \"int\", default = \"1\" }, { name = \"b\", type = \"int\" }]\n") ==
          "bad.toml:5:59: an argument of function 'f' without a default follows one with a default, which PostgreSQL refuses");
    CHECK(fn("returns = \"int\"\nbody = \"SELECT 1\"\narguments = [{ name = \"a\", type = \"int\", default = \"1); DROP TABLE x; --\" }]\n") ==
          "bad.toml:5:52: the default of an argument of function 'f' is not a single SQL expression: it has an unmatched ')'");
    CHECK(fn("returns = \"int\"\nbody = \"SELECT 1\"\nset = { \"search_path; x\" = \"public\" }\n") ==
          "bad.toml:5:9: 'search_path; x' in 'set' of function 'f' is not a configuration parameter name");
    CHECK(fn("procedure = true\nreturns = \"int\"\nbody = \"SELECT 1\"\n") ==
          "bad.toml:4:11: procedure 'f' has 'returns': procedures return nothing (use out arguments)");
    CHECK(fn("procedure = true\nvolatility = \"stable\"\nbody = \"SELECT 1\"\n") ==
          "bad.toml:4:14: procedure 'f' has 'volatility', which only functions have");
    CHECK(fn("returns = \"int\"\nrows = 5\nbody = \"SELECT 1\"\n") == "bad.toml:4:8: function 'f' has 'rows' but does not return a set");
    CHECK_THAT(fn("returns = \"int\"\nbody = \"SELECT 1\"\n[[functions]]\nname = \"f\"\nreturns = \"text\"\nbody = \"SELECT 2\"\n"),
               Catch::StartsWith("bad.toml:5:1: function 'public.f()' is declared twice; first at ") && Catch::EndsWith("bad.toml:1:1"));
}

TEST_CASE("functions load with PostgreSQL's defaults filled in, and overloads are distinct", "[load]") {
    TempDir dir;
    dir.write("f.toml",
              "[[functions]]\nname = \"f\"\narguments = [{ name = \"a\", type = \"INT4\" }, { name = \"b\", type = \"numeric(10,2)\", default = \"1\" }]\n"
              "returns = \"SETOF varchar(20)\"\nset = { search_path = \"a,  \\\"B c\\\" ,pg_temp\" }\nbody = \"SELECT 'x'\"\n"
              "[[functions]]\nname = \"f\"\narguments = [{ name = \"a\", type = \"text\" }, { name = \"total\", type = \"int\", mode = \"out\" }]\n"
              "body = \"SELECT 1\"\n");
    const auto s = load_schema(dir.path());
    REQUIRE(s.functions.size() == 2);
    const auto& f = s.functions[0];
    CHECK(f.signature() == "public.f(integer, numeric)");
    CHECK(f.returns == "SETOF character varying");
    CHECK(f.language == "sql");
    CHECK(f.volatility == "volatile");
    CHECK(f.cost == 100);
    CHECK(f.rows == 1000);
    REQUIRE(f.settings.size() == 1);
    CHECK(f.settings[0].second == "a, \"B c\", pg_temp");
    CHECK(s.functions[1].signature() == "public.f(text)");
    CHECK(s.functions[1].returns == "integer");  // from its one out argument
    CHECK(s.functions[1].rows == 0);
}

TEST_CASE("trigger and aggregate mistakes are reported with file:line:column", "[load]") {
    auto trigger = [](const std::string& keys) {
        return load_error("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n  [[tables.triggers]]\n  name = \"tr\"\n" + keys);
    };
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n") ==
          "bad.toml:4:3: trigger 'tr' of table 't' needs 'function' (the PostgreSQL function it runs) or 'body' (the statements of a SQLite trigger)");
    // A SQLite trigger's body: only what SQLite's CREATE TRIGGER can say, and statements that
    // cannot end the trigger early.
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f\"\n  body = \"SELECT 1;\"\n") ==
          "bad.toml:8:14: trigger 'tr' of table 't' has both a 'body' (SQLite) and a 'function' (PostgreSQL); give one");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT 1; END; DROP TABLE t;\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' holds END outside a CASE, which would end the trigger there; write only the statements between BEGIN and END");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT CASE WHEN 1 THEN 2 END\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' must end its last statement with ';'");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"  \"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' is empty; a trigger runs at least one statement");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT (1;\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' ends a statement inside an unclosed parenthesis");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT (1); SELECT (2\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' leaves a parenthesis open");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\", \"delete\"]\n  body = \"SELECT 1;\"\n") ==
          "bad.toml:7:12: trigger 'tr' of table 't' has a body (a SQLite trigger), which fires on one event");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  for_each = \"statement\"\n  body = \"SELECT 1;\"\n") ==
          "bad.toml:8:14: trigger 'tr' of table 't' has a body (a SQLite trigger), and SQLite triggers fire for each row");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT 1;\"\n  state = \"disabled\"\n") ==
          "bad.toml:9:11: trigger 'tr' of table 't' has a body (a SQLite trigger), which has no 'state'");
    // A view's triggers: INSTEAD OF is a view's, and what a view cannot take is refused.
    auto view_trigger = [](const std::string& view_keys, const std::string& keys) {
        return load_error("[[views]]\nname = \"v\"\ndefinition = \"SELECT 1 AS a\"\n" + view_keys + "  [[views.triggers]]\n  name = \"tr\"\n" + keys);
    };
    CHECK(trigger("  timing = \"instead of\"\n  events = [\"insert\"]\n  for_each = \"row\"\n  function = \"f\"\n") ==
          "bad.toml:6:12: trigger 'tr' of table 't': INSTEAD OF triggers are for views (declare it in [[views.triggers]])");
    CHECK(view_trigger("", "  timing = \"instead of\"\n  events = [\"insert\"]\n  function = \"f\"\n") ==
          "bad.toml:4:3: trigger 'tr' of view 'v' is an INSTEAD OF trigger, which fires for each row");
    CHECK(view_trigger("", "  timing = \"instead of\"\n  events = [\"insert\"]\n  for_each = \"row\"\n  function = \"f\"\n  state = \"disabled\"\n") ==
          "bad.toml:10:11: trigger 'tr' of view 'v': a view's triggers are always enabled");
    CHECK(view_trigger("", "  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f\"\n  constraint = true\n") ==
          "bad.toml:9:16: trigger 'tr' of view 'v': a view has no constraint triggers");
    CHECK(view_trigger("materialized = true\n", "  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f\"\n") ==
          "bad.toml:5:3: materialized view 'v' cannot have triggers");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT CASE WHEN 1 THEN 1; END; DROP TABLE t; SELECT 1;\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' ends a statement inside an unclosed CASE");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT CASE WHEN 1 THEN 1 ELSE 2;\"\n") ==
          "bad.toml:8:10: the body of trigger 'tr' of table 't' ends a statement inside an unclosed CASE");
    CHECK(view_trigger("", "  timing = \"before\"\n  events = [\"insert\"]\n  body = \"SELECT 1;\"\n") ==
          "bad.toml:6:12: trigger 'tr' of view 'v': a SQLite view takes INSTEAD OF triggers only");
    CHECK(view_trigger("", "  timing = \"after\"\n  events = [\"insert\"]\n  for_each = \"row\"\n  function = \"f\"\n") ==
          "bad.toml:8:14: trigger 'tr' of view 'v': a view's BEFORE and AFTER triggers fire for each statement (INSTEAD OF for each row)");
    CHECK(view_trigger("", "  timing = \"instead of\"\n  events = [\"update\"]\n  for_each = \"row\"\n  when = \"true\"\n  function = \"f\"\n") ==
          "bad.toml:9:10: trigger 'tr' of view 'v': an INSTEAD OF trigger has no WHEN condition");
    // SQLite's trigger names are the database's: one name on two tables is refused.
    const std::string twice = load_error(
        "[[tables]]\nname = \"a\"\ncolumns = [{ name = \"x\", type = \"int\" }]\n  [[tables.triggers]]\n  name = \"Log\"\n  timing = \"after\"\n"
        "  events = [\"insert\"]\n  body = \"SELECT 1;\"\n\n[[tables]]\nname = \"b\"\ncolumns = [{ name = \"x\", type = \"int\" }]\n"
        "  [[tables.triggers]]\n  name = \"log\"\n  timing = \"after\"\n  events = [\"insert\"]\n  body = \"SELECT 1;\"\n");
    CHECK(twice.rfind("bad.toml:13:3: trigger 'log' of 'b' has the name of the SQLite trigger declared at ", 0) == 0);
    CHECK(trigger("  timing = \"around\"\n  events = [\"insert\"]\n  function = \"f\"\n") ==
          "bad.toml:6:12: the timing of trigger 'tr' of table 't' must be before, after or instead of, not 'around'");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\", \"select\"]\n  function = \"f\"\n") ==
          "bad.toml:7:12: an event of trigger 'tr' of table 't' must be insert, update, delete or truncate, not 'select'");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  update_of = [\"a\"]\n  function = \"f\"\n") ==
          "bad.toml:8:15: trigger 'tr' of table 't' has 'update_of' but no update event");
    CHECK(trigger("  timing = \"after\"\n  events = [\"update\"]\n  update_of = [\"b\"]\n  function = \"f\"\n") ==
          "bad.toml:8:15: trigger 'tr' of table 't' names column 'b', which table 't' does not declare");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f(); DROP TABLE t\"\n") ==
          "bad.toml:8:14: 'function' of trigger 'tr' of table 't' is not a function name ([schema.]name): 'f(); DROP TABLE t'");
    CHECK(trigger("  timing = \"before\"\n  events = [\"insert\"]\n  function = \"f\"\n  constraint = true\n") ==
          "bad.toml:9:16: trigger 'tr' of table 't' is a constraint trigger, which must be AFTER … FOR EACH ROW");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f\"\n  deferrable = true\n") ==
          "bad.toml:9:16: trigger 'tr' of table 't' is deferrable, which only constraint triggers are");
    CHECK(trigger("  timing = \"before\"\n  events = [\"insert\"]\n  function = \"f\"\n  new_table = \"n\"\n") ==
          "bad.toml:4:3: trigger 'tr' of table 't' has transition tables, which only AFTER triggers have");
    CHECK(trigger("  timing = \"after\"\n  events = [\"insert\"]\n  function = \"f\"\n  state = \"sleeping\"\n") ==
          "bad.toml:9:11: the state of trigger 'tr' of table 't' must be enabled, disabled, replica or always, not 'sleeping'");

    auto aggregate = [](const std::string& keys) { return load_error("[[aggregates]]\nname = \"agg\"\n" + keys); };
    CHECK(aggregate("state_type = \"int\"\n") == "bad.toml:1:1: aggregate 'agg' has no 'state_function'");
    CHECK(aggregate("state_function = \"f\"\nstate_type = \"int\"\narguments = [{ type = \"int\", mode = \"out\" }]\n") ==
          "bad.toml:5:37: the mode of an argument of aggregate 'agg' must be in or variadic, not 'out'");
    CHECK(aggregate("state_function = \"f\"\nstate_type = \"int\"\nserial_function = \"s\"\n") ==
          "bad.toml:1:1: aggregate 'agg' needs both 'serial_function' and 'deserial_function', or neither");
    CHECK(aggregate("state_function = \"f\"\nstate_type = \"int\"\nfinal_extra = true\n") ==
          "bad.toml:5:15: aggregate 'agg' has 'final_extra' but no 'final_function'");
}

TEST_CASE("policy mistakes are reported with file:line:column", "[load]") {
    auto policy = [](const std::string& keys) {
        return load_error("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n  [[tables.policies]]\n  name = \"p\"\n" + keys);
    };
    CHECK(policy("  as = \"lenient\"\n") == "bad.toml:6:8: 'as' of policy 'p' of table 't' must be permissive or restrictive, not 'lenient'");
    CHECK(policy("  command = \"truncate\"\n") ==
          "bad.toml:6:13: the command of policy 'p' of table 't' must be all, select, insert, update or delete, not 'truncate'");
    CHECK(policy("  roles = []\n") == "bad.toml:6:11: policy 'p' of table 't' has no roles; leave 'roles' out for PUBLIC");
    CHECK(policy("  roles = [\"app\", \"app\"]\n") == "bad.toml:6:11: policy 'p' of table 't' names role 'app' twice");
    CHECK(policy("  roles = [\"CURRENT_USER\"]\n") ==
          "bad.toml:6:11: policy 'p' of table 't' names current_user, which PostgreSQL turns into the role running the statement; name that role");
    CHECK(policy("  using = \"a > 0); DROP TABLE t; SELECT (1\"\n").rfind("bad.toml:6:11: the USING expression of policy 'p' of table 't' is not a single SQL expression", 0) == 0);
    CHECK(policy("  command = \"select\"\n  with_check = \"a > 0\"\n") ==
          "bad.toml:7:16: policy 'p' of table 't' is for select, which has no WITH CHECK (only USING)");
    CHECK(policy("  command = \"insert\"\n  using = \"a > 0\"\n") == "bad.toml:7:11: policy 'p' of table 't' is for insert, which has no USING (only WITH CHECK)");
    CHECK(policy("  rolez = [\"app\"]\n").find("rolez") != std::string::npos);
    CHECK(load_error("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n  [[tables.policies]]\n  name = \"p\"\n"
                     "  [[tables.policies]]\n  name = \"p\"\n").rfind("bad.toml:6:3: policy 'p' of table 't' is declared twice; first at ", 0) == 0);
    CHECK(policy("  roles = [\"app\", \"PUBLIC\"]\n") ==
          "bad.toml:6:11: policy 'p' of table 't' names PUBLIC and other roles; PostgreSQL keeps only PUBLIC then, so name it alone");
    CHECK(load_error("[[tables]]\nname = \"t\"\nrow_level_security = \"yes\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n").find("bad.toml:3:22") == 0);
}

TEST_CASE("grant mistakes are reported with file:line:column", "[load]") {
    const std::string settings = "[settings]\nmanaged_roles = [\"app\"]\n\n";
    auto table = [&](const std::string& grants) {
        return load_error(settings + "[[tables]]\nname = \"t\"\ngrants = " + grants + "\ncolumns = [{ name = \"a\", type = \"int\" }]\n");
    };
    CHECK(table("[{ role = \"app\", privileges = [\"execute\"] }]") ==
          "bad.toml:6:40: 'execute' is not a privilege of table 't' (select, insert, update, delete, truncate, references, trigger, or all)");
    CHECK(table("[{ role = \"app\" }]") == "bad.toml:6:11: the grant of table 't' to 'app' has no 'privileges'");
    CHECK(table("[{ role = \"app\", privileges = [\"select\"], with_grant = true }]").find("with_grant") != std::string::npos);
    CHECK(table("[{ role = \"stranger\", privileges = [\"select\"] }]") ==
          "bad.toml:6:10: the grants of table public.t name role 'stranger', which [settings] managed_roles does not list; privileges are "
          "managed only for the roles listed there");
    CHECK(load_error(settings + "[[functions]]\nname = \"f\"\nreturns = \"int\"\nbody = \"SELECT 1\"\n"
                                "grants = [{ role = \"app\", privileges = [\"select\"] }]\n") ==
          "bad.toml:8:40: 'select' is not a privilege of function 'f' (execute, or all)");
    CHECK(load_error("[settings]\nmanaged_roles = [\"app\", \"app\"]\n") == "bad.toml:2:17: 'managed_roles' names role 'app' twice");
    // A column's own grants: the privileges a column takes, at their place.
    const std::string column_grant =
        load_error(settings + "[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\", grants = [{ role = \"app\", privileges = [\"delete\"] }] }]\n");
    INFO(column_grant);
    CHECK(column_grant.rfind("bad.toml:6:", 0) == 0);
    CHECK_THAT(column_grant, Catch::Contains("'delete' is not a privilege of column 't.a' (select, insert, update, references, or all)"));
    CHECK_THAT(load_error("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\", grants = [{ role = \"app\", privileges = [\"select\"] }] }]\n"),
               Catch::Contains("the grants of column public.t.a name role 'app', which [settings] managed_roles does not list"));
    CHECK_THAT(load_error("[[tables]]\nname = \"t\"\ncolumns = [{ name = \"a\", type = \"int\", owner = \"app\" }]\n"), Catch::Contains("unknown key 'owner'"));
    // Without managed_roles no role's privileges are managed, so a grant would be ignored: refused.
    CHECK(load_error("[[sequences]]\nname = \"s\"\ngrants = [{ role = \"app\", privileges = [\"usage\"] }]\n").find(
              "bad.toml:3:10: the grants of sequence public.s name role 'app', which [settings] managed_roles does not list") == 0);
}

TEST_CASE("default privileges mistakes are reported with file:line:column", "[load]") {
    const std::string settings = "[settings]\nmanaged_roles = [\"app\"]\n\n";
    auto entry = [&](const std::string& keys) { return load_error(settings + "[[default_privileges]]\n" + keys); };
    CHECK(entry("role = \"maker\"\non = \"views\"\n") ==
          "bad.toml:6:6: 'on' of default privileges must be tables, sequences, functions, types or schemas, not 'views'");
    CHECK(entry("role = \"maker\"\nschema = \"s\"\non = \"schemas\"\n") ==
          "bad.toml:6:10: default privileges on schemas are for every schema: PostgreSQL takes no IN SCHEMA for them");
    CHECK(entry("role = \"PUBLIC\"\non = \"tables\"\n") == "bad.toml:5:8: default privileges are of a role that makes objects, not of PUBLIC");
    CHECK(entry("role = \"maker\"\non = \"functions\"\ngrants = [{ role = \"app\", privileges = [\"select\"] }]\n") ==
          "bad.toml:7:40: 'select' is not a privilege of the default privileges of role 'maker' on functions (execute, or all)");
    CHECK(entry("role = \"maker\"\non = \"tables\"\ngrants = [{ role = \"stranger\", privileges = [\"select\"] }]\n") ==
          "bad.toml:4:1: the default privileges of role maker on tables name role 'stranger', which [settings] managed_roles does not "
          "list; privileges are managed only for the roles listed there");
    CHECK(load_error("[settings]\nmanaged_roles = [\"maker\"]\n\n[[default_privileges]]\nrole = \"maker\"\non = \"tables\"\n"
                     "grants = [{ role = \"maker\", privileges = [\"select\"] }]\n") ==
          "bad.toml:7:10: the default privileges of role 'maker' grant to that role itself, which owns what it makes and holds every "
          "privilege on it");
    CHECK(entry("role = \"maker\"\non = \"tables\"\n\n[[default_privileges]]\nrole = \"maker\"\non = \"TABLES\"\n")
              .rfind("bad.toml:8:1: the default privileges of role maker on tables are declared twice; first at ", 0) == 0);
}

TEST_CASE("owner mistakes are reported with file:line:column", "[load]") {
    CHECK(load_error("[[tables]]\nname = \"t\"\nowner = \"PUBLIC\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n") ==
          "bad.toml:3:9: the owner of table 't' must be a role, not PUBLIC");
    CHECK(load_error("[[sequences]]\nname = \"s\"\nowned_by = { table = \"orgs\", column = \"id\" }\nowner = \"app\"\n") ==
          "bad.toml:4:9: sequence 's' is owned by a column: its owner is its table's, not one of its own");
    // An object declared twice is refused as such: its owner cannot be declared twice either.
    CHECK(load_error("[[schemas]]\nname = \"app\"\nowner = \"one\"\n\n[[schemas]]\nname = \"app\"\nowner = \"two\"\n").find("twice") !=
          std::string::npos);
    CHECK(load_error("[[views]]\nname = \"v\"\ndefinition = \"SELECT 1\"\nowner = 7\n").rfind("bad.toml:4:9: ", 0) == 0);
}

TEST_CASE("a trigger's function is taken in its table's schema unless qualified, and its events in PostgreSQL's order", "[load]") {
    TempDir dir;
    dir.write("t.toml", "[[tables]]\nname = \"t\"\nschema = \"app\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n"
                        "  [[tables.triggers]]\n  name = \"one\"\n  timing = \"AFTER\"\n  events = [\"update\", \"TRUNCATE\", \"insert\"]\n"
                        "  function = \"stamp\"\n"
                        "  [[tables.triggers]]\n  name = \"two\"\n  timing = \"before\"\n  events = [\"delete\"]\n"
                        "  function = '\"Audit\".\"Record\"'\n");
    const auto s = load_schema(dir.path());
    REQUIRE(s.tables.at(0).triggers.size() == 2);
    const auto& one = s.tables[0].triggers[0];
    CHECK(one.function == reconcile::model::TableRef{"app", "stamp"});
    CHECK(one.events == std::vector<std::string>{"insert", "update", "truncate"});
    CHECK(one.timing == "after");
    CHECK_FALSE(one.for_each_row);
    CHECK(s.tables[0].triggers[1].function == reconcile::model::TableRef{"Audit", "Record"});
}

TEST_CASE("a schema directory read by several threads keeps every file's schema comments, managed roles and grants", "[load]") {
    // 600 files: three chunks at 200 files each (on a machine with more than one core).
    TempDir dir;
    for (int i = 0; i < 600; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "t%04d.toml", i);
        dir.write(name, "[[tables]]\nname = \"t" + std::to_string(i) + "\"\ncolumns = [{ name = \"a\", type = \"int\" }]\n" +
                            (i == 599 ? "grants = [{ role = \"app\", privileges = [\"select\"] }]\n" : ""));
    }
    dir.write("z_settings.toml", "[settings]\nmanaged_roles = [\"app\"]\n\n[[schemas]]\nname = \"late\"\ncomment = \"from the last file\"\n");
    auto s = load_schema(dir.path());
    REQUIRE(s.tables.size() == 600u);
    CHECK(s.schema_comments.count("late") == 1);
    CHECK(s.managed_roles == std::vector<std::string>{"app"});
    REQUIRE(s.privileges.size() == 1u);
    CHECK(s.privileges[0].ref.name == "t599");
}

// The other half of "the JSON Schema and the loader cannot disagree" (tests/json_schema): each
// broken file the schema rejects, the loader rejects too, at a place in the file; the file that
// uses every key loads.
TEST_CASE("the JSON Schema's broken fixtures are refused by the loader, its full example loads", "[load]") {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(RECONCILE_SOURCE_DIR) / "tests" / "json_schema";
    std::size_t refused = 0;
    for (const auto& entry : fs::directory_iterator(root / "invalid")) {
        if (entry.path().extension() != ".toml") continue;
        INFO(entry.path().filename().string());
        try {
            reconcile::model::load_schema(entry.path());
            FAIL("loaded without an error");
        } catch (const reconcile::Error& e) {
            CHECK(e.kind() == reconcile::ErrorKind::Schema);
            CHECK(e.where().line > 0);
            ++refused;
        }
    }
    CHECK(refused >= 10);
    const auto everything = reconcile::model::load_schema(root / "valid" / "everything.toml");
    CHECK_FALSE(everything.tables.empty());
    CHECK_FALSE(everything.functions.empty());
}
