#include "cli/version.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <pqxx/version.hxx>
#include <toml++/toml.h>

#include "core/build_info.h"

namespace reconcile::cli {

std::string version_text() {
    std::string out = std::string("reconcile ") + build_info::kVersion + "\n";
    if (*build_info::kCommit)
        out += std::string("commit ") + build_info::kCommit +
               (build_info::kUncommittedChanges ? " with uncommitted changes" : "") + "\n";
    else
        out += "commit unknown: built without git\n";
    // libpq and SQLite are shared libraries: the versions loaded now, which may be newer than
    // the headers built against. libpqxx and toml++ are what the build compiled in.
    const int pq = PQlibVersion();  // 150014 for 15.14
    out += std::string("libpqxx ") + PQXX_VERSION + ", libpq " + std::to_string(pq / 10000) + "." +
           std::to_string(pq % 10000) + ", SQLite " + sqlite3_libversion() + ", toml++ " +
           std::to_string(TOML_LIB_MAJOR) + "." + std::to_string(TOML_LIB_MINOR) + "." + std::to_string(TOML_LIB_PATCH) +
           "\n";
    return out;
}

}  // namespace reconcile::cli
