#pragma once
// The one seam between reconcile and a database driver: run a query with bound parameters, run
// a statement, and bracket work in a transaction. libpqxx and sqlite3 implement it; nothing
// above this layer includes a driver header.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reconcile::db {

enum class Engine { PostgreSQL, SQLite };

using Value = std::optional<std::string>;  // text form; nullopt for SQL NULL
using Row = std::vector<Value>;

class Connection {
public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;
    virtual std::string server_version() = 0;

    // A read; parameters are bound, never spliced into the text. Counted (see query_count).
    // One statement: the engine itself refuses text holding a second one (PostgreSQL's
    // extended query protocol; SQLite's prepare with a non-empty tail), whatever our own
    // lexer made of it.
    virtual std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) = 0;
    // The same read, its rows handed to `each` one at a time instead of kept (a catalog of
    // thousands of tables has tens of thousands of column rows). The Row is reused between calls.
    virtual void query_each(const std::string& sql, const std::vector<std::string>& params, const std::function<void(const Row&)>& each) {
        for (const Row& row : query(sql, params)) each(row);
    }
    // One statement whose result is not needed, refused by the engine like query() when the
    // text holds more. Throws SqlError carrying `sql` on failure.
    virtual void execute(const std::string& sql) = 0;
    // The same with values bound to its placeholders ($1 / ?1), nullopt as NULL: how declared
    // rows are written, never spliced into the text.
    virtual void execute(const std::string& sql, const std::vector<Value>& params) = 0;

    // How long what runs next may wait for a lock another session holds before it fails with
    // SqlError (sqlstate 55P03 on PostgreSQL, naming the sessions that hold locks; SQLITE_BUSY
    // on SQLite). PostgreSQL: for the open transaction when there is one (SET LOCAL), else
    // for the session; SQLite: the busy timeout.
    virtual void set_lock_timeout(std::chrono::milliseconds timeout) = 0;
    // How long any one statement of the open transaction may run (0: no limit) before the server
    // cancels it (PostgreSQL SET LOCAL statement_timeout, sqlstate 57014). SQLite has no such
    // limit: a no-op there.
    virtual void set_statement_timeout(std::chrono::milliseconds timeout) = 0;

    // `write` takes the engine's write lock up front (SQLite BEGIN IMMEDIATE) so that
    // concurrent reconcilers serialise instead of failing half-way.
    virtual void begin(bool write) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;  // no-op when no transaction is open

    // Savepoints in the open transaction, nested: what ran since savepoint() is kept by
    // release_savepoint() or undone by rollback_to_savepoint(), and the transaction goes on
    // either way, also after a statement failed (then only rollback_to_savepoint() may follow).
    virtual void savepoint() = 0;
    virtual void release_savepoint() = 0;
    virtual void rollback_to_savepoint() = 0;

    // Reads in several sessions at once that all see one moment: the snapshot of the open
    // read-only transaction (begin(false)), for open_in_snapshot(). nullopt where the engine has
    // no such thing, in a write transaction (a snapshot does not carry the writes of the
    // transaction that shares it) or when the server will not share it: then the caller reads
    // on this connection alone, one query after another.
    virtual std::optional<std::string> share_snapshot() { return std::nullopt; }
    // A new session of the same target whose open read-only transaction reads `snapshot`, or
    // nullptr when one cannot be had (the server's connection limit, say). Safe to call from
    // any thread while this connection is used by another.
    virtual std::unique_ptr<Connection> open_in_snapshot(const std::string& snapshot) const {
        (void)snapshot;
        return nullptr;
    }

    // How many query() calls ran: catalog introspection must not grow with the schema.
    std::size_t query_count() const { return queries_; }

protected:
    std::size_t queries_ = 0;
};

}  // namespace reconcile::db
