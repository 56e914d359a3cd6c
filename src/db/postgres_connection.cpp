#include "db/postgres_connection.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <pqxx/pqxx>

#include "core/error.h"

namespace reconcile::db {
namespace {

// Server NOTICEs ("relation already exists, skipping" from IF NOT EXISTS) are expected and are
// not the person's business; libpqxx would print them to stderr.
class QuietNotices final : public pqxx::errorhandler {
public:
    explicit QuietNotices(pqxx::connection_base& c) : pqxx::errorhandler(c) {}
    bool operator()(const char*) noexcept override { return false; }
};

std::string trim_message(std::string m) {
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

// What the session's text depends on, pinned on connect so that neither a role's or a
// database's settings nor the server's defaults change how a statement is read or how the
// catalog is printed: with standard_conforming_strings off, a backslash in a plain '…' string
// escapes its closing quote; in a client encoding such as SJIS, a multi-byte character may end
// in a backslash or a quote byte; DateStyle, IntervalStyle and extra_float_digits decide how
// constants in defaults and checks are printed back. search_path is pinned only while the
// catalog is read (dialect::postgres::CatalogSearchPath), as it resolves the model's own
// unqualified names in DDL.
constexpr const char* kSessionSettings[] = {
    "SET standard_conforming_strings = on",
    "SET client_encoding = 'UTF8'",
    "SET DateStyle = 'ISO, MDY'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
};

// The sessions holding locks on this database's relations (and advisory locks), strongest lock
// and oldest transaction first, for the message of a lock timeout. Asked on a connection of its own
// (the timed-out transaction is aborted), once the wait is over: pg_blocking_pids() of the
// waiter is empty by then, so these are the candidates rather than a certainty.
constexpr const char* kLockHolders = R"SQL(
SELECT pid, application, state, seconds, query, mode, what FROM (
  SELECT a.pid, coalesce(a.application_name, '') AS application, coalesce(a.state, '') AS state,
         coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::bigint, 0) AS seconds,
         split_part(coalesce(a.query, ''), E'\n', 1) AS query, l.mode,
         CASE WHEN l.locktype = 'advisory' THEN 'an advisory lock (reconcile''s apply lock is one)'
              ELSE l.relation::pg_catalog.regclass::text END AS what,
         CASE WHEN l.locktype = 'advisory' THEN -1
              ELSE array_position(ARRAY['AccessExclusiveLock', 'ExclusiveLock', 'ShareRowExclusiveLock', 'ShareLock',
                                        'ShareUpdateExclusiveLock', 'RowExclusiveLock', 'RowShareLock']::text[], l.mode) END AS strength,
         a.xact_start
  FROM pg_catalog.pg_locks l
  JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
  WHERE l.granted AND l.locktype IN ('relation', 'advisory') AND l.pid <> pg_catalog.pg_backend_pid() AND l.pid <> $1::int
    AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
) holders
ORDER BY strength NULLS LAST, xact_start NULLS LAST, pid, what
LIMIT 5
)SQL";

// The sessions a waiting backend waits for, as the server knows them while it waits.
constexpr const char* kBlockers = R"SQL(
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''),
       coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::bigint, 0),
       split_part(coalesce(a.query, ''), E'\n', 1)
FROM pg_catalog.pg_stat_activity a
WHERE a.pid = ANY (pg_catalog.pg_blocking_pids($1::int))
ORDER BY a.xact_start NULLS LAST, a.pid
LIMIT 5
)SQL";

// Watches the statements of a connection that take long. Once a lock timeout has fired, the
// waiter waits no more and pg_blocking_pids() has nothing to say: so while a statement runs
// longer than kFirstLook, a thread of its own asks, on a connection of its own, which sessions
// block it, and keeps the last answer for the statement's error. A statement that ends sooner
// costs a mutex and a notify; the helper connection is opened only when first needed.
class BlockerWatch {
public:
    explicit BlockerWatch(std::string conninfo) : conninfo_(std::move(conninfo)) {}
    ~BlockerWatch() {
        {
            std::lock_guard<std::mutex> l(m_);
            quit_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    BlockerWatch(const BlockerWatch&) = delete;
    BlockerWatch& operator=(const BlockerWatch&) = delete;

    void started(int backend_pid) {
        {
            std::lock_guard<std::mutex> l(m_);
            pid_ = backend_pid;
            running_ = true;
            ++generation_;
            blockers_.clear();
            if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
        }
        cv_.notify_all();
    }
    void finished() {
        {
            std::lock_guard<std::mutex> l(m_);
            running_ = false;
        }
        cv_.notify_all();
    }
    // What blocked the last statement while it waited; "" if nothing was seen.
    std::string blockers() {
        std::lock_guard<std::mutex> l(m_);
        return blockers_;
    }

private:
    static constexpr std::chrono::milliseconds kFirstLook{100}, kInterval{200};

    void run() {
        std::unique_lock<std::mutex> l(m_);
        while (!quit_) {
            cv_.wait(l, [&] { return quit_ || running_; });
            const auto generation = generation_;
            auto wait = kFirstLook;
            while (!quit_) {
                if (cv_.wait_for(l, wait, [&] { return quit_ || !running_ || generation_ != generation; })) break;
                wait = kInterval;
                const int pid = pid_;
                l.unlock();
                std::string found = ask(pid);
                l.lock();
                if (generation_ == generation && !found.empty()) blockers_ = std::move(found);
            }
            if (running_ && generation_ != generation) continue;  // the next statement already runs
            cv_.wait(l, [&] { return quit_ || running_; });
        }
    }

    std::string ask(int pid) {
        try {
            if (!helper_) helper_ = std::make_unique<pqxx::connection>(conninfo_);
            pqxx::nontransaction nt(*helper_);
            pqxx::result r = nt.exec_params(kBlockers, pid);
            std::string out;
            for (const auto& row : r)
                out += "\n  pid " + std::string(row[0].c_str()) + " (" +
                       (row[1].c_str()[0] ? row[1].c_str() : std::string("no application name")) + ", " + row[2].c_str() +
                       ", transaction open " + row[3].c_str() + " s): " + row[4].c_str();
            return out;
        } catch (const std::exception&) {
            helper_.reset();  // asked again at the next look
            return {};
        }
    }

    const std::string conninfo_;
    std::unique_ptr<pqxx::connection> helper_;  // the watching thread's alone
    std::mutex m_;
    std::condition_variable cv_;
    std::thread thread_;
    int pid_ = 0;
    bool running_ = false, quit_ = false;
    unsigned long generation_ = 0;
    std::string blockers_;
};

}  // namespace

struct PostgresConnection::Impl {
    std::string conninfo;
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<pqxx::errorhandler> quiet;
    std::unique_ptr<pqxx::dbtransaction> tx;
    bool write = false;  // tx is a write transaction
    std::chrono::milliseconds lock_timeout{0};  // as last set, for sessions opened in this one's snapshot
    // Open savepoints, named by depth. They are plain statements in `tx` rather than libpqxx
    // subtransactions: those begin lazily and roll themselves back only after exec(), which
    // runs every command of a string and is never used here.
    int savepoints = 0;
    std::unique_ptr<BlockerWatch> watch;  // made with the connection; its thread only when needed

    pqxx::dbtransaction* current() { return tx.get(); }
};

// libpqxx reports a dead connection in several ways (broken_connection; "Could not obtain
// client encoding: not connected" from the next call): whatever it said, a connection that is
// no longer open is named for what it is, with what became of the open transaction.
bool PostgresConnection::lost() const { return !impl_->conn || !impl_->conn->is_open(); }

PostgresConnection::PostgresConnection(const Target& target)
    : impl_(std::make_unique<Impl>()), secrets_(target.secrets()), target_(target) {
    impl_->conninfo = target.connection_string();
    try {
        impl_->conn = std::make_unique<pqxx::connection>(impl_->conninfo);
        // libpqxx 6 would open a new session after losing one, silently: without the pinned
        // settings, the lock timeout or the apply lock. A lost connection stays lost.
        // Deprecated in 6.4 (7.0 drops reactivation altogether) but still in force here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        impl_->conn->inhibit_reactivation(true);
#pragma GCC diagnostic pop
        pqxx::nontransaction session(*impl_->conn);
        for (const char* setting : kSessionSettings) session.exec_params(setting);
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Connection,
                    "cannot connect to " + target.display() + ": " + redact(trim_message(e.what()), secrets_));
    }
    impl_->quiet = std::make_unique<QuietNotices>(*impl_->conn);
    impl_->watch = std::make_unique<BlockerWatch>(impl_->conninfo);
}

PostgresConnection::~PostgresConnection() {
    impl_->watch.reset();
    impl_->savepoints = 0;
    impl_->tx.reset();  // aborts an open transaction
    impl_->quiet.reset();
}

std::string PostgresConnection::server_version() {
    int v = impl_->conn->server_version();  // e.g. 150018
    return "PostgreSQL " + std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

Error PostgresConnection::connection_lost(const std::string& detail) const {
    return connection_lost(detail, impl_->tx && impl_->write);
}

Error PostgresConnection::connection_lost(const std::string& detail, bool write_transaction) const {
    const std::string what = redact(trim_message(detail), secrets_);
    if (write_transaction)
        return Error(ErrorKind::ConnectionLostRolledBack,
                     "the connection to the database was lost before COMMIT was sent: the server rolls the transaction back, "
                     "so nothing of it was changed (" + what + ")");
    return Error(ErrorKind::Connection, "lost the connection to the database (" + what + ")");
}

SqlError PostgresConnection::statement_failed(const std::string& sql, const pqxx::sql_error& e) const {
    SqlError failed(sql, redact(trim_message(e.what()), secrets_), e.sqlstate());
    if (!failed.lock_not_available()) return failed;
    if (std::string seen = impl_->watch->blockers(); !seen.empty())
        return SqlError(sql, std::string(failed.what()) + "\nblocked by (pg_blocking_pids, while it waited):" + redact(seen, secrets_),
                        e.sqlstate());
    return SqlError(sql, std::string(failed.what()) + "\n" + lock_holders(), e.sqlstate());
}

std::string PostgresConnection::lock_holders() const {
    try {
        pqxx::connection helper(impl_->conninfo);
        pqxx::nontransaction nt(helper);
        pqxx::result r = nt.exec_params(kLockHolders, impl_->conn->backendpid());
        if (r.empty()) return "no other session holds a lock on a relation of this database any more: it was released since";
        std::string out = "sessions holding locks on relations of this database (the likely blockers):";
        for (const auto& row : r) {
            out += "\n  pid " + std::string(row[0].c_str()) + " (" + (row[1].c_str()[0] ? row[1].c_str() : std::string("no application name")) +
                   ", " + row[2].c_str() + ", transaction open " + row[3].c_str() + " s) holds " + row[5].c_str() + " on " +
                   row[6].c_str() + ": " + row[4].c_str();
        }
        return out;
    } catch (const std::exception& e) {
        return "(the sessions holding locks could not be read: " + trim_message(e.what()) + ")";
    }
}

template <typename Run>
auto PostgresConnection::guarded(const std::string& sql, Run&& run) -> decltype(run()) {
    if (sql.find('\0') != std::string::npos)
        throw Error(ErrorKind::Internal, "a statement holds a NUL byte, which would cut it short: not sent");
    try {
        return run();
    } catch (const pqxx::sql_error& e) {
        if (lost()) throw connection_lost(e.what());
        throw statement_failed(sql, e);
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e.what());
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        if (lost()) throw connection_lost(e.what());
        throw;
    }
}

struct PostgresConnection::Result {
    pqxx::result rows;
};

PostgresConnection::Result PostgresConnection::run_query(const std::string& sql, const std::vector<std::string>& params) {
    ++queries_;
    return guarded(sql, [&] {
        // exec_params is the extended query protocol: the server refuses a text holding two
        // commands ("cannot insert multiple commands into a prepared statement").
        if (auto* tx = impl_->current()) return Result{tx->exec_params(sql, pqxx::prepare::make_dynamic_params(params))};
        pqxx::nontransaction nt(*impl_->conn);
        return Result{nt.exec_params(sql, pqxx::prepare::make_dynamic_params(params))};
    });
}

std::vector<Row> PostgresConnection::query(const std::string& sql, const std::vector<std::string>& params) {
    const pqxx::result r = run_query(sql, params).rows;
    std::vector<Row> rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
        Row out;
        out.reserve(row.size());
        for (const auto& f : row) out.push_back(f.is_null() ? Value{} : Value{f.c_str()});
        rows.push_back(std::move(out));
    }
    return rows;
}

void PostgresConnection::query_each(const std::string& sql, const std::vector<std::string>& params,
                                    const std::function<void(const Row&)>& each) {
    const pqxx::result r = run_query(sql, params).rows;
    Row out(static_cast<std::size_t>(r.columns()));
    for (const auto& row : r) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            const pqxx::field f = row[static_cast<pqxx::row::size_type>(i)];
            if (f.is_null()) out[i].reset();
            else if (out[i]) out[i]->assign(f.c_str(), f.size());
            else out[i].emplace(f.c_str(), f.size());
        }
        each(out);
    }
}

void PostgresConnection::execute(const std::string& sql) {
    // DDL that may wait for a lock: watched, so that a lock timeout names what blocked it.
    struct Watched {
        BlockerWatch& watch;
        ~Watched() { watch.finished(); }
    } watched{*impl_->watch};
    impl_->watch->started(impl_->conn->backendpid());
    guarded(sql, [&] {
        // Never exec(): the simple query protocol runs every command of a string.
        if (auto* tx = impl_->current()) {
            tx->exec_params(sql);
        } else {
            pqxx::nontransaction nt(*impl_->conn);
            nt.exec_params(sql);
        }
    });
}

void PostgresConnection::execute(const std::string& sql, const std::vector<Value>& params) {
    // A null pointer binds NULL (libpqxx's string_traits<const char*>).
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    guarded(sql, [&] {
        if (auto* tx = impl_->current()) {
            tx->exec_params(sql, pqxx::prepare::make_dynamic_params(values));
        } else {
            pqxx::nontransaction nt(*impl_->conn);
            nt.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
        }
    });
}

void PostgresConnection::set_lock_timeout(std::chrono::milliseconds timeout) {
    const std::string scope = impl_->current() ? "SET LOCAL" : "SET";
    execute(scope + " lock_timeout = '" + std::to_string(timeout.count()) + "ms'");
    impl_->lock_timeout = timeout;
}

std::optional<std::string> PostgresConnection::share_snapshot() {
    // Not under a savepoint: PostgreSQL exports no snapshot from a subtransaction. It refuses
    // little else (any isolation level, a standby too), and its refusal is shown as any
    // failed statement.
    if (!impl_->current() || impl_->write || impl_->savepoints) return std::nullopt;
    const auto rows = query("SELECT pg_catalog.pg_export_snapshot()", {});
    const std::string id = rows.empty() ? std::string() : rows[0].at(0).value_or("");
    // "00000003-0000001B-1": spliced into SET TRANSACTION SNAPSHOT, which takes no parameter.
    if (id.empty() || id.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos) return std::nullopt;
    return id;
}

std::unique_ptr<Connection> PostgresConnection::open_in_snapshot(const std::string& snapshot) const {
    if (snapshot.empty() || snapshot.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos) return nullptr;
    try {
        auto session = std::make_unique<PostgresConnection>(target_);
        session->begin(false);
        // Before the transaction's first query, as PostgreSQL requires.
        session->execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        if (impl_->lock_timeout.count() > 0) session->set_lock_timeout(impl_->lock_timeout);
        return session;
    } catch (const Error&) {
        return nullptr;  // the caller reads on the first session instead
    }
}

void PostgresConnection::set_statement_timeout(std::chrono::milliseconds timeout) {
    const std::string scope = impl_->current() ? "SET LOCAL" : "SET";
    execute(scope + " statement_timeout = '" + std::to_string(timeout.count()) + "ms'");
}

void PostgresConnection::begin(bool write) {
    impl_->savepoints = 0;
    impl_->tx.reset();
    impl_->write = false;
    try {
        if (write) {
            impl_->tx = std::make_unique<pqxx::work>(*impl_->conn);
        } else {
            // One snapshot for every catalog query of an introspection, in which nothing can be
            // written.
            impl_->tx = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*impl_->conn);
        }
        impl_->write = write;
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e.what());
    }
}

void PostgresConnection::commit() {
    impl_->savepoints = 0;  // callers close theirs first; one still open commits with the transaction
    if (!impl_->tx) return;
    auto tx = std::move(impl_->tx);
    const bool write = impl_->write;
    impl_->write = false;
    // What reconcile cannot know once COMMIT was sent and no answer came back.
    auto unknown = [&](const std::exception& e) {
        return Error(ErrorKind::CommitUnknown, "the connection to the database was lost after COMMIT was sent and before the server "
                                               "answered: it is unknown whether the transaction committed. Run `reconcile --dry-run` "
                                               "to see the database as it is (" + redact(trim_message(e.what()), secrets_) + ")");
    };
    try {
        tx->commit();
    } catch (const pqxx::in_doubt_error& e) {
        throw unknown(e);  // libpqxx: COMMIT was sent and the connection died before its answer
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e.what(), write);  // libpqxx found the connection closed and did not send COMMIT
    } catch (const pqxx::sql_error& e) {
        if (lost() && write) throw unknown(e);
        throw SqlError("COMMIT", redact(trim_message(e.what()), secrets_), e.sqlstate());
    } catch (const std::exception& e) {
        if (write) throw unknown(e);
        throw Error(ErrorKind::Connection, "commit failed: " + redact(trim_message(e.what()), secrets_));
    }
}

void PostgresConnection::rollback() {
    impl_->savepoints = 0;
    impl_->write = false;
    if (!impl_->tx) return;
    try {
        impl_->tx->abort();
    } catch (...) {
        // The server rolls back on its own when the session ends; nothing more to do.
    }
    impl_->tx.reset();
}

void PostgresConnection::savepoint() {
    if (!impl_->tx) throw Error(ErrorKind::Internal, "a savepoint needs an open transaction");
    execute("SAVEPOINT reconcile_" + std::to_string(impl_->savepoints + 1));
    ++impl_->savepoints;
}

void PostgresConnection::release_savepoint() {
    if (impl_->savepoints == 0) return;
    execute("RELEASE SAVEPOINT reconcile_" + std::to_string(impl_->savepoints));
    --impl_->savepoints;
}

void PostgresConnection::rollback_to_savepoint() {
    if (impl_->savepoints == 0) return;
    // ROLLBACK TO keeps the savepoint open: release it too, as SQLite's connection does.
    const std::string name = "reconcile_" + std::to_string(impl_->savepoints);
    execute("ROLLBACK TO SAVEPOINT " + name);
    execute("RELEASE SAVEPOINT " + name);
    --impl_->savepoints;
}

std::string PostgresConnection::quote_name(const std::string& identifier) {
    return impl_->conn->quote_name(identifier);
}

}  // namespace reconcile::db
