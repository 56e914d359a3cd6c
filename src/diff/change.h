#pragma once
// What the diff found, as values. Only dialect renderers turn these into SQL; whether something
// is destructive or hazardous is decided on these values, never by looking at SQL text.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/schema.h"

namespace reconcile::diff {

using model::TableRef;

struct CreateTable { model::Table table; };
struct AddColumn { TableRef table; model::Column column; };
struct AddPrimaryKey { TableRef table; std::string name; std::vector<std::string> columns; model::Deferral deferral = {}; };
// `replaces`: the constraint of this name is dropped first (DropConstraint, replaced): the swap
// stays in the main transaction, so that no moment goes without the uniqueness.
struct AddUnique { TableRef table; model::UniqueConstraint unique; bool replaces = false; };
// on_existing_table false: a check of a table the plan creates, added once a function it calls
// is there (a cycle, see plan.cpp); the table is empty, so nothing is validated apart.
struct AddCheck { TableRef table; model::Check check; bool on_existing_table = true; };
// An index on a partition is made before any index of its parent: creating the parent's then
// attaches a matching one (keeping its name) instead of making another.
// `on_existing_table`: the table has rows, and the build blocks its writes (false for the
// indexes of a table or materialized view the plan creates).
// `replaces_unique`: the index of this name that the plan drops first (DropIndex, replaced) is a
// valid unique one, or this one is unique: the swap stays in the main transaction, so that no
// moment goes without the uniqueness (a concurrent build would leave one).
struct AddIndex {
    TableRef table;
    model::Index index;
    std::optional<TableRef> partition_of;
    bool on_existing_table = true;
    bool replaces_unique = false;
};
// `on_existing_table`: the table has rows, so the key is added NOT VALID and validated in a
// statement of its own (false for the keys a new table's cycle defers: it is empty).
struct AddForeignKey { TableRef table; model::ForeignKey foreign_key; bool on_existing_table = true; };
struct AddExclusion { TableRef table; model::Exclusion exclusion; };

// COMMENT ON …: sets the text the model declares. `table` is the table (or view) the object
// belongs to, {schema, ""} for a schema; `name` is the column or index ("" otherwise).
// PartitionIndex: the index of partition `table` that belongs to its ancestor's index `name`
// (in schema `ancestor_schema`), whose own name the server chose when it made the partition.
// Function: `table` is the function's schema and name, `name` its signature's types ("integer, text").
// Trigger, Policy: `table` is its table, `name` the trigger's or policy's.
enum class CommentOn { Table, Column, Index, View, MaterializedView, Schema, PartitionIndex, Function, Procedure, Trigger, Aggregate, Policy };
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
// CREATE FUNCTION / CREATE PROCEDURE (made with check_function_bodies off, as pg_dump does,
// so that a body may name what the plan creates later).
struct CreateFunction { model::Function function; };
// CREATE OR REPLACE: the database's function `from` takes the model's definition in place
// (same signature, return type, argument names and modes; see Function::replaceable_by).
struct ReplaceFunction { model::Function from, to; };
// CREATE AGGREGATE, after the functions it calls; CREATE OR REPLACE AGGREGATE for one whose
// result stays (the same state type and final function).
struct CreateAggregate { model::Aggregate aggregate; };
struct ReplaceAggregate { model::Aggregate from, to; };
// CREATE TRIGGER, after the tables, columns and functions it names; its state (disabled,
// replica, always) set after it.
struct CreateTrigger { TableRef table; model::Trigger trigger; };
// The trigger `from` brought to `to` in place: CREATE OR REPLACE TRIGGER when its definition
// differs, ALTER TABLE … ENABLE/DISABLE TRIGGER when its state does. (A constraint trigger,
// which OR REPLACE cannot replace, is dropped and made again: DropTrigger replaced.)
struct ReplaceTrigger { TableRef table; model::Trigger from, to; };
// GRANT … ON <object> TO <role> [WITH GRANT OPTION], for a managed role ([settings]
// managed_roles); `object` names it (its `privileges` are not used). After the object exists.
struct GrantPrivileges { model::ObjectPrivileges object; std::string role; std::vector<std::string> privileges; bool with_grant_option = false; };
// REVOKE [GRANT OPTION FOR] … FROM <role>: what a managed role holds and the model does not
// give it. It takes access away from a role that may be using it: a removal the policy must
// allow (--allow-drop). `of_new_object`: PUBLIC's default privileges on an object the plan makes
// (or makes again), taken as the model says: part of making it, not a removal.
// ALTER DEFAULT PRIVILEGES FOR ROLE … [IN SCHEMA …] GRANT / REVOKE [GRANT OPTION FOR] … ON
// <kind> TO / FROM a managed role: `of` names the entry (its `privileges` are not used). A
// revoke takes away what the role would get on new objects: a removal the policy must allow,
// but for `of_new_entry`: only PUBLIC's built-in defaults, taken away as the model's entry
// declares (part of making the entry).
struct GrantDefaultPrivileges { model::DefaultPrivileges of; std::string role; std::vector<std::string> privileges; bool with_grant_option = false; };
struct RevokeDefaultPrivileges {
    model::DefaultPrivileges of;
    std::string role;
    std::vector<std::string> privileges;
    bool grant_option_only = false;
    bool of_new_entry = false;
};

// ALTER … OWNER TO `to`: the owner the model declares (`owner = "…"`). `from` is the
// database's, "" for an object the plan makes (it belongs to the role that runs the plan).
// `kind`: what the object is, which names the ALTER statement PostgreSQL takes for it.
enum class OwnedKind { Schema, Table, View, MaterializedView, Sequence, Function, Procedure, Aggregate, Enum, Domain };
struct SetOwner {
    model::ObjectPrivileges object;
    OwnedKind kind = OwnedKind::Table;
    std::string from, to;
};
struct RevokePrivileges {
    model::ObjectPrivileges object;
    std::string role;
    std::vector<std::string> privileges;
    bool grant_option_only = false;
    bool of_new_object = false;
};
// CREATE POLICY, after the tables, columns and functions its expressions name.
struct CreatePolicy { TableRef table; model::Policy policy; };
// ALTER POLICY: its roles, USING and WITH CHECK brought to the model's in place. (Its command
// or AS PERMISSIVE/RESTRICTIVE changes with a drop and a create: DropPolicy replaced.)
struct ReplacePolicy { TableRef table; model::Policy from, to; };
// ALTER TABLE … ENABLE/DISABLE ROW LEVEL SECURITY, [NO] FORCE ROW LEVEL SECURITY. Turning
// either off opens the table's rows to roles the policies kept out: a removal the policy
// must allow (--allow-drop), like dropping a policy.
struct SetRowSecurity {
    TableRef table;
    bool from_enabled, from_forced, to_enabled, to_forced;
    bool weakens() const { return (from_enabled && !to_enabled) || (from_forced && !to_forced); }
};
// ALTER TYPE … ADD VALUE, placed next to a value that exists by then. PostgreSQL cannot use a
// value in the transaction that added it, so these run before the main transaction
// (their statements run in plan::Phase::BeforeTransaction).
struct AddEnumValue { TableRef type; std::string value; std::string neighbour; bool before = false; };
struct CreateExtension { model::Extension extension; };
// ALTER SEQUENCE … OWNED BY: after the owner's table and column exist.
struct SetSequenceOwner { TableRef sequence; model::SequenceOwner owner; };

// What differs between a column as the database has it and as the model declares it.
struct ColumnDifferences {
    bool type = false, nullability = false, default_value = false, identity = false, generated = false, collation = false;
    bool identity_options = false;  // START, INCREMENT, MINVALUE, MAXVALUE, CACHE, CYCLE of its sequence
    bool rowid_alias = false;       // SQLite: the key column is the row id on one side only
    bool any() const { return type || nullability || default_value || identity || generated || collation || identity_options || rowid_alias; }
};
// One column brought to the model: `from` is the database's, `to` the model's.
// on_existing_table false: the default of a column of a table the plan creates, set once a
// function it calls is there (a cycle, see plan.cpp): part of making the table.
struct ModifyColumn { TableRef table; model::Column from; model::Column to; ColumnDifferences differs; bool on_existing_table = true; };

// Objects the database has and the model does not declare. The differ emits them; the policy
// decides whether they are dropped (--allow-drop) or left alone and reported.
enum class ConstraintKind { PrimaryKey, Unique, Check, ForeignKey, Exclusion };
const char* to_string(ConstraintKind kind);  // "primary key", "unique constraint", ...
struct DropTable { model::Table table; };
// `early`: views that read the table are made again around this drop (see
// remake_views_around_dropped_columns), so it runs before they are made, not with the late drops.
struct DropColumn { TableRef table; model::Column column; bool early = false; };
// `replaced`: the model declares it again under its name with another definition, and the
// plan creates it anew after this drop (a modification, not a drop the policy must allow).
// `replaces_unique` as for AddIndex, on the drop of the index it replaces.
struct DropIndex { TableRef table; model::Index index; bool replaced = false; bool replaces_unique = false; };
// `definition` says what it was, for people ("(a, b)", "(x > 0)").
struct DropConstraint { TableRef table; ConstraintKind kind; std::string name; std::string definition; bool replaced = false; };
// `replaced`: made again by a CreateView later in the plan (its query changed, or a column
// it reads changes type): a modification, not a drop the policy must allow.
struct DropView { model::View view; bool replaced = false; };
struct DropSequence { model::Sequence sequence; };
struct DropEnum { model::EnumType type; };
struct DropDomain { model::Domain domain; };
// `replaced`: the model declares the same signature with what CREATE OR REPLACE cannot change
// (the return type, an argument's name or mode): a CreateFunction makes it again later.
struct DropFunction { model::Function function; bool replaced = false; };
// `replaced`: made again by a CreateAggregate later in the plan (its result type changes).
struct DropAggregate { model::Aggregate aggregate; bool replaced = false; };
// `replaced`: made again by a CreateTrigger later in the plan.
struct DropTrigger { TableRef table; model::Trigger trigger; bool replaced = false; };
// `replaced`: made again by a CreatePolicy later in the plan (its command or AS changes).
struct DropPolicy { TableRef table; model::Policy policy; bool replaced = false; };

// A sequence's options (those the model sets) or a domain's default, NOT NULL and checks,
// brought to the model's: `from` is the database's.
struct AlterSequence { model::Sequence from, to; };
struct AlterDomain { model::Domain from, to; };

// SQLite's WITHOUT ROWID and STRICT, which only a rebuild changes.
struct SetTableOptions { TableRef table; bool from_without_rowid, from_strict, to_without_rowid, to_strict; };

// SQLite changes a column or constraint of an existing table only by making the table again:
// `from` is the database's table (under the model's name, once any rename has run), `to` the
// model's; the plan puts one in place of every change of that table (see Dialect::render).
// `because` says what the rebuild makes, for people ("column n changed", "check c added");
// `dropped_columns` are the database's columns the new table leaves out (allowed drops).
struct RebuildTable { model::Table from, to; std::vector<std::string> because; std::vector<std::string> dropped_columns = {}; };

// renamed_from in the model, found under that name in the database.
struct RenameTable { TableRef from; std::string to; };
struct RenameColumn { TableRef table; std::string from, to; };
// `index`: the model's, for an engine that renames by making it again (SQLite).
struct RenameIndex { TableRef table; std::string from, to; model::Index index; };
struct RenameConstraint { TableRef table; ConstraintKind kind; std::string from, to; };
// ALTER TABLE … VALIDATE CONSTRAINT: a NOT VALID check or foreign key the model wants validated.
struct ValidateConstraint { TableRef table; ConstraintKind kind; std::string name; };

using Change = std::variant<CreateTable, AddColumn, AddPrimaryKey, AddUnique, AddCheck, AddIndex,
                            AddForeignKey, CreateSchema, CreateExtension, SetComment, CreateEnum, AddEnumValue,
                            CreateSequence, CreateDomain, CreateView, AddExclusion, SetSequenceOwner,
                            ModifyColumn, DropTable, DropColumn, DropIndex, DropConstraint, DropView, DropSequence,
                            DropEnum, DropDomain, RenameTable, RenameColumn, RenameIndex, RebuildTable,
                            SetTableOptions, AlterSequence, AlterDomain, ValidateConstraint,
                            RenameConstraint, CreateFunction, ReplaceFunction, DropFunction, CreateTrigger,
                            ReplaceTrigger, DropTrigger, CreateAggregate, ReplaceAggregate, DropAggregate, CreatePolicy,
                            ReplacePolicy, DropPolicy, SetRowSecurity, GrantPrivileges, RevokePrivileges, SetOwner,
                            GrantDefaultPrivileges, RevokeDefaultPrivileges>;

// What differs, for people: "type text in the database, integer in the model; ...".
std::string describe(const ModifyColumn& modify);
// "body, volatility stable in the database, immutable in the model": what CREATE OR REPLACE changes.
std::string describe(const ReplaceFunction& replace);

// What a change does to the object it names.
enum class Effect { Create, Modify, Remove, Rename };
Effect effect_of(const Change& change);
bool is_drop(const Change& change);  // Effect::Remove

enum class ObjectKind { Table, Column, PrimaryKey, Unique, Index, ForeignKey, Check, Schema, Extension, Comment, Enum, EnumValue, Sequence, Domain, View, Exclusion, Function, Trigger, Aggregate, Policy, RowSecurity, Privilege, Owner };

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

// A difference reconcile reports but does not act on (⚠). (Differences of a column's type,
// nullability or default are changes now: ModifyColumn.)
enum class WarningKind {
    DefinitionDiffers,   // a difference no change makes (see Unchangeable)
    NotInModel,          // the database has it, the model does not: dropped only when the policy allows
    Unsupported,         // the change is needed but this engine cannot make it, or what it needs cannot be made
    NotManaged,          // the database sets an attribute the model cannot express: neither compared nor made
};

// Differences no change makes, as values (report/sentences.h says them).
struct PartitioningDiffers { std::optional<model::Expression> from, to; };  // PARTITION BY
struct PartitionDiffers { std::optional<TableRef> from_parent, to_parent; std::string from_bound, to_bound; };
struct AutoincrementDiffers { std::string column; bool from, to; };
// `from`: the sequence the database's column draws from, nullopt when it is not serial.
struct SerialSequenceDiffers { std::string column; std::optional<std::string> from; std::string to; };
struct ExtensionSchemaDiffers { std::string extension, from, to; };
struct ExtensionNotInModel { std::string extension; };
struct EnumValuesDiffer { TableRef type; std::vector<std::string> from, to; };
struct DomainBaseTypeDiffers { model::Domain from, to; };
struct ViewKindDiffers { bool from_materialized, to_materialized; };
// A drop the policy withheld (policy::withhold_drops): the object stays, reported.
struct LeftAlone { Change drop; };
using Unchangeable = std::variant<PartitioningDiffers, PartitionDiffers, AutoincrementDiffers, SerialSequenceDiffers,
                                  ExtensionSchemaDiffers, ExtensionNotInModel, EnumValuesDiffer, DomainBaseTypeDiffers,
                                  ViewKindDiffers, LeftAlone>;

struct Warning {
    WarningKind kind;
    ObjectKind object;
    TableRef table;
    std::string name;     // the object's name ("" for the table itself)
    // A plain sentence for people, for what the engine refuses (the renderer's reason); empty
    // when `detail` says what differs (report::message writes the sentence).
    std::string message;
    std::optional<Unchangeable> detail = std::nullopt;
};

struct Diff {
    std::vector<Change> changes;  // model order; the planner orders them for execution
    // Each existing table that has changes, as the database has it and as the model declares
    // it: what a dialect that rebuilds tables needs whole (RebuildTable).
    std::map<TableRef, std::pair<model::Table, model::Table>> changed_tables;
    std::vector<InSync> in_sync;
    std::vector<Warning> warnings;
    // The database's objects of kinds the model cannot declare (those on ignored tables aside):
    // not managed, said by kind and name so that "in sync" never means "not looked at".
    std::vector<model::UnmodelledObject> not_managed;
};

// What an engine decides for the otherwise generic diff.
struct Hooks {
    // Column types, both canonical (model::canonical_type). PostgreSQL: equal strings; SQLite:
    // equal affinity, because that is all SQLite keeps of a declared type.
    std::function<bool(const std::string& model_type, const std::string& database_type)> types_equal;
    // Whether a view holds on to the columns it reads, so that changing a column's type or
    // dropping it needs the views that read it dropped first and made again (PostgreSQL).
    bool views_bind_columns = false;
    // Whether the engine makes a change (its renderer does not refuse it); unset: every change.
    std::function<bool(const Change&)> makes = {};
    // Whether names are one name whatever their ASCII case (SQLite: USERS and users are one
    // table): the database's names are then read in the model's spelling before comparing.
    bool names_fold_case = false;
    // Whether the table's primary key is its row id (SQLite's INTEGER PRIMARY KEY); unset: no
    // engine notion of it. A key that is one in the database and not in the model differs.
    std::function<bool(const model::Table&)> rowid_alias = {};
};

// Where a change applies, for messages and grouping.
TableRef table_of(const Change& change);
ObjectKind kind_of(const Change& change);
std::string object_name(const Change& change);  // "users", "users.email", "users_email_idx", ...
// The name a change takes in the schema's relation namespace (a table, index, view, sequence,
// the index behind a key), and the one it frees (a drop, a rename's old name).
std::optional<TableRef> creates_relation(const Change& change);
std::optional<TableRef> removes_relation(const Change& change);

}  // namespace reconcile::diff
