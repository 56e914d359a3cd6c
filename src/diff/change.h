#pragma once
// What the diff found, as values. Only dialect renderers turn these into SQL; whether something
// is destructive or hazardous is decided on these values, never by looking at SQL text.
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/schema.h"

namespace reconcile::diff {

using model::TableRef;

struct CreateTable { model::Table table; };
struct AddColumn { TableRef table; model::Column column; };
struct AddPrimaryKey { TableRef table; std::string name; std::vector<std::string> columns; };
struct AddUnique { TableRef table; model::UniqueConstraint unique; };
struct AddCheck { TableRef table; model::Check check; };
// An index on a partition is made before any index of its parent: creating the parent's then
// attaches a matching one (keeping its name) instead of making another.
struct AddIndex { TableRef table; model::Index index; std::optional<TableRef> partition_of; };
struct AddForeignKey { TableRef table; model::ForeignKey foreign_key; };
struct AddExclusion { TableRef table; model::Exclusion exclusion; };

// COMMENT ON …: sets the text the model declares. `table` is the table (or view) the object
// belongs to, {schema, ""} for a schema; `name` is the column or index ("" otherwise).
// PartitionIndex: the index of partition `table` that belongs to its ancestor's index `name`
// (in schema `ancestor_schema`), whose own name the server chose when it made the partition.
enum class CommentOn { Table, Column, Index, View, MaterializedView, Schema, PartitionIndex };
struct SetComment {
    CommentOn on;
    TableRef table;
    std::string name;
    std::string text;
    std::string ancestor_schema = {};  // PartitionIndex only
};
// What a comment is on, for people: column public.users.email, schema audit, ...
std::string describe(const SetComment& comment);
struct CreateSchema { std::string name; };
struct CreateEnum { model::EnumType type; };
struct CreateSequence { model::Sequence sequence; };
struct CreateDomain { model::Domain domain; };
struct CreateView { model::View view; };
// ALTER TYPE … ADD VALUE, placed next to a value that exists by then. PostgreSQL cannot use a
// value in the transaction that added it, so these run before the main transaction
// (their statements run in plan::Phase::BeforeTransaction).
struct AddEnumValue { TableRef type; std::string value; std::string neighbour; bool before = false; };
struct CreateExtension { model::Extension extension; };
// ALTER SEQUENCE … OWNED BY: after the owner's table and column exist.
struct SetSequenceOwner { TableRef sequence; model::SequenceOwner owner; };

using Change = std::variant<CreateTable, AddColumn, AddPrimaryKey, AddUnique, AddCheck, AddIndex,
                            AddForeignKey, CreateSchema, CreateExtension, SetComment, CreateEnum, AddEnumValue,
                            CreateSequence, CreateDomain, CreateView, AddExclusion, SetSequenceOwner>;

enum class ObjectKind { Table, Column, PrimaryKey, Unique, Index, ForeignKey, Check, Schema, Extension, Comment, Enum, EnumValue, Sequence, Domain, View, Exclusion };

// Database-level objects (schemas, extensions) belong to no table: their TableRef has the
// object's schema and an empty table name.
inline bool is_database_level(const TableRef& ref) { return ref.name.empty(); }
const char* to_string(ObjectKind kind);  // "table", "column", "primary key", ...

// An object the model declares and the database already has, equal.
struct InSync {
    ObjectKind kind;
    TableRef table;
    std::string name;
};

// A difference reconcile reports but does not act on (⚠).
enum class WarningKind {
    TypeDiffers,
    NullabilityDiffers,
    DefaultDiffers,
    DefinitionDiffers,   // index, foreign key actions, check expression, primary key columns
    NotInModel,          // the database has it, the model does not: never dropped
    Unsupported,         // the change is needed but this engine cannot make it in place
};

struct Warning {
    WarningKind kind;
    ObjectKind object;
    TableRef table;
    std::string name;     // the object's name ("" for the table itself)
    std::string message;  // a plain sentence for people
};

struct Diff {
    std::vector<Change> changes;  // model order; the planner orders them for execution
    std::vector<InSync> in_sync;
    std::vector<Warning> warnings;
};

// What an engine decides for the otherwise generic diff.
struct Hooks {
    // Column types, both canonical (model::canonical_type). PostgreSQL: equal strings; SQLite:
    // equal affinity, because that is all SQLite keeps of a declared type.
    std::function<bool(const std::string& model_type, const std::string& database_type)> types_equal;
};

// Where a change applies, for messages and grouping.
TableRef table_of(const Change& change);
ObjectKind kind_of(const Change& change);
std::string object_name(const Change& change);  // "users", "users.email", "users_email_idx", ...

}  // namespace reconcile::diff
