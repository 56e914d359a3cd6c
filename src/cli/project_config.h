#pragma once
// reconcile.toml at the project root: named environments, the schema path, the ignore list.
// Optional: without it everything works from flags and DATABASE_URL.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace reconcile::cli {

struct Environment {
    std::string name;
    std::string url;      // given literally (no secrets belong here) ...
    std::string url_env;  // ... or the name of the variable that holds it
    bool is_protected = false;
    bool allow_drop = false;                 // as --allow-drop, for every run against it
    bool strict = false;                     // as --strict
    std::vector<std::string> allow_hazards;  // as --allow-hazards
    // As the flags of the same names; the command line wins where both say.
    std::optional<std::chrono::milliseconds> lock_timeout, statement_timeout, wait_for_idle;
    std::optional<int> retries;
    std::optional<bool> concurrently;
    SourceLoc loc;
};

struct ProjectConfig {
    std::optional<std::string> schema_path;
    std::optional<std::vector<std::string>> ignore_tables;
    std::map<std::string, Environment> environments;
};

constexpr const char* kProjectConfigFile = "reconcile.toml";

// Reads `file` if it exists; errors carry file:line:column.
std::optional<ProjectConfig> load_project_config(const std::filesystem::path& file = kProjectConfigFile);

// The environment's URL; Error{Usage} when its variable is unset.
std::string environment_url(const Environment& env);

}  // namespace reconcile::cli
