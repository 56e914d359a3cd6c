#pragma once
// Test support: real databases only. PostgreSQL tests get a fresh database on the server that
// scripts/test.sh started (RECONCILE_TEST_PG_URL); without it they fail, they never skip.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/connection.h"
#include "model/schema.h"

namespace testing {

struct CliResult {
    int status = -1;
    std::string out, err;
    std::string all() const { return out + err; }
};

// reconcile::cli::run in-process; args exclude the program name.
CliResult run_cli(const std::vector<std::string>& args);

// The built binary in a child process (for concurrency): returns {status, output}.
CliResult run_binary(const std::vector<std::string>& args);
// The same, killed with SIGKILL after `kill_after` (status -1 then): what it had printed by then.
CliResult run_binary_killed_after(const std::vector<std::string>& args, std::chrono::milliseconds kill_after);

// The built binary on a pseudo-terminal (its stdout a terminal, as a person's is), with
// `no_color` set as NO_COLOR or NO_COLOR unset: {status, what the terminal showed}.
CliResult run_binary_on_terminal(const std::vector<std::string>& args, const char* no_color);

// `reconcile --dry-run --format json` of `schema` against `url`; the test fails unless it exits 0.
nlohmann::json dry_run_json(const std::string& schema, const std::string& url);

// A file's bytes; a directory's files, each as "=== <relative path>\n" and its bytes, in path order
// (what two exports are compared by).
std::string read_file(const std::filesystem::path& file);
std::string read_tree(const std::filesystem::path& dir);

// Eight `--apply` processes of `schema` against `url` started together, each checked to succeed
// and verify: {how many applied the plan, how many found nothing left to do}.
std::pair<int, int> apply_eight_at_once(const std::string& schema, const std::string& url);

// For one scope: the working directory, as a person running reconcile there has it.
struct InDirectory {
    std::filesystem::path old = std::filesystem::current_path();
    explicit InDirectory(const std::filesystem::path& p) { std::filesystem::current_path(p); }
    ~InDirectory() { std::filesystem::current_path(old); }
};

// For one scope: an environment variable set to `value`, or unset (nullptr), as this process and
// the child processes it starts see it; restored after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_, saved_;
    bool had_;
};

std::string source_dir();
std::string example_schema_dir();  // <repo>/schema

// A directory removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

// A fresh PostgreSQL database, dropped at the end of the test.
class PgDatabase {
public:
    PgDatabase();
    ~PgDatabase();
    const std::string& url() const { return url_; }
    std::string url_with_password(const std::string& password) const;
    std::unique_ptr<reconcile::db::Connection> connect() const;
    void exec(const std::string& sql) const;
    std::vector<reconcile::db::Row> query(const std::string& sql) const;
    std::string scalar(const std::string& sql) const;
    // The user-visible catalog as text, independent of reconcile's own introspection: relations
    // (owner, persistence, comment, partitioning, view query, options, replica identity,
    // tablespace), columns, constraints, indexes, sequences, functions, aggregates, extensions,
    // triggers, row-level security and policies, privileges and default privileges, schemas,
    // enums and domains.
    std::string catalog_snapshot() const;
    // Runs a SQL file with psql, stopping at the first error; the exit status. In one
    // transaction (psql -1) unless the script opens its own (a plan with statements after it).
    int run_sql_file(const std::filesystem::path& file, bool single_transaction = true) const;
    // Records every DDL command from now on (an event trigger writing to a table outside the
    // schemas under test), so tests can see what actually ran on the server.
    void start_ddl_log() const;
    std::vector<std::pair<std::string, std::string>> ddl_log() const;  // (command tag, object)
    // Every statement any client sends to this database from now on, as pg_stat_statements
    // (which scripts/lib/postgres-server.sh preloads) counts them: (normalised text, calls).
    void start_statement_count() const;
    std::vector<std::pair<std::string, long long>> statement_count() const;

private:
    std::string name_, url_;
};

// A SQLite database file in a temp directory.
class SqliteFile {
public:
    SqliteFile();
    std::string url() const { return "sqlite:" + path_.string(); }
    const std::filesystem::path& path() const { return path_; }
    std::unique_ptr<reconcile::db::Connection> connect() const;
    void exec(const std::string& sql) const;
    std::string scalar(const std::string& sql) const;
    std::string catalog_snapshot() const;  // sqlite_schema, sorted
    // What SQLite knows of each table, from its pragmas rather than the CREATE text: columns
    // (declared type, NOT NULL, default, key position, hidden), indexes with their keys
    // (ordering, collation) and foreign keys; sorted. Declared type names are compared in
    // upper case: SQLite keeps them as typed, and their case means nothing to it (the model
    // writes them in lower case).
    std::string structure_snapshot() const;
    // Runs a SQL file with sqlite3, stopping at the first error; the exit status.
    int run_sql_file(const std::filesystem::path& file) const;

private:
    TempDir dir_;
    std::filesystem::path path_;
};

// Loads a schema from TOML text (validated), as the CLI would.
reconcile::model::Schema schema_from_toml(const std::string& toml);

std::size_t count(const std::string& haystack, const std::string& needle);

}  // namespace testing
