#pragma once
#include <map>
#include "dialect/dialect.h"

namespace reconcile::dialect {

class SqliteDialect final : public Dialect {
public:
    db::Engine engine() const override { return db::Engine::SQLite; }
    std::string_view name() const override { return "SQLite"; }
    model::Schema inspect(db::Connection& connection, const std::vector<std::string>& namespaces) const override;  // inspect.cpp
    std::vector<std::string> list_namespaces(db::Connection&) const override { return {"public"}; }
    diff::Hooks diff_hooks() const override;
    bool allows_forward_references() const override { return true; }
    bool rebuilds_tables() const override { return true; }
    Rendered render(const diff::Change& change, const RenderContext& context = {}) const override;  // render.cpp
    TableSizes table_sizes(db::Connection& connection, const std::vector<model::TableRef>& tables) const override;  // inspect.cpp
    std::string quote_identifier(std::string_view identifier) const override { return quote_double(identifier); }
    ApplyLockStatements apply_lock() const override { return {}; }
    diff::RowsFound read_rows(db::Connection& connection, const diff::RowsQuery& query) const override;  // rows.cpp
    std::vector<model::DataRow> read_table_rows(db::Connection& connection, const model::Table& table) const override;  // rows.cpp
};

namespace sqlite {
// The type name written into SQLite DDL for a canonical type: serials become INTEGER (the
// only spelling that makes an INTEGER PRIMARY KEY a rowid alias, i.e. auto-assigned).
std::string declared_type(const std::string& canonical_type);
// The type written into SQLite DDL for a column: as the model or the catalog declares it.
std::string declared_type(const model::Column& column);
// Whether the table's primary key is its row id (one column declared INTEGER).
bool is_rowid_alias(const model::Table& table);
// SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1).
enum class Affinity { Integer, Text, Blob, Real, Numeric };
Affinity affinity(const std::string& declared_type);

// What a CREATE TABLE statement says that the pragmas do not: check constraints, and the
// names of named constraints.
struct CreateTableFacts {
    struct NamedCheck { std::string name; std::string expression; };
    std::vector<NamedCheck> checks;
    std::string primary_key_name;
    std::vector<std::pair<std::vector<std::string>, std::string>> foreign_key_names;  // columns → name
    std::vector<std::pair<std::vector<std::string>, std::string>> unique_names;       // columns → name
    // What no pragma reports about a column, by column name as declared.
    struct ColumnFacts {
        std::string collation;
        std::string declared_type;  // the type's words as written, "" when none
        bool autoincrement = false;
        std::string generated;  // the expression of GENERATED ALWAYS AS (...), "" when not generated
        bool generated_virtual = false;
    };
    std::map<std::string, ColumnFacts> columns;
    bool without_rowid = false, strict = false;
    // ON CONFLICT clauses (of a key, a UNIQUE, a NOT NULL or a CHECK): "ON CONFLICT REPLACE", …
    // as written, once each; the model has no key for them (reported as not managed).
    std::vector<std::string> on_conflict;
};
CreateTableFacts read_create_table(const std::string& create_table_sql);

// A trigger as sqlite_schema keeps it (the CREATE TRIGGER text as written): timing (BEFORE
// when none is written, as SQLite reads it), event, UPDATE OF columns, WHEN and the statements
// between BEGIN and END. Text it cannot read gives a trigger with `unsupported` set.
model::Trigger read_create_trigger(const std::string& name, const std::string& create_trigger_sql);
}  // namespace sqlite

}  // namespace reconcile::dialect
