#pragma once
// The one place that writes to a database: plan under the write lock, run every statement in
// one transaction, commit, then read the catalog again and check nothing is left to do.
#include <chrono>
#include <functional>

#include "db/connection.h"
#include "db/target.h"
#include "dialect/dialect.h"
#include "model/schema.h"
#include "plan/plan.h"
#include "policy/policy.h"

namespace reconcile::apply {

// Whether the model's expressions are compared as the server stores them, asking it where their
// text differs (Dialect::expressions_as_stored), or only by their canonical text.
enum class AskServer { Yes, No };

// How long an apply waits, so that no path waits forever.
struct Waits {
    // For another reconciler's apply to finish (the apply lock): release phases of one deploy
    // may start together and are meant to run one after the other. Also for the locks of
    // statements whose wait blocks nobody (plan::LockWait::Long).
    std::chrono::milliseconds apply_lock{std::chrono::minutes(30)};
    // For every other lock: the catalog reads, the server comparison and the plan's own DDL.
    // Set after the apply lock is held, so concurrent applies wait for each other instead.
    std::chrono::milliseconds lock_timeout = db::kDefaultLockTimeout;
    // When a statement's lock wait times out, the transaction is rolled back and tried again
    // this many times, after retry_backoff, doubled each time (at most a minute).
    int retries = 3;
    std::chrono::milliseconds retry_backoff{std::chrono::seconds(1)};
    // How long any one statement of the main transaction may run; 0: no limit.
    std::chrono::milliseconds statement_timeout{0};
    // Preflight: other transactions open longer than this are reported before anything runs,
    // and waited for up to wait_for_idle (0: not waited for).
    std::chrono::milliseconds long_transaction{std::chrono::minutes(1)};
    std::chrono::milliseconds wait_for_idle{0};
};

// What the executor tells the person while it works (the CLI prints them; report/ has the
// sentences).
struct LockRetry {
    int attempt = 0, attempts = 0;        // the attempt that timed out, of how many there may be
    std::string statement;                // the statement that waited
    std::string reason;                   // the server's message, with the blocking sessions
    std::chrono::milliseconds backoff{0}; // the wait before the next attempt
};
struct Events {
    std::function<void(const LockRetry&)> retrying;
    // The preflight's finding (`waited`: after waiting for them up to Waits::wait_for_idle).
    std::function<void(const std::vector<dialect::OtherSession>&, bool waited)> long_transactions;
    // The main transaction committed and `count` statements run after it, each on its own.
    std::function<void(std::size_t count)> after_transaction;
    // What it is doing, for a progress line: a stage begins ("reading the catalog",
    // "verifying"), or statement `index` (1-based) of `total` is about to run.
    std::function<void(const char* stage)> stage;
    std::function<void(std::size_t index, std::size_t total, const std::string& sql)> statement;
};

// Introspect + diff + plan, in whatever transaction the connection has open. With
// `fingerprint`, also the fingerprint of the whole catalog, from the same read.
plan::Plan plan_against(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                        std::string* fingerprint = nullptr, AskServer ask = AskServer::Yes, const policy::Policy& policy = {});

// The one planner: diff `desired` (with its expressions as the server stores them, when
// `stored` has them) against `actual`, apply the policy to what the diff found, order and
// render. Every command that shows or runs a plan gets it from here.
// `sizes` reads the sizes of existing tables the plan changes (Dialect::table_sizes); empty
// where there is no database (two schemas compared offline).
using SizeReader = std::function<dialect::TableSizes(const std::vector<model::TableRef>&)>;
// `data`: the declared rows against the database's (read_rows), planned after the schema.
plan::Plan plan_changes(const dialect::Dialect& dialect, const model::Schema& desired, const std::optional<model::Schema>& stored,
                        const model::Schema& actual, const policy::Policy& policy, const SizeReader& sizes = {},
                        std::optional<diff::DataDiff> data = std::nullopt);

// The model's declared rows against the database's, read in the open transaction: per table
// that declares rows, one query per slice the dialect compares at once (1,000 rows on
// PostgreSQL, the whole table on SQLite), and one more for a sync table; none when the model
// declares no rows.
diff::DataDiff read_rows(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                         const model::Schema& actual);

// The whole user-visible catalog (every user schema) in one read-only snapshot, as a model: what
// `export` writes and what a database used as --schema stands for.
model::Schema inspect_all(db::Connection& connection, const dialect::Dialect& dialect);

// `desired` with its expressions as the server behind `connection` stores them (see
// Dialect::expressions_as_stored), asked in a transaction of its own that is rolled back;
// nullopt when there is nothing to ask or the server cannot be asked.
std::optional<model::Schema> expressions_as_stored(db::Connection& connection, const dialect::Dialect& dialect,
                                                   const model::Schema& desired, const model::Schema& actual);

// A dry run: plan inside a read-only snapshot; nothing is written. With `fingerprint`, also
// the catalog's fingerprint from the same snapshot (for plan files).
plan::Plan dry_run(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                   std::string* fingerprint = nullptr, AskServer ask = AskServer::Yes, const policy::Policy& policy = {});

// Thrown when a statement fails; the transaction has been rolled back by then.
class StatementFailed : public SqlError {
public:
    StatementFailed(const SqlError& e, std::size_t index, std::size_t total, std::size_t committed_before = 0,
                    bool after_commit = false)
        : SqlError(e), index_(index), total_(total), committed_before_(committed_before), after_commit_(after_commit) {}
    std::size_t index() const { return index_; }  // 1-based, among all the plan's statements
    std::size_t total() const { return total_; }
    // Statements committed before the main transaction (enum values) that stay in place.
    std::size_t committed_before() const { return committed_before_; }
    // A statement that runs after the main transaction (plan::Phase::AfterTransaction): the main
    // transaction, and the statements after it that ran before this one, stay committed.
    bool after_commit() const { return after_commit_; }

private:
    std::size_t index_, total_, committed_before_;
    bool after_commit_;
};

struct Outcome {
    std::size_t executed = 0;   // statements run and committed (the plan itself was shown to on_planned)
    plan::Plan after;           // the plan made from a fresh read after commit: no steps when verified
    bool cancelled = false;     // on_planned said no
    int retries = 0;            // attempts rolled back after a lock timeout, then tried again
    // A statement after the main transaction failed (a concurrent index build that met a
    // duplicate): what committed stays, the rest did not run, and `after` shows what is left.
    std::optional<StatementFailed> failed_after;
    bool verified() const { return !after.has_changes() && !failed_after; }
};

// `on_planned` sees the plan after the lock is held and before anything runs (for printing,
// and for asking a person); returning false cancels: rolled back, nothing executed. A plan
// with a statement the policy refuses (policy::refusals) is never run: Error{Refused}.
using OnPlanned = std::function<bool(const plan::Plan&)>;
//
// Holds the apply lock (Dialect::apply_lock) from before the catalog is read until the last
// transaction has committed. Connection errors say what became of the change: lost before
// COMMIT (ErrorKind::ConnectionLostRolledBack), during it (CommitUnknown), or after it, while
// verifying (VerifyUnavailable).
//
// The main transaction's statements wait for locks at most Waits::lock_timeout; when one times
// out, the transaction is rolled back and, after a backoff, planned again under the same lock
// and run again if the plan is the one shown (Waits::retries times; Events::retrying says so).
// Statements that run after it (plan::Phase::AfterTransaction) then run one by one, each
// committed on its own, still under the apply lock.
Outcome apply(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
              const OnPlanned& on_planned = {}, AskServer ask = AskServer::Yes, const Waits& waits = {},
              const policy::Policy& policy = {}, const Events& events = {});

// Applies a reviewed plan's statements exactly, only if the target's catalog still has the
// fingerprint the plan was made against (checked under the apply lock, in the same
// transaction). Throws Error{Refused} otherwise, having changed nothing. Verifies against
// `desired` afterwards.
// `statements` are the plan's, in the order they run, each where its `runs` says. A lock timeout
// is retried only while nothing of the plan has committed, the fingerprint checked again.
Outcome apply_reviewed(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                       const std::vector<plan::Statement>& statements, const std::string& fingerprint,
                       const OnPlanned& on_planned = {}, AskServer ask = AskServer::Yes, const Waits& waits = {},
                       const policy::Policy& policy = {}, const Events& events = {});

}  // namespace reconcile::apply
