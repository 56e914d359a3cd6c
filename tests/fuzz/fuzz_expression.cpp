// Any text as a model expression: when the loader's check calls it one expression, SQLite's own
// tokenizer must agree. sqlite3_complete() says whether a text ends with a ';' that ends a
// statement (outside strings, names and comments, as SQLite reads them): no prefix of the text
// may, and the text must end outside any string or comment. Spliced where reconcile splices
// expressions (a SELECT, a column DEFAULT, a CHECK), it compiles to one statement with nothing
// after it, or is refused as not SQL.
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/sql_lexer.h"
#include "model/normalize.h"

namespace {

sqlite3* database() {
    static sqlite3* db = [] {
        sqlite3* d = nullptr;
        sqlite3_open(":memory:", &d);
        sqlite3_exec(d, "CREATE TABLE t (a, b, c)", nullptr, nullptr, nullptr);
        return d;
    }();
    return db;
}

// Compiles (never runs) `sql`; aborts when it is valid SQL followed by another statement.
void require_one_statement(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(database(), sql.c_str(), static_cast<int>(sql.size()), &stmt, &tail) != SQLITE_OK) return;
    sqlite3_finalize(stmt);
    const char* end = sql.c_str() + sql.size();
    if (!tail || tail >= end) return;
    // Only a ';' ends a statement that compiled: what follows must be white space or comments.
    sqlite3_stmt* next = nullptr;
    const int rc = sqlite3_prepare_v2(database(), tail, static_cast<int>(end - tail), &next, nullptr);
    sqlite3_finalize(next);
    if (rc != SQLITE_OK || next) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)reconcile::model::canonical_expression(text);
    if (text.find('\0') != std::string::npos || !reconcile::model::is_single_expression(text)) return 0;
    // sqlite3_complete() has a scanner of its own that does not know variables: "$x(…)" ends at
    // the first ')' for the parser's tokenizer, while complete() reads a quote inside the
    // parentheses as opening a string. Where they differ, only the prepare checks below apply.
    bool variable_with_suffix = false;
    for (const auto& t : reconcile::lex_sql(text, reconcile::Lexicon::SQLite).tokens)
        variable_with_suffix |= t.kind == reconcile::TokenKind::Word && std::strchr("$@:#", t.text[0]) && t.text.find('(') != std::string::npos;
    if (!variable_with_suffix) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == ';' && sqlite3_complete(text.substr(0, i + 1).c_str())) std::abort();
        if (!sqlite3_complete((text + "\n;").c_str())) std::abort();
    }
    require_one_statement("SELECT (" + text + ")");
    require_one_statement("CREATE TABLE x (c DEFAULT (" + text + "))");
    require_one_statement("CREATE TABLE y (c, CHECK (" + text + "))");
    return 0;
}
