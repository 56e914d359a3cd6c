// SQLite catalog → model::Schema: sqlite_schema and the pragma table-valued functions, joined
// so that each kind of object is one query for all tables; check constraints, which no pragma
// reports, are read from the CREATE TABLE text.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/sql_lexer.h"
#include "dialect/sqlite/sqlite_dialect.h"
#include "model/index_definition.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace sqlite {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool is_kw(const Token& t, const char* w) { return t.kind == TokenKind::Word && lower(t.text) == w; }
bool is_p(const Token& t, const char* p) { return t.kind == TokenKind::Punct && t.text == p; }

std::string name_of(const Token& t) {
    if (t.kind == TokenKind::String && t.text.size() >= 2) return t.text.substr(1, t.text.size() - 2);
    return t.text;
}

std::size_t close_of(const std::vector<Token>& t, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < t.size(); ++i) {
        if (is_p(t[i], "(")) ++depth;
        else if (is_p(t[i], ")") && --depth == 0) return i;
    }
    return t.size();
}

std::vector<std::string> names_in(const std::vector<Token>& t, std::size_t open, std::size_t close) {
    std::vector<std::string> out;
    for (std::size_t i = open + 1; i < close; ++i) {
        // "(a COLLATE x DESC, b)": the first token of each comma-separated item is the column.
        if (i == open + 1 || is_p(t[i - 1], ",")) out.push_back(name_of(t[i]));
    }
    return out;
}

}  // namespace

CreateTableFacts read_create_table(const std::string& sql) {
    CreateTableFacts facts;
    auto lexed = lex_sql(sql, Lexicon::SQLite);
    const auto& t = lexed.tokens;
    std::size_t open = 0;
    while (open < t.size() && !is_p(t[open], "(")) ++open;
    if (open >= t.size()) return facts;
    std::size_t end = close_of(t, open);

    auto read_check = [&](std::size_t at, const std::string& name) {
        // t[at] is CHECK, t[at + 1] is "(".
        if (at + 1 >= end || !is_p(t[at + 1], "(")) return;
        std::size_t close = close_of(t, at + 1);
        if (close >= t.size()) return;
        std::size_t b = t[at + 1].end, e = t[close].begin;
        std::string expr = sql.substr(b, e - b);
        while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.back()))) expr.pop_back();
        while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.front()))) expr.erase(expr.begin());
        facts.checks.push_back({name, expr});
    };

    std::size_t item = open + 1;
    while (item < end) {
        std::size_t stop = item;
        int depth = 0;
        while (stop < end && !(depth == 0 && is_p(t[stop], ","))) {
            if (is_p(t[stop], "(")) ++depth;
            if (is_p(t[stop], ")")) --depth;
            ++stop;
        }
        std::string name;
        std::size_t k = item;
        if (is_kw(t[k], "constraint") && k + 1 < stop) {
            name = name_of(t[k + 1]);
            k += 2;
        }
        if (k < stop && (is_kw(t[k], "primary") || is_kw(t[k], "unique") || is_kw(t[k], "check") || is_kw(t[k], "foreign"))) {
            std::size_t paren = k;
            while (paren < stop && !is_p(t[paren], "(")) ++paren;
            if (is_kw(t[k], "check")) {
                read_check(k, name);
            } else if (paren < stop && !name.empty()) {
                auto cols = names_in(t, paren, close_of(t, paren));
                if (is_kw(t[k], "primary")) facts.primary_key_name = name;
                else if (is_kw(t[k], "unique")) facts.unique_names.emplace_back(cols, name);
                else facts.foreign_key_names.emplace_back(cols, name);
            }
        } else {
            // A column definition: its constraints may include [CONSTRAINT name] CHECK (...),
            // COLLATE name, AUTOINCREMENT and [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL].
            CreateTableFacts::ColumnFacts& column = facts.columns[name_of(t[item])];
            // The type: the words after the name up to the first constraint, with its (n[, m]).
            std::size_t type_end = item + 1;
            for (int type_depth = 0; type_end < stop; ++type_end) {
                if (is_p(t[type_end], "(")) ++type_depth;
                if (is_p(t[type_end], ")")) --type_depth;
                if (type_depth == 0 &&
                    (is_kw(t[type_end], "constraint") || is_kw(t[type_end], "primary") || is_kw(t[type_end], "not") ||
                     is_kw(t[type_end], "null") || is_kw(t[type_end], "unique") || is_kw(t[type_end], "check") ||
                     is_kw(t[type_end], "default") || is_kw(t[type_end], "collate") || is_kw(t[type_end], "references") ||
                     is_kw(t[type_end], "generated") || is_kw(t[type_end], "as")))
                    break;
            }
            if (type_end > item + 1) column.declared_type = sql.substr(t[item + 1].begin, t[type_end - 1].end - t[item + 1].begin);
            depth = 0;
            for (std::size_t i = item + 1; i < stop; ++i) {
                if (is_p(t[i], "(")) ++depth;
                if (is_p(t[i], ")")) --depth;
                if (depth != 0) continue;
                if (is_kw(t[i], "check")) {
                    std::string check_name;
                    if (i >= 2 && is_kw(t[i - 2], "constraint")) check_name = name_of(t[i - 1]);
                    read_check(i, check_name);
                } else if (is_kw(t[i], "primary") && i >= 2 && is_kw(t[i - 2], "constraint")) {
                    facts.primary_key_name = name_of(t[i - 1]);  // "id integer CONSTRAINT t_pk PRIMARY KEY"
                } else if (is_kw(t[i], "collate") && i + 1 < stop) {
                    column.collation = name_of(t[i + 1]);
                } else if (is_kw(t[i], "autoincrement")) {
                    column.autoincrement = true;
                } else if (is_kw(t[i], "as") && i + 1 < stop && is_p(t[i + 1], "(")) {
                    std::size_t close = close_of(t, i + 1);
                    if (close >= stop) continue;
                    column.generated = sql.substr(t[i + 1].end, t[close].begin - t[i + 1].end);
                    column.generated_virtual = !(close + 1 < stop && is_kw(t[close + 1], "stored"));
                }
            }
        }
        item = stop + 1;
    }
    // (Most tables have none: the text is searched before its tokens are.)
    const bool mentions_conflict = model::lower_ascii(sql).find("conflict") != std::string::npos;
    for (std::size_t i = open + 1; mentions_conflict && i + 2 < end; ++i)
        if (is_kw(t[i], "on") && is_kw(t[i + 1], "conflict")) {
            std::string clause = "ON CONFLICT ";
            for (char ch : t[i + 2].text) clause += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (std::find(facts.on_conflict.begin(), facts.on_conflict.end(), clause) == facts.on_conflict.end())
                facts.on_conflict.push_back(clause);
        }
    for (std::size_t i = end + 1; i < t.size(); ++i) {  // table options: WITHOUT ROWID, STRICT
        if (is_kw(t[i], "rowid") && i > 0 && is_kw(t[i - 1], "without")) facts.without_rowid = true;
        if (is_kw(t[i], "strict")) facts.strict = true;
    }
    return facts;
}

}  // namespace sqlite

namespace {

// Every query names its tables the same way: user tables only.
// (Virtual tables are the module's business, and reading them fails when the module is absent.)
#define RECONCILE_SQLITE_TABLES \
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'"

constexpr const char* kTables =
    "SELECT m.name, m.sql FROM sqlite_schema m WHERE " RECONCILE_SQLITE_TABLES " ORDER BY m.name";
constexpr const char* kColumns =
    "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
    "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE " RECONCILE_SQLITE_TABLES
    " ORDER BY m.name, p.cid";
constexpr const char* kIndexes =
    "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ix.name, ix.\"desc\", ix.coll, s.sql "
    "FROM sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ix "
    "LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = il.name "
    "WHERE " RECONCILE_SQLITE_TABLES " AND ix.key = 1 ORDER BY m.name, il.name, ix.seqno";
constexpr const char* kForeignKeys =
    "SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete "
    "FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) fk WHERE " RECONCILE_SQLITE_TABLES
    " ORDER BY m.name, fk.id, fk.seq";
#undef RECONCILE_SQLITE_TABLES

const std::string& text(const db::Row& row, std::size_t i) {
    static const std::string empty;
    return row.at(i) ? *row[i] : empty;
}

std::string lower_copy(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

model::FkAction fk_action(const std::string& s) {
    return model::parse_fk_action(s).value_or(model::FkAction::NoAction);
}

std::string find_name(const std::vector<std::pair<std::vector<std::string>, std::string>>& names,
                      const std::vector<std::string>& columns) {
    for (const auto& [cols, name] : names)
        if (cols == columns) return name;
    return {};
}

// The query of a stored CREATE VIEW: what follows the AS after the view's name. A view with a
// column list keeps its whole text, which the model cannot express and so compares as different.
std::string trimmed(const std::string& s, std::size_t from, std::size_t to) {
    while (from < to && std::isspace(static_cast<unsigned char>(s[from]))) ++from;
    while (to > from && std::isspace(static_cast<unsigned char>(s[to - 1]))) --to;
    return s.substr(from, to - from);
}

std::string view_query(const std::string& sql) {
    const auto tokens = lex_sql(sql, Lexicon::SQLite).tokens;
    auto is = [&](std::size_t i, const char* w) { return i < tokens.size() && tokens[i].kind == TokenKind::Word && lower_copy(tokens[i].text) == w; };
    std::size_t i = 0;
    while (i < tokens.size() && !is(i, "view")) ++i;
    ++i;
    if (is(i, "if")) i += 3;
    i += 1;                                                   // the name
    if (i + 1 < tokens.size() && tokens[i].text == ".") i += 2;  // schema.name
    if (!is(i, "as") || i + 1 >= tokens.size()) return sql;
    return sql.substr(tokens[i + 1].begin);
}

}  // namespace

namespace sqlite {

model::Trigger read_create_trigger(const std::string& name, const std::string& sql) {
    model::Trigger tr;
    tr.name = name;
    tr.for_each_row = true;  // SQLite has no statement-level triggers
    const LexResult lexed = lex_sql(sql, Lexicon::SQLite);
    const auto& t = lexed.tokens;
    std::size_t i = 0;
    auto word = [&](const char* w) { return i < t.size() && is_kw(t[i], w); };
    auto accept = [&](const char* w) { return word(w) ? (++i, true) : false; };
    auto identifier = [&] { return i < t.size() && (t[i].kind == TokenKind::Word || t[i].kind == TokenKind::QuotedIdent || t[i].kind == TokenKind::String); };
    auto qualified_name = [&] {
        if (!identifier()) return false;
        ++i;
        if (i + 1 < t.size() && is_p(t[i], ".")) i += 2;  // schema.name
        return true;
    };
    auto fail = [&](const std::string& why) {
        tr.unsupported = "its text could not be read (" + why + ")";
        tr.body.reset();
        return tr;
    };
    if (!lexed.error.empty()) return fail(lexed.error);
    if (!accept("create")) return fail("no CREATE");
    if (!accept("temp")) accept("temporary");
    if (!accept("trigger")) return fail("no TRIGGER");
    if (accept("if") && !(accept("not") && accept("exists"))) return fail("IF without NOT EXISTS");
    if (!qualified_name()) return fail("no name");
    if (accept("before")) tr.timing = "before";
    else if (accept("after")) tr.timing = "after";
    else if (accept("instead")) {
        if (!accept("of")) return fail("INSTEAD without OF");
        tr.timing = "instead of";
    } else tr.timing = "before";
    if (accept("insert")) tr.events = {"insert"};
    else if (accept("delete")) tr.events = {"delete"};
    else if (accept("update")) {
        tr.events = {"update"};
        if (accept("of")) {
            do {
                if (!identifier()) return fail("a column of UPDATE OF");
                tr.update_of.push_back(name_of(t[i++]));
            } while (i < t.size() && is_p(t[i], ",") && ++i);
        }
    } else return fail("no event");
    if (!accept("on") || !qualified_name()) return fail("no ON table");
    if (accept("for") && !(accept("each") && accept("row"))) return fail("FOR without EACH ROW");
    if (accept("when")) {
        const std::size_t from = i;
        int depth = 0;
        while (i < t.size() && !(depth == 0 && is_kw(t[i], "begin"))) {
            if (is_p(t[i], "(")) ++depth;
            if (is_p(t[i], ")")) --depth;
            ++i;
        }
        if (i == from || i >= t.size()) return fail("a WHEN without BEGIN after it");
        tr.when = model::sqlite_expression_from(trimmed(sql, t[from].begin, t[i].begin));
    }
    if (!accept("begin")) return fail("no BEGIN");
    if (t.size() < i + 2 || !is_kw(t.back(), "end")) return fail("no END");
    tr.body = model::trigger_body_from(trimmed(sql, t[i - 1].end, t.back().begin));
    return tr;
}

}  // namespace sqlite

model::Schema SqliteDialect::inspect(db::Connection& connection, const std::vector<std::string>&) const {
    model::Schema schema;
    schema.ignore_tables.clear();
    schema.schemas = {"public"};  // SQLite's one namespace, under the name the model uses for it
    std::map<std::string, std::size_t> by_name;
    std::map<std::string, sqlite::CreateTableFacts> facts;

    for (const auto& row : connection.query(kTables)) {
        model::Table t;
        t.ref = model::TableRef{"public", text(row, 0)};
        by_name.emplace(t.ref.name, schema.tables.size());
        facts.emplace(t.ref.name, sqlite::read_create_table(text(row, 1)));
        schema.tables.push_back(std::move(t));
    }
    auto table_for = [&](const db::Row& row) -> model::Table* {
        auto it = by_name.find(text(row, 0));
        return it == by_name.end() ? nullptr : &schema.tables[it->second];
    };

    std::map<std::string, std::vector<std::pair<int, std::string>>> pk_positions;
    for (const auto& row : connection.query(kColumns)) {
        model::Table* t = table_for(row);
        if (!t) continue;
        model::Column c;
        c.name = text(row, 1);
        c.declared_type = text(row, 2);
        c.type = model::canonical_type(text(row, 2));  // "" for no declared type: BLOB affinity
        c.nullable = text(row, 3) == "0";
        c.not_null_written = !c.nullable;
        // Texts as SQLite keeps them, comments included: closed as the model's are, so that one
        // put back into DDL (a rebuild, a diff into another database) does not comment out its end.
        if (row[4]) c.default_value = model::expression_from(*row[4]);
        int pk = std::atoi(text(row, 5).c_str());
        if (pk > 0) {
            pk_positions[t->ref.name].emplace_back(pk, c.name);
            c.nullable = false;  // a primary key column is NOT NULL in the model's terms
        }
        const auto& tf = facts[t->ref.name];
        if (auto cf = tf.columns.find(c.name); cf != tf.columns.end()) {
            // SQLite 3.37 and later report the built-in type names (INTEGER, TEXT, …) in capitals
            // whatever was written; the CREATE text has them as written.
            if (model::lower_ascii(cf->second.declared_type) == model::lower_ascii(*c.declared_type))
                c.declared_type = cf->second.declared_type;
            c.collation = cf->second.collation;
            c.autoincrement = cf->second.autoincrement;
            if (!cf->second.generated.empty()) {
                std::string expr = cf->second.generated;
                while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.back()))) expr.pop_back();
                expr.erase(0, expr.find_first_not_of(" \t\n"));
                c.generated = model::expression_from(expr);
                c.generated_virtual = cf->second.generated_virtual;
            }
        }
        t->columns.push_back(std::move(c));
    }
    for (auto& t : schema.tables) {
        t.without_rowid = facts[t.ref.name].without_rowid;
        for (const auto& clause : facts[t.ref.name].on_conflict) {
            t.unmanaged.push_back(clause + " clauses");
            t.lost_by_rebuild.push_back(clause + " clauses");
        }
        t.strict = facts[t.ref.name].strict;
    }
    for (auto& [name, positions] : pk_positions) {
        std::sort(positions.begin(), positions.end());
        model::Table& t = schema.tables[by_name[name]];
        for (const auto& p : positions) t.primary_key.push_back(p.second);
        t.primary_key_name = facts[name].primary_key_name;
        // SQLite's legacy rule: in a rowid table that is not STRICT, a key column declared without
        // NOT NULL accepts NULL, except the INTEGER PRIMARY KEY (the row id). The model's keys
        // are NOT NULL: said, not passed over.
        if (t.without_rowid || t.strict) continue;
        if (sqlite::is_rowid_alias(t)) continue;
        for (const auto& key : t.primary_key) {
            const model::Column* c = t.find_column(key);
            if (c && !c->not_null_written)
                t.unmanaged.push_back("column " + key + " of the primary key accepts NULL (no NOT NULL: SQLite's legacy rule)");
        }
    }

    // Rows come per (table, index), key columns in order; fold them into indexes.
    struct Pending { model::Index index; std::vector<std::string> columns; std::string origin; bool simple = true; std::string sql; };
    std::map<std::pair<std::string, std::string>, Pending> pending;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& row : connection.query(kIndexes)) {
        auto key = std::make_pair(text(row, 0), text(row, 1));
        auto [it, fresh] = pending.try_emplace(key);
        Pending& p = it->second;
        if (fresh) {
            order.push_back(key);
            p.index.name = key.second;
            p.index.unique = text(row, 2) == "1";
            p.origin = text(row, 3);
            p.simple = text(row, 4) == "0";
            p.sql = text(row, 8);
        }
        if (!row[5] || text(row, 6) != "0" || lower_copy(text(row, 7)) != "binary") p.simple = false;
        p.columns.push_back(text(row, 5));
    }
    for (const auto& key : order) {
        Pending& p = pending[key];
        model::Table* t = &schema.tables[by_name[key.first]];
        if (p.origin == "pk") continue;  // the primary key, already known from the columns
        if (p.origin == "u") {
            std::string name = find_name(facts[key.first].unique_names, p.columns);
            t->uniques.push_back(model::UniqueConstraint{name.empty() ? p.index.name : name, p.columns, {}, {}});
            continue;
        }
        if (p.simple) {
            for (auto& column : p.columns) {
                model::IndexKey k;
                k.column = std::move(column);
                p.index.keys.push_back(std::move(k));
            }
        } else if (auto parsed = p.sql.empty() ? std::nullopt
                                               : model::parse_index_definition(p.sql, model::IndexSqlFlavour::SQLite)) {
            // Expressions, a WHERE, DESC or a collation: read the statement SQLite kept.
            parsed->name = p.index.name;
            parsed->unique = p.index.unique;
            p.index = std::move(*parsed);
        } else {
            p.index.unsupported_definition = p.sql.empty() ? p.index.name : p.sql;
        }
        t->indexes.push_back(std::move(p.index));
    }
    for (auto& t : schema.tables) model::drop_own_collations(t);

    std::map<std::pair<std::string, std::string>, std::size_t> fk_slot;  // (table, id) → index in foreign_keys
    for (const auto& row : connection.query(kForeignKeys)) {
        model::Table* t = table_for(row);
        if (!t) continue;
        auto key = std::make_pair(t->ref.name, text(row, 1));
        auto it = fk_slot.find(key);
        if (it == fk_slot.end()) {
            model::ForeignKey fk;
            fk.ref_table = model::TableRef{"public", text(row, 2)};
            // SQLite matches table names case-insensitively; REFERENCES Users means users.
            if (!by_name.count(fk.ref_table.name))
                for (const auto& [name, index] : by_name)
                    if (lower_copy(name) == lower_copy(fk.ref_table.name)) fk.ref_table.name = name;
            fk.on_update = fk_action(text(row, 5));
            fk.on_delete = fk_action(text(row, 6));
            it = fk_slot.emplace(key, t->foreign_keys.size()).first;
            t->foreign_keys.push_back(std::move(fk));
        }
        model::ForeignKey& fk = t->foreign_keys[it->second];
        fk.columns.push_back(text(row, 3));
        fk.ref_columns.push_back(row[4] ? *row[4] : std::string());  // NULL: the parent's primary key
    }
    for (auto& t : schema.tables) {
        for (auto& fk : t.foreign_keys) {
            if (std::any_of(fk.ref_columns.begin(), fk.ref_columns.end(), [](const std::string& c) { return c.empty(); })) {
                auto parent = by_name.find(fk.ref_table.name);
                if (parent != by_name.end()) fk.ref_columns = schema.tables[parent->second].primary_key;
            }
            fk.name = find_name(facts[t.ref.name].foreign_key_names, fk.columns);
            // An unnamed FOREIGN KEY gets the name PostgreSQL (and the loader) would give it, so
            // an export names it and a database built from that export has the same name.
            if (fk.name.empty()) fk.name = model::default_object_name(t.ref.name, fk.columns, "fkey");
        }
        for (const auto& check : facts[t.ref.name].checks)
            t.checks.push_back(model::Check{check.name, model::expression_from(check.expression), {}});
    }
    // Views and triggers in one read: views first, so that a trigger finds the view it is on.
    // tbl_name is the name as the CREATE TRIGGER wrote it, matched as SQLite matches names.
    std::map<std::string, std::size_t> view_by_folded_name, table_by_folded_name;
    for (std::size_t i = 0; i < schema.tables.size(); ++i) table_by_folded_name.emplace(model::lower_ascii(schema.tables[i].ref.name), i);
    for (const auto& row : connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger') "
                                            "ORDER BY type = 'trigger', name")) {
        if (text(row, 0) == "trigger") {
            model::Trigger trigger = sqlite::read_create_trigger(text(row, 1), text(row, 3));
            if (auto it = table_by_folded_name.find(model::lower_ascii(text(row, 2))); it != table_by_folded_name.end()) {
                model::Table& table = schema.tables[it->second];
                if (!trigger.unsupported.empty()) table.unreadable_trigger_sql.push_back(text(row, 3));
                table.triggers.push_back(std::move(trigger));
            } else if (auto v = view_by_folded_name.find(model::lower_ascii(text(row, 2))); v != view_by_folded_name.end()) {
                schema.views[v->second].triggers.push_back(std::move(trigger));
            } else {
                // On a table SQLite no longer has: said rather than silently left out.
                schema.unmodelled.push_back({"trigger", text(row, 1) + " on " + text(row, 2), model::TableRef{"public", text(row, 2)}});
            }
            continue;
        }
        model::View v;
        v.ref = model::TableRef{"public", text(row, 1)};
        const std::string definition = view_query(text(row, 3));
        v.definition = model::query_from(definition);
        view_by_folded_name.emplace(model::lower_ascii(v.ref.name), schema.views.size());
        schema.views.push_back(std::move(v));
    }
    for (const auto& row : connection.query("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index', 'view')"))
        schema.relation_names.push_back(model::TableRef{"public", text(row, 0)});
    return schema;
}

// Whether each table holds a row: SQLite keeps no row estimate, and counting would scan every
// table a dry run looks at. One query per table, and only for the tables a plan changes.
TableSizes SqliteDialect::table_sizes(db::Connection& connection, const std::vector<model::TableRef>& tables) const {
    TableSizes sizes;
    for (const auto& t : tables) {
        TableSize size;
        const auto rows = connection.query("SELECT EXISTS (SELECT 1 FROM " + quote_double(t.name) + ")");
        size.has_rows = !rows.empty() && rows[0][0].value_or("0") != "0";
        size.plain = false;
        sizes[t] = size;
    }
    return sizes;
}

}  // namespace reconcile::dialect
