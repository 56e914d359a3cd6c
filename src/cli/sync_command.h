#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"
#include "db/connection.h"
#include "plan/plan.h"

namespace reconcile::cli {

// --dry-run / --apply. Returns the exit status; throws reconcile::Error for cli::run to report.
// `secrets` receives every URL secret as soon as it is known, for redaction.
int run_sync(const SyncOptions& options, std::ostream& out, std::ostream& err, std::vector<std::string>& secrets);

// A plan in the chosen format (shared by dry runs and `diff`).
void print_plan_as(std::ostream& out, Format format, const plan::Plan& plan, db::Engine engine,
                   const std::string& target, const report::Style& style);

}  // namespace reconcile::cli
