#include "model/index_definition.h"

#include <cctype>

#include "core/sql_lexer.h"
#include "model/normalize.h"

namespace reconcile::model {
namespace {

// A cursor over the tokens of one statement.
class Reader {
public:
    Reader(std::string_view sql, std::vector<Token> tokens) : sql_(sql), t_(std::move(tokens)) {}

    bool done() const { return i_ >= t_.size(); }
    std::size_t pos() const { return i_; }
    const Token& peek(std::size_t ahead = 0) const {
        static const Token end{TokenKind::Punct, "", 0, 0};
        return i_ + ahead < t_.size() ? t_[i_ + ahead] : end;
    }
    bool word(const char* w, std::size_t ahead = 0) const {
        const Token& k = peek(ahead);
        return k.kind == TokenKind::Word && lower_ascii(k.text) == w;
    }
    bool punct(const char* p, std::size_t ahead = 0) const {
        const Token& k = peek(ahead);
        return k.kind == TokenKind::Punct && k.text == p;
    }
    bool accept_word(const char* w) { return word(w) ? (++i_, true) : false; }
    bool accept_punct(const char* p) { return punct(p) ? (++i_, true) : false; }
    void next() { ++i_; }

    // An identifier: a bare word (folded to lower case, as the server folds it, unless
    // `keep_case`) or a quoted identifier (as written).
    std::optional<std::string> identifier(bool keep_case) {
        const Token& k = peek();
        if (k.kind == TokenKind::QuotedIdent) return next(), k.text;
        if (k.kind == TokenKind::Word) return next(), keep_case ? k.text : lower_ascii(k.text);
        return std::nullopt;
    }
    // A possibly qualified name; only its last part is kept (schema.name → name).
    std::optional<std::string> last_name_part(bool keep_case) {
        auto name = identifier(keep_case);
        while (name && punct(".")) {
            next();
            name = identifier(keep_case);
        }
        return name;
    }
    // Index of the token that closes the bracket at the cursor, or the end.
    std::size_t matching_close() const {
        int depth = 0;
        for (std::size_t j = i_; j < t_.size(); ++j) {
            if (t_[j].kind != TokenKind::Punct) continue;
            if (t_[j].text == "(" || t_[j].text == "[") ++depth;
            else if ((t_[j].text == ")" || t_[j].text == "]") && --depth == 0) return j;
        }
        return t_.size();
    }
    // The items of the parenthesised list at the cursor, as token ranges [from, to), split at
    // the commas outside nested brackets; the cursor ends after the list. nullopt when the list
    // is not closed.
    std::optional<std::vector<std::pair<std::size_t, std::size_t>>> list_items() {
        const std::size_t close = matching_close();
        if (close >= t_.size()) return std::nullopt;
        std::vector<std::pair<std::size_t, std::size_t>> items;
        std::size_t from = i_ + 1;
        int depth = 0;
        for (std::size_t j = from; j < close; ++j) {
            if (t_[j].kind != TokenKind::Punct) continue;
            if (t_[j].text == "(" || t_[j].text == "[") ++depth;
            else if (t_[j].text == ")" || t_[j].text == "]") --depth;
            else if (t_[j].text == "," && depth == 0) items.emplace_back(from, j), from = j + 1;
        }
        if (from < close) items.emplace_back(from, close);
        i_ = close + 1;
        return items;
    }
    // The source text of tokens [from, to).
    std::string text(std::size_t from, std::size_t to) const {
        if (from >= to || from >= t_.size()) return {};
        return std::string(sql_.substr(t_[from].begin, t_[to - 1].end - t_[from].begin));
    }
    void seek(std::size_t at) { i_ = at; }
    std::size_t size() const { return t_.size(); }

private:
    std::string_view sql_;
    std::vector<Token> t_;
    std::size_t i_ = 0;
};

Expression expression_of(std::string text) {
    std::string canonical = canonical_expression(text);
    return Expression{std::move(text), std::move(canonical)};
}

// One key, up to the comma or closing parenthesis that ends it (`end`).
bool read_key(Reader& r, std::size_t end, IndexKey& key, bool keep_case, std::string* why) {
    const std::size_t start = r.pos();
    if (r.punct("(")) {  // (expression)
        std::size_t close = r.matching_close();
        key.expression = expression_of(r.text(start + 1, close));
        r.seek(close + 1);
    } else if (r.peek().kind == TokenKind::Word || r.peek().kind == TokenKind::QuotedIdent) {
        // A function call (possibly schema-qualified) is an expression; a lone name a column.
        std::size_t j = start + 1;
        while (r.punct(".", j - start) && j + 1 < end) j += 2;
        if (r.punct("(", j - start)) {
            r.seek(j);
            std::size_t close = r.matching_close();
            key.expression = expression_of(r.text(start, close + 1));
            r.seek(close + 1);
        } else {
            key.column = *r.identifier(keep_case);
        }
    } else {
        if (why) *why = "an index key starts with '" + r.peek().text + "'";
        return false;
    }
    bool explicit_nulls = false;
    while (r.pos() < end) {
        if (r.accept_word("collate")) {
            auto c = r.last_name_part(true);
            if (!c) {
                if (why) *why = "COLLATE without a name";
                return false;
            }
            key.collation = *c == "default" ? "" : *c;
        } else if (r.accept_word("asc")) {
            key.descending = false;
        } else if (r.accept_word("desc")) {
            key.descending = true;
        } else if (r.word("nulls") && (r.word("first", 1) || r.word("last", 1))) {
            r.next();
            key.nulls_first = r.word("first");
            explicit_nulls = true;
            r.next();
        } else if (r.peek().kind == TokenKind::Word || r.peek().kind == TokenKind::QuotedIdent) {
            key.opclass = *r.last_name_part(false);
            if (r.punct("(")) {
                if (why) *why = "operator class parameters are not supported";
                return false;
            }
        } else {
            if (why) *why = "unexpected '" + r.peek().text + "' in an index key";
            return false;
        }
    }
    if (!explicit_nulls) key.nulls_first = key.descending;
    return true;
}

}  // namespace

std::optional<Index> parse_index_definition(std::string_view sql, IndexSqlFlavour flavour, std::string* why) {
    const bool sqlite = flavour == IndexSqlFlavour::SQLite;
    LexResult lexed = lex_sql(sql, sqlite ? Lexicon::SQLite : Lexicon::PostgreSQL);
    if (!lexed.error.empty()) {
        if (why) *why = lexed.error;
        return std::nullopt;
    }
    auto fail = [&](const std::string& reason) -> std::optional<Index> {
        if (why) *why = reason;
        return std::nullopt;
    };
    Reader r(sql, std::move(lexed.tokens));
    Index idx;
    if (!r.accept_word("create")) return fail("not a CREATE INDEX statement");
    idx.unique = r.accept_word("unique");
    if (!r.accept_word("index")) return fail("not a CREATE INDEX statement");
    r.accept_word("concurrently");
    if (r.word("if") && r.word("not", 1) && r.word("exists", 2)) r.seek(r.pos() + 3);
    auto name = r.last_name_part(sqlite);
    if (!name) return fail("the index has no name");
    idx.name = *name;
    if (!r.accept_word("on")) return fail("no ON clause");
    r.accept_word("only");  // the index of a partitioned table, not yet built on its partitions
    if (!r.last_name_part(sqlite)) return fail("no table after ON");
    if (r.accept_word("using")) {
        auto method = r.identifier(false);
        if (!method) return fail("no method after USING");
        idx.method = *method;
    }
    if (!r.punct("(")) return fail("no key list");
    const auto keys = r.list_items();
    if (!keys) return fail("unbalanced parentheses");
    const std::size_t after_keys = r.pos();
    for (const auto& [from, to] : *keys) {
        IndexKey key;
        r.seek(from);
        if (!read_key(r, to, key, sqlite, why)) return std::nullopt;
        idx.keys.push_back(std::move(key));
    }
    r.seek(after_keys);
    if (r.accept_word("include")) {
        if (!r.accept_punct("(")) return fail("INCLUDE without a column list");
        while (!r.accept_punct(")")) {
            auto c = r.identifier(sqlite);
            if (!c) return fail("INCLUDE holds something other than column names");
            idx.include.push_back(*c);
            r.accept_punct(",");
        }
    }
    if (r.word("nulls") && r.word("not", 1) && r.word("distinct", 2)) {
        idx.nulls_distinct = false;
        r.seek(r.pos() + 3);
    }
    if (r.accept_word("with")) {
        // pg_get_indexdef prints them as name='value', comma-separated.
        if (!r.punct("(")) return fail("WITH without a parameter list");
        const auto parameters = r.list_items();
        if (!parameters) return fail("unbalanced parentheses");
        for (const auto& [from, to] : *parameters) {
            auto parameter = storage_parameter(r.text(from, to));
            if (!parameter) return fail("a storage parameter that is not name=value: " + r.text(from, to));
            idx.with.push_back(*parameter);
        }
    }
    if (r.word("tablespace")) return fail("TABLESPACE is not supported");
    if (r.accept_word("where")) {
        const std::size_t from = r.pos();
        std::size_t to = r.size();
        if (to > from && r.punct(";", to - 1 - from)) --to;
        if (to <= from) return fail("WHERE without a predicate");
        idx.where = expression_of(r.text(from, to));
        r.seek(to);
    }
    r.accept_punct(";");
    if (!r.done()) return fail("unexpected '" + r.peek().text + "' after the index definition");
    if (idx.keys.empty()) return fail("the index has no keys");
    return idx;
}

std::string default_index_name(const std::string& table, const std::vector<IndexKey>& keys) {
    std::vector<std::string> parts;
    for (const auto& k : keys) {
        if (!k.expression) {
            parts.push_back(k.column);
            continue;
        }
        // PostgreSQL's FigureIndexColname: a function call is named after the function.
        LexResult lexed = lex_sql(k.expression->text);
        const auto& t = lexed.tokens;
        std::size_t i = 0;
        while (i + 2 < t.size() && t[i + 1].kind == TokenKind::Punct && t[i + 1].text == ".") i += 2;
        bool call = i + 1 < t.size() && (t[i].kind == TokenKind::Word || t[i].kind == TokenKind::QuotedIdent) &&
                    t[i + 1].kind == TokenKind::Punct && t[i + 1].text == "(";
        parts.push_back(call ? (t[i].kind == TokenKind::Word ? lower_ascii(t[i].text) : t[i].text) : "expr");
    }
    return default_object_name(table, parts, "idx");
}

}  // namespace reconcile::model
