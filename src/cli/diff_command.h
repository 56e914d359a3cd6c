#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"

namespace reconcile::cli {

struct DiffOptions {
    std::string from, to;  // each a schema path or a database URL
    Format format = Format::Text;
    bool exit_code = false;
    bool ask_server = true;  // --no-server-compare turns it off (see apply::AskServer)
    policy::Policy policy;   // --allow-drop shows the drops as statements
    report::Style style;
};

// `reconcile diff FROM TO`: what it would take to turn TO into FROM; touches neither.
int run_diff(const DiffOptions& options, std::ostream& out, std::vector<std::string>& secrets);

}  // namespace reconcile::cli
