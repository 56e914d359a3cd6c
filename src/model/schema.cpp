#include "model/schema.h"

#include <algorithm>
#include <cctype>

namespace reconcile::model {

std::string TableRef::display() const { return schema + "." + name; }

const Column* Table::find_column(const std::string& column_name) const {
    for (const auto& c : columns)
        if (c.name == column_name) return &c;
    return nullptr;
}

const Table* Schema::find_table(const TableRef& r) const {
    for (const auto& t : tables)
        if (t.ref == r) return &t;
    return nullptr;
}

bool Schema::is_ignored(const TableRef& r) const {
    // An entry matches a bare table name in any schema, or "schema.table" exactly.
    for (const auto& entry : ignore_tables)
        if (entry == r.name || entry == r.display()) return true;
    return false;
}

std::vector<std::string> Schema::namespaces() const {
    std::vector<std::string> out{"public"};
    for (const auto& t : tables)
        if (std::find(out.begin(), out.end(), t.ref.schema) == out.end())
            out.push_back(t.ref.schema);
    return out;
}

const char* to_sql(FkAction a) {
    switch (a) {
        case FkAction::NoAction: return "NO ACTION";
        case FkAction::Restrict: return "RESTRICT";
        case FkAction::Cascade: return "CASCADE";
        case FkAction::SetNull: return "SET NULL";
        case FkAction::SetDefault: return "SET DEFAULT";
    }
    return "NO ACTION";
}

std::optional<FkAction> parse_fk_action(const std::string& text) {
    std::string t;
    bool space = false;
    for (char ch : text) {  // lower-case and collapse runs of blanks/underscores to one space
        if (std::isspace(static_cast<unsigned char>(ch)) || ch == '_') {
            space = !t.empty();
            continue;
        }
        if (space) t += ' ', space = false;
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (t == "no action") return FkAction::NoAction;
    if (t == "restrict") return FkAction::Restrict;
    if (t == "cascade") return FkAction::Cascade;
    if (t == "set null") return FkAction::SetNull;
    if (t == "set default") return FkAction::SetDefault;
    return std::nullopt;
}

}  // namespace reconcile::model
