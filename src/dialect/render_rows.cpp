// Statements for reference data, shared by both engines: their INSERT … ON CONFLICT, UPDATE and
// DELETE are the same SQL but for how a table is named, how a parameter is written and how a
// boolean is kept.
#include <algorithm>

#include "dialect/dialect.h"
#include "dialect/postgres/postgres_dialect.h"
#include "model/rows.h"

namespace reconcile::dialect {

std::string Dialect::literal(const model::RowValue& value) const {
    const bool pg = engine() == db::Engine::PostgreSQL;
    switch (value.kind) {
        case model::ValueKind::Null: return "NULL";
        case model::ValueKind::Integer: return value.text;
        case model::ValueKind::Number:
            if (value.text.find_first_not_of("0123456789.eE+- ") == std::string::npos) return value.text;
            break;  // NaN, Infinity: strings the type reads
        case model::ValueKind::Boolean: return pg ? value.text : (value.text == "true" ? "1" : "0");
        default: break;
    }
    return pg ? postgres::quote_literal(value.text) : quote_single(value.text);
}

db::Value Dialect::bound(const model::RowValue& value) const {
    if (value.is_null()) return std::nullopt;
    if (value.kind == model::ValueKind::Boolean && engine() == db::Engine::SQLite) return std::string(value.text == "true" ? "1" : "0");
    return value.text;
}

namespace {

// A statement being written: its SQL with placeholders, and the same with literals.
class Writer {
public:
    Writer(const Dialect& dialect) : dialect_(dialect) {}
    Writer& sql(const std::string& text) {
        sql_ += text;
        script_ += text;
        return *this;
    }
    Writer& value(const model::RowValue& v) {
        params_.push_back(dialect_.bound(v));
        const std::string n = std::to_string(params_.size());
        sql_ += dialect_.engine() == db::Engine::PostgreSQL ? "$" + n : "?" + n;
        script_ += dialect_.literal(v);
        return *this;
    }
    plan::Statement done(std::vector<plan::Hazard> hazards = {}) {
        plan::Statement s(std::move(sql_), std::move(hazards));
        s.params = std::move(params_);
        s.script = std::move(script_);
        return s;
    }

private:
    const Dialect& dialect_;
    std::string sql_, script_;
    std::vector<std::optional<std::string>> params_;
};

std::string table_name(const Dialect& dialect, const model::TableRef& table) {
    return dialect.engine() == db::Engine::PostgreSQL ? postgres::qualified(table) : quote_double(table.name);
}

std::string column_list(const Dialect& dialect, const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + dialect.quote_identifier(c);
    return out;
}

// WHERE k1 = $n AND …, the key's values from the row.
void where_key(Writer& w, const Dialect& dialect, const std::vector<std::string>& key, const model::DataRow& row) {
    for (std::size_t i = 0; i < key.size(); ++i) {
        w.sql(i ? " AND " : " WHERE ").sql(dialect.quote_identifier(key[i]) + " = ");
        w.value(*row.find(key[i]));
    }
}

bool is_integer_column(const std::vector<model::Column>& columns, const std::string& name) {
    for (const auto& c : columns)
        if (c.name == name) return model::exported_kind(c.type) == model::ValueKind::Integer;
    return false;
}

}  // namespace

std::vector<plan::Statement> Dialect::render_rows(const diff::TableRows& rows) const {
    std::vector<plan::Statement> out;
    const std::string table = table_name(*this, rows.table);
    const std::string conflict = " ON CONFLICT (" + column_list(*this, rows.key) + ")";
    for (const auto& d : rows.deletes) {
        Writer w(*this);
        w.sql("DELETE FROM " + table);
        std::vector<std::optional<std::string>> shown;
        for (std::size_t i = 0; i < rows.key.size(); ++i) {
            model::RowValue v;
            v.kind = d.key[i] ? model::ValueKind::Text : model::ValueKind::Null;
            v.text = d.key[i].value_or("");
            // Read back as text, and bound as text: the server reads it as the key column's type
            // (PostgreSQL infers the parameter's type; SQLite applies the column's affinity).
            // An integer key is written as a number in the script.
            if (v.kind == model::ValueKind::Text && is_integer_column(rows.columns, rows.key[i]) && !v.text.empty() &&
                v.text.find_first_not_of("-0123456789") == std::string::npos)
                v.kind = model::ValueKind::Integer;
            w.sql(i ? " AND " : " WHERE ").sql(quote_identifier(rows.key[i]) + " = ").value(v);
            shown.push_back(d.key[i]);
        }
        out.push_back(w.done({{plan::HazardKind::DeletesData, "deletes the row " + model::describe_key(rows.key, shown) + " of " +
                                                                  rows.table.schema + "." + rows.table.name +
                                                                  ", which the model does not declare (data_mode = \"sync\")"}}));
    }
    // Consecutive rows that set the same columns go in one INSERT of up to kRowsPerInsert rows
    // (and kParametersPerStatement values, under SQLite's limit of 32,766): a first deploy of
    // 100,000 rows is a few hundred statements, not 100,000 round trips.
    constexpr std::size_t kRowsPerInsert = 500, kParametersPerStatement = 30000;
    auto columns_of = [](const model::DataRow& row) {
        std::vector<std::string> names;
        for (const auto& v : row.values) names.push_back(v.column);
        return names;
    };
    for (std::size_t first = 0; first < rows.inserts.size();) {
        const std::vector<std::string> columns = columns_of(rows.inserts[first].row);
        std::size_t last = first + 1;
        while (last < rows.inserts.size() && last - first < kRowsPerInsert && (last - first + 1) * columns.size() <= kParametersPerStatement &&
               columns_of(rows.inserts[last].row) == columns)
            ++last;
        std::vector<std::string> updated;
        for (const auto& c : columns)
            if (std::find(rows.key.begin(), rows.key.end(), c) == rows.key.end()) updated.push_back(c);
        // PostgreSQL refuses a value for a GENERATED ALWAYS identity column unless told.
        bool overriding = false;
        for (const auto& column : rows.columns)
            overriding = overriding || (engine() == db::Engine::PostgreSQL && column.identity == model::Identity::Always &&
                                        std::find(columns.begin(), columns.end(), column.name) != columns.end());
        Writer w(*this);
        w.sql("INSERT INTO " + table + " (" + column_list(*this, columns) + ")" + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES");
        for (std::size_t r = first; r < last; ++r) {
            // One row on the line of its INSERT; several, one per line.
            w.sql(last - first == 1 ? " (" : (r == first ? "\n    (" : ",\n    ("));
            const auto& values = rows.inserts[r].row.values;
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (i) w.sql(", ");
                w.value(values[i]);
            }
            w.sql(")");
        }
        w.sql(last - first == 1 ? conflict : "\n" + conflict.substr(1));
        // insert mode never touches a row that exists; the others make it the declared one.
        if (rows.mode == model::DataMode::Insert || updated.empty()) {
            w.sql(" DO NOTHING");
        } else {
            w.sql(" DO UPDATE SET ");
            for (std::size_t i = 0; i < updated.size(); ++i)
                w.sql((i ? ", " : "") + quote_identifier(updated[i]) + " = EXCLUDED." + quote_identifier(updated[i]));
        }
        out.push_back(w.done());
        first = last;
    }
    // PostgreSQL: rows inserted with their own values for a serial or identity column leave its
    // sequence behind them, and the application's next insert would take a value a declared
    // row holds. The sequence is moved past the largest value, never back (as pg_dump's setval
    // does for a restored table). SQLite's AUTOINCREMENT keeps track by itself.
    if (engine() == db::Engine::PostgreSQL && !rows.inserts.empty())
        for (const auto& column : rows.columns) {
            if (!column.is_serial() && column.identity == model::Identity::None) continue;
            const bool given = std::any_of(rows.inserts.begin(), rows.inserts.end(), [&](const diff::InsertRow& i) {
                const model::RowValue* v = i.row.find(column.name);
                return v && !v->is_null();
            });
            if (!given) continue;
            const std::string c = quote_identifier(column.name);
            out.push_back(plan::Statement(
                "SELECT pg_catalog.setval(q.seq, m.top) FROM (SELECT pg_catalog.pg_get_serial_sequence(" + postgres::quote_literal(table) + ", " +
                postgres::quote_literal(column.name) + ")::regclass AS seq) AS q, (SELECT max(" + c + ") AS top FROM " + table +
                ") AS m WHERE m.top > COALESCE(pg_catalog.pg_sequence_last_value(q.seq), 0)"));
        }
    for (const auto& update : rows.updates) {
        Writer w(*this);
        w.sql("UPDATE " + table + " SET ");
        for (std::size_t i = 0; i < update.changes.size(); ++i) {
            w.sql((i ? ", " : "") + quote_identifier(update.changes[i].column) + " = ");
            w.value(update.changes[i].to);
        }
        where_key(w, *this, rows.key, update.row);
        out.push_back(w.done());
    }
    return out;
}

}  // namespace reconcile::dialect
