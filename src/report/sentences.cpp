#include "report/sentences.h"

#include "model/normalize.h"

namespace reconcile::report {

using diff::ObjectKind;

std::string describe_object(const diff::Change& change) {
    const model::TableRef t = diff::table_of(change);
    const std::string name = diff::object_name(change);
    if (auto* drop = std::get_if<diff::DropConstraint>(&change)) {
        const std::string what = diff::to_string(drop->kind);
        if (drop->kind == diff::ConstraintKind::PrimaryKey) return "primary key " + drop->definition + " of table " + t.display();
        return what + " " + (drop->name.empty() ? drop->definition : drop->name + " " + drop->definition) + " on " + t.display();
    }
    if (auto* view = std::get_if<diff::DropView>(&change))
        return std::string(view->view.materialized ? "materialized view " : "view ") + t.display();
    if (auto* view = std::get_if<diff::CreateView>(&change))
        return std::string(view->view.materialized ? "materialized view " : "view ") + t.display();
    auto function_kind = [](const model::Function& f) { return std::string(f.procedure ? "procedure " : "function "); };
    if (auto* f = std::get_if<diff::CreateFunction>(&change)) return function_kind(f->function) + t.schema + "." + name;
    if (auto* f = std::get_if<diff::ReplaceFunction>(&change)) return function_kind(f->to) + t.schema + "." + name;
    if (auto* f = std::get_if<diff::DropFunction>(&change)) return function_kind(f->function) + t.schema + "." + name;
    auto privileges = [](const std::vector<std::string>& list, const std::string& role, const model::ObjectPrivileges& on) {
        std::string names;
        for (const auto& p : list) names += (names.empty() ? "" : ", ") + model::upper_ascii(p);
        return "privilege " + names + " of " + (role == "public" ? std::string("PUBLIC") : "role " + role) + " on " + on.display();
    };
    if (auto* g = std::get_if<diff::GrantPrivileges>(&change))
        return privileges(g->privileges, g->role, g->object) + (g->with_grant_option ? " WITH GRANT OPTION" : "");
    if (auto* r = std::get_if<diff::RevokePrivileges>(&change))
        return (r->grant_option_only ? "the grant option of " : "") + privileges(r->privileges, r->role, r->object);
    auto defaults = [](const std::vector<std::string>& list, const std::string& role, const model::DefaultPrivileges& of) {
        std::string names;
        for (const auto& p : list) names += (names.empty() ? "" : ", ") + model::upper_ascii(p);
        return "default privilege " + names + " of " + (role == "public" ? std::string("PUBLIC") : "role " + role) + " on what role " +
               of.for_role + " makes (" + model::default_privileges_kind(of.on) + (of.schema.empty() ? "" : " in schema " + of.schema) + ")";
    };
    if (auto* g = std::get_if<diff::GrantDefaultPrivileges>(&change))
        return defaults(g->privileges, g->role, g->of) + (g->with_grant_option ? " WITH GRANT OPTION" : "");
    if (auto* r = std::get_if<diff::RevokeDefaultPrivileges>(&change))
        return (r->grant_option_only ? "the grant option of " : "") + defaults(r->privileges, r->role, r->of);
    switch (diff::kind_of(change)) {
        case ObjectKind::Privilege: return "privilege of role " + name;
        case ObjectKind::Function: return "function " + t.schema + "." + name;
        case ObjectKind::Aggregate: return "aggregate " + t.schema + "." + name;
        case ObjectKind::Schema: return "schema " + name;
        case ObjectKind::Extension: return "extension " + name;
        case ObjectKind::Enum: return "enum type " + t.schema + "." + name;
        case ObjectKind::EnumValue: return "enum value " + t.schema + "." + name;
        case ObjectKind::Sequence: return "sequence " + t.schema + "." + name;
        case ObjectKind::Domain: return "domain " + t.schema + "." + name;
        case ObjectKind::View: return "view " + t.display();
        case ObjectKind::Table: return "table " + t.display();
        case ObjectKind::Column: return "column " + t.display() + "." + name;
        case ObjectKind::Comment: return std::string("comment on ") + diff::describe(std::get<diff::SetComment>(change));
        case ObjectKind::PrimaryKey:
        case ObjectKind::Unique:
        case ObjectKind::Index:
        case ObjectKind::ForeignKey:
        case ObjectKind::Check:
        case ObjectKind::Exclusion:
        case ObjectKind::Trigger:
        case ObjectKind::Policy: return std::string(diff::to_string(diff::kind_of(change))) + " " + name + " on " + t.display();
        case ObjectKind::RowSecurity: return "row-level security of table " + t.display();
        case ObjectKind::Owner: return "owner of " + name;
    }
    return name;
}

std::string left_alone(const diff::Change& drop) {
    if (std::holds_alternative<diff::RevokePrivileges>(drop) || std::holds_alternative<diff::RevokeDefaultPrivileges>(drop))
        return describe_object(drop) + " is held in the database and not given in the model; it is left alone (--allow-drop revokes it)";
    if (auto* r = std::get_if<diff::SetRowSecurity>(&drop))
        return describe_object(drop) + " is " + (r->from_enabled && !r->to_enabled ? "enabled" : "forced") +
               " in the database and not in the model; it is left on (--allow-drop turns it off)";
    return describe_object(drop) + " is in the database but not in the model; it is left alone (--allow-drop drops it)";
}

namespace {

std::string list(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
    return out;
}

std::string default_text(const std::optional<model::Expression>& e) { return e ? e->text : std::string("no default"); }

// One sentence per kind of difference no change makes, in the words of the table it is on.
struct Sentence {
    const model::TableRef& table;

    std::string operator()(const diff::PartitioningDiffers& d) const {
        auto by = [](const std::optional<model::Expression>& p) { return p ? "partitioned by " + p->text : std::string("not partitioned"); };
        return "table " + table.display() + " is " + by(d.from) + " in the database, " + by(d.to) + " in the model";
    }
    std::string operator()(const diff::PartitionDiffers& d) const {
        auto of = [](const std::optional<model::TableRef>& parent, const std::string& bound) {
            return parent ? "a partition of " + parent->display() + " " + bound : std::string("not a partition");
        };
        return "table " + table.display() + " is " + of(d.from_parent, d.from_bound) + " in the database, " + of(d.to_parent, d.to_bound) +
               " in the model";
    }
    std::string operator()(const diff::AutoincrementDiffers& d) const {
        return "column " + table.display() + "." + d.column + (d.from ? " is" : " is not") + " AUTOINCREMENT in the database, and" +
               (d.to ? " is" : " is not") + " in the model";
    }
    std::string operator()(const diff::SerialSequenceDiffers& d) const {
        return "column " + table.display() + "." + d.column + (d.from ? " draws from sequence " + *d.from : std::string(" is not serial")) +
               " in the database, from " + d.to + " in the model";
    }
    std::string operator()(const diff::ExtensionSchemaDiffers& d) const {
        return "extension " + d.extension + " is installed in schema " + d.from + " in the database, " + d.to + " in the model; it is left there";
    }
    std::string operator()(const diff::ExtensionNotInModel& d) const {
        return "extension " + d.extension + " is in the database but not in the model; it is left alone";
    }
    std::string operator()(const diff::EnumValuesDiffer& d) const {
        return "enum type " + d.type.display() + " is (" + list(d.from, ", ") + ") in the database, (" + list(d.to, ", ") +
               ") in the model; values are only ever added, never removed or reordered";
    }
    std::string operator()(const diff::DomainBaseTypeDiffers& d) const {
        std::vector<std::string> differs{"base type " + d.from.type + " in the database, " + d.to.type + " in the model"};
        if (d.from.nullable != d.to.nullable)
            differs.push_back(std::string(d.from.nullable ? "nullable" : "NOT NULL") + " in the database, " +
                              (d.to.nullable ? "nullable" : "NOT NULL") + " in the model");
        if (d.from.default_value.has_value() != d.to.default_value.has_value() ||
            (d.to.default_value && d.from.default_value->canonical != d.to.default_value->canonical))
            differs.push_back(default_text(d.from.default_value) + " in the database, " + default_text(d.to.default_value) + " in the model");
        std::vector<std::string> have, want;
        for (const auto& c : d.from.checks) have.push_back(c.expression.text);
        for (const auto& c : d.to.checks) want.push_back(c.expression.text);
        if (have != want) differs.push_back("checks (" + list(have, "; ") + ") in the database, (" + list(want, "; ") + ") in the model");
        return "domain " + d.to.ref.display() + ": " + list(differs, "; ") + "; it is not altered";
    }
    std::string operator()(const diff::LeftAlone& d) const { return left_alone(d.drop); }
    std::string operator()(const diff::ViewKindDiffers& d) const {
        auto kind = [](bool materialized) { return materialized ? "materialized view" : "plain view"; };
        return std::string(d.from_materialized ? "materialized view " : "view ") + table.display() + " is a " + kind(d.from_materialized) +
               " in the database, a " + kind(d.to_materialized) + " in the model";
    }
};

}  // namespace

std::string message(const diff::Warning& warning) {
    return warning.detail ? std::visit(Sentence{warning.table}, *warning.detail) : warning.message;
}

}  // namespace reconcile::report
