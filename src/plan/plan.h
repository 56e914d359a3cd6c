#pragma once
// Typed changes, in the order they can run, each with its SQL for one dialect. Changes the
// dialect cannot make become warnings here, and so does anything that depends on them.
#include <string>
#include <vector>

#include "diff/change.h"
#include "dialect/dialect.h"

namespace reconcile::plan {

struct Step {
    diff::Change change;
    std::vector<std::string> sql;
    std::vector<std::string> hazards;
};

struct Plan {
    std::vector<Step> steps;             // execution order
    std::vector<diff::InSync> in_sync;
    std::vector<diff::Warning> warnings;

    bool has_changes() const { return !steps.empty(); }
    // Every statement, those that run before the main transaction first.
    std::vector<std::string> statements() const;
    // Statements that must be committed before the rest can use what they make (enum values),
    // each idempotent and additive; and the statements of the one main transaction.
    std::vector<std::string> statements_before_transaction() const;
    std::vector<std::string> transaction_statements() const;
};

// Order: tables (foreign-key dependencies first; cycles broken by adding the closing foreign
// keys with ALTER TABLE afterwards where the engine needs it), then columns, then key and check
// constraints, then indexes, then foreign keys on existing tables.
// `taken` lists the relation names the database already uses (model::Schema::relation_names):
// a change that would create one of them is a warning, not a statement that silently does
// nothing (IF NOT EXISTS) or fails.
// Whether a change's statements run, and commit, before the main transaction.
bool runs_before_transaction(const diff::Change& change);

Plan make_plan(diff::Diff diff, const dialect::Dialect& dialect, const std::vector<model::TableRef>& taken = {});

struct Summary {
    std::size_t to_create = 0, in_sync = 0, warnings = 0;
};
Summary summarize(const Plan& plan);

}  // namespace reconcile::plan
