#pragma once
// The declared rows of a RowsQuery as one JSON array, bound as one parameter of the query that
// compares them: [{"0": "1", "2": null}, …], each object keyed by the compared column's index
// (a column the row leaves out is absent, a NULL is null). `typed`: integers, numbers and
// booleans as JSON numbers (SQLite compares by storage class, so 1 must not read as '1');
// otherwise every value is the text of its input form (PostgreSQL casts it to the column type).
#include <string>

#include "diff/data.h"

namespace reconcile::dialect {

std::string rows_json(const diff::RowsQuery& query, bool typed);

}  // namespace reconcile::dialect
