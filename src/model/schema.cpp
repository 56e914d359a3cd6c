#include "model/schema.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

#include "core/sql_lexer.h"
#include "model/normalize.h"

namespace reconcile::model {

void drop_own_collations(Table& table) {
    for (auto& index : table.indexes)
        for (auto& key : index.keys) {
            if (key.column.empty() || key.collation.empty()) continue;
            for (const auto& c : table.columns)
                if (c.name == key.column) {
                    if (key.collation == c.collation || (key.collation == "default" && c.collation.empty())) key.collation.clear();
                    break;
                }
        }
}

std::string serial_integer_type(const std::string& serial) {
    return serial == "bigserial" ? "bigint" : serial == "smallserial" ? "smallint" : "integer";
}

std::string serial_type_for(const std::string& integer_type) {
    if (integer_type == "integer") return "serial";
    if (integer_type == "bigint") return "bigserial";
    if (integer_type == "smallint") return "smallserial";
    return {};
}

std::string serial_sequence_name(const std::string& table, const Column& column) {
    return column.sequence.empty() ? default_object_name(table, {column.name}, "seq") : column.sequence;
}

std::string TableRef::display() const { return schema + "." + name; }

bool Function::returns_set() const {
    if (returns.rfind("SETOF ", 0) == 0) return true;
    return std::any_of(arguments.begin(), arguments.end(), [](const FunctionArgument& a) { return a.mode == "table"; });
}

std::string Function::signature_types() const {
    std::string out;
    for (const auto& a : arguments)
        if (a.in_signature(procedure)) out += (out.empty() ? "" : ", ") + a.type;
    return out;
}

std::string Function::signature() const { return ref.display() + "(" + signature_types() + ")"; }

std::string Aggregate::signature_types() const {
    std::string out;
    for (const auto& a : arguments) out += (out.empty() ? "" : ", ") + a.type;
    return out.empty() ? "*" : out;
}

std::string Aggregate::signature() const { return ref.display() + "(" + signature_types() + ")"; }

bool Function::replaceable_by(const Function& model) const {
    if (procedure != model.procedure || returns != model.returns || arguments.size() != model.arguments.size()) return false;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const auto &have = arguments[i], &want = model.arguments[i];
        if (have.name != want.name || have.mode != want.mode || have.type != want.type) return false;
        if (have.default_value && !want.default_value) return false;  // "cannot remove parameter defaults"
    }
    return true;
}

const Column* Table::find_column(const std::string& column_name) const {
    for (const auto& c : columns)
        if (c.name == column_name) return &c;
    return nullptr;
}

std::optional<TableRef> nearest_ancestor(const Table& partition, const std::map<TableRef, const Table*>& declared,
                                         const std::map<TableRef, const Table*>& existing) {
    const Table* t = &partition;
    for (std::size_t depth = 0; t && t->partition_of && depth <= declared.size(); ++depth) {
        if (existing.count(*t->partition_of)) return *t->partition_of;
        auto parent = declared.find(*t->partition_of);
        t = parent == declared.end() ? nullptr : parent->second;
    }
    return std::nullopt;
}

const Table* Schema::find_table(const TableRef& r) const {
    for (const auto& t : tables)
        if (t.ref == r) return &t;
    return nullptr;
}

bool Schema::is_ignored(const TableRef& r) const {
    // An entry matches a bare name in any schema, or "schema.name"; `*` and `?` match any run
    // of characters and any one (another tool's objects: "pgboss.*", "tmp_*").
    for (const auto& entry : ignore_tables)
        if (entry == r.name || entry == r.display() || fnmatch(entry.c_str(), r.name.c_str(), 0) == 0 ||
            fnmatch(entry.c_str(), r.display().c_str(), 0) == 0)
            return true;
    return false;
}

std::vector<std::string> Schema::namespaces() const {
    std::vector<std::string> out{"public"};
    for (const auto& e : enums)
        if (std::find(out.begin(), out.end(), e.ref.schema) == out.end()) out.push_back(e.ref.schema);
    for (const auto& s : sequences)
        if (std::find(out.begin(), out.end(), s.ref.schema) == out.end()) out.push_back(s.ref.schema);
    for (const auto& d : domains)
        if (std::find(out.begin(), out.end(), d.ref.schema) == out.end()) out.push_back(d.ref.schema);
    for (const auto& v : views)
        if (std::find(out.begin(), out.end(), v.ref.schema) == out.end()) out.push_back(v.ref.schema);
    for (const auto& f : functions)
        if (std::find(out.begin(), out.end(), f.ref.schema) == out.end()) out.push_back(f.ref.schema);
    for (const auto& a : aggregates)
        if (std::find(out.begin(), out.end(), a.ref.schema) == out.end()) out.push_back(a.ref.schema);
    for (const auto& t : tables)
        if (std::find(out.begin(), out.end(), t.ref.schema) == out.end())
            out.push_back(t.ref.schema);
    return out;
}

std::string IndexKey::display() const {
    std::string out = expression ? expression->text : column;
    if (!collation.empty()) out += " COLLATE \"" + collation + "\"";
    if (!opclass.empty()) out += " " + opclass;
    if (descending) out += " DESC";
    if (nulls_first != descending) out += nulls_first ? " NULLS FIRST" : " NULLS LAST";
    return out;
}

bool IndexKey::same_as(const IndexKey& o) const {
    if (expression.has_value() != o.expression.has_value()) return false;
    if (expression ? expression->canonical != o.expression->canonical : column != o.column) return false;
    return collation == o.collation && opclass == o.opclass && descending == o.descending &&
           nulls_first == o.nulls_first;
}

Index Index::on_columns(std::string name, const std::vector<std::string>& columns, bool unique) {
    Index idx;
    idx.name = std::move(name);
    idx.unique = unique;
    for (const auto& c : columns) {
        IndexKey k;
        k.column = c;
        idx.keys.push_back(std::move(k));
    }
    return idx;
}

std::vector<std::string> Index::referenced_columns() const {
    std::vector<std::string> out;
    for (const auto& k : keys)
        if (!k.expression) out.push_back(k.column);
    out.insert(out.end(), include.begin(), include.end());
    return out;
}

std::vector<std::string> Index::key_names() const {
    std::vector<std::string> out;
    for (const auto& k : keys) out.push_back(k.expression ? k.expression->text : k.column);
    return out;
}

bool Index::same_definition(const Index& o) const {
    if (unsupported_definition || o.unsupported_definition) return false;
    if (unique != o.unique || method != o.method || include != o.include || keys.size() != o.keys.size() ||
        nulls_distinct != o.nulls_distinct || with.size() != o.with.size())
        return false;
    if (!with.empty()) {  // the server keeps them in the order given, which says nothing
        auto a = with, b = o.with;
        std::sort(a.begin(), a.end()), std::sort(b.begin(), b.end());
        if (a != b) return false;
    }
    if (where.has_value() != o.where.has_value() || (where && where->canonical != o.where->canonical)) return false;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!keys[i].same_as(o.keys[i])) return false;
    return true;
}

std::string Index::display() const {
    if (unsupported_definition) return *unsupported_definition;
    std::string out = unique ? "unique " : "";
    if (method != "btree") out += method + " ";
    out += "(";
    for (std::size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i].display();
    out += ")";
    if (!include.empty()) {
        out += " INCLUDE (";
        for (std::size_t i = 0; i < include.size(); ++i) out += (i ? ", " : "") + include[i];
        out += ")";
    }
    if (!nulls_distinct) out += " NULLS NOT DISTINCT";
    if (!with.empty()) {
        out += " WITH (";
        for (std::size_t i = 0; i < with.size(); ++i) out += (i ? ", " : "") + with[i];
        out += ")";
    }
    if (where) out += " WHERE " + where->text;
    return out;
}

std::optional<std::string> storage_parameter(std::string_view text) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view name = trim(text.substr(0, eq)), value = trim(text.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') value = value.substr(1, value.size() - 2);
    if (name.empty() || value.empty()) return std::nullopt;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return std::nullopt;
    for (char c : value)
        if (c == '\'' || c == '"' || c == ',' || c == '(' || c == ')' || c == ';' || std::isspace(static_cast<unsigned char>(c)))
            return std::nullopt;
    std::string out;
    for (char c : name) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out + "=" + std::string(value);
}

std::vector<std::string> Schema::required_schemas() const {
    std::vector<std::string> out;
    auto add = [&](const std::string& s) {
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    for (const auto& s : schemas) add(s);
    // public exists in every database; it is only checked when a model declares it.
    // System schemas (plpgsql lives in pg_catalog) are never the model's to create.
    auto add_implied = [&](const std::string& s) {
        if (s != "public" && s != "information_schema" && s.rfind("pg_", 0) != 0) add(s);
    };
    for (const auto& e : extensions) add_implied(e.schema);
    for (const auto& e : enums) add_implied(e.ref.schema);
    for (const auto& s : sequences) add_implied(s.ref.schema);
    for (const auto& d : domains) add_implied(d.ref.schema);
    for (const auto& v : views) add_implied(v.ref.schema);
    for (const auto& f : functions) add_implied(f.ref.schema);
    for (const auto& a : aggregates) add_implied(a.ref.schema);
    for (const auto& t : tables) add_implied(t.ref.schema);
    return out;
}

std::string Deferral::sql() const {
    if (!deferrable) return "";
    return initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

const char* to_sql(Identity identity) {
    switch (identity) {
        case Identity::Always: return "GENERATED ALWAYS AS IDENTITY";
        case Identity::ByDefault: return "GENERATED BY DEFAULT AS IDENTITY";
        case Identity::None: break;
    }
    return "";
}

Expression expression_from(std::string text) {
    std::string canonical = canonical_expression(text);
    return Expression{sql_text_closed(std::move(text)), std::move(canonical)};
}

// SQLite keeps a trigger's text as written, so its parts are compared token by token: white
// space and comments aside, words in one case (SQLite's key words and names are one name
// whatever their case), and nothing else rewritten: no parenthesis dropped, no literal recast
// (canonical_expression reads PostgreSQL's rewriting, which SQLite never does).
std::string sqlite_canonical(const std::string& text) {
    const LexResult lexed = lex_sql(text, Lexicon::SQLite);
    if (!lexed.error.empty()) return text;
    std::string out;
    for (const auto& t : lexed.tokens) {
        if (!out.empty()) out += ' ';
        if (t.kind == TokenKind::Word) out += lower_ascii(t.text);
        else if (t.kind == TokenKind::QuotedIdent) out += '"' + t.text + '"';
        else out += t.text;
    }
    return out;
}

Expression sqlite_expression_from(std::string text) {
    std::string canonical = sqlite_canonical(text);
    return Expression{sql_text_closed(std::move(text)), std::move(canonical)};
}

Expression trigger_body_from(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    text = first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    return sqlite_expression_from(std::move(text));
}

Expression query_from(std::string text) {
    std::string canonical = canonical_query(text);
    return Expression{sql_text_closed(std::move(text)), std::move(canonical)};
}

std::pair<long long, long long> integer_bounds(const std::string& type) {
    if (type == "smallint") return {-32768LL, 32767LL};
    if (type == "integer") return {-2147483648LL, 2147483647LL};
    return {-9223372036854775807LL - 1, 9223372036854775807LL};
}

SequenceValues effective_sequence(const std::string& type, std::optional<long long> start, std::optional<long long> increment,
                                  std::optional<long long> min_value, std::optional<long long> max_value,
                                  std::optional<long long> cache) {
    const auto [type_min, type_max] = integer_bounds(type);
    SequenceValues v;
    v.increment = increment.value_or(1);
    v.min_value = min_value.value_or(v.increment > 0 ? 1 : type_min);
    v.max_value = max_value.value_or(v.increment > 0 ? type_max : -1);
    v.start = start.value_or(v.increment > 0 ? v.min_value : v.max_value);
    v.cache = cache.value_or(1);
    return v;
}

IdentityOptions identity_options_normalised(IdentityOptions o, const std::string& type) {
    const SequenceValues defaults = effective_sequence(type, std::nullopt, o.increment, std::nullopt, std::nullopt, std::nullopt);
    const SequenceValues values = effective_sequence(o, type);
    if (o.increment == 1LL) o.increment.reset();
    if (o.min_value == defaults.min_value) o.min_value.reset();
    if (o.max_value == defaults.max_value) o.max_value.reset();
    if (o.start == (values.increment > 0 ? values.min_value : values.max_value)) o.start.reset();
    if (o.cache == 1LL) o.cache.reset();
    return o;
}

std::string IdentityOptions::sql() const {
    std::string out;
    auto add = [&](const std::string& clause) { out += (out.empty() ? "" : " ") + clause; };
    if (start) add("START WITH " + std::to_string(*start));
    if (increment) add("INCREMENT BY " + std::to_string(*increment));
    if (min_value) add("MINVALUE " + std::to_string(*min_value));
    if (max_value) add("MAXVALUE " + std::to_string(*max_value));
    if (cache) add("CACHE " + std::to_string(*cache));
    if (cycle) add("CYCLE");
    return out.empty() ? out : " (" + out + ")";
}

const char* to_sql(GrantOn on) {
    switch (on) {
        case GrantOn::Table: return "TABLE";
        case GrantOn::Sequence: return "SEQUENCE";
        case GrantOn::Routine: return "ROUTINE";
        case GrantOn::Schema: return "SCHEMA";
        case GrantOn::Type: return "TYPE";
        case GrantOn::Column: return "TABLE";  // GRANT SELECT (col) ON TABLE t
    }
    return "TABLE";
}

const std::vector<std::string>& grantable_privileges(GrantOn on) {
    static const std::vector<std::string> table = {"select", "insert", "update", "delete", "truncate", "references", "trigger"};
    static const std::vector<std::string> sequence = {"usage", "select", "update"};
    static const std::vector<std::string> routine = {"execute"};
    static const std::vector<std::string> schema = {"usage", "create"};
    static const std::vector<std::string> type = {"usage"};
    static const std::vector<std::string> column = {"select", "insert", "update", "references"};
    switch (on) {
        case GrantOn::Table: return table;
        case GrantOn::Sequence: return sequence;
        case GrantOn::Routine: return routine;
        case GrantOn::Schema: return schema;
        case GrantOn::Type: return type;
        case GrantOn::Column: return column;
    }
    return table;
}

std::vector<std::string> public_default_privileges(GrantOn on) {
    if (on == GrantOn::Routine) return {"execute"};
    if (on == GrantOn::Type) return {"usage"};
    return {};
}

void add_privilege(std::vector<Privilege>& privileges, Privilege p) {
    auto same = std::find_if(privileges.begin(), privileges.end(), [&](const Privilege& x) { return x.role == p.role && x.privilege == p.privilege; });
    if (same == privileges.end()) privileges.push_back(std::move(p));
    else same->grantable = same->grantable || p.grantable;
}

const char* default_privileges_kind(GrantOn on) {
    switch (on) {
        case GrantOn::Table: return "tables";
        case GrantOn::Sequence: return "sequences";
        case GrantOn::Routine: return "functions";
        case GrantOn::Type: return "types";
        case GrantOn::Schema: return "schemas";
        case GrantOn::Column: break;
    }
    return "tables";
}

std::string DefaultPrivileges::subject() const {
    return "of role " + for_role + " on " + default_privileges_kind(on) + (schema.empty() ? "" : " in schema " + schema);
}

std::string DefaultPrivileges::display() const { return "default privileges " + subject(); }

std::vector<Privilege> DefaultPrivileges::built_in() const {
    std::vector<Privilege> out;
    if (schema.empty())
        for (const auto& p : public_default_privileges(on)) out.push_back(Privilege{"public", p, false});
    return out;
}

bool DefaultPrivileges::differs_from_built_in(const std::vector<std::string>& roles) const {
    auto of_roles = [&](std::vector<Privilege> list) {
        list.erase(std::remove_if(list.begin(), list.end(), [&](const Privilege& p) { return !std::binary_search(roles.begin(), roles.end(), p.role); }),
                   list.end());
        std::sort(list.begin(), list.end());
        return list;
    };
    return of_roles(privileges) != of_roles(built_in());
}

std::string ObjectPrivileges::display() const {
    std::string kind = lower_ascii(to_sql(on));
    if (on == GrantOn::Schema) return kind + " " + ref.schema;
    if (on == GrantOn::Column) return "column " + ref.display() + "." + arguments;
    return kind + " " + ref.display() + (on == GrantOn::Routine ? "(" + arguments + ")" : "");
}

const char* to_sql(FkAction a) {
    switch (a) {
        case FkAction::NoAction: return "NO ACTION";
        case FkAction::Restrict: return "RESTRICT";
        case FkAction::Cascade: return "CASCADE";
        case FkAction::SetNull: return "SET NULL";
        case FkAction::SetDefault: return "SET DEFAULT";
    }
    return "NO ACTION";
}

std::optional<FkAction> parse_fk_action(const std::string& text) {
    std::string t;
    bool space = false;
    for (char ch : text) {  // lower-case and collapse runs of blanks/underscores to one space
        if (std::isspace(static_cast<unsigned char>(ch)) || ch == '_') {
            space = !t.empty();
            continue;
        }
        if (space) t += ' ', space = false;
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (t == "no action") return FkAction::NoAction;
    if (t == "restrict") return FkAction::Restrict;
    if (t == "cascade") return FkAction::Cascade;
    if (t == "set null") return FkAction::SetNull;
    if (t == "set default") return FkAction::SetDefault;
    return std::nullopt;
}

}  // namespace reconcile::model
