#pragma once
// The sentences people read about changes, written from the changes' values (the differ and
// the policy return values; only report/ turns them into words).
#include <string>

#include "diff/change.h"

namespace reconcile::report {

// What a change is about: "table public.users", "column public.users.email",
// "index users_email_idx on public.users", "check c (x > 0) on public.t".
std::string describe_object(const diff::Change& change);

// A drop the policy withheld: "<object> is in the database but not in the model; it is left
// alone (--allow-drop drops it)".
std::string left_alone(const diff::Change& drop);

// What a warning says: its detail as a sentence, or the engine's reason it carries.
std::string message(const diff::Warning& warning);

}  // namespace reconcile::report
