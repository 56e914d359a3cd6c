#pragma once
#include <string>

#include "db/connection.h"

struct sqlite3;

namespace reconcile::db {

class SqliteConnection final : public Connection {
public:
    enum class Open { ReadOnly, ReadWriteCreate };
    SqliteConnection(const std::string& path, Open mode);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Engine engine() const override { return Engine::SQLite; }
    std::string server_version() override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params) override;
    void execute(const std::string& sql) override;
    void execute(const std::string& sql, const std::vector<Value>& params) override;
    void begin(bool write) override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void release_savepoint() override;
    void rollback_to_savepoint() override;
    void set_lock_timeout(std::chrono::milliseconds timeout) override;
    void set_statement_timeout(std::chrono::milliseconds timeout) override;

private:
    sqlite3* db_ = nullptr;
    bool in_transaction_ = false;
    int savepoints_ = 0;  // open savepoints, named by depth
};

}  // namespace reconcile::db
