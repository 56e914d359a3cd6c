#include "cli/sync_command.h"

#include <ostream>

#include "apply/executor.h"
#include "core/error.h"
#include "db/target.h"
#include "model/load_toml.h"
#include "report/text_report.h"

namespace reconcile::cli {
namespace {

using report::Color;

void print_header(std::ostream& out, const SyncOptions& o, const db::Target& target, db::Connection& c,
                  const model::Schema& schema) {
    const report::Style& s = o.style;
    out << s.paint(Color::Bold, std::string("reconcile ") + (o.mode == Mode::Apply ? "apply" : "dry run")) << ": "
        << target.display() << " (" << c.server_version() << ")\n";
    out << "model: " << o.schema_path << " (" << schema.tables.size() << (schema.tables.size() == 1 ? " table" : " tables") << ")\n\n";
}

void print_failure(std::ostream& out, const report::Style& s, const apply::StatementFailed& f) {
    out << "\n" << s.paint(Color::Red, std::string(report::kError) + " statement " + std::to_string(f.index()) + " of " +
                                           std::to_string(f.total()) + " failed:")
        << "\n" << f.statement() << ";\n"
        << s.paint(Color::Red, "the database said: " + std::string(f.what())) << "\n"
        << s.paint(Color::Red, std::string(report::kError) + " rolled back: nothing was changed") << "\n";
}

}  // namespace

int run_sync(const SyncOptions& o, std::ostream& out, std::vector<std::string>& secrets) {
    const report::Style& s = o.style;
    // The target is parsed first only so that its secrets are known to the error boundary;
    // the schema is loaded and validated before any connection is opened.
    db::Target target = db::Target::parse(o.database_url);
    secrets = target.secrets();
    if (o.embedded_default)
        out << "No database URL given (--database-url or DATABASE_URL): using the embedded SQLite database ./"
            << kEmbeddedDatabaseFile << "\n";

    model::Schema desired = model::load_schema(o.schema_path);
    const dialect::Dialect& dialect = dialect::dialect_for(target.engine());

    if (o.mode == Mode::DryRun) {
        auto connection = db::open(target, db::OpenMode::ReadOnly);
        print_header(out, o, target, *connection, desired);
        plan::Plan plan = apply::dry_run(*connection, dialect, desired);
        report::print_plan(out, plan, s);
        report::print_sql(out, plan, s);
        report::print_summary(out, plan, s);
        if (plan.has_changes())
            out << (o.mode_given ? "Dry run: nothing was changed. " : "Nothing was changed. ")
                << "Run `reconcile --apply` to apply.\n";
        return static_cast<int>(ExitStatus::Ok);
    }

    auto connection = db::open(target, db::OpenMode::ReadWrite);
    print_header(out, o, target, *connection, desired);
    apply::Outcome outcome;
    try {
        outcome = apply::apply(*connection, dialect, desired, [&](const plan::Plan& plan) {
            report::print_plan(out, plan, s);
            report::print_sql(out, plan, s);
            report::print_summary(out, plan, s);
            if (plan.has_changes())
                out << "\nApplying " << plan.statements().size() << " statement(s) in one transaction...\n";
            out.flush();
        });
    } catch (const apply::StatementFailed& f) {
        print_failure(out, s, f);
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
