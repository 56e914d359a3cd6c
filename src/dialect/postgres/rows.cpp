// Reference data on PostgreSQL: the declared rows go to the server as jsonb parameters of up to
// 1,000 rows, each value cast there to its column's type, and compared with the type's own
// equality (IS DISTINCT FROM), so that 1.50 is 1.5 in a numeric column and a jsonb object's key
// order does not count.
// Only rows that are missing or differ come back.
#include "dialect/postgres/postgres_dialect.h"
#include "dialect/rows_json.h"
#include "model/rows.h"
#include "model/schema.h"

namespace reconcile::dialect {
namespace {

using postgres::qualified;

constexpr std::size_t kRowsPerQuery = 1000;  // declared rows compared by one query

// The type a declared value is cast to: the column's, serial as the integer it is.
std::string cast_type(const model::Column& c) {
    return c.is_serial() ? model::serial_integer_type(c.type) : c.type;
}

std::string element(std::size_t index) { return "(d.r->>'" + std::to_string(index) + "')"; }

// Whether the database's value of column `index` differs from the declared one. Types without
// an equality operator are compared as jsonb (json) or by their text (xml, the geometric ones).
std::string differs(const model::Column& c, std::size_t index) {
    const std::string column = "t." + quote_double(c.name);
    const std::string type = cast_type(c);
    const std::string declared = element(index) + "::" + type;
    std::string compare;
    if (type == "json" || type == "json[]")
        compare = column + "::jsonb IS DISTINCT FROM " + declared + "::jsonb";
    else if (type == "xml" || type == "point" || type == "line" || type == "lseg" || type == "box" || type == "path" || type == "polygon" ||
             type == "circle" || type == "xml[]")
        compare = column + "::text IS DISTINCT FROM " + declared + "::text";
    else
        compare = column + " IS DISTINCT FROM " + declared;
    return "(d.r ? '" + std::to_string(index) + "' AND " + compare + ")";
}

std::string key_match(const diff::RowsQuery& q, const std::string& alias) {
    std::string out;
    for (std::size_t i = 0; i < q.key.size(); ++i)
        for (std::size_t c = 0; c < q.columns.size(); ++c)
            if (q.columns[c].name == q.key[i])
                out += std::string(out.empty() ? "" : " AND ") + alias + "." + quote_double(q.key[i]) + " = " + element(c) + "::" + cast_type(q.columns[c]);
    return out;
}

}  // namespace

diff::RowsFound PostgresDialect::read_rows(db::Connection& connection, const diff::RowsQuery& q) const {
    diff::RowsFound found;
    if (q.rows.empty() && !q.find_undeclared) return found;
    const std::string first_key = "t." + quote_double(q.key.at(0));
    const std::vector<std::size_t> compared = compared_columns(q);
    std::string select = "SELECT d.n - 1, " + first_key + " IS NULL";
    std::string where = first_key + " IS NULL";
    for (std::size_t c : compared) {
        select += ", " + differs(q.columns[c], c) + ", t." + quote_double(q.columns[c].name) + "::text";
        where += " OR " + differs(q.columns[c], c);
    }
    // jsonb, not json: json's ->> parses the row's text again at every use, three times as slow
    // at 10,000 rows (EXPLAIN ANALYZE, PostgreSQL 15).
    const std::string sql = select + " FROM pg_catalog.jsonb_array_elements($1::jsonb) WITH ORDINALITY AS d(r, n) LEFT JOIN " + qualified(q.table) +
                            " AS t ON " + key_match(q, "t") + " WHERE " + where + " ORDER BY d.n";
    // In slices: the server parses a jsonb parameter of 10,000 rows (1 MB) in about 100 ms the
    // first time a session does and 40 ms after, ten of 1,000 rows in about 20 ms together
    // (PostgreSQL 15: a large document's parse state outgrows the memory the backend reuses).
    for (std::size_t begin = 0; begin < q.rows.size(); begin += kRowsPerQuery)
        connection.query_each(sql, {rows_json(q, false, begin, begin + kRowsPerQuery)}, [&](const db::Row& row) {
            found.differing.push_back(row_difference(row, compared, "t"));
            found.differing.back().row += begin;
        });
    if (q.find_undeclared) {
        std::string keys, order;
        for (const auto& k : q.key) {
            keys += (keys.empty() ? "" : ", ") + std::string("t.") + quote_double(k) + "::text";
            order += (order.empty() ? "" : ", ") + std::string("t.") + quote_double(k);
        }
        const std::string undeclared = "SELECT " + keys + " FROM " + qualified(q.table) +
                                       " AS t WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements($1::jsonb) AS d(r) WHERE " +
                                       key_match(q, "t") + ") ORDER BY " + order;
        for (const auto& row : connection.query(undeclared, {rows_json(q, false)})) found.undeclared.emplace_back(row.begin(), row.end());
    }
    return found;
}

std::vector<model::DataRow> PostgresDialect::read_table_rows(db::Connection& connection, const model::Table& table) const {
    std::string select, order;
    std::vector<const model::Column*> columns;
    for (const auto& c : table.columns) {
        if (c.generated) continue;  // made by the server, never declared
        columns.push_back(&c);
        const bool array = c.type.size() > 2 && c.type.compare(c.type.size() - 2, 2, "[]") == 0;
        const std::string column = "t." + quote_double(c.name);
        select += std::string(select.empty() ? "" : ", ") + (array ? "pg_catalog.array_to_json(" + column + ")::text" : column + "::text");
    }
    for (const auto& k : table.primary_key) order += std::string(order.empty() ? "" : ", ") + "t." + quote_double(k);
    std::vector<model::DataRow> rows;
    if (columns.empty()) return rows;
    connection.query_each("SELECT " + select + " FROM " + qualified(table.ref) + " AS t ORDER BY " + order, {}, [&](const db::Row& row) {
        model::DataRow r;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            model::RowValue v;
            v.column = columns[i]->name;
            if (row[i]) {
                v.kind = model::exported_kind(columns[i]->type);
                v.text = *row[i];
                if (v.kind == model::ValueKind::Boolean) v.text = v.text == "t" || v.text == "true" ? "true" : "false";  // ::text says true; the wire format t
            }
            r.values.push_back(std::move(v));
        }
        rows.push_back(std::move(r));
    });
    return rows;
}

}  // namespace reconcile::dialect
