#include "cli/export_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>

#include "apply/executor.h"
#include "cli/options.h"
#include "core/error.h"
#include "db/target.h"
#include "dialect/dialect.h"
#include "model/export_toml.h"

namespace reconcile::cli {

namespace fs = std::filesystem;

namespace {

// The first line of every TOML document export writes: TOML editors (taplo, VS Code's Even
// Better TOML) validate and complete the file against the model's JSON Schema where reconcile
// is installed (docs/reconcile.schema.json in a source tree). Kept out of the model's own TOML,
// which also feeds the catalog fingerprint and must not depend on where reconcile is installed.
const std::string kSchemaDirective = std::string("#:schema ") + RECONCILE_MODEL_SCHEMA_PATH + "\n";

// The rows of the tables --data names, sorted by primary key, as the model declares them.
void read_declared_rows(db::Connection& connection, const dialect::Dialect& dialect, const std::vector<std::string>& names,
                        model::Schema& schema) {
    for (const auto& name : names) {
        const auto dot = name.find('.');
        const model::TableRef ref = dot == std::string::npos ? model::TableRef{"public", name} : model::TableRef{name.substr(0, dot), name.substr(dot + 1)};
        auto table = std::find_if(schema.tables.begin(), schema.tables.end(), [&](const model::Table& t) { return t.ref == ref; });
        if (table == schema.tables.end()) throw Error(ErrorKind::Usage, "--data names table " + ref.display() + ", which the database does not have");
        if (table->primary_key.empty())
            throw Error(ErrorKind::Usage, "--data names table " + ref.display() + ", which has no primary key: its rows cannot be told apart");
        if (table->data) continue;  // named twice
        model::TableData data;
        data.key = table->primary_key;
        data.rows = dialect.read_table_rows(connection, *table);
        table->data = std::move(data);
    }
}

}  // namespace

int run_export(const ExportOptions& o, std::ostream& out, std::ostream& err, std::vector<std::string>& secrets) {
    db::Target target = db::Target::parse(o.database_url);
    secrets.insert(secrets.end(), target.secrets().begin(), target.secrets().end());
    if (o.embedded_default)
        err << "No database URL given (--database-url or DATABASE_URL): using the embedded SQLite database ./"
            << kEmbeddedDatabaseFile << "\n";
    auto connection = db::open(target, db::OpenMode::ReadOnlyExisting);
    const dialect::Dialect& dialect = dialect::dialect_for(target.engine());
    model::Schema schema = apply::inspect_all(*connection, dialect);
    read_declared_rows(*connection, dialect, o.data_tables, schema);

    if (o.out_dir.empty()) {
        out << kSchemaDirective << "# reconcile export of " << target.display() << "\n\n" << model::schema_to_toml(schema, o.with_owners);
        return static_cast<int>(ExitStatus::Ok);
    }
    fs::path dir = fs::path(o.out_dir) / "tables";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(ErrorKind::Usage, "cannot create '" + dir.string() + "': " + ec.message());
    std::set<std::string> written;
    const model::ExportedGrants grants(schema, o.with_owners);
    for (const auto& t : schema.tables) {
        std::string name = model::table_file_name(t.ref);
        std::ofstream f(dir / name, std::ios::binary | std::ios::trunc);
        f << kSchemaDirective << model::table_to_toml(t, grants);
        if (!f) throw Error(ErrorKind::Usage, "cannot write '" + (dir / name).string() + "'");
        written.insert(name);
    }
    // Functions, one file per name (its overloads together), stale files removed as for tables.
    const fs::path function_dir = fs::path(o.out_dir) / "functions";
    std::set<std::string> written_functions;
    const auto groups = model::function_groups(schema);
    if (!groups.empty()) {
        fs::create_directories(function_dir, ec);
        if (ec) throw Error(ErrorKind::Usage, "cannot create '" + function_dir.string() + "': " + ec.message());
    }
    for (const auto& group : groups) {
        std::string name = model::table_file_name(group.ref);
        std::ofstream f(function_dir / name, std::ios::binary | std::ios::trunc);
        f << kSchemaDirective << model::functions_to_toml(group, grants);
        if (!f) throw Error(ErrorKind::Usage, "cannot write '" + (function_dir / name).string() + "'");
        written_functions.insert(name);
    }
    const fs::path database_file = fs::path(o.out_dir) / "database.toml";
    if (std::string objects = model::database_objects_to_toml(schema, o.with_owners); !objects.empty()) {
        std::ofstream f(database_file, std::ios::binary | std::ios::trunc);
        f << kSchemaDirective << objects;
        if (!f) throw Error(ErrorKind::Usage, "cannot write '" + database_file.string() + "'");
    }
    // A table that no longer exists must not survive as a stale file from an earlier export.
    // Only files an export wrote are removed, and none when the database has no tables at all
    // (more likely the wrong database than a schema that lost every table).
    auto exported_by_us = [](const fs::path& p) {
        std::ifstream f(p);
        std::string first;
        std::getline(f, first);
        if (first.rfind("#:schema ", 0) == 0) std::getline(f, first);  // an export since the directive
        return first == model::kExportMarker;
    };
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (!schema.tables.empty() && entry.path().extension() == ".toml" &&
            !written.count(entry.path().filename().string()) && exported_by_us(entry.path())) {
            fs::remove(entry.path(), ec);
            err << "removed " << entry.path().string() << " (no such table any more)\n";
        }
    // A database without functions may still have an old export's files: the directory is
    // only looked at when it exists, and only files with the marker go.
    if (fs::is_directory(function_dir, ec))
        for (const auto& entry : fs::directory_iterator(function_dir, ec))
            if (!schema.tables.empty() && entry.path().extension() == ".toml" &&
                !written_functions.count(entry.path().filename().string()) && exported_by_us(entry.path())) {
                fs::remove(entry.path(), ec);
                err << "removed " << entry.path().string() << " (no such function any more)\n";
            }
    for (const auto& t : schema.tables)
        for (const auto& line : model::unexported(t)) err << "\u26a0 " << t.ref.display() << ": " << line << "\n";
    for (const auto& v : schema.views)
        for (const auto& line : model::unexported(v)) err << "\u26a0 " << v.ref.display() << ": " << line << "\n";
    for (const auto& line : model::unexported_functions(schema)) err << "\u26a0 " << line << "\n";
    std::size_t exported_functions = 0;
    for (const auto& group : groups) exported_functions += group.functions.size() + group.aggregates.size();
    if (!groups.empty()) out << "exported " << exported_functions << " function(s), procedure(s) and aggregate(s) to " << function_dir.string() << "\n";
    out << "exported " << schema.tables.size() << " table(s) from " << target.display() << " to " << dir.string() << "\n";
    return static_cast<int>(ExitStatus::Ok);
}

}  // namespace reconcile::cli
