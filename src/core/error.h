#pragma once
// One error type for everything reconcile reports to a person. Libraries (libpqxx, toml++,
// sqlite3, CLI11) throw their own types; the modules that call them translate at their edge,
// and cli/ is the one place that catches and maps to an exit status.
#include <memory>
#include <stdexcept>
#include <string>

namespace reconcile {

// Where a schema mistake was made; line/column are 1-based, 0 means "unknown".
struct SourceLoc {
    // Shared: every table, column and index read from one file points at one copy of its name
    // (a 3,000-file schema has about 100,000 locations).
    std::shared_ptr<const std::string> file;
    int line = 0;
    int column = 0;

    SourceLoc() = default;
    explicit SourceLoc(std::string file_name, int line_ = 0, int column_ = 0)
        : file(std::make_shared<const std::string>(std::move(file_name))), line(line_), column(column_) {}
    SourceLoc(std::shared_ptr<const std::string> file_name, int line_, int column_)
        : file(std::move(file_name)), line(line_), column(column_) {}

    bool known() const { return file && !file->empty(); }
    std::string str() const;  // "file:line:column", or "file" when the position is unknown
};

enum class ErrorKind {
    Usage,       // bad command line
    Schema,      // the TOML model is wrong
    Connection,  // cannot reach or open the database
    // The connection died while a write transaction was open, before COMMIT was sent: the
    // server rolled it back.
    ConnectionLostRolledBack,
    // The connection died after COMMIT was sent and before its answer: it may or may not
    // have committed.
    CommitUnknown,
    // Committed; the connection died afterwards, so the verifying read could not run.
    VerifyUnavailable,
    Sql,         // the database rejected a statement
    Verify,      // applied, but the database still differs from the model
    Refused,     // reconcile declined to act (e.g. unsafe request)
    Internal,
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, SourceLoc where = {})
        : std::runtime_error(message), kind_(kind), where_(std::move(where)) {}
    ErrorKind kind() const { return kind_; }
    const SourceLoc& where() const { return where_; }

private:
    ErrorKind kind_;
    SourceLoc where_;
};

// A statement the database refused, with the server's own words.
class SqlError : public Error {
public:
    SqlError(std::string statement, std::string server_message, std::string sqlstate = {})
        : Error(ErrorKind::Sql, server_message), statement_(std::move(statement)),
          sqlstate_(std::move(sqlstate)) {}
    const std::string& statement() const { return statement_; }
    const std::string& sqlstate() const { return sqlstate_; }
    // PostgreSQL's lock_not_available (55P03): the lock timeout expired.
    bool lock_not_available() const { return sqlstate_ == "55P03"; }
    // PostgreSQL's query_canceled (57014): the statement timeout expired (or someone cancelled it).
    bool cancelled() const { return sqlstate_ == "57014"; }

private:
    std::string statement_;
    std::string sqlstate_;
};

// Documented in README.md ("Exit statuses"); keep the two in step.
enum class ExitStatus : int {
    Ok = 0,
    Failure = 1,        // schema error, SQL failure, verification failure, connection failure
    Usage = 2,          // bad command line
    ChangesPending = 3, // reserved: dry run with --exit-code found pending changes
    ConnectionLost = 4, // the connection died before COMMIT: rolled back, nothing was changed
    CommitUnknown = 5,  // the connection died after COMMIT was sent: it may have committed
    VerifyUnavailable = 6, // committed, then the connection died before the verification
};

}  // namespace reconcile
