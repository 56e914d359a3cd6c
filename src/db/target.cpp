#include "db/target.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/error.h"
#include "db/postgres_connection.h"
#include "db/sqlite_connection.h"

namespace reconcile::db {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string percent_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The password libpq reads from `url` (also from a key spelt with percent escapes, which its URI
// parser decodes), and every other option whose name says it is one. PQconninfoParse only
// parses: nothing is looked up or connected.
std::vector<std::string> libpq_secrets(const std::string& url) {
    std::vector<std::string> out;
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (error) PQfreemem(error);
    if (!options) return out;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        const std::string keyword = o->keyword;
        const bool secret = keyword.find("password") != std::string::npos || (o->dispchar && o->dispchar[0] == '*');
        if (secret && o->val && *o->val) out.emplace_back(o->val);
    }
    PQconninfoFree(options);
    return out;
}

}  // namespace

Target Target::parse(const std::string& url) {
    Target t;
    t.url_ = url;
    if (starts_with(url, "sqlite:")) {
        t.engine_ = Engine::SQLite;
        std::string path = url.substr(7);
        if (starts_with(path, "//")) path = path.substr(2);  // sqlite://rel, sqlite:///abs
        if (path.empty()) throw Error(ErrorKind::Usage, "the SQLite URL '" + url + "' names no file");
        t.sqlite_path_ = path;
        t.display_ = url;
        return t;
    }
    if (!starts_with(url, "postgresql://") && !starts_with(url, "postgres://")) {
        // Do not echo the text: a mistyped URL may still hold a password.
        throw Error(ErrorKind::Usage,
                    "the database URL must start with postgresql://, postgres:// or sqlite: (got something else)");
    }
    t.engine_ = Engine::PostgreSQL;
    const std::size_t scheme_end = url.find("://") + 3;
    std::string display = url;
    // The userinfo ends at the LAST '@': a password may hold '/', '?', '#' or '@' that the
    // person forgot to percent-encode, and it must be hidden even then.
    const std::size_t at = url.rfind('@');
    if (at != std::string::npos && at >= scheme_end) {
        const std::size_t colon = url.find(':', scheme_end);
        if (colon != std::string::npos && colon < at) {
            std::string password = url.substr(colon + 1, at - colon - 1);
            if (!password.empty()) {
                t.secrets_.push_back(password);
                display = url.substr(0, colon + 1) + "***" + url.substr(at);
            }
        }
    }
    // password=, sslpassword=, … among the query parameters.
    const std::size_t q = display.find('?', display.rfind('@') == std::string::npos ? 0 : display.rfind('@'));
    if (q != std::string::npos) {
        std::size_t pos = q + 1;
        while (pos < display.size()) {
            std::size_t amp = display.find('&', pos);
            if (amp == std::string::npos) amp = display.size();
            const std::size_t eq = display.find('=', pos);
            if (eq != std::string::npos && eq < amp && eq > pos) {
                // libpq decodes the key too: pass%77ord= is password=.
                // And any case: libpq refuses PASSWORD=, but a value meant as one is hidden anyway.
                std::string key = percent_decode(display.substr(pos, eq - pos));
                for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                const bool secret = key.size() >= 8 && key.compare(key.size() - 8, 8, "password") == 0;
                if (secret && eq + 1 < amp) {
                    t.secrets_.push_back(display.substr(eq + 1, amp - eq - 1));
                    display.replace(eq + 1, amp - eq - 1, "***");
                    amp = eq + 1 + 3;
                }
            }
            pos = amp + 1;
        }
    }
    // What libpq itself will take as the password, however the URL spells it.
    for (const std::string& value : libpq_secrets(url)) t.secrets_.push_back(value);
    for (std::size_t i = 0, n = t.secrets_.size(); i < n; ++i) {
        std::string decoded = percent_decode(t.secrets_[i]);
        if (decoded != t.secrets_[i]) t.secrets_.push_back(decoded);
    }
    // libpq splits a URL with unencoded '/', '?', '#' or ':' in the password at those
    // characters and may quote a piece back ("invalid integer value for port"): hide the
    // pieces too.
    for (std::size_t i = 0, n = t.secrets_.size(); i < n; ++i) {
        const std::string whole = t.secrets_[i];
        std::size_t start = 0;
        for (std::size_t pos = 0; pos <= whole.size(); ++pos) {
            if (pos < whole.size() && std::string("/?#:@&=").find(whole[pos]) == std::string::npos) continue;
            if (pos - start >= 3 && pos - start < whole.size()) t.secrets_.push_back(whole.substr(start, pos - start));
            start = pos + 1;
        }
    }
    // Whatever the shape of the URL, no secret survives in what is shown of it.
    t.display_ = redact(display, t.secrets_);
    return t;
}

std::vector<std::string> secrets_in_text(const std::string& text) {
    // A URL of any scheme (postgresql+psycopg2://, jdbc:postgresql://, or ours) inside `text`
    // (a bare argument, --flag=URL): its userinfo and password parameters are read as ours.
    // And libpq's keyword/value form ("host=db password=…"), which reconcile does not take as a
    // URL but a person may still type.
    std::vector<std::string> out = libpq_secrets(text);
    const std::size_t sep = text.find("://");
    if (sep == std::string::npos) return out;
    try {
        const Target target = Target::parse("postgresql" + text.substr(sep));
        out.insert(out.end(), target.secrets().begin(), target.secrets().end());
    } catch (const std::exception&) {
    }
    return out;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
    // Longest first, so that a secret's pieces do not leave the rest of it behind. A secret that
    // is part of the mask itself ("*" to "***") cannot be told from it and is not looked for.
    std::vector<const std::string*> order;
    for (const auto& s : secrets)
        if (!s.empty() && std::string_view("***").find(s) == std::string_view::npos) order.push_back(&s);
    std::sort(order.begin(), order.end(), [](const std::string* a, const std::string* b) { return a->size() > b->size(); });
    auto holds_secret = [&] {
        return std::any_of(order.begin(), order.end(), [&](const std::string* s) { return text.find(*s) != std::string::npos; });
    };
    // A mask next to what is left can spell a secret again ("pos" + "***" holds "pos*"): mask
    // until none is left, and withhold the text if that does not settle.
    for (int pass = 0; pass < 8 && holds_secret(); ++pass)
        for (const std::string* s : order)
            for (std::size_t pos = text.find(*s); pos != std::string::npos; pos = text.find(*s, pos + 3))
                text.replace(pos, s->size(), "***");
    if (!holds_secret()) return text;
    text = "(withheld: this text holds a password that cannot be masked in it)";
    // The notice is made of letters, and so may be a short secret: then only the mask is left,
    // which holds none of the secrets looked for.
    return holds_secret() ? std::string("***") : text;
}

namespace {

std::unique_ptr<Connection> open_engine(const Target& target, OpenMode mode) {
    if (target.engine() == Engine::PostgreSQL) return std::make_unique<PostgresConnection>(target);
    std::error_code ec;
    if (mode == OpenMode::ReadOnlyExisting && !std::filesystem::exists(target.sqlite_path(), ec))
        throw Error(ErrorKind::Connection, "the SQLite database '" + target.sqlite_path() + "' does not exist");
    if (mode == OpenMode::ReadOnly && !std::filesystem::exists(target.sqlite_path(), ec))
        return std::make_unique<SqliteConnection>(":memory:", SqliteConnection::Open::ReadWriteCreate);
    return std::make_unique<SqliteConnection>(target.sqlite_path(), mode != OpenMode::ReadWrite
                                                                        ? SqliteConnection::Open::ReadOnly
                                                                        : SqliteConnection::Open::ReadWriteCreate);
}

}  // namespace

std::unique_ptr<Connection> open(const Target& target, OpenMode mode, std::chrono::milliseconds lock_timeout) {
    auto connection = open_engine(target, mode);
    connection->set_lock_timeout(lock_timeout);
    return connection;
}

}  // namespace reconcile::db
