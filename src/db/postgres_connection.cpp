#include "db/postgres_connection.h"

#include <pqxx/pqxx>

#include "core/error.h"

namespace reconcile::db {
namespace {

// Server NOTICEs ("relation already exists, skipping" from IF NOT EXISTS) are expected and are
// not the person's business; libpqxx would print them to stderr.
class QuietNotices final : public pqxx::errorhandler {
public:
    explicit QuietNotices(pqxx::connection_base& c) : pqxx::errorhandler(c) {}
    bool operator()(const char*) noexcept override { return false; }
};

std::string trim_message(std::string m) {
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

Error connection_lost(const pqxx::broken_connection& e, const std::vector<std::string>& secrets) {
    return Error(ErrorKind::Connection, "lost the connection to the database: " + redact(trim_message(e.what()), secrets));
}

}  // namespace

struct PostgresConnection::Impl {
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<pqxx::errorhandler> quiet;
    std::unique_ptr<pqxx::dbtransaction> tx;
    // Open savepoints, innermost last. libpqxx runs statements only in the innermost open
    // transaction object, and a subtransaction that fails rolls back to its savepoint itself.
    std::vector<std::unique_ptr<pqxx::subtransaction>> savepoints;

    pqxx::dbtransaction* current() {
        if (!savepoints.empty()) return savepoints.back().get();
        return tx.get();
    }
};

PostgresConnection::PostgresConnection(const Target& target)
    : impl_(std::make_unique<Impl>()), secrets_(target.secrets()) {
    try {
        impl_->conn = std::make_unique<pqxx::connection>(target.connection_string());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Connection,
                    "cannot connect to " + target.display() + ": " + redact(trim_message(e.what()), secrets_));
    }
    impl_->quiet = std::make_unique<QuietNotices>(*impl_->conn);
}

PostgresConnection::~PostgresConnection() {
    impl_->savepoints.clear();
    impl_->tx.reset();  // aborts an open transaction
    impl_->quiet.reset();
}

std::string PostgresConnection::server_version() {
    int v = impl_->conn->server_version();  // e.g. 150018
    return "PostgreSQL " + std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

std::vector<Row> PostgresConnection::query(const std::string& sql, const std::vector<std::string>& params) {
    ++queries_;
    try {
        pqxx::result r;
        if (auto* tx = impl_->current()) {
            r = tx->exec_params(sql, pqxx::prepare::make_dynamic_params(params));
        } else {
            pqxx::nontransaction nt(*impl_->conn);
            r = nt.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
        }
        std::vector<Row> rows;
        rows.reserve(r.size());
        for (const auto& row : r) {
            Row out;
            out.reserve(row.size());
            for (const auto& f : row) out.push_back(f.is_null() ? Value{} : Value{f.c_str()});
            rows.push_back(std::move(out));
        }
        return rows;
    } catch (const pqxx::sql_error& e) {
        throw SqlError(sql, trim_message(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e, secrets_);
    }
}

void PostgresConnection::execute(const std::string& sql) {
    try {
        if (auto* tx = impl_->current()) {
            tx->exec0(sql);
        } else {
            pqxx::nontransaction nt(*impl_->conn);
            nt.exec0(sql);
        }
    } catch (const pqxx::sql_error& e) {
        throw SqlError(sql, trim_message(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e, secrets_);
    }
}

void PostgresConnection::begin(bool write) {
    impl_->savepoints.clear();
    impl_->tx.reset();
    try {
        if (write) {
            impl_->tx = std::make_unique<pqxx::work>(*impl_->conn);
        } else {
            // One snapshot for every catalog query of an introspection.
            impl_->tx = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*impl_->conn);
        }
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e, secrets_);
    }
}

void PostgresConnection::commit() {
    impl_->savepoints.clear();  // callers release theirs first; one left open is rolled back to
    if (!impl_->tx) return;
    try {
        impl_->tx->commit();
    } catch (const pqxx::sql_error& e) {
        impl_->tx.reset();
        throw SqlError("COMMIT", trim_message(e.what()), e.sqlstate());
    } catch (const std::exception& e) {
        impl_->tx.reset();
        throw Error(ErrorKind::Connection, "commit failed: " + redact(trim_message(e.what()), secrets_));
    }
    impl_->tx.reset();
}

void PostgresConnection::rollback() {
    impl_->savepoints.clear();
    if (!impl_->tx) return;
    try {
        impl_->tx->abort();
    } catch (...) {
        // The server rolls back on its own when the session ends; nothing more to do.
    }
    impl_->tx.reset();
}

void PostgresConnection::savepoint() {
    pqxx::dbtransaction* parent = impl_->current();
    if (!parent) throw Error(ErrorKind::Internal, "a savepoint needs an open transaction");
    try {
        impl_->savepoints.push_back(std::make_unique<pqxx::subtransaction>(*parent));
    } catch (const pqxx::sql_error& e) {
        throw SqlError("SAVEPOINT", trim_message(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e, secrets_);
    }
}

void PostgresConnection::release_savepoint() {
    if (impl_->savepoints.empty()) return;
    try {
        impl_->savepoints.back()->commit();
    } catch (const pqxx::sql_error& e) {
        impl_->savepoints.pop_back();
        throw SqlError("RELEASE SAVEPOINT", trim_message(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        impl_->savepoints.pop_back();
        throw connection_lost(e, secrets_);
    }
    impl_->savepoints.pop_back();
}

void PostgresConnection::rollback_to_savepoint() {
    if (impl_->savepoints.empty()) return;
    auto innermost = std::move(impl_->savepoints.back());
    impl_->savepoints.pop_back();
    try {
        innermost->abort();  // a no-op when a failed statement already rolled it back
    } catch (const pqxx::broken_connection& e) {
        throw connection_lost(e, secrets_);
    } catch (const pqxx::sql_error& e) {
        throw SqlError("ROLLBACK TO SAVEPOINT", trim_message(e.what()), e.sqlstate());
    }
}

std::string PostgresConnection::quote_name(const std::string& identifier) {
    return impl_->conn->quote_name(identifier);
}

}  // namespace reconcile::db
