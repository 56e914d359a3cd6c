#include "cli/app.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <tuple>

#include <CLI/CLI.hpp>

#include "cli/check_command.h"
#include "cli/diff_command.h"
#include "cli/export_command.h"
#include "cli/options.h"
#include "cli/project_config.h"
#include "cli/sync_command.h"
#include "cli/version.h"
#include "core/duration.h"
#include "core/error.h"
#include "db/target.h"
#include "report/style.h"
#include "report/text_report.h"

namespace reconcile::cli {
namespace {

// --help's groups, in the order it lists them.
constexpr const char* kWhatToCompare = "What to compare";
constexpr const char* kWhatToDo = "What to do";
constexpr const char* kOutput = "Output";
constexpr const char* kSafety = "Safety";

constexpr const char* kExamples = R"(Examples:
  reconcile --dry-run                                   compare schema/ with $DATABASE_URL (else sqlite:reconcile.db)
  reconcile --apply --database-url postgresql://app@db/app
  reconcile --dry-run --exit-code --format json > plan.json   a CI drift gate: exit 3 when changes are pending
  reconcile --apply --allow-drop --allow-hazards rewrites-table
  reconcile --env staging --dry-run --plan-out plan.json && reconcile --env staging --apply --plan plan.json
  reconcile export --out schema/                        write the live schema as TOML
  reconcile diff schema/ postgresql://app@db/app        what it takes to turn that database into schema/
  reconcile check                                       validate schema/ with no database

Exit statuses: 0 done or in sync, 1 failure, 2 usage, 3 changes pending (--exit-code); README.md lists the rest.
Documentation: README.md and docs/ (schema-format.md, ci.md, plan-format.md).)";

std::string describe(const Error& e) {
    std::string where = e.where().str();
    return where.empty() ? e.what() : where + ": " + e.what();
}

ExitStatus exit_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage: return ExitStatus::Usage;
        case ErrorKind::ConnectionLostRolledBack: return ExitStatus::ConnectionLost;
        case ErrorKind::CommitUnknown: return ExitStatus::CommitUnknown;
        case ErrorKind::VerifyUnavailable: return ExitStatus::VerifyUnavailable;
        case ErrorKind::Schema:
        case ErrorKind::Connection:
        case ErrorKind::Sql:
        case ErrorKind::Verify:
        case ErrorKind::Refused:
        case ErrorKind::Internal: return ExitStatus::Failure;
    }
    return ExitStatus::Failure;
}

Format parse_format(const std::string& f) {
    if (f == "json") return Format::Json;
    if (f == "sql") return Format::Sql;
    return Format::Text;
}

void add_format_options(CLI::App& app, std::string& format, bool& exit_code) {
    app.add_option("--format", format, "Plan output: text (for people), json (docs/plan-format.md), sql (a standalone script)")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "json", "sql"}))
        ->group(kOutput);
    app.add_flag("--exit-code", exit_code, "Exit 3 when changes are pending, 0 when in sync (a CI drift gate)")->group(kOutput);
}

void add_color_option(CLI::App& app, std::string& color) {
    app.add_option("--color", color, "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->group(kOutput);
}

// CLI11 2.1 opens every group with a blank line and also ends all but the last with one, so
// groups stood two blank lines apart: one each, and one after the usage line.
class HelpFormatter : public CLI::Formatter {
public:
    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
        std::string text = CLI::Formatter::make_group(std::move(group), is_positional, std::move(opts));
        return text.empty() || text[0] != '\n' ? text : text.substr(1);
    }
    std::string make_usage(const CLI::App* app, std::string name) const override {
        return CLI::Formatter::make_usage(app, std::move(name)) + "\n";
    }
};

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"reconcile: keep a database schema equal to a declared TOML model, safely and idempotently.\n"
                 "With no command: compare the model with the database and show the plan (--dry-run, the default), or run it "
                 "(--apply).",
                 "reconcile"};
    app.footer(kExamples);
    app.formatter(std::make_shared<HelpFormatter>());
    app.get_formatter()->column_width(36);
    bool dry_run = false, apply = false, exit_code = false, version = false;
    std::string schema_path = "schema", database_url, color = "auto", format = "text";
    bool yes = false;
    std::string env_name, plan_out, plan_in;
    app.add_flag("--version", version, "Print the version, the commit it was built from and its libraries, and exit");

    app.add_option("--schema", schema_path, "TOML file or directory (read recursively), or a database URL to copy the schema of")
        ->capture_default_str()
        ->group(kWhatToCompare);
    app.add_option("--database-url", database_url,
                   "postgresql://user:pass@host:port/db or sqlite:PATH (default: $DATABASE_URL, else sqlite:reconcile.db)")
        ->group(kWhatToCompare);
    app.add_option("--env", env_name, "a named environment from reconcile.toml (its URL, and whether it is protected)")
        ->group(kWhatToCompare);
    bool no_server_compare = false;
    const char* no_server_compare_help =
        "compare defaults, checks, index expressions, domains and views by their text only, without asking the server "
        "how it stores them (which makes temporary objects in a transaction that is rolled back)";
    app.add_flag("--no-server-compare", no_server_compare, no_server_compare_help)->group(kWhatToCompare);

    app.add_flag("--dry-run", dry_run, "Show what would change and the exact SQL; change nothing (the default)")->group(kWhatToDo);
    app.add_flag("--apply", apply, "Run the plan in one transaction, then verify")->group(kWhatToDo);
    app.add_option("--plan-out", plan_out, "dry run: also write the plan and the target's catalog fingerprint to FILE (JSON)")
        ->group(kWhatToDo);
    app.add_option("--plan", plan_in, "apply exactly the reviewed plan in FILE, only if the target has not changed since")
        ->group(kWhatToDo);
    app.add_flag("--yes", yes, "apply to a protected environment without asking")->group(kWhatToDo);
    bool schema_only = false, data_only = false;
    app.add_flag("--schema-only", schema_only, "leave declared rows ([[tables.rows]]) out: compare and change the schema alone")
        ->group(kWhatToDo);
    app.add_flag("--data-only", data_only,
                 "compare and change the declared rows alone; refused while the schema differs from the model")
        ->group(kWhatToDo);

    add_format_options(app, format, exit_code);
    add_color_option(app, color);

    bool allow_drop = false, strict = false;
    std::vector<std::string> allow_hazards;
    app.add_flag("--allow-drop", allow_drop,
                 "drop what the database has and the model does not declare (tables, columns, indexes, constraints, views, "
                 "sequences, types), and the data that goes with it (default: reported, kept)")
        ->group(kSafety);
    app.add_option("--allow-hazards", allow_hazards,
                   "let --apply run statements with these hazards (comma-separated: rewrites-table, deletes-data); "
                   "without, a plan holding one is refused before any change")
        ->delimiter(',')
        ->group(kSafety);
    app.add_flag("--strict", strict,
                 "objects and attributes the model cannot declare (listed as not managed) fail the dry run's --exit-code "
                 "(exit 3) and make --apply refuse")
        ->group(kSafety);
    std::string lock_timeout = std::to_string(db::kDefaultLockTimeout.count()) + "ms";
    app.add_option("--lock-timeout", lock_timeout,
                   "how long any statement may wait for a lock another session holds (500ms, 5s, 2m); then the "
                   "transaction is rolled back and tried again (--retries), naming the sessions that blocked it; waiting "
                   "for another reconcile's apply is bounded separately (--apply-lock-wait)")
        ->capture_default_str()
        ->group(kSafety);
    int retries = 3;
    app.add_option("--retries", retries, "how many times --apply tries again after a lock timeout, waiting 1 s, 2 s, 4 s, ... in between")
        ->capture_default_str()
        ->check(CLI::Range(0, 100))
        ->group(kSafety);
    std::string statement_timeout, long_transaction = "1m", wait_for_idle;
    app.add_option("--statement-timeout", statement_timeout,
                   "how long any one statement of the main transaction may run (500ms, 5s, 2m); then it is cancelled and "
                   "the transaction rolled back (default: no limit)")
        ->group(kSafety);
    app.add_option("--long-transaction", long_transaction,
                   "--apply first reports other sessions' transactions open longer than this (they hold locks DDL would "
                   "queue behind, and concurrent index builds wait for them)")
        ->capture_default_str()
        ->group(kSafety);
    app.add_option("--wait-for-idle", wait_for_idle,
                   "--apply waits up to this long for those transactions to end before it runs anything (default: it "
                   "reports them and goes on, the lock timeout keeping it from queueing behind them)")
        ->group(kSafety);
    std::string apply_lock_wait = "30m";
    app.add_option("--apply-lock-wait", apply_lock_wait,
                   "how long --apply waits for another reconcile's apply to finish (release phases of one deploy take "
                   "turns), and how long a concurrent index build or validation after the main transaction waits for its lock")
        ->capture_default_str()
        ->group(kSafety);
    bool no_concurrently = false;
    app.add_flag("--no-concurrently", no_concurrently,
                 "keep every statement in the one transaction: build indexes on tables with rows with a plain CREATE INDEX "
                 "(writes wait) and validate constraints inside it, instead of concurrently and after it (default: "
                 "concurrently on tables with rows)")
        ->group(kSafety);

    ExportOptions export_options;
    std::string export_url;
    CLI::App* export_cmd = app.add_subcommand("export", "Write the live database's schema as TOML (to stdout, or one file per table)");
    export_cmd->add_option("--database-url", export_url, "the database to read (default: $DATABASE_URL, else sqlite:reconcile.db)");
    export_cmd->add_option("--out", export_options.out_dir, "write DIR/tables/<table>.toml instead of one document on stdout");
    export_cmd->add_flag("--owners", export_options.with_owners,
                         "write each object's owner (owner = \"role\"), which the model then manages; off: owners are not managed");
    export_cmd->add_option("--data", export_options.data_tables,
                           "also write these tables' rows as [[tables.rows]], sorted by primary key (TABLE or SCHEMA.TABLE, comma-separated)")
        ->delimiter(',');

    DiffOptions diff_options;
    std::string diff_format = "text";
    CLI::App* diff_cmd = app.add_subcommand("diff", "Show what it would take to turn TO into FROM (each a schema path or a database URL); changes nothing");
    diff_cmd->add_option("FROM", diff_options.from, "the desired schema")->required();
    diff_cmd->add_option("TO", diff_options.to, "the schema to compare it with")->required();
    add_format_options(*diff_cmd, diff_format, diff_options.exit_code);
    add_color_option(*diff_cmd, color);
    bool diff_no_server_compare = false;
    diff_cmd->add_flag("--no-server-compare", diff_no_server_compare, no_server_compare_help);
    bool diff_allow_drop = false;
    diff_cmd->add_flag("--allow-drop", diff_allow_drop, "show what TO has and FROM does not as drops, with their SQL");

    CheckOptions check_options;
    std::string check_format = "text";
    CLI::App* check_cmd = app.add_subcommand(
        "check", "Validate the model with no database: its mistakes at file:line:column (exit 1), then what a reviewer would flag");
    check_cmd->add_option("--schema", check_options.schema_path, "TOML file or directory (read recursively)")->capture_default_str();
    check_cmd->add_option("--base", check_options.base,
                          "the schema the model changes (a schema path, or a database URL read without changing it): its "
                          "tables' new NOT NULL columns without a default are flagged");
    check_cmd->add_option("--format", check_format, "text (for people) or json (for editors and CI)")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "json"}));
    check_cmd->add_flag("--fail-on-warnings", check_options.fail_on_warnings, "exit 1 when anything is flagged, too");
    add_color_option(*check_cmd, color);

    CLI::App* version_cmd = app.add_subcommand("version", "Print the version, the commit it was built from and its libraries");
    app.require_subcommand(0, 1);

    // Everything printed on failure passes through here: no password from a URL survives it.
    // The command line's own URLs are known before it is parsed, since CLI11 repeats a word it
    // does not expect as it was given (a URL typed where no option takes it, a misspelt flag's
    // value).
    std::vector<std::string> secrets;
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto found = db::secrets_in_text(args[i]);
        secrets.insert(secrets.end(), found.begin(), found.end());
    }
    auto fail = [&](int status, const std::string& message) {
        err << report::kError << " error: " << db::redact(message, secrets) << "\n";
        err.flush();
        return status;
    };
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
        try {
            app.parse(reversed);
        } catch (const CLI::CallForHelp&) {
            out << app.help();
            return static_cast<int>(ExitStatus::Ok);
        } catch (const CLI::ParseError& e) {
            return fail(static_cast<int>(ExitStatus::Usage), std::string(e.what()) + "\nRun with --help for usage.");
        }
        if (version || version_cmd->parsed()) {
            out << version_text();
            return static_cast<int>(ExitStatus::Ok);
        }
        const bool terminal = &out == &std::cout && ::isatty(STDOUT_FILENO);
        const char* no_color = std::getenv("NO_COLOR");
        report::Style style;
        style.color = color == "always" || (color == "auto" && terminal && !(no_color && *no_color));

        std::optional<ProjectConfig> config = load_project_config();
        auto environment = [&](const std::string& name) -> const Environment* {
            if (!config) return nullptr;
            auto it = config->environments.find(name);
            return it == config->environments.end() ? nullptr : &it->second;
        };

        if (check_cmd->parsed()) {
            check_options.format = parse_format(check_format);
            check_options.style = style;
            return run_check(check_options, out, secrets);
        }
        if (dry_run && apply) return fail(static_cast<int>(ExitStatus::Usage), "--dry-run and --apply ask for opposite things; give one");
        if (export_cmd->parsed()) {
            ResolvedUrl url = resolve_database_url(export_url);
            export_options.database_url = url.url;
            export_options.embedded_default = url.embedded_default;
            return run_export(export_options, out, err, secrets);
        }
        if (diff_cmd->parsed()) {
            // A side named like an environment of reconcile.toml stands for that environment.
            for (std::string* side : {&diff_options.from, &diff_options.to})
                if (const Environment* env = environment(*side)) *side = environment_url(*env);
            diff_options.format = parse_format(diff_format);
            diff_options.ask_server = !diff_no_server_compare;
            diff_options.policy.allow_drop = diff_allow_drop;
            diff_options.style = style;
            return run_diff(diff_options, out, secrets);
        }

        SyncOptions o;
        o.mode = apply ? Mode::Apply : Mode::DryRun;
        o.mode_given = apply || dry_run;
        o.ask_server = !no_server_compare;
        o.schema_path = schema_path;
        if (config && config->schema_path && app.count("--schema") == 0) o.schema_path = *config->schema_path;
        if (config) o.ignore_tables = config->ignore_tables;
        ResolvedUrl url = resolve_database_url(database_url);
        if (!env_name.empty()) {
            const Environment* env = environment(env_name);
            if (!env)
                return fail(static_cast<int>(ExitStatus::Usage), "no environment '" + env_name + "' in " + kProjectConfigFile);
            if (!database_url.empty())
                return fail(static_cast<int>(ExitStatus::Usage), "--env and --database-url both name the target; give one");
            url = ResolvedUrl{environment_url(*env), false};
            o.environment = env_name;
            o.is_protected = env->is_protected;
            o.policy.allow_drop = env->allow_drop;
            o.policy.strict = env->strict;
            o.policy.allow_hazards = policy::parse_hazard_list(env->allow_hazards, "environment '" + env_name + "'");
            // The environment's waits, where the command line does not say.
            if (env->lock_timeout && app.count("--lock-timeout") == 0) lock_timeout = std::to_string(env->lock_timeout->count()) + "ms";
            if (env->statement_timeout && app.count("--statement-timeout") == 0)
                statement_timeout = std::to_string(env->statement_timeout->count()) + "ms";
            if (env->wait_for_idle && app.count("--wait-for-idle") == 0) wait_for_idle = std::to_string(env->wait_for_idle->count()) + "ms";
            if (env->retries && app.count("--retries") == 0) retries = *env->retries;
            if (env->concurrently && !no_concurrently) no_concurrently = !*env->concurrently;
        }
        o.database_url = url.url;
        o.embedded_default = url.embedded_default;
        o.yes = yes;
        o.plan_out = plan_out;
        o.plan_in = plan_in;
        if (schema_only && data_only)
            return fail(static_cast<int>(ExitStatus::Usage), "--schema-only and --data-only leave nothing to do together; give one");
        o.schema_only = schema_only;
        o.data_only = data_only;
        if (!plan_in.empty() && !apply)
            return fail(static_cast<int>(ExitStatus::Usage), "--plan FILE applies a reviewed plan: use it with --apply");
        if (!plan_out.empty() && apply)
            return fail(static_cast<int>(ExitStatus::Usage), "--plan-out writes the plan of a dry run: use it without --apply");
        o.format = parse_format(format);
        for (auto [flag, text, into] : {std::tuple{"--lock-timeout", &lock_timeout, &o.lock_timeout},
                                        std::tuple{"--statement-timeout", &statement_timeout, &o.statement_timeout},
                                        std::tuple{"--long-transaction", &long_transaction, &o.long_transaction},
                                        std::tuple{"--wait-for-idle", &wait_for_idle, &o.wait_for_idle},
                                        std::tuple{"--apply-lock-wait", &apply_lock_wait, &o.apply_lock_wait}}) {
            if (text->empty()) continue;  // not given, and no default: none
            auto duration = parse_duration(*text);
            if (!duration)
                return fail(static_cast<int>(ExitStatus::Usage),
                            std::string(flag) + " wants a positive duration such as 500ms, 5s or 2m, not '" + *text + "'");
            *into = *duration;
        }
        o.retries = retries;
        o.policy.online = !no_concurrently;
        o.exit_code = exit_code;
        o.style = style;
        o.policy.allow_drop = o.policy.allow_drop || allow_drop;
        o.policy.strict = o.policy.strict || strict;
        for (auto kind : policy::parse_hazard_list(allow_hazards, "--allow-hazards")) {
            if (!plan::needs_permission(kind))
                return fail(static_cast<int>(ExitStatus::Usage), std::string("--allow-hazards names '") + plan::to_string(kind) +
                                                                     "', which never needs permission (it is shown and runs)");
            o.policy.allow_hazards.insert(kind);
        }
        if (apply && (o.format != Format::Text || exit_code))
            return fail(static_cast<int>(ExitStatus::Usage), "--format and --exit-code describe a dry run; --apply always prints text");
        return run_sync(o, out, err, secrets);
    } catch (const SqlError& e) {
        if (e.lock_not_available())
            return fail(static_cast<int>(ExitStatus::Failure),
                        "waited the lock timeout (--lock-timeout) for a lock another session holds, and gave up; nothing was "
                        "changed.\nthe database said: " + std::string(e.what()) + "\nwhile running: " + report::first_line(e.statement()));
        return fail(static_cast<int>(ExitStatus::Failure), std::string(e.what()) + "\nwhile running:\n" + e.statement());
    } catch (const Error& e) {
        return fail(static_cast<int>(exit_status(e.kind())), describe(e));
    } catch (const std::exception& e) {
        return fail(static_cast<int>(ExitStatus::Failure), std::string("unexpected: ") + e.what());
    }
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    // Line by line, also into a pipe or a CI log: a run that is killed has said what it was
    // doing up to then.
    std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
    // A reader that goes away (`| grep -q`, `| head`) must not kill a run half-way through an
    // apply: writes to it fail quietly instead, and the run finishes and says how it went in
    // its exit status.
    std::signal(SIGPIPE, SIG_IGN);
    return run(std::vector<std::string>(argv, argv + argc), out, err);
}

}  // namespace reconcile::cli
