#include "model/fingerprint.h"

#include <cstdint>
#include <cstdio>

#include "model/export_toml.h"

namespace reconcile::model {

std::string fingerprint(const Schema& schema) {
    // The export is the canonical, deterministic text of everything the model knows (owners
    // included: a model's declared ones).
    return digest(schema_to_toml(schema, true));
}

std::string digest(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace reconcile::model
