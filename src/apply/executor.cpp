#include "apply/executor.h"

#include "diff/differ.h"

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

plan::Plan plan_against(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired) {
    model::Schema actual = dialect.inspect(connection, desired.namespaces());
    return plan::make_plan(diff::compare(desired, actual, dialect.diff_hooks()), dialect);
}

model::Schema inspect_all(db::Connection& connection, const dialect::Dialect& dialect) {
    TransactionGuard tx(connection, false);
    model::Schema s = dialect.inspect(connection, dialect.list_namespaces(connection));
    tx.rollback();
    s.ignore_tables = model::Schema{}.ignore_tables;  // a database as a model ignores what TOML ignores by default
    return s;
}

plan::Plan dry_run(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired) {
    TransactionGuard tx(connection, false);
    plan::Plan p = plan_against(connection, dialect, desired);
    tx.rollback();
    return p;
}

Outcome apply(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
              const std::function<void(const plan::Plan&)>& on_planned) {
    Outcome outcome;
    {
        TransactionGuard tx(connection, true);
        // Take the lock before reading the catalog: a second reconciler started at the same
        // time waits here, then plans against what the first one committed.
        if (auto lock = dialect.apply_lock_statement(); !lock.empty()) connection.query(lock);
        outcome.plan = plan_against(connection, dialect, desired);
        if (on_planned) on_planned(outcome.plan);
        const auto statements = outcome.plan.statements();
        for (std::size_t i = 0; i < statements.size(); ++i) {
            try {
                connection.execute(statements[i]);
            } catch (const SqlError& e) {
                tx.rollback();
                throw StatementFailed(e, i + 1, statements.size());
            }
            ++outcome.executed;
        }
        tx.commit();
    }
    outcome.after = dry_run(connection, dialect, desired);
    return outcome;
}

}  // namespace reconcile::apply
