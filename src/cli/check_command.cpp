#include "cli/check_command.h"

#include <ostream>

#include "cli/source.h"
#include "model/load_toml.h"
#include "report/check_report.h"

namespace reconcile::cli {

int run_check(const CheckOptions& o, std::ostream& out, std::vector<std::string>& secrets) {
    report::CheckResult result;
    result.model = o.schema_path;
    result.base_given = !o.base.empty();
    // A mistake in the model is the answer `check` gives, not a failure of the run: it is
    // written in the output format asked for. A base that cannot be read is a failure, and
    // goes to the error boundary.
    std::optional<model::Schema> model;
    try {
        model = model::load_schema(o.schema_path);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Schema) throw;
        result.error = e;
    }
    if (model) {
        std::optional<Source> base;
        if (!o.base.empty()) base = load_source(o.base, secrets);
        result.lints = model::lint_schema(*model, base ? &base->schema : nullptr);
        result.tables = model->tables.size();
        result.views = model->views.size();
        result.functions = model->functions.size();
    }
    if (o.format == Format::Json)
        out << report::check_to_json(result).dump(2) << "\n";
    else
        report::print_check(out, result, o.style);
    if (result.error) return static_cast<int>(ExitStatus::Failure);
    if (o.fail_on_warnings && !result.lints.empty()) return static_cast<int>(ExitStatus::Failure);
    return static_cast<int>(ExitStatus::Ok);
}

}  // namespace reconcile::cli
