#include "core/error.h"

namespace reconcile {

std::string SourceLoc::str() const {
    if (!known()) return {};
    if (line <= 0) return *file;
    return *file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace reconcile
