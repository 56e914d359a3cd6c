// An apply on a PostgreSQL database that other sessions use while it runs: lock timeouts that
// roll back and try again, naming the blocker; the lock queue; the preflight; statements after
// the main transaction (concurrent index builds, validations) that fail, are reported as drift
// and are repaired by the next apply. The plans' statements are the case files' business
// (tests/cases); these tests are about what happens around them.
#include <catch2/catch.hpp>

#include <regex>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::TempDir;

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kEvents = R"T(
[[tables]]
name = "events"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "text" },
  { name = "note", type = "text" },
]
)T";

// Another client's session: a transaction that holds what `sql` locks until release().
class OtherSession {
public:
    OtherSession(const PgDatabase& db, const std::string& application, const std::string& sql)
        : connection_(db.url() + "?application_name=" + application), tx_(std::make_unique<pqxx::work>(connection_)) {
        tx_->exec(sql);
    }
    void release() {
        if (tx_) tx_->commit();
        tx_.reset();
    }
    // Releases after `delay`, from a thread of its own, while the test's thread runs reconcile.
    std::thread release_after(std::chrono::milliseconds delay) {
        return std::thread([this, delay] {
            std::this_thread::sleep_for(delay);
            release();
        });
    }

private:
    pqxx::connection connection_;
    std::unique_ptr<pqxx::work> tx_;
};

testing::CliResult apply_model(const std::string& model, const PgDatabase& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--apply", "--color", "never", "--schema", model, "--database-url", db.url()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
}

testing::CliResult dry_run(const std::string& model, const PgDatabase& db) {
    return run_cli({"--dry-run", "--color", "never", "--exit-code", "--schema", model, "--database-url", db.url()});
}

std::string with_index(bool unique) {
    return std::string(kEvents) + "\n[[tables.indexes]]\nname = \"events_email_idx\"\ncolumns = [\"email\"]\nunique = " +
           (unique ? "true" : "false") + "\n";
}

}  // namespace

TEST_CASE("a lock held by another session: the apply times out, rolls back, tries again, and succeeds once it is released",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();  // adds column note: ACCESS EXCLUSIVE
    OtherSession reader(db, "report_job", "SELECT count(*) FROM events");
    std::thread releaser = reader.release_after(std::chrono::milliseconds(1500));
    auto r = apply_model(model, db, {"--lock-timeout", "300ms", "--retries", "4"});
    releaser.join();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("attempt 1 of 5 timed out waiting for a lock, and was rolled back"));
    // Named for certain: seen by pg_blocking_pids while the statement waited.
    CHECK_THAT(r.out, Catch::Contains("blocked by (pg_blocking_pids, while it waited):"));
    CHECK_THAT(r.out, Catch::Contains("(report_job, idle in transaction"));
    CHECK_THAT(r.out, Catch::Contains("SELECT count(*) FROM events"));
    CHECK_THAT(r.out, Catch::Contains("verified"));
    CHECK(db.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'note'") == "1");
}

TEST_CASE("without --retries an apply tries 4 times, waiting 1 s then 2 s between tries", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    // Held through the first two tries (200 ms each, 1 s apart), released before the third.
    OtherSession reader(db, "report_job", "SELECT count(*) FROM events");
    std::thread releaser = reader.release_after(std::chrono::milliseconds(2000));
    auto r = apply_model(model, db, {"--lock-timeout", "200ms"});
    releaser.join();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("attempt 1 of 4 timed out waiting for a lock") && Catch::Contains("trying again in 1 s"));
    CHECK_THAT(r.out, Catch::Contains("attempt 2 of 4 timed out waiting for a lock") && Catch::Contains("trying again in 2 s"));
    CHECK_THAT(r.out, !Catch::Contains("attempt 3 of 4"));
    CHECK_THAT(r.out, Catch::Contains("verified"));
}

TEST_CASE("a lock never released: after the last try the apply exits 1, names the blocker and changes nothing", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    const std::string before = db.catalog_snapshot();
    OtherSession reader(db, "report_job", "SELECT count(*) FROM events");
    auto r = apply_model(model, db, {"--lock-timeout", "200ms", "--retries", "1"});
    reader.release();
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("attempt 1 of 2 timed out"));
    CHECK_THAT(r.out, Catch::Contains("(report_job, idle in transaction"));
    CHECK_THAT(r.out, Catch::Contains("it waited the lock timeout (--lock-timeout) 2 time(s)"));
    CHECK_THAT(r.out, Catch::Contains("rolled back: nothing was changed"));
    CHECK(db.catalog_snapshot() == before);
}

TEST_CASE("the lock queue: readers queued behind the apply's DDL wait at most the lock timeout", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text); INSERT INTO events SELECT g, 'e' || g FROM generate_series(1, 100) g");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    // A long report holds ACCESS SHARE for 3 s; reconcile's ALTER TABLE queues for ACCESS
    // EXCLUSIVE behind it, and every later reader queues behind the ALTER: without a lock
    // timeout, for the whole 3 s.
    OtherSession report(db, "report_job", "SELECT count(*) FROM events");
    std::thread releaser = report.release_after(std::chrono::milliseconds(3000));
    auto applying = std::async(std::launch::async, [&] { return apply_model(model, db, {"--lock-timeout", "500ms", "--retries", "4"}); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // reconcile is waiting for its lock by now
    pqxx::connection reader(db.url() + "?application_name=web");
    const auto start = Clock::now();
    pqxx::nontransaction(reader).exec("SELECT count(*) FROM events");
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    auto r = applying.get();
    releaser.join();
    INFO(r.all());
    INFO("the reader waited " << waited.count() << " ms");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("timed out waiting for a lock"));
    // Bounded by the lock timeout (500 ms), with room for a slow machine; the report holds on for 3 s.
    CHECK(waited < std::chrono::milliseconds(2000));
}

TEST_CASE("preflight: long transactions are reported, and --wait-for-idle waits for them to end", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    OtherSession batch(db, "nightly_batch", "SELECT 1");  // a transaction left open
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    SECTION("reported, and the apply goes on") {
        // It holds no lock on events: the apply is not held up by it.
        auto r = apply_model(model, db, {"--long-transaction", "1s"});
        INFO(r.all());
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("1 other transaction(s) open longer than 1 s"));
        CHECK_THAT(r.out, Catch::Contains("(nightly_batch, idle in transaction, open "));
        // pid, application, state, how long it has been open, the first line of its query.
        CHECK(std::regex_search(r.out, std::regex(R"(    pid [0-9]+ \(nightly_batch, idle in transaction, open [0-9]+ s\): SELECT 1)")));
    }
    SECTION("waited for until it ends") {
        std::thread releaser = batch.release_after(std::chrono::milliseconds(1500));
        const auto start = Clock::now();
        auto r = apply_model(model, db, {"--long-transaction", "1s", "--wait-for-idle", "20s"});
        const auto took = Clock::now() - start;
        releaser.join();
        INFO(r.all());
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("no transaction open longer than 1 s any more: going on"));
        CHECK(took >= std::chrono::milliseconds(1000));
        CHECK(took < std::chrono::seconds(15));
        CHECK_THAT(r.out, Catch::Contains("verified"));
    }
    batch.release();
    // Nothing to do: nothing to report either.
    auto again = apply_model(model, db, {"--long-transaction", "1s"});
    CHECK_THAT(again.out, !Catch::Contains("open longer than"));
}

TEST_CASE("a concurrent index build that fails leaves an INVALID index, reported as drift and repaired by the next apply",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 1000) g;"
            "INSERT INTO events VALUES (1001, 'e1', 'a duplicate')");
    TempDir dir;
    const auto model = dir.write("model.toml", with_index(true)).string();
    auto failed = apply_model(model, db);
    INFO(failed.all());
    CHECK(failed.status == 1);
    CHECK_THAT(failed.out, Catch::Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"events_email_idx\""));
    CHECK_THAT(failed.out, Catch::Contains("the main transaction had committed"));
    CHECK(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_email_idx'::regclass") == "f");

    // Never in sync: the dry run plans to drop it concurrently and build it again.
    auto drift = dry_run(model, db);
    INFO(drift.all());
    CHECK(drift.status == 3);
    CHECK_THAT(drift.out, Catch::Contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"events_email_idx\""));
    CHECK_THAT(drift.out, Catch::Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"events_email_idx\""));

    db.exec("DELETE FROM events WHERE id = 1001");
    auto repaired = apply_model(model, db);
    INFO(repaired.all());
    CHECK(repaired.status == 0);
    CHECK_THAT(repaired.out, Catch::Contains("verified"));
    CHECK(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_email_idx'::regclass") == "t");
    CHECK(dry_run(model, db).status == 0);
}

TEST_CASE("a validation after the main transaction that fails leaves the constraint NOT VALID, validated by the next apply",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 100) g; UPDATE events SET id = -id WHERE id = 7");
    TempDir dir;
    const auto model = dir.write("model.toml", std::string(kEvents) + "checks = [{ name = \"events_id_positive\", expression = \"id > 0\" }]\n").string();
    auto failed = apply_model(model, db);
    INFO(failed.all());
    CHECK(failed.status == 1);
    CHECK_THAT(failed.out, Catch::Contains("VALIDATE CONSTRAINT \"events_id_positive\""));
    CHECK_THAT(failed.out, Catch::Contains("the main transaction had committed"));
    // New rows obey it from the first commit on; the old row is still there.
    CHECK(db.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'events_id_positive'") == "f");
    CHECK_THROWS(db.exec("INSERT INTO events VALUES (-500, 'x', NULL)"));
    CHECK(dry_run(model, db).status == 3);

    db.exec("UPDATE events SET id = 7 WHERE id = -7");
    auto validated = apply_model(model, db);
    INFO(validated.all());
    CHECK(validated.status == 0);
    CHECK(db.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'events_id_positive'") == "t");
}

TEST_CASE("hazards state the size of the table from the catalog, and an empty table has none", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text); CREATE TABLE empty_events (LIKE events INCLUDING ALL);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 5000) g; ANALYZE events");
    TempDir dir;
    const auto model = dir.write("model.toml", with_index(false) + R"T(
[[tables]]
name = "empty_events"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "text" },
  { name = "note", type = "text" },
]
indexes = [{ name = "empty_events_email_idx", columns = ["email"] }]
)T").string();
    auto r = dry_run(model, db);
    INFO(r.all());
    CHECK(r.status == 3);
    CHECK_THAT(r.out, Catch::Contains("long-running: builds index events_email_idx on public.events concurrently"));
    CHECK_THAT(r.out, Catch::Contains("(public.events: \u22485000 rows, "));
    CHECK_THAT(r.out, Catch::Contains("SQL run after that transaction commits, each statement on its own"));
    // The empty table's index: built in the main transaction, no hazard.
    CHECK_THAT(r.out, Catch::Contains("CREATE INDEX IF NOT EXISTS \"empty_events_email_idx\" ON \"public\".\"empty_events\""));
    CHECK_THAT(r.out, !Catch::Contains("builds index empty_events_email_idx"));
    // --no-concurrently: everything in the one transaction, writes blocked, as the hazard says.
    auto blocking = run_cli({"--dry-run", "--color", "never", "--no-concurrently", "--schema", model, "--database-url", db.url()});
    CHECK_THAT(blocking.out, Catch::Contains("blocks-writes: builds index events_email_idx on public.events while holding a SHARE lock"));
    CHECK_THAT(blocking.out, !Catch::Contains("CONCURRENTLY"));
}

TEST_CASE("a unique constraint whose concurrent build failed is not taken for the constraint, and is built by the next apply",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 500) g;"
            "INSERT INTO events VALUES (501, 'e1', 'a duplicate')");
    TempDir dir;
    const auto model =
        dir.write("model.toml", std::string(kEvents) + "unique_constraints = [{ name = \"events_email_key\", columns = [\"email\"] }]\n").string();
    auto failed = apply_model(model, db);
    INFO(failed.all());
    CHECK(failed.status == 1);
    CHECK(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_email_key'::regclass") == "f");
    // The INVALID unique index under the constraint's name enforces nothing: never in sync.
    auto drift = dry_run(model, db);
    INFO(drift.all());
    CHECK(drift.status == 3);
    CHECK_THAT(drift.out, Catch::Contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"events_email_key\""));
    db.exec("DELETE FROM events WHERE id = 501");
    auto repaired = apply_model(model, db);
    INFO(repaired.all());
    CHECK(repaired.status == 0);
    CHECK(db.scalar("SELECT count(*) FROM pg_constraint WHERE conname = 'events_email_key' AND contype = 'u'") == "1");
    CHECK(dry_run(model, db).status == 0);
}

TEST_CASE("an apply waiting for the apply lock holds no snapshot, so the holder's concurrent index build does not deadlock with it",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 1000) g");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    // The holder: an apply that has the apply lock and builds an index concurrently, which
    // waits for every transaction that holds a snapshot to end.
    pqxx::connection holder(db.url());
    pqxx::nontransaction(holder).exec("SELECT pg_advisory_lock(" + std::to_string(0x7265636f6e63696cLL) + ")");
    auto waiting = std::async(std::launch::async, [&] { return apply_model(model, db); });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // the second apply waits for the lock by now
    CHECK_NOTHROW(pqxx::nontransaction(holder).exec("CREATE INDEX CONCURRENTLY events_email_idx ON events (email)"));
    pqxx::nontransaction(holder).exec("SELECT pg_advisory_unlock(" + std::to_string(0x7265636f6e63696cLL) + ")");
    auto r = waiting.get();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_email_idx'::regclass") == "t");
}

TEST_CASE("the statement timeout cancels a statement of the main transaction: exit 1, the statement named, nothing changed",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    const std::string before = db.catalog_snapshot();
    // The ALTER waits for the reader's lock; the lock timeout is longer than the statement
    // timeout, so the statement timeout is what ends the wait (57014, not 55P03: not retried).
    OtherSession reader(db, "report_job", "SELECT count(*) FROM events");
    auto r = apply_model(model, db, {"--lock-timeout", "10s", "--statement-timeout", "300ms"});
    reader.release();
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("the statement timeout (--statement-timeout) cancelled it"));
    CHECK_THAT(r.out, Catch::Contains("ALTER TABLE"));
    CHECK_THAT(r.out, !Catch::Contains("attempt 1 of"));
    CHECK(db.catalog_snapshot() == before);
    // Without the reader the same statement runs well within it.
    auto ok = apply_model(model, db, {"--statement-timeout", "5s"});
    INFO(ok.all());
    CHECK(ok.status == 0);
}

TEST_CASE("an environment's lock_timeout, retries, statement_timeout and concurrently come from reconcile.toml, and a mistake is placed",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 200) g");
    TempDir dir;
    dir.write("model.toml", with_index(false));
    dir.write("reconcile.toml", "[environments.busy]\nurl = \"" + db.url() +
                                    "\"\nlock_timeout = \"200ms\"\nretries = 1\nconcurrently = false\n\n"
                                    "[environments.strict]\nurl = \"" + db.url() + "\"\nstatement_timeout = \"250ms\"\n");
    const auto old = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    // concurrently = false: the index is built in the main transaction, as --no-concurrently does.
    auto preview = run_cli({"--dry-run", "--color", "never", "--env", "busy", "--schema", "model.toml"});
    CHECK_THAT(preview.out, Catch::Contains("CREATE INDEX IF NOT EXISTS \"events_email_idx\""));
    CHECK_THAT(preview.out, !Catch::Contains("CONCURRENTLY"));
    {
        // lock_timeout and retries: two attempts of 200 ms, then exit 1. A writer's open
        // transaction holds ROW EXCLUSIVE, which the index build's SHARE lock waits for.
        OtherSession writer(db, "order_writer", "UPDATE events SET note = 'x' WHERE id = 1");
        auto busy = run_cli({"--apply", "--color", "never", "--env", "busy", "--schema", "model.toml"});
        writer.release();
        INFO(busy.all());
        CHECK(busy.status == 1);
        CHECK_THAT(busy.out, Catch::Contains("attempt 1 of 2 timed out"));
        CHECK_THAT(busy.out, Catch::Contains("it waited the lock timeout (--lock-timeout) 2 time(s)"));
    }
    {
        // The command line wins over the environment.
        OtherSession writer(db, "order_writer", "UPDATE events SET note = 'x' WHERE id = 1");
        auto once = run_cli({"--apply", "--color", "never", "--env", "busy", "--retries", "0", "--schema", "model.toml"});
        writer.release();
        INFO(once.all());
        CHECK(once.status == 1);
        CHECK_THAT(once.out, Catch::Contains("it waited the lock timeout (--lock-timeout) 1 time(s)"));
    }
    {
        // A column added: the ALTER TABLE in the main transaction waits for the writer, and the
        // environment's statement timeout ends the wait. (A concurrent index build after the
        // transaction would wait for the writer too, bounded by the apply-lock wait, not by this.)
        std::string wider = kEvents;
        wider.insert(wider.rfind("]"), "  { name = \"extra\", type = \"text\" },\n");
        dir.write("wider.toml", wider);
        OtherSession writer(db, "order_writer", "UPDATE events SET note = 'x' WHERE id = 1");
        auto strict = run_cli({"--apply", "--color", "never", "--env", "strict", "--lock-timeout", "10s", "--schema", "wider.toml"});
        writer.release();
        INFO(strict.all());
        CHECK(strict.status == 1);
        CHECK_THAT(strict.out, Catch::Contains("the statement timeout (--statement-timeout) cancelled it"));
    }
    CHECK(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'events_email_idx'") == "0");
    CHECK(db.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'extra'") == "0");

    dir.write("reconcile.toml", "[environments.bad]\nurl = \"" + db.url() + "\"\n\nlock_timeout = \"soon\"\n");
    auto bad = run_cli({"--dry-run", "--env", "bad", "--schema", "model.toml"});
    dir.write("reconcile.toml", "[environments.bad]\nurl = \"" + db.url() + "\"\nretries = -1\n");
    auto negative = run_cli({"--dry-run", "--env", "bad", "--schema", "model.toml"});
    std::filesystem::current_path(old);
    CHECK(bad.status == 1);
    CHECK_THAT(bad.err, Catch::Contains("reconcile.toml:4:") && Catch::Contains("not 'soon'"));
    CHECK(negative.status == 1);
    CHECK_THAT(negative.err, Catch::Contains("reconcile.toml:3:") && Catch::Contains("from 0 to 100"));
}

TEST_CASE("a reviewed plan file carries the statements after the transaction: --plan runs them concurrently, then verifies",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 1000) g");
    TempDir dir;
    const auto model = dir.write("model.toml", std::string(kEvents) + "checks = [{ name = \"events_id_positive\", expression = \"id > 0\" }]\n" +
                                                    "indexes = [{ name = \"events_email_idx\", columns = [\"email\"] }]\n").string();
    const auto plan_file = (dir.path() / "plan.json").string();
    auto reviewed = run_cli({"--dry-run", "--color", "never", "--schema", model, "--database-url", db.url(), "--plan-out", plan_file});
    INFO(reviewed.all());
    REQUIRE(reviewed.status == 0);
    std::ifstream in(plan_file);
    const std::string plan((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_THAT(plan, Catch::Contains("\"runs\": \"after_transaction\""));
    CHECK_THAT(plan, Catch::Contains("CREATE INDEX CONCURRENTLY"));
    CHECK_THAT(plan, Catch::Contains("\"lock_wait\": \"long\""));

    auto applied = run_cli({"--apply", "--color", "never", "--schema", model, "--plan", plan_file, "--database-url", db.url()});
    INFO(applied.all());
    CHECK(applied.status == 0);
    CHECK_THAT(applied.out, Catch::Contains("verified"));
    CHECK(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_email_idx'::regclass") == "t");
    CHECK(db.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'events_id_positive'") == "t");
    CHECK(dry_run(model, db).status == 0);
}

TEST_CASE("a --format sql script puts the statements after the transaction in a section of their own, which psql runs as it is",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text, note text);"
            "INSERT INTO events SELECT g, 'e' || g, NULL FROM generate_series(1, 1000) g");
    TempDir dir;
    const auto model = dir.write("model.toml", with_index(true)).string();
    auto r = run_cli({"--dry-run", "--format", "sql", "--schema", model, "--database-url", db.url()});
    INFO(r.all());
    REQUIRE(r.status == 0);
    const auto section = r.out.find("-- after the transaction");
    REQUIRE(section != std::string::npos);
    const auto commit = r.out.find("COMMIT;");
    REQUIRE(commit != std::string::npos);
    CHECK(commit < section);
    const auto build = r.out.find("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"events_email_idx\"");
    CHECK(build != std::string::npos);
    CHECK(build > section);
    // The script as a user saves it and runs it (psql without --single-transaction), twice.
    const auto script = dir.write("plan.sql", r.out).string();
    for (int run = 0; run < 2; ++run) {
        INFO("run " << run);
        CHECK(db.run_sql_file(script, false) == 0);
    }
    CHECK(db.scalar("SELECT indisvalid AND indisunique FROM pg_index WHERE indexrelid = 'events_email_idx'::regclass") == "t");
    CHECK(dry_run(model, db).status == 0);
}

namespace {

// A reconcile process started in the background (the test's thread keeps Catch's assertions to
// itself), and what it printed once it ended.
class Background {
public:
    explicit Background(std::vector<std::string> args) : log_(dir_.path() / "out.txt"), start_(Clock::now()) {
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            dup2(fd, 1), dup2(fd, 2);
            std::string binary = RECONCILE_BINARY_PATH;
            std::vector<char*> argv{binary.data()};
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
    }
    // Waits for it: the exit status, and how long it ran.
    int wait() {
        int status = 0;
        waitpid(pid_, &status, 0);
        took_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::chrono::milliseconds took() const { return took_; }
    std::string output() const { return testing::read_file(log_); }

private:
    TempDir dir_;
    std::filesystem::path log_;
    Clock::time_point start_;
    std::chrono::milliseconds took_{0};
    pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("every command waits the lock timeout for a lock, 5 s unless --lock-timeout says otherwise, and names who held it",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text CHECK (email <> ''))");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    const std::string before = db.catalog_snapshot();
    // A migration holds the table; a batch job holds an advisory lock (named among the likely
    // blockers when the server cannot say who blocked a read).
    OtherSession migration(db, "migration_job", "LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    OtherSession batch(db, "batch_job", "SELECT pg_advisory_xact_lock(4242)");
    const std::string url = db.url();
    // Side by side, so that the five waits take one wait's time.
    Background dry({"--dry-run", "--color", "never", "--schema", model, "--database-url", url});
    Background apply({"--apply", "--color", "never", "--retries", "0", "--schema", model, "--database-url", url});
    Background exported({"export", "--database-url", url, "--out", (dir.path() / "export").string()});
    Background diff({"diff", url, url, "--color", "never"});
    Background short_dry({"--dry-run", "--color", "never", "--lock-timeout", "1s", "--schema", model, "--database-url", url});
    const int short_status = short_dry.wait();
    const int statuses[] = {dry.wait(), apply.wait(), exported.wait(), diff.wait()};
    migration.release();
    batch.release();

    for (Background* run : {&dry, &apply, &exported, &diff}) {
        const int status = statuses[run == &dry ? 0 : run == &apply ? 1 : run == &exported ? 2 : 3];
        INFO(run->output());
        INFO("it ran " << run->took().count() << " ms");
        CHECK(status == 1);
        CHECK(run->took() >= std::chrono::milliseconds(4500));
        CHECK(run->took() < std::chrono::seconds(15));
        CHECK_THAT(run->output(), Catch::Contains("migration_job"));
    }
    {
        INFO(short_dry.output());
        CHECK(short_status == 1);
        CHECK(short_dry.took() < std::chrono::milliseconds(4000));
    }
    // A read the server cannot name a blocker for lists the sessions holding locks, advisory
    // ones included.
    CHECK_THAT(exported.output(), Catch::Contains("sessions holding locks on relations of this database (the likely blockers)"));
    CHECK_THAT(exported.output(), Catch::Contains("(batch_job, idle in transaction"));
    CHECK_THAT(exported.output(), Catch::Contains("ExclusiveLock on an advisory lock"));
    CHECK(db.catalog_snapshot() == before);
}

TEST_CASE("the wait for another apply's lock is --apply-lock-wait (30 minutes by default), polled every 250 ms, not the lock timeout",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    const std::string before = db.catalog_snapshot();
    pqxx::connection holder(db.url() + "?application_name=other_apply");
    const std::string key = std::to_string(0x7265636f6e63696cLL);  // postgres::kApplyLockKey
    pqxx::nontransaction(holder).exec("SELECT pg_advisory_lock(" + key + ")");
    db.start_statement_count();
    const auto start = Clock::now();
    auto r = apply_model(model, db, {"--apply-lock-wait", "3s", "--lock-timeout", "500ms"});
    const auto took = Clock::now() - start;
    pqxx::nontransaction(holder).exec("SELECT pg_advisory_unlock(" + key + ")");
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("another apply has held the apply lock for as long as reconcile waits for it (3 s, --apply-lock-wait); nothing was changed."));
    // The lock timeout (500 ms) is set once the apply lock is held, not before.
    CHECK(took >= std::chrono::milliseconds(3000));
    CHECK(took < std::chrono::seconds(10));
    long long asked = 0;
    for (const auto& [query, calls] : db.statement_count())
        if (query.find("pg_try_advisory_lock") != std::string::npos) asked += calls;
    // Every 250 ms for 3 s: 13 times, give or take the scheduler.
    CHECK(asked >= 9);
    CHECK(asked <= 14);
    CHECK(db.catalog_snapshot() == before);

    auto help = run_cli({"--help"});
    CHECK_THAT(help.out, Catch::Contains("--apply-lock-wait TEXT=30m"));
    CHECK_THAT(help.out, Catch::Contains("--long-transaction TEXT=1m"));
    // Released: the same apply runs.
    auto again = apply_model(model, db, {"--apply-lock-wait", "3s"});
    INFO(again.all());
    CHECK(again.status == 0);
}

TEST_CASE("preflight: a transaction open for seconds is not reported under the default --long-transaction of a minute",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();
    OtherSession batch(db, "nightly_batch", "SELECT 1");
    std::this_thread::sleep_for(std::chrono::milliseconds(2200));
    auto r = apply_model(model, db);
    batch.release();
    INFO(r.all());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, !Catch::Contains("open longer than"));
    CHECK_THAT(r.out, !Catch::Contains("nightly_batch"));
}

TEST_CASE("a retry runs only the plan it showed: a schema changed during the backoff cancels the apply, nothing run",
          "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    const auto model = dir.write("model.toml", kEvents).string();  // adds column note
    OtherSession reader(db, "report_job", "SELECT count(*) FROM events");
    // Once reconcile's ALTER TABLE has queued behind the reader and then given up (it is in its
    // backoff, holding only the apply lock), the reader ends and a migration drops a column the
    // model has: the next attempt's plan would add it back, which is not the plan shown.
    std::thread migration([&] {
        pqxx::connection watcher(db.url());
        auto waiting = [&] {
            return pqxx::nontransaction(watcher)
                       .exec("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE NOT l.granted AND c.relname = 'events'")[0][0]
                       .as<int>() > 0;
        };
        const auto give_up = Clock::now() + std::chrono::seconds(20);
        while (!waiting() && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        while (waiting() && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        reader.release();
        pqxx::nontransaction(watcher).exec("ALTER TABLE events DROP COLUMN email");
    });
    auto r = apply_model(model, db, {"--lock-timeout", "300ms", "--retries", "3"});
    migration.join();
    INFO(r.all());
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("attempt 1 of 4 timed out waiting for a lock"));
    CHECK_THAT(r.err + r.out, Catch::Contains("while reconcile waited to try again, the database changed: the plan is no longer the one shown, "
                                              "so none of it was run"));
    // Neither the column the plan shown adds nor the one the new plan would add back.
    CHECK(db.scalar("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'events'::regclass AND attnum > 0 AND NOT attisdropped") == "id");
}

TEST_CASE("an environment's wait_for_idle comes from reconcile.toml: the apply waits for long transactions to end", "[online][postgres]") {
    PgDatabase db;
    db.exec("CREATE TABLE events (id integer PRIMARY KEY, email text)");
    TempDir dir;
    dir.write("model.toml", kEvents);
    dir.write("reconcile.toml", "[environments.patient]\nurl = \"" + db.url() + "\"\nwait_for_idle = \"20s\"\n");
    testing::InDirectory in(dir.path());
    OtherSession batch(db, "nightly_batch", "SELECT 1");
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    std::thread releaser = batch.release_after(std::chrono::milliseconds(1500));
    const auto start = Clock::now();
    auto r = run_cli({"--apply", "--color", "never", "--env", "patient", "--long-transaction", "1s", "--schema", "model.toml"});
    const auto took = Clock::now() - start;
    releaser.join();
    INFO(r.all());
    CHECK(r.status == 0);
    // Printed only after a wait for transactions it found (none found: nothing printed).
    CHECK_THAT(r.out, Catch::Contains("no transaction open longer than 1 s any more: going on"));
    CHECK(took >= std::chrono::milliseconds(1000));
    CHECK(took < std::chrono::seconds(15));
}
