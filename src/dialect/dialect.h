#pragma once
// What differs between engines, behind one interface: reading the catalog into the model,
// the few diff decisions an engine makes, and writing SQL for typed changes.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "diff/change.h"
#include "diff/data.h"
#include "model/schema.h"
#include "plan/statement.h"

namespace reconcile::dialect {

// What the catalog knows of an existing table's size, read when a plan changes the table: it
// decides whether a change keeps its long locks out of the main transaction, and it sizes the
// hazards ("rewrites public.events (≈48 M rows, 31 GB)").
struct TableSize {
    double rows = -1;          // the planner's estimate (pg_class.reltuples); < 0: never estimated
    long long bytes = -1;      // the table with its indexes and TOAST; < 0: unknown
    bool has_rows = true;      // false only when the table is known to be empty
    bool plain = true;         // neither partitioned nor a partition: CREATE INDEX CONCURRENTLY works on it
};
using TableSizes = std::map<model::TableRef, TableSize>;

// What a renderer may know beyond the change itself.
struct RenderContext {
    const TableSizes* sizes = nullptr;  // the changed tables that exist; none offline
    bool online = true;                 // false: --no-concurrently, everything in the main transaction

    // Unknown (offline, or SQLite) counts as a table with rows: the safe assumption for a
    // production database.
    TableSize size_of(const model::TableRef& table) const {
        if (!sizes) return {};
        auto it = sizes->find(table);
        return it == sizes->end() ? TableSize{} : it->second;
    }
    // Whether the scans and builds of a change on this existing table run after the main
    // transaction: online, and the table has rows (on an empty one they take no time, and the
    // main transaction keeps them atomic with the rest).
    bool after_transaction(const model::TableRef& table) const { return online && size_of(table).has_rows; }
};

// SQL for one change, each statement with its hazards and where it runs; or the reason this
// engine cannot make the change in place (a typed refusal, said to the person instead).
struct Rendered {
    Rendered(std::vector<plan::Statement> list = {}) : statements(std::move(list)) {}
    static Rendered refusal(std::string why) {
        Rendered r;
        r.unsupported = std::move(why);
        return r;
    }

    // Not in place, but by making the table again (a RebuildTable of the whole table).
    static Rendered rebuild(std::string why) {
        Rendered r = refusal(std::move(why));
        r.needs_rebuild = true;
        return r;
    }

    std::vector<plan::Statement> statements;
    std::string unsupported;  // non-empty: no statements
    bool needs_rebuild = false;
};

// Another client's session, as a preflight reports it.
struct OtherSession {
    std::string pid, application, state;
    long long seconds = 0;  // how long its transaction has been open
    std::string query;      // the first line of its last statement
};

struct ApplyLockStatements {
    // Queries, run outside any transaction. `lock` tries once and returns true when it took the
    // lock: the executor polls it rather than waiting in one statement, because a session
    // waiting in a statement holds a snapshot, and the concurrent index build of the apply that
    // holds the lock would wait for that snapshot while the session waits for the lock (the
    // server then aborts the build as a deadlock).
    std::string lock, unlock;
};

class Dialect {
public:
    virtual ~Dialect() = default;
    virtual db::Engine engine() const = 0;
    virtual std::string_view name() const = 0;  // "PostgreSQL", "SQLite"

    // Reads the catalog of the given PostgreSQL schemas (SQLite has one namespace and ignores
    // the list) with a fixed number of queries, whatever the number of tables.
    virtual model::Schema inspect(db::Connection& connection, const std::vector<std::string>& namespaces) const = 0;

    // Every user schema of the database (PostgreSQL); SQLite has the one, "public".
    virtual std::vector<std::string> list_namespaces(db::Connection& connection) const = 0;

    virtual diff::Hooks diff_hooks() const = 0;
    // SQLite accepts a REFERENCES to a table that does not exist yet; PostgreSQL does not,
    // so its foreign-key cycles are broken with ALTER TABLE after the tables exist.
    virtual bool allows_forward_references() const = 0;
    virtual Rendered render(const diff::Change& change, const RenderContext& context = {}) const = 0;
    // Whether a change this engine cannot make in place may be made by rebuilding its table
    // (Rendered::needs_rebuild): SQLite.
    virtual bool rebuilds_tables() const { return false; }

    // The one identifier quoting function of the dialect: wraps in double quotes, doubles
    // embedded ones.
    virtual std::string quote_identifier(std::string_view identifier) const = 0;

    // Serialises concurrent appliers for a whole apply, across its transactions (PostgreSQL:
    // a session-level advisory lock, which the server also releases when the session ends);
    // empty when the engine's own write lock already does (SQLite BEGIN IMMEDIATE).
    virtual ApplyLockStatements apply_lock() const = 0;

    // `desired` with the canonical forms of its expressions (defaults, checks, index expressions
    // and predicates, domains, views) as this
    // server would store them, where their text differs from `actual`'s; nullopt when nothing
    // differs or the server cannot be asked. Needs an open transaction that may create
    // temporary objects, and leaves none behind. SQLite keeps expressions as written: nothing
    // to ask.
    virtual std::optional<model::Schema> expressions_as_stored(db::Connection& connection, const model::Schema& desired,
                                                               const model::Schema& actual) const {
        (void)connection, (void)desired, (void)actual;
        return std::nullopt;
    }
    // The sizes of these existing tables, in one query (PostgreSQL: the catalog's estimates;
    // SQLite: whether each holds a row, which is all it knows without counting).
    virtual TableSizes table_sizes(db::Connection& connection, const std::vector<model::TableRef>& tables) const = 0;

    // Other clients' transactions open longer than `older_than` (PostgreSQL): DDL queued behind
    // one of them blocks the table's readers and writers, and a concurrent index build waits for
    // them to end. Sessions waiting for the apply lock are not counted. SQLite: none.
    virtual std::vector<OtherSession> long_transactions(db::Connection& connection, std::chrono::milliseconds older_than) const {
        (void)connection, (void)older_than;
        return {};
    }

    // Reference data: the declared rows of one table against the database's (diff/data.h), the
    // rows sent as one bound parameter and compared by the server with its types' own equality,
    // in one query (two with RowsQuery::find_undeclared) whatever the number of rows.
    virtual diff::RowsFound read_rows(db::Connection& connection, const diff::RowsQuery& query) const = 0;
    // Every row of an existing table, sorted by its primary key, each value in the form the
    // model declares it (model::exported_kind): what `export --data` writes.
    virtual std::vector<model::DataRow> read_table_rows(db::Connection& connection, const model::Table& table) const = 0;
    // The statements that bring one table's rows to the model, every value a bound parameter
    // (and spelled as a literal in Statement::script, for people and SQL scripts): deletes,
    // then inserts (INSERT … ON CONFLICT, so that a script run again changes nothing), then
    // updates. Shared by both engines (dialect/render_rows.cpp).
    std::vector<plan::Statement> render_rows(const diff::TableRows& rows) const;
    // A row value as a literal of this engine, for Statement::script.
    std::string literal(const model::RowValue& value) const;
    // A row value as it is bound (SQLite keeps booleans as 1 and 0).
    db::Value bound(const model::RowValue& value) const;

    // Whether expressions_as_stored has anything to ask (no database needed to know).
    virtual bool has_expressions_to_ask(const model::Schema& desired, const model::Schema& actual) const {
        (void)desired, (void)actual;
        return false;
    }
};

const Dialect& dialect_for(db::Engine engine);

// Shared by both dialects: "x" with embedded quotes doubled; 'x' likewise.
std::string quote_double(std::string_view identifier);
std::string quote_single(std::string_view literal);

}  // namespace reconcile::dialect
