#include "apply/executor.h"

#include <algorithm>

#include "diff/differ.h"
#include "model/fingerprint.h"

namespace reconcile::apply {
namespace {

// Rolls back unless committed, whatever leaves the scope (an SqlError, a bad_alloc, ...).
class TransactionGuard {
public:
    TransactionGuard(db::Connection& c, bool write) : c_(c) { c_.begin(write); }
    ~TransactionGuard() {
        if (open_) c_.rollback();
    }
    void commit() {
        c_.commit();
        open_ = false;
    }
    void rollback() {
        c_.rollback();
        open_ = false;
    }

private:
    db::Connection& c_;
    bool open_ = true;
};

}  // namespace

namespace {

// The catalog the plan is made against: the model's schemas; with `fingerprint`, every user
// schema is read once for it, and the model's kept.
model::Schema read_catalog(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                           std::string* fingerprint) {
    if (!fingerprint) return dialect.inspect(connection, desired.namespaces());
    // The fingerprint covers every user schema; the plan only the model's. One read serves
    // both: the model's schemas are a subset of it.
    model::Schema actual = dialect.inspect(connection, dialect.list_namespaces(connection));
    *fingerprint = model::fingerprint(actual);
    const auto wanted = desired.namespaces();
    auto outside = [&](const model::TableRef& r) {
        return std::find(wanted.begin(), wanted.end(), r.schema) == wanted.end();
    };
    actual.tables.erase(std::remove_if(actual.tables.begin(), actual.tables.end(),
                                       [&](const model::Table& t) { return outside(t.ref); }),
                        actual.tables.end());
    actual.relation_names.erase(std::remove_if(actual.relation_names.begin(), actual.relation_names.end(), outside),
                                actual.relation_names.end());
    auto drop_outside = [&](auto& objects, auto ref_of) {
        objects.erase(std::remove_if(objects.begin(), objects.end(), [&](const auto& o) { return outside(ref_of(o)); }),
                      objects.end());
    };
    drop_outside(actual.enums, [](const model::EnumType& e) { return e.ref; });
    drop_outside(actual.sequences, [](const model::Sequence& s) { return s.ref; });
    drop_outside(actual.domains, [](const model::Domain& d) { return d.ref; });
    drop_outside(actual.views, [](const model::View& v) { return v.ref; });
    return actual;
}

}  // namespace

plan::Plan plan_changes(const dialect::Dialect& dialect, const model::Schema& desired, const std::optional<model::Schema>& stored,
                        const model::Schema& actual, const policy::Policy& policy) {
    return plan::make_plan(policy::withhold_drops(diff::compare(stored ? *stored : desired, actual, dialect.diff_hooks()), policy),
                           dialect, actual.relation_names);
}

plan::Plan plan_against(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                        std::string* fingerprint, AskServer ask, const policy::Policy& policy) {
    const model::Schema actual = read_catalog(connection, dialect, desired, fingerprint);
    return plan_changes(dialect, desired,
                        ask == AskServer::Yes ? dialect.expressions_as_stored(connection, desired, actual) : std::nullopt, actual, policy);
}

model::Schema inspect_all(db::Connection& connection, const dialect::Dialect& dialect) {
    TransactionGuard tx(connection, false);
    model::Schema s = dialect.inspect(connection, dialect.list_namespaces(connection));
    tx.rollback();
    s.ignore_tables = model::Schema{}.ignore_tables;  // a database as a model ignores what TOML ignores by default
    return s;
}

plan::Plan dry_run(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                   std::string* fingerprint, AskServer ask, const policy::Policy& policy) {
    model::Schema actual;
    {
        TransactionGuard snapshot(connection, false);
        actual = read_catalog(connection, dialect, desired, fingerprint);
    }
    return plan_changes(dialect, desired, ask == AskServer::Yes ? expressions_as_stored(connection, dialect, desired, actual) : std::nullopt,
                        actual, policy);
}

std::optional<model::Schema> expressions_as_stored(db::Connection& connection, const dialect::Dialect& dialect,
                                                   const model::Schema& desired, const model::Schema& actual) {
    // Asking the server how it stores the model's expressions makes temporary objects, which a
    // read-only snapshot refuses: a transaction of its own, always rolled back.
    if (!dialect.has_expressions_to_ask(desired, actual)) return std::nullopt;
    TransactionGuard scratch(connection, true);
    return dialect.expressions_as_stored(connection, desired, actual);
}

namespace {

// The apply lock, for the whole apply: taken before the catalog is read (a second reconciler
// started at the same time waits here, then plans against what the first one committed) and
// held across both transactions of a plan that commits enum values first, so that no other
// apply runs between them. Released when the scope ends, or by the server with the session.
class ApplyLock {
public:
    ApplyLock(db::Connection& connection, const dialect::Dialect& dialect, const Waits& waits)
        : connection_(connection), lock_(dialect.apply_lock()), waits_(waits) {
        // Waiting for another apply is expected; waiting as long for anything else is not.
        connection_.set_lock_timeout(waits_.apply_lock);
        if (lock_.lock.empty()) return;  // the engine's write transaction is the lock (SQLite)
        try {
            connection_.query(lock_.lock);
        } catch (const SqlError& e) {
            connection_.set_lock_timeout(waits_.lock_timeout);
            if (!e.lock_not_available()) throw;
            throw Error(ErrorKind::Refused, "another apply has held the apply lock for as long as reconcile waits for it (" +
                                                std::to_string(waits_.apply_lock.count() / 60000) +
                                                " minutes); nothing was changed.\nthe database said: " + e.what());
        }
        connection_.set_lock_timeout(waits_.lock_timeout);
    }
    // SQLite's lock is its write transaction: once it is open, later waits are the short ones.
    void transaction_open() { connection_.set_lock_timeout(waits_.lock_timeout); }
    ~ApplyLock() {
        if (lock_.unlock.empty()) return;
        try {
            connection_.query(lock_.unlock);
        } catch (...) {
            // The connection is gone: the server released the lock with the session.
        }
    }
    ApplyLock(const ApplyLock&) = delete;
    ApplyLock& operator=(const ApplyLock&) = delete;

private:
    db::Connection& connection_;
    dialect::ApplyLockStatements lock_;
    Waits waits_;
};

// Runs `statements` in the open transaction; on failure rolls back and throws StatementFailed
// numbered among all `total` statements of the plan, `first` being this batch's first index.
// A check's rows, as the failure says them: "(orders, 3, customers, 0); (…)".
std::string rows_text(const std::vector<db::Row>& rows) {
    std::string out;
    for (std::size_t r = 0; r < rows.size() && r < 10; ++r) {
        out += r ? "; (" : "(";
        for (std::size_t c = 0; c < rows[r].size(); ++c) out += (c ? ", " : "") + rows[r][c].value_or("NULL");
        out += ")";
    }
    if (rows.size() > 10) out += "; and " + std::to_string(rows.size() - 10) + " more";
    return out;
}

void execute_all(db::Connection& connection, TransactionGuard& tx, const std::vector<plan::Statement>& statements,
                 Outcome& outcome, std::size_t first, std::size_t total, std::size_t committed_before) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
        try {
            if (!statements[i].fails_if_rows) {
                connection.execute(statements[i].sql);
            } else if (auto rows = connection.query(statements[i].sql); !rows.empty()) {
                throw SqlError(statements[i].sql, std::to_string(rows.size()) + " row(s) violate it: " + rows_text(rows));
            }
        } catch (const SqlError& e) {
            tx.rollback();
            throw StatementFailed(e, first + i + 1, total, committed_before);
        }
        ++outcome.executed;
    }
}

// Runs a plan's statements from inside the planning transaction `tx`, which holds the apply
// lock: all of them there, or, when some must commit first (enum values: PostgreSQL cannot
// use a value in the transaction that added it, and the rest may), those there and the rest
// in a second transaction under the lock again. Nothing is re-planned in between, so what
// runs is what the person saw.
void execute_plan(db::Connection& connection, TransactionGuard& tx, const std::vector<plan::Statement>& before,
                  const std::vector<plan::Statement>& main, Outcome& outcome) {
    const std::size_t total = before.size() + main.size();
    execute_all(connection, tx, before.empty() ? main : before, outcome, 0, total, 0);
    tx.commit();
    if (before.empty() || main.empty()) return;
    try {
        TransactionGuard second(connection, true);
        execute_all(connection, second, main, outcome, before.size(), total, before.size());
        second.commit();
    } catch (const StatementFailed&) {
        throw;  // says what was committed before
    } catch (const Error& e) {
        // Not a statement of the plan (the commit, the connection): still say that the enum
        // values committed before stay.
        throw Error(e.kind(), std::string(e.what()) + " (the " + std::to_string(before.size()) +
                                  " enum value(s) committed before the main transaction stay)");
    }
}

// The read after commit. Its failure does not undo the commit: say so.
plan::Plan verify(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired, AskServer ask,
                  const policy::Policy& policy) {
    try {
        return dry_run(connection, dialect, desired, nullptr, ask, policy);
    } catch (const SqlError& e) {
        throw Error(ErrorKind::VerifyUnavailable, std::string("the changes were committed, but the verification failed: ") + e.what() +
                                                      "\nwhile running:\n" + e.statement() +
                                                      "\nRun `reconcile --dry-run` to check the database against the model.");
    } catch (const Error& e) {
        // Its scratch transaction for the server comparison is a write transaction: a connection
        // lost there says "rolled back", which is true of the scratch work alone.
        if (e.kind() != ErrorKind::Connection && e.kind() != ErrorKind::ConnectionLostRolledBack) throw;
        throw Error(ErrorKind::VerifyUnavailable,
                    std::string("the changes were committed, but the verification could not run: ") + e.what() +
                        ". Run `reconcile --dry-run` to check the database against the model.");
    }
}

// Refuses, before anything runs, a plan holding a statement the policy does not allow.
void enforce(const std::vector<policy::Refusal>& refused) {
    if (refused.empty()) return;
    std::string message = "the plan has " + std::to_string(refused.size()) + " statement(s) this run is not allowed to make; nothing was changed:";
    for (const auto& r : refused)
        message += "\n  " + r.object + ", " + r.sql + ": " + plan::to_string(r.hazard.kind) + " (" + r.hazard.reason + "); allowed by " +
                   r.allowed_by;
    throw Error(ErrorKind::Refused, message);
}

}  // namespace

Outcome apply(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
              const OnPlanned& on_planned, AskServer ask, const Waits& waits, const policy::Policy& policy) {
    Outcome outcome;
    {
        // The plan lives in this scope only: it is released before the verifying read, which
        // would otherwise hold two full catalogs and two plans at once.
        ApplyLock lock(connection, dialect, waits);
        TransactionGuard tx(connection, true);
        lock.transaction_open();
        const plan::Plan plan = plan_against(connection, dialect, desired, nullptr, ask, policy);
        if (on_planned && !on_planned(plan)) {
            outcome.cancelled = true;
            return outcome;  // the guard rolls back
        }
        enforce(policy::refusals(plan, policy));
        execute_plan(connection, tx, plan.statements(plan::Phase::BeforeTransaction), plan.statements(plan::Phase::InTransaction),
                     outcome);
    }
    outcome.after = verify(connection, dialect, desired, ask, policy);
    return outcome;
}

Outcome apply_reviewed(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                       const std::vector<plan::Statement>& before_transaction, const std::vector<plan::Statement>& statements,
                       const std::string& fingerprint, const OnPlanned& on_planned, AskServer ask, const Waits& waits,
                       const policy::Policy& policy) {
    Outcome outcome;
    {
        ApplyLock lock(connection, dialect, waits);
        TransactionGuard tx(connection, true);
        lock.transaction_open();
        std::string now;
        const plan::Plan plan = plan_against(connection, dialect, desired, &now, ask, policy);
        if (now != fingerprint)
            throw Error(ErrorKind::Refused, "the target changed since the plan was made (catalog fingerprint " + fingerprint +
                                                " in the plan, " + now + " now); nothing was changed. Make a new plan and review it.");
        if (on_planned && !on_planned(plan)) {
            outcome.cancelled = true;
            return outcome;
        }
        // What runs is the file's statements: their own hazards are what the policy must allow
        // (a plan made with --allow-drop is refused by a run without it).
        enforce(policy::refusals(plan, policy));
        enforce(policy::refusals(before_transaction, policy));
        enforce(policy::refusals(statements, policy));
        execute_plan(connection, tx, before_transaction, statements, outcome);
    }
    outcome.after = verify(connection, dialect, desired, ask, policy);
    return outcome;
}

}  // namespace reconcile::apply
