#pragma once
#include "diff/change.h"

namespace reconcile::diff {

// Pure: compares the desired model with the catalog the database has (both already
// normalised) and lists, as values, every change that brings the database to the model (what
// to create, modify, rename and drop), what is in sync, and the differences no change can
// make. It decides nothing: whether a drop happens is the policy's (policy/policy.h), and the
// sentences people read are written in report/.
Diff compare(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks);

// After the policy has kept or withheld the drops: a view that reads a table losing a column
// holds that column when it was made with `SELECT *` (PostgreSQL binds a view's columns when it
// is made, and refuses the drop while it stands), though its query reads the same as the
// model's; so the views the model keeps that read such a table are dropped before the column
// and made again after it, as around a type change. Only for drops that are made: a withheld
// one would make them again on every run.
void remake_views_around_dropped_columns(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks, Diff& diff);

// For an engine whose names are one name whatever their ASCII case (Hooks::names_fold_case):
// the database's schema with the model's spelling of each name that differs from it only in
// case, so that names compare as strings in the diff and in the plan (names taken, sizes).
// nullopt when no name does, the usual case: nothing is copied.
std::optional<model::Schema> in_model_spelling(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks);

}  // namespace reconcile::diff
