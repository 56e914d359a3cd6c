#pragma once
// Reads a CREATE INDEX statement, as PostgreSQL's pg_get_indexdef() prints it or as SQLite
// keeps it in sqlite_schema, into the model's Index. Both engines give back the definition as
// text; reading that text once, here, is how both introspectors see keys with expressions,
// operator classes, collations, ordering, INCLUDE and WHERE the same way the loader does.
#include <optional>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace reconcile::model {

enum class IndexSqlFlavour { PostgreSQL, SQLite };

// nullopt, with the reason in `why`, when the statement has a part the model cannot express
// (storage parameters, TABLESPACE, operator class parameters) or cannot be read; the caller
// then keeps the text as Index::unsupported_definition.
std::optional<Index> parse_index_definition(std::string_view sql, IndexSqlFlavour flavour, std::string* why = nullptr);

// The name PostgreSQL gives an index declared without one: <table>_<key>_..._idx, where an
// expression key is named after its function (lower(email) → lower), or "expr".
std::string default_index_name(const std::string& table, const std::vector<IndexKey>& keys);

}  // namespace reconcile::model
