#include "model/load_toml.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <toml++/toml.h>

#include "core/sql_lexer.h"
#include "model/index_definition.h"
#include "model/normalize.h"
#include "model/rows.h"
#include "model/toml_reader.h"

namespace reconcile::model {
namespace {

namespace fs = std::filesystem;

void check_identifier(const std::string& name, const SourceLoc& where, const std::string& what) {
    if (name.empty()) fail(where, what + " is empty");
    if (name.find('\0') != std::string::npos) fail(where, what + " contains a NUL character");
    if (name.size() > kMaxIdentifierBytes)
        fail(where, what + " '" + name + "' is " + std::to_string(name.size()) +
                        " bytes long; PostgreSQL keeps at most 63 and would silently cut it");
}

// A bare SQL name: letters, digits and underscores, not starting with a digit.
bool is_plain_name(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    for (unsigned char c : s)
        if (!std::isalnum(c) && c != '_') return false;
    return true;
}

Expression read_expression(const std::string& text, const SourceLoc& where, const std::string& what) {
    std::string why;
    if (!is_single_expression(text, &why))
        fail(where, what + " is not a single SQL expression: " + why);
    return expression_from(text);
}

// `grants = [{ role = "app", privileges = ["select", "insert"], grant_option = true }]` on an
// object: its privileges for managed roles, "all" spelled out, each privilege once per role.
// An object's `owner` and `grants` keys. Owners and privileges are PostgreSQL's; an owner the
// model does not declare is not managed.
// `key`: the key the grants are under ("grants"; a serial column's "sequence_grants").
void read_grants(const std::string& file, const TableReader& r, GrantOn on, TableRef ref, std::string arguments, const std::string& what,
                 Schema& into, const char* key = "grants") {
    if (auto owner = r.string("owner")) {
        if (lower_ascii(*owner) == "public") fail(r.where("owner"), "the owner of " + what + " must be a role, not PUBLIC");
        check_identifier(*owner, r.where("owner"), "role name");
        ObjectPrivileges owned;
        owned.on = on;
        owned.ref = ref;
        owned.arguments = arguments;
        owned.owner = *owner;
        owned.loc = r.where("owner");
        into.owners.push_back(std::move(owned));
    }
    if (!r.has(key)) return;
    ObjectPrivileges op;
    op.on = on;
    op.ref = std::move(ref);
    op.arguments = std::move(arguments);
    op.loc = r.where(key);
    const std::vector<std::string>& allowed = grantable_privileges(on);
    for (const toml::table* gt : r.tables(key)) {
        TableReader g(file, *gt, "a grant of " + what, {"role", "privileges", "grant_option"});
        std::string role = g.required_string("role");
        if (lower_ascii(role) == "public") role = "public";
        else check_identifier(role, g.where("role"), "role name");
        auto privileges = g.strings("privileges");
        if (!privileges || privileges->empty()) fail(g.where(), "the grant of " + what + " to '" + role + "' has no 'privileges'");
        const bool grantable = g.boolean("grant_option").value_or(false);
        for (auto privilege : *privileges) {
            privilege = lower_ascii(privilege);
            if (privilege != "all" && std::find(allowed.begin(), allowed.end(), privilege) == allowed.end()) {
                std::string list;
                for (const auto& a : allowed) list += a + ", ";
                fail(g.where("privileges"), "'" + privilege + "' is not a privilege of " + what + " (" + list + "or all)");
            }
            for (const auto& one : privilege == "all" ? allowed : std::vector<std::string>{privilege})
                add_privilege(op.privileges, Privilege{role, one, grantable});
        }
    }
    std::sort(op.privileges.begin(), op.privileges.end());
    into.privileges.push_back(std::move(op));
}

// A constraint's renamed_from: its old name, checked where it is written.
std::string read_renamed_constraint(const TableReader& r, const std::string& name) {
    auto from = r.string("renamed_from");
    if (!from) return {};
    check_identifier(*from, r.where("renamed_from"), "constraint name");
    if (*from == name) fail(r.where("renamed_from"), "constraint '" + name + "' is renamed from its own name");
    return *from;
}

// With the column's own grants and its serial sequence's (sequence_grants), which go into `into`.
Column read_column(const std::string& file, const toml::table& t, const TableRef& table, bool& is_pk, bool& is_unique, Schema& into) {
    const std::string& table_name = table.name;
    TableReader r(file, t, "a column of table '" + table_name + "'",
                  {"name", "type", "nullable", "default", "primary_key", "unique", "identity", "generated", "collation",
                   "comment", "virtual", "autoincrement", "sequence", "renamed_from", "using", "identity_options", "sequence_grants", "grants"});
    Column c;
    c.loc = r.where();
    c.name = r.required_string("name");
    check_identifier(c.name, r.where("name"), "column name");
    std::string what = "column '" + table_name + "." + c.name + "'";
    if (!r.has("type")) fail(r.where(), what + " has no 'type'");
    std::string type = r.string("type").value_or("");
    std::string why;
    // type = "": no declared type, which SQLite allows (BLOB affinity).
    if (!type.empty() && !is_type_name(type, &why)) fail(r.where("type"), "the type of " + what + " is not a type name: " + why);
    c.type = canonical_type(type);
    c.declared_type = type;
    is_pk = r.boolean("primary_key").value_or(false);
    is_unique = r.boolean("unique").value_or(false);
    auto nullable = r.boolean("nullable");
    if (is_pk && nullable.value_or(false))
        fail(r.where("nullable"), what + " is part of the primary key, so it cannot be nullable");
    c.nullable = is_pk ? false : nullable.value_or(true);
    c.not_null_written = nullable == false;
    if (auto d = r.string("default")) {
        if (c.is_serial()) fail(r.where("default"), what + " is " + c.type + ", which brings its own default");
        c.default_value = read_expression(*d, r.where("default"), "the default of " + what);
        // PostgreSQL stores no default for DEFAULT NULL; neither does the model.
        if (c.default_value->canonical == "null") c.default_value.reset();
    }
    if (auto identity = r.string("identity")) {
        const std::string v = lower_ascii(*identity);
        if (v != "always" && v != "by default")
            fail(r.where("identity"), "'identity' of " + what + " is '" + *identity + "'; expected \"always\" or \"by default\"");
        if (c.type != "smallint" && c.type != "integer" && c.type != "bigint")
            fail(r.where("identity"), what + " is an identity column, so its type must be smallint, integer or bigint, not " + c.type);
        if (c.default_value) fail(r.where("default"), what + " is an identity column, so it cannot also have a default");
        if (nullable.value_or(false)) fail(r.where("nullable"), what + " is an identity column, which is always NOT NULL");
        c.identity = v == "always" ? Identity::Always : Identity::ByDefault;
        c.nullable = false;  // the server makes identity columns NOT NULL
    }
    if (const toml::table* o = r.table("identity_options")) {
        if (c.identity == Identity::None) fail(r.where("identity_options"), what + " has 'identity_options' but no 'identity'");
        TableReader q(file, *o, "'identity_options' of " + what, {"start", "increment", "min_value", "max_value", "cache", "cycle"});
        IdentityOptions options;
        options.start = q.integer("start");
        options.increment = q.integer("increment");
        options.min_value = q.integer("min_value");
        options.max_value = q.integer("max_value");
        options.cache = q.integer("cache");
        options.cycle = q.boolean("cycle").value_or(false);
        // What PostgreSQL would refuse, said where it is written.
        if (options.increment == 0LL) fail(q.where("increment"), "'increment' of " + what + " cannot be 0");
        if (options.cache && *options.cache < 1) fail(q.where("cache"), "'cache' of " + what + " must be at least 1");
        c.identity_options = identity_options_normalised(options, c.type);
        const auto [type_min, type_max] = integer_bounds(c.type);
        const SequenceValues v = effective_sequence(options, c.type);
        for (auto [key, value] : {std::pair{"min_value", options.min_value}, std::pair{"max_value", options.max_value}})
            if (value && (*value < type_min || *value > type_max))
                fail(q.where(key), "'" + std::string(key) + "' of " + what + " is out of range for " + c.type);
        if (v.min_value >= v.max_value)
            fail(q.where(), "'identity_options' of " + what + ": the minimum (" + std::to_string(v.min_value) + ") must be below the maximum (" +
                                std::to_string(v.max_value) + ")");
        if (options.start && (*options.start < v.min_value || *options.start > v.max_value))
            fail(q.where("start"), "'start' of " + what + " (" + std::to_string(*options.start) + ") is outside " + std::to_string(v.min_value) +
                                       " to " + std::to_string(v.max_value));
    }
    if (auto generated = r.string("generated")) {
        if (c.default_value) fail(r.where("generated"), what + " is generated, so it cannot also have a default");
        if (c.identity != Identity::None) fail(r.where("generated"), what + " cannot be both generated and an identity");
        c.generated = read_expression(*generated, r.where("generated"), "the generation expression of " + what);
    }
    c.generated_virtual = r.boolean("virtual").value_or(false);
    if (c.generated_virtual && !c.generated) fail(r.where("virtual"), what + " is virtual but has no 'generated' expression");
    c.autoincrement = r.boolean("autoincrement").value_or(false);
    if (c.autoincrement && (!is_pk || c.type != "integer"))
        fail(r.where("autoincrement"), what + " has autoincrement, which needs an integer primary key column (SQLite's INTEGER PRIMARY KEY)");
    if (auto collation = r.string("collation")) {
        if (collation->empty() || collation->find('"') != std::string::npos)
            fail(r.where("collation"), "'collation' of " + what + " must be a collation name, without quotes");
        c.collation = *collation;
    }
    c.comment = r.string("comment");
    if (auto from = r.string("renamed_from")) {
        check_identifier(*from, r.where("renamed_from"), "column name");
        if (*from == c.name) fail(r.where("renamed_from"), what + " is renamed from its own name");
        c.renamed_from = *from;
    }
    if (auto using_text = r.string("using"))
        c.using_expression = read_expression(*using_text, r.where("using"), "the USING expression of " + what);
    if (c.is_serial()) {
        // serial columns are NOT NULL on the server, whatever the declaration says.
        if (nullable.value_or(false)) fail(r.where("nullable"), what + " is " + c.type + ", which is always NOT NULL");
        c.nullable = false;
    }
    if (auto sequence = r.string("sequence")) {
        if (!c.is_serial()) fail(r.where("sequence"), what + " names a sequence, which only serial columns have; declare a default instead");
        check_identifier(*sequence, r.where("sequence"), "sequence name");
        // The name serial would choose anyway is no name at all: normalised away.
        if (*sequence != default_object_name(table_name, {c.name}, "seq")) c.sequence = *sequence;
    }
    // The privileges on a serial column's sequence (an app that inserts needs USAGE on it), and
    // the column's own (GRANT SELECT (c) ON t), beside the table's.
    const std::string column = "column '" + table_name + "." + c.name + "'";
    if (r.has("sequence_grants") && !c.is_serial())
        fail(r.where("sequence_grants"), column + " has 'sequence_grants' but is not serial: only a serial column has a sequence of its own");
    if (c.is_serial())
        read_grants(file, r, GrantOn::Sequence, TableRef{table.schema, serial_sequence_name(table_name, c)}, "", "the sequence of " + column,
                    into, "sequence_grants");
    read_grants(file, r, GrantOn::Column, table, c.name, column, into);
    return c;
}

Deferral read_deferral(const TableReader& r, const std::string& what) {
    Deferral d;
    d.deferrable = r.boolean("deferrable").value_or(false);
    d.initially_deferred = r.boolean("initially_deferred").value_or(false);
    if (d.initially_deferred && !d.deferrable)
        fail(r.where("initially_deferred"), what + " is initially deferred, so it must also be deferrable = true");
    return d;
}

// An index key: "column", or { column = ..., order = "desc", nulls = "first", opclass = ...,
// collation = ... }, or { expression = "lower(email)", ... }.
IndexKey read_index_key(const std::string& file, const toml::node& node, const std::string& what) {
    IndexKey key;
    if (const auto* name = node.as_string()) {
        key.column = name->get();
        if (key.column.empty()) fail(loc_of(file, node.source()), "a key of " + what + " is empty");
        return key;
    }
    const toml::table* t = node.as_table();
    if (!t) fail(loc_of(file, node.source()), "each key in 'columns' of " + what + " must be a column name or a table");
    TableReader k(file, *t, "a key of " + what, {"column", "expression", "order", "nulls", "opclass", "collation"});
    auto column = k.string("column");
    auto expression = k.string("expression");
    if (column.has_value() == expression.has_value())
        fail(k.where(), "a key of " + what + " needs exactly one of 'column' and 'expression'");
    if (column) {
        if (column->empty()) fail(k.where("column"), "'column' in a key of " + what + " is empty");
        key.column = *column;
    } else {
        key.expression = read_expression(*expression, k.where("expression"), "the key expression of " + what);
    }
    if (auto order = k.string("order")) {
        std::string o = lower_ascii(*order);
        if (o != "asc" && o != "desc") fail(k.where("order"), "'order' is '" + *order + "'; expected \"asc\" or \"desc\"");
        key.descending = o == "desc";
    }
    key.nulls_first = key.descending;  // PostgreSQL's default
    if (auto nulls = k.string("nulls")) {
        std::string n = lower_ascii(*nulls);
        if (n != "first" && n != "last") fail(k.where("nulls"), "'nulls' is '" + *nulls + "'; expected \"first\" or \"last\"");
        key.nulls_first = n == "first";
    }
    if (auto opclass = k.string("opclass")) {
        if (!is_plain_name(*opclass))
            fail(k.where("opclass"), "'opclass' is '" + *opclass + "'; expected an operator class name such as text_pattern_ops");
        key.opclass = lower_ascii(*opclass);
    }
    if (auto collation = k.string("collation")) {
        if (collation->empty() || collation->find('"') != std::string::npos)
            fail(k.where("collation"), "'collation' must be a collation name, without quotes");
        key.collation = *collation;
    }
    return key;
}

Index read_index(const std::string& file, const toml::table& it, const std::string& tname) {
    const std::string what = "an index of table '" + tname + "'";
    TableReader x(file, it, what,
                  {"name", "columns", "unique", "using", "include", "where", "nulls_distinct", "comment", "with", "renamed_from"});
    Index idx;
    idx.loc = x.where();
    const toml::node* cols = it.get("columns");
    if (!cols) fail(x.where(), what + " has no 'columns'");
    const toml::array* keys = cols->as_array();
    if (!keys || keys->empty()) fail(x.where("columns"), "'columns' of " + what + " must be a non-empty array");
    for (const auto& k : *keys) idx.keys.push_back(read_index_key(file, k, what));
    idx.unique = x.boolean("unique").value_or(false);
    if (auto method = x.string("using")) {
        if (!is_plain_name(*method)) fail(x.where("using"), "'using' is '" + *method + "'; expected an index method such as btree, gin or gist");
        idx.method = lower_ascii(*method);
    }
    if (auto include = x.strings("include")) idx.include = *include;
    for (const auto& text : x.strings("with").value_or(std::vector<std::string>{})) {
        auto parameter = storage_parameter(text);
        if (!parameter) fail(x.where("with"), "'with' of " + what + " holds '" + text + "'; expected storage parameters as \"name=value\", e.g. \"fillfactor=70\"");
        idx.with.push_back(*parameter);
    }
    idx.nulls_distinct = x.boolean("nulls_distinct").value_or(true);
    if (!idx.nulls_distinct && !idx.unique) fail(x.where("nulls_distinct"), "'nulls_distinct' only applies to a unique index (" + what + ")");
    if (auto where = x.string("where")) idx.where = read_expression(*where, x.where("where"), "the WHERE of " + what);
    idx.name = x.string("name").value_or(default_index_name(tname, idx.keys));
    check_identifier(idx.name, x.where("name"), "index name");
    idx.comment = x.string("comment");
    if (auto from = x.string("renamed_from")) {
        check_identifier(*from, x.where("renamed_from"), "index name");
        if (*from == idx.name) fail(x.where("renamed_from"), "index '" + idx.name + "' is renamed from its own name");
        idx.renamed_from = *from;
    }
    return idx;
}

// "name", "schema.name", "\"Odd\".name" as PostgreSQL reads a name: qualified, or in `schema`;
// nullopt for anything else.
std::optional<TableRef> qualified_name(const std::string& text, const std::string& schema) {
    const LexResult lexed = lex_sql(text);
    std::vector<std::string> parts;
    bool want_name = true, ok = lexed.error.empty() && !lexed.had_comment;
    for (const auto& t : lexed.tokens) {
        if (want_name && (t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent)) {
            parts.push_back(t.kind == TokenKind::Word ? lower_ascii(t.text) : t.text);
            want_name = false;
        } else if (!want_name && t.kind == TokenKind::Punct && t.text == ".") {
            want_name = true;
        } else {
            ok = false;
        }
    }
    if (!ok || want_name || parts.empty() || parts.size() > 2) return std::nullopt;
    return parts.size() == 2 ? TableRef{parts[0], parts[1]} : TableRef{schema, parts[0]};
}

// A function a trigger calls, qualified or in `schema`.
TableRef read_function_name(const std::string& text, const SourceLoc& where, const std::string& what, const std::string& schema) {
    auto ref = qualified_name(text, schema);
    if (!ref) fail(where, what + " is not a function name ([schema.]name): '" + text + "'");
    return *ref;
}

// The statements of a SQLite trigger, spliced between BEGIN and END: each ends in ';', and
// an END that closes no CASE would end the trigger early, so that what follows it runs as a
// statement of its own.
Expression read_trigger_body(const std::string& text, const SourceLoc& where, const std::string& what) {
    const LexResult lexed = lex_sql(text, Lexicon::SQLite);
    if (!lexed.error.empty()) fail(where, "the body of " + what + " is not SQL: " + lexed.error);
    if (lexed.tokens.empty()) fail(where, "the body of " + what + " is empty; a trigger runs at least one statement");
    int cases = 0, parens = 0;
    for (const auto& t : lexed.tokens) {
        // A statement ends only outside every CASE and parenthesis: one that ends inside them
        // would leave the sqlite3 shell ending the trigger at a later "; END;".
        if (t.kind == TokenKind::Punct && t.text == ";" && (cases > 0 || parens > 0))
            fail(where, "the body of " + what + " ends a statement inside an unclosed " + (cases > 0 ? "CASE" : "parenthesis"));
        if (t.kind == TokenKind::Punct && t.text == "(") ++parens;
        if (t.kind == TokenKind::Punct && t.text == ")" && --parens < 0) fail(where, "the body of " + what + " closes a parenthesis it did not open");
        if (t.kind != TokenKind::Word) continue;
        const std::string word = lower_ascii(t.text);
        if (word == "case") ++cases;
        if (word == "end" && cases-- == 0)
            fail(where, "the body of " + what + " holds END outside a CASE, which would end the trigger there; write only the statements between BEGIN and END");
    }
    if (parens != 0) fail(where, "the body of " + what + " leaves a parenthesis open");
    if (cases != 0) fail(where, "the body of " + what + " leaves a CASE without its END");
    const Token& last = lexed.tokens.back();
    if (last.kind != TokenKind::Punct || last.text != ";") fail(where, "the body of " + what + " must end its last statement with ';'");
    return trigger_body_from(text);
}

// A trigger of a table, or of a view (`table` null): INSTEAD OF is a view's, and a view has no
// declared columns to check UPDATE OF against.
Trigger read_trigger(const std::string& file, const toml::table& t, const TableRef& on, const Table* table) {
    const std::string tname = on.name;
    const std::string of = std::string(table ? "table" : "view") + " '" + tname + "'";
    TableReader r(file, t, "a trigger of " + of,
                  {"name", "timing", "events", "update_of", "for_each", "when", "function", "arguments", "old_table", "new_table",
                   "constraint", "deferrable", "initially_deferred", "state", "comment", "body"});
    Trigger tr;
    tr.loc = r.where();
    tr.name = r.required_string("name");
    check_identifier(tr.name, r.where("name"), "trigger name");
    const std::string what = "trigger '" + tr.name + "' of " + of;
    tr.timing = lower_ascii(r.required_string("timing"));
    if (tr.timing != "before" && tr.timing != "after" && tr.timing != "instead of")
        fail(r.where("timing"), "the timing of " + what + " must be before, after or instead of, not '" + tr.timing + "'");
    if (tr.timing == "instead of" && table) fail(r.where("timing"), what + ": INSTEAD OF triggers are for views (declare it in [[views.triggers]])");
    static const char* const order[] = {"insert", "delete", "update", "truncate"};
    auto events = r.strings("events");
    if (!events || events->empty()) fail(r.where(), what + " needs 'events' (insert, update, delete, truncate)");
    for (auto& e : *events) {
        e = lower_ascii(e);
        if (std::none_of(std::begin(order), std::end(order), [&](const char* o) { return e == o; }))
            fail(r.where("events"), "an event of " + what + " must be insert, update, delete or truncate, not '" + e + "'");
    }
    for (const char* o : order)
        if (std::find(events->begin(), events->end(), o) != events->end()) tr.events.push_back(o);
    if (tr.events.size() != events->size()) fail(r.where("events"), what + " names an event twice");
    if (auto cols = r.strings("update_of")) {
        if (std::find(tr.events.begin(), tr.events.end(), "update") == tr.events.end())
            fail(r.where("update_of"), what + " has 'update_of' but no update event");
        for (const auto& c : *cols) {
            check_identifier(c, r.where("update_of"), "column name");
            if (table && !table->partition_of && !table->find_column(c))
                fail(r.where("update_of"), what + " names column '" + c + "', which table '" + tname + "' does not declare");
        }
        tr.update_of = *cols;
    }
    // A body is a SQLite trigger's, and SQLite triggers fire once for each row.
    const bool has_body = r.has("body");
    const std::string each = lower_ascii(r.string("for_each").value_or(has_body ? "row" : "statement"));
    if (each != "row" && each != "statement") fail(r.where("for_each"), "'for_each' of " + what + " must be row or statement, not '" + each + "'");
    tr.for_each_row = each == "row";
    if (auto w = r.string("when")) tr.when = read_expression(*w, r.where("when"), "the when condition of " + what);
    if (tr.timing == "instead of" && !tr.for_each_row)
        fail(r.where("for_each"), what + " is an INSTEAD OF trigger, which fires for each row");
    if (!table && r.has("constraint")) fail(r.where("constraint"), what + ": a view has no constraint triggers");
    if (has_body) {
        if (r.has("function")) fail(r.where("function"), what + " has both a 'body' (SQLite) and a 'function' (PostgreSQL); give one");
        tr.body = read_trigger_body(r.required_string("body"), r.where("body"), what);
        if (tr.when) tr.when = sqlite_expression_from(tr.when->text);  // compared as SQLite keeps it
        // What SQLite's CREATE TRIGGER cannot say, refused where it is written.
        if (!tr.for_each_row) fail(r.where("for_each"), what + " has a body (a SQLite trigger), and SQLite triggers fire for each row");
        if (tr.events.size() != 1) fail(r.where("events"), what + " has a body (a SQLite trigger), which fires on one event");
        if (tr.events[0] == "truncate") fail(r.where("events"), what + " has a body (a SQLite trigger), and SQLite has no TRUNCATE");
        for (const char* key : {"arguments", "old_table", "new_table", "constraint", "deferrable", "initially_deferred", "state", "comment"})
            if (r.has(key)) fail(r.where(key), what + " has a body (a SQLite trigger), which has no '" + std::string(key) + "'");
        if (!table && tr.timing != "instead of") fail(r.where("timing"), what + ": a SQLite view takes INSTEAD OF triggers only");
        return tr;
    }
    // What PostgreSQL takes on a view: INSTEAD OF for each row (without WHEN or a column list),
    // or BEFORE/AFTER for each statement; never TRUNCATE.
    if (!table) {
        if (tr.timing == "instead of" && tr.when) fail(r.where("when"), what + ": an INSTEAD OF trigger has no WHEN condition");
        if (tr.timing == "instead of" && !tr.update_of.empty()) fail(r.where("update_of"), what + ": an INSTEAD OF trigger has no UPDATE OF columns");
        if (tr.timing != "instead of" && tr.for_each_row)
            fail(r.where("for_each"), what + ": a view's BEFORE and AFTER triggers fire for each statement (INSTEAD OF for each row)");
        if (std::find(tr.events.begin(), tr.events.end(), "truncate") != tr.events.end())
            fail(r.where("events"), what + ": a view has no TRUNCATE event");
    }
    if (!r.has("function")) fail(r.where(), what + " needs 'function' (the PostgreSQL function it runs) or 'body' (the statements of a SQLite trigger)");
    tr.function = read_function_name(r.required_string("function"), r.where("function"), "'function' of " + what, on.schema);
    tr.arguments = r.strings("arguments").value_or(std::vector<std::string>{});
    for (const auto& a : tr.arguments)
        if (a.find('\0') != std::string::npos) fail(r.where("arguments"), "an argument of " + what + " holds a NUL character");
    for (auto [key, into] : {std::pair<const char*, std::string*>{"old_table", &tr.old_table}, {"new_table", &tr.new_table}})
        if (auto name = r.string(key)) {
            check_identifier(*name, r.where(key), "transition table name");
            *into = *name;
        }
    if ((!tr.old_table.empty() || !tr.new_table.empty()) && tr.timing != "after")
        fail(r.where(), what + " has transition tables, which only AFTER triggers have");
    tr.constraint = r.boolean("constraint").value_or(false);
    tr.deferral = read_deferral(r, what);
    if (tr.deferral.deferrable && !tr.constraint) fail(r.where("deferrable"), what + " is deferrable, which only constraint triggers are");
    if (tr.constraint && (tr.timing != "after" || !tr.for_each_row))
        fail(r.where("constraint"), what + " is a constraint trigger, which must be AFTER … FOR EACH ROW");
    tr.state = lower_ascii(r.string("state").value_or("enabled"));
    if (tr.state != "enabled" && tr.state != "disabled" && tr.state != "replica" && tr.state != "always")
        fail(r.where("state"), "the state of " + what + " must be enabled, disabled, replica or always, not '" + tr.state + "'");
    // PostgreSQL enables and disables triggers with ALTER TABLE, which a view does not take.
    if (!table && tr.state != "enabled") fail(r.where("state"), what + ": a view's triggers are always enabled");
    tr.comment = r.string("comment");
    return tr;
}

Policy read_policy(const std::string& file, const toml::table& t, const std::string& tname) {
    TableReader r(file, t, "a policy of table '" + tname + "'", {"name", "as", "command", "roles", "using", "with_check", "comment"});
    Policy p;
    p.loc = r.where();
    p.name = r.required_string("name");
    check_identifier(p.name, r.where("name"), "policy name");
    const std::string what = "policy '" + p.name + "' of table '" + tname + "'";
    const std::string as = lower_ascii(r.string("as").value_or("permissive"));
    if (as != "permissive" && as != "restrictive") fail(r.where("as"), "'as' of " + what + " must be permissive or restrictive, not '" + as + "'");
    p.permissive = as == "permissive";
    p.command = lower_ascii(r.string("command").value_or("all"));
    if (p.command != "all" && p.command != "select" && p.command != "insert" && p.command != "update" && p.command != "delete")
        fail(r.where("command"), "the command of " + what + " must be all, select, insert, update or delete, not '" + p.command + "'");
    if (auto roles = r.strings("roles")) {
        if (roles->empty()) fail(r.where("roles"), what + " has no roles; leave 'roles' out for PUBLIC");
        p.roles.clear();
        for (auto role : *roles) {
            // PUBLIC is a keyword, not a role; every other name is a role's, as written.
            if (lower_ascii(role) == "public") role = "public";
            else check_identifier(role, r.where("roles"), "role name");
            // PostgreSQL resolves these when the policy is made and keeps the role they named:
            // the catalog would never read back as the model says.
            const std::string lowered = lower_ascii(role);
            if (lowered == "current_user" || lowered == "current_role" || lowered == "session_user")
                fail(r.where("roles"), what + " names " + lowered + ", which PostgreSQL turns into the role running the statement; name that role");
            if (std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end()) fail(r.where("roles"), what + " names role '" + role + "' twice");
            p.roles.push_back(role);
        }
        // CREATE POLICY … TO PUBLIC, other ignores the others (with a warning): the catalog would
        // never match the model.
        if (p.roles.size() > 1 && std::find(p.roles.begin(), p.roles.end(), "public") != p.roles.end())
            fail(r.where("roles"), what + " names PUBLIC and other roles; PostgreSQL keeps only PUBLIC then, so name it alone");
        std::sort(p.roles.begin(), p.roles.end());
    }
    if (auto u = r.string("using")) p.using_expression = read_expression(*u, r.where("using"), "the USING expression of " + what);
    if (auto w = r.string("with_check")) p.with_check = read_expression(*w, r.where("with_check"), "the WITH CHECK expression of " + what);
    // PostgreSQL refuses these: a SELECT or DELETE policy checks no new row, an INSERT one reads none.
    if (p.with_check && (p.command == "select" || p.command == "delete"))
        fail(r.where("with_check"), what + " is for " + p.command + ", which has no WITH CHECK (only USING)");
    if (p.using_expression && p.command == "insert") fail(r.where("using"), what + " is for insert, which has no USING (only WITH CHECK)");
    p.comment = r.string("comment");
    return p;
}

void read_table(const std::string& file, const toml::table& t, Schema& schema) {
    TableReader r(file, t, "a table",
                  {"name", "schema", "primary_key", "primary_key_name", "primary_key_deferrable", "primary_key_initially_deferred", "columns", "unique_constraints", "indexes",
                   "foreign_keys", "checks", "comment", "partition_by", "partition_of", "exclusions", "without_rowid",
                   "strict", "renamed_from", "triggers", "row_level_security", "force_row_level_security", "policies", "grants", "owner",
                   "rows", "rows_file", "data_mode", "data_key"});
    Table table;
    table.loc = r.where();
    table.ref.name = r.required_string("name");
    check_identifier(table.ref.name, r.where("name"), "table name");
    if (auto s = r.string("schema")) {
        if (s->empty()) fail(r.where("schema"), "'schema' of table '" + table.ref.name + "' is empty");
        check_identifier(*s, r.where("schema"), "schema name");
        table.ref.schema = *s;
    }
    const std::string tname = table.ref.name;
    table.comment = r.string("comment");
    if (auto from = r.string("renamed_from")) {
        check_identifier(*from, r.where("renamed_from"), "table name");
        if (*from == tname) fail(r.where("renamed_from"), "table '" + tname + "' is renamed from its own name");
        table.renamed_from = *from;
    }
    table.without_rowid = r.boolean("without_rowid").value_or(false);
    table.strict = r.boolean("strict").value_or(false);
    if (auto by = r.string("partition_by")) {
        std::string why;
        if (!is_single_expression(*by, &why)) fail(r.where("partition_by"), "'partition_by' of table '" + tname + "' is not one clause: " + why);
        table.partition_by = expression_from(*by);
    }
    if (const toml::table* of = r.table("partition_of")) {
        TableReader p(file, *of, "'partition_of' of table '" + tname + "'", {"table", "schema", "bound"});
        TableRef parent;
        parent.name = p.required_string("table");
        parent.schema = p.string("schema").value_or(table.ref.schema);
        table.partition_of = parent;
        const std::string bound = p.required_string("bound");
        table.partition_bound = expression_from(bound);
        std::string why;
        if (!is_single_expression(bound, &why))
            fail(p.where("bound"), "'bound' of table '" + tname + "' is not one clause: " + why);
    }

    auto columns = r.tables("columns");
    // A partition's columns are its parent's; declaring them is optional. A table may have no
    // columns at all (PostgreSQL allows it; SQLite refuses it when the table is made).
    std::vector<std::string> column_pk;
    table.columns.reserve(columns.size());
    for (const toml::table* ct : columns) {
        bool pk = false, unique = false;
        table.columns.push_back(read_column(file, *ct, table.ref, pk, unique, schema));
        const Column& c = table.columns.back();
        if (pk) column_pk.push_back(c.name);
        if (unique)
            table.uniques.push_back(UniqueConstraint{default_object_name(tname, {c.name}, "key"), {c.name}, c.loc, {}});
    }
    if (auto pk = r.strings("primary_key")) {
        if (!column_pk.empty())
            fail(r.where("primary_key"), "table '" + tname + "' declares its primary key twice: as 'primary_key' on the table and on column '" + column_pk.front() + "'");
        if (pk->empty()) fail(r.where("primary_key"), "'primary_key' of table '" + tname + "' is empty");
        table.primary_key = *pk;
        for (auto& c : table.columns)
            if (std::find(pk->begin(), pk->end(), c.name) != pk->end()) c.nullable = false;
    } else {
        table.primary_key = column_pk;
    }
    if (!table.primary_key.empty()) table.primary_key_name = default_object_name(tname, {}, "pkey");
    table.primary_key_deferral.deferrable = r.boolean("primary_key_deferrable").value_or(false);
    table.primary_key_deferral.initially_deferred = r.boolean("primary_key_initially_deferred").value_or(false);
    if (table.primary_key_deferral.initially_deferred && !table.primary_key_deferral.deferrable)
        fail(r.where("primary_key_initially_deferred"), "the primary key of table '" + tname + "' is initially deferred, so it must also be primary_key_deferrable = true");
    if (table.primary_key_deferral.deferrable && table.primary_key.empty())
        fail(r.where("primary_key_deferrable"), "table '" + tname + "' makes its primary key deferrable but declares none");
    if (auto name = r.string("primary_key_name")) {
        if (table.primary_key.empty()) fail(r.where("primary_key_name"), "table '" + tname + "' names its primary key but declares none");
        check_identifier(*name, r.where("primary_key_name"), "constraint name");
        table.primary_key_name_declared = true;
        table.primary_key_name = *name;
    }
    if (table.partition_of && !table.primary_key.empty())
        fail(r.where(), "table '" + tname + "' is a partition: its primary key is its parent's, so it cannot declare one");
    for (const auto& c : table.columns)
        if (c.autoincrement && table.primary_key.size() != 1)
            fail(c.loc, "column '" + tname + "." + c.name + "' has autoincrement, which needs it to be the whole primary key");

    for (const toml::table* ut : r.tables("unique_constraints")) {
        TableReader u(file, *ut, "a unique constraint of table '" + tname + "'", {"name", "columns", "deferrable", "initially_deferred", "renamed_from", "nulls_distinct"});
        UniqueConstraint uc;
        uc.loc = u.where();
        auto cols = u.strings("columns");
        if (!cols || cols->empty()) fail(u.where(), "a unique constraint of table '" + tname + "' has no 'columns'");
        uc.columns = *cols;
        uc.name = u.string("name").value_or(default_object_name(tname, uc.columns, "key"));
        uc.deferral = read_deferral(u, "unique constraint '" + uc.name + "'");
        check_identifier(uc.name, u.where("name"), "constraint name");
        uc.renamed_from = read_renamed_constraint(u, uc.name);
        uc.nulls_distinct = u.boolean("nulls_distinct").value_or(true);
        table.uniques.push_back(uc);
    }
    for (const toml::table* it : r.tables("indexes")) table.indexes.push_back(read_index(file, *it, tname));
    drop_own_collations(table);
    for (const toml::table* ft : r.tables("foreign_keys")) {
        TableReader f(file, *ft, "a foreign key of table '" + tname + "'",
                      {"name", "columns", "references", "on_delete", "on_update", "deferrable", "initially_deferred", "not_valid",
                       "renamed_from", "match"});
        ForeignKey fk;
        fk.loc = f.where();
        auto cols = f.strings("columns");
        if (!cols || cols->empty()) fail(f.where(), "a foreign key of table '" + tname + "' has no 'columns'");
        fk.columns = *cols;
        const toml::table* ref = f.table("references");
        if (!ref) fail(f.where(), "a foreign key of table '" + tname + "' has no 'references'");
        TableReader rr(file, *ref, "'references' of a foreign key of table '" + tname + "'", {"table", "columns", "schema"});
        fk.ref_table.name = rr.required_string("table");
        fk.ref_table.schema = rr.string("schema").value_or(table.ref.schema);
        auto rcols = rr.strings("columns");
        if (!rcols || rcols->empty()) fail(rr.where(), "'references' of a foreign key of table '" + tname + "' has no 'columns'");
        fk.ref_columns = *rcols;
        for (const char* key : {"on_delete", "on_update"}) {
            if (auto text = f.string(key)) {
                auto action = parse_fk_action(*text);
                if (!action)
                    fail(f.where(key), "'" + std::string(key) + "' is '" + *text + "'; expected one of: no action, restrict, cascade, set null, set default");
                (std::string(key) == "on_delete" ? fk.on_delete : fk.on_update) = *action;
            }
        }
        fk.name = f.string("name").value_or(default_object_name(tname, fk.columns, "fkey"));
        fk.deferral = read_deferral(f, "foreign key '" + fk.name + "'");
        fk.not_valid = f.boolean("not_valid").value_or(false);
        if (auto match = f.string("match")) {
            const std::string m = lower_ascii(*match);
            if (m == "partial") fail(f.where("match"), "foreign key '" + fk.name + "' asks for MATCH PARTIAL, which PostgreSQL does not implement");
            if (m != "full" && m != "simple") fail(f.where("match"), "'match' is '" + *match + "'; expected \"simple\" or \"full\"");
            fk.match_full = m == "full";
        }
        if (fk.not_valid && table.partition_by)
            fail(f.where("not_valid"), "foreign key '" + fk.name + "' is NOT VALID, which PostgreSQL 15 does not support on the partitioned table '" +
                                           tname + "'");
        check_identifier(fk.name, f.where("name"), "constraint name");
        fk.renamed_from = read_renamed_constraint(f, fk.name);
        table.foreign_keys.push_back(fk);
    }
    int unnamed_checks = 0;
    for (const toml::table* ct : r.tables("checks")) {
        TableReader c(file, *ct, "a check of table '" + tname + "'", {"name", "expression", "not_valid", "renamed_from", "no_inherit"});
        Check check;
        check.loc = c.where();
        std::string text = c.required_string("expression");
        check.expression = read_expression(text, c.where("expression"), "the check of table '" + tname + "'");
        if (auto name = c.string("name")) {
            check.name = *name;
        } else {
            // PostgreSQL names unnamed table checks <table>_check, <table>_check1, ...
            std::string label = unnamed_checks == 0 ? "check" : "check" + std::to_string(unnamed_checks);
            check.name = default_object_name(tname, {}, label);
            ++unnamed_checks;
        }
        check_identifier(check.name, c.where("name"), "constraint name");
        check.not_valid = c.boolean("not_valid").value_or(false);
        check.no_inherit = c.boolean("no_inherit").value_or(false);
        if (check.no_inherit && table.partition_by)
            fail(c.where("no_inherit"), "check '" + check.name + "' is NO INHERIT, which PostgreSQL refuses on the partitioned table '" + tname + "'");
        check.renamed_from = read_renamed_constraint(c, check.name);
        table.checks.push_back(check);
    }
    for (const toml::table* xt : r.tables("exclusions")) {
        TableReader x(file, *xt, "an exclusion constraint of table '" + tname + "'", {"name", "definition", "deferrable", "initially_deferred", "renamed_from"});
        Exclusion ex;
        ex.loc = x.where();
        ex.name = x.required_string("name");
        check_identifier(ex.name, x.where("name"), "constraint name");
        ex.definition = read_expression(x.required_string("definition"), x.where("definition"), "the definition of exclusion constraint '" + ex.name + "'");
        ex.deferral = read_deferral(x, "exclusion constraint '" + ex.name + "'");
        ex.renamed_from = read_renamed_constraint(x, ex.name);
        table.exclusions.push_back(std::move(ex));
    }
    for (const toml::table* tt : r.tables("triggers")) {
        Trigger tr = read_trigger(file, *tt, table.ref, &table);
        for (const auto& other : table.triggers)
            if (other.name == tr.name) fail(tr.loc, "trigger '" + tr.name + "' of table '" + tname + "' is declared twice; first at " + other.loc.str());
        table.triggers.push_back(std::move(tr));
    }
    table.row_level_security = r.boolean("row_level_security").value_or(false);
    table.force_row_level_security = r.boolean("force_row_level_security").value_or(false);
    for (const toml::table* pt : r.tables("policies")) {
        Policy p = read_policy(file, *pt, tname);
        for (const auto& other : table.policies)
            if (other.name == p.name) fail(p.loc, "policy '" + p.name + "' of table '" + tname + "' is declared twice; first at " + other.loc.str());
        table.policies.push_back(std::move(p));
    }
    read_grants(file, r, GrantOn::Table, table.ref, "", "table '" + tname + "'", schema);
    table.data = read_table_data(file, r, tname);
    schema.tables.push_back(std::move(table));
}

// A type a function's argument or result names, checked as a column's type is: it is spliced
// into DDL as written.
std::string read_function_type(const std::string& type, const SourceLoc& where, const std::string& what) {
    std::string why;
    if (!is_type_name(type, &why)) fail(where, what + " is not a type name: " + why);
    return canonical_function_type(type);
}

bool is_setting_name(const std::string& s) {  // a configuration parameter: name or prefix.name
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.' || s.back() == '.') return false;
    for (unsigned char c : s)
        if (!std::isalnum(c) && c != '_' && c != '.') return false;
    return true;
}

// A SQL-standard body (PostgreSQL 14+): RETURN and one expression, or BEGIN ATOMIC, statements
// and END. It goes into the DDL as written, after the function's attributes, so it must end
// where the function's statement ends for every reader of that DDL (the server, psql running a
// saved script): nothing after the expression or the END, no ';' inside parentheses or a CASE,
// no comment running to the end of the text, and the same tokens with backslash escapes on.
void check_sql_standard_body(const std::string& text, const SourceLoc& where, const std::string& what) {
    const std::string key = "'sql_body' of " + what;
    const LexResult lexed = lex_sql(text, Lexicon::PostgreSQL);
    if (!lexed.error.empty()) fail(where, key + " is not SQL: " + lexed.error);
    const LexResult escaped = lex_sql(text, Lexicon::PostgreSQLBackslashes);
    if (!escaped.error.empty() || escaped.tokens.size() != lexed.tokens.size())
        fail(where, key + " reads differently where backslashes escape in strings; write a backslash in an E'…' string");
    if (lexed.ends_in_line_comment) fail(where, key + " ends in a -- comment, which would swallow what follows it");
    if (lexed.had_nested_comment || lexed.had_carriage_return_in_comment)
        fail(where, key + " holds a comment that readers of SQL end at different places (a nested /* or a carriage return)");
    const auto& tokens = lexed.tokens;
    auto word = [&](std::size_t i) { return i < tokens.size() && tokens[i].kind == TokenKind::Word ? lower_ascii(tokens[i].text) : std::string(); };
    if (word(0) == "return") {
        std::string why;
        if (tokens.size() < 2 || !is_single_expression(text.substr(tokens[1].begin), &why))
            fail(where, key + " must be RETURN and one expression" + (why.empty() ? std::string() : ": " + why));
        return;
    }
    if (word(0) != "begin" || word(1) != "atomic") fail(where, key + " must start with RETURN or BEGIN ATOMIC (a SQL-standard body)");
    int cases = 0, parens = 0;
    for (std::size_t i = 2; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == TokenKind::Punct && t.text == "(") ++parens;
        if (t.kind == TokenKind::Punct && t.text == ")" && --parens < 0) fail(where, key + " closes a parenthesis it did not open");
        if (t.kind == TokenKind::Punct && t.text == ";" && (cases > 0 || parens > 0))
            fail(where, key + " ends a statement inside an unclosed " + (cases > 0 ? "CASE" : "parenthesis"));
        if (word(i) == "case") ++cases;
        if (word(i) != "end") continue;
        if (cases > 0) {
            --cases;
            continue;
        }
        if (i + 1 != tokens.size()) fail(where, key + " goes on after the END of its BEGIN ATOMIC block");
        if (parens != 0) fail(where, key + " leaves a parenthesis open");
        return;
    }
    fail(where, key + " has no END for its BEGIN ATOMIC");
}

template <class ReadRef>
Function read_function(const std::string& file, const toml::table& t, const ReadRef& read_ref, Schema& into) {
    TableReader r(file, t, "a function",
                  {"name", "schema", "procedure", "arguments", "returns", "language", "volatility", "strict", "security_definer",
                   "leakproof", "parallel", "cost", "rows", "set", "body", "sql_body", "comment", "grants", "owner"});
    Function f;
    f.loc = r.where();
    f.ref = read_ref(r, "function");
    f.procedure = r.boolean("procedure").value_or(false);
    const std::string kind = f.procedure ? "procedure" : "function";
    const std::string what = kind + " '" + f.ref.name + "'";
    bool has_out = false, has_table = false;
    bool defaulted = false;
    for (const toml::table* at : r.tables("arguments")) {
        TableReader a(file, *at, "an argument of " + what, {"name", "type", "mode", "default"});
        FunctionArgument arg;
        if (auto name = a.string("name")) {
            check_identifier(*name, a.where("name"), "argument name");
            arg.name = *name;
        }
        arg.mode = lower_ascii(a.string("mode").value_or("in"));
        static const char* const modes[] = {"in", "out", "inout", "variadic", "table"};
        if (std::none_of(std::begin(modes), std::end(modes), [&](const char* m) { return arg.mode == m; }))
            fail(a.where("mode"), "the mode of an argument of " + what + " must be in, out, inout, variadic or table, not '" + arg.mode + "'");
        if (arg.mode == "table" && f.procedure) fail(a.where("mode"), what + " cannot return a table: procedures return nothing");
        if (arg.mode == "table" && arg.name.empty()) fail(a.where(), "a table column of " + what + " needs a name");
        arg.type = read_function_type(a.required_string("type"), a.where("type"), "the type of an argument of " + what);
        if (auto def = a.string("default")) {
            if (arg.mode == "out" || arg.mode == "table") fail(a.where("default"), "an " + arg.mode + " argument of " + what + " cannot have a default");
            arg.default_value = read_expression(*def, a.where("default"), "the default of an argument of " + what);
            defaulted = true;
        } else if (defaulted && (arg.mode == "in" || arg.mode == "inout" || arg.mode == "variadic")) {
            fail(a.where(), "an argument of " + what + " without a default follows one with a default, which PostgreSQL refuses");
        }
        has_out = has_out || arg.mode == "out" || arg.mode == "inout";
        has_table = has_table || arg.mode == "table";
        f.arguments.push_back(std::move(arg));
    }
    // Table columns come after the arguments, as RETURNS TABLE (…) follows them.
    std::stable_partition(f.arguments.begin(), f.arguments.end(), [](const FunctionArgument& a) { return a.mode != "table"; });
    if (auto returns = r.string("returns")) {
        if (f.procedure) fail(r.where("returns"), what + " has 'returns': procedures return nothing (use out arguments)");
        if (has_table) fail(r.where("returns"), what + " has both 'returns' and table columns (arguments of mode table)");
        std::string type = *returns;
        const bool setof = type.size() > 6 && lower_ascii(type.substr(0, 6)) == "setof " ;
        if (setof) type = type.substr(6);
        f.returns = (setof ? "SETOF " : "") + read_function_type(type, r.where("returns"), "the result of " + what);
    } else if (!f.procedure && !has_table) {
        // With out arguments the result is theirs: the one type, or a record of them.
        if (!has_out) fail(r.where(), what + " has no 'returns' (nor out or table arguments)");
        std::vector<std::string> outs;
        for (const auto& a : f.arguments)
            if (a.mode == "out" || a.mode == "inout") outs.push_back(a.type);
        f.returns = outs.size() == 1 ? outs[0] : "record";
    }
    f.language = lower_ascii(r.string("language").value_or("sql"));
    if (!is_plain_name(f.language)) fail(r.where("language"), "the language of " + what + " is not a name: '" + f.language + "'");
    f.volatility = lower_ascii(r.string("volatility").value_or("volatile"));
    if (f.volatility != "volatile" && f.volatility != "stable" && f.volatility != "immutable")
        fail(r.where("volatility"), "the volatility of " + what + " must be volatile, stable or immutable, not '" + f.volatility + "'");
    f.parallel = lower_ascii(r.string("parallel").value_or("unsafe"));
    if (f.parallel != "unsafe" && f.parallel != "restricted" && f.parallel != "safe")
        fail(r.where("parallel"), "'parallel' of " + what + " must be unsafe, restricted or safe, not '" + f.parallel + "'");
    f.strict = r.boolean("strict").value_or(false);
    f.security_definer = r.boolean("security_definer").value_or(false);
    f.leakproof = r.boolean("leakproof").value_or(false);
    if (f.procedure) {
        for (const char* key : {"volatility", "strict", "leakproof", "parallel", "cost", "rows"})
            if (r.has(key)) fail(r.where(key), what + " has '" + key + "', which only functions have");
    }
    f.cost = r.number("cost").value_or(f.language == "c" || f.language == "internal" ? 1 : 100);
    if (f.cost <= 0) fail(r.where("cost"), "the cost of " + what + " must be positive");
    f.rows = r.number("rows").value_or(f.returns_set() ? 1000 : 0);
    if (r.has("rows") && !f.returns_set()) fail(r.where("rows"), what + " has 'rows' but does not return a set");
    if (r.has("rows") && f.rows <= 0) fail(r.where("rows"), "'rows' of " + what + " must be positive");
    if (const toml::table* settings = r.table("set")) {
        for (auto&& [key, value] : *settings) {
            const std::string name(key.str());
            if (!is_setting_name(name)) fail(loc_of(file, key.source()), "'" + name + "' in 'set' of " + what + " is not a configuration parameter name");
            if (!value.is_string()) fail(loc_of(file, value.source()), "the value of '" + name + "' in 'set' of " + what + " must be a string");
            // A list (search_path) as the catalog spells it, so that "a,b" and "a, b" are one value.
            std::string text = value.as_string()->get();
            if (is_list_setting(lower_ascii(name))) text = setting_list_text(setting_list_elements(text));
            f.settings.emplace_back(lower_ascii(name), std::move(text));
        }
        std::sort(f.settings.begin(), f.settings.end());
    }
    auto body = r.string("body");
    auto sql_body = r.string("sql_body");
    if (body && sql_body) fail(r.where("sql_body"), what + " has both 'body' and 'sql_body': give one");
    if (!body && !sql_body) fail(r.where(), what + " has no 'body' (nor 'sql_body')");
    if (sql_body) {
        if (f.language != "sql") fail(r.where("sql_body"), what + " has 'sql_body', a SQL-standard body, which only language sql takes");
        check_sql_standard_body(*sql_body, r.where("sql_body"), what);
        f.sql_body = true;
    }
    f.body = body ? *body : *sql_body;
    f.comment = r.string("comment");
    read_grants(file, r, GrantOn::Routine, f.ref, f.signature_types(), what, into);
    return f;
}

template <class ReadRef>
Aggregate read_aggregate(const std::string& file, const toml::table& t, const ReadRef& read_ref, Schema& into) {
    TableReader r(file, t, "an aggregate",
                  {"name", "schema", "arguments", "state_function", "state_type", "final_function", "final_extra", "combine_function",
                   "serial_function", "deserial_function", "initial_value", "parallel", "comment", "grants", "owner"});
    Aggregate a;
    a.loc = r.where();
    a.ref = read_ref(r, "aggregate");
    const std::string what = "aggregate '" + a.ref.name + "'";
    for (const toml::table* at : r.tables("arguments")) {
        TableReader ar(file, *at, "an argument of " + what, {"name", "type", "mode"});
        FunctionArgument arg;
        if (auto name = ar.string("name")) {
            check_identifier(*name, ar.where("name"), "argument name");
            arg.name = *name;
        }
        arg.mode = lower_ascii(ar.string("mode").value_or("in"));
        if (arg.mode != "in" && arg.mode != "variadic")
            fail(ar.where("mode"), "the mode of an argument of " + what + " must be in or variadic, not '" + arg.mode + "'");
        arg.type = read_function_type(ar.required_string("type"), ar.where("type"), "the type of an argument of " + what);
        a.arguments.push_back(std::move(arg));
    }
    auto function = [&](const char* key) -> std::optional<TableRef> {
        auto text = r.string(key);
        if (!text) return std::nullopt;
        return read_function_name(*text, r.where(key), "'" + std::string(key) + "' of " + what, a.ref.schema);
    };
    if (!r.has("state_function")) fail(r.where(), what + " has no 'state_function'");
    a.state_function = *function("state_function");
    a.state_type = read_function_type(r.required_string("state_type"), r.where("state_type"), "the state type of " + what);
    a.final_function = function("final_function");
    a.final_extra = r.boolean("final_extra").value_or(false);
    if (a.final_extra && !a.final_function) fail(r.where("final_extra"), what + " has 'final_extra' but no 'final_function'");
    a.combine_function = function("combine_function");
    a.serial_function = function("serial_function");
    a.deserial_function = function("deserial_function");
    if (a.serial_function.has_value() != a.deserial_function.has_value())
        fail(r.where(), what + " needs both 'serial_function' and 'deserial_function', or neither");
    a.initial_value = r.string("initial_value");
    a.parallel = lower_ascii(r.string("parallel").value_or("unsafe"));
    if (a.parallel != "unsafe" && a.parallel != "restricted" && a.parallel != "safe")
        fail(r.where("parallel"), "'parallel' of " + what + " must be unsafe, restricted or safe, not '" + a.parallel + "'");
    a.comment = r.string("comment");
    read_grants(file, r, GrantOn::Routine, a.ref, a.signature_types(), what, into);
    return a;
}

}  // namespace

void load_schema_text(std::string_view text, const std::string& source_name, Schema& into) {
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view(source_name));
    } catch (const toml::parse_error& e) {
        fail(loc_of(source_name, e.source()), "not valid TOML: " + std::string(e.description()));
    }
    reject_nul_bytes(source_name, doc);
    TableReader top(source_name, doc, "the schema file",
                    {"tables", "settings", "schemas", "extensions", "enums", "sequences", "domains", "views", "functions", "aggregates",
                     "default_privileges"});
    auto read_ref = [&](const TableReader& r, const char* what) {
        TableRef ref;
        ref.name = r.required_string("name");
        check_identifier(ref.name, r.where("name"), std::string(what) + " name");
        if (auto s = r.string("schema")) {
            check_identifier(*s, r.where("schema"), "schema name");
            ref.schema = *s;
        }
        return ref;
    };
    for (const toml::table* dt : top.tables("domains")) {
        TableReader d(source_name, *dt, "a domain", {"name", "schema", "type", "nullable", "default", "checks", "grants", "owner"});
        Domain domain;
        domain.loc = d.where();
        domain.ref = read_ref(d, "domain");
        const std::string what = "domain '" + domain.ref.name + "'";
        std::string type = d.required_string("type"), why;
        if (!is_type_name(type, &why)) fail(d.where("type"), "the type of " + what + " is not a type name: " + why);
        domain.type = canonical_type(type);
        domain.nullable = d.boolean("nullable").value_or(true);
        if (auto def = d.string("default")) domain.default_value = read_expression(*def, d.where("default"), "the default of " + what);
        int unnamed = 0;
        for (const toml::table* ct : d.tables("checks")) {
            TableReader c(source_name, *ct, "a check of " + what, {"name", "expression"});
            Check check;
            check.loc = c.where();
            check.expression = read_expression(c.required_string("expression"), c.where("expression"), "a check of " + what);
            // PostgreSQL names unnamed domain checks <domain>_check, <domain>_check1, ...
            check.name = c.string("name").value_or(default_object_name(domain.ref.name, {}, unnamed ? "check" + std::to_string(unnamed) : "check"));
            if (!c.string("name")) ++unnamed;
            check_identifier(check.name, c.where("name"), "constraint name");
            domain.checks.push_back(std::move(check));
        }
        read_grants(source_name, d, GrantOn::Type, domain.ref, "", what, into);
        into.domains.push_back(std::move(domain));
    }
    for (const toml::table* ft : top.tables("functions")) into.functions.push_back(read_function(source_name, *ft, read_ref, into));
    for (const toml::table* at : top.tables("aggregates")) into.aggregates.push_back(read_aggregate(source_name, *at, read_ref, into));
    for (const toml::table* vt : top.tables("views")) {
        TableReader v(source_name, *vt, "a view", {"name", "schema", "definition", "materialized", "indexes", "comment", "grants", "owner", "triggers"});
        View view;
        view.loc = v.where();
        view.ref = read_ref(v, "view");
        std::string definition = v.required_string("definition");
        // A view body is a query, not an expression, but the same rule keeps it one statement.
        std::string why;
        if (!is_single_expression(definition, &why))
            fail(v.where("definition"), "the definition of view '" + view.ref.name + "' is not a single query: " + why);
        view.definition = query_from(definition);
        view.materialized = v.boolean("materialized").value_or(false);
        view.comment = v.string("comment");
        for (const toml::table* it : v.tables("indexes")) view.indexes.push_back(read_index(source_name, *it, view.ref.name));
        if (!view.indexes.empty() && !view.materialized)
            fail(v.where("indexes"), "view '" + view.ref.name + "' has indexes but is not materialized");
        for (const toml::table* tt : v.tables("triggers")) {
            Trigger tr = read_trigger(source_name, *tt, view.ref, nullptr);
            if (view.materialized) fail(tr.loc, "materialized view '" + view.ref.name + "' cannot have triggers");
            for (const auto& other : view.triggers)
                if (other.name == tr.name) fail(tr.loc, "trigger '" + tr.name + "' of view '" + view.ref.name + "' is declared twice; first at " + other.loc.str());
            view.triggers.push_back(std::move(tr));
        }
        read_grants(source_name, v, GrantOn::Table, view.ref, "", "view '" + view.ref.name + "'", into);
        into.views.push_back(std::move(view));
    }
    for (const toml::table* st : top.tables("sequences")) {
        TableReader q(source_name, *st, "a sequence",
                      {"name", "schema", "type", "start", "increment", "min_value", "max_value", "cache", "cycle", "owned_by", "grants", "owner"});
        Sequence seq;
        seq.loc = q.where();
        seq.ref = read_ref(q, "sequence");
        if (auto type = q.string("type")) {
            seq.type = canonical_type(*type);
            if (seq.type != "smallint" && seq.type != "integer" && seq.type != "bigint")
                fail(q.where("type"), "the type of sequence '" + seq.ref.name + "' must be smallint, integer or bigint, not " + *type);
        }
        seq.start = q.integer("start");
        seq.increment = q.integer("increment");
        seq.min_value = q.integer("min_value");
        seq.max_value = q.integer("max_value");
        seq.cache = q.integer("cache");
        seq.cycle = q.boolean("cycle");
        if (const toml::table* owner = q.table("owned_by")) {
            TableReader o(source_name, *owner, "'owned_by' of sequence '" + seq.ref.name + "'", {"table", "column"});
            seq.owned_by = SequenceOwner{o.required_string("table"), o.required_string("column")};
        }
        if (seq.increment && *seq.increment == 0) fail(q.where("increment"), "the increment of sequence '" + seq.ref.name + "' is 0");
        if (seq.cache && *seq.cache < 1) fail(q.where("cache"), "the cache of sequence '" + seq.ref.name + "' must be at least 1");
        // PostgreSQL gives a sequence owned by a column its table's owner, and refuses another.
        if (seq.owned_by && q.has("owner"))
            fail(q.where("owner"), "sequence '" + seq.ref.name + "' is owned by a column: its owner is its table's, not one of its own");
        read_grants(source_name, q, GrantOn::Sequence, seq.ref, "", "sequence '" + seq.ref.name + "'", into);
        into.sequences.push_back(std::move(seq));
    }
    for (const toml::table* et : top.tables("enums")) {
        TableReader e(source_name, *et, "an enum type", {"name", "schema", "values", "grants", "owner"});
        EnumType type;
        type.loc = e.where();
        type.ref = read_ref(e, "enum type");
        auto values = e.strings("values");
        if (!values || values->empty()) fail(e.where(), "enum type '" + type.ref.name + "' has no 'values'");
        for (std::size_t i = 0; i < values->size(); ++i) {
            const std::string& v = (*values)[i];
            if (v.empty()) fail(e.where("values"), "enum type '" + type.ref.name + "' has an empty value");
            if (v.size() > kMaxIdentifierBytes)
                fail(e.where("values"), "value '" + v + "' of enum type '" + type.ref.name + "' is longer than 63 bytes");
            if (std::find(values->begin(), values->begin() + i, v) != values->begin() + i)
                fail(e.where("values"), "enum type '" + type.ref.name + "' lists the value '" + v + "' twice");
        }
        type.values = *values;
        read_grants(source_name, e, GrantOn::Type, type.ref, "", "enum type '" + type.ref.name + "'", into);
        into.enums.push_back(std::move(type));
    }
    for (const toml::table* st : top.tables("schemas")) {
        TableReader s(source_name, *st, "a schema", {"name", "comment", "grants", "owner"});
        std::string name = s.required_string("name");
        check_identifier(name, s.where("name"), "schema name");
        read_grants(source_name, s, GrantOn::Schema, TableRef{name, ""}, "", "schema '" + name + "'", into);
        if (auto comment = s.string("comment")) into.schema_comments[name] = *comment;
        into.schemas.push_back(name);
        into.schema_locs.push_back(s.where());
    }
    for (const toml::table* dt : top.tables("default_privileges")) {
        TableReader d(source_name, *dt, "default privileges", {"role", "schema", "on", "grants"});
        DefaultPrivileges dp;
        dp.loc = d.where();
        dp.for_role = d.required_string("role");
        check_identifier(dp.for_role, d.where("role"), "role name");
        if (lower_ascii(dp.for_role) == "public") fail(d.where("role"), "default privileges are of a role that makes objects, not of PUBLIC");
        dp.schema = d.string("schema").value_or("");
        if (!dp.schema.empty()) check_identifier(dp.schema, d.where("schema"), "schema name");
        const std::string on = lower_ascii(d.required_string("on"));
        bool known = false;
        for (GrantOn kind : {GrantOn::Table, GrantOn::Sequence, GrantOn::Routine, GrantOn::Type, GrantOn::Schema})
            if (on == default_privileges_kind(kind)) dp.on = kind, known = true;
        if (!known) fail(d.where("on"), "'on' of default privileges must be tables, sequences, functions, types or schemas, not '" + on + "'");
        if (dp.on == GrantOn::Schema && !dp.schema.empty())
            fail(d.where("schema"), "default privileges on schemas are for every schema: PostgreSQL takes no IN SCHEMA for them");
        // The grants, read as an object's are: each privilege once per role, "all" spelled out.
        Schema read;
        read_grants(source_name, d, dp.on, TableRef{dp.schema, ""}, "", "the default privileges of role '" + dp.for_role + "' on " + on, read);
        if (!read.privileges.empty()) dp.privileges = std::move(read.privileges.front().privileges);
        // The role's own privileges on what it makes are its own, as an owner's are: never stored.
        for (const auto& p : dp.privileges)
            if (p.role == dp.for_role)
                fail(d.where("grants"), "the default privileges of role '" + dp.for_role +
                                            "' grant to that role itself, which owns what it makes and holds every privilege on it");
        into.default_privileges.push_back(std::move(dp));
    }
    for (const toml::table* et : top.tables("extensions")) {
        TableReader e(source_name, *et, "an extension", {"name", "schema"});
        Extension ext;
        ext.loc = e.where();
        ext.name = e.required_string("name");
        check_identifier(ext.name, e.where("name"), "extension name");
        if (auto s = e.string("schema")) {
            check_identifier(*s, e.where("schema"), "schema name");
            ext.schema = *s;
        }
        into.extensions.push_back(std::move(ext));
    }
    if (const toml::table* settings = top.table("settings")) {
        TableReader s(source_name, *settings, "[settings]", {"ignore_tables", "managed_roles"});
        if (into.settings_loc.known())
            fail(s.where(), "[settings] is declared twice; first at " + into.settings_loc.str());
        into.settings_loc = s.where();
        if (auto ignore = s.strings("ignore_tables")) into.ignore_tables = *ignore;
        if (auto roles = s.strings("managed_roles")) {
            for (auto role : *roles) {
                if (lower_ascii(role) == "public") role = "public";
                else check_identifier(role, s.where("managed_roles"), "role name");
                if (std::find(into.managed_roles.begin(), into.managed_roles.end(), role) != into.managed_roles.end())
                    fail(s.where("managed_roles"), "'managed_roles' names role '" + role + "' twice");
                into.managed_roles.push_back(role);
            }
            std::sort(into.managed_roles.begin(), into.managed_roles.end());
        }
    }
    for (const toml::table* t : top.tables("tables")) read_table(source_name, *t, into);
}

void validate_schema(const Schema& schema) {
    std::map<TableRef, const Table*> tables;
    std::map<std::pair<std::string, std::string>, SourceLoc> relation_names;  // (schema, name)
    auto claim_relation = [&](const std::string& ns, const std::string& name, const SourceLoc& where,
                              const std::string& what) {
        auto [it, fresh] = relation_names.emplace(std::make_pair(ns, name), where);
        if (!fresh)
            fail(where, what + " '" + name + "' uses a name already taken in schema '" + ns +
                            "' (at " + it->second.str() + "); tables, indexes and key constraints share one namespace");
    };
    for (std::size_t i = 0; i < schema.schemas.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (schema.schemas[i] == schema.schemas[j])
                fail(schema.schema_locs.at(i), "schema '" + schema.schemas[i] + "' is declared twice; first at " + schema.schema_locs.at(j).str());
    for (std::size_t i = 0; i < schema.extensions.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (schema.extensions[i].name == schema.extensions[j].name)
                fail(schema.extensions[i].loc, "extension '" + schema.extensions[i].name + "' is declared twice; first at " +
                                                   schema.extensions[j].loc.str());
    for (std::size_t i = 0; i < schema.enums.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (schema.enums[i].ref == schema.enums[j].ref)
                fail(schema.enums[i].loc, "enum type '" + schema.enums[i].ref.display() + "' is declared twice; first at " +
                                              schema.enums[j].loc.str());
    // A grant is only made and compared for a managed role: one to another role would be
    // silently ignored.
    for (std::size_t i = 0; i < schema.default_privileges.size(); ++i) {
        const DefaultPrivileges& d = schema.default_privileges[i];
        for (std::size_t j = 0; j < i; ++j)
            if (d.same_key(schema.default_privileges[j]))
                fail(d.loc, "the " + d.display() + " are declared twice; first at " + schema.default_privileges[j].loc.str());
        for (const auto& p : d.privileges)
            if (!std::binary_search(schema.managed_roles.begin(), schema.managed_roles.end(), p.role))
                fail(d.loc, "the " + d.display() + " name role '" + p.role +
                                "', which [settings] managed_roles does not list; privileges are managed only for the roles listed there");
    }
    for (const auto& op : schema.privileges)
        for (const auto& p : op.privileges)
            if (!std::binary_search(schema.managed_roles.begin(), schema.managed_roles.end(), p.role))
                fail(op.loc, "the grants of " + op.display() + " name role '" + p.role +
                                 "', which [settings] managed_roles does not list; privileges are managed only for the roles listed there");
    for (std::size_t i = 0; i < schema.privileges.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (schema.privileges[i].same_object(schema.privileges[j]))
                fail(schema.privileges[i].loc, "the grants of " + schema.privileges[i].display() + " are declared twice; first at " +
                                                   schema.privileges[j].loc.str());
    // SQLite's trigger names are the database's, not a table's, and one name whatever its case:
    // a second CREATE TRIGGER IF NOT EXISTS of a name would do nothing.
    std::map<std::string, const Trigger*> sqlite_triggers;
    auto claim_trigger = [&](const Trigger& t, const TableRef& on) {
        if (!t.body) return;
        auto [it, fresh] = sqlite_triggers.emplace(lower_ascii(t.name), &t);
        if (!fresh)
            fail(t.loc, "trigger '" + t.name + "' of '" + on.name + "' has the name of the SQLite trigger declared at " + it->second->loc.str() +
                            "; SQLite trigger names are the database's, whatever their case");
    };
    for (const auto& t : schema.tables)
        for (const auto& tr : t.triggers) claim_trigger(tr, t.ref);
    for (const auto& v : schema.views)
        for (const auto& tr : v.triggers) claim_trigger(tr, v.ref);
    for (const auto& s : schema.sequences) claim_relation(s.ref.schema, s.ref.name, s.loc, "sequence");
    for (const auto& t : schema.tables)
        for (const auto& c : t.columns)
            if (!c.sequence.empty()) claim_relation(t.ref.schema, c.sequence, c.loc, "the sequence of column '" + t.ref.name + "." + c.name + "'");
    for (const auto& v : schema.views) claim_relation(v.ref.schema, v.ref.name, v.loc, "view");
    for (std::size_t i = 0; i < schema.domains.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (schema.domains[i].ref == schema.domains[j].ref)
                fail(schema.domains[i].loc, "domain '" + schema.domains[i].ref.display() + "' is declared twice; first at " +
                                                schema.domains[j].loc.str());
    std::map<std::string, const SourceLoc*> functions;  // functions, procedures and aggregates share one namespace
    for (const auto& f : schema.functions) {
        auto [it, fresh] = functions.emplace(f.signature(), &f.loc);
        if (!fresh)
            fail(f.loc, std::string(f.procedure ? "procedure" : "function") + " '" + f.signature() + "' is declared twice; first at " +
                            it->second->str());
    }
    for (const auto& a : schema.aggregates) {
        auto [it, fresh] = functions.emplace(a.signature(), &a.loc);
        if (!fresh) fail(a.loc, "aggregate '" + a.signature() + "' is declared twice; first at " + it->second->str());
    }
    for (const auto& t : schema.tables) {
        auto [it, fresh] = tables.emplace(t.ref, &t);
        if (!fresh)
            fail(t.loc, "table '" + t.ref.display() + "' is declared twice; first at " + it->second->loc.str());
        claim_relation(t.ref.schema, t.ref.name, t.loc, "table");
    }
    for (const auto& s : schema.sequences) {
        if (!s.owned_by) continue;
        // PostgreSQL keeps a sequence in its owner's schema.
        auto owner = tables.find(TableRef{s.ref.schema, s.owned_by->table});
        const std::string what = "sequence '" + s.ref.display() + "' is owned by '" + s.owned_by->table + "." + s.owned_by->column + "'";
        if (owner == tables.end()) fail(s.loc, what + ", but the schema declares no table '" + s.owned_by->table + "' in schema '" + s.ref.schema + "'");
        const Column* column = owner->second->find_column(s.owned_by->column);
        if (!column) fail(s.loc, what + ", but table '" + owner->first.display() + "' declares no column '" + s.owned_by->column + "'");
        // A serial or identity column makes and owns its own sequence; declaring that one again
        // would create it twice. (Another sequence the column owns besides is fine.)
        if (column->identity != Identity::None || (column->is_serial() && serial_sequence_name(owner->first.name, *column) == s.ref.name))
            fail(s.loc, what + ", but that column is " + (column->is_serial() ? column->type : std::string("an identity column")) +
                            ", which makes " + (column->is_serial() ? "that sequence itself" : "its own sequence"));
    }
    for (const auto& t : schema.tables) {
        const std::string tn = t.ref.display();
        if (t.partition_of) {
            auto parent = tables.find(*t.partition_of);
            if (parent == tables.end())
                fail(t.loc, "table '" + tn + "' is a partition of '" + t.partition_of->display() + "', which the schema does not declare");
            if (!parent->second->partition_by)
                fail(t.loc, "table '" + tn + "' is a partition of '" + t.partition_of->display() + "', which has no 'partition_by'");
        }
        std::set<std::string> seen_columns;
        for (const auto& c : t.columns)
            if (!seen_columns.insert(c.name).second)
                fail(c.loc, "column '" + c.name + "' is declared twice in table '" + tn + "'");
        // A partition that declares no columns has its parent's (the root's, through levels).
        const Table* with_columns = &t;
        for (int depth = 0; with_columns->partition_of && with_columns->columns.empty() && depth < 32; ++depth) {
            auto parent = tables.find(*with_columns->partition_of);
            if (parent == tables.end()) break;
            with_columns = parent->second;
        }
        auto require_columns = [&](const std::vector<std::string>& cols, const SourceLoc& where, const std::string& what) {
            std::set<std::string> once;
            for (const auto& c : cols) {
                if (!with_columns->find_column(c)) fail(where, what + " names column '" + c + "', which table '" + tn + "' does not declare");
                if (!once.insert(c).second) fail(where, what + " names column '" + c + "' twice");
            }
        };
        require_columns(t.primary_key, t.loc, "the primary key of '" + tn + "'");
        std::set<std::string> constraint_names;
        auto claim_constraint = [&](const std::string& name, const SourceLoc& where) {
            if (!constraint_names.insert(name).second)
                fail(where, "constraint name '" + name + "' is used twice in table '" + tn + "'");
        };
        if (!t.primary_key.empty()) {
            claim_constraint(t.primary_key_name, t.loc);
            claim_relation(t.ref.schema, t.primary_key_name, t.loc, "the primary key of '" + tn + "'");
        }
        for (const auto& u : t.uniques) {
            require_columns(u.columns, u.loc, "unique constraint '" + u.name + "'");
            claim_constraint(u.name, u.loc);
            claim_relation(t.ref.schema, u.name, u.loc, "unique constraint");
        }
        for (const auto& i : t.indexes) {
            require_columns(i.referenced_columns(), i.loc, "index '" + i.name + "'");
            claim_relation(t.ref.schema, i.name, i.loc, "index");
        }
        for (const auto& c : t.checks) claim_constraint(c.name, c.loc);
        for (const auto& x : t.exclusions) {
            claim_constraint(x.name, x.loc);
            claim_relation(t.ref.schema, x.name, x.loc, "exclusion constraint");
        }
        for (const auto& fk : t.foreign_keys) {
            const std::string what = "foreign key '" + fk.name + "'";
            require_columns(fk.columns, fk.loc, what);
            claim_constraint(fk.name, fk.loc);
            auto target = tables.find(fk.ref_table);
            if (target == tables.end())
                fail(fk.loc, what + " of table '" + tn + "' references table '" + fk.ref_table.display() + "', which the schema does not declare");
            const Table& rt = *target->second;
            for (const auto& rc : fk.ref_columns)
                if (!rt.find_column(rc))
                    fail(fk.loc, what + " of table '" + tn + "' references column '" + rc + "', which table '" + rt.ref.display() + "' does not declare");
            if (fk.ref_columns.size() != fk.columns.size())
                fail(fk.loc, what + " has " + std::to_string(fk.columns.size()) + " column(s) but references " + std::to_string(fk.ref_columns.size()));
            // The referenced columns must be a key of the referenced table (same set; any order).
            auto same_set = [&](std::vector<std::string> a) {
                std::vector<std::string> b = fk.ref_columns;
                std::sort(a.begin(), a.end()), std::sort(b.begin(), b.end());
                return a == b;
            };
            // A partition has the keys of the tables it is a partition of, too.
            bool is_key = false;
            for (const Table* k = &rt; k && !is_key;) {
                is_key = same_set(k->primary_key);
                for (const auto& u : k->uniques) is_key = is_key || same_set(u.columns);
                // A unique index is a key when it is total (no WHERE) and its keys are columns.
                for (const auto& i : k->indexes)
                    is_key = is_key || (i.unique && !i.where &&
                                        std::none_of(i.keys.begin(), i.keys.end(), [](const IndexKey& x) { return x.expression.has_value(); }) &&
                                        same_set(i.key_names()));
                auto parent = k->partition_of ? tables.find(*k->partition_of) : tables.end();
                k = parent == tables.end() || parent->second == k ? nullptr : parent->second;
            }
            if (!is_key) {
                std::string cols;
                for (const auto& c : fk.ref_columns) cols += (cols.empty() ? "" : ", ") + c;
                fail(fk.loc, what + " of table '" + tn + "' references " + rt.ref.display() + "(" + cols + "), which is neither the primary key nor unique in that table");
            }
        }
    }
}

namespace {

// Reads and parses `files` into one schema, in file order. Parsing is pure CPU and each file
// is independent, so large schemas are split into contiguous chunks parsed on their own
// threads (3,000 files: about half the load time on two cores). Chunks are merged in order,
// and the error reported is the one the first failing file gives, as a sequential load would.
Schema load_files(const std::vector<fs::path>& files) {
    auto load_chunk = [&files](std::size_t begin, std::size_t end, Schema& into) {
        for (std::size_t i = begin; i < end; ++i) {
            const fs::path& f = files[i];
            std::ifstream in(f, std::ios::binary);
            if (!in) throw Error(ErrorKind::Schema, "cannot read '" + f.string() + "'", SourceLoc{f.string()});
            std::stringstream buf;
            buf << in.rdbuf();
            load_schema_text(buf.str(), f.string(), into);
        }
    };
    // Threads by the number of files and by their size: a schema of many small table files, or
    // a few files of declared rows (100,000 rows are about 10 MB of TOML), parse side by side.
    constexpr std::size_t kFilesPerThread = 200;         // below this a thread costs more than it saves
    constexpr std::uintmax_t kBytesPerThread = 1u << 20;
    std::vector<std::uintmax_t> ends;  // cumulative sizes
    std::uintmax_t bytes = 0;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = fs::file_size(f, ec);
        bytes += ec ? 0 : size;
        ends.push_back(bytes);
    }
    const std::size_t wanted = std::max<std::size_t>((files.size() + kFilesPerThread - 1) / kFilesPerThread,
                                                     static_cast<std::size_t>((bytes + kBytesPerThread - 1) / kBytesPerThread));
    const std::size_t threads = std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, wanted, files.size()});
    if (threads <= 1) {
        Schema schema;
        load_chunk(0, files.size(), schema);
        return schema;
    }
    // Contiguous ranges (the files' order is the model's order) of about equal bytes, each of at
    // least one file.
    std::vector<std::size_t> bounds{0};
    for (std::size_t k = 1; k < threads; ++k) {
        const std::uintmax_t target = bytes * k / threads;
        std::size_t at = bounds.back() + 1;
        while (at < files.size() && ends[at - 1] < target) ++at;
        bounds.push_back(std::min(at, files.size()));
    }
    bounds.push_back(files.size());
    std::vector<Schema> chunks(threads);
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> workers;
    for (std::size_t k = 0; k < threads; ++k)
        workers.emplace_back([&, k] {
            try {
                load_chunk(bounds[k], bounds[k + 1], chunks[k]);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        });
    for (auto& w : workers) w.join();
    Schema schema = std::move(chunks[0]);
    if (errors[0]) std::rethrow_exception(errors[0]);
    for (std::size_t k = 1; k < threads; ++k) {
        Schema& chunk = chunks[k];
        // [settings] may be declared in one file only; the chunks cannot see each other's.
        if (chunk.settings_loc.known()) {
            if (schema.settings_loc.known())
                fail(chunk.settings_loc, "[settings] is declared twice; first at " + schema.settings_loc.str());
            schema.settings_loc = chunk.settings_loc;
            schema.ignore_tables = chunk.ignore_tables;
            schema.managed_roles = chunk.managed_roles;
        }
        if (errors[k]) std::rethrow_exception(errors[k]);
        schema.schemas.insert(schema.schemas.end(), chunk.schemas.begin(), chunk.schemas.end());
        schema.schema_locs.insert(schema.schema_locs.end(), chunk.schema_locs.begin(), chunk.schema_locs.end());
        schema.schema_comments.insert(chunk.schema_comments.begin(), chunk.schema_comments.end());
        std::move(chunk.privileges.begin(), chunk.privileges.end(), std::back_inserter(schema.privileges));
        std::move(chunk.owners.begin(), chunk.owners.end(), std::back_inserter(schema.owners));
        std::move(chunk.default_privileges.begin(), chunk.default_privileges.end(), std::back_inserter(schema.default_privileges));
        std::move(chunk.extensions.begin(), chunk.extensions.end(), std::back_inserter(schema.extensions));
        std::move(chunk.enums.begin(), chunk.enums.end(), std::back_inserter(schema.enums));
        std::move(chunk.sequences.begin(), chunk.sequences.end(), std::back_inserter(schema.sequences));
        std::move(chunk.domains.begin(), chunk.domains.end(), std::back_inserter(schema.domains));
        std::move(chunk.views.begin(), chunk.views.end(), std::back_inserter(schema.views));
        std::move(chunk.functions.begin(), chunk.functions.end(), std::back_inserter(schema.functions));
        std::move(chunk.aggregates.begin(), chunk.aggregates.end(), std::back_inserter(schema.aggregates));
        schema.tables.reserve(schema.tables.size() + chunk.tables.size());
        std::move(chunk.tables.begin(), chunk.tables.end(), std::back_inserter(schema.tables));
    }
    return schema;
}

// A column written as pg_dump writes serial ones (an integer with DEFAULT nextval() of a
// sequence it owns, in its table's schema, of its type, with serial's options) is what the
// catalog reads back as serial (see the PostgreSQL introspector): said as serial here too, so
// the two compare equal instead of differing on every run.
void fold_serial_sequences(Schema& schema) {
    // nextval('<name>'[::regclass]); a name holding a quote is left as written.
    static const std::regex nextval(R"(^\s*nextval\s*\(\s*'([^']+)'\s*(::\s*regclass)?\s*\)\s*$)", std::regex::icase);
    std::set<TableRef> folded;
    for (auto& t : schema.tables)
        for (auto& c : t.columns) {
            std::smatch m;
            if (!c.default_value || serial_type_for(c.type).empty() || !std::regex_match(c.default_value->text, m, nextval)) continue;
            const auto named = qualified_name(m[1].str(), t.ref.schema);
            if (!named || named->schema != t.ref.schema) continue;
            const TableRef& ref = *named;
            auto seq = std::find_if(schema.sequences.begin(), schema.sequences.end(), [&](const Sequence& s) { return s.ref == ref; });
            if (seq == schema.sequences.end() || !seq->owned_by || seq->owned_by->table != t.ref.name || seq->owned_by->column != c.name ||
                seq->type != c.type || seq->cycle.value_or(false))
                continue;
            const SequenceValues v = effective_sequence(seq->type, seq->start, seq->increment, seq->min_value, seq->max_value, seq->cache);
            const SequenceValues serial = effective_sequence(seq->type, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
            if (v.start != 1 || v.increment != 1 || v.min_value != 1 || v.max_value != serial.max_value || v.cache != 1) continue;
            if (std::any_of(schema.owners.begin(), schema.owners.end(),
                            [&](const ObjectPrivileges& o) { return o.on == GrantOn::Sequence && o.ref == ref; }))
                continue;  // an owner of its own: kept as the sequence it is
            c.type = serial_type_for(c.type);
            c.default_value.reset();
            if (ref.name != default_object_name(t.ref.name, {c.name}, "seq")) c.sequence = ref.name;
            folded.insert(ref);
        }
    schema.sequences.erase(std::remove_if(schema.sequences.begin(), schema.sequences.end(),
                                          [&](const Sequence& s) { return folded.count(s.ref) > 0; }),
                           schema.sequences.end());
}

}  // namespace

Schema load_schema(const std::filesystem::path& path) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
        if (ec) throw Error(ErrorKind::Schema, "cannot read schema directory '" + path.string() + "': " + ec.message());
        std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
            return a.generic_string() < b.generic_string();
        });
        if (files.empty()) throw Error(ErrorKind::Schema, "schema directory '" + path.string() + "' holds no .toml files", SourceLoc{path.string()});
    } else if (fs::exists(path, ec)) {
        files.push_back(path);
    } else {
        throw Error(ErrorKind::Schema, "schema path '" + path.string() + "' does not exist", SourceLoc{path.string()});
    }
    Schema schema = load_files(files);
    fold_serial_sequences(schema);
    validate_schema(schema);
    resolve_rows(schema);
    return schema;
}

}  // namespace reconcile::model
