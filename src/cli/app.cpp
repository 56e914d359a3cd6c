#include "cli/app.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "cli/sync_command.h"
#include "core/error.h"
#include "db/target.h"
#include "report/style.h"

namespace reconcile::cli {
namespace {

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

std::string describe(const Error& e) {
    std::string where = e.where().str();
    return where.empty() ? e.what() : where + ": " + e.what();
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"reconcile: keep a database schema equal to a declared TOML model, safely and idempotently.",
                 "reconcile"};
    app.set_version_flag("--version", "reconcile 0.1.0");
    bool dry_run = false, apply = false;
    std::string schema_path = "schema", database_url, color = "auto";
    auto* dry_opt = app.add_flag("--dry-run", dry_run, "Show what would change and the exact SQL; change nothing (the default)");
    auto* apply_opt = app.add_flag("--apply", apply, "Run the plan in one transaction, then verify");
    dry_opt->excludes(apply_opt);
    app.add_option("--schema", schema_path, "TOML file or directory of them (read recursively)")->capture_default_str();
    app.add_option("--database-url", database_url,
                   "postgresql://user:pass@host:port/db or sqlite:PATH (default: $DATABASE_URL, else sqlite:reconcile.db)");
    app.add_option("--color", color, "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "always", "never"}));

    std::vector<std::string> secrets;
    // Everything printed on failure passes through here: no password from a URL survives it.
    auto fail = [&](int status, const std::string& message) {
        err << report::kError << " error: " << db::redact(message, secrets) << "\n";
        return status;
    };
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
        try {
            app.parse(reversed);
        } catch (const CLI::CallForHelp&) {
            out << app.help();
            return static_cast<int>(ExitStatus::Ok);
        } catch (const CLI::CallForVersion&) {
            out << "reconcile 0.1.0\n";
            return static_cast<int>(ExitStatus::Ok);
        } catch (const CLI::ParseError& e) {
            return fail(static_cast<int>(ExitStatus::Usage), std::string(e.what()) + "\nRun with --help for usage.");
        }

        SyncOptions o;
        o.mode = apply ? Mode::Apply : Mode::DryRun;
        o.mode_given = apply || dry_run;
        o.schema_path = schema_path;
        if (!database_url.empty()) o.database_url = database_url;
        else if (const char* url = env("DATABASE_URL")) o.database_url = url;
        else {
            o.database_url = std::string("sqlite:") + kEmbeddedDatabaseFile;
            o.embedded_default = true;
        }
        bool terminal = &out == &std::cout && ::isatty(STDOUT_FILENO);
        o.style.color = color == "always" || (color == "auto" && terminal && !env("NO_COLOR"));
        return run_sync(o, out, secrets);
    } catch (const SqlError& e) {
        return fail(static_cast<int>(ExitStatus::Failure),
                    std::string(e.what()) + "\nwhile running:\n" + e.statement());
    } catch (const Error& e) {
        int status = e.kind() == ErrorKind::Usage ? static_cast<int>(ExitStatus::Usage) : static_cast<int>(ExitStatus::Failure);
        return fail(status, describe(e));
    } catch (const std::exception& e) {
        return fail(static_cast<int>(ExitStatus::Failure), std::string("unexpected: ") + e.what());
    }
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run(std::vector<std::string>(argv, argv + argc), out, err);
}

}  // namespace reconcile::cli
