#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"

namespace reconcile::cli {

// --dry-run / --apply. Returns the exit status; throws reconcile::Error for cli::run to report.
// `secrets` receives the target's secrets as soon as they are known, for redaction.
int run_sync(const SyncOptions& options, std::ostream& out, std::vector<std::string>& secrets);

}  // namespace reconcile::cli
