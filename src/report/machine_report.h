#pragma once
// Output for machines and pipelines: the plan as versioned JSON (docs/plan-format.md), the plan
// as a standalone SQL script, and GitHub Actions annotations and step summary.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "plan/plan.h"

namespace reconcile::report {

// 2: statements are values ({sql, runs, hazards}); version 1 had strings.
constexpr int kPlanFormatVersion = 2;

// {"format": "reconcile.plan", "version": 2, "target": …, "changes": […], "in_sync": […],
//  "warnings": […], "statements": […], "summary": {…}}
nlohmann::json plan_to_json(const plan::Plan& plan, const std::string& engine, const std::string& target_display);

// BEGIN; statements; COMMIT; with a header naming the target. Runs again without error
// wherever the statements are idempotent (see docs/ci.md for SQLite's ADD COLUMN).
void print_sql_script(std::ostream& out, const plan::Plan& plan, const std::string& target_display, bool postgres);

// ::warning:: lines for each warning (on stdout beside the text output, on stderr beside JSON or
// SQL, so that stays parseable), and a Markdown table of the
// plan appended to the file named by GITHUB_STEP_SUMMARY.
void print_github_annotations(std::ostream& out, const plan::Plan& plan);
void append_github_summary(const std::string& path, const plan::Plan& plan, const std::string& target_display);

std::string to_string(diff::WarningKind kind);  // "definition_differs", ...
std::string change_kind(const diff::Change& change);  // "create_table", "add_column", ...

}  // namespace reconcile::report
