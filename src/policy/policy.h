#pragma once
// What a run is allowed to do, between the diff and the plan (which changes are acted on) and
// between the plan and the executor (which hazards may run). The differ lists every change
// the model implies; the policy is the only place that withholds one.
#include <set>
#include <string>
#include <vector>

#include "diff/change.h"
#include "diff/data.h"
#include "plan/plan.h"
#include "plan/statement.h"

namespace reconcile::policy {

struct Policy {
    // Drop what the database has and the model does not declare (--allow-drop, or
    // allow_drop = true on the environment); it also allows the data those drops delete.
    bool allow_drop = false;
    // Hazards that need permission (plan::needs_permission) and are given it by name
    // (--allow-hazards, or allow_hazards on the environment).
    std::set<plan::HazardKind> allow_hazards;
    // Keep the long locks of changes to tables with rows out of the main transaction (concurrent
    // index builds, validations after it); false: --no-concurrently, everything in one transaction.
    bool online = true;
    // What the model cannot declare is a failure, not a report: a dry run's --exit-code exits 3
    // and --apply refuses (--strict, or strict = true on the environment).
    bool strict = false;
};

// The diff with the drops the policy does not allow turned into reports (warnings that the
// object is left alone, saying which flag would drop it).
diff::Diff withhold_drops(diff::Diff diff, const Policy& policy);
// The rows a sync table would delete, kept (TableRows::kept) unless the policy allows drops:
// deleting rows the model does not declare deletes data, as a drop does.
diff::DataDiff withhold_row_deletes(diff::DataDiff data, const Policy& policy);

// A statement of the plan that needs a permission the policy does not give.
struct Refusal {
    std::string object;      // "column public.users.legacy"
    std::string sql;         // the statement's first line
    plan::Hazard hazard;
    std::string allowed_by;  // the flag that would allow it: "--allow-drop", "--allow-hazards rewrites-table"
};
std::vector<Refusal> refusals(const plan::Plan& plan, const Policy& policy);
// The same, for statements read from a reviewed plan file (their hazards as the file says).
std::vector<Refusal> refusals(const std::vector<plan::Statement>& statements, const Policy& policy);

// "--allow-hazards" takes a comma-separated list of hazard names; Error{Usage} on others.
std::set<plan::HazardKind> parse_hazard_list(const std::vector<std::string>& names, const std::string& where);

}  // namespace reconcile::policy
