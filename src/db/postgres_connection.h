#pragma once
#include <memory>

#include "core/error.h"
#include "db/connection.h"
#include "db/target.h"

namespace pqxx {
class sql_error;
}

namespace reconcile::db {

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(const Target& target);
    ~PostgresConnection() override;

    Engine engine() const override { return Engine::PostgreSQL; }
    std::string server_version() override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params) override;
    void query_each(const std::string& sql, const std::vector<std::string>& params, const std::function<void(const Row&)>& each) override;
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
    std::optional<std::string> share_snapshot() override;
    std::unique_ptr<Connection> open_in_snapshot(const std::string& snapshot) const override;

    // libpqxx's quote_name needs a live connection; tests cross-check the offline renderer.
    std::string quote_name(const std::string& identifier);

private:
    bool lost() const;
    Error connection_lost(const std::string& detail) const;  // in the transaction now open
    Error connection_lost(const std::string& detail, bool write_transaction) const;
    SqlError statement_failed(const std::string& sql, const pqxx::sql_error& e) const;
    std::string lock_holders() const;
    struct Result;
    Result run_query(const std::string& sql, const std::vector<std::string>& params);
    // Runs `run` (which sends `sql`), translating libpqxx's exceptions into ours.
    template <typename Run>
    auto guarded(const std::string& sql, Run&& run) -> decltype(run());

    struct Impl;  // keeps libpqxx out of every file that includes this one
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> secrets_;
    Target target_;  // for sessions opened in this one's snapshot
};

}  // namespace reconcile::db
