#include "db/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "core/error.h"

namespace reconcile::db {
namespace {

struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, Open mode) {
    int flags = mode == Open::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(ErrorKind::Connection, "cannot open SQLite database '" + path + "': " + message);
    }
    // Several reconcilers (release phases) may start at once: wait for the write lock rather
    // than fail with SQLITE_BUSY.
    sqlite3_busy_timeout(db_, 60000);
    sqlite3_extended_result_codes(db_, 1);
    // Every CREATE re-reads the schema table to parse the new entry: with the default 2 MB
    // page cache a schema of thousands of tables is read from the OS again for each one.
    // 8 MB holds the schema table of a 3,000-table database (about 4 MB); pages are only allocated when used.
    sqlite3_exec(db_, "PRAGMA cache_size = -8192", nullptr, nullptr, nullptr);
    // reconcile changes the schema, not the data: with foreign keys enforced, the DROP TABLE of
    // a table rebuild would delete the rows of its ON DELETE CASCADE children. The setting is
    // a no-op inside a transaction, so it is made here, before any; a rebuild checks the keys
    // itself before COMMIT (PRAGMA foreign_key_check). Some builds turn them on by default.
    sqlite3_exec(db_, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
}

SqliteConnection::~SqliteConnection() {
    if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
}

std::string SqliteConnection::server_version() { return std::string("SQLite ") + sqlite3_libversion(); }

namespace {

// sqlite3_prepare_v2 compiles the first statement of a text and says where it stopped: the
// rest must be empty (white space or comments), or the text held a second statement, which is
// refused before anything runs. The one-statement guarantee is the engine's reading of the
// text, not our lexer's (SQLite quotes with [ ] and ` `, and has no E'…' strings).
StatementPtr prepare_one(sqlite3* db, const std::string& sql) {
    if (sql.find('\0') != std::string::npos)
        throw Error(ErrorKind::Internal, "a statement holds a NUL byte, which would cut it short: not run");
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, &tail) != SQLITE_OK)
        throw SqlError(sql, sqlite3_errmsg(db));
    StatementPtr stmt(raw);
    const char* end = sql.c_str() + sql.size();
    while (tail && tail < end) {
        sqlite3_stmt* next = nullptr;
        const char* after = nullptr;
        const int rc = sqlite3_prepare_v2(db, tail, static_cast<int>(end - tail), &next, &after);
        StatementPtr second(next);
        if (rc != SQLITE_OK || next)
            throw SqlError(sql, "refused: the text holds more than one statement (only one is ever run)");
        if (after == tail) break;
        tail = after;
    }
    if (!stmt) throw SqlError(sql, "refused: the text holds no statement");
    return stmt;
}

}  // namespace

std::vector<Row> SqliteConnection::query(const std::string& sql, const std::vector<std::string>& params) {
    ++queries_;
    StatementPtr stmt = prepare_one(db_, sql);
    sqlite3_stmt* raw = stmt.get();
    for (std::size_t i = 0; i < params.size(); ++i)
        sqlite3_bind_text(raw, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(raw);
    for (;;) {
        int rc = sqlite3_step(raw);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) throw SqlError(sql, sqlite3_errmsg(db_));
        Row row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            if (sqlite3_column_type(raw, c) == SQLITE_NULL) {
                row.emplace_back();
            } else {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
                row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(raw, c))));
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void SqliteConnection::execute(const std::string& sql) {
    StatementPtr stmt = prepare_one(db_, sql);
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {}
    if (rc != SQLITE_DONE) throw SqlError(sql, sqlite3_errmsg(db_));
}

void SqliteConnection::execute(const std::string& sql, const std::vector<Value>& params) {
    StatementPtr stmt = prepare_one(db_, sql);
    sqlite3_stmt* raw = stmt.get();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int at = static_cast<int>(i + 1);
        if (params[i]) sqlite3_bind_text(raw, at, params[i]->data(), static_cast<int>(params[i]->size()), SQLITE_TRANSIENT);
        else sqlite3_bind_null(raw, at);
    }
    int rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {}
    if (rc != SQLITE_DONE) throw SqlError(sql, sqlite3_errmsg(db_));
}

void SqliteConnection::set_lock_timeout(std::chrono::milliseconds timeout) {
    sqlite3_busy_timeout(db_, static_cast<int>(std::min<std::chrono::milliseconds::rep>(timeout.count(), 1 << 30)));
}

void SqliteConnection::set_statement_timeout(std::chrono::milliseconds) {}

void SqliteConnection::begin(bool write) {
    execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
    in_transaction_ = true;
}

void SqliteConnection::commit() {
    if (!in_transaction_) return;
    execute("COMMIT");
    in_transaction_ = false;
    savepoints_ = 0;
}

void SqliteConnection::rollback() {
    if (!in_transaction_) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    in_transaction_ = false;
    savepoints_ = 0;
}

void SqliteConnection::savepoint() {
    if (!in_transaction_) throw Error(ErrorKind::Internal, "a savepoint needs an open transaction");
    execute("SAVEPOINT reconcile_" + std::to_string(savepoints_ + 1));
    ++savepoints_;
}

void SqliteConnection::release_savepoint() {
    if (savepoints_ == 0) return;
    execute("RELEASE SAVEPOINT reconcile_" + std::to_string(savepoints_));
    --savepoints_;
}

void SqliteConnection::rollback_to_savepoint() {
    if (savepoints_ == 0) return;
    // ROLLBACK TO keeps the savepoint open: release it too, as PostgreSQL's subtransactions do.
    const std::string name = "reconcile_" + std::to_string(savepoints_);
    execute("ROLLBACK TO SAVEPOINT " + name);
    execute("RELEASE SAVEPOINT " + name);
    --savepoints_;
}

}  // namespace reconcile::db
