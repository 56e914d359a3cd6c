#pragma once
#include "diff/change.h"

namespace reconcile::diff {

// Pure: compares the desired model with the catalog the database has (both already
// normalised) and lists what to add, what is in sync and what differs. Nothing is dropped or
// altered: objects the database has beyond the model, and objects that differ, are warnings.
Diff compare(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks);

}  // namespace reconcile::diff
