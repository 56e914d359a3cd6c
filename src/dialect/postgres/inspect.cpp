// PostgreSQL catalog → model::Schema, normalised as the loader normalises TOML.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <future>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/sql_lexer.h"
#include "dialect/postgres/postgres_dialect.h"
#include "dialect/postgres/queries.h"
#include "model/index_definition.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace {

// A text[] literal for $1: {"a","b"} with quotes and backslashes escaped.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

const std::string& text(const db::Row& row, std::size_t i) {
    static const std::string empty;
    return row.at(i) ? *row[i] : empty;
}

// pg_sequence's seqstart, seqincrement, seqmin, seqmax, seqcache, seqcycle from column `first`
// on: a sequence's options, or an identity column's.
template <class Options>
void read_sequence_options(const db::Row& row, std::size_t first, Options& o) {
    o.start = std::stoll(text(row, first));
    o.increment = std::stoll(text(row, first + 1));
    o.min_value = std::stoll(text(row, first + 2));
    o.max_value = std::stoll(text(row, first + 3));
    o.cache = std::stoll(text(row, first + 4));
    o.cycle = text(row, first + 5) == "t";
}

std::vector<std::string> json_names(const db::Value& v) {
    if (!v) return {};
    return nlohmann::json::parse(*v).get<std::vector<std::string>>();
}

// "{1,3}" (an int2[] as text) → {1, 3}; NULL → {}. An array whose lower bound is not 1 (an
// int2vector cast to int2[] starts at 0) is printed with its bounds first: "[0:1]={1,3}".
std::vector<int> attnums(const db::Value& v) {
    std::vector<int> out;
    if (!v) return out;
    std::string_view body = *v;
    if (auto brace = body.find('{'); brace != std::string_view::npos) body.remove_prefix(brace);
    int current = 0;
    bool in_number = false, negative = false;
    for (char c : body) {
        if (c >= '0' && c <= '9') {
            current = current * 10 + (c - '0');
            in_number = true;
        } else if (c == '-') {
            negative = true;
        } else {
            if (in_number) out.push_back(negative ? -current : current);
            current = 0;
            in_number = negative = false;
        }
    }
    if (in_number) out.push_back(negative ? -current : current);
    return out;
}

// From this many tables on, the largest catalog reads run beside the others, each in a session
// of its own that shares the transaction's snapshot: at 3,000 tables the columns and indexes
// queries are most of the server's time. Below, a new session (a TLS handshake to a distant
// server) would cost more than it saves.
constexpr std::size_t kTablesWorthMoreSessions = 200;

// A catalog query run beside the others in a session reading `snapshot`, each row handed to
// `each` there; without a snapshot, or when no session could be opened, it runs on the
// connection at wait().
class ReadBeside {
public:
    using Each = std::function<void(const db::Row&)>;
    ReadBeside(db::Connection& connection, const std::optional<std::string>& snapshot, const char* sql, std::vector<std::string> params,
               Each each)
        : connection_(connection), sql_(sql), params_(std::move(params)), each_(std::move(each)) {
        if (!snapshot) return;
        beside_ = std::async(std::launch::async, [this, id = *snapshot] {
            auto session = connection_.open_in_snapshot(id);
            if (!session) return false;
            const postgres::CatalogSearchPath pinned(*session);
            session->query_each(sql_, params_, each_);
            return true;
        });
    }
    ReadBeside(const ReadBeside&) = delete;
    ReadBeside& operator=(const ReadBeside&) = delete;
    ~ReadBeside() {
        if (beside_.valid()) beside_.wait();  // `each` writes into what outlives this only until here
    }
    // Every row has been handed to `each` when this returns; what the session beside threw is
    // thrown here.
    void wait() {
        if (beside_.valid() && beside_.get()) return;
        connection_.query_each(sql_, params_, each_);
    }

private:
    db::Connection& connection_;
    const char* sql_;
    std::vector<std::string> params_;
    Each each_;
    std::future<bool> beside_;
};

model::FkAction fk_action(const std::string& code) {
    switch (code.empty() ? 'a' : code[0]) {
        case 'r': return model::FkAction::Restrict;
        case 'c': return model::FkAction::Cascade;
        case 'n': return model::FkAction::SetNull;
        case 'd': return model::FkAction::SetDefault;
        default: return model::FkAction::NoAction;
    }
}


model::Function read_function(const db::Row& row) {
    model::Function f;
    f.ref = model::TableRef{text(row, 0), text(row, 1)};
    f.procedure = text(row, 2) == "t";
    f.language = text(row, 3);
    static const std::map<std::string, std::string> modes{{"i", "in"}, {"o", "out"}, {"b", "inout"}, {"v", "variadic"}, {"t", "table"}};
    for (const auto& a : nlohmann::json::parse(text(row, 5))) {
        model::FunctionArgument arg;
        arg.name = a.at(0).get<std::string>();
        auto mode = modes.find(a.at(1).get<std::string>());
        arg.mode = mode == modes.end() ? a.at(1).get<std::string>() : mode->second;
        arg.type = model::canonical_function_type(a.at(2).get<std::string>());
        f.arguments.push_back(std::move(arg));
    }
    // RETURNS TABLE (…) is its columns, which are arguments of mode table here.
    const std::string result = text(row, 4);
    if (result.rfind("TABLE(", 0) != 0) f.returns = model::canonical_function_type(result);
    // The defaults belong to the last pronargdefaults inputs.
    if (row[7] && std::stoi(text(row, 6)) > 0) {
        std::vector<std::string> defaults = postgres::split_list(*row[7]);
        std::size_t d = defaults.size();
        for (std::size_t i = f.arguments.size(); i-- > 0 && d > 0;) {
            auto& arg = f.arguments[i];
            if (arg.mode != "in" && arg.mode != "inout" && arg.mode != "variadic") continue;
            const std::string& expr = defaults[--d];
            arg.default_value = model::Expression{expr, model::canonical_expression(expr)};
        }
    }
    const std::string& volatility = text(row, 8);
    f.volatility = volatility == "i" ? "immutable" : volatility == "s" ? "stable" : "volatile";
    f.strict = text(row, 9) == "t";
    f.security_definer = text(row, 10) == "t";
    f.leakproof = text(row, 11) == "t";
    const std::string& parallel = text(row, 12);
    f.parallel = parallel == "s" ? "safe" : parallel == "r" ? "restricted" : "unsafe";
    f.cost = std::stod(text(row, 13));
    f.rows = std::stod(text(row, 14));
    if (row[15])
        for (const auto& setting : nlohmann::json::parse(*row[15])) {
            const std::string s = setting.get<std::string>();
            const auto eq = s.find('=');
            f.settings.emplace_back(s.substr(0, eq), eq == std::string::npos ? std::string() : s.substr(eq + 1));
        }
    std::sort(f.settings.begin(), f.settings.end());
    f.body = text(row, 16);
    if (row[18]) {
        f.sql_body = true;
        f.body = *row[18];
    } else if (f.language == "c" || f.language == "internal")
        f.unsupported = "it is a " + f.language + " function (" + (row[17] ? *row[17] + ", " : std::string()) + f.body + ")";
    f.comment = row[19];
    for (const auto& caller : nlohmann::json::parse(text(row, 20))) {
        const std::string schema = caller.at(0).get<std::string>();
        f.used_by.push_back(model::Function::Caller{model::TableRef{schema, caller.at(1).get<std::string>()}, caller.at(2).get<std::string>(),
                                                    caller.at(3).get<bool>()});
    }
    return f;
}

std::optional<model::TableRef> function_ref(const std::optional<std::string>& json) {
    if (!json) return std::nullopt;
    const auto parts = nlohmann::json::parse(*json);
    return model::TableRef{parts.at(0).get<std::string>(), parts.at(1).get<std::string>()};
}

model::Aggregate read_aggregate(const db::Row& row) {
    model::Aggregate a;
    a.ref = model::TableRef{text(row, 0), text(row, 1)};
    for (const auto& arg : nlohmann::json::parse(text(row, 2))) {
        model::FunctionArgument fa;
        fa.name = arg.at(0).get<std::string>();
        fa.mode = arg.at(1).get<std::string>() == "v" ? "variadic" : "in";
        fa.type = model::canonical_function_type(arg.at(2).get<std::string>());
        a.arguments.push_back(std::move(fa));
    }
    a.state_function = *function_ref(row[3]);
    a.state_type = model::canonical_function_type(text(row, 4));
    a.final_function = function_ref(row[5]);
    a.final_extra = text(row, 6) == "t";
    a.combine_function = function_ref(row[7]);
    a.serial_function = function_ref(row[8]);
    a.deserial_function = function_ref(row[9]);
    a.initial_value = row[10];
    const std::string& parallel = text(row, 11);
    a.parallel = parallel == "s" ? "safe" : parallel == "r" ? "restricted" : "unsafe";
    a.comment = row[12];
    a.unsupported = text(row, 13);
    return a;
}

// A bytea as the server prints it with bytea_output = hex ("\\x6100"): its bytes.
std::string hex_bytes(const std::string& hex) {
    std::string out;
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 2; i + 1 < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    return out;
}


model::Trigger read_trigger(const db::Row& row) {
    model::Trigger t;
    t.name = text(row, 2);
    const int type = std::stoi(text(row, 3));
    t.for_each_row = type & 1;
    t.timing = type & 64 ? "instead of" : type & 2 ? "before" : "after";
    if (type & 4) t.events.push_back("insert");
    if (type & 8) t.events.push_back("delete");
    if (type & 16) t.events.push_back("update");
    if (type & 32) t.events.push_back("truncate");
    for (const auto& c : nlohmann::json::parse(text(row, 4))) t.update_of.push_back(c.get<std::string>());
    t.function = model::TableRef{text(row, 5), text(row, 6)};
    const std::string args = hex_bytes(text(row, 7));
    for (std::size_t start = 0; start < args.size();) {
        const std::size_t end = args.find('\0', start);
        t.arguments.push_back(args.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? args.size() : end + 1;
    }
    if (row[8]) t.old_table = *row[8];
    if (row[9]) t.new_table = *row[9];
    t.constraint = text(row, 10) == "t";
    t.deferral = model::Deferral{text(row, 11) == "t", text(row, 12) == "t"};
    const std::string& enabled = text(row, 13);
    t.state = enabled == "D" ? "disabled" : enabled == "R" ? "replica" : enabled == "A" ? "always" : "enabled";
    if (auto when = postgres::trigger_condition(text(row, 14))) t.when = model::Expression{*when, model::canonical_expression(*when)};
    t.comment = row[15];
    if (text(row, 16) == "t") t.unsupported = "it is a constraint trigger with FROM (another table), which the model cannot declare";
    return t;
}

model::Policy read_policy(const db::Row& row) {
    model::Policy p;
    p.name = text(row, 2);
    p.permissive = text(row, 3) == "t";
    const std::string& command = text(row, 4);
    p.command = command == "r" ? "select" : command == "a" ? "insert" : command == "w" ? "update" : command == "d" ? "delete" : "all";
    p.roles = json_names(row[5]);
    std::sort(p.roles.begin(), p.roles.end());
    if (row[6]) p.using_expression = model::Expression{*row[6], model::canonical_expression(*row[6])};
    if (row[7]) p.with_check = model::Expression{*row[7], model::canonical_expression(*row[7])};
    p.comment = row[8];
    return p;
}

}  // namespace

std::string postgres::view_query(std::string definition) {
    // pg_get_viewdef ends the query with ';' and may start it with a space.
    while (!definition.empty() && (definition.back() == ';' || std::isspace(static_cast<unsigned char>(definition.back()))))
        definition.pop_back();
    definition.erase(0, definition.find_first_not_of(" \n"));
    return definition;
}

std::vector<std::string> PostgresDialect::list_namespaces(db::Connection& connection) const {
    std::vector<std::string> out;
    for (const auto& row : connection.query(postgres::queries::kNamespaces)) out.push_back(text(row, 0));
    return out;
}

namespace postgres {

// What follows WHEN in a trigger's definition, inside its parentheses: the condition as the
// server prints it.
std::optional<std::string> trigger_condition(const std::string& definition) {
    const LexResult lexed = lex_sql(definition);
    const auto& t = lexed.tokens;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (t[i].kind != TokenKind::Word || model::lower_ascii(t[i].text) != "when" || t[i + 1].text != "(") continue;
        int depth = 0;
        for (std::size_t j = i + 1; j < t.size(); ++j) {
            if (t[j].kind != TokenKind::Punct) continue;
            if (t[j].text == "(") ++depth;
            else if (t[j].text == ")" && --depth == 0) return definition.substr(t[i + 1].end, t[j].begin - t[i + 1].end);
        }
    }
    return std::nullopt;
}

// The parts of a list the server printed ("1, 'a, b'::text, f(2, 3)"), split at the commas
// outside parentheses, brackets and quotes.
std::vector<std::string> split_list(const std::string& list) {
    std::vector<std::string> out;
    const LexResult lexed = lex_sql(list);
    int depth = 0;
    std::size_t start = 0;
    for (const auto& t : lexed.tokens) {
        if (t.kind != TokenKind::Punct) continue;
        if (t.text == "(" || t.text == "[") ++depth;
        else if (t.text == ")" || t.text == "]") --depth;
        else if (t.text == "," && depth == 0) {
            out.push_back(list.substr(start, t.begin - start));
            start = t.end;
        }
    }
    out.push_back(list.substr(start));
    for (auto& part : out) {
        const auto first = part.find_first_not_of(' '), last = part.find_last_not_of(' ');
        part = first == std::string::npos ? std::string() : part.substr(first, last - first + 1);
    }
    return out;
}

CatalogSearchPath::CatalogSearchPath(db::Connection& connection) : connection_(connection) {
    // One round trip: the target list is evaluated left to right, the old value read first.
    saved_ = connection_
                 .query("SELECT pg_catalog.current_setting('search_path'), "
                        "pg_catalog.set_config('search_path', 'pg_catalog, public', true)")
                 .at(0)
                 .at(0)
                 .value_or("");
}

CatalogSearchPath::~CatalogSearchPath() {
    try {
        connection_.query("SELECT pg_catalog.set_config('search_path', $1, true)", {saved_});
    } catch (...) {
        // The transaction failed: it ends, and the setting with it.
    }
}

}  // namespace postgres

model::Schema PostgresDialect::inspect(db::Connection& connection, const std::vector<std::string>& namespaces) const {
    const postgres::CatalogSearchPath pinned(connection);
    const std::vector<std::string> params{text_array(namespaces)};
    model::Schema schema;
    schema.ignore_tables.clear();
    std::map<std::string, std::size_t> by_oid;
    // Per table, column names by attnum ("" where a column was dropped or is an expression).
    std::vector<std::vector<std::string>> column_names;

    for (const auto& row : connection.query(postgres::queries::kTables, params)) {
        model::Table t;
        t.ref = model::TableRef{text(row, 1), text(row, 2)};
        t.comment = row[3];
        if (row[4]) t.partition_by = model::Expression{*row[4], model::canonical_expression(*row[4])};
        if (row[5] && row[6]) {
            t.partition_of = model::TableRef{*row[5], *row[6]};
            t.partition_bound = model::Expression{text(row, 7), model::canonical_expression(text(row, 7))};
        }
        // What the model has no key for yet: said, not dropped (docs/fidelity.md).
        if (text(row, 8) == "u") t.unmanaged.push_back("UNLOGGED");
        if (row[9]) {  // {fillfactor=70,autovacuum_enabled=false}
            std::string options = row[9]->size() >= 2 ? row[9]->substr(1, row[9]->size() - 2) : *row[9];
            for (std::size_t at = 0; (at = options.find(',', at)) != std::string::npos; at += 2) options.replace(at, 1, ", ");
            t.unmanaged.push_back("WITH (" + options + ")");
        }
        const std::string& replica = text(row, 10);
        if (replica == "f") t.unmanaged.push_back("REPLICA IDENTITY FULL");
        else if (replica == "n") t.unmanaged.push_back("REPLICA IDENTITY NOTHING");
        else if (replica == "i") t.unmanaged.push_back("REPLICA IDENTITY USING INDEX " + text(row, 11));
        if (row[12]) t.unmanaged.push_back("INHERITS (" + *row[12] + ")");
        t.row_level_security = text(row, 13) == "t";
        t.force_row_level_security = text(row, 14) == "t";
        by_oid.emplace(text(row, 0), schema.tables.size());
        schema.tables.push_back(std::move(t));
    }
    column_names.resize(schema.tables.size());
    auto index_for = [&](const db::Row& row) -> std::size_t {
        auto it = by_oid.find(text(row, 0));
        return it == by_oid.end() ? schema.tables.size() : it->second;
    };
    auto names_of = [&](std::size_t table, const std::vector<int>& keys) {
        std::vector<std::string> out;
        out.reserve(keys.size());
        const auto& names = column_names[table];
        for (int k : keys) out.push_back(k > 0 && std::size_t(k) < names.size() ? names[k] : std::string());
        return out;
    };
    std::map<model::TableRef, std::size_t> by_ref;
    for (std::size_t i = 0; i < schema.tables.size(); ++i) by_ref.emplace(schema.tables[i].ref, i);
    auto by_name = [&](const model::TableRef& ref) -> std::size_t {
        auto it = by_ref.find(ref);
        return it == by_ref.end() ? schema.tables.size() : it->second;
    };

    std::set<model::TableRef> serial_sequences;  // the sequences serial columns stand for
    // A column that owns two sequences comes twice (one row per sequence), adjacent: the row
    // of the sequence its default draws from is kept.
    std::size_t previous_table = schema.tables.size();
    int previous_attnum = 0;
    bool previous_draws = false;
    // Rows handed over one at a time, on the session that reads them (beside, or this one).
    auto read_column = [&](const db::Row& row) {
        const std::size_t ti = index_for(row);
        if (ti == schema.tables.size()) return;
        model::Table* t = &schema.tables[ti];
        const int attnum = std::stoi(text(row, 1));
        const bool draws_from_owned = row[5] && row[6] && *row[5] == *row[6];
        if (ti == previous_table && attnum == previous_attnum) {
            if (previous_draws || !draws_from_owned) return;
            t->columns.pop_back();  // it did not draw from its sequence, so it was not made serial
        }
        // Rows come table by table: the previous table's columns, grown by doubling, are fitted
        // on the reading thread (its allocator's arena then reuses what is freed), which keeps
        // 42,000 columns at 25 MB instead of up to 35.
        if (ti != previous_table && previous_table < schema.tables.size()) schema.tables[previous_table].columns.shrink_to_fit();
        previous_table = ti, previous_attnum = attnum, previous_draws = draws_from_owned;
        model::Column c;
        c.name = text(row, 2);
        if (attnum > 0) {
            auto& names = column_names[ti];
            if (names.size() <= std::size_t(attnum)) names.resize(attnum + 1);
            names[attnum] = c.name;
        }
        c.type = model::canonical_type(text(row, 3));
        c.nullable = text(row, 4) != "t";
        if (row[5]) c.default_value = model::Expression{*row[5], model::canonical_expression(*row[5])};
        // A generated column's expression is stored where a default would be.
        if (text(row, 8) == "s") c.generated = std::move(c.default_value), c.default_value.reset();
        const std::string& identity = text(row, 7);
        c.identity = identity == "a" ? model::Identity::Always : identity == "d" ? model::Identity::ByDefault : model::Identity::None;
        c.collation = text(row, 9);
        c.comment = row[10];
        // (A column that owns two sequences comes twice: noted once.)
        auto note = [&](const std::string& attribute) {
            if (std::find(t->unmanaged.begin(), t->unmanaged.end(), attribute) == t->unmanaged.end()) t->unmanaged.push_back(attribute);
        };
        if (row[20]) {
            const std::string& storage = *row[20];
            note("column " + c.name + " STORAGE " + (storage == "p" ? "PLAIN" : storage == "e" ? "EXTERNAL" : storage == "m" ? "MAIN" : "EXTENDED"));
        }
        if (!text(row, 21).empty()) note("column " + c.name + " COMPRESSION " + (text(row, 21) == "p" ? "pglz" : "lz4"));
        if (!text(row, 22).empty() && text(row, 22) != "-1") note("column " + c.name + " STATISTICS " + text(row, 22));
        if (c.identity != model::Identity::None && row[14]) {
            model::IdentityOptions o;
            read_sequence_options(row, 14, o);
            c.identity_options = model::identity_options_normalised(o, c.type);
            // SEQUENCE NAME: the model makes the one PostgreSQL chooses (<table>_<column>_seq,
            // in the table's schema); any other is said.
            if (text(row, 23) != t->ref.schema || text(row, 24) != model::default_object_name(t->ref.name, {c.name}, "seq"))
                note("column " + c.name + " identity SEQUENCE NAME " + text(row, 23) + "." + text(row, 24));
        }
        // integer + nextval() of an owned sequence made as serial makes it (in the table's
        // schema, of the column's type, default options) is what serial expands to: say serial.
        // Owned otherwise (other options, a database upgraded from before PostgreSQL 10 whose
        // serial sequences are bigint), the column says which sequence it draws from, so that a
        // model's serial still matches it (see the differ).
        if (draws_from_owned && !model::serial_type_for(c.type).empty() && text(row, 11) == t->ref.schema) {
            if (text(row, 13) == "t") {
                c.type = model::serial_type_for(c.type);
                c.default_value.reset();
                if (text(row, 12) != model::default_object_name(t->ref.name, {c.name}, "seq")) c.sequence = text(row, 12);
                serial_sequences.insert(model::TableRef{text(row, 11), text(row, 12)});
            } else {
                c.sequence = text(row, 12);
            }
        }
        t->columns.push_back(std::move(c));
    };
    // Columns and indexes beside, constraints here meanwhile; all of them one moment. Until the
    // columns are waited for, only read_column touches the tables.
    const std::optional<std::string> snapshot =
        schema.tables.size() >= kTablesWorthMoreSessions ? connection.share_snapshot() : std::nullopt;
    ReadBeside columns_read(connection, snapshot, postgres::queries::kColumns, params, read_column);
    std::vector<db::Row> index_rows;
    ReadBeside indexes_read(connection, snapshot, postgres::queries::kIndexes, params, [&](const db::Row& row) { index_rows.push_back(row); });
    const std::vector<db::Row> constraint_rows = connection.query(postgres::queries::kConstraints, params);
    columns_read.wait();

    for (const auto& row : constraint_rows) {
        const std::size_t ti = index_for(row);
        if (ti == schema.tables.size()) continue;
        model::Table* t = &schema.tables[ti];
        const std::string name = text(row, 1);
        const char kind = text(row, 2).empty() ? '?' : text(row, 2)[0];
        std::vector<std::string> columns = names_of(ti, attnums(row[3]));
        const model::Deferral deferral{text(row, 11) == "t", text(row, 12) == "t"};
        switch (kind) {
            case 'p':
                t->primary_key = columns;
                t->primary_key_name = name;
                t->primary_key_deferral = deferral;
                break;
            case 'u':
                t->uniques.push_back(model::UniqueConstraint{name, columns, {}, deferral});
                t->uniques.back().nulls_distinct = text(row, 17) != "t";
                break;
            case 'f': {
                model::ForeignKey fk;
                fk.name = name;
                fk.columns = columns;
                fk.ref_table = model::TableRef{text(row, 4), text(row, 5)};
                if (row[10]) {
                    fk.ref_columns = json_names(row[10]);
                } else {
                    const std::size_t ref = by_name(fk.ref_table);
                    if (ref < schema.tables.size()) fk.ref_columns = names_of(ref, attnums(row[6]));
                }
                fk.on_update = fk_action(text(row, 7));
                fk.on_delete = fk_action(text(row, 8));
                fk.deferral = deferral;
                fk.not_valid = text(row, 14) == "f";
                fk.match_full = text(row, 15) == "f";
                t->foreign_keys.push_back(std::move(fk));
                break;
            }
            case 'x': {
                // "EXCLUDE USING gist (...) [WHERE (...)] [DEFERRABLE ...]": keep what follows
                // EXCLUDE, without the deferral clause (compared on its own).
                std::string def = text(row, 13);
                if (def.rfind("EXCLUDE ", 0) == 0) def.erase(0, 8);
                for (const char* tail : {" INITIALLY DEFERRED", " DEFERRABLE"})
                    if (def.size() >= std::strlen(tail) && def.compare(def.size() - std::strlen(tail), std::string::npos, tail) == 0)
                        def.erase(def.size() - std::strlen(tail));
                t->exclusions.push_back(model::Exclusion{name, model::Expression{def, model::canonical_expression(def)}, deferral, {}});
                break;
            }
            case 'c': {
                const std::string& expr = text(row, 9);
                t->checks.push_back(model::Check{name, model::Expression{expr, model::canonical_expression(expr)}, {}, text(row, 14) == "f"});
                t->checks.back().no_inherit = text(row, 16) == "t";
                break;
            }
            default:
                break;
        }
    }

    // Views first: the indexes query also returns materialized views' indexes.
    std::map<std::string, std::size_t> matview_by_oid;
    for (const auto& row : connection.query(postgres::queries::kViews, params)) {
        model::View v;
        v.ref = model::TableRef{text(row, 0), text(row, 1)};
        v.materialized = text(row, 2) == "t";
        const std::string definition = postgres::view_query(text(row, 3));
        v.definition = model::Expression{definition, model::canonical_query(definition)};
        v.comment = row[5];
        matview_by_oid.emplace(text(row, 4), schema.views.size());
        schema.views.push_back(std::move(v));
    }
    indexes_read.wait();
    for (const auto& row : index_rows) {
        const std::size_t ti = index_for(row);
        std::vector<model::Index>* into = nullptr;
        if (ti < schema.tables.size()) into = &schema.tables[ti].indexes;
        else if (auto mv = matview_by_oid.find(text(row, 0)); mv != matview_by_oid.end()) into = &schema.views[mv->second].indexes;
        if (!into) continue;
        model::Index idx;
        if (text(row, 4) == "t") {
            for (auto& column : names_of(ti, attnums(row[3]))) {
                model::IndexKey key;
                key.column = std::move(column);
                idx.keys.push_back(std::move(key));
            }
        } else {
            // Expressions, a predicate, another method, ordering, operator classes or INCLUDE:
            // read them from the definition as the server prints it.
            const std::string& definition = text(row, 5);
            if (auto parsed = model::parse_index_definition(definition, model::IndexSqlFlavour::PostgreSQL))
                idx = std::move(*parsed);
            else
                idx.unsupported_definition = definition;
        }
        idx.name = text(row, 1);
        idx.unique = text(row, 2) == "t";
        idx.comment = row[6];
        if (row[7]) idx.attached_to = *row[7];
        idx.valid = text(row, 8) == "t";
        into->push_back(std::move(idx));
    }

    for (const auto& row : connection.query(postgres::queries::kNamespaces)) {
        schema.schemas.push_back(text(row, 0));
        if (row[1]) schema.schema_comments.emplace(text(row, 0), *row[1]);
    }
    for (const auto& row : connection.query(postgres::queries::kEnums, params))
        schema.enums.push_back(model::EnumType{model::TableRef{text(row, 0), text(row, 1)}, json_names(row[2]), {}});
    for (const auto& row : connection.query(postgres::queries::kSequences, params)) {
        model::Sequence seq;
        seq.ref = model::TableRef{text(row, 0), text(row, 1)};
        if (serial_sequences.count(seq.ref)) continue;
        if (row[9] && row[10]) seq.owned_by = model::SequenceOwner{*row[9], *row[10]};
        seq.type = model::canonical_type(text(row, 2));
        read_sequence_options(row, 3, seq);
        schema.sequences.push_back(std::move(seq));
    }
    for (const auto& row : connection.query(postgres::queries::kDomains, params)) {
        model::Domain d;
        d.ref = model::TableRef{text(row, 0), text(row, 1)};
        d.type = model::canonical_type(text(row, 2));
        d.nullable = text(row, 3) != "t";
        if (row[4]) d.default_value = model::Expression{*row[4], model::canonical_expression(*row[4])};
        for (const auto& pair : nlohmann::json::parse(text(row, 5))) {
            const std::string expr = pair.at(1).get<std::string>();
            d.checks.push_back(model::Check{pair.at(0).get<std::string>(), model::Expression{expr, model::canonical_expression(expr)}, {}});
        }
        schema.domains.push_back(std::move(d));
    }
    for (const auto& row : connection.query(postgres::queries::kFunctions, params)) schema.functions.push_back(read_function(row));
    for (const auto& row : connection.query(postgres::queries::kAggregates, params)) schema.aggregates.push_back(read_aggregate(row));
    std::map<model::TableRef, std::size_t> view_by_name;
    for (std::size_t i = 0; i < schema.views.size(); ++i) view_by_name.emplace(schema.views[i].ref, i);
    for (const auto& row : connection.query(postgres::queries::kTriggers, params)) {
        const model::TableRef on{text(row, 0), text(row, 1)};
        const std::size_t ti = by_name(on);
        if (ti < schema.tables.size()) schema.tables[ti].triggers.push_back(read_trigger(row));
        else if (auto v = view_by_name.find(on); v != view_by_name.end()) schema.views[v->second].triggers.push_back(read_trigger(row));
    }
    for (const auto& row : connection.query(postgres::queries::kPolicies, params)) {
        const std::size_t ti = by_name(model::TableRef{text(row, 0), text(row, 1)});
        if (ti < schema.tables.size()) schema.tables[ti].policies.push_back(read_policy(row));
    }
    // Rows come sorted by object: one ObjectPrivileges per object, each privilege once per role
    // (grantable when any grantor gave it so).
    for (const auto& row : connection.query(postgres::queries::kPrivileges, params)) {
        const std::string& kind = text(row, 0);
        if (kind == "d") {  // ALTER DEFAULT PRIVILEGES: schema, kind of object, role
            model::DefaultPrivileges entry;
            entry.schema = text(row, 1);
            const std::string& on = text(row, 2);
            entry.on = on == "S" ? model::GrantOn::Sequence : on == "f" ? model::GrantOn::Routine : on == "T" ? model::GrantOn::Type
                     : on == "n" ? model::GrantOn::Schema : model::GrantOn::Table;
            entry.for_role = text(row, 3);
            if (schema.default_privileges.empty() || !schema.default_privileges.back().same_key(entry))
                schema.default_privileges.push_back(std::move(entry));
            if (row[5])  // else an entry that gives nothing
                model::add_privilege(schema.default_privileges.back().privileges,
                                     model::Privilege{text(row, 5), model::lower_ascii(text(row, 6)), text(row, 7) == "t"});
            continue;
        }
        model::ObjectPrivileges object;
        object.on = kind == "s" ? model::GrantOn::Sequence : kind == "r" ? model::GrantOn::Routine : kind == "y" ? model::GrantOn::Type
                  : kind == "n" ? model::GrantOn::Schema : kind == "c" ? model::GrantOn::Column : model::GrantOn::Table;
        if (kind == "c") object.arguments = text(row, 3);  // the column's name
        object.ref = model::TableRef{text(row, 1), text(row, 2)};
        if (kind == "r") {
            const auto types = nlohmann::json::parse(text(row, 3));
            if (types.is_string()) object.arguments = types.get<std::string>();  // an aggregate's (*)
            else
                for (const auto& t : types)
                    object.arguments += (object.arguments.empty() ? "" : ", ") + model::canonical_function_type(t.get<std::string>());
        }
        if (schema.privileges.empty() || !schema.privileges.back().same_object(object)) {
            object.owner = text(row, 4);
            schema.privileges.push_back(std::move(object));
        }
        // An object whose ACL holds nothing (its owner revoked its own, and nobody else holds
        // any) is still read, for its owner: a row without a grantee.
        if (!row[5]) continue;
        model::Privilege p{text(row, 5), model::lower_ascii(text(row, 6)), text(row, 7) == "t"};
        if (p.role == schema.privileges.back().owner) continue;  // the row that names the owner
        model::add_privilege(schema.privileges.back().privileges, std::move(p));
    }
    for (auto& object : schema.privileges) std::sort(object.privileges.begin(), object.privileges.end());
    for (auto& entry : schema.default_privileges) std::sort(entry.privileges.begin(), entry.privileges.end());
    for (const auto& row : connection.query(postgres::queries::kRoles)) {
        schema.roles.push_back(text(row, 0));
        if (text(row, 1) == "t") schema.current_role = text(row, 0);
    }
    for (const auto& row : connection.query(postgres::queries::kUnmodelled, params))
        schema.unmodelled.push_back({text(row, 0), text(row, 1), row[2] && row[3] ? model::TableRef{*row[2], *row[3]} : model::TableRef{}});
    for (const auto& row : connection.query(postgres::queries::kExtensions))
        schema.extensions.push_back(model::Extension{text(row, 0), text(row, 1), {}});

    for (const auto& row : connection.query(postgres::queries::kRelationNames, params))
        schema.relation_names.push_back(model::TableRef{text(row, 0), text(row, 1)});
    return schema;
}

TableSizes PostgresDialect::table_sizes(db::Connection& connection, const std::vector<model::TableRef>& tables) const {
    TableSizes sizes;
    if (tables.empty()) return sizes;
    std::vector<std::string> schemas, names;
    for (const auto& t : tables) schemas.push_back(t.schema), names.push_back(t.name);
    for (const auto& row : connection.query(postgres::queries::kTableSizes, {text_array(schemas), text_array(names)})) {
        TableSize size;
        size.rows = std::stod(text(row, 2));
        size.bytes = std::stoll(text(row, 3));
        size.has_rows = text(row, 4) == "t";
        size.plain = text(row, 5) == "t";
        sizes[{text(row, 0), text(row, 1)}] = size;
    }
    return sizes;
}

std::vector<OtherSession> PostgresDialect::long_transactions(db::Connection& connection, std::chrono::milliseconds older_than) const {
    // pg_stat_activity is read once per transaction and kept: a fresh look each time.
    connection.query("SELECT pg_catalog.pg_stat_clear_snapshot()");
    std::vector<OtherSession> out;
    for (const auto& row : connection.query(postgres::queries::kLongTransactions, {std::to_string(older_than.count())}))
        out.push_back({text(row, 0), text(row, 1), text(row, 2), std::stoll(text(row, 3)), text(row, 4)});
    return out;
}

}  // namespace reconcile::dialect
