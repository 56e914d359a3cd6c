#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace reconcile::cli {

struct ExportOptions {
    std::string database_url;       // resolved
    bool embedded_default = false;
    std::string out_dir;            // empty: one document on stdout
    bool with_owners = false;       // --owners: every object's owner as an `owner` key
    // --data: the tables (name or schema.name) whose rows are written as [[tables.rows]]
    std::vector<std::string> data_tables;
};

// `reconcile export`: the live catalog as TOML, one file per table under OUT/tables/.
int run_export(const ExportOptions& options, std::ostream& out, std::ostream& err, std::vector<std::string>& secrets);

}  // namespace reconcile::cli
