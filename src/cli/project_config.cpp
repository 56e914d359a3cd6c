#include "cli/project_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/duration.h"
#include "model/toml_reader.h"
#include "plan/statement.h"

namespace reconcile::cli {

std::optional<ProjectConfig> load_project_config(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string name = file.string();
    toml::table doc;
    try {
        doc = toml::parse(buf.str(), std::string_view(name));
    } catch (const toml::parse_error& e) {
        model::fail(model::loc_of(name, e.source()), "not valid TOML: " + std::string(e.description()));
    }
    model::reject_nul_bytes(name, doc);
    model::TableReader top(name, doc, "reconcile.toml", {"schema", "ignore_tables", "environments"});
    ProjectConfig config;
    config.schema_path = top.string("schema");
    config.ignore_tables = top.strings("ignore_tables");
    if (const toml::table* envs = top.table("environments")) {
        for (auto&& [key, node] : *envs) {
            const std::string env_name(key.str());
            if (!node.is_table())
                model::fail(model::loc_of(name, node.source()), "environment '" + env_name + "' must be a table");
            model::TableReader r(name, *node.as_table(), "environment '" + env_name + "'", {"url", "url_env", "protected", "allow_drop", "allow_hazards", "lock_timeout",
                                                                                               "statement_timeout", "retries", "concurrently", "wait_for_idle", "strict"});
            Environment env;
            env.name = env_name;
            env.loc = r.where();
            env.url = r.string("url").value_or("");
            env.url_env = r.string("url_env").value_or("");
            env.is_protected = r.boolean("protected").value_or(false);
            env.allow_drop = r.boolean("allow_drop").value_or(false);
            env.strict = r.boolean("strict").value_or(false);
            env.allow_hazards = r.strings("allow_hazards").value_or(std::vector<std::string>{});
            for (const auto& hazard : env.allow_hazards) {
                auto kind = plan::hazard_kind_from_string(hazard);
                if (!kind || !plan::needs_permission(*kind))
                    model::fail(r.where("allow_hazards"), "'allow_hazards' of environment '" + env_name + "' names '" + hazard +
                                                              "'; the hazards that need permission are deletes-data and rewrites-table");
            }
            auto duration = [&](const char* key) -> std::optional<std::chrono::milliseconds> {
                auto text = r.string(key);
                if (!text) return std::nullopt;
                auto parsed = parse_duration(*text);
                if (!parsed)
                    model::fail(r.where(key), "'" + std::string(key) + "' of environment '" + env_name +
                                                  "' wants a positive duration such as 500ms, 5s or 2m, not '" + *text + "'");
                return parsed;
            };
            env.lock_timeout = duration("lock_timeout");
            env.statement_timeout = duration("statement_timeout");
            env.wait_for_idle = duration("wait_for_idle");
            if (auto retries = r.integer("retries")) {
                if (*retries < 0 || *retries > 100)
                    model::fail(r.where("retries"), "'retries' of environment '" + env_name + "' wants a whole number from 0 to 100");
                env.retries = static_cast<int>(*retries);
            }
            env.concurrently = r.boolean("concurrently");
            if (env.url.empty() == env.url_env.empty())
                model::fail(r.where(), "environment '" + env_name + "' needs exactly one of 'url' or 'url_env'");
            config.environments.emplace(env_name, env);
        }
    }
    return config;
}

std::string environment_url(const Environment& env) {
    if (!env.url.empty()) return env.url;
    const char* v = std::getenv(env.url_env.c_str());
    if (!v || !*v)
        throw Error(ErrorKind::Usage, "environment '" + env.name + "' takes its URL from $" + env.url_env + ", which is not set");
    return v;
}

}  // namespace reconcile::cli
