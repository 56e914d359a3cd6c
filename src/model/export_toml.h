#pragma once
// Schema → TOML, the inverse of load_toml: what `reconcile export` writes. Deterministic
// (tables by schema and name, constraints and indexes by name, fixed key order and spacing) so
// exports can be committed and diffed, and an export of a database that was built from an
// export is byte-identical to it.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "model/schema.h"

namespace reconcile::model {

// The first line of every file export writes: export removes stale files only when they have it.
constexpr const char* kExportMarker = "# Written by reconcile export; edit freely.";

// The grants export writes: the roles it lists as managed ([settings] managed_roles), and each
// object's privileges for them. A model's managed roles are its own; a database's are every
// role holding a privilege on what is exported, PUBLIC only where it holds other than what
// PostgreSQL gives it by default.
class ExportedGrants {
public:
    // `with_owners`: each object's `owner` too (the catalog's, or the one a model declares).
    explicit ExportedGrants(const Schema& schema, bool with_owners = false);
    const std::vector<std::string>& roles() const { return roles_; }
    // `owner = "…"` (with owners) and `grants = [...]`, each with a newline; "" when there is
    // neither. `owner_too` false: the grants only (a serial column's sequence takes its table's owner).
    std::string toml(GrantOn on, const TableRef& ref, const std::string& arguments = "", bool owner_too = true) const;
    // [[default_privileges]] entries, with the managed roles' grants; "" when no role is managed.
    std::string default_privileges_toml(const std::vector<DefaultPrivileges>& entries) const;

private:
    std::string grant_items(GrantOn on, const std::vector<Privilege>& privileges) const;
    std::vector<std::string> roles_;
    std::map<std::tuple<int, TableRef, std::string>, const ObjectPrivileges*> by_object_;
    std::map<std::tuple<int, TableRef, std::string>, std::string> owner_of_;
};

std::string table_to_toml(const Table& table, const ExportedGrants& grants);
// A table's rows as [[tables.rows]] sections, in their order (export --data sorts them by key).
std::string rows_to_toml(const TableData& data);  // with kExportMarker as its first line
// One document: database objects, then tables; with every object's owner when `with_owners`.
std::string schema_to_toml(const Schema& schema, bool with_owners = false);
// [[schemas]] (other than public) and [[extensions]] (other than plpgsql, which every
// database has), with kExportMarker first; "" when there are none. `export` writes it to
// database.toml.
std::string database_objects_to_toml(const Schema& schema, bool with_owners = false);

// "users.toml", or "<schema>.<table>.toml" outside public; characters unsafe in file names
// are percent-encoded.
std::string table_file_name(const TableRef& table);

// Functions, procedures and aggregates by schema and name (overloads together, by signature): one group per
// file export writes (functions/<table_file_name of the name>), each with kExportMarker first.
struct FunctionGroup {
    TableRef ref;
    std::vector<const Function*> functions;
    std::vector<const Aggregate*> aggregates;
};
std::vector<FunctionGroup> function_groups(const Schema& schema);
std::string functions_to_toml(const FunctionGroup& group, const ExportedGrants& grants);
// Functions whose definition the model cannot express (a C function, a SQL-standard body), one
// line each: export leaves them out and says so.
std::vector<std::string> unexported_functions(const Schema& schema);

// Constructs the model cannot express yet (e.g. expression indexes), as TOML comments.
std::vector<std::string> unexported(const Table& table);
std::vector<std::string> unexported(const View& view);

}  // namespace reconcile::model
