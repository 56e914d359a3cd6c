#include "report/sentences.h"

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
    switch (diff::kind_of(change)) {
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
        case ObjectKind::Exclusion: return std::string(diff::to_string(diff::kind_of(change))) + " " + name + " on " + t.display();
    }
    return name;
}

std::string left_alone(const diff::Change& drop) {
    return describe_object(drop) + " is in the database but not in the model; it is left alone (--allow-drop drops it)";
}

}  // namespace reconcile::report
