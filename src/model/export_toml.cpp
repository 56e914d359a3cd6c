#include "model/export_toml.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>
#include <set>

#include <nlohmann/json.hpp>

#include "model/normalize.h"

namespace reconcile::model {
namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// A function's name as the model reads it back: schema.name, each part quoted where needed.
std::string function_ref_text(const TableRef& f) { return quoted(name_as_written(f.schema) + "." + name_as_written(f.name)); }

std::string string_array(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quoted(v[i]);
    return out + "]";
}

std::string fk_action_key(FkAction a) {
    switch (a) {
        case FkAction::Restrict: return "restrict";
        case FkAction::Cascade: return "cascade";
        case FkAction::SetNull: return "set null";
        case FkAction::SetDefault: return "set default";
        case FkAction::NoAction: break;
    }
    return "no action";
}

template <class T>
std::vector<const T*> by_name(const std::vector<T>& items) {
    std::vector<const T*> out;
    for (const auto& i : items) out.push_back(&i);
    std::stable_sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->name < b->name; });
    return out;
}

// Schema-level objects in (schema, name) order.
template <class T>
std::vector<const T*> by_ref(const std::vector<T>& items) {
    std::vector<const T*> out;
    for (const auto& i : items) out.push_back(&i);
    std::stable_sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->ref < b->ref; });
    return out;
}

// "email", or an inline table when the key is more than a column name.
std::string index_key(const IndexKey& k) {
    if (k.is_plain_column()) return quoted(k.column);
    std::string out = "{ " + (k.expression ? "expression = " + quoted(k.expression->text) : "column = " + quoted(k.column));
    if (k.descending) out += ", order = \"desc\"";
    if (k.nulls_first != k.descending) out += std::string(", nulls = ") + (k.nulls_first ? "\"first\"" : "\"last\"");
    if (!k.opclass.empty()) out += ", opclass = " + quoted(k.opclass);
    if (!k.collation.empty()) out += ", collation = " + quoted(k.collation);
    return out + " }";
}

// The keys of one entry of an array of tables, each "key = value" on one line (quoted()
// escapes line breaks): written as a block of lines, or as one inline table.
using Fields = std::vector<std::string>;

void add_fields(Fields& to, const Fields& more) { to.insert(to.end(), more.begin(), more.end()); }

// ExportedGrants::toml's lines ("owner = …\n", "grants = […]\n") as fields, each key prefixed.
void add_lines(Fields& to, const std::string& lines, const std::string& prefix = "") {
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) to.push_back(prefix + line);
}

// "  key = value\n" a line each, two spaces in: a [[…]] block's keys.
std::string block(const Fields& fields) {
    std::string out;
    for (const auto& f : fields) out += "  " + f + "\n";
    return out;
}

Fields deferral_fields(const Deferral& d) {
    Fields out;
    if (d.deferrable) out.push_back("deferrable = true");
    if (d.initially_deferred) out.push_back("initially_deferred = true");
    return out;
}

// The keys of an index after its name.
Fields index_fields(const Index& i) {
    std::string keys = "columns = [";
    for (std::size_t k = 0; k < i.keys.size(); ++k) keys += (k ? ", " : "") + index_key(i.keys[k]);
    Fields out{keys + "]"};
    if (i.unique) out.push_back("unique = true");
    if (i.method != "btree") out.push_back("using = " + quoted(i.method));
    if (!i.include.empty()) out.push_back("include = " + string_array(i.include));
    if (!i.nulls_distinct) out.push_back("nulls_distinct = false");
    if (!i.with.empty()) out.push_back("with = " + string_array(i.with));
    if (i.where) out.push_back("where = " + quoted(i.where->text));
    if (i.comment) out.push_back("comment = " + quoted(*i.comment));
    return out;
}

// Defined with the function bodies it was written for.
std::string multiline(const std::string& text);

// `key = [ … ]`, one inline table per line, as people write them and pull requests show them:
// an 80-column table is 80 lines, not 400. "" when there is none.
std::string inline_array(const char* key, const std::vector<Fields>& entries) {
    if (entries.empty()) return "";
    std::string out = std::string(key) + " = [\n";
    for (const auto& fields : entries) {
        out += "  {";
        for (std::size_t k = 0; k < fields.size(); ++k) out += (k ? ", " : " ") + fields[k];
        out += " },\n";
    }
    return out + "]\n";
}

}  // namespace

ExportedGrants::ExportedGrants(const Schema& s, bool with_owners) {
    for (const auto& o : s.privileges) by_object_[{int(o.on), o.ref, o.arguments}] = &o;
    if (with_owners) {
        for (const auto& o : s.privileges)
            if (!o.owner.empty()) owner_of_[{int(o.on), o.ref, o.arguments}] = o.owner;
        for (const auto& o : s.owners) owner_of_[{int(o.on), o.ref, o.arguments}] = o.owner;
    }
    if (!s.managed_roles.empty()) {
        roles_ = s.managed_roles;
        return;
    }
    // A model without managed roles manages no privilege; a database without roles (SQLite)
    // has none.
    if (s.roles.empty()) return;
    std::set<std::string> holders;
    auto look = [&](GrantOn on, const TableRef& ref, const std::string& arguments = "") {
        auto it = by_object_.find({int(on), ref, arguments});
        std::vector<std::string> public_holds;
        if (it != by_object_.end())
            for (const auto& p : it->second->privileges) {
                if (p.role != "public") holders.insert(p.role);
                else if (!p.grantable) public_holds.push_back(p.privilege);
                else holders.insert("public");
            }
        std::vector<std::string> defaults = public_default_privileges(on);
        // PostgreSQL 15's initdb gives PUBLIC USAGE on schema public.
        if (on == GrantOn::Schema && ref.schema == "public") defaults = {"usage"};
        std::sort(public_holds.begin(), public_holds.end());
        std::sort(defaults.begin(), defaults.end());
        if (public_holds != defaults) holders.insert("public");
    };
    for (const auto& name : s.schemas) look(GrantOn::Schema, TableRef{name, ""});
    for (const auto& t : s.tables) {
        look(GrantOn::Table, t.ref);
        for (const auto& c : t.columns) {
            if (c.is_serial()) look(GrantOn::Sequence, TableRef{t.ref.schema, serial_sequence_name(t.ref.name, c)});
            look(GrantOn::Column, t.ref, c.name);
        }
    }
    for (const auto& v : s.views) look(GrantOn::Table, v.ref);
    for (const auto& q : s.sequences) look(GrantOn::Sequence, q.ref);
    for (const auto& f : s.functions)
        if (f.unsupported.empty()) look(GrantOn::Routine, f.ref, f.signature_types());
    for (const auto& a : s.aggregates)
        if (a.unsupported.empty()) look(GrantOn::Routine, a.ref, a.signature_types());
    for (const auto& e : s.enums) look(GrantOn::Type, e.ref);
    for (const auto& d : s.domains) look(GrantOn::Type, d.ref);
    // Default privileges: their grantees, and PUBLIC where it holds other than the built-in
    // defaults (for every schema: EXECUTE on functions, USAGE on types).
    for (const auto& d : s.default_privileges) {
        for (const auto& p : d.privileges)
            if (p.role != "public") holders.insert(p.role);
        if (d.differs_from_built_in({"public"})) holders.insert("public");
    }
    roles_.assign(holders.begin(), holders.end());
}

std::string ExportedGrants::toml(GrantOn on, const TableRef& ref, const std::string& arguments, bool owner_too) const {
    std::string owner;
    if (owner_too)
        if (auto o = owner_of_.find({int(on), ref, arguments}); o != owner_of_.end()) owner = "owner = " + quoted(o->second) + "\n";
    if (roles_.empty()) return owner;
    auto it = by_object_.find({int(on), ref, arguments});
    const std::string items = it == by_object_.end() ? std::string() : grant_items(on, it->second->privileges);
    return owner + (items.empty() ? std::string() : "grants = [" + items + "]\n");
}

// `{ role = …, privileges = […] }, …` for the managed roles, privileges in PostgreSQL's order.
std::string ExportedGrants::grant_items(GrantOn on, const std::vector<Privilege>& privileges) const {
    std::string items;
    for (const auto& role : roles_)
        for (bool grantable : {false, true}) {
            std::vector<std::string> names;
            for (const auto& privilege : grantable_privileges(on))
                for (const auto& p : privileges)
                    if (p.role == role && p.privilege == privilege && p.grantable == grantable) names.push_back(privilege);
            if (names.empty()) continue;
            items += std::string(items.empty() ? "" : ", ") + "{ role = " + quoted(role) + ", privileges = " + string_array(names) +
                     (grantable ? ", grant_option = true" : "") + " }";
        }
    return items;
}

// [[default_privileges]]: each entry that gives the managed roles other than PostgreSQL's
// built-in defaults, with their grants (none is `grants = []`: the entry takes the built-in
// defaults away).
std::string ExportedGrants::default_privileges_toml(const std::vector<DefaultPrivileges>& entries) const {
    if (roles_.empty()) return {};
    std::string out;
    for (const auto& d : entries) {
        if (!d.differs_from_built_in(roles_)) continue;
        out += "\n[[default_privileges]]\nrole = " + quoted(d.for_role) + "\n";
        if (!d.schema.empty()) out += "schema = " + quoted(d.schema) + "\n";
        out += std::string("on = \"") + default_privileges_kind(d.on) + "\"\ngrants = [" + grant_items(d.on, d.privileges) + "]\n";
    }
    return out;
}

namespace {

// [[tables.triggers]] or [[views.triggers]]: what the model can express, by name.
std::string triggers_to_toml(const std::string& parent, const std::vector<Trigger>& triggers) {
    std::string out;
    for (const auto* tr : by_name(triggers)) {
        if (!tr->unsupported.empty()) continue;
        out += "\n  [[" + parent + ".triggers]]\n  name = " + quoted(tr->name) + "\n  timing = " + quoted(tr->timing) + "\n  events = " +
               string_array(tr->events) + "\n";
        if (!tr->update_of.empty()) out += "  update_of = " + string_array(tr->update_of) + "\n";
        // A body's trigger (SQLite's) is for each row without saying so.
        if (tr->for_each_row && !tr->body) out += "  for_each = \"row\"\n";
        if (tr->when) out += "  when = " + quoted(tr->when->text) + "\n";
        // Always qualified: an unqualified name is taken in the table's schema.
        if (tr->body) out += "  body = " + multiline(tr->body->text) + "\n";
        else out += "  function = " + function_ref_text(tr->function) + "\n";
        if (!tr->arguments.empty()) out += "  arguments = " + string_array(tr->arguments) + "\n";
        if (!tr->old_table.empty()) out += "  old_table = " + quoted(tr->old_table) + "\n";
        if (!tr->new_table.empty()) out += "  new_table = " + quoted(tr->new_table) + "\n";
        if (tr->constraint) out += "  constraint = true\n";
        out += block(deferral_fields(tr->deferral));
        if (tr->state != "enabled") out += "  state = " + quoted(tr->state) + "\n";
        if (tr->comment) out += "  comment = " + quoted(*tr->comment) + "\n";
    }
    return out;
}

std::vector<std::string> unexported_triggers(const std::vector<Trigger>& triggers) {
    std::vector<std::string> out;
    for (const auto& tr : triggers)
        if (!tr.unsupported.empty()) out.push_back("trigger " + tr.name + " is not exported (not expressible yet): " + tr.unsupported);
    return out;
}

}  // namespace

std::vector<std::string> unexported(const Table& t) {
    std::vector<std::string> out;
    for (const auto& i : t.indexes)
        if (i.unsupported_definition)
            out.push_back("index " + i.name + " is not exported (not expressible yet): " + *i.unsupported_definition);
    for (auto& line : unexported_triggers(t.triggers)) out.push_back(std::move(line));
    return out;
}

std::vector<std::string> unexported(const View& v) { return unexported_triggers(v.triggers); }

namespace {

// A JSON value (an array column's, read as JSON) as TOML: arrays and scalars as themselves, a
// JSON null (which TOML cannot hold) refused, an object as its JSON text.
std::string json_to_toml(const nlohmann::json& j, const std::string& where) {
    if (j.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + json_to_toml(j[i], where);
        return out + "]";
    }
    if (j.is_string()) return quoted(j.get<std::string>());
    if (j.is_null())
        throw Error(ErrorKind::Usage, where + " holds an array with a NULL element, which a declared row cannot write (TOML has no null)");
    if (j.is_object()) return quoted(j.dump());
    return j.dump();
}

}  // namespace

std::string rows_to_toml(const TableData& data) {
    std::string out;
    for (const auto& row : data.rows) {
        out += "\n  [[tables.rows]]\n";
        for (const auto& v : row.values) {
            const bool bare = !v.column.empty() && std::all_of(v.column.begin(), v.column.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '_' || c == '-';
            });
            out += "  " + (bare ? v.column : quoted(v.column)) + " = ";
            switch (v.kind) {
                case ValueKind::Null: out += "{ null = true }"; break;
                case ValueKind::Integer:
                case ValueKind::Boolean: out += v.text; break;
                case ValueKind::Array: out += json_to_toml(nlohmann::json::parse(v.text), "column " + v.column); break;
                default: out += quoted(v.text); break;
            }
            out += "\n";
        }
    }
    return out;
}

std::string table_to_toml(const Table& t, const ExportedGrants& grants) {
    std::string out = std::string(kExportMarker) + "\n[[tables]]\nname = " + quoted(t.ref.name) + "\n";
    if (t.ref.schema != "public") out += "schema = " + quoted(t.ref.schema) + "\n";
    if (t.comment) out += "comment = " + quoted(*t.comment) + "\n";
    if (t.without_rowid) out += "without_rowid = true\n";
    if (t.strict) out += "strict = true\n";
    if (t.partition_by) out += "partition_by = " + quoted(t.partition_by->text) + "\n";
    if (t.partition_of) {
        out += "partition_of = { table = " + quoted(t.partition_of->name);
        if (t.partition_of->schema != t.ref.schema) out += ", schema = " + quoted(t.partition_of->schema);
        out += ", bound = " + quoted(t.partition_bound.text) + " }\n";
    }
    const bool composite = t.primary_key.size() > 1;
    if (composite) out += "primary_key = " + string_array(t.primary_key) + "\n";
    if (!t.primary_key.empty() && !t.primary_key_name.empty() && t.primary_key_name != default_object_name(t.ref.name, {}, "pkey"))
        out += "primary_key_name = " + quoted(t.primary_key_name) + "\n";
    if (t.primary_key_deferral.deferrable) out += "primary_key_deferrable = true\n";
    if (t.primary_key_deferral.initially_deferred) out += "primary_key_initially_deferred = true\n";
    if (t.row_level_security) out += "row_level_security = true\n";
    if (t.force_row_level_security) out += "force_row_level_security = true\n";
    out += grants.toml(GrantOn::Table, t.ref);
    for (const auto& line : unexported(t)) out += "# " + line + "\n";
    for (const auto& attribute : t.unmanaged) {
        std::string line = attribute;  // names may hold any character: one comment line each
        for (auto& ch : line)
            if (ch == '\n' || ch == '\r') ch = ' ';
        out += "# not managed by reconcile, so not exported: " + line + "\n";
    }
    // Arrays of tables are inline, and so must all come before the first [[tables.…]] header
    // (the triggers'), after which a key would belong to that header's table.
    std::vector<Fields> columns, uniques, indexes, foreign_keys, exclusions, checks, policies;
    for (const auto& c : t.columns) {
        // SQLite's declared type as written (it shows it back); PostgreSQL's canonical one.
        Fields entry{"name = " + quoted(c.name), "type = " + quoted(c.declared_type.value_or(c.type))};
        bool pk = !composite && !t.primary_key.empty() && t.primary_key[0] == c.name;
        const bool in_key = std::find(t.primary_key.begin(), t.primary_key.end(), c.name) != t.primary_key.end();
        if (pk) entry.push_back("primary_key = true");
        // A key column's NOT NULL is implied, and said only where SQLite kept it as written.
        if (!c.nullable && (!in_key || (c.declared_type && c.not_null_written))) entry.push_back("nullable = false");
        if (c.default_value) entry.push_back("default = " + quoted(c.default_value->text));
        if (c.is_serial() && !c.sequence.empty()) entry.push_back("sequence = " + quoted(c.sequence));
        if (c.is_serial())
            add_lines(entry, grants.toml(GrantOn::Sequence, TableRef{t.ref.schema, serial_sequence_name(t.ref.name, c)}, "", false),
                      "sequence_");
        add_lines(entry, grants.toml(GrantOn::Column, t.ref, c.name, false));
        if (c.identity != Identity::None)
            entry.push_back(std::string("identity = ") + (c.identity == Identity::Always ? "\"always\"" : "\"by default\""));
        if (c.identity != Identity::None && c.identity_options.any()) {
            const IdentityOptions& o = c.identity_options;
            std::string options;
            auto add = [&](const char* key, const std::optional<long long>& v) {
                if (v) options += (options.empty() ? "" : ", ") + std::string(key) + " = " + std::to_string(*v);
            };
            add("start", o.start);
            add("increment", o.increment);
            add("min_value", o.min_value);
            add("max_value", o.max_value);
            add("cache", o.cache);
            if (o.cycle) options += (options.empty() ? "" : ", ") + std::string("cycle = true");
            entry.push_back("identity_options = { " + options + " }");
        }
        if (c.generated) entry.push_back("generated = " + quoted(c.generated->text));
        if (c.generated_virtual) entry.push_back("virtual = true");
        if (c.autoincrement) entry.push_back("autoincrement = true");
        if (!c.collation.empty()) entry.push_back("collation = " + quoted(c.collation));
        if (c.comment) entry.push_back("comment = " + quoted(*c.comment));
        columns.push_back(std::move(entry));
    }
    for (const auto* u : by_name(t.uniques)) {
        Fields entry{"name = " + quoted(u->name), "columns = " + string_array(u->columns)};
        add_fields(entry, deferral_fields(u->deferral));
        if (!u->nulls_distinct) entry.push_back("nulls_distinct = false");
        uniques.push_back(std::move(entry));
    }
    for (const auto* i : by_name(t.indexes)) {
        if (i->unsupported_definition) continue;
        Fields entry{"name = " + quoted(i->name)};
        add_fields(entry, index_fields(*i));
        indexes.push_back(std::move(entry));
    }
    for (const auto* fk : by_name(t.foreign_keys)) {
        Fields entry;
        if (!fk->name.empty()) entry.push_back("name = " + quoted(fk->name));
        entry.push_back("columns = " + string_array(fk->columns));
        std::string references = "references = { table = " + quoted(fk->ref_table.name);
        if (fk->ref_table.schema != t.ref.schema) references += ", schema = " + quoted(fk->ref_table.schema);
        entry.push_back(references + ", columns = " + string_array(fk->ref_columns) + " }");
        if (fk->on_delete != FkAction::NoAction) entry.push_back("on_delete = " + quoted(fk_action_key(fk->on_delete)));
        if (fk->on_update != FkAction::NoAction) entry.push_back("on_update = " + quoted(fk_action_key(fk->on_update)));
        if (fk->match_full) entry.push_back("match = \"full\"");
        add_fields(entry, deferral_fields(fk->deferral));
        if (fk->not_valid) entry.push_back("not_valid = true");
        foreign_keys.push_back(std::move(entry));
    }
    for (const auto* x : by_name(t.exclusions)) {
        Fields entry{"name = " + quoted(x->name), "definition = " + quoted(x->definition.text)};
        add_fields(entry, deferral_fields(x->deferral));
        exclusions.push_back(std::move(entry));
    }
    for (const auto* c : by_name(t.checks)) {
        Fields entry;
        if (!c->name.empty()) entry.push_back("name = " + quoted(c->name));
        entry.push_back("expression = " + quoted(c->expression.text));
        if (c->no_inherit) entry.push_back("no_inherit = true");
        if (c->not_valid) entry.push_back("not_valid = true");
        checks.push_back(std::move(entry));
    }
    for (const auto* p : by_name(t.policies)) {
        Fields entry{"name = " + quoted(p->name)};
        if (!p->permissive) entry.push_back("as = \"restrictive\"");
        if (p->command != "all") entry.push_back("command = " + quoted(p->command));
        if (p->roles != std::vector<std::string>{"public"}) entry.push_back("roles = " + string_array(p->roles));
        if (p->using_expression) entry.push_back("using = " + quoted(p->using_expression->text));
        if (p->with_check) entry.push_back("with_check = " + quoted(p->with_check->text));
        if (p->comment) entry.push_back("comment = " + quoted(*p->comment));
        policies.push_back(std::move(entry));
    }
    out += inline_array("columns", columns);
    out += inline_array("unique_constraints", uniques);
    out += inline_array("indexes", indexes);
    out += inline_array("foreign_keys", foreign_keys);
    out += inline_array("exclusions", exclusions);
    out += inline_array("checks", checks);
    out += inline_array("policies", policies);
    out += triggers_to_toml("tables", t.triggers);  // [[tables.triggers]]: a SQLite body spans lines
    if (t.data) out += rows_to_toml(*t.data);
    return out;
}

std::string database_objects_to_toml(const Schema& s, bool with_owners) {
    const ExportedGrants grants(s, with_owners);
    std::string out;
    if (!grants.roles().empty()) out += "\n[settings]\nmanaged_roles = " + string_array(grants.roles()) + "\n";
    std::vector<std::string> schemas = s.schemas;
    std::sort(schemas.begin(), schemas.end());
    for (const auto& name : schemas) {
        auto comment = s.schema_comments.find(name);
        // public is every database's, with the comment initdb gives it (which pg_dump leaves
        // out too): it is declared only to manage another comment.
        if (comment != s.schema_comments.end() && name == "public" && comment->second == "standard public schema")
            comment = s.schema_comments.end();
        const std::string granted = grants.toml(GrantOn::Schema, TableRef{name, ""});
        if (name == "public" && comment == s.schema_comments.end() && granted.empty()) continue;
        out += "\n[[schemas]]\nname = " + quoted(name) + "\n";
        if (comment != s.schema_comments.end()) out += "comment = " + quoted(comment->second) + "\n";
        out += granted;
    }
    for (const auto* e : by_name(s.extensions)) {
        if (e->name == "plpgsql") continue;
        out += "\n[[extensions]]\nname = " + quoted(e->name) + "\n";
        if (!e->schema.empty()) out += "schema = " + quoted(e->schema) + "\n";
    }
    for (const auto* e : by_ref(s.enums)) {
        out += "\n[[enums]]\nname = " + quoted(e->ref.name) + "\n";
        if (e->ref.schema != "public") out += "schema = " + quoted(e->ref.schema) + "\n";
        out += "values = " + string_array(e->values) + "\n";
        out += grants.toml(GrantOn::Type, e->ref);
    }
    for (const auto* q : by_ref(s.sequences)) {
        out += "\n[[sequences]]\nname = " + quoted(q->ref.name) + "\n";
        if (q->ref.schema != "public") out += "schema = " + quoted(q->ref.schema) + "\n";
        if (q->type != "bigint") out += "type = " + quoted(q->type) + "\n";
        // What PostgreSQL would choose anyway is left out, so the file says what is particular.
        const SequenceValues defaults = effective_sequence(q->type, std::nullopt, q->increment, std::nullopt, std::nullopt, std::nullopt);
        const SequenceValues v = effective_sequence(q->type, q->start, q->increment, q->min_value, q->max_value, q->cache);
        if (v.increment != 1) out += "increment = " + std::to_string(v.increment) + "\n";
        if (v.min_value != defaults.min_value) out += "min_value = " + std::to_string(v.min_value) + "\n";
        if (v.max_value != defaults.max_value) out += "max_value = " + std::to_string(v.max_value) + "\n";
        if (q->start && *q->start != (v.increment > 0 ? v.min_value : v.max_value)) out += "start = " + std::to_string(*q->start) + "\n";
        if (q->cache && *q->cache != 1) out += "cache = " + std::to_string(*q->cache) + "\n";
        if (q->cycle.value_or(false)) out += "cycle = true\n";
        if (q->owned_by) out += "owned_by = { table = " + quoted(q->owned_by->table) + ", column = " + quoted(q->owned_by->column) + " }\n";
        out += grants.toml(GrantOn::Sequence, q->ref, "", !q->owned_by);  // an owned sequence has its table's owner
    }
    for (const auto* d : by_ref(s.domains)) {
        out += "\n[[domains]]\nname = " + quoted(d->ref.name) + "\n";
        if (d->ref.schema != "public") out += "schema = " + quoted(d->ref.schema) + "\n";
        out += "type = " + quoted(d->type) + "\n";
        if (!d->nullable) out += "nullable = false\n";
        if (d->default_value) out += "default = " + quoted(d->default_value->text) + "\n";
        out += grants.toml(GrantOn::Type, d->ref);
        for (const auto& c : d->checks)
            out += "  [[domains.checks]]\n  name = " + quoted(c.name) + "\n  expression = " + quoted(c.expression.text) + "\n";
    }
    // Views keep the catalog's order (by schema and name): a view that reads another view must
    // be declared after it, which an export cannot know; see docs/schema-format.md.
    for (const auto& v : s.views) {
        out += "\n[[views]]\nname = " + quoted(v.ref.name) + "\n";
        if (v.ref.schema != "public") out += "schema = " + quoted(v.ref.schema) + "\n";
        if (v.materialized) out += "materialized = true\n";
        if (v.comment) out += "comment = " + quoted(*v.comment) + "\n";
        out += "definition = " + quoted(v.definition.text) + "\n";
        out += grants.toml(GrantOn::Table, v.ref);
        for (const auto* i : by_name(v.indexes)) {
            if (i->unsupported_definition) continue;
            out += "  [[views.indexes]]\n  name = " + quoted(i->name) + "\n" + block(index_fields(*i));
        }
        out += triggers_to_toml("views", v.triggers);
        for (const auto& line : unexported(v)) out += "# " + line + "\n";
    }
    out += grants.default_privileges_toml(s.default_privileges);
    return out.empty() ? out : std::string(kExportMarker) + "\n" + out;
}

namespace {

// A body as it reads best: a multi-line literal string (''' … ''', no escapes) when it can be
// one, else a multi-line basic string with what must be escaped escaped. Either starts with a
// newline, which TOML drops, so the body's own first character is kept as it is.
std::string multiline(const std::string& text) {
    bool literal_ok = text.find("'''") == std::string::npos && (text.empty() || text.back() != '\'');
    for (unsigned char c : text) literal_ok = literal_ok && (c >= 0x20 || c == '\t' || c == '\n') && c != 0x7f;
    if (literal_ok) return "'''\n" + text + "'''";
    std::string out = "\"\"\"\n";
    int quotes = 0;  // the quotes just written unescaped: a third would close the string
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '"') {
            if (quotes == 2 || i + 1 == text.size()) out += "\\\"", quotes = 0;
            else out += '"', ++quotes;
            continue;
        }
        quotes = 0;
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n' || c == '\t') {
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"\"\"";
}

std::string number(double v) {
    if (v == static_cast<double>(static_cast<long long>(v))) return std::to_string(static_cast<long long>(v));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string function_to_toml(const Function& f, const ExportedGrants& grants) {
    std::string out = "\n[[functions]]\nname = " + quoted(f.ref.name) + "\n";
    if (f.ref.schema != "public") out += "schema = " + quoted(f.ref.schema) + "\n";
    if (f.procedure) out += "procedure = true\n";
    if (!f.arguments.empty()) {
        out += "arguments = [\n";
        for (const auto& a : f.arguments) {
            out += "  { ";
            if (!a.name.empty()) out += "name = " + quoted(a.name) + ", ";
            out += "type = " + quoted(a.type);
            if (a.mode != "in") out += ", mode = " + quoted(a.mode);
            if (a.default_value) out += ", default = " + quoted(a.default_value->text);
            out += " },\n";
        }
        out += "]\n";
    }
    if (!f.procedure && !f.returns.empty()) out += "returns = " + quoted(f.returns) + "\n";
    out += "language = " + quoted(f.language) + "\n";
    if (!f.procedure) {
        if (f.volatility != "volatile") out += "volatility = " + quoted(f.volatility) + "\n";
        if (f.strict) out += "strict = true\n";
        if (f.leakproof) out += "leakproof = true\n";
        if (f.parallel != "unsafe") out += "parallel = " + quoted(f.parallel) + "\n";
        if (f.cost != 100) out += "cost = " + number(f.cost) + "\n";
        if (f.returns_set() && f.rows != 1000) out += "rows = " + number(f.rows) + "\n";
    }
    if (f.security_definer) out += "security_definer = true\n";
    if (!f.settings.empty()) {
        out += "set = { ";
        for (std::size_t i = 0; i < f.settings.size(); ++i)
            // A dotted name (plpgsql.variable_conflict) is one key, so quoted; others read better bare.
            out += (i ? ", " : "") + (f.settings[i].first.find('.') == std::string::npos ? f.settings[i].first : quoted(f.settings[i].first)) +
                   " = " + quoted(f.settings[i].second);
        out += " }\n";
    }
    if (f.comment) out += "comment = " + quoted(*f.comment) + "\n";
    out += grants.toml(GrantOn::Routine, f.ref, f.signature_types());
    return out + (f.sql_body ? "sql_body = " : "body = ") + multiline(f.body) + "\n";
}


std::string aggregate_to_toml(const Aggregate& a, const ExportedGrants& grants) {
    std::string out = "\n[[aggregates]]\nname = " + quoted(a.ref.name) + "\n";
    if (a.ref.schema != "public") out += "schema = " + quoted(a.ref.schema) + "\n";
    if (!a.arguments.empty()) {
        out += "arguments = [\n";
        for (const auto& arg : a.arguments) {
            out += "  { ";
            if (!arg.name.empty()) out += "name = " + quoted(arg.name) + ", ";
            out += "type = " + quoted(arg.type);
            if (arg.mode != "in") out += ", mode = " + quoted(arg.mode);
            out += " },\n";
        }
        out += "]\n";
    }
    out += "state_function = " + function_ref_text(a.state_function) + "\nstate_type = " + quoted(a.state_type) + "\n";
    if (a.final_function) out += "final_function = " + function_ref_text(*a.final_function) + "\n";
    if (a.final_extra) out += "final_extra = true\n";
    if (a.combine_function) out += "combine_function = " + function_ref_text(*a.combine_function) + "\n";
    if (a.serial_function) out += "serial_function = " + function_ref_text(*a.serial_function) + "\n";
    if (a.deserial_function) out += "deserial_function = " + function_ref_text(*a.deserial_function) + "\n";
    if (a.initial_value) out += "initial_value = " + quoted(*a.initial_value) + "\n";
    if (a.parallel != "unsafe") out += "parallel = " + quoted(a.parallel) + "\n";
    if (a.comment) out += "comment = " + quoted(*a.comment) + "\n";
    return out + grants.toml(GrantOn::Routine, a.ref, a.signature_types());
}

}  // namespace

std::vector<FunctionGroup> function_groups(const Schema& s) {
    std::map<TableRef, FunctionGroup> by_name;
    for (const auto& f : s.functions)
        if (f.unsupported.empty()) by_name[f.ref].functions.push_back(&f);
    for (const auto& a : s.aggregates)
        if (a.unsupported.empty()) by_name[a.ref].aggregates.push_back(&a);
    std::vector<FunctionGroup> out;
    for (auto& [ref, group] : by_name) {
        group.ref = ref;
        std::stable_sort(group.functions.begin(), group.functions.end(),
                         [](const Function* a, const Function* b) { return a->signature() < b->signature(); });
        std::stable_sort(group.aggregates.begin(), group.aggregates.end(),
                         [](const Aggregate* a, const Aggregate* b) { return a->signature() < b->signature(); });
        out.push_back(std::move(group));
    }
    return out;
}

std::string functions_to_toml(const FunctionGroup& group, const ExportedGrants& grants) {
    std::string out = std::string(kExportMarker) + "\n";
    for (const auto* f : group.functions) out += function_to_toml(*f, grants);
    for (const auto* a : group.aggregates) out += aggregate_to_toml(*a, grants);
    return out;
}

std::vector<std::string> unexported_functions(const Schema& s) {
    std::vector<std::string> out;
    for (const auto& f : s.functions)
        if (!f.unsupported.empty())
            out.push_back(std::string(f.procedure ? "procedure " : "function ") + f.signature() + " is not exported (not expressible yet): " + f.unsupported);
    for (const auto& a : s.aggregates)
        if (!a.unsupported.empty()) out.push_back("aggregate " + a.signature() + " is not exported (not expressible yet): " + a.unsupported);
    return out;
}

std::string schema_to_toml(const Schema& s, bool with_owners) {
    std::string out = database_objects_to_toml(s, with_owners);
    const ExportedGrants grants(s, with_owners);
    for (const auto& group : function_groups(s)) out += (out.empty() ? "" : "\n") + functions_to_toml(group, grants);
    for (const auto& t : s.tables) out += (out.empty() ? "" : "\n") + table_to_toml(t, grants);
    return out;
}


std::string table_file_name(const TableRef& t) {
    std::string base = t.schema == "public" ? t.name : t.schema + "." + t.name;
    std::string out;
    for (unsigned char c : base) {
        if (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80) {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    if (out.empty() || out[0] == '.') out = "%2E" + out.substr(out.empty() ? 0 : 1);
    return out + ".toml";
}

}  // namespace reconcile::model
