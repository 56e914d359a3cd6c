#pragma once
// What --apply says while it works: lock timeouts it retries, the preflight's long transactions.
#include <chrono>
#include <ostream>
#include <vector>

#include "apply/executor.h"
#include "report/style.h"

namespace reconcile::report {

void print_lock_retry(std::ostream& out, const apply::LockRetry& retry, const Style& style);
void print_long_transactions(std::ostream& out, const std::vector<dialect::OtherSession>& found, bool waited,
                             std::chrono::milliseconds threshold, const Style& style);

}  // namespace reconcile::report
