#pragma once
// Where a schema comes from: TOML files, or a live database read as the model (to promote one
// environment to another, or to compare two).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"
#include "model/schema.h"

namespace reconcile::cli {

bool is_database_url(const std::string& text);

struct Source {
    model::Schema schema;
    std::optional<db::Engine> engine;  // set when the source is a database
    std::string display;               // path, or the URL with its password redacted
    std::unique_ptr<db::Connection> connection;  // the database's, kept open (to ask it more)
};

// A path is loaded and validated as TOML; a URL is introspected read-only (all its user
// schemas). The URL's secrets are appended to `secrets` before anything can fail.
Source load_source(const std::string& path_or_url, std::vector<std::string>& secrets);

}  // namespace reconcile::cli
