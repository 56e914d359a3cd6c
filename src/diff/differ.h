#pragma once
#include "diff/change.h"

namespace reconcile::diff {

// Pure: compares the desired model with the catalog the database has (both already
// normalised) and lists, as values, every change that brings the database to the model (what
// to create, modify, rename and drop), what is in sync, and the differences no change can
// make. It decides nothing: whether a drop happens is the policy's (policy/policy.h), and the
// sentences people read are written in report/.
Diff compare(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks);

}  // namespace reconcile::diff
