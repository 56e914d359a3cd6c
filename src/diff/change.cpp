#include "diff/change.h"

namespace reconcile::diff {
namespace {

// Everything the rest of the pipeline asks of a change, in one place: one overload per
// alternative and no fallback, so a new kind of change that lacks its traits does not compile.
struct Traits {
    ObjectKind kind;
    Effect effect;
    TableRef table;  // where it applies; {schema, ""} for database-level objects
    std::string name;
    std::optional<TableRef> creates = std::nullopt, removes = std::nullopt;
};

TableRef in_schema(const TableRef& ref) { return TableRef{ref.schema, ""}; }

std::string function_name(const model::Function& f) { return f.ref.name + "(" + f.signature_types() + ")"; }
std::string aggregate_name(const model::Aggregate& a) { return a.ref.name + "(" + a.signature_types() + ")"; }

TableRef privileges_place(const model::ObjectPrivileges& o) {
    return o.on == model::GrantOn::Table || o.on == model::GrantOn::Column ? o.ref : in_schema(o.ref);
}

ObjectKind object_kind(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::PrimaryKey: return ObjectKind::PrimaryKey;
        case ConstraintKind::Unique: return ObjectKind::Unique;
        case ConstraintKind::Check: return ObjectKind::Check;
        case ConstraintKind::ForeignKey: return ObjectKind::ForeignKey;
        case ConstraintKind::Exclusion: return ObjectKind::Exclusion;
    }
    return ObjectKind::Check;
}

// Keys and exclusion constraints have an index of their name, in the relation namespace.
bool has_index(ConstraintKind kind) {
    return kind == ConstraintKind::PrimaryKey || kind == ConstraintKind::Unique || kind == ConstraintKind::Exclusion;
}

struct TraitsOf {
    Traits operator()(const CreateTable& c) const { return {ObjectKind::Table, Effect::Create, c.table.ref, c.table.ref.name, c.table.ref}; }
    Traits operator()(const AddColumn& c) const { return {ObjectKind::Column, Effect::Create, c.table, c.column.name}; }
    Traits operator()(const AddPrimaryKey& c) const {
        return {ObjectKind::PrimaryKey, Effect::Create, c.table, c.name, TableRef{c.table.schema, c.name}};
    }
    Traits operator()(const AddUnique& c) const {
        return {ObjectKind::Unique, Effect::Create, c.table, c.unique.name, TableRef{c.table.schema, c.unique.name}};
    }
    Traits operator()(const AddCheck& c) const { return {ObjectKind::Check, Effect::Create, c.table, c.check.name}; }
    Traits operator()(const AddIndex& c) const {
        return {ObjectKind::Index, Effect::Create, c.table, c.index.name, TableRef{c.table.schema, c.index.name}};
    }
    Traits operator()(const AddForeignKey& c) const { return {ObjectKind::ForeignKey, Effect::Create, c.table, c.foreign_key.name}; }
    Traits operator()(const CreateSchema& c) const { return {ObjectKind::Schema, Effect::Create, TableRef{c.name, ""}, c.name}; }
    Traits operator()(const CreateExtension& c) const {
        return {ObjectKind::Extension, Effect::Create, TableRef{c.extension.schema.empty() ? std::string("public") : c.extension.schema, ""},
                c.extension.name};
    }
    Traits operator()(const SetComment& c) const {
        if (c.on == CommentOn::Function || c.on == CommentOn::Procedure || c.on == CommentOn::Aggregate)
            return {ObjectKind::Comment, Effect::Modify, in_schema(c.table), c.table.name + "(" + c.name + ")"};
        if (c.on == CommentOn::Trigger || c.on == CommentOn::Policy) return {ObjectKind::Comment, Effect::Modify, c.table, c.name};
        std::string name = c.on == CommentOn::Schema ? c.table.schema
                           : c.on == CommentOn::Index ? c.name
                           : c.name.empty()           ? c.table.name
                                                      : c.table.name + "." + c.name;
        return {ObjectKind::Comment, Effect::Modify, c.table, name};
    }
    // A type shares its name with table row types: a table of that name makes the name taken.
    Traits operator()(const CreateEnum& c) const { return {ObjectKind::Enum, Effect::Create, in_schema(c.type.ref), c.type.ref.name, c.type.ref}; }
    Traits operator()(const AddEnumValue& c) const { return {ObjectKind::EnumValue, Effect::Create, in_schema(c.type), c.type.name + "." + c.value}; }
    Traits operator()(const CreateSequence& c) const {
        return {ObjectKind::Sequence, Effect::Create, in_schema(c.sequence.ref), c.sequence.ref.name, c.sequence.ref};
    }
    Traits operator()(const CreateDomain& c) const {
        return {ObjectKind::Domain, Effect::Create, in_schema(c.domain.ref), c.domain.ref.name, c.domain.ref};
    }
    Traits operator()(const CreateView& c) const { return {ObjectKind::View, Effect::Create, c.view.ref, c.view.ref.name, c.view.ref}; }
    Traits operator()(const AddExclusion& c) const {
        return {ObjectKind::Exclusion, Effect::Create, c.table, c.exclusion.name, TableRef{c.table.schema, c.exclusion.name}};
    }
    // Placed with the owner's table, which it needs.
    Traits operator()(const SetSequenceOwner& c) const {
        return {ObjectKind::Sequence, Effect::Modify, TableRef{c.sequence.schema, c.owner.table}, c.sequence.name};
    }
    Traits operator()(const ModifyColumn& c) const {
        return {ObjectKind::Column, c.on_existing_table ? Effect::Modify : Effect::Create, c.table, c.to.name};
    }
    Traits operator()(const DropTable& c) const {
        return {ObjectKind::Table, Effect::Remove, c.table.ref, c.table.ref.name, std::nullopt, c.table.ref};
    }
    Traits operator()(const DropColumn& c) const { return {ObjectKind::Column, Effect::Remove, c.table, c.column.name}; }
    Traits operator()(const DropIndex& c) const {
        return {ObjectKind::Index, c.replaced ? Effect::Modify : Effect::Remove, c.table, c.index.name, std::nullopt, TableRef{c.table.schema, c.index.name}};
    }
    Traits operator()(const DropConstraint& c) const {
        return {object_kind(c.kind), c.replaced ? Effect::Modify : Effect::Remove, c.table, c.name, std::nullopt,
                has_index(c.kind) ? std::optional<TableRef>(TableRef{c.table.schema, c.name}) : std::nullopt};
    }
    Traits operator()(const DropView& c) const {
        return {ObjectKind::View, c.replaced ? Effect::Modify : Effect::Remove, c.view.ref, c.view.ref.name, std::nullopt, c.view.ref};
    }
    Traits operator()(const DropSequence& c) const {
        return {ObjectKind::Sequence, Effect::Remove, in_schema(c.sequence.ref), c.sequence.ref.name, std::nullopt, c.sequence.ref};
    }
    Traits operator()(const DropEnum& c) const {
        return {ObjectKind::Enum, Effect::Remove, in_schema(c.type.ref), c.type.ref.name, std::nullopt, c.type.ref};
    }
    Traits operator()(const DropDomain& c) const {
        return {ObjectKind::Domain, Effect::Remove, in_schema(c.domain.ref), c.domain.ref.name, std::nullopt, c.domain.ref};
    }
    // A function's name is its signature without the schema: "f(integer, text)".
    Traits operator()(const CreateFunction& c) const {
        return {ObjectKind::Function, Effect::Create, in_schema(c.function.ref), function_name(c.function)};
    }
    Traits operator()(const ReplaceFunction& c) const { return {ObjectKind::Function, Effect::Modify, in_schema(c.to.ref), function_name(c.to)}; }
    Traits operator()(const DropFunction& c) const {
        return {ObjectKind::Function, c.replaced ? Effect::Modify : Effect::Remove, in_schema(c.function.ref), function_name(c.function)};
    }
    Traits operator()(const CreateAggregate& c) const {
        return {ObjectKind::Aggregate, Effect::Create, in_schema(c.aggregate.ref), aggregate_name(c.aggregate)};
    }
    Traits operator()(const ReplaceAggregate& c) const { return {ObjectKind::Aggregate, Effect::Modify, in_schema(c.to.ref), aggregate_name(c.to)}; }
    Traits operator()(const DropAggregate& c) const {
        return {ObjectKind::Aggregate, c.replaced ? Effect::Modify : Effect::Remove, in_schema(c.aggregate.ref), aggregate_name(c.aggregate)};
    }
    Traits operator()(const CreateTrigger& c) const { return {ObjectKind::Trigger, Effect::Create, c.table, c.trigger.name}; }
    Traits operator()(const ReplaceTrigger& c) const { return {ObjectKind::Trigger, Effect::Modify, c.table, c.to.name}; }
    Traits operator()(const DropTrigger& c) const {
        return {ObjectKind::Trigger, c.replaced ? Effect::Modify : Effect::Remove, c.table, c.trigger.name};
    }
    Traits operator()(const CreatePolicy& c) const { return {ObjectKind::Policy, Effect::Create, c.table, c.policy.name}; }
    Traits operator()(const ReplacePolicy& c) const { return {ObjectKind::Policy, Effect::Modify, c.table, c.to.name}; }
    Traits operator()(const DropPolicy& c) const {
        return {ObjectKind::Policy, c.replaced ? Effect::Modify : Effect::Remove, c.table, c.policy.name};
    }
    Traits operator()(const SetRowSecurity& c) const {
        return {ObjectKind::RowSecurity, c.weakens() ? Effect::Remove : Effect::Modify, c.table, c.table.name};
    }
    // Grouped with the table (or view) they are on; a sequence's, a routine's, a type's and a
    // schema's with their schema. Named by the role.
    Traits operator()(const GrantPrivileges& c) const { return {ObjectKind::Privilege, Effect::Create, privileges_place(c.object), c.role}; }
    Traits operator()(const GrantDefaultPrivileges& c) const {
        return {ObjectKind::Privilege, Effect::Create, TableRef{c.of.schema.empty() ? "public" : c.of.schema, ""}, c.role};
    }
    Traits operator()(const RevokeDefaultPrivileges& c) const {
        return {ObjectKind::Privilege, c.of_new_entry ? Effect::Modify : Effect::Remove, TableRef{c.of.schema.empty() ? "public" : c.of.schema, ""},
                c.role};
    }
    Traits operator()(const SetOwner& c) const {
        return {ObjectKind::Owner, c.from.empty() ? Effect::Create : Effect::Modify, privileges_place(c.object), c.object.display()};
    }
    Traits operator()(const RevokePrivileges& c) const {
        return {ObjectKind::Privilege, c.of_new_object ? Effect::Modify : Effect::Remove, privileges_place(c.object), c.role};
    }
    Traits operator()(const RenameTable& c) const {
        const TableRef to{c.from.schema, c.to};
        return {ObjectKind::Table, Effect::Rename, to, c.to, to, c.from};
    }
    Traits operator()(const RebuildTable& c) const { return {ObjectKind::Table, Effect::Modify, c.to.ref, c.to.ref.name}; }
    Traits operator()(const AlterSequence& c) const { return {ObjectKind::Sequence, Effect::Modify, in_schema(c.to.ref), c.to.ref.name}; }
    Traits operator()(const AlterDomain& c) const { return {ObjectKind::Domain, Effect::Modify, in_schema(c.to.ref), c.to.ref.name}; }
    Traits operator()(const RenameConstraint& c) const {
        // A key's or exclusion constraint's index takes the new name with it.
        const bool index = has_index(c.kind);
        return {object_kind(c.kind), Effect::Rename, c.table, c.to, index ? std::optional<TableRef>(TableRef{c.table.schema, c.to}) : std::nullopt,
                index ? std::optional<TableRef>(TableRef{c.table.schema, c.from}) : std::nullopt};
    }
    Traits operator()(const ValidateConstraint& c) const {
        return {object_kind(c.kind), Effect::Modify, c.table, c.name};
    }
    Traits operator()(const SetTableOptions& c) const { return {ObjectKind::Table, Effect::Modify, c.table, c.table.name}; }
    Traits operator()(const RenameColumn& c) const { return {ObjectKind::Column, Effect::Rename, c.table, c.to}; }
    Traits operator()(const RenameIndex& c) const {
        return {ObjectKind::Index, Effect::Rename, c.table, c.to, TableRef{c.table.schema, c.to}, TableRef{c.table.schema, c.from}};
    }
};

Traits traits(const Change& change) { return std::visit(TraitsOf{}, change); }

}  // namespace

TableRef table_of(const Change& change) { return traits(change).table; }
ObjectKind kind_of(const Change& change) { return traits(change).kind; }
std::string object_name(const Change& change) { return traits(change).name; }
Effect effect_of(const Change& change) { return traits(change).effect; }
bool is_drop(const Change& change) { return effect_of(change) == Effect::Remove; }
std::optional<TableRef> creates_relation(const Change& change) { return traits(change).creates; }
std::optional<TableRef> removes_relation(const Change& change) { return traits(change).removes; }

const char* to_string(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::PrimaryKey: return "primary key";
        case ConstraintKind::Unique: return "unique constraint";
        case ConstraintKind::Check: return "check";
        case ConstraintKind::ForeignKey: return "foreign key";
        case ConstraintKind::Exclusion: return "exclusion constraint";
    }
    return "constraint";
}

const char* to_string(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::Table: return "table";
        case ObjectKind::Column: return "column";
        case ObjectKind::PrimaryKey: return "primary key";
        case ObjectKind::Unique: return "unique constraint";
        case ObjectKind::Index: return "index";
        case ObjectKind::ForeignKey: return "foreign key";
        case ObjectKind::Check: return "check";
        case ObjectKind::Schema: return "schema";
        case ObjectKind::Extension: return "extension";
        case ObjectKind::Comment: return "comment";
        case ObjectKind::Enum: return "enum type";
        case ObjectKind::EnumValue: return "enum value";
        case ObjectKind::Sequence: return "sequence";
        case ObjectKind::Domain: return "domain";
        case ObjectKind::View: return "view";
        case ObjectKind::Exclusion: return "exclusion constraint";
        case ObjectKind::Function: return "function";
        case ObjectKind::Trigger: return "trigger";
        case ObjectKind::Aggregate: return "aggregate";
        case ObjectKind::Policy: return "policy";
        case ObjectKind::RowSecurity: return "row-level security";
        case ObjectKind::Privilege: return "privilege";
        case ObjectKind::Owner: return "owner";
    }
    return "object";
}

std::string describe(const SetComment& c) {
    switch (c.on) {
        case CommentOn::Table: return "table " + c.table.display();
        case CommentOn::Column: return "column " + c.table.display() + "." + c.name;
        case CommentOn::Index: return "index " + c.table.schema + "." + c.name;
        case CommentOn::View: return "view " + c.table.display();
        case CommentOn::MaterializedView: return "materialized view " + c.table.display();
        case CommentOn::Schema: return "schema " + c.table.schema;
        case CommentOn::Function: return "function " + c.table.display() + "(" + c.name + ")";
        case CommentOn::Procedure: return "procedure " + c.table.display() + "(" + c.name + ")";
        case CommentOn::Trigger: return "trigger " + c.name + " on " + c.table.display();
        case CommentOn::Policy: return "policy " + c.name + " on " + c.table.display();
        case CommentOn::Aggregate: return "aggregate " + c.table.display() + "(" + c.name + ")";
        case CommentOn::PartitionIndex: return "the index of " + c.table.display() + " that belongs to " + c.ancestor_schema + "." + c.name;
    }
    return "object";
}

namespace {

std::string describe_default(const std::optional<model::Expression>& e) { return e ? "default " + e->text : std::string("no default"); }

std::string describe_identity(model::Identity i) {
    return i == model::Identity::None ? "not an identity" : std::string(model::to_sql(i)).substr(std::string("GENERATED ").size());
}

std::string describe_generated(const model::Column& c) {
    if (!c.generated) return "not generated";
    return "generated as (" + c.generated->text + ")" + (c.generated_virtual ? " VIRTUAL" : "");
}

std::string describe_collation(const std::string& c) {
    return c.empty() ? std::string("the default collation") : "collation \"" + c + "\"";
}

}  // namespace

std::string describe(const ModifyColumn& m) {
    if (!m.on_existing_table) return describe_default(m.to.default_value) + ", set once the functions it calls are made (the table is made without it)";
    std::string out;
    auto add = [&](const std::string& have, const std::string& want) {
        out += (out.empty() ? "" : "; ") + have + " in the database, " + want + " in the model";
    };
    if (m.differs.type) add("type " + m.from.type, m.to.type);
    if (m.differs.nullability) add(m.from.nullable ? "nullable" : "NOT NULL", m.to.nullable ? "nullable" : "NOT NULL");
    if (m.differs.default_value) add(describe_default(m.from.default_value), describe_default(m.to.default_value));
    if (m.differs.identity) add(describe_identity(m.from.identity), describe_identity(m.to.identity));
    if (m.differs.generated) add(describe_generated(m.from), describe_generated(m.to));
    if (m.differs.collation) add(describe_collation(m.from.collation), describe_collation(m.to.collation));
    if (m.differs.rowid_alias) {
        auto key = [](const model::Column& c) {
            return "primary key declared " + c.declared_type.value_or(c.type);
        };
        add(key(m.from), key(m.to) + " (the row id only when declared INTEGER)");
    }
    if (m.differs.identity_options) {
        auto options = [](const model::Column& c) {
            const std::string sql = c.identity_options.sql();
            return "identity options " + (sql.empty() ? std::string("(the defaults)") : sql.substr(1));
        };
        add(options(m.from), options(m.to));
    }
    return out;
}

std::string describe(const ReplaceFunction& r) {
    const model::Function &f = r.from, &t = r.to;
    std::vector<std::string> parts;
    auto add = [&](const std::string& what, const std::string& have, const std::string& want) {
        if (have != want) parts.push_back(what + " " + have + " in the database, " + want + " in the model");
    };
    auto yes_no = [](bool b) { return std::string(b ? "on" : "off"); };
    if (f.body != t.body) parts.push_back("body");
    if (f.arguments != t.arguments) parts.push_back("argument defaults");
    add("language", f.language, t.language);
    add("volatility", f.volatility, t.volatility);
    add("strict", yes_no(f.strict), yes_no(t.strict));
    add("security definer", yes_no(f.security_definer), yes_no(t.security_definer));
    add("leakproof", yes_no(f.leakproof), yes_no(t.leakproof));
    add("parallel", f.parallel, t.parallel);
    if (f.cost != t.cost) parts.push_back("cost");
    if (f.rows != t.rows) parts.push_back("rows");
    if (f.settings != t.settings) parts.push_back("SET options");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out + " (CREATE OR REPLACE)";
}

}  // namespace reconcile::diff
