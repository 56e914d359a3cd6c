// PostgreSQL catalog → model::Schema, normalised as the loader normalises TOML.
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "dialect/postgres/postgres_dialect.h"
#include "dialect/postgres/queries.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace {

// A text[] literal for $1: {"a","b"} with quotes and backslashes escaped.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

const std::string& text(const db::Row& row, std::size_t i) {
    static const std::string empty;
    return row.at(i) ? *row[i] : empty;
}

std::vector<std::string> json_names(const db::Value& v) {
    if (!v) return {};
    return nlohmann::json::parse(*v).get<std::vector<std::string>>();
}

model::FkAction fk_action(const std::string& code) {
    switch (code.empty() ? 'a' : code[0]) {
        case 'r': return model::FkAction::Restrict;
        case 'c': return model::FkAction::Cascade;
        case 'n': return model::FkAction::SetNull;
        case 'd': return model::FkAction::SetDefault;
        default: return model::FkAction::NoAction;
    }
}

std::string serial_type_for(const std::string& integer_type) {
    if (integer_type == "integer") return "serial";
    if (integer_type == "bigint") return "bigserial";
    if (integer_type == "smallint") return "smallserial";
    return {};
}

}  // namespace

std::vector<std::string> PostgresDialect::list_namespaces(db::Connection& connection) const {
    std::vector<std::string> out;
    for (const auto& row : connection.query(postgres::queries::kNamespaces)) out.push_back(text(row, 0));
    return out;
}

model::Schema PostgresDialect::inspect(db::Connection& connection, const std::vector<std::string>& namespaces) const {
    const std::vector<std::string> params{text_array(namespaces)};
    model::Schema schema;
    schema.ignore_tables.clear();
    std::map<std::string, std::size_t> by_oid;

    for (const auto& row : connection.query(postgres::queries::kTables, params)) {
        model::Table t;
        t.ref = model::TableRef{text(row, 1), text(row, 2)};
        by_oid.emplace(text(row, 0), schema.tables.size());
        schema.tables.push_back(std::move(t));
    }
    auto table_for = [&](const db::Row& row) -> model::Table* {
        auto it = by_oid.find(text(row, 0));
        return it == by_oid.end() ? nullptr : &schema.tables[it->second];
    };

    for (const auto& row : connection.query(postgres::queries::kColumns, params)) {
        model::Table* t = table_for(row);
        if (!t) continue;
        model::Column c;
        c.name = text(row, 1);
        c.type = model::canonical_type(text(row, 2));
        c.nullable = text(row, 3) != "t";
        if (row[4]) c.default_value = model::Expression{*row[4], model::canonical_expression(*row[4])};
        // integer + nextval() of an owned sequence is what serial expands to: say serial.
        if (row[5] && row[4] && *row[4] == *row[5] && !serial_type_for(c.type).empty()) {
            c.type = serial_type_for(c.type);
            c.default_value.reset();
        }
        t->columns.push_back(std::move(c));
    }

    for (const auto& row : connection.query(postgres::queries::kConstraints, params)) {
        model::Table* t = table_for(row);
        if (!t) continue;
        const std::string name = text(row, 1);
        const char kind = text(row, 2).empty() ? '?' : text(row, 2)[0];
        std::vector<std::string> columns = json_names(row[3]);
        switch (kind) {
            case 'p':
                t->primary_key = columns;
                t->primary_key_name = name;
                break;
            case 'u':
                t->uniques.push_back(model::UniqueConstraint{name, columns, {}});
                break;
            case 'f': {
                model::ForeignKey fk;
                fk.name = name;
                fk.columns = columns;
                fk.ref_table = model::TableRef{text(row, 4), text(row, 5)};
                fk.ref_columns = json_names(row[6]);
                fk.on_update = fk_action(text(row, 7));
                fk.on_delete = fk_action(text(row, 8));
                t->foreign_keys.push_back(std::move(fk));
                break;
            }
            case 'c': {
                const std::string& expr = text(row, 9);
                t->checks.push_back(model::Check{name, model::Expression{expr, model::canonical_expression(expr)}, {}});
                break;
            }
            default:
                break;
        }
    }

    for (const auto& row : connection.query(postgres::queries::kIndexes, params)) {
        model::Table* t = table_for(row);
        if (!t) continue;
        model::Index idx;
        idx.name = text(row, 1);
        idx.unique = text(row, 2) == "t";
        idx.columns = json_names(row[3]);
        if (text(row, 4) != "t") idx.unsupported_definition = text(row, 5);
        t->indexes.push_back(std::move(idx));
    }

    for (const auto& row : connection.query(postgres::queries::kRelationNames, params))
        schema.relation_names.push_back(model::TableRef{text(row, 0), text(row, 1)});
    return schema;
}

}  // namespace reconcile::dialect
