#pragma once
// Reference data in the model: the rows a table declares ([[tables.rows]]), read from TOML and
// made into the input form of their columns' types, checked against those types when the model
// is loaded, before any connection (every mistake an Error{Schema} at the value's place).
#include <string>

#include <toml++/toml.h>

#include "model/schema.h"
#include "model/toml_reader.h"

namespace reconcile::model {

// The table's data_mode, data_key and rows, as TOML gives them (values not yet checked against
// the column types, which may be declared in another file, and its rows_file not yet read: see
// resolve_rows). nullopt when the table declares none of them.
std::optional<TableData> read_table_data(const std::string& file, const TableReader& reader, const std::string& table_name);

// Every table's rows_file read (tables side by side, on threads), then every declared row
// checked against its table and made into the input form of its column's type: known columns, the key given in full and once, values that fit their type (enum
// labels, domains' base types, lengths, integer ranges, JSON, arrays, bytea as \x hex).
void resolve_rows(Schema& schema);

// How a value the database shows as text is written back into the model (export --data), by
// its column's canonical type: integers as integers, booleans as booleans, arrays (read as
// JSON) as arrays, everything else as a string in the type's input form.
ValueKind exported_kind(const std::string& canonical_type);

// The key of a row as text, for messages and reports: "id=3" or "(tenant_id, code)=(1, 'x')".
std::string describe_key(const std::vector<std::string>& columns, const std::vector<std::optional<std::string>>& values);

}  // namespace reconcile::model
