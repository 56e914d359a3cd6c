#pragma once
// A short, stable digest of a schema: equal schemas (as the model sees them) have equal
// fingerprints. Plan files carry the target's fingerprint so a reviewed plan is applied only to
// the catalog it was made for. Not a security measure: FNV-1a detects change, not tampering.
#include <string>
#include <string_view>

#include "model/schema.h"

namespace reconcile::model {

std::string fingerprint(const Schema& schema);  // 16 hex digits
std::string digest(std::string_view text);      // FNV-1a of any text, 16 hex digits

}  // namespace reconcile::model
