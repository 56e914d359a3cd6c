#pragma once
// The person-facing preview: one line per table or object (✓ in sync, + to create, ⚠ differs),
// the exact SQL --apply runs, and a summary line.
#include <ostream>

#include "plan/plan.h"
#include "policy/policy.h"
#include "report/style.h"

namespace reconcile::report {

void print_plan(std::ostream& out, const plan::Plan& plan, const Style& style);
void print_sql(std::ostream& out, const plan::Plan& plan, const Style& style);
void print_summary(std::ostream& out, const plan::Plan& plan, const Style& style);
// The first line of a statement with text on it: a catalog query is long and says little.
std::string first_line(const std::string& sql);

// What a step makes, for people: "table public.users", "column public.users.email",
// "index users_email_idx on public.users".
std::string describe_step(const plan::Step& step);
// What a change does, with what differs: "column public.t.c: type text in the database,
// integer in the model", "table public.old renamed to new", or describe_step's words.
std::string describe_change(const diff::Change& change);

// The statements the policy refuses, each with the flag that would allow it. `applying`: the
// apply stops here (nothing was changed); otherwise a dry run says what --apply would refuse.
void print_refusals(std::ostream& out, const std::vector<policy::Refusal>& refusals, const Style& style, bool applying);
// --strict and the plan holds what the model cannot declare: the dry run says the apply would
// refuse; the apply says it refused.
void print_strict_refusal(std::ostream& out, const plan::Plan& plan, const Style& style, bool applying);

// "2 to create, 41 in sync, 1 warning"
std::string summary_line(const plan::Plan& plan);

}  // namespace reconcile::report
