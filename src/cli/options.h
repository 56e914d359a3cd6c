#pragma once
// What the command line (and the environment) asked for, after parsing and defaults.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "db/target.h"
#include "policy/policy.h"
#include "report/style.h"

namespace reconcile::cli {

enum class Mode { DryRun, Apply };
enum class Format { Text, Json, Sql };

struct SyncOptions {
    Mode mode = Mode::DryRun;
    bool mode_given = false;       // neither --dry-run nor --apply: dry run, and say how to apply
    std::string schema_path = "schema";
    std::string database_url;      // resolved: flag, else DATABASE_URL, else the embedded default
    bool embedded_default = false; // no URL anywhere: sqlite:reconcile.db
    Format format = Format::Text;
    bool exit_code = false;        // dry run: exit 3 when changes are pending
    std::optional<std::vector<std::string>> ignore_tables;  // from reconcile.toml
    std::string environment;       // --env NAME, for messages
    bool is_protected = false;     // the environment asks before applying
    bool yes = false;              // --yes: the person has agreed in advance
    std::string plan_out;          // --plan-out FILE (dry run)
    std::string plan_in;           // --plan FILE (apply exactly that reviewed plan)
    bool ask_server = true;        // --no-server-compare turns it off (see apply::AskServer)
    std::chrono::milliseconds lock_timeout = db::kDefaultLockTimeout;  // --lock-timeout (see apply::Waits)
    std::chrono::milliseconds statement_timeout{0};                    // --statement-timeout; 0: none
    int retries = 3;                                                   // --retries
    std::chrono::milliseconds long_transaction{std::chrono::minutes(1)};  // --long-transaction
    std::chrono::milliseconds wait_for_idle{0};                        // --wait-for-idle; 0: do not wait
    std::chrono::milliseconds apply_lock_wait{std::chrono::minutes(30)};  // --apply-lock-wait
    // --schema-only: declared rows are not compared; --data-only: only they are, and the schema
    // must already be the model's.
    bool schema_only = false, data_only = false;
    policy::Policy policy;         // --allow-drop, --allow-hazards, and the environment's
    report::Style style;
};

// Resolves --database-url / DATABASE_URL / the embedded default.
struct ResolvedUrl {
    std::string url;
    bool embedded_default = false;
};
ResolvedUrl resolve_database_url(const std::string& flag);

constexpr const char* kEmbeddedDatabaseFile = "reconcile.db";

}  // namespace reconcile::cli
