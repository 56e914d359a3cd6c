#include "dialect/dialect.h"

#include "dialect/postgres/postgres_dialect.h"
#include "dialect/sqlite/sqlite_dialect.h"

namespace reconcile::dialect {

const Dialect& dialect_for(db::Engine engine) {
    static const PostgresDialect postgres;
    static const SqliteDialect sqlite;
    if (engine == db::Engine::PostgreSQL) return postgres;
    return sqlite;
}

std::string quote_double(std::string_view identifier) {
    std::string out;
    out.reserve(identifier.size() + 2);
    out += '"';
    for (char c : identifier) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string quote_single(std::string_view literal) {
    std::string out;
    out.reserve(literal.size() + 2);
    out += '\'';
    for (char c : literal) {
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

}  // namespace reconcile::dialect
