#pragma once
// What differs between engines, behind one interface: reading the catalog into the model,
// the few diff decisions an engine makes, and writing SQL for typed changes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "diff/change.h"
#include "model/schema.h"
#include "plan/statement.h"

namespace reconcile::dialect {

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

struct ApplyLockStatements {
    std::string lock, unlock;  // queries, run outside any transaction
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
    virtual Rendered render(const diff::Change& change) const = 0;
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
