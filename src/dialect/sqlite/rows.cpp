// Reference data on SQLite: the declared rows go in as one JSON parameter read by json_each,
// integers and numbers as JSON numbers and booleans as 1 and 0 (how SQLite keeps them), and
// each value is compared with IS NOT, which applies the column's affinity to the declared value
// as SQLite does when it stores one ('12' is 12 in an INTEGER column). Only rows that are
// missing or differ come back.
#include <algorithm>

#include "dialect/rows_json.h"
#include "core/error.h"
#include "dialect/sqlite/sqlite_dialect.h"
#include "model/rows.h"

namespace reconcile::dialect {
namespace {

std::string element(std::size_t index) { return "json_extract(d.value, '$.\"" + std::to_string(index) + "\"')"; }

std::string differs(const model::Column& c, std::size_t index) {
    return "(json_type(d.value, '$.\"" + std::to_string(index) + "\"') IS NOT NULL AND t." + quote_double(c.name) + " IS NOT " +
           element(index) + ")";
}

}  // namespace

diff::RowsFound SqliteDialect::read_rows(db::Connection& connection, const diff::RowsQuery& q) const {
    diff::RowsFound found;
    const std::string rows = rows_json(q, true);
    const std::string table = quote_double(q.table.name);
    const std::string first_key = "t." + quote_double(q.key.at(0));
    const std::vector<std::size_t> compared = compared_columns(q);
    std::string match;
    std::vector<std::size_t> key_index;
    for (const auto& k : q.key)
        for (std::size_t c = 0; c < q.columns.size(); ++c)
            if (q.columns[c].name == k) {
                match += std::string(match.empty() ? "" : " AND ") + "t." + quote_double(k) + " = " + element(c);
                key_index.push_back(c);
            }
    std::string select = "SELECT d.key, " + first_key + " IS NULL";
    std::string where = first_key + " IS NULL";
    for (std::size_t c : compared) {
        select += ", " + differs(q.columns[c], c) + ", t." + quote_double(q.columns[c].name);
        where += " OR " + differs(q.columns[c], c);
    }
    if (!q.rows.empty())
        connection.query_each(select + " FROM json_each(?1) AS d LEFT JOIN " + table + " AS t ON " + match + " WHERE " + where + " ORDER BY d.key",
                              {rows}, [&](const db::Row& row) { found.differing.push_back(row_difference(row, compared, "1")); });
    if (q.find_undeclared) {
        // NOT IN over a subquery: SQLite builds a temporary index of the declared keys once.
        std::string keys, declared;
        for (std::size_t i = 0; i < q.key.size(); ++i) {
            keys += std::string(i ? ", " : "") + "t." + quote_double(q.key[i]);
            declared += std::string(i ? ", " : "") + element(key_index[i]);
        }
        const std::string lhs = q.key.size() == 1 ? keys : "(" + keys + ")";
        const std::string sql = "SELECT " + keys + " FROM " + table + " AS t WHERE " + lhs + " NOT IN (SELECT " + declared +
                                " FROM json_each(?1) AS d) ORDER BY " + keys;
        for (const auto& row : connection.query(sql, {rows})) found.undeclared.emplace_back(row.begin(), row.end());
    }
    return found;
}

std::vector<model::DataRow> SqliteDialect::read_table_rows(db::Connection& connection, const model::Table& table) const {
    std::string select, order;
    std::vector<const model::Column*> columns;
    for (const auto& c : table.columns) {
        if (c.generated) continue;
        columns.push_back(&c);
        // Its storage class too: SQLite keeps what it was given, whatever the declared type.
        select += std::string(select.empty() ? "" : ", ") + "typeof(t." + quote_double(c.name) + "), t." + quote_double(c.name);
    }
    for (const auto& k : table.primary_key) order += std::string(order.empty() ? "" : ", ") + "t." + quote_double(k);
    std::vector<model::DataRow> rows;
    if (columns.empty()) return rows;
    connection.query_each("SELECT " + select + " FROM " + quote_double(table.ref.name) + " AS t ORDER BY " + order, {}, [&](const db::Row& row) {
        model::DataRow r;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            model::RowValue v;
            v.column = columns[i]->name;
            const std::string storage = row[2 * i].value_or("null");
            if (storage == "blob")
                throw Error(ErrorKind::Usage, "table " + table.ref.name + " holds a BLOB in column " + columns[i]->name +
                                                  ": export --data writes text, numbers and booleans only");
            if (storage != "null") {
                v.text = *row[2 * i + 1];
                const model::ValueKind kind = model::exported_kind(columns[i]->type);
                if (kind == model::ValueKind::Boolean && storage == "integer") v.kind = model::ValueKind::Boolean, v.text = v.text == "0" ? "false" : "true";
                else if (kind == model::ValueKind::Integer && storage == "integer") v.kind = model::ValueKind::Integer;
                else v.kind = model::ValueKind::Text;
            }
            r.values.push_back(std::move(v));
        }
        rows.push_back(std::move(r));
    });
    return rows;
}

}  // namespace reconcile::dialect
