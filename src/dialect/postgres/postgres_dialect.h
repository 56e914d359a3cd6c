#pragma once
#include "dialect/dialect.h"

namespace reconcile::dialect {

class PostgresDialect final : public Dialect {
public:
    db::Engine engine() const override { return db::Engine::PostgreSQL; }
    std::string_view name() const override { return "PostgreSQL"; }
    model::Schema inspect(db::Connection& connection, const std::vector<std::string>& namespaces) const override;  // inspect.cpp
    std::vector<std::string> list_namespaces(db::Connection& connection) const override;  // inspect.cpp
    diff::Hooks diff_hooks() const override;
    bool allows_forward_references() const override { return false; }
    Rendered render(const diff::Change& change, const RenderContext& context = {}) const override;  // render.cpp
    TableSizes table_sizes(db::Connection& connection, const std::vector<model::TableRef>& tables) const override;  // inspect.cpp
    std::vector<OtherSession> long_transactions(db::Connection& connection, std::chrono::milliseconds older_than) const override;  // inspect.cpp
    std::string quote_identifier(std::string_view identifier) const override { return quote_double(identifier); }
    ApplyLockStatements apply_lock() const override;
    std::optional<model::Schema> expressions_as_stored(db::Connection& connection, const model::Schema& desired,
                                                       const model::Schema& actual) const override;  // stored_expressions.cpp
    bool has_expressions_to_ask(const model::Schema& desired, const model::Schema& actual) const override;
    diff::RowsFound read_rows(db::Connection& connection, const diff::RowsQuery& query) const override;  // rows.cpp
    std::vector<model::DataRow> read_table_rows(db::Connection& connection, const model::Table& table) const override;  // rows.cpp
};

namespace postgres {
// 'x', or E'x' with doubled backslashes when it has any, so the literal means the same whatever
// standard_conforming_strings says.
std::string quote_literal(std::string_view text);
// "schema"."table"
std::string qualified(const model::TableRef& table);
// pg_get_viewdef's text without the ';' it ends with and the space it may start with.
std::string view_query(std::string pg_get_viewdef_text);
// The parts of a list the server printed ("1, 'a, b'::text, f(2, 3)"), split at the commas
// outside parentheses, brackets and quotes (pg_get_expr of proargdefaults).
std::vector<std::string> split_list(const std::string& list);
// What follows WHEN in a trigger's definition (pg_get_triggerdef), inside its parentheses.
std::optional<std::string> trigger_condition(const std::string& definition);
// Catalog text (pg_get_expr, pg_get_viewdef, format_type, regclass) qualifies a name by
// whether the search path can see it, and unqualified operators in the catalog queries resolve
// through it: while this lives, the open transaction reads with a fixed path, whatever the
// role or database sets; the path the model's DDL resolves names with comes back after.
class CatalogSearchPath {
public:
    explicit CatalogSearchPath(db::Connection& connection);
    ~CatalogSearchPath();
    CatalogSearchPath(const CatalogSearchPath&) = delete;
    CatalogSearchPath& operator=(const CatalogSearchPath&) = delete;

private:
    db::Connection& connection_;
    std::string saved_;
};
// The key of the session-level advisory lock that serialises concurrent appliers.
constexpr long long kApplyLockKey = 0x7265636f6e63696cLL;  // "reconcil"
}  // namespace postgres

}  // namespace reconcile::dialect
