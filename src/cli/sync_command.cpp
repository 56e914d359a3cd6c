#include "cli/sync_command.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

#include "apply/executor.h"
#include "cli/source.h"
#include "core/error.h"
#include "db/target.h"
#include "diff/differ.h"
#include "report/apply_events.h"
#include "report/machine_report.h"
#include "report/progress.h"
#include "report/text_report.h"

namespace reconcile::cli {
namespace {

using report::Color;

const char* engine_name(db::Engine e) { return e == db::Engine::PostgreSQL ? "postgresql" : "sqlite"; }

void print_header(std::ostream& out, const SyncOptions& o, const db::Target& target, db::Connection& c,
                  const Source& source) {
    const report::Style& s = o.style;
    out << s.paint(Color::Bold, std::string("reconcile ") + (o.mode == Mode::Apply ? "apply" : "dry run")) << ": "
        << target.display() << " (" << c.server_version() << ")\n";
    out << "model: " << source.display << " (" << source.schema.tables.size()
        << (source.schema.tables.size() == 1 ? " table" : " tables") << ")\n\n";
}

void print_failure(std::ostream& out, const report::Style& s, const apply::StatementFailed& f, int retries) {
    out << "\n" << s.paint(Color::Red, std::string(report::kError) + " statement " + std::to_string(f.index()) + " of " +
                                           std::to_string(f.total()) + " failed:")
        << "\n" << f.statement() << ";\n"
        << s.paint(Color::Red, "the database said: " + std::string(f.what())) << "\n";
    if (f.lock_not_available())
        out << s.paint(Color::Red, std::string(report::kError) + " it waited the lock timeout (--lock-timeout) " + std::to_string(retries + 1) +
                                       " time(s) for a lock another session holds, and gave up: stop or wait for the session named, "
                                       "or raise --lock-timeout or --retries")
            << "\n";
    if (f.cancelled())
        out << s.paint(Color::Red, std::string(report::kError) + " the statement timeout (--statement-timeout) cancelled it") << "\n";
    if (f.after_commit()) {
        out << s.paint(Color::Red, std::string(report::kError) +
                                       " the main transaction had committed; this statement ran after it, on its own, and the "
                                       "statements after it did not run. What is left is planned again by the next apply (an "
                                       "INVALID index a failed concurrent build left is dropped and built again)")
            << "\n";
        return;
    }
    if (f.committed_before() == 0)
        out << s.paint(Color::Red, std::string(report::kError) + " rolled back: nothing was changed") << "\n";
    else
        out << s.paint(Color::Red, std::string(report::kError) + " rolled back; the " + std::to_string(f.committed_before()) +
                                       " enum value(s) committed before the transaction stay (they are additive)")
            << "\n";
}

void print_text_plan(std::ostream& out, const plan::Plan& plan, const report::Style& s) {
    report::print_plan(out, plan, s);
    report::print_sql(out, plan, s);
    report::print_summary(out, plan, s);
}

// In GitHub Actions, warnings become annotations and the plan goes to the step summary.
void report_to_github(std::ostream& out, const plan::Plan& plan, const std::string& target) {
    const char* actions = std::getenv("GITHUB_ACTIONS");
    if (!actions || std::string(actions) != "true") return;
    report::print_github_annotations(out, plan);
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
        report::append_github_summary(summary, plan, target);
}

struct PlanFile {
    std::vector<plan::Statement> statements;  // in the order they run, each where its `runs` says
    std::string fingerprint;
};

void write_plan_file(const std::string& path, const plan::Plan& plan, const db::Target& target, const std::string& fingerprint) {
    nlohmann::json j = report::plan_to_json(plan, engine_name(target.engine()), target.display());
    j["fingerprint"] = fingerprint;
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << j.dump(2) << "\n";
    if (!f) throw Error(ErrorKind::Usage, "cannot write the plan file '" + path + "'");
}

PlanFile read_plan_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Usage, "cannot read the plan file '" + path + "'");
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        if (j.at("format") != "reconcile.plan")
            throw Error(ErrorKind::Usage, "'" + path + "' is not a reconcile plan");
        if (j.at("version") != report::kPlanFormatVersion)
            throw Error(ErrorKind::Usage, "'" + path + "' is a plan of format version " + j.at("version").dump() + "; this reconcile reads version " +
                                              std::to_string(report::kPlanFormatVersion) + ": make the plan again with it");
        // Statements in the order they run: those committed first at the head.
        PlanFile plan{{}, j.at("fingerprint").get<std::string>()};
        for (const auto& statement : j.at("statements")) {
            const auto runs = plan::phase_from_string(statement.at("runs").get<std::string>());
            if (!runs)
                throw Error(ErrorKind::Usage, "'" + path + "' is not a consistent plan: a statement runs '" +
                                                  statement.at("runs").get<std::string>() + "'");
            if (!plan.statements.empty() && plan.statements.back().runs > *runs)
                throw Error(ErrorKind::Usage, "'" + path + "' is not a consistent plan: its statements must run before the transaction, "
                                                           "in it and after it, in that order");
            plan::Statement read(statement.at("sql").get<std::string>(), {}, *runs);
            read.fails_if_rows = statement.value("fails_if_rows", false);
            if (statement.contains("params")) {
                for (const auto& p : statement.at("params")) read.params.push_back(p.is_null() ? std::nullopt : std::optional<std::string>(p.get<std::string>()));
                read.script = statement.at("script").get<std::string>();
            }
            const auto wait = plan::lock_wait_from_string(statement.value("lock_wait", "short"));
            if (!wait)
                throw Error(ErrorKind::Usage, "'" + path + "' is not a consistent plan: a statement's lock_wait is '" +
                                                  statement.value("lock_wait", "") + "'");
            read.lock_wait = *wait;
            for (const auto& h : statement.at("hazards")) {
                const auto kind = plan::hazard_kind_from_string(h.at("kind").get<std::string>());
                if (!kind)
                    throw Error(ErrorKind::Usage, "'" + path + "' is not a consistent plan: a statement has the hazard '" +
                                                      h.at("kind").get<std::string>() + "'");
                read.hazards.push_back({*kind, h.at("reason").get<std::string>()});
            }
            plan.statements.push_back(std::move(read));
        }
        return plan;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::Usage, "'" + path + "' is not a readable plan file: " + e.what());
    }
}

// --data-only deploys rows onto a schema already in place: a plan that would also change the
// schema is refused before anything runs (reconcile --apply --schema-only first).
void refuse_schema_changes_for_data_only(const SyncOptions& o, const plan::Plan& plan) {
    if (!o.data_only || plan.steps.empty()) return;
    throw Error(ErrorKind::Refused, "--data-only: the schema differs from the model (" + std::to_string(plan.steps.size()) +
                                        " change(s), see `reconcile --dry-run --schema-only`); apply the schema first: "
                                        "reconcile --apply --schema-only. Nothing was changed.");
}

// The person types "yes" after reading the plan (already printed with its summary).
bool confirm(std::ostream& out, const std::string& environment) {
    out << "\nEnvironment '" << environment << "' is protected. Type yes to apply: ";
    out.flush();
    std::string answer;
    if (!std::getline(std::cin, answer)) return false;
    return answer == "yes";
}

}  // namespace

ResolvedUrl resolve_database_url(const std::string& flag) {
    if (!flag.empty()) return {flag, false};
    if (const char* url = std::getenv("DATABASE_URL"); url && *url) return {url, false};
    return {std::string("sqlite:") + kEmbeddedDatabaseFile, true};
}

void print_plan_as(std::ostream& out, Format format, const plan::Plan& plan, db::Engine engine,
                   const std::string& target, const report::Style& style) {
    switch (format) {
        case Format::Json: out << report::plan_to_json(plan, engine_name(engine), target).dump(2) << "\n"; break;
        case Format::Sql: report::print_sql_script(out, plan, target, engine == db::Engine::PostgreSQL); break;
        case Format::Text: print_text_plan(out, plan, style); break;
    }
}

int run_sync(const SyncOptions& o, std::ostream& out, std::ostream& err, std::vector<std::string>& secrets) {
    const report::Style& s = o.style;
    // The target is parsed first only so that its secrets are known to the error boundary;
    // the schema is loaded and validated before any connection to the target is opened.
    db::Target target = db::Target::parse(o.database_url);
    secrets.insert(secrets.end(), target.secrets().begin(), target.secrets().end());
    if (o.embedded_default)
        (o.format == Format::Text ? out : err)
            << "No database URL given (--database-url or DATABASE_URL): using the embedded SQLite database ./"
            << kEmbeddedDatabaseFile << "\n";

    Source desired = load_source(o.schema_path, secrets);
    if (o.ignore_tables) desired.schema.ignore_tables = *o.ignore_tables;
    if (o.schema_only)
        for (auto& t : desired.schema.tables) t.data.reset();
    const dialect::Dialect& dialect = dialect::dialect_for(target.engine());

    // A protected environment: with no person at a terminal to ask, and no --yes, refuse
    // before opening a connection that could write.
    const bool ask = o.mode == Mode::Apply && o.is_protected && !o.yes;
    if (ask && !::isatty(STDIN_FILENO))
        throw Error(ErrorKind::Refused, "environment '" + o.environment +
                                            "' is protected: applying needs a person to confirm at a terminal, or --yes");
    std::optional<PlanFile> reviewed;
    if (!o.plan_in.empty()) reviewed = read_plan_file(o.plan_in);

    const auto ask_server = o.ask_server ? apply::AskServer::Yes : apply::AskServer::No;
    apply::Waits waits;
    waits.lock_timeout = o.lock_timeout;
    waits.statement_timeout = o.statement_timeout;
    waits.retries = o.retries;
    waits.long_transaction = o.long_transaction;
    waits.wait_for_idle = o.wait_for_idle;
    waits.apply_lock = o.apply_lock_wait;
    const char* actions = std::getenv("GITHUB_ACTIONS");
    report::Progress progress(err, report::progress_mode(&err == &std::cerr), actions && std::string(actions) == "true",
                              report::progress_interval());
    if (o.mode == Mode::DryRun) {
        auto connection = db::open(target, db::OpenMode::ReadOnly, o.lock_timeout);
        if (o.format == Format::Text) print_header(out, o, target, *connection, desired);
        std::string fingerprint;
        progress.stage("reading the catalog");
        plan::Plan plan =
            apply::dry_run(*connection, dialect, desired.schema, o.plan_out.empty() ? nullptr : &fingerprint, ask_server, o.policy);
        progress.idle();
        refuse_schema_changes_for_data_only(o, plan);
        print_plan_as(out, o.format, plan, target.engine(), target.display(), s);
        if (!o.plan_out.empty()) {
            write_plan_file(o.plan_out, plan, target, fingerprint);
            (o.format == Format::Text ? out : err) << "plan written to " << o.plan_out << "\n";
        }
        // Machine output stays parseable: the annotations go to stderr then, which the runner
        // reads workflow commands from as well.
        report_to_github(o.format == Format::Text ? out : err, plan, target.display());
        if (o.format == Format::Text) report::print_refusals(out, policy::refusals(plan, o.policy), s, false);
        const bool strict_failure = o.policy.strict && plan.not_managed_count() > 0;
        if (strict_failure) report::print_strict_refusal(o.format == Format::Text ? out : err, plan, s, false);
        if (o.format == Format::Text && plan.has_changes())
            out << (o.mode_given ? "Dry run: nothing was changed. " : "Nothing was changed. ")
                << "Run `reconcile --apply` to apply.\n";
        return static_cast<int>(o.exit_code && (plan.has_changes() || strict_failure) ? ExitStatus::ChangesPending : ExitStatus::Ok);
    }

    auto connection = db::open(target, db::OpenMode::ReadWrite, o.lock_timeout);
    print_header(out, o, target, *connection, desired);
    apply::Outcome outcome;
    bool refused = false;
    auto on_planned = [&](const plan::Plan& plan) {
        progress.idle();
        refuse_schema_changes_for_data_only(o, plan);
        print_text_plan(out, plan, s);
        report_to_github(out, plan, target.display());
        // Refused before anyone is asked, and before anything runs.
        if (auto refusals = policy::refusals(plan, o.policy); !refusals.empty()) {
            report::print_refusals(out, refusals, s, true);
            refused = true;
            return false;
        }
        if (o.policy.strict && plan.not_managed_count() > 0) {
            report::print_strict_refusal(out, plan, s, true);
            refused = true;
            return false;
        }
        if (reviewed) out << "\nApplying the reviewed plan " << o.plan_in << " (" << reviewed->statements.size() << " statement(s))\n";
        if (!plan.has_changes() && !reviewed) return true;
        if (ask && !confirm(out, o.environment)) return false;
        if (!reviewed) {
            const auto before = plan.sql(plan::Phase::BeforeTransaction).size();
            const auto after = plan.sql(plan::Phase::AfterTransaction).size();
            out << "\nApplying " << plan.statements().size() - before - after << " statement(s) in one transaction";
            if (before) out << ", after committing " << before << " enum value(s) first";
            if (after) out << ", then " << after << " after it, each on its own";
            out << "...\n";
        }
        out.flush();
        return true;
    };
    apply::Events events;
    events.retrying = [&](const apply::LockRetry& r) {
        progress.idle();
        report::print_lock_retry(out, r, s);
    };
    events.long_transactions = [&](const std::vector<dialect::OtherSession>& found, bool waited) {
        progress.idle();
        report::print_long_transactions(out, found, waited, o.long_transaction, s);
    };
    events.stage = [&](const char* stage) { progress.stage(stage); };
    events.statement = [&](std::size_t index, std::size_t total, const std::string& sql) { progress.step(index, total, sql); };
    events.after_transaction = [&](std::size_t count) {
        progress.idle();
        out << "committed the main transaction; running " << count << " statement(s) after it, each on its own...\n";
        out.flush();
    };
    try {
        outcome = reviewed ? apply::apply_reviewed(*connection, dialect, desired.schema, reviewed->statements, reviewed->fingerprint,
                                                   on_planned, ask_server, waits, o.policy, events)
                           : apply::apply(*connection, dialect, desired.schema, on_planned, ask_server, waits, o.policy, events);
    } catch (const apply::StatementFailed& f) {
        progress.idle();
        print_failure(out, s, f, o.retries);
        return static_cast<int>(ExitStatus::Failure);
    }
    progress.idle();
    if (outcome.cancelled && refused) return static_cast<int>(ExitStatus::Failure);
    if (outcome.cancelled) {
        out << s.paint(Color::Yellow, "not confirmed: nothing was changed") << "\n";
        return static_cast<int>(ExitStatus::Failure);
    }
    if (outcome.failed_after) {
        print_failure(out, s, *outcome.failed_after, o.retries);
        out << s.paint(Color::Red, std::string(report::kError) + " the database after the failure, against the model:") << "\n";
        report::print_plan(out, outcome.after, s);
        return static_cast<int>(ExitStatus::Failure);
    }
    if (outcome.executed == 0)
        out << "\n" << s.paint(Color::Green, std::string(report::kInSync) + " nothing to apply: no DDL executed") << "\n";
    else
        out << s.paint(Color::Green, std::string(report::kInSync) + " applied " + std::to_string(outcome.executed) +
                                         " statement(s) and committed")
            << "\n";
    if (!outcome.verified()) {
        out << s.paint(Color::Red, std::string(report::kError) +
                                       " verification failed: the database still differs from the model after commit:")
            << "\n";
        report::print_plan(out, outcome.after, s);
        return static_cast<int>(ExitStatus::Failure);
    }
    out << s.paint(Color::Green, std::string(report::kInSync) + " verified: the database matches the model (" +
                                     report::summary_line(outcome.after) + ")")
        << "\n";
    return static_cast<int>(ExitStatus::Ok);
}

}  // namespace reconcile::cli
