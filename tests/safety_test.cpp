// Hostile models and failing connections. Each payload is the kind of text that made an earlier
// build run a second statement: the loader refuses it with its place, and when the loader is
// bypassed (a model built in code), the engines themselves refuse to run more than one
// statement, in a dry run and in an apply, so that nothing is written.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <thread>

#include "apply/executor.h"
#include "diff/change.h"
#include "core/duration.h"
#include "core/error.h"
#include "dialect/dialect.h"
#include "model/load_toml.h"
#include "support/harness.h"

using reconcile::Error;
using reconcile::ErrorKind;
using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

namespace apply = reconcile::apply;
namespace dialect = reconcile::dialect;

// Each: a default that the PostgreSQL lexer alone reads as one expression, but an engine reads
// as an expression, a ';', and more statements.
struct Payload {
    const char* name;
    const char* text;    // the default's SQL
    const char* reason;  // what the loader says
    // Whether each engine, as reconcile's sessions read SQL, refuses the statement carrying it
    // (more than one statement, or not SQL at all). Where it does not, the payload is one
    // harmless string for that engine: an E'…' string on PostgreSQL, and the backslash payload
    // everywhere once standard_conforming_strings is pinned on.
    bool refused_by_sqlite, refused_by_postgres;
};
const Payload kPayloads[] = {
    {"SQLite brackets", R"([x']; DROP TABLE victim; SELECT 1 AS ['])", "as SQLite reads it", true, true},
    {"SQLite backquotes", R"(`x'`; DROP TABLE victim; SELECT `'`)", "as SQLite reads it", true, true},
    {"E-string escape", R"(E'\'; DROP TABLE victim; SELECT ')", "as SQLite reads it", true, false},
    {"backslash before a quote", R"('x\' || '; DROP TABLE victim; SELECT ' || 'y')", "standard_conforming_strings off", false, false},
};

std::string model_with_default(const std::string& sql) {
    // TOML literal strings ('''…''') keep backslashes and quotes as written.
    return "[[tables]]\nname = \"newt\"\ncolumns = [\n  { name = \"id\", type = \"integer\", primary_key = true },\n"
           "  { name = \"label\", type = \"text\", default = '''" + sql + "''' },\n]\n";
}

// The model as the loader would make it from a harmless default, then given the hostile text
// directly: what reaches the engines when the loader's check is not the last line of defence.
reconcile::model::Schema hostile_model(const std::string& sql) {
    auto schema = testing::schema_from_toml(model_with_default("'harmless'"));
    auto& column = schema.tables.at(0).columns.at(1);
    column.default_value->text = sql;
    column.default_value->canonical = sql;
    return schema;
}

}  // namespace

TEST_CASE("the loader refuses every payload class with its file:line:column", "[safety]") {
    for (const auto& p : kPayloads) {
        INFO(p.name);
        try {
            testing::schema_from_toml(model_with_default(p.text));
            FAIL("loaded");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::Schema);
            CHECK(e.where().str() == "test.toml:5:46");
            CHECK_THAT(e.what(), Catch::Contains("is not a single SQL expression") && Catch::Contains(p.reason));
        }
    }
}

TEST_CASE("a NUL byte anywhere in a model is refused at its place", "[safety]") {
    const char* model = R"T([[tables]]
name = "t"
comment = "before\u0000after"
columns = [{ name = "id", type = "int", primary_key = true }]
)T";
    try {
        testing::schema_from_toml(model);
        FAIL("loaded");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Schema);
        CHECK(e.where().str() == "test.toml:3:11");
        CHECK_THAT(e.what(), Catch::Contains("NUL byte"));
    }
}

TEMPLATE_TEST_CASE("a connection runs one statement per call, whatever the text holds", "[safety]", SqliteFile, PgDatabase) {
    TestType db;
    db.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
    auto c = db.connect();
    CHECK_THROWS_AS(c->execute("SELECT 1; DROP TABLE victim"), reconcile::SqlError);
    CHECK_THROWS_AS(c->query("SELECT 1; DROP TABLE victim"), reconcile::SqlError);
    CHECK_THROWS_AS(c->execute("CREATE TABLE a (id int); CREATE TABLE b (id int)"), reconcile::SqlError);
    // The message the README tells a user to report.
    const char* refusal = c->engine() == reconcile::db::Engine::PostgreSQL ? "cannot insert multiple commands into a prepared statement"
                                                                         : "the text holds more than one statement";
    CHECK_THROWS_WITH(c->execute("SELECT 1; DROP TABLE victim"), Catch::Contains(refusal));
    c->execute("CREATE TABLE alone (id int);  -- a trailing comment is no statement");
    // A failure names the whole statement, not the part the engine had read when it stopped.
    const std::string bad = "CREATE TABLE broken (id int, CHECK (no_such_column > 0)) /* and a comment */";
    try {
        c->execute(bad);
        FAIL("ran");
    } catch (const reconcile::SqlError& e) {
        CHECK(e.statement() == bad);
    }
    CHECK(db.scalar("SELECT count(*) FROM victim") == "1");
    CHECK(db.scalar("SELECT count(*) FROM alone") == "0");
}

TEMPLATE_TEST_CASE("a hostile expression that bypasses the loader runs nothing in an apply", "[safety]", SqliteFile, PgDatabase) {
    for (const auto& p : kPayloads) {
        INFO(p.name);
        TestType db;
        db.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
        const std::string before = db.catalog_snapshot();
        auto c = db.connect();
        const auto& d = dialect::dialect_for(c->engine());
        if (c->engine() == reconcile::db::Engine::SQLite ? p.refused_by_sqlite : p.refused_by_postgres) {
            // The engine refuses the CREATE TABLE that carries the payload (or fails to parse
            // it): the transaction is rolled back.
            CHECK_THROWS_AS(apply::apply(*c, d, hostile_model(p.text)), reconcile::SqlError);
            CHECK(db.catalog_snapshot() == before);
        } else {
            // One statement: the table is made with that odd default, and that is all.
            CHECK(apply::apply(*c, d, hostile_model(p.text)).verified());
        }
        CHECK(db.scalar("SELECT count(*) FROM victim") == "1");
    }
}

TEST_CASE("a dry run of hostile expressions writes nothing, even through the server comparison", "[safety][postgres]") {
    PgDatabase db;
    // The table exists with another default, so the dry run asks the server how it would store
    // the model's: the path that once sent the expression in a multi-statement string, where an
    // injected COMMIT escaped the rollback.
    db.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1);"
            "CREATE TABLE newt (id integer PRIMARY KEY, label text DEFAULT 'other');"
            "CREATE SCHEMA row_audit; CREATE TABLE row_audit.rows (tag text);"
            "CREATE FUNCTION row_audit.row_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "INSERT INTO row_audit.rows VALUES (TG_OP); RETURN NULL; END $$;"
            "CREATE TRIGGER victim_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON victim "
            "FOR EACH STATEMENT EXECUTE FUNCTION row_audit.row_change()");
    db.start_ddl_log();
    const std::string before = db.catalog_snapshot();
    const std::vector<std::string> payloads = {
        "'x'; COMMIT; CREATE TABLE pwned (id int); DROP TABLE victim; SELECT 'y'",
        "'x'); COMMIT; DELETE FROM victim; SELECT ('y'",
        "(SELECT 1); COMMIT; TRUNCATE victim",
    };
    for (const auto& payload : payloads) {
        INFO(payload);
        auto c = db.connect();
        const auto& d = dialect::dialect_for(c->engine());
        auto schema = hostile_model(payload);
        // The probe of this expression fails on the server; the comparison falls back to text.
        auto plan = apply::dry_run(*c, d, schema, nullptr, apply::AskServer::Yes);
        CHECK(plan.warnings.size() == 1);  // victim is not in the model (and is not dropped)
        REQUIRE(plan.steps.size() == 1);   // the default differs: SET DEFAULT, planned, not run
        CHECK(std::holds_alternative<reconcile::diff::ModifyColumn>(plan.steps[0].change));
    }
    CHECK(db.catalog_snapshot() == before);
    CHECK(db.scalar("SELECT count(*) FROM victim") == "1");
    CHECK(db.ddl_log().empty());
    CHECK(db.scalar("SELECT count(*) FROM row_audit.rows") == "0");
}

TEST_CASE("a catalog read behind another session's lock times out, names the session and changes nothing", "[safety][postgres]") {
    PgDatabase db;
    // The check's text is read with pg_get_expr(…, relation), which takes a share lock on it.
    db.exec("CREATE TABLE busy (id integer PRIMARY KEY, n integer CHECK (n > 0))");
    pqxx::connection holder(db.url());
    pqxx::work hold(holder);
    hold.exec("SET application_name = 'long_migration'");
    hold.exec("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
    TempDir dir;
    auto schema = dir.write("s.toml", R"T(
[[tables]]
name = "busy"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "n", type = "integer" },
           { name = "added", type = "text" }]
checks = [{ name = "busy_n_check", expression = "n > 0" }]
)T");
    for (const char* mode : {"--dry-run", "--apply"}) {
        INFO(mode);
        const auto started = std::chrono::steady_clock::now();
        auto r = run_cli({mode, "--no-server-compare", "--lock-timeout", "300ms", "--schema", schema.string(), "--database-url", db.url()});
        INFO(r.all());
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains("lock timeout") && Catch::Contains("nothing was changed"));
        CHECK_THAT(r.err, Catch::Contains("pid " + std::to_string(holder.backendpid()) + " (long_migration, idle in transaction"));
        CHECK_THAT(r.err, Catch::Contains("holds AccessExclusiveLock on busy"));
    }
    hold.abort();
    CHECK(db.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy'") == "2");
}

TEST_CASE("the session's settings are pinned whatever the database sets", "[safety][postgres]") {
    PgDatabase db;
    const std::string name = db.scalar("SELECT current_database()");
    db.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1);"
            "CREATE SCHEMA app; CREATE TABLE app.accounts (id int); CREATE VIEW public.account_ids AS SELECT id FROM app.accounts");
    db.exec("ALTER DATABASE " + name + " SET standard_conforming_strings = off");
    db.exec("ALTER DATABASE " + name + " SET DateStyle = 'SQL, DMY'");
    db.exec("ALTER DATABASE " + name + " SET IntervalStyle = 'sql_standard'");
    db.exec("ALTER DATABASE " + name + " SET search_path = app, public");
    db.exec("ALTER DATABASE " + name + " SET extra_float_digits = -3");
    db.exec("ALTER DATABASE " + name + " SET bytea_output = 'escape'");
    auto c = db.connect();
    auto setting = [&](const char* n) { return *c->query(std::string("SELECT current_setting('") + n + "')").at(0).at(0); };
    CHECK(setting("standard_conforming_strings") == "on");
    CHECK(setting("client_encoding") == "UTF8");
    CHECK(setting("DateStyle") == "ISO, MDY");
    CHECK(setting("IntervalStyle") == "postgres");
    CHECK(setting("extra_float_digits") == "1");
    CHECK(setting("bytea_output") == "hex");
    CHECK(setting("search_path") == "app, public");  // the DDL's names resolve as the database says

    // The catalog is read with a fixed search path (the view's table printed qualified), in a
    // snapshot that cannot write; the database's path is back afterwards.
    const auto& d = dialect::dialect_for(c->engine());
    c->begin(false);
    const auto read = d.inspect(*c, {"public", "app"});
    REQUIRE(read.views.size() == 1);
    CHECK_THAT(read.views[0].definition.text, Catch::Contains("FROM app.accounts"));
    CHECK(setting("search_path") == "app, public");
    CHECK_THROWS(c->execute("CREATE TABLE t (id int)"));
    c->rollback();

    // With the database's own setting, this default is a string, then a second statement.
    auto schema = hostile_model(R"('x\' || '; DROP TABLE victim; SELECT ' || 'y')");
    CHECK(apply::apply(*c, d, schema).verified());
    CHECK(db.scalar("SELECT count(*) FROM public.victim") == "1");
    CHECK(db.scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef") == R"((('x\'::text || '; DROP TABLE victim; SELECT '::text) || 'y'::text))");

    // A reviewed plan's fingerprint, made by a dry run, is what the apply reads too.
    TempDir dir;
    auto model = dir.write("s.toml", "[[tables]]\nname = \"extra\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
    const std::string plan = (dir.path() / "plan.json").string();
    REQUIRE(run_cli({"--dry-run", "--plan-out", plan, "--schema", model.string(), "--database-url", db.url()}).status == 0);
    auto applied = run_cli({"--apply", "--plan", plan, "--schema", model.string(), "--database-url", db.url()});
    INFO(applied.all());
    CHECK(applied.status == 0);
}

TEST_CASE("a run killed while it waits has already said what it was doing", "[safety][postgres]") {
    PgDatabase db;
    // Another reconcile's apply holds the apply lock: this one waits for it (that wait is long).
    pqxx::connection other(db.url());
    pqxx::nontransaction(other).exec("SELECT pg_advisory_lock(" + std::to_string(0x7265636f6e63696cLL) + ")");
    auto r = testing::run_binary_killed_after(
        {"--apply", "--schema", testing::example_schema_dir(), "--database-url", db.url(), "--color", "never"},
        std::chrono::milliseconds(1500));
    INFO(r.out);
    CHECK(r.status == -1);
    CHECK_THAT(r.out, Catch::Contains("reconcile apply: " + db.url()));
    CHECK_THAT(r.out, Catch::Contains("model: "));
}

namespace {

// A fault injected by the server itself (the SQL that arms it): when `condition` holds at the
// end of a DDL command, the session running it is terminated, as when its server dies or the
// network drops.
std::string terminate_session_when(const std::string& condition) {
    return "CREATE SCHEMA fault; CREATE FUNCTION fault.strike() RETURNS event_trigger LANGUAGE plpgsql AS $$ "
           "DECLARE r record; BEGIN FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP IF " + condition +
           " THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; END LOOP; END $$;"
           "CREATE EVENT TRIGGER fault ON ddl_command_end EXECUTE FUNCTION fault.strike()";
}

const char* kThreeTables = R"T(
[[tables]]
name = "first"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "span", type = "interval", default = "'24 hours'::interval" }]
[[tables]]
name = "second"
columns = [{ name = "id", type = "integer", primary_key = true }]
[[tables]]
name = "third"
columns = [{ name = "id", type = "integer", primary_key = true }]
)T";

}  // namespace

TEST_CASE("a connection lost mid-apply says whether anything committed, and the next run converges", "[safety][postgres]") {
    TempDir dir;
    auto schema = dir.write("s.toml", kThreeTables);
    auto run = [&](const PgDatabase& db) {
        return run_cli({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--color", "never"});
    };
    struct Case {
        const char* when;
        std::string fault;            // SQL that arms it
        const char* disarm;           // SQL that takes it away again
        int status;                   // what reconcile exits with
        std::vector<const char*> says;
        const char* tables_after;     // what the fault left
    };
    const std::vector<Case> cases = {
        {"before COMMIT", terminate_session_when("r.command_tag = 'CREATE TABLE' AND r.object_identity = 'public.second'"),
         "DROP EVENT TRIGGER fault", 4, {"before COMMIT was sent", "nothing of it was changed"}, "0"},
        // A deferred constraint trigger runs inside COMMIT: the session dies there. It did not
        // commit, as it happens (the trigger runs before the commit record), but the client
        // cannot know.
        {"during COMMIT",
         "CREATE SCHEMA fault; CREATE TABLE fault.armed (n int);"
         "CREATE FUNCTION fault.strike_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         "PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;"
         "CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT ON fault.armed DEFERRABLE INITIALLY DEFERRED "
         "FOR EACH ROW EXECUTE FUNCTION fault.strike_at_commit();"
         "CREATE FUNCTION fault.arm() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
         "INSERT INTO fault.armed VALUES (1); END $$;"
         "CREATE EVENT TRIGGER arm ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION fault.arm()",
         "DROP EVENT TRIGGER arm", 5, {"unknown whether the transaction committed", "--dry-run"}, "0"},
        // The verification asks the server how it stores '24 hours'::interval, on a temporary
        // copy of "first": the apply itself never does (the table is new), so only the
        // verification dies.
        {"after COMMIT, while verifying", terminate_session_when("r.command_tag = 'CREATE TABLE' AND r.schema_name LIKE 'pg_temp%'"),
         "DROP EVENT TRIGGER fault", 6, {"committed, but the verification could not run"}, "3"},
    };
    for (const auto& c : cases) {
        INFO(c.when);
        PgDatabase db;
        db.exec(c.fault);
        auto r = run(db);
        INFO(r.all());
        CHECK(r.status == c.status);
        for (const char* words : c.says) CHECK_THAT(r.err, Catch::Contains(words));
        CHECK(db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == c.tables_after);
        db.exec(c.disarm);
        auto again = run(db);
        INFO(again.all());
        CHECK(again.status == 0);
        CHECK_THAT(again.out, Catch::Contains("verified"));
        CHECK(db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "3");
    }
}

namespace {

// The other sessions on `db`'s database: the killed client's backend lingers until it notices.
void wait_for_other_sessions_to_end(const PgDatabase& db) {
    for (int i = 0; i < 200; ++i) {
        if (db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") == "0")
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("a session of the killed run is still there after 20 s");
}

}  // namespace

TEST_CASE("a client killed or a session ended at chosen statements of a large apply leaves all or nothing", "[safety][postgres]") {
    // The example schema: 31 statements. The fault strikes when the apply's transaction has made
    // its k-th table (counted in its own snapshot): first, middle, last.
    const std::string tables_so_far =
        "(SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace)";
    auto apply_args = [](const PgDatabase& db) {
        return std::vector<std::string>{"--apply", "--schema", testing::example_schema_dir(), "--database-url", db.url(), "--color", "never"};
    };
    for (int k : {1, 7, 13}) {
        for (bool kill_client : {false, true}) {
            INFO("table " << k << (kill_client ? ": client killed" : ": session terminated"));
            PgDatabase db;
            const std::string empty = db.catalog_snapshot();
            // Killing the client: the server is made to wait there, and the client is killed
            // meanwhile. Ending the session: as when the server goes away.
            const std::string strike = kill_client ? "PERFORM pg_sleep(3)" : "PERFORM pg_terminate_backend(pg_backend_pid())";
            db.exec("CREATE SCHEMA fault; CREATE FUNCTION fault.strike() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "IF " + tables_so_far + " = " + std::to_string(k) + " THEN " + strike + "; END IF; END $$;"
                    "CREATE EVENT TRIGGER fault ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION fault.strike()");
            if (kill_client) {
                auto r = testing::run_binary_killed_after(apply_args(db), std::chrono::milliseconds(1500));
                CHECK(r.status == -1);
            } else {
                auto r = run_cli(apply_args(db));
                INFO(r.all());
                CHECK(r.status == 4);
            }
            wait_for_other_sessions_to_end(db);
            // The fault schema is the only thing there, as before the apply.
            db.exec("DROP EVENT TRIGGER fault; DROP SCHEMA fault CASCADE");
            CHECK(db.catalog_snapshot() == empty);
            auto again = run_cli(apply_args(db));
            INFO(again.all());
            CHECK(again.status == 0);
            CHECK_THAT(again.out, Catch::Contains("verified"));
            CHECK(db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "13");
        }
    }
}

TEST_CASE("the loader reads quotes, parameters and variables as each engine's tokenizer does", "[safety]") {
    // Each is one expression to a lexer that knew less: a '$1$' dollar-quote (PostgreSQL reads
    // the parameter $1), a SQLite variable whose "(…)" suffix ends at the first ')'.
    for (const char* text : {R"($1$) ; DROP TABLE victim; SELECT ($1$)", R"($x('a);DROP TABLE victim;(') )"}) {
        INFO(text);
        CHECK_THROWS_AS(testing::schema_from_toml(model_with_default(text)), Error);
    }
    // And what is one expression everywhere still loads.
    CHECK_NOTHROW(testing::schema_from_toml(model_with_default(R"(lower('a;b') || "Name" || $$x$$)")));
}

TEST_CASE("durations are read as people write them", "[safety]") {
    using reconcile::parse_duration;
    CHECK(parse_duration("500ms") == std::chrono::milliseconds(500));
    CHECK(parse_duration("5s") == std::chrono::milliseconds(5000));
    CHECK(parse_duration("2m") == std::chrono::milliseconds(120000));
    CHECK(parse_duration("1h") == std::chrono::milliseconds(3600000));
    CHECK_FALSE(parse_duration("0ms"));
    CHECK_FALSE(parse_duration("1d"));
    CHECK_FALSE(parse_duration("1000h"));  // more milliseconds than lock_timeout holds
}

TEST_CASE("eight concurrent --apply runs on one SQLite file take turns: one applies, the others find nothing to do", "[safety][sqlite]") {
    TempDir dir;
    const std::string url = "sqlite:" + (dir.path() / "app.db").string();
    const auto [applied, nothing] = testing::apply_eight_at_once(testing::example_schema_dir(), url);
    CHECK(applied == 1);
    CHECK(nothing == 7);
}

TEST_CASE("enum values committed before a main transaction that fails stay, and the report says so", "[safety][postgres]") {
    PgDatabase db;
    db.exec("CREATE TYPE mood AS ENUM ('calm'); CREATE TABLE notes (id int PRIMARY KEY, mood mood, stars int);"
            "INSERT INTO notes VALUES (1, 'calm', -1)");
    TempDir dir;
    const auto model = dir.write("model.toml", R"([[enums]]
name = "mood"
values = ["calm", "cheerful"]

[[tables]]
name = "notes"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "mood", type = "mood" },
  { name = "stars", type = "integer" },
]
checks = [{ name = "notes_stars_check", expression = "stars >= 0" }]
)");
    // In the one transaction (--no-concurrently), the check's validation meets the row that breaks it.
    auto r = run_cli({"--apply", "--no-concurrently", "--color", "never", "--schema", model.string(), "--database-url", db.url()});
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("rolled back; the 1 enum value(s) committed before the transaction stay (they are additive)"));
    CHECK(db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype") ==
          "calm,cheerful");
    CHECK(db.scalar("SELECT count(*) FROM pg_constraint WHERE conname = 'notes_stars_check'") == "0");
}

TEST_CASE("a verification that finds the database still differing after the commit exits 1 and says what differs", "[safety][postgres]") {
    PgDatabase db;
    // An event trigger (another tool's, say) takes the default off every table created.
    db.exec("CREATE FUNCTION take_defaults_off() RETURNS event_trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF to_regclass('public.items') IS NOT NULL THEN ALTER TABLE public.items ALTER COLUMN qty DROP DEFAULT; END IF; END $$;"
            "CREATE EVENT TRIGGER take_defaults_off ON ddl_command_end WHEN TAG IN ('CREATE TABLE') "
            "EXECUTE FUNCTION take_defaults_off()");
    TempDir dir;
    const auto model = dir.write("model.toml", "[[tables]]\nname = \"items\"\ncolumns = [\n"
                                               "  { name = \"id\", type = \"integer\", primary_key = true },\n"
                                               "  { name = \"qty\", type = \"integer\", default = \"1\" },\n]\n");
    auto r = run_cli({"--apply", "--color", "never", "--schema", model.string(), "--database-url", db.url()});
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("applied") && Catch::Contains("and committed"));
    CHECK_THAT(r.out, Catch::Contains("verification failed: the database still differs from the model after commit"));
    CHECK_THAT(r.out, Catch::Contains("qty"));
    CHECK(db.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'items'") == "1");  // committed: it stays
}
