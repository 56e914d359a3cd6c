#pragma once
// TOML → Schema. Every mistake is an Error{Schema} with file:line:column; nothing about the
// database is known or needed here, so bad input never gets as far as a connection.
#include <filesystem>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace reconcile::model {

// `path` is a .toml file or a directory read recursively, files in sorted path order.
Schema load_schema(const std::filesystem::path& path);

// Parses one document; `source_name` is what errors call the file. Tables are appended to
// `into`; call validate_schema() once every file is in.
void load_schema_text(std::string_view text, const std::string& source_name, Schema& into);

// Cross-file checks: duplicates, references to undeclared tables and columns, key coverage.
void validate_schema(const Schema& schema);

}  // namespace reconcile::model
