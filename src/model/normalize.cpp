#include "model/normalize.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/sql_lexer.h"

namespace reconcile::model {
namespace {


std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

bool is_plain_lower_identifier(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

}  // namespace

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string canonical_type(std::string_view declared) {
    std::string s = trim(declared);
    if (s.find('"') != std::string::npos) return s;  // a quoted user-defined type: keep exactly
    s = lower_ascii(s);

    // Array dimensions: "int[]", "int [ ]", "_int4" (the catalog's internal array name).
    int dims = 0;
    for (;;) {
        std::string t = trim(s);
        if (t.size() >= 2 && t.back() == ']') {
            auto open = t.rfind('[');
            if (open == std::string::npos) break;
            s = t.substr(0, open);
            ++dims;
            continue;
        }
        s = t;
        break;
    }
    if (dims == 0 && s.size() > 1 && s[0] == '_') {
        s = s.substr(1);
        dims = 1;
    }

    // Split into the words outside parentheses and the modifier inside them.
    std::vector<std::string> words;
    std::string modifier;  // "20" or "10,2", spaces removed
    bool has_modifier = false;
    std::string word;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '(') {
            auto close = s.find(')', i);
            if (close == std::string::npos) close = s.size();
            for (char m : s.substr(i + 1, close - i - 1))
                if (!std::isspace(static_cast<unsigned char>(m))) modifier += m;
            has_modifier = true;
            i = close;
            if (!word.empty()) words.push_back(word), word.clear();
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!word.empty()) words.push_back(word), word.clear();
            continue;
        }
        word += c;
    }
    if (!word.empty()) words.push_back(word);

    std::string base;
    for (const auto& w : words) base += (base.empty() ? "" : " ") + w;
    std::string mod = has_modifier ? "(" + modifier + ")" : "";

    static const std::map<std::string, std::string> simple = {
        {"int", "integer"}, {"int4", "integer"}, {"integer", "integer"},
        {"int8", "bigint"}, {"bigint", "bigint"},
        {"int2", "smallint"}, {"smallint", "smallint"},
        {"serial", "serial"}, {"serial4", "serial"},
        {"bigserial", "bigserial"}, {"serial8", "bigserial"},
        {"smallserial", "smallserial"}, {"serial2", "smallserial"},
        {"bool", "boolean"}, {"boolean", "boolean"},
        {"float8", "double precision"}, {"double precision", "double precision"},
        {"float4", "real"}, {"real", "real"},
        {"decimal", "numeric"}, {"numeric", "numeric"},
        {"varchar", "character varying"}, {"character varying", "character varying"},
        {"varbit", "bit varying"}, {"bit varying", "bit varying"},
    };
    std::string out;
    if (base == "bpchar" && !has_modifier) {
        out = "bpchar";  // blank-padded text of any length: not character(1)
    } else if (base == "char" || base == "character" || base == "bpchar") {
        out = "character" + (has_modifier ? mod : std::string("(1)"));
    } else if ((base == "numeric" || base == "decimal") && has_modifier && modifier.find(',') == std::string::npos) {
        out = "numeric(" + modifier + ",0)";  // the server prints the scale it implies
    } else if (base == "bit" && !has_modifier) {
        out = "bit(1)";
    } else if (base == "float") {
        // float(p): p <= 24 is real, otherwise double precision (PostgreSQL's rule).
        int p = has_modifier ? std::atoi(modifier.c_str()) : 53;
        out = p <= 24 ? "real" : "double precision";
    } else if (base == "timestamptz" || base == "timestamp with time zone") {
        out = "timestamp" + mod + " with time zone";
    } else if (base == "timestamp" || base == "timestamp without time zone") {
        out = "timestamp" + mod + " without time zone";
    } else if (base == "timetz" || base == "time with time zone") {
        out = "time" + mod + " with time zone";
    } else if (base == "time" || base == "time without time zone") {
        out = "time" + mod + " without time zone";
    } else if (auto it = simple.find(base); it != simple.end()) {
        out = it->second + mod;
    } else {
        out = base + mod;
    }
    // PostgreSQL records no number of dimensions (int[][] is int[]), nor sizes (int[3]).
    if (dims > 0) out += "[]";
    return out;
}

namespace {

// [+-] digits [. digits] [e [+-] digits]: a number, not a date or a phone number.
bool is_numeric_text(const std::string& s) {
    std::size_t i = 0, n = s.size();
    auto digits = [&] {
        std::size_t b = i;
        while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        return i > b;
    };
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    bool whole = digits();
    bool fraction = false;
    if (i < n && s[i] == '.') {
        ++i;
        fraction = digits();
    }
    if (!whole && !fraction) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

// Type words that may prefix a string literal (interval '1 day'): the server stores the same
// value as '1 day'::interval, whose cast step 2 drops.
bool is_literal_type_prefix(const std::string& w) {
    static const char* words[] = {"interval", "date", "time", "timestamp", "timestamptz", "uuid",
                                  "json", "jsonb", "inet", "cidr", "numeric", "text", "boolean"};
    for (const char* x : words)
        if (w == x) return true;
    return false;
}

bool is_word(const Token& t, const char* w) { return t.kind == TokenKind::Word && t.text == w; }
bool is_punct(const Token& t, const char* p) { return t.kind == TokenKind::Punct && t.text == p; }

// Index of the token closing the parenthesis/bracket opened at `open`, or tokens.size().
std::size_t matching_close(const std::vector<Token>& t, std::size_t open) {
    const std::string o = t[open].text, c = o == "(" ? ")" : "]";
    int depth = 0;
    for (std::size_t i = open; i < t.size(); ++i) {
        if (t[i].kind != TokenKind::Punct) continue;
        if (t[i].text == o) ++depth;
        else if (t[i].text == c && --depth == 0) return i;
    }
    return t.size();
}

// After "::" comes a type name: words (several for "character varying", "timestamp with time
// zone", "double precision"), an optional (modifier) and optional [] dimensions.
std::size_t skip_type_name(const std::vector<Token>& t, std::size_t i) {
    static const char* continuation[] = {"varying", "precision", "with", "without", "time", "zone"};
    if (i < t.size() && (t[i].kind == TokenKind::Word || t[i].kind == TokenKind::QuotedIdent)) ++i;
    while (i + 1 < t.size() && is_punct(t[i], ".") &&
           (t[i + 1].kind == TokenKind::Word || t[i + 1].kind == TokenKind::QuotedIdent))
        i += 2;  // schema-qualified type
    for (;;) {
        bool more = false;
        if (i < t.size() && t[i].kind == TokenKind::Word)
            for (const char* w : continuation)
                if (t[i].text == w) more = true;
        if (i < t.size() && is_punct(t[i], "(")) {
            i = matching_close(t, i) + 1;
            continue;
        }
        if (i + 1 < t.size() && is_punct(t[i], "[") && is_punct(t[i + 1], "]")) {
            i += 2;
            continue;
        }
        if (!more) break;
        ++i;
    }
    return i;
}

// Tokens after which + or - is a sign, not a binary operator.
bool is_sign_context(const Token& t) {
    static const char* words[] = {"and", "or", "not", "between", "when", "then", "else", "is", "in", "select", "return"};
    if (t.kind != TokenKind::Word) return false;
    for (const char* w : words)
        if (t.text == w) return true;
    return false;
}

bool is_operand(const Token& t) {
    return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent ||
           t.kind == TokenKind::String || t.kind == TokenKind::Number;
}

}  // namespace

std::string canonical_expression(std::string_view sql) {
    LexResult lexed = lex_sql(sql);
    if (!lexed.error.empty()) return trim(sql);  // cannot tokenise: compare as written
    std::vector<Token> in = std::move(lexed.tokens);

    // 1. Case and quoting of identifiers; operator spellings.
    for (auto& t : in) {
        if (t.kind == TokenKind::Word) t.text = lower_ascii(t.text);
        if (t.kind == TokenKind::QuotedIdent && is_plain_lower_identifier(t.text))
            t.kind = TokenKind::Word;  // "name" and name are the same identifier
        if (t.kind == TokenKind::Operator && t.text == "!=") t.text = "<>";
    }

    // 2. Drop casts; a quoted number that loses its cast becomes the number
    //    (PostgreSQL stores DEFAULT -1 on an integer column as '-1'::integer).
    std::vector<Token> t;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i].kind == TokenKind::Word && is_literal_type_prefix(in[i].text) && i + 1 < in.size() &&
            in[i + 1].kind == TokenKind::String)
            continue;
        if (in[i].kind == TokenKind::Operator && in[i].text == "::") {
            i = skip_type_name(in, i + 1) - 1;
            continue;
        }
        // A quoted number is compared as the number, cast or not: PostgreSQL stores
        // DEFAULT -1 on an integer column as '-1'::integer, and '0' on text as '0'::text.
        if (in[i].kind == TokenKind::String && in[i].text.size() >= 2 && in[i].text[0] == '\'') {
            std::string inner = in[i].text.substr(1, in[i].text.size() - 2);
            if (is_numeric_text(inner)) {
                t.push_back(Token{TokenKind::Number, inner, 0, 0});
                continue;
            }
        }
        // A leading minus binds to its number: "- 1" after an operator or "(" is "-1".
        if (in[i].kind == TokenKind::Number && !t.empty() && t.back().kind == TokenKind::Operator &&
            (t.back().text == "-" || t.back().text == "+") &&
            (t.size() == 1 || t[t.size() - 2].kind == TokenKind::Operator ||
             is_punct(t[t.size() - 2], "(") || is_punct(t[t.size() - 2], ",") ||
             is_sign_context(t[t.size() - 2]))) {
            std::string sign = t.back().text == "-" ? "-" : "";
            t.back() = Token{TokenKind::Number, sign + in[i].text, 0, 0};
            continue;
        }
        t.push_back(in[i]);
    }

    // 3. Rewrite the forms PostgreSQL deparses differently.
    std::vector<Token> out;
    auto word = [](const char* w) { return Token{TokenKind::Word, w, 0, 0}; };
    auto op = [](const char* o) { return Token{TokenKind::Operator, o, 0, 0}; };
    auto punct = [](const char* p) { return Token{TokenKind::Punct, p, 0, 0}; };
    for (std::size_t i = 0; i < t.size(); ++i) {
        const Token& k = t[i];
        bool negated = is_word(k, "not") && i + 1 < t.size();
        std::size_t at = negated ? i + 1 : i;
        if (is_word(t[at], "like") || is_word(t[at], "ilike")) {
            std::string o = std::string(negated ? "!" : "") + (t[at].text == "like" ? "~~" : "~~*");
            out.push_back(Token{TokenKind::Operator, o, 0, 0});
            i = at;
            continue;
        }
        if (is_word(t[at], "in") && at + 1 < t.size() && is_punct(t[at + 1], "(") &&
            !(at + 2 < t.size() && is_word(t[at + 2], "select"))) {
            std::size_t close = matching_close(t, at + 1);
            bool one_item = true;  // the server makes x IN (a) into x = a, not = ANY (ARRAY[a])
            int depth = 0;
            for (std::size_t j = at + 2; j < close && j < t.size(); ++j) {
                if (is_punct(t[j], "(") || is_punct(t[j], "[")) ++depth;
                if (is_punct(t[j], ")") || is_punct(t[j], "]")) --depth;
                if (depth == 0 && is_punct(t[j], ",")) one_item = false;
            }
            if (one_item) {
                out.push_back(op(negated ? "<>" : "="));
                for (std::size_t j = at + 2; j < close && j < t.size(); ++j) out.push_back(t[j]);
                i = close;
                continue;
            }
            out.push_back(op(negated ? "<>" : "="));
            out.push_back(word(negated ? "all" : "any"));
            out.push_back(word("array"));
            out.push_back(punct("["));
            for (std::size_t j = at + 2; j < close && j < t.size(); ++j) out.push_back(t[j]);
            out.push_back(punct("]"));
            i = close;
            continue;
        }
        // x BETWEEN a AND b, with single-token operands, is x >= a AND x <= b.
        if (is_word(t[at], "between") && !out.empty() && is_operand(out.back()) &&
            at + 3 < t.size() && is_operand(t[at + 1]) && is_word(t[at + 2], "and") &&
            is_operand(t[at + 3])) {
            Token x = out.back();
            if (negated) {
                out.push_back(op("<")), out.push_back(t[at + 1]), out.push_back(word("or"));
                out.push_back(x), out.push_back(op(">")), out.push_back(t[at + 3]);
            } else {
                out.push_back(op(">=")), out.push_back(t[at + 1]), out.push_back(word("and"));
                out.push_back(x), out.push_back(op("<=")), out.push_back(t[at + 3]);
            }
            i = at + 3;
            continue;
        }
        if (is_word(k, "current_timestamp") && !(i + 1 < t.size() && is_punct(t[i + 1], "("))) {
            out.push_back(word("now"));
            continue;
        }
        out.push_back(k);
    }

    // 4. Parentheses carry no difference we report: servers add them freely.
    std::string key;
    for (const auto& tok : out) {
        if (is_punct(tok, "(") || is_punct(tok, ")")) continue;
        if (!key.empty()) key += ' ';
        key += tok.kind == TokenKind::QuotedIdent ? "\"" + tok.text + "\"" : tok.text;
    }
    return key;
}

std::string canonical_query(std::string_view sql) {
    LexResult lexed = lex_sql(sql);
    if (!lexed.error.empty()) return canonical_expression(sql);
    const auto& t = lexed.tokens;
    std::string rebuilt;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const bool name = t[i].kind == TokenKind::Word || t[i].kind == TokenKind::QuotedIdent;
        if (name && i + 2 < t.size() && t[i + 1].kind == TokenKind::Punct && t[i + 1].text == "." &&
            (t[i + 2].kind == TokenKind::Word || t[i + 2].kind == TokenKind::QuotedIdent ||
             (t[i + 2].kind == TokenKind::Operator && t[i + 2].text == "*"))) {
            ++i;  // skip the qualifier and its dot
            continue;
        }
        rebuilt += std::string(sql.substr(t[i].begin, t[i].end - t[i].begin)) + " ";
    }
    return canonical_expression(rebuilt);
}

namespace {

// The readings a model's text must survive: the model may be applied to either engine, and a
// saved script may run on a server with standard_conforming_strings off. The engines refuse a
// second statement themselves (db::Connection); this says why, at the model's file:line:column,
// before anything is sent.
struct Reading {
    Lexicon rules;
    const char* as;  // how the message names it
};
constexpr Reading kReadings[] = {
    {Lexicon::PostgreSQL, ""},
    {Lexicon::SQLite, " as SQLite reads it ([ ] and ` ` quote names there, and E'…' is not a string)"},
    {Lexicon::PostgreSQLBackslashes,
     " as PostgreSQL reads it with standard_conforming_strings off (a backslash escapes the next quote): write a quote "
     "inside a string as ''"},
};

}  // namespace

bool is_single_expression(std::string_view sql, std::string* why) {
    auto fail = [&](const std::string& m, const Reading& r) {
        if (why) *why = m + r.as;
        return false;
    };
    for (const Reading& reading : kReadings) {
        LexResult lexed = lex_sql(sql, reading.rules);
        if (!lexed.error.empty()) return fail(lexed.error, reading);
        if (lexed.tokens.empty()) return fail("it is empty", reading);
        // Comments are kept as written (a view's notes, SQLite's .schema): a "--" comment that
        // runs to the end is closed by a newline where the text enters (sql_text_closed), and a
        // block comment inside another would end in different places for PostgreSQL and SQLite.
        if (lexed.had_nested_comment) return fail("it has a comment inside a comment", reading);
        if (lexed.had_carriage_return_in_comment)
            return fail("a -- comment in it holds a carriage return, where PostgreSQL ends the comment and SQLite does not", reading);
        int parens = 0, brackets = 0;
        for (const auto& t : lexed.tokens) {
            if (t.kind != TokenKind::Punct) continue;
            if (t.text == ";") return fail("it contains ';' outside quotes", reading);
            if (t.text == "(") ++parens;
            if (t.text == ")" && --parens < 0) return fail("it has an unmatched ')'", reading);
            if (t.text == "[") ++brackets;
            if (t.text == "]" && --brackets < 0) return fail("it has an unmatched ']'", reading);
        }
        if (parens != 0) return fail("it has an unclosed '('", reading);
        if (brackets != 0) return fail("it has an unclosed '['", reading);
    }
    return true;
}

bool is_type_name(std::string_view type, std::string* why) {
    auto fail = [&](const std::string& m, const Reading& r) {
        if (why) *why = m + r.as;
        return false;
    };
    for (const Reading& reading : kReadings) {
        LexResult lexed = lex_sql(type, reading.rules);
        if (!lexed.error.empty()) return fail(lexed.error, reading);
        if (lexed.had_comment) return fail("it contains a comment", reading);
        if (lexed.tokens.empty()) return fail("it is empty", reading);
        int depth = 0;
        for (const auto& t : lexed.tokens) {
            if (t.kind == TokenKind::String || t.kind == TokenKind::Operator)
                return fail("'" + t.text + "' cannot be part of a type name", reading);
            if (t.kind == TokenKind::Punct) {
                if (t.text == ";") return fail("it contains ';'", reading);
                if (t.text == "(") ++depth;
                if (t.text == ")" && --depth < 0) return fail("it has an unmatched ')'", reading);
            }
        }
        if (depth != 0) return fail("it has an unclosed '('", reading);
    }
    return true;
}

std::string sql_text_closed(std::string text) {
    // Nearly every text has no "--" at all: then nothing to lex (thousands of defaults and checks
    // are read on every run). Each reading ends a "--" comment at the same newline; any of them
    // seeing one run to the end is enough.
    if (text.find("--") == std::string::npos) return text;
    for (const Reading& reading : kReadings)
        if (lex_sql(text, reading.rules).ends_in_line_comment) return text + "\n";
    return text;
}

std::string default_object_name(const std::string& table, const std::vector<std::string>& columns,
                                 const std::string& label) {
    std::string name2;
    for (const auto& c : columns) name2 += (name2.empty() ? "" : "_") + c;
    std::size_t overhead = label.size() + 1 + (name2.empty() ? 0 : 1);
    std::size_t avail = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
    std::size_t n1 = table.size(), n2 = name2.size();
    while (n1 + n2 > avail) {
        if (n1 > n2) --n1;
        else --n2;
    }
    // Do not cut a UTF-8 sequence in half (pg_mbcliplen).
    auto clip = [](const std::string& s, std::size_t n) {
        while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
        return s.substr(0, n);
    };
    std::string out = clip(table, n1);
    if (!name2.empty()) out += "_" + clip(name2, n2);
    return out + "_" + label;
}

std::string canonical_function_type(std::string_view declared) {
    std::string text(declared);
    std::string prefix;
    if (text.size() > 6 && lower_ascii(text.substr(0, 6)) == "setof ") prefix = "SETOF ", text = text.substr(6);
    std::string canonical = canonical_type(text), out;
    // Drop every parenthesised part outside double quotes (the modifiers), then the spaces
    // that were around it.
    int depth = 0;
    bool quoted = false;
    for (char c : canonical) {
        if (c == '"') quoted = !quoted;
        if (!quoted && c == '(') ++depth;
        if (depth == 0) out += c;
        if (!quoted && c == ')' && depth > 0) --depth;
    }
    std::string squeezed;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == ' ' && (squeezed.empty() || squeezed.back() == ' ' || i + 1 == out.size() || out[i + 1] == '[')) continue;
        squeezed += out[i];
    }
    return prefix + squeezed;
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool is_list_setting(std::string_view name) {
    return name == "search_path" || name == "temp_tablespaces" || name == "session_preload_libraries" ||
           name == "local_preload_libraries" || name == "shared_preload_libraries";
}

std::vector<std::string> setting_list_elements(std::string_view value) {
    std::vector<std::string> out;
    std::string current;
    bool quoted = false, any = false;
    auto finish = [&]() {
        if (any || !current.empty()) out.push_back(current);
        current.clear();
        any = false;
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"') {
            if (quoted && i + 1 < value.size() && value[i + 1] == '"') current += '"', ++i;
            else quoted = !quoted, any = true;
        } else if (c == ',' && !quoted) {
            finish();
        } else if ((c == ' ' || c == '\t') && !quoted) {
            continue;
        } else {
            current += c;
        }
    }
    finish();
    return out;
}

std::string name_as_written(const std::string& name) {
    bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (unsigned char c : name) plain = plain && (std::islower(c) || std::isdigit(c) || c == '_');
    if (plain) return name;
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string setting_list_text(const std::vector<std::string>& elements) {
    std::string out;
    for (const auto& e : elements) out += (out.empty() ? "" : ", ") + name_as_written(e);
    return out;
}

}  // namespace reconcile::model
