#include "core/sql_lexer.h"

#include <cctype>

namespace reconcile {
namespace {

bool is_word_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80);
}
bool is_word_char(char c) {
    return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}
bool is_operator_char(char c, Lexicon rules) {
    if (c == '`') return rules != Lexicon::SQLite;
    switch (c) {
        case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~':
        case '!': case '@': case '#': case '%': case '^': case '&': case '|': case '?': case ':':
            return true;
        default:
            return false;
    }
}

}  // namespace

LexResult lex_sql(std::string_view s, Lexicon rules) {
    const bool sqlite = rules == Lexicon::SQLite;
    LexResult out;
    std::size_t i = 0, n = s.size();
    auto push = [&](TokenKind k, std::string text, std::size_t b, std::size_t e) {
        out.tokens.push_back(Token{k, std::move(text), b, e});
    };
    while (i < n) {
        char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            out.had_comment = true;
            while (i < n && s[i] != '\n') {
                if (s[i] == '\r') out.had_carriage_return_in_comment = true;
                ++i;
            }
            if (i == n) out.ends_in_line_comment = true;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            std::size_t close = s.find("*/", i + 2);
            if (close == std::string_view::npos) { out.error = "unterminated comment"; return out; }
            out.had_comment = true;
            if (s.substr(i + 2, close - (i + 2)).find("/*") != std::string_view::npos) out.had_nested_comment = true;
            i = close + 2;
            continue;
        }
        std::size_t b = i;
        if (c == '\'' || (!sqlite && (c == 'e' || c == 'E') && i + 1 < n && s[i + 1] == '\'')) {
            const bool escapes = c != '\'' || rules == Lexicon::PostgreSQLBackslashes;
            if (c != '\'') ++i;  // E'...' string: keep the prefix in the text
            ++i;
            bool closed = false;
            while (i < n) {
                if (s[i] == '\\' && escapes && i + 1 < n) { i += 2; continue; }
                if (s[i] == '\'') {
                    if (i + 1 < n && s[i + 1] == '\'') { i += 2; continue; }
                    ++i; closed = true; break;
                }
                ++i;
            }
            if (!closed) { out.error = "unterminated string literal"; return out; }
            push(TokenKind::String, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (c == '"' || (sqlite && (c == '`' || c == '['))) {
            char close = c == '[' ? ']' : c;
            std::string ident;
            ++i;
            bool closed = false;
            while (i < n) {
                if (s[i] == close) {
                    if (close != ']' && i + 1 < n && s[i + 1] == close) { ident += close; i += 2; continue; }
                    ++i; closed = true; break;
                }
                ident += s[i++];
            }
            if (!closed) { out.error = "unterminated quoted identifier"; return out; }
            push(TokenKind::QuotedIdent, ident, b, i);
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            // As PostgreSQL reads a number, and no further: digits, a fraction, an exponent only
            // when digits follow it (or a 0x/0o/0b integer). PostgreSQL 14 and older then read
            // a letter or a quote right after as the next token (1e'…' is 1 and an E'…'
            // string); 15 calls it trailing junk. Either way it is refused here.
            auto digit = [&](std::size_t k) { return k < n && std::isdigit(static_cast<unsigned char>(s[k])); };
            if (s[i] == '0' && i + 1 < n && std::string_view("xXoObB").find(s[i + 1]) != std::string_view::npos &&
                i + 2 < n && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
                i += 2;
                while (i < n && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
            } else {
                while (digit(i)) ++i;
                if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] == '.')) {
                    ++i;
                    while (digit(i)) ++i;
                }
                if (i < n && (s[i] == 'e' || s[i] == 'E') &&
                    (digit(i + 1) || ((i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-')) && digit(i + 2)))) {
                    i += 2;
                    while (digit(i)) ++i;
                }
            }
            if (i < n && (is_word_char(s[i]) || s[i] == '\'' || s[i] == '"' || s[i] == '`')) {
                out.error = "a number is followed directly by '" + std::string(1, s[i]) + "'";
                return out;
            }
            push(TokenKind::Number, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (is_word_start(c)) {
            while (i < n && is_word_char(s[i])) ++i;
            push(TokenKind::Word, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (sqlite && (c == '$' || c == '@' || c == ':' || c == '#') && i + 1 < n && is_word_char(s[i + 1])) {
            // A variable, read as SQLite's tokenizer does: identifier characters, "::", and one
            // "(…)" suffix that ends at white space or ')', whatever it holds (so "$x('a);"
            // ends at that ')', and a ';' after it ends the statement). SQLite has no dollar
            // quoting.
            ++i;
            while (i < n) {
                if (is_word_char(s[i])) { ++i; continue; }
                if (s[i] == ':' && i + 1 < n && s[i + 1] == ':') { i += 2; continue; }
                if (s[i] == '(') {
                    while (i < n && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ')') ++i;
                    if (i < n && s[i] == ')') ++i;
                    else { out.error = "unterminated variable suffix"; return out; }
                }
                break;
            }
            push(TokenKind::Word, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (c == '$' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
            // $1: a parameter. A dollar-quote tag never starts with a digit.
            ++i;
            while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            push(TokenKind::Word, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (c == '$') {
            // Dollar-quoted string $tag$...$tag$ (PostgreSQL) or a $1 parameter.
            std::size_t j = i + 1;
            while (j < n && is_word_char(s[j]) && s[j] != '$') ++j;
            if (j < n && s[j] == '$') {
                std::string tag(s.substr(i, j - i + 1));
                std::size_t close = s.find(tag, j + 1);
                if (close == std::string_view::npos) { out.error = "unterminated dollar-quoted string"; return out; }
                i = close + tag.size();
                push(TokenKind::String, std::string(s.substr(b, i - b)), b, i);
                continue;
            }
            i = j;
            push(TokenKind::Word, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        if (is_operator_char(c, rules)) {
            while (i < n && is_operator_char(s[i], rules)) {
                // "--" or "/*" start a comment even right after an operator.
                if (i > b && ((s[i] == '-' && i + 1 < n && s[i + 1] == '-') ||
                              (s[i] == '/' && i + 1 < n && s[i + 1] == '*')))
                    break;
                ++i;
            }
            // PostgreSQL's rule: a multi-character operator cannot end in + or - unless it
            // holds one of ~!@#%^&|`?, so "x>-1" is "x", ">", "-1".
            while (i - b > 1 && (s[i - 1] == '+' || s[i - 1] == '-') &&
                   s.substr(b, i - b).find_first_of("~!@#%^&|`?") == std::string_view::npos)
                --i;
            push(TokenKind::Operator, std::string(s.substr(b, i - b)), b, i);
            continue;
        }
        ++i;
        push(TokenKind::Punct, std::string(1, c), b, i);
    }
    return out;
}

}  // namespace reconcile
