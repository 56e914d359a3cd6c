// Export round trips: export A, apply the export to an empty B, export B: byte-identical; and
// the export dry-runs clean against A. On schema/ and on the corpus schemas the model can
// express today: chinook (PostgreSQL and SQLite). pagila and gitlab cannot be expressed yet:
// they need sequences that are not owned by a column, domains, enums, views, partitioning and
// expression/GIN/GiST indexes (see the PostgreSQL depth issue).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "model/export_toml.h"
#include "model/load_toml.h"
#include "support/harness.h"

using testing::PgDatabase;
using testing::read_tree;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace fs = std::filesystem;

namespace {

// A dry run and an apply of `model` both exit 1 saying `message`, and the catalog is unchanged.
void refused_before_anything_runs(const PgDatabase& db, const std::string& model, const std::string& message) {
    const std::string before = db.catalog_snapshot();
    for (const char* mode : {"--dry-run", "--apply"}) {
        auto run = run_cli({mode, "--schema", model, "--database-url", db.url(), "--color", "never"});
        INFO(run.all());
        CHECK(run.status == 1);
        CHECK_THAT(run.all(), Catch::Contains(message));
    }
    CHECK(db.catalog_snapshot() == before);
}

template <class Db>
void check_round_trip(const Db& a) {
    TempDir dir;
    Db b;
    auto export_a = run_cli({"export", "--database-url", a.url(), "--out", (dir.path() / "a").string()});
    INFO(export_a.all());
    REQUIRE(export_a.status == 0);
    auto applied = run_cli({"--apply", "--schema", (dir.path() / "a").string(), "--database-url", b.url(), "--color", "never"});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    REQUIRE(run_cli({"export", "--database-url", b.url(), "--out", (dir.path() / "b").string()}).status == 0);
    const std::string tree_a = read_tree(dir.path() / "a"), tree_b = read_tree(dir.path() / "b");
    CHECK_FALSE(tree_a.empty());
    CHECK(tree_a == tree_b);
    auto dry = run_cli({"--dry-run", "--schema", (dir.path() / "a").string(), "--database-url", a.url(), "--color", "never"});
    INFO(dry.all());
    CHECK(dry.status == 0);
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, Catch::EndsWith(", 0 warnings\n"));
}

}  // namespace

TEMPLATE_TEST_CASE("export round trip of schema/", "[export]", SqliteFile, PgDatabase) {
    TestType a;
    REQUIRE(run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", a.url()}).status == 0);
    check_round_trip(a);
}

TEST_CASE("export round trip of the chinook corpus schema on PostgreSQL", "[export]") {
    PgDatabase a;
    REQUIRE(a.run_sql_file(testing::source_dir() + "/../shared/corpus/chinook-postgres.sql") == 0);
    check_round_trip(a);
}

TEST_CASE("export round trip of the chinook corpus schema on SQLite", "[export]") {
    SqliteFile a;
    REQUIRE(a.run_sql_file(testing::source_dir() + "/../shared/corpus/chinook-sqlite.sql") == 0);
    check_round_trip(a);
}

TEST_CASE("export to stdout is one document that loads back to the same model", "[export]") {
    SqliteFile db;
    REQUIRE(run_cli({"--apply", "--schema", testing::example_schema_dir(), "--database-url", db.url()}).status == 0);
    auto r = run_cli({"export", "--database-url", db.url()});
    REQUIRE(r.status == 0);
    // The JSON Schema's directive first (editors read it there), then what was exported.
    CHECK(r.out.rfind("#:schema /", 0) == 0);
    const std::string first_line = r.out.substr(0, r.out.find('\n'));
    CHECK_THAT(first_line, Catch::EndsWith("/reconcile/reconcile.schema.json"));
    CHECK(r.out.substr(first_line.size() + 1).rfind("# reconcile export of sqlite:", 0) == 0);
    reconcile::model::Schema s;
    reconcile::model::load_schema_text(r.out, "stdout.toml", s);
    reconcile::model::validate_schema(s);
    CHECK(s.tables.size() == reconcile::model::load_schema(testing::example_schema_dir()).tables.size());
    CHECK(reconcile::model::schema_to_toml(s) + "\n" == r.out.substr(r.out.find("\n\n") + 2) + "\n");
}

TEST_CASE("export from a SQLite file that does not exist is an error and deletes nothing", "[export]") {
    TempDir dir;
    auto kept = dir.write("tables/users.toml", "# Written by reconcile export; edit freely.\n[[tables]]\nname = \"users\"\n");
    auto r = run_cli({"export", "--database-url", "sqlite:" + (dir.path() / "prd.db").string(), "--out", dir.path().string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("does not exist"));
    CHECK(fs::exists(kept));
    CHECK_FALSE(fs::exists(dir.path() / "prd.db"));
}

TEST_CASE("export names files safely and removes files of tables that are gone", "[export]") {
    CHECK(reconcile::model::table_file_name({"public", "users"}) == "users.toml");
    CHECK(reconcile::model::table_file_name({"app", "users"}) == "app.users.toml");
    CHECK(reconcile::model::table_file_name({"public", "../etc/x y"}) == "%2E.%2Fetc%2Fx%20y.toml");
    SqliteFile db;
    db.exec("CREATE TABLE keep (id INTEGER PRIMARY KEY)");
    TempDir dir;
    dir.write("tables/gone.toml", "# Written by reconcile export; edit freely.\n[[tables]]\nname = \"gone\"\n");
    // An export's file since the JSON Schema directive came first, and a hand-written file with it.
    dir.write("tables/gone2.toml",
              "#:schema /usr/share/reconcile/reconcile.schema.json\n# Written by reconcile export; edit freely.\n[[tables]]\nname = \"gone2\"\n");
    dir.write("tables/mine.toml", "# hand-written\n[[tables]]\nname = \"mine\"\n");
    dir.write("tables/mine2.toml", "#:schema ../docs/reconcile.schema.json\n# hand-written\n[[tables]]\nname = \"mine2\"\n");
    auto r = run_cli({"export", "--database-url", db.url(), "--out", dir.path().string()});
    CHECK(r.status == 0);
    CHECK(fs::exists(dir.path() / "tables" / "keep.toml"));
    CHECK_FALSE(fs::exists(dir.path() / "tables" / "gone.toml"));
    CHECK_FALSE(fs::exists(dir.path() / "tables" / "gone2.toml"));
    CHECK(fs::exists(dir.path() / "tables" / "mine.toml"));  // not an export's: left alone
    CHECK(fs::exists(dir.path() / "tables" / "mine2.toml"));
    // Each file export writes names the model's JSON Schema on its first line, for editors.
    std::ifstream keep(dir.path() / "tables" / "keep.toml");
    std::string first;
    std::getline(keep, first);
    CHECK(first.rfind("#:schema /", 0) == 0);
}

// Bodies hold what TOML strings must escape (backslashes, three quotes of either kind, a
// carriage return, a tab, a control character), and a name needs quoting; functions the model
// cannot express (C and internal ones) are left out with a warning and reported as not
// managed, never dropped; a SQL-standard body round-trips as sql_body.
TEST_CASE("export round trip of functions and procedures, whatever their bodies hold", "[export][postgres]") {
    PgDatabase a;
    a.exec("CREATE SCHEMA app;"
           "CREATE TABLE app.items (id int PRIMARY KEY, name text NOT NULL);"
           "CREATE FUNCTION app.quoted() RETURNS text LANGUAGE sql IMMUTABLE AS $q$SELECT E'a\\\\b' || '''''' || '\"\"\"'$q$;"
           "CREATE FUNCTION app.\"Odd Name\"(\"in put\" text DEFAULT 'x', OUT n integer, OUT m text) LANGUAGE sql "
           "  AS $q$SELECT 1, 'cr' || chr(13) || E'\\ttab'$q$;"
           "CREATE FUNCTION app.controls() RETURNS text LANGUAGE plpgsql SET search_path = app, pg_temp AS "
           "  E'\\nBEGIN\\r\\n  RETURN ''\\x01'';\\nEND\\n';"
           "CREATE FUNCTION app.by_name(wanted text) RETURNS SETOF app.items LANGUAGE sql STABLE ROWS 5 COST 2 "
           "  AS 'SELECT * FROM app.items WHERE name = wanted';"
           "CREATE PROCEDURE app.rename_all(prefix text) LANGUAGE plpgsql AS $$BEGIN UPDATE app.items SET name = prefix || name; END$$;"
           "CREATE FUNCTION app.sql_standard() RETURNS integer LANGUAGE sql RETURN 1;"
           "CREATE FUNCTION app.absolute(integer) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'int4abs';");
    TempDir dir;
    auto exported = run_cli({"export", "--database-url", a.url(), "--out", (dir.path() / "a").string()});
    INFO(exported.all());
    REQUIRE(exported.status == 0);
    CHECK_THAT(exported.err, !Catch::Contains("sql_standard"));  // a SQL-standard body is exported as sql_body
    CHECK_THAT(exported.err, Catch::Contains("function app.absolute(integer) is not exported (not expressible yet): it is a internal function"));
    CHECK(fs::exists(dir.path() / "a" / "functions" / "app.Odd%20Name.toml"));

    PgDatabase b;
    auto applied = run_cli({"--apply", "--schema", (dir.path() / "a").string(), "--database-url", b.url(), "--color", "never"});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    // The server's own definitions are the same, byte for byte.
    const std::string definitions =
        "SELECT string_agg(pg_get_functiondef(p.oid), E'\\n' ORDER BY p.proname) FROM pg_proc p "
        "WHERE p.pronamespace = 'app'::regnamespace AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'internal')";
    CHECK(b.scalar(definitions) == a.scalar(definitions));
    CHECK(b.scalar("SELECT app.quoted()") == "a\\b''\"\"\"");
    REQUIRE(run_cli({"export", "--database-url", b.url(), "--out", (dir.path() / "b").string()}).status == 0);
    CHECK(read_tree(dir.path() / "a") == read_tree(dir.path() / "b"));

    auto dry = run_cli({"--dry-run", "--allow-drop", "--schema", (dir.path() / "a").string(), "--database-url", a.url(), "--color", "never"});
    INFO(dry.all());
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, Catch::Contains("\u2713 function app.sql_standard()"));
    CHECK_THAT(dry.out, Catch::Contains("function app.absolute(integer) is in the database and not managed: it is a internal function"));
    CHECK_THAT(dry.out, Catch::EndsWith(", 1 warning\n"));
}

// What the model cannot declare: a C function, aggregates of the kinds it has no keys for, a
// constraint trigger with FROM and an index with operator-class parameters or a tablespace.
// Export leaves each out with a warning; the dry run reports each, and an apply with
// --allow-drop of the export changes none of them.
TEST_CASE("what the model cannot declare is not exported, is reported, and is left alone by --allow-drop", "[export][postgres]") {
    PgDatabase a;
    // A tablespace location must be an empty directory the server's user owns: the server makes it.
    const std::string location = "/tmp/reconcile-tablespace-" + a.scalar("SELECT current_database()");
    a.exec("COPY (SELECT 1) TO PROGRAM 'rm -rf " + location + " && mkdir " + location + "'");
    a.exec("CREATE TABLESPACE " + a.scalar("SELECT current_database()") + "_space LOCATION '" + location + "'");
    const std::string tablespace = a.scalar("SELECT current_database()") + "_space";
    struct DropTablespace {
        const PgDatabase& db;
        std::string name, location;
        ~DropTablespace() {
            try {
                db.exec("DROP INDEX IF EXISTS docs_id_spaced; DROP TABLESPACE IF EXISTS " + name);
                db.exec("COPY (SELECT 1) TO PROGRAM 'rm -rf " + location + "'");
            } catch (...) {
            }
        }
    } drop_tablespace{a, tablespace, location};
    a.exec("CREATE TABLE orders (id int PRIMARY KEY, total int);"
           "CREATE TABLE audit (id int);"
           "CREATE TABLE docs (id int PRIMARY KEY, body tsvector);"
           "CREATE FUNCTION handler_copy() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c;"
           "CREATE AGGREGATE ordered_mode(ORDER BY anyelement) "
           "  (SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = mode_final, FINALFUNC_EXTRA);"
           "CREATE AGGREGATE hypothetical_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") "
           "  (SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);"
           "CREATE AGGREGATE moving_count(integer) (SFUNC = int8inc_any, STYPE = int8, INITCOND = 0, "
           "  MSFUNC = int8inc_any, MINVFUNC = int8dec_any, MSTYPE = int8, MINITCOND = 0);"
           "CREATE AGGREGATE sorted_max(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);"
           "CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;"
           "CREATE CONSTRAINT TRIGGER orders_audit AFTER INSERT ON orders FROM audit FOR EACH ROW EXECUTE FUNCTION orders_audit();"
           "CREATE INDEX docs_body_signature ON docs USING gist (body tsvector_ops (siglen = 100));"
           "CREATE INDEX docs_id_spaced ON docs (id) TABLESPACE " + tablespace + ";");
    TempDir dir;
    auto exported = run_cli({"export", "--database-url", a.url(), "--out", dir.path().string()});
    INFO(exported.all());
    REQUIRE(exported.status == 0);
    for (const char* left_out : {
             "function public.handler_copy() is not exported (not expressible yet): it is a c function ($libdir/plpgsql, plpgsql_call_handler)",
             "aggregate public.ordered_mode(anyelement) is not exported (not expressible yet): it is an ordered-set or hypothetical-set aggregate",
             "aggregate public.hypothetical_rank(\"any\") is not exported (not expressible yet): it is an ordered-set or hypothetical-set aggregate",
             "aggregate public.moving_count(integer) is not exported (not expressible yet): it has a moving-aggregate implementation (MSFUNC)",
             "aggregate public.sorted_max(integer) is not exported (not expressible yet): it has a sort operator (SORTOP)",
             "trigger orders_audit is not exported (not expressible yet): it is a constraint trigger with FROM (another table)",
             "index docs_body_signature is not exported (not expressible yet): CREATE INDEX docs_body_signature ON public.docs USING gist (body tsvector_ops (siglen='100'))",
         })
        CHECK_THAT(exported.err, Catch::Contains(left_out));
    const std::string tree = read_tree(dir.path());
    for (const char* name : {"handler_copy", "ordered_mode", "hypothetical_rank", "moving_count", "sorted_max", "docs_body_signature"})
        CHECK_THAT(tree, !Catch::Contains(std::string("name = \"") + name + "\""));

    const std::string snapshot = a.catalog_snapshot();
    const std::string kept =
        "SELECT (SELECT count(*) FROM pg_proc WHERE proname IN ('handler_copy', 'ordered_mode', 'hypothetical_rank', 'moving_count', 'sorted_max', 'orders_audit'))"
        " || ' ' || (SELECT count(*) FROM pg_trigger WHERE tgname = 'orders_audit')"
        " || ' ' || (SELECT count(*) FROM pg_class WHERE relname IN ('docs_body_signature', 'docs_id_spaced'))";
    REQUIRE(a.scalar(kept) == "6 1 2");
    auto dry = run_cli({"--dry-run", "--allow-drop", "--schema", dir.path().string(), "--database-url", a.url(), "--color", "never"});
    INFO(dry.all());
    REQUIRE(dry.status == 0);
    for (const char* reported : {"function public.handler_copy() is in the database and not managed: it is a c function",
                                 "aggregate public.ordered_mode(anyelement) is in the database and not managed",
                                 "aggregate public.hypothetical_rank(\"any\") is in the database and not managed",
                                 "aggregate public.moving_count(integer) is in the database and not managed",
                                 "aggregate public.sorted_max(integer) is in the database and not managed",
                                 "trigger orders_audit on public.orders is not managed: it is a constraint trigger with FROM (another table)",
                                 "index docs_body_signature on public.docs is not managed: the model cannot express it yet",
                                 "? tablespace " })
        CHECK_THAT(dry.out, Catch::Contains(reported));
    CHECK_THAT(dry.out, Catch::Contains(tablespace + " of index public.docs_id_spaced\n"));
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, !Catch::Contains("to drop"));
    auto applied = run_cli({"--apply", "--allow-drop", "--schema", dir.path().string(), "--database-url", a.url(), "--color", "never"});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    CHECK(a.scalar(kept) == "6 1 2");
    CHECK(a.catalog_snapshot() == snapshot);

    // Declared by name, the index the model cannot express is compared as different: the
    // model's definition replaces it.
    const std::string declared = dir.write("declared.toml", R"(
[[tables]]
name = "docs"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "body", type = "tsvector" }]
  [[tables.indexes]]
  name = "docs_body_signature"
  columns = ["body"]
  using = "gist"
)").string();
    auto remade = run_cli({"--dry-run", "--schema", declared, "--database-url", a.url(), "--color", "never"});
    INFO(remade.all());
    CHECK_THAT(remade.out, Catch::Contains("DROP INDEX IF EXISTS \"public\".\"docs_body_signature\""));
    CHECK_THAT(remade.out, Catch::Contains("CREATE INDEX IF NOT EXISTS \"docs_body_signature\" ON \"public\".\"docs\" USING gist (\"body\")"));
}

TEST_CASE("export round trip of SQLite triggers, whatever their bodies hold", "[export][sqlite]") {
    SqliteFile a;
    a.exec("CREATE TABLE \"Order Lines\" (id INTEGER PRIMARY KEY, \"Qty\" integer, note text);"
           "CREATE TABLE log (what text);"
           // No timing written (BEFORE), a quoted name, UPDATE OF a quoted column, WHEN with
           // parentheses, and a body with END in a string, a CASE … END, both kinds of comment
           // and what TOML must escape.
           "CREATE TRIGGER \"Lines Changed\" UPDATE OF \"Qty\", note ON \"Order Lines\" WHEN (NEW.\"Qty\" > 0) AND OLD.note IS NOT NEW.note "
           "BEGIN\n  INSERT INTO log VALUES ('END' || CASE WHEN NEW.\"Qty\" > 9 THEN ' many' ELSE ' few' END); -- END of line\n"
           "  /* a block\n comment */ INSERT INTO log VALUES ('''''' || '\"\"\"' || '\\' || char(9));\nEND;"
           "CREATE TRIGGER lines_gone AFTER DELETE ON \"Order Lines\" FOR EACH ROW BEGIN DELETE FROM log WHERE what = OLD.note; END;"
           "CREATE VIEW \"Line Notes\" AS SELECT id, note FROM \"Order Lines\";"
           "CREATE TRIGGER \"Line Notes Edit\" INSTEAD OF UPDATE OF note ON \"Line Notes\" BEGIN UPDATE \"Order Lines\" SET note = NEW.note WHERE id = OLD.id; END;");
    check_round_trip(a);

    // The triggers made from the export do what the originals did.
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", a.url(), "--out", dir.path().string()}).status == 0);
    const std::string tree = read_tree(dir.path());
    CHECK_THAT(tree, Catch::Contains("  name = \"Lines Changed\"\n  timing = \"before\"\n  events = [\"update\"]\n  update_of = [\"Qty\", \"note\"]\n"));
    SqliteFile b;
    REQUIRE(run_cli({"--apply", "--schema", dir.path().string(), "--database-url", b.url()}).status == 0);
    for (const SqliteFile* db : {&a, &b})
        db->exec("INSERT INTO \"Order Lines\" VALUES (1, 1, 'x'); UPDATE \"Order Lines\" SET \"Qty\" = 10, note = 'y';"
                 "INSERT INTO log VALUES ('y'); INSERT INTO \"Order Lines\" VALUES (2, 1, 'y'); DELETE FROM \"Order Lines\" WHERE id = 2;"
                 "UPDATE \"Line Notes\" SET note = 'z' WHERE id = 1;");
    const std::string log = "SELECT group_concat(what, '|') FROM (SELECT what FROM log ORDER BY rowid)";
    // The update through the view fires the table's UPDATE OF note trigger again.
    CHECK(a.scalar(log) == "END many|''\"\"\"\\\t|END many|''\"\"\"\\\t");
    CHECK(b.scalar("SELECT note FROM \"Order Lines\"") == "z");
    CHECK(b.scalar(log) == a.scalar(log));
}

TEST_CASE("export round trip of a view's triggers", "[export][postgres]") {
    PgDatabase a;
    a.exec("CREATE SCHEMA app;"
           "CREATE TABLE app.items (id int PRIMARY KEY, name text NOT NULL);"
           "CREATE VIEW app.\"Named Items\" AS SELECT id, name FROM app.items WHERE name <> '';"
           "CREATE FUNCTION app.write_item() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO app.items VALUES (NEW.id, NEW.name); RETURN NEW; END$$;"
           "CREATE FUNCTION app.noted() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;"
           "CREATE TRIGGER \"Write It\" INSTEAD OF INSERT OR UPDATE ON app.\"Named Items\" FOR EACH ROW EXECUTE FUNCTION app.write_item();"
           "CREATE TRIGGER noted BEFORE DELETE ON app.\"Named Items\" FOR EACH STATEMENT EXECUTE FUNCTION app.noted('a''b');"
           "COMMENT ON TRIGGER noted ON app.\"Named Items\" IS 'statement level';");
    check_round_trip(a);
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", a.url(), "--out", dir.path().string()}).status == 0);
    CHECK_THAT(read_tree(dir.path()), Catch::Contains("  [[views.triggers]]\n  name = \"Write It\"\n  timing = \"instead of\"\n  events = [\"insert\", \"update\"]\n"));
}

TEST_CASE("export round trip of row-level security and policies", "[export][postgres]") {
    PgDatabase a;
    a.exec("DO $$ BEGIN CREATE ROLE reconcile_export_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
           "DO $$ BEGIN CREATE ROLE \"Reconcile Export Auditor\" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
           "CREATE SCHEMA app;"
           "CREATE TABLE app.\"Tenants\" (id int PRIMARY KEY, name text NOT NULL);"
           "CREATE TABLE app.items (id int PRIMARY KEY, tenant int REFERENCES app.\"Tenants\", note text);"
           "ALTER TABLE app.items ENABLE ROW LEVEL SECURITY; ALTER TABLE app.items FORCE ROW LEVEL SECURITY;"
           "ALTER TABLE app.\"Tenants\" ENABLE ROW LEVEL SECURITY;"
           "CREATE POLICY \"read \"\"own\"\"\" ON app.items FOR SELECT TO reconcile_export_reader, \"Reconcile Export Auditor\" "
           "  USING (tenant IN (SELECT t.id FROM app.\"Tenants\" t WHERE t.name = current_setting('app.tenant')));"
           "CREATE POLICY guard ON app.items AS RESTRICTIVE FOR UPDATE USING (note IS DISTINCT FROM 'locked') "
           "  WITH CHECK (note <> E'it''s\\nlocked');"
           "COMMENT ON POLICY guard ON app.items IS 'no edits to locked items';"
           "CREATE POLICY everyone ON app.\"Tenants\" USING (true);");
    check_round_trip(a);
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", a.url(), "--out", dir.path().string()}).status == 0);
    const std::string tree = read_tree(dir.path());
    CHECK_THAT(tree, Catch::Contains("row_level_security = true\nforce_row_level_security = true\n"));
    CHECK_THAT(tree, Catch::Contains("{ name = \"guard\", as = \"restrictive\", command = \"update\", "));
    CHECK_THAT(tree, Catch::Contains(", roles = [\"Reconcile Export Auditor\", \"reconcile_export_reader\"]"));
}

TEST_CASE("export round trip of privileges: every role holding one is listed as managed", "[export][postgres]") {
    PgDatabase a;
    a.exec("DO $$ BEGIN CREATE ROLE reconcile_export_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
           "DO $$ BEGIN CREATE ROLE \"Reconcile Export Auditor\" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
           "CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO reconcile_export_app, \"Reconcile Export Auditor\";"
           "CREATE TYPE app.mood AS ENUM ('ok'); GRANT USAGE ON TYPE app.mood TO reconcile_export_app;"
           "CREATE TABLE app.items (id serial PRIMARY KEY, mood app.mood);"
           "GRANT SELECT, INSERT ON app.items TO reconcile_export_app; GRANT SELECT ON app.items TO \"Reconcile Export Auditor\" WITH GRANT OPTION;"
           "GRANT USAGE ON SEQUENCE app.items_id_seq TO reconcile_export_app;"
           "CREATE SEQUENCE app.tickets; GRANT SELECT ON SEQUENCE app.tickets TO \"Reconcile Export Auditor\";"
           "CREATE VIEW app.item_moods AS SELECT mood FROM app.items; GRANT SELECT ON app.item_moods TO \"Reconcile Export Auditor\";"
           "CREATE FUNCTION app.secret(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';"
           "REVOKE EXECUTE ON FUNCTION app.secret(integer) FROM PUBLIC; GRANT EXECUTE ON FUNCTION app.secret(integer) TO reconcile_export_app;"
           "CREATE FUNCTION app.open() RETURNS integer LANGUAGE sql AS 'SELECT 1';"
           "CREATE TABLE app.\"People\" (id int PRIMARY KEY, \"E Mail\" text, salary int);"
           "GRANT SELECT (\"E Mail\"), UPDATE (\"E Mail\") ON app.\"People\" TO \"Reconcile Export Auditor\";"
           "GRANT REFERENCES (id) ON app.\"People\" TO reconcile_export_app WITH GRANT OPTION;"
           "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO \"Reconcile Export Auditor\";"
           "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"
           "ALTER DEFAULT PRIVILEGES FOR ROLE reconcile_export_app GRANT USAGE ON SEQUENCES TO reconcile_export_app;");
    check_round_trip(a);
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", a.url(), "--out", dir.path().string()}).status == 0);
    const std::string tree = read_tree(dir.path());
    // PUBLIC is managed because it lost its default EXECUTE on app.secret; so its EXECUTE on
    // app.open is written too, and its USAGE on schema public (which is then declared).
    CHECK_THAT(tree, Catch::Contains("[settings]\nmanaged_roles = [\"Reconcile Export Auditor\", \"public\", \"reconcile_export_app\"]\n"));
    CHECK_THAT(tree, Catch::Contains("grants = [{ role = \"Reconcile Export Auditor\", privileges = [\"select\"], grant_option = true }, "
                                     "{ role = \"reconcile_export_app\", privileges = [\"select\", \"insert\"] }]\n"));
    CHECK_THAT(tree, Catch::Contains("grants = [{ role = \"public\", privileges = [\"execute\"] }]\nbody = "));
    CHECK_THAT(tree, Catch::Contains("[[schemas]]\nname = \"public\"\ngrants = [{ role = \"public\", privileges = [\"usage\"] }]\n"));
    CHECK_THAT(tree, Catch::Contains("  { name = \"id\", type = \"serial\", primary_key = true, sequence_grants = "
                                     "[{ role = \"reconcile_export_app\", privileges = [\"usage\"] }] },\n"));
    CHECK_THAT(tree, Catch::Contains("  { name = \"E Mail\", type = \"text\", grants = [{ role = \"Reconcile Export Auditor\", "
                                     "privileges = [\"select\", \"update\"] }] },\n"));
    CHECK_THAT(tree, Catch::Contains(", grants = [{ role = \"reconcile_export_app\", privileges = [\"references\"], grant_option = true }] },\n"));
    CHECK_THAT(tree, Catch::Contains("[[default_privileges]]\nrole = \"postgres\"\non = \"functions\"\ngrants = []\n"));
    CHECK_THAT(tree, Catch::Contains("[[default_privileges]]\nrole = \"postgres\"\nschema = \"app\"\non = \"tables\"\n"
                                     "grants = [{ role = \"Reconcile Export Auditor\", privileges = [\"select\"] }]\n"));
}

TEST_CASE("an owner the server does not have is an error at its place before anything runs", "[export][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE items (id integer PRIMARY KEY)");
    TempDir dir;
    const std::string model = dir.write("schema.toml", "[[tables]]\nname = \"items\"\nowner = \"reconcile_nobody_owns_this\"\n"
                                                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n")
                                  .string();
    refused_before_anything_runs(db, model, "schema.toml:3:9: the owner of table public.items, role 'reconcile_nobody_owns_this', does not exist");
}

TEST_CASE("export --owners writes every object's owner, and applying the export gives them", "[export][postgres]") {
    PgDatabase a;
    a.exec("DO $$ BEGIN CREATE ROLE \"Reconcile Export Owner\" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
           "CREATE SCHEMA app AUTHORIZATION \"Reconcile Export Owner\";"
           "CREATE TABLE app.items (id serial PRIMARY KEY, qty integer);"
           "CREATE SEQUENCE app.tickets OWNED BY app.items.qty;"
           "CREATE SEQUENCE app.loose;"
           "CREATE VIEW app.items_v AS SELECT id FROM app.items;"
           "CREATE FUNCTION app.one() RETURNS integer LANGUAGE sql AS 'SELECT 1';"
           "CREATE TYPE app.mood AS ENUM ('ok');"
           "ALTER TABLE app.items OWNER TO \"Reconcile Export Owner\";"  // its owned sequences follow
           "ALTER SEQUENCE app.loose OWNER TO \"Reconcile Export Owner\";"
           "ALTER VIEW app.items_v OWNER TO \"Reconcile Export Owner\";"
           "ALTER FUNCTION app.one() OWNER TO \"Reconcile Export Owner\";"
           "ALTER TYPE app.mood OWNER TO \"Reconcile Export Owner\";");
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", a.url(), "--out", (dir.path() / "plain").string()}).status == 0);
    CHECK_THAT(read_tree(dir.path() / "plain"), !Catch::Contains("owner = "));
    auto exported = run_cli({"export", "--owners", "--database-url", a.url(), "--out", (dir.path() / "a").string()});
    INFO(exported.all());
    REQUIRE(exported.status == 0);
    const std::string tree = read_tree(dir.path() / "a");
    CHECK_THAT(tree, Catch::Contains("name = \"app\"\nowner = \"Reconcile Export Owner\"\n"));
    CHECK_THAT(tree, Catch::Contains("name = \"loose\"\nschema = \"app\"\nowner = \"Reconcile Export Owner\"\n"));

    PgDatabase b;
    auto applied = run_cli({"--apply", "--schema", (dir.path() / "a").string(), "--database-url", b.url(), "--color", "never"});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    const std::string owners =
        "SELECT string_agg(what, ',' ORDER BY what) FROM ("
        "SELECT c.relname || ':' || c.relowner::regrole::text AS what FROM pg_class c WHERE c.relnamespace = 'app'::regnamespace "
        "  AND c.relkind IN ('r', 'v', 'S') "
        "UNION ALL SELECT p.proname || ':' || p.proowner::regrole::text FROM pg_proc p WHERE p.pronamespace = 'app'::regnamespace "
        "UNION ALL SELECT t.typname || ':' || t.typowner::regrole::text FROM pg_type t WHERE t.typnamespace = 'app'::regnamespace AND t.typtype = 'e' "
        "UNION ALL SELECT n.nspname || ':' || n.nspowner::regrole::text FROM pg_namespace n WHERE n.nspname = 'app') x";
    CHECK(a.scalar(owners) == b.scalar(owners));
    CHECK_THAT(b.scalar(owners), Catch::Contains("tickets:\"Reconcile Export Owner\""));
    REQUIRE(run_cli({"export", "--owners", "--database-url", b.url(), "--out", (dir.path() / "b").string()}).status == 0);
    CHECK(read_tree(dir.path() / "a") == read_tree(dir.path() / "b"));
    auto dry = run_cli({"--dry-run", "--schema", (dir.path() / "a").string(), "--database-url", a.url(), "--color", "never"});
    INFO(dry.all());
    CHECK_THAT(dry.out, Catch::Contains("Summary: 0 to create, "));
    CHECK_THAT(dry.out, Catch::EndsWith(", 0 warnings\n"));
}

TEST_CASE("a managed role the server does not have is an error before anything runs", "[export][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE items (id integer PRIMARY KEY)");
    TempDir dir;
    const std::string model = dir.write("schema.toml", "[settings]\nmanaged_roles = [\"reconcile_nobody_has_this_role\"]\n\n[[tables]]\nname = \"items\"\n"
                                                       "grants = [{ role = \"reconcile_nobody_has_this_role\", privileges = [\"select\"] }]\n"
                                                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n")
                                  .string();
    refused_before_anything_runs(db, model, "schema.toml:1:1: managed role 'reconcile_nobody_has_this_role' does not exist on this server");
}

TEST_CASE("a stale function file of an earlier export is removed, a hand-written one is kept", "[export][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION kept() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    TempDir dir;
    dir.write("functions/gone.toml", "# Written by reconcile export; edit freely.\n[[functions]]\nname = \"gone\"\n");
    dir.write("functions/mine.toml", "# hand-written\n[[functions]]\nname = \"mine\"\n");
    auto r = run_cli({"export", "--database-url", db.url(), "--out", dir.path().string()});
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK(fs::exists(dir.path() / "functions" / "kept.toml"));
    CHECK_FALSE(fs::exists(dir.path() / "functions" / "gone.toml"));
    CHECK(fs::exists(dir.path() / "functions" / "mine.toml"));
}

TEST_CASE("export writes each column, key, index and foreign key as one inline table on its own line", "[export][sqlite]") {
    SqliteFile db;
    std::string create = "CREATE TABLE wide (id INTEGER PRIMARY KEY";
    for (int i = 0; i < 80; ++i) create += ", c" + std::to_string(i) + " text NOT NULL DEFAULT 'x'";
    db.exec(create + ")");
    db.exec("CREATE INDEX wide_c1_idx ON wide (c1)");
    TempDir dir;
    REQUIRE(run_cli({"export", "--database-url", db.url(), "--out", dir.path().string()}).status == 0);
    std::ifstream in(dir.path() / "tables" / "wide.toml");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    // 81 columns and an index, each one line: a pull request shows one line per change.
    CHECK(lines.size() < 81 + 15);
    CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("  { name = \"c", 0) == 0; }) == 80);
    // The type as written (SQLite 3.37 and later report built-in type names in capitals).
    CHECK(std::find(lines.begin(), lines.end(), "  { name = \"c7\", type = \"text\", nullable = false, default = \"'x'\" },") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "  { name = \"wide_c1_idx\", columns = [\"c1\"] },") != lines.end());
    // Read back, it is the same table, and exporting again writes the same bytes.
    const std::string first = read_tree(dir.path());
    REQUIRE(run_cli({"export", "--database-url", db.url(), "--out", dir.path().string()}).status == 0);
    CHECK(read_tree(dir.path()) == first);
    auto plan = testing::dry_run_json(dir.path().string(), db.url());
    CHECK(plan["changes"].empty());
}
