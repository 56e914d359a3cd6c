#pragma once
#include <string>

namespace reconcile::cli {

// What `reconcile --version` and `reconcile version` print: the release version on the first
// line (the shape help2man and package tools read), then the commit, then the libraries.
std::string version_text();

}  // namespace reconcile::cli
