// Coverage: what the database has and the model cannot declare is listed as not managed, by
// kind and name, counted in the summary and in JSON, and left alone; --strict turns it into a
// failing --exit-code and a refused --apply. On a real PostgreSQL and a real SQLite file.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

constexpr const char* kModel = R"(
[settings]
ignore_tables = ["scratch"]

[[tables]]
name = "notes"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "a", type = "integer" }, { name = "b", type = "integer" }]

[[functions]]
name = "notes_view_insert"
returns = "trigger"
language = "plpgsql"
body = "BEGIN INSERT INTO notes VALUES (NEW.id, NEW.a); RETURN NEW; END"

[[functions]]
name = "audit_ddl"
returns = "event_trigger"
language = "plpgsql"
body = "BEGIN END"

[[functions]]
name = "pair_sum"
arguments = [{ type = "pair" }]
returns = "integer"
volatility = "immutable"
body = "SELECT $1.x + $1.y"

[[functions]]
name = "pair_eq"
arguments = [{ type = "pair" }, { type = "pair" }]
returns = "boolean"
volatility = "immutable"
body = "SELECT $1 = $2"

[[views]]
name = "notes_view"
definition = "SELECT id, a FROM notes"
  [[views.triggers]]
  name = "notes_view_insert"
  timing = "instead of"
  events = ["insert"]
  for_each = "row"
  function = "notes_view_insert"
)";

// One object of each kind the model has no key for, and a rule on an ignored table.
constexpr const char* kUnmodelled = R"SQL(
CREATE TABLE notes (id integer PRIMARY KEY, a integer, b integer);
CREATE VIEW notes_view AS SELECT id, a FROM notes;
CREATE TABLE scratch (id integer);
CREATE RULE scratch_quiet AS ON DELETE TO scratch DO INSTEAD NOTHING;
CREATE RULE notes_keep AS ON DELETE TO notes WHERE old.id < 0 DO INSTEAD NOTHING;
CREATE FUNCTION notes_view_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO notes VALUES (NEW.id, NEW.a); RETURN NEW; END$$;
CREATE TRIGGER notes_view_insert INSTEAD OF INSERT ON notes_view FOR EACH ROW EXECUTE FUNCTION notes_view_insert();
CREATE FUNCTION audit_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION audit_ddl();
CREATE TYPE pair AS (x integer, y integer);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE FUNCTION pair_sum(pair) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1.x + $1.y';
CREATE CAST (pair AS integer) WITH FUNCTION pair_sum(pair);
CREATE FUNCTION pair_eq(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR === (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_eq);
CREATE COLLATION binary_c (locale = 'C');
CREATE TEXT SEARCH CONFIGURATION plain_english (COPY = english);
CREATE STATISTICS notes_ab ON a, b FROM notes;
CREATE FOREIGN DATA WRAPPER nowhere;
CREATE SERVER nowhere_server FOREIGN DATA WRAPPER nowhere;
CREATE FOREIGN TABLE remote_notes (id integer) SERVER nowhere_server;
CREATE TRIGGER remote_notes_insert BEFORE INSERT ON remote_notes FOR EACH ROW EXECUTE FUNCTION notes_view_insert();
CREATE PUBLICATION notes_out FOR TABLE notes;
GRANT SELECT (a) ON notes_view TO PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;
)SQL";

const char* const kListed[] = {
    "? event trigger audit_ddl",
    "? rule notes_keep on public.notes",
    "? trigger on a foreign table remote_notes_insert on public.remote_notes",
    "? composite type pair",
    "? range type floatrange",
    "? cast (pair AS integer)",
    "? operator public.=== (pair, pair)",
    "? collation public.binary_c",
    "? text search configuration public.plain_english",
    "? statistics object public.notes_ab",
    "? foreign-data wrapper nowhere",
    "? foreign server nowhere_server",
    "? foreign table public.remote_notes",
    "? publication notes_out",
    "? column privileges public.notes_view.a",
};

}  // namespace

TEST_CASE("PostgreSQL: every object of a kind the model cannot declare is listed as not managed, counted, and left alone", "[coverage][postgres]") {
    PgDatabase db;
    db.exec(kUnmodelled);
    TempDir dir;
    const std::string model = dir.write("schema.toml", kModel).string();
    const std::string snapshot = db.catalog_snapshot();

    auto dry = run_cli({"--dry-run", "--schema", model, "--database-url", db.url(), "--color", "never"});
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    CHECK_THAT(dry.out, Catch::Contains("Not managed (in the database, of kinds the model cannot declare"));
    for (const char* line : kListed) CHECK_THAT(dry.out, Catch::Contains(std::string("  ") + line + "\n"));
    // Not the rule on the table the settings ignore, nor what initdb or an extension made.
    CHECK_THAT(dry.out, !Catch::Contains("scratch_quiet"));
    CHECK_THAT(dry.out, !Catch::Contains("plpgsql"));
    // The multirange type, constructors and cast PostgreSQL makes with the range type are the
    // range type's; the row types of tables and views are theirs.
    CHECK_THAT(dry.out, !Catch::Contains("multirange"));
    CHECK_THAT(dry.out, Catch::EndsWith(" in sync, 0 warnings, " + std::to_string(std::size(kListed)) + " not managed\n"));
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));

    auto json_run = run_cli({"--dry-run", "--format", "json", "--schema", model, "--database-url", db.url()});
    REQUIRE(json_run.status == 0);
    const auto plan = nlohmann::json::parse(json_run.out);
    CHECK(plan.at("summary").at("not_managed") == std::size(kListed));
    CHECK(plan.at("summary").at("warnings") == 0);
    REQUIRE(plan.at("not_managed").size() == std::size(kListed));
    bool rule_named = false;
    for (const auto& item : plan.at("not_managed"))
        if (item.at("kind") == "rule" && item.at("name") == "notes_keep on public.notes" && item.at("table") == "public.notes") rule_named = true;
    CHECK(rule_named);

    // A drift gate: in sync by default, failing with --strict.
    CHECK(run_cli({"--dry-run", "--exit-code", "--schema", model, "--database-url", db.url()}).status == 0);
    auto strict_dry = run_cli({"--dry-run", "--exit-code", "--strict", "--schema", model, "--database-url", db.url(), "--color", "never"});
    CHECK(strict_dry.status == 3);
    CHECK_THAT(strict_dry.out, Catch::Contains("--strict: " + std::to_string(std::size(kListed)) + " object(s) or attribute(s) in the database are not managed (listed above): --apply would refuse"));

    auto strict_apply = run_cli({"--apply", "--strict", "--schema", model, "--database-url", db.url(), "--color", "never"});
    INFO(strict_apply.all());
    CHECK(strict_apply.status == 1);
    CHECK_THAT(strict_apply.out, Catch::Contains("--strict: " + std::to_string(std::size(kListed)) + " object(s) or attribute(s) in the database are not managed (listed above); refused, nothing was changed"));

    // Without --strict the apply goes on and, even with --allow-drop, leaves them all alone.
    auto applied = run_cli({"--apply", "--allow-drop", "--schema", model, "--database-url", db.url(), "--color", "never"});
    INFO(applied.all());
    CHECK(applied.status == 0);
    CHECK(db.catalog_snapshot() == snapshot);
    CHECK(db.scalar("SELECT count(*) FROM pg_event_trigger WHERE evtname = 'audit_ddl'") == "1");
    CHECK(db.scalar("SELECT count(*) FROM pg_publication WHERE pubname = 'notes_out'") == "1");
    CHECK(db.scalar("SELECT count(*) FROM pg_rewrite WHERE rulename IN ('notes_keep', 'scratch_quiet')") == "2");
}

TEST_CASE("PostgreSQL: --strict also refuses what a modelled object sets and the model cannot express", "[coverage][postgres]") {
    PgDatabase db;
    db.exec("CREATE UNLOGGED TABLE notes (id integer PRIMARY KEY);");
    TempDir dir;
    const std::string model = dir.write("schema.toml", "[[tables]]\nname = \"notes\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n").string();
    CHECK(run_cli({"--dry-run", "--exit-code", "--schema", model, "--database-url", db.url()}).status == 0);
    auto strict = run_cli({"--dry-run", "--exit-code", "--strict", "--schema", model, "--database-url", db.url(), "--color", "never"});
    INFO(strict.all());
    CHECK(strict.status == 3);
    CHECK_THAT(strict.out, Catch::Contains("UNLOGGED is not managed"));
    CHECK_THAT(strict.out, Catch::Contains("--strict: 1 object(s) or attribute(s)"));
}

TEST_CASE("SQLite: triggers on tables and views are managed, and what the model cannot declare fails --strict", "[coverage][sqlite]") {
    SqliteFile db;
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE ON CONFLICT IGNORE);"
            "CREATE VIEW note_bodies AS SELECT id, body FROM notes;"
            "CREATE TRIGGER note_bodies_insert INSTEAD OF INSERT ON note_bodies BEGIN INSERT INTO notes (body) VALUES (NEW.body); END;");
    TempDir dir;
    const std::string model =
        dir.write("schema.toml", "[[tables]]\nname = \"notes\"\ncolumns = [{ name = \"id\", type = \"INTEGER\", primary_key = true }, "
                                 "{ name = \"body\", type = \"TEXT\" }]\nunique_constraints = [{ columns = [\"body\"] }]\n\n"
                                 "[[views]]\nname = \"note_bodies\"\ndefinition = \"SELECT id, body FROM notes\"\n"
                                 "  [[views.triggers]]\n  name = \"note_bodies_insert\"\n  timing = \"instead of\"\n  events = [\"insert\"]\n"
                                 "  body = \"INSERT INTO notes (body) VALUES (NEW.body);\"\n")
            .string();
    auto dry = run_cli({"--dry-run", "--schema", model, "--database-url", db.url(), "--color", "never"});
    INFO(dry.all());
    CHECK(dry.status == 0);
    // In sync: neither listed as not managed nor warned about.
    CHECK_THAT(dry.out, !Catch::Contains("trigger"));
    CHECK_THAT(dry.out, Catch::Contains("ON CONFLICT"));
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, Catch::EndsWith(", 1 warning\n"));
    CHECK(run_cli({"--dry-run", "--exit-code", "--schema", model, "--database-url", db.url()}).status == 0);
    CHECK(run_cli({"--dry-run", "--exit-code", "--strict", "--schema", model, "--database-url", db.url()}).status == 3);

    // strict = true on an environment is --strict for every run against it.
    dir.write("reconcile.toml", "[environments.whole]\nurl = \"" + db.url() + "\"\nstrict = true\n\n[environments.lenient]\nurl = \"" +
                                    db.url() + "\"\n");
    const auto old = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    const int whole = run_cli({"--dry-run", "--exit-code", "--env", "whole", "--schema", model}).status;
    const int lenient = run_cli({"--dry-run", "--exit-code", "--env", "lenient", "--schema", model}).status;
    const int applied = run_cli({"--apply", "--env", "whole", "--schema", model}).status;
    std::filesystem::current_path(old);
    CHECK(whole == 3);
    CHECK(lenient == 0);
    CHECK(applied == 1);
}

TEST_CASE("PostgreSQL: a not-managed object's name cannot end the comment it is listed in, in a saved SQL script", "[coverage][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE notes (id integer PRIMARY KEY);"
            "CREATE RULE \"quiet\nDROP TABLE notes;--\" AS ON DELETE TO notes DO INSTEAD NOTHING;");
    TempDir dir;
    const std::string model = dir.write("schema.toml", "[[tables]]\nname = \"notes\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n").string();
    auto script = run_cli({"--dry-run", "--format", "sql", "--schema", model, "--database-url", db.url()});
    INFO(script.all());
    REQUIRE(script.status == 0);
    CHECK_THAT(script.out, Catch::Contains("-- not managed: rule quiet DROP TABLE notes;-- on public.notes\n"));
    CHECK_THAT(script.out, !Catch::Contains("\nDROP TABLE"));
}
