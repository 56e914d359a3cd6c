#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"

namespace reconcile::cli {

struct CheckOptions {
    std::string schema_path = "schema";
    std::string base;               // a schema path or database URL the model changes; "" = none
    Format format = Format::Text;   // text or json
    bool fail_on_warnings = false;  // --fail-on-warnings: exit 1 on any warning too
    report::Style style;
};

// `reconcile check`: loads and validates the model, with no database (unless --base names
// one), and lists what a reviewer would flag. Exit 0 when the model is valid, 1 when not.
int run_check(const CheckOptions& options, std::ostream& out, std::vector<std::string>& secrets);

}  // namespace reconcile::cli
