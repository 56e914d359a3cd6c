#include "cli/diff_command.h"

#include <ostream>

#include "apply/executor.h"
#include "cli/source.h"
#include "cli/sync_command.h"
#include "core/error.h"
#include "dialect/dialect.h"
#include "diff/differ.h"

namespace reconcile::cli {

int run_diff(const DiffOptions& o, std::ostream& out, std::vector<std::string>& secrets) {
    Source from = load_source(o.from, secrets);
    Source to = load_source(o.to, secrets);
    // The SQL is written for TO's engine; between two TOML models, for PostgreSQL.
    db::Engine engine = to.engine.value_or(from.engine.value_or(db::Engine::PostgreSQL));
    const dialect::Dialect& d = dialect::dialect_for(engine);
    // FROM's expressions as TO's server would store them, when TO is a database (see
    // expressions_as_stored): a model is not reported as differing from what it created.
    std::optional<model::Schema> stored;
    if (to.connection && o.ask_server) stored = apply::expressions_as_stored(*to.connection, d, from.schema, to.schema);
    // FROM's declared rows against TO's, when TO is a database (between two models, only the
    // schemas are compared).
    std::optional<diff::DataDiff> data;
    if (to.connection) data = apply::read_rows(*to.connection, d, from.schema, to.schema);
    plan::Plan plan = apply::plan_changes(d, from.schema, stored, to.schema, o.policy, {}, std::move(data));
    if (o.format == Format::Text)
        out << o.style.paint(report::Color::Bold, "reconcile diff") << ": what turns " << to.display << " into "
            << from.display << " (" << d.name() << ")\n\n";
    print_plan_as(out, o.format, plan, engine, to.display, o.style);
    return static_cast<int>(o.exit_code && plan.has_changes() ? ExitStatus::ChangesPending : ExitStatus::Ok);
}

}  // namespace reconcile::cli
