#pragma once
// A database URL as the person gave it, and the forms of it that may be shown: the password
// (in the userinfo or in a password= parameter) never leaves this type unredacted except
// through connection_string(), which only the driver sees.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"

namespace reconcile::db {

class Target {
public:
    // postgresql://… / postgres://… (anything libpq accepts), or sqlite:PATH, sqlite://PATH,
    // sqlite:///ABSOLUTE/PATH. Throws Error{Usage} for anything else.
    static Target parse(const std::string& url);

    Engine engine() const { return engine_; }
    const std::string& display() const { return display_; }          // password replaced by ***
    const std::string& connection_string() const { return url_; }    // for the driver only
    const std::string& sqlite_path() const { return sqlite_path_; }
    // Every secret in the URL, so error text from drivers can be scrubbed of them.
    const std::vector<std::string>& secrets() const { return secrets_; }

private:
    Engine engine_ = Engine::SQLite;
    std::string url_, display_, sqlite_path_;
    std::vector<std::string> secrets_;
};

// The secrets of any URL found in `text` (a command-line argument): empty when there is none.
std::vector<std::string> secrets_in_text(const std::string& text);

// Replaces every occurrence of each secret (and its percent-decoded form) with ***.
std::string redact(std::string text, const std::vector<std::string>& secrets);

enum class OpenMode { ReadOnly, ReadOnlyExisting, ReadWrite };

// Opens the target. A SQLite file that does not exist yet is created only for ReadWrite; for
// ReadOnly an empty in-memory database stands in for it (a dry run must not create files);
// ReadOnlyExisting refuses it (export and sources: a typo must not read as "no tables").
// --lock-timeout's default, and that of every connection reconcile opens.
inline constexpr std::chrono::milliseconds kDefaultLockTimeout{5000};

// Every connection starts with a lock timeout (Connection::set_lock_timeout): nothing reconcile
// runs waits forever for a lock another session holds.
std::unique_ptr<Connection> open(const Target& target, OpenMode mode, std::chrono::milliseconds lock_timeout = kDefaultLockTimeout);

}  // namespace reconcile::db
