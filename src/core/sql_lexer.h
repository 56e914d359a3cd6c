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
};

// Comments and white space are dropped. `square_brackets_quote` follows SQLite, where [x] is a
// quoted identifier; PostgreSQL uses brackets for array subscripts and ARRAY[...].
LexResult lex_sql(std::string_view sql, bool square_brackets_quote = false);

}  // namespace reconcile
