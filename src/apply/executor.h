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
    // may start together and are meant to run one after the other.
    std::chrono::milliseconds apply_lock{std::chrono::minutes(30)};
    // For every other lock: the catalog reads, the server comparison and the plan's own DDL.
    std::chrono::milliseconds lock_timeout = db::kDefaultLockTimeout;
};

// Introspect + diff + plan, in whatever transaction the connection has open. With
// `fingerprint`, also the fingerprint of the whole catalog, from the same read.
plan::Plan plan_against(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                        std::string* fingerprint = nullptr, AskServer ask = AskServer::Yes, const policy::Policy& policy = {});

// The one planner: diff `desired` (with its expressions as the server stores them, when
// `stored` has them) against `actual`, apply the policy to what the diff found, order and
// render. Every command that shows or runs a plan gets it from here.
plan::Plan plan_changes(const dialect::Dialect& dialect, const model::Schema& desired, const std::optional<model::Schema>& stored,
                        const model::Schema& actual, const policy::Policy& policy);

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

struct Outcome {
    std::size_t executed = 0;   // statements run (the plan itself was shown to on_planned)
    plan::Plan after;           // the plan made from a fresh read after commit: no steps when verified
    bool cancelled = false;     // on_planned said no
    bool verified() const { return !after.has_changes(); }
};

// Thrown when a statement fails; the transaction has been rolled back by then.
class StatementFailed : public SqlError {
public:
    StatementFailed(const SqlError& e, std::size_t index, std::size_t total, std::size_t committed_before = 0)
        : SqlError(e), index_(index), total_(total), committed_before_(committed_before) {}
    std::size_t index() const { return index_; }  // 1-based, among all the plan's statements
    std::size_t total() const { return total_; }
    // Statements committed before the main transaction (enum values) that stay in place.
    std::size_t committed_before() const { return committed_before_; }

private:
    std::size_t index_, total_, committed_before_;
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
Outcome apply(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
              const OnPlanned& on_planned = {}, AskServer ask = AskServer::Yes, const Waits& waits = {},
              const policy::Policy& policy = {});

// Applies a reviewed plan's statements exactly, only if the target's catalog still has the
// fingerprint the plan was made against (checked under the apply lock, in the same
// transaction). Throws Error{Refused} otherwise, having changed nothing. Verifies against
// `desired` afterwards.
// `before_transaction` are the plan's statements that commit before the main transaction
// (plan::Phase::BeforeTransaction); `statements` the main transaction's.
Outcome apply_reviewed(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                       const std::vector<plan::Statement>& before_transaction, const std::vector<plan::Statement>& statements,
                       const std::string& fingerprint, const OnPlanned& on_planned = {}, AskServer ask = AskServer::Yes,
                       const Waits& waits = {}, const policy::Policy& policy = {});

}  // namespace reconcile::apply
