#pragma once
// What both engines' row comparisons share (dialect/postgres/rows.cpp, dialect/sqlite/rows.cpp).
//
// The declared rows of a RowsQuery as one JSON array, bound as one parameter of the query that
// compares them: [{"0": "1", "2": null}, …], each object keyed by the compared column's index
// (a column the row leaves out is absent, a NULL is null). `typed`: integers, numbers and
// booleans as JSON numbers (SQLite compares by storage class, so 1 must not read as '1');
// otherwise every value is the text of its input form (PostgreSQL casts it to the column type).
#include <cstdint>
#include <string>

#include "db/connection.h"
#include "diff/data.h"

namespace reconcile::dialect {

// Rows [begin, end) of the query (all of them by default).
std::string rows_json(const diff::RowsQuery& query, bool typed, std::size_t begin = 0, std::size_t end = SIZE_MAX);

// The columns of `query` whose values are compared (its non-key columns; none in insert mode).
std::vector<std::size_t> compared_columns(const diff::RowsQuery& query);
// One result row of an engine's comparison query: [declared row index, missing, then per
// compared column: differs, the database's value], booleans as `true_text` ("t" or "1").
diff::RowDifference row_difference(const db::Row& row, const std::vector<std::size_t>& compared, const char* true_text);

}  // namespace reconcile::dialect
