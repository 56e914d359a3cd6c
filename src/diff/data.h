#pragma once
// Reference data as values: which declared rows a table lacks, which differ (column by column,
// the database's value against the model's) and which rows the database has that the model does
// not declare. Only the renderers turn these into statements; the policy decides on deletes.
//
// Values are compared by the server, not here: a value's text in the model is the input form of
// its column's type, and only the type's own input and equality (numeric 1.50 = 1.5, jsonb's
// key order, a timestamp's time zone) say whether two texts are one value. The dialect sends the
// declared rows in one query per table and reads back only the rows that differ.
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/schema.h"

namespace reconcile::diff {

using Text = std::optional<std::string>;  // a value as the database shows it; nullopt: NULL

// What the dialect is asked of one table: the model's rows against the database's.
struct RowsQuery {
    model::TableRef table;                      // the database's table
    std::vector<std::string> key;               // the key columns (each also in `columns`)
    std::vector<model::Column> columns;         // the compared columns, as the database has them
    // Per declared row, per compared column: its declared value, or nullptr when the row leaves
    // the column out (not compared).
    std::vector<std::vector<const model::RowValue*>> rows;
    bool compare_values = true;   // false (data_mode insert): only which rows are missing
    bool find_undeclared = false; // data_mode sync: also the keys of rows the model does not declare
};
struct RowDifference {
    std::size_t row = 0;   // index in RowsQuery::rows
    bool missing = false;  // no row has its key
    std::vector<std::pair<std::size_t, Text>> differing;  // compared column index, the database's value
};
struct RowsFound {
    std::vector<RowDifference> differing;   // rows that are missing or differ, in declaration order
    std::vector<std::vector<Text>> undeclared;  // keys (in key order) of rows the model does not declare, sorted
};

// One column of a declared row whose value the database has otherwise. `known`: false for a
// column the database does not have yet (the plan adds it) or has with another type.
struct ValueChange {
    std::string column;
    Text from;
    bool known = true;
    model::RowValue to;
};
struct InsertRow { model::DataRow row; };
struct UpdateRow {
    model::DataRow row;               // the declared row (its key values find it)
    std::vector<ValueChange> changes; // the columns set
};
struct DeleteRow { std::vector<Text> key; };

// One table's data changes. Rows are in declaration order; deletes in key order.
struct TableRows {
    model::TableRef table;
    model::DataMode mode = model::DataMode::Upsert;
    std::vector<std::string> key;
    std::vector<model::Column> columns;  // the model's columns of the table (types, for rendering)
    std::vector<InsertRow> inserts;
    std::vector<UpdateRow> updates;
    std::vector<DeleteRow> deletes;
    // sync: rows the model does not declare, kept because the policy does not allow deleting
    // them (policy::withhold_row_deletes).
    std::vector<DeleteRow> kept;
    std::size_t in_sync = 0;     // declared rows the database has as declared
    std::size_t untouched = 0;   // insert mode: declared rows the database has, not compared

    bool has_changes() const { return !inserts.empty() || !updates.empty() || !deletes.empty(); }
};

struct DataDiff {
    std::vector<TableRows> tables;  // parents before the tables whose foreign keys reference them
    bool empty() const;
};

// The declared rows of a model against the database `actual` describes, in two steps so that
// the caller may read the tables side by side (apply::read_rows): what to ask of each table
// (in foreign-key order, parents first; no query for a table the database lacks, or whose key
// it has otherwise: all its rows are inserted, after the plan makes it), then the changes from
// what each query found (found[i] for pending[i]). A column the database lacks, or has with
// another type, is set on every row that declares it.
struct PendingRows {
    TableRows rows;                    // table, mode, key, columns
    std::optional<RowsQuery> query;    // none: every row is inserted
    std::set<std::string> unknown;     // declared columns the database lacks or types otherwise
    const model::TableData* data = nullptr;
};
std::vector<PendingRows> rows_to_read(const model::Schema& desired, const model::Schema& actual,
                                      const std::function<bool(const std::string&, const std::string&)>& types_equal);
DataDiff rows_found(std::vector<PendingRows> pending, const std::vector<RowsFound>& found);

}  // namespace reconcile::diff
