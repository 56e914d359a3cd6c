#include "apply/executor.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "core/duration.h"
#include "diff/differ.h"
#include "model/fingerprint.h"
#include "model/rows.h"

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

diff::DataDiff read_rows(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                         const model::Schema& actual) {
    std::vector<diff::PendingRows> pending = diff::rows_to_read(desired, actual, dialect.diff_hooks().types_equal);
    std::vector<std::size_t> queried;
    for (std::size_t i = 0; i < pending.size(); ++i)
        if (pending[i].query) queried.push_back(i);
    std::vector<diff::RowsFound> found(pending.size());
    // Two tables or more, in a read-only snapshot (a dry run): every other table is read in a
    // second session that sees the same moment, so that the server compares two tables at once
    // while this side encodes the next one's rows.
    std::unique_ptr<db::Connection> second;
    if (queried.size() >= 2)
        if (auto snapshot = connection.share_snapshot()) second = connection.open_in_snapshot(*snapshot);
    auto read_every_other = [&](db::Connection& on, std::size_t first) {
        for (std::size_t k = first; k < queried.size(); k += second ? 2 : 1) found[queried[k]] = dialect.read_rows(on, *pending[queried[k]].query);
    };
    if (!second) {
        read_every_other(connection, 0);
    } else {
        std::exception_ptr failed;
        std::thread worker([&] {
            try {
                read_every_other(*second, 1);
            } catch (...) {
                failed = std::current_exception();
            }
        });
        try {
            read_every_other(connection, 0);
        } catch (...) {
            worker.join();
            throw;
        }
        worker.join();
        if (failed) std::rethrow_exception(failed);
    }
    return diff::rows_found(std::move(pending), found);
}

namespace {

// A reviewed plan's rows are part of what it was made against: the fingerprint gains a digest
// of the data statements planned (values included), so that a row changed since, in the
// database or in the model, changes it.
void add_rows_to_fingerprint(const plan::Plan& plan, std::string* fingerprint) {
    if (!fingerprint || plan.data.empty()) return;
    std::string text;
    for (const auto& d : plan.data) {
        text += d.rows.table.display() + "\n";
        // Inserts and updates by their statements and the values updates replace; the rows to delete by key, whether the
        // policy of this run deletes or keeps them, so that the fingerprint is the target's,
        // not the run's.
        for (std::size_t i = d.rows.deletes.size(); i < d.statements.size(); ++i) text += d.statements[i].text() + "\n";
        // What an update changes from: a row edited again since the review changes it too.
        for (const auto& u : d.rows.updates)
            for (const auto& c : u.changes) text += "from " + c.column + " " + (!c.known ? std::string("?") : c.from ? "'" + *c.from + "'" : std::string("NULL")) + "\n";
        std::vector<std::string> undeclared;
        for (const auto* list : {&d.rows.deletes, &d.rows.kept})
            for (const auto& row : *list) undeclared.push_back(model::describe_key(d.rows.key, row.key));
        std::sort(undeclared.begin(), undeclared.end());
        for (const auto& key : undeclared) text += "undeclared " + key + "\n";
    }
    *fingerprint += "-" + model::digest(text);
}

}  // namespace

plan::Plan plan_changes(const dialect::Dialect& dialect, const model::Schema& desired, const std::optional<model::Schema>& stored,
                        const model::Schema& actual_as_read, const policy::Policy& policy, const SizeReader& sizes,
                        std::optional<diff::DataDiff> data) {
    const diff::Hooks hooks = dialect.diff_hooks();
    const model::Schema& model = stored ? *stored : desired;
    const std::optional<model::Schema> respelled = diff::in_model_spelling(model, actual_as_read, hooks);
    const model::Schema& actual = respelled ? *respelled : actual_as_read;
    diff::Diff diff = policy::withhold_drops(diff::compare(model, actual, hooks), policy);
    diff::remake_views_around_dropped_columns(model, actual, hooks, diff);
    plan::Options options;
    options.online = policy.online;
    if (sizes) {
        // The existing tables the plan changes, sized in one read. A table the plan renames is
        // read under the database's name and sized under the model's, which its changes carry.
        std::set<model::TableRef> existing, wanted;
        std::map<model::TableRef, model::TableRef> renamed;  // model's name → database's
        for (const auto& t : actual.tables) existing.insert(t.ref);
        for (const auto& c : diff.changes)
            if (auto* r = std::get_if<diff::RenameTable>(&c)) renamed[{r->from.schema, r->to}] = r->from;
        auto in_database = [&](const model::TableRef& t) {
            auto it = renamed.find(t);
            return it == renamed.end() ? t : it->second;
        };
        for (const auto& c : diff.changes)
            if (existing.count(in_database(diff::table_of(c)))) wanted.insert(in_database(diff::table_of(c)));
        if (!wanted.empty()) options.sizes = sizes(std::vector<model::TableRef>(wanted.begin(), wanted.end()));
        for (const auto& [model_name, database_name] : renamed)
            if (auto it = options.sizes.find(database_name); it != options.sizes.end()) options.sizes[model_name] = it->second;
    }
    plan::Plan plan = plan::make_plan(std::move(diff), dialect, actual.relation_names, options);
    if (data) plan.data = plan::plan_rows(policy::withhold_row_deletes(std::move(*data), policy), dialect);
    return plan;
}

plan::Plan plan_against(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                        std::string* fingerprint, AskServer ask, const policy::Policy& policy) {
    const model::Schema actual = read_catalog(connection, dialect, desired, fingerprint);
    diff::DataDiff data = read_rows(connection, dialect, desired, actual);
    plan::Plan plan = plan_changes(dialect, desired,
                                   ask == AskServer::Yes ? dialect.expressions_as_stored(connection, desired, actual) : std::nullopt, actual,
                                   policy, [&](const std::vector<model::TableRef>& tables) { return dialect.table_sizes(connection, tables); },
                                   std::move(data));
    add_rows_to_fingerprint(plan, fingerprint);
    return plan;
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
    diff::DataDiff data;
    {
        // The rows are read in the catalog's snapshot: what they are compared with is the
        // schema as read.
        TransactionGuard snapshot(connection, false);
        actual = read_catalog(connection, dialect, desired, fingerprint);
        data = read_rows(connection, dialect, desired, actual);
    }
    plan::Plan plan =
        plan_changes(dialect, desired, ask == AskServer::Yes ? expressions_as_stored(connection, dialect, desired, actual) : std::nullopt,
                     actual, policy, [&](const std::vector<model::TableRef>& tables) { return dialect.table_sizes(connection, tables); },
                     std::move(data));
    add_rows_to_fingerprint(plan, fingerprint);
    return plan;
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
        if (lock_.lock.empty()) {
            // The engine's write transaction is the lock (SQLite): its BEGIN waits as long as for
            // another apply; waiting as long for anything else is not expected.
            connection_.set_lock_timeout(waits_.apply_lock);
            return;
        }
        // Polled, between statements, so that no snapshot is held while waiting (see
        // dialect::ApplyLockStatements).
        const auto deadline = std::chrono::steady_clock::now() + waits_.apply_lock;
        for (;;) {
            const auto rows = connection_.query(lock_.lock);
            if (!rows.empty() && !rows[0].empty() && rows[0][0].value_or("") == "t") break;
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline)
                throw Error(ErrorKind::Refused, "another apply has held the apply lock for as long as reconcile waits for it (" +
                                                    duration_text(waits_.apply_lock) + ", --apply-lock-wait); nothing was changed.");
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(250), deadline - now));
        }
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
                 Outcome& outcome, std::size_t first, std::size_t total, std::size_t committed_before, const Events& events) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (events.statement) events.statement(first + i + 1, total, statements[i].text());
        try {
            if (!statements[i].params.empty()) {
                try {
                    connection.execute(statements[i].sql, statements[i].params);
                } catch (const SqlError& e) {
                    // Said with its values, as the plan showed it.
                    throw SqlError(statements[i].script, e.what(), e.sqlstate());
                }
            } else if (!statements[i].fails_if_rows) {
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

// Runs the statements that commit before the main transaction (enum values) and the main
// transaction's, from inside the planning transaction `tx`, which holds the apply lock: all of
// them there, or, when some must commit first (PostgreSQL cannot use an enum value in the
// transaction that added it, and the rest may), those there and the rest in a second
// transaction under the lock again. Nothing is re-planned in between, so what runs is what the
// person saw.
void execute_plan(db::Connection& connection, TransactionGuard& tx, const std::vector<plan::Statement>& before,
                  const std::vector<plan::Statement>& main, Outcome& outcome, std::size_t total, const Waits& waits,
                  const Events& events) {
    auto limit_statements = [&] {
        if (waits.statement_timeout.count() > 0) connection.set_statement_timeout(waits.statement_timeout);
    };
    limit_statements();
    execute_all(connection, tx, before.empty() ? main : before, outcome, 0, total, 0, events);
    tx.commit();
    if (before.empty() || main.empty()) return;
    try {
        TransactionGuard second(connection, true);
        connection.set_lock_timeout(waits.lock_timeout);
        limit_statements();
        execute_all(connection, second, main, outcome, before.size(), total, before.size(), events);
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

std::chrono::milliseconds backoff_for(const Waits& waits, int failures) {
    auto wait = waits.retry_backoff;
    for (int i = 1; i < failures && wait < std::chrono::minutes(1); ++i) wait *= 2;
    return std::min<std::chrono::milliseconds>(wait, std::chrono::minutes(1));
}

// The statements after the main transaction, one by one, each committed on its own (outside a
// transaction block: CREATE INDEX CONCURRENTLY cannot run in one). A short lock wait that times
// out is tried again, as the main transaction is; the first failure stops the rest, and is
// returned rather than thrown: what committed stays, and the verification says what is left.
std::optional<StatementFailed> execute_after(db::Connection& connection, const std::vector<plan::Statement>& after,
                                             Outcome& outcome, std::size_t first, std::size_t total, const Waits& waits,
                                             const Events& events) {
    std::optional<StatementFailed> failed;
    for (std::size_t i = 0; i < after.size() && !failed; ++i) {
        const plan::Statement& statement = after[i];
        if (events.statement) events.statement(first + i + 1, total, statement.sql);
        const bool long_wait = statement.lock_wait == plan::LockWait::Long;
        for (int attempt = 1;; ++attempt) {
            connection.set_lock_timeout(long_wait ? waits.apply_lock : waits.lock_timeout);
            try {
                if (statement.fails_if_rows) {
                    if (auto rows = connection.query(statement.sql); !rows.empty())
                        throw SqlError(statement.sql, std::to_string(rows.size()) + " row(s) violate it: " + rows_text(rows));
                } else {
                    connection.execute(statement.sql);
                }
                ++outcome.executed;
                break;
            } catch (const SqlError& e) {
                if (e.lock_not_available() && !long_wait && attempt <= waits.retries) {
                    const auto backoff = backoff_for(waits, attempt);
                    if (events.retrying) events.retrying({attempt, waits.retries + 1, statement.sql, e.what(), backoff});
                    ++outcome.retries;
                    std::this_thread::sleep_for(backoff);
                    continue;
                }
                failed.emplace(e, first + i + 1, total, 0, true);
                break;
            }
        }
    }
    connection.set_lock_timeout(waits.lock_timeout);
    return failed;
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

namespace {

// What one attempt runs: the statements of the plan made (or read) in its transaction, by phase.
struct Batches {
    std::vector<plan::Statement> before, main, after;
    std::size_t total() const { return before.size() + main.size() + after.size(); }
};

Batches batches_of(const std::vector<plan::Statement>& statements) {
    Batches b;
    for (const auto& s : statements)
        (s.runs == plan::Phase::BeforeTransaction ? b.before : s.runs == plan::Phase::InTransaction ? b.main : b.after).push_back(s);
    return b;
}

// What runs in the main transaction and after it, as text: a retry runs only if its plan says
// the same (the enum values a failed attempt committed are no longer in it).
std::vector<std::string> from_main_on(const Batches& b) {
    std::vector<std::string> out;
    for (const auto* list : {&b.main, &b.after})
        for (const auto& s : *list) out.push_back(std::string(plan::to_string(s.runs)) + ":" + s.text());
    return out;
}

// Preflight: other clients' long transactions, reported; with Waits::wait_for_idle, waited for
// (polled once a second, outside any transaction) up to that long. Returns whether it waited.
bool preflight(db::Connection& connection, const dialect::Dialect& dialect, const Waits& waits, const Events& events) {
    auto found = dialect.long_transactions(connection, waits.long_transaction);
    if (found.empty()) return false;
    if (waits.wait_for_idle.count() <= 0) {
        if (events.long_transactions) events.long_transactions(found, false);
        return false;
    }
    connection.rollback();
    const auto deadline = std::chrono::steady_clock::now() + waits.wait_for_idle;
    while (!found.empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::seconds(1),
                                                                                  deadline - std::chrono::steady_clock::now()));
        found = dialect.long_transactions(connection, waits.long_transaction);
    }
    if (events.long_transactions) events.long_transactions(found, true);
    return true;
}

// One apply: under the apply lock, attempts of [plan, run the statements before and in the main
// transaction] until one commits, a lock timeout having rolled back the ones before it (in the
// plan's statements, or in planning itself, which reads the sizes of the tables it changes);
// then the statements after the main transaction; then the verifying read. `prepare` plans in
// the attempt's transaction (the first plan made is shown; later ones are checked to be the
// same) and returns what to run, or nullopt to cancel. `committed`: statements of the plan an
// earlier attempt committed (enum values).
using Prepare = std::function<std::optional<Batches>(std::size_t committed)>;

Outcome run_attempts(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired, const Prepare& prepare,
                     AskServer ask, const Waits& waits, const policy::Policy& policy, const Events& events) {
    Outcome outcome;
    {
        ApplyLock lock(connection, dialect, waits);
        Batches run;
        int failures = 0;
        bool preflown = false;
        // Rolled back after a lock timeout: wait, then try again, while tries are left.
        auto try_again = [&](const SqlError& e) {
            if (!e.lock_not_available() || failures >= waits.retries) return false;
            ++failures;
            const auto backoff = backoff_for(waits, failures);
            if (events.retrying) events.retrying({failures, waits.retries + 1, e.statement(), e.what(), backoff});
            ++outcome.retries;
            std::this_thread::sleep_for(backoff);
            return true;
        };
        for (;;) {
            TransactionGuard tx(connection, true);
            lock.transaction_open();
            std::optional<Batches> prepared;
            try {
                prepared = prepare(outcome.executed);
            } catch (const SqlError& e) {
                tx.rollback();
                if (try_again(e)) continue;
                throw;
            }
            if (!prepared) {
                outcome.cancelled = true;
                return outcome;  // the guard rolls back
            }
            run = std::move(*prepared);
            if (!preflown && run.total() > 0) {
                preflown = true;
                // Waited: the planning transaction was rolled back; plan again before running.
                if (preflight(connection, dialect, waits, events)) continue;
            }
            try {
                execute_plan(connection, tx, run.before, run.main, outcome, run.total(), waits, events);
                break;
            } catch (const StatementFailed& f) {
                outcome.executed = f.committed_before();
                if (!try_again(f)) throw;
            }
        }
        if (!run.after.empty()) {
            if (events.after_transaction) events.after_transaction(run.after.size());
            outcome.failed_after =
                execute_after(connection, run.after, outcome, run.before.size() + run.main.size(), run.total(), waits, events);
        }
    }
    if (events.stage) events.stage("verifying");
    outcome.after = verify(connection, dialect, desired, ask, policy);
    return outcome;
}

}  // namespace

Outcome apply(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
              const OnPlanned& on_planned, AskServer ask, const Waits& waits, const policy::Policy& policy, const Events& events) {
    std::optional<std::vector<std::string>> shown;
    // The plan lives in the attempt only: it is released before the verifying read, which
    // would otherwise hold two full catalogs and two plans at once.
    auto prepare = [&](std::size_t) -> std::optional<Batches> {
        if (events.stage) events.stage("reading the catalog");
        const plan::Plan plan = plan_against(connection, dialect, desired, nullptr, ask, policy);
        Batches b = batches_of(plan.statements());
        if (!shown) {
            if (on_planned && !on_planned(plan)) return std::nullopt;
            shown = from_main_on(b);
        } else if (from_main_on(b) != *shown) {
            throw Error(ErrorKind::Refused, "while reconcile waited to try again, the database changed: the plan is no longer the one "
                                            "shown, so none of it was run. Run reconcile again to see the new plan.");
        }
        enforce(policy::refusals(plan, policy));
        return b;
    };
    return run_attempts(connection, dialect, desired, prepare, ask, waits, policy, events);
}

Outcome apply_reviewed(db::Connection& connection, const dialect::Dialect& dialect, const model::Schema& desired,
                       const std::vector<plan::Statement>& statements, const std::string& fingerprint, const OnPlanned& on_planned,
                       AskServer ask, const Waits& waits, const policy::Policy& policy, const Events& events) {
    bool shown = false;
    auto prepare = [&](std::size_t committed) -> std::optional<Batches> {
        if (committed > 0)  // the enum values committed changed the catalog the fingerprint is of
            throw Error(ErrorKind::Refused, "a lock timeout rolled back the reviewed plan's main transaction after its " +
                                                std::to_string(committed) +
                                                " enum value(s) had committed: the target no longer has the plan's fingerprint, "
                                                "so it is not tried again. Make a new plan and review it.");
        std::string now;
        if (events.stage) events.stage("reading the catalog");
        const plan::Plan plan = plan_against(connection, dialect, desired, &now, ask, policy);
        if (now != fingerprint)
            throw Error(ErrorKind::Refused, "the target changed since the plan was made (catalog fingerprint " + fingerprint +
                                                " in the plan, " + now + " now); nothing was changed. Make a new plan and review it.");
        if (!shown && on_planned && !on_planned(plan)) return std::nullopt;
        shown = true;
        // What runs is the file's statements: their own hazards are what the policy must allow
        // (a plan made with --allow-drop is refused by a run without it).
        enforce(policy::refusals(plan, policy));
        enforce(policy::refusals(statements, policy));
        return batches_of(statements);
    };
    return run_attempts(connection, dialect, desired, prepare, ask, waits, policy, events);
}

}  // namespace reconcile::apply
