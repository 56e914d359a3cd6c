#pragma once
// A small SQL lexer shared by expression normalisation and SQLite's CREATE TABLE reader.
// It knows quoting and comments (the parts that decide where an expression ends), not grammar.
#include <string>
#include <string_view>
#include <vector>

namespace reconcile {

enum class TokenKind {
    Word,         // keyword or bare identifier
    QuotedIdent,  // "x", `x` or [x]; text holds the identifier without quotes
    String,       // '...'; text holds the literal as written, quotes included
    Number,
    Operator,     // + - * / < > = ~ ! @ # % ^ & | ? and :: (sequences of them)
    Punct,        // ( ) [ ] , . ;
};

struct Token {
    TokenKind kind;
    std::string text;
    std::size_t begin = 0;  // byte offsets in the source, [begin, end)
    std::size_t end = 0;
};

struct LexResult {
    std::vector<Token> tokens;
    std::string error;  // empty when the text lexed cleanly (e.g. "unterminated string")
    bool had_comment = false;
    // A "--" comment runs to the end of the text: whatever DDL puts after it on that line
    // (a ')', NOT NULL, the ';') would be part of the comment.
    bool ends_in_line_comment = false;
    // "/*" inside a block comment: PostgreSQL nests block comments and SQLite does not, so the
    // two end it at different places (the lexer ends it at the first "*/", as SQLite does).
    bool had_nested_comment = false;
    // A carriage return inside a "--" comment: PostgreSQL ends the comment there, SQLite at the
    // next newline, so what follows it is code to one and comment to the other.
    bool had_carriage_return_in_comment = false;
};

// Whose reading of the text: the same characters end a string or an identifier in different
// places for each, and an expression spliced into DDL must be one expression for all of them.
enum class Lexicon {
    PostgreSQL,             // standard_conforming_strings on: '…' has no escapes; E'…' has backslash escapes
    PostgreSQLBackslashes,  // standard_conforming_strings off (a server's or a saved script's): '…' has them too
    SQLite,                 // [x] and `x` are quoted identifiers; no E'…' strings, no $tag$ quoting
};

// Comments and white space are dropped. PostgreSQL uses brackets for array subscripts and
// ARRAY[...], and a backquote is one of its operator characters.
LexResult lex_sql(std::string_view sql, Lexicon rules = Lexicon::PostgreSQL);

}  // namespace reconcile
