#pragma once
#include <memory>

#include "db/connection.h"
#include "db/target.h"

namespace reconcile::db {

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(const Target& target);
    ~PostgresConnection() override;

    Engine engine() const override { return Engine::PostgreSQL; }
    std::string server_version() override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params) override;
    void execute(const std::string& sql) override;
    void begin(bool write) override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void release_savepoint() override;
    void rollback_to_savepoint() override;

    // libpqxx's quote_name needs a live connection; tests cross-check the offline renderer.
    std::string quote_name(const std::string& identifier);

private:
    struct Impl;  // keeps libpqxx out of every file that includes this one
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> secrets_;
};

}  // namespace reconcile::db
