#pragma once
// Typed changes, in the order they can run, each with its SQL for one dialect. Changes the
// dialect cannot make become warnings here, and so does anything that depends on them.
#include <string>
#include <vector>

#include "diff/change.h"
#include "dialect/dialect.h"
#include "plan/statement.h"

namespace reconcile::plan {

struct Step {
    diff::Change change;
    std::vector<Statement> statements;

    // Every hazard of its statements, in order.
    std::vector<Hazard> hazards() const;
};

// One table's declared rows brought to the model: its data changes and their statements, which
// run in the main transaction after every schema statement that runs there.
struct DataStep {
    diff::TableRows rows;
    std::vector<Statement> statements;
};

struct Plan {
    std::vector<Step> steps;             // execution order
    std::vector<DataStep> data;          // foreign-key order (parents first)
    std::vector<diff::InSync> in_sync;
    std::vector<diff::Warning> warnings;
    std::vector<model::UnmodelledObject> not_managed;  // diff::Diff::not_managed

    bool has_changes() const;
    // What --strict refuses: objects of kinds the model cannot declare, and attributes or
    // objects of modelled kinds it cannot express (WarningKind::NotManaged).
    std::size_t not_managed_count() const;
    // Every statement in the order --apply runs them: those that commit before the main
    // transaction (Phase::BeforeTransaction: enum values, each idempotent and additive) first,
    // those that run after it (Phase::AfterTransaction) last.
    std::vector<Statement> statements() const;
    // The statements that run in `phase`, in order; and their SQL.
    std::vector<Statement> statements(Phase phase) const;
    std::vector<std::string> sql(Phase phase) const;
};

// Order: tables (foreign-key dependencies first; cycles broken by adding the closing foreign
// keys with ALTER TABLE afterwards where the engine needs it), then columns, then key and check
// constraints, then indexes, then foreign keys on existing tables.
// `taken` lists the relation names the database already uses (model::Schema::relation_names):
// a change that would create one of them is a warning, not a statement that silently does
// nothing (IF NOT EXISTS) or fails.
//
// `options` are what the planner knows beyond the diff: the sizes of the existing tables it
// changes (which decide what runs after the main transaction, and size the hazards: a table
// known to be empty carries no table-size hazard), and whether online paths are wanted.
struct Options {
    dialect::TableSizes sizes;
    bool online = true;  // false: --no-concurrently
};
Plan make_plan(diff::Diff diff, const dialect::Dialect& dialect, const std::vector<model::TableRef>& taken = {},
               const Options& options = {});
// The data steps of `data`, rendered: deletes first, children before their parents, then
// inserts and updates, parents first.
std::vector<DataStep> plan_rows(diff::DataDiff data, const dialect::Dialect& dialect);

struct Summary {
    std::size_t to_create = 0, to_modify = 0, to_rename = 0, to_drop = 0, in_sync = 0, warnings = 0, not_managed = 0;
    // Declared rows: to insert, update, delete; as declared; and the database's rows a sync
    // table keeps because deleting them was not allowed.
    std::size_t rows_to_insert = 0, rows_to_update = 0, rows_to_delete = 0, rows_in_sync = 0, rows_kept = 0;
    bool has_rows = false;  // the model declares rows
};
Summary summarize(const Plan& plan);

}  // namespace reconcile::plan
