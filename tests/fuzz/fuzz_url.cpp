// Any text as a database URL (and as a command-line word): parsing either succeeds or throws
// reconcile::Error, and what may be shown of a URL never holds the password libpq would read
// from it.
#include <libpq-fe.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "db/target.h"

namespace {

std::string libpq_password(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (error) PQfreemem(error);
    std::string out;
    if (!options) return out;
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (std::string(o->keyword) == "password" && o->val) out = o->val;
    PQconninfoFree(options);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find('\0') != std::string::npos) return 0;  // no command line or environment holds one
    // A command-line word holding a URL: what the error boundary prints of it hides the password.
    const auto word_secrets = reconcile::db::secrets_in_text(text);
    if (const std::string password = libpq_password(text); !password.empty() && std::string("***").find(password) == std::string::npos &&
                                                          reconcile::db::redact(text, word_secrets).find(password) != std::string::npos)
        std::abort();
    for (const std::string& url : {text, "postgresql://" + text}) {
        try {
            const auto target = reconcile::db::Target::parse(url);
            const std::string password = libpq_password(url);
            // "***" is what replaces a secret: a password that is part of it is "shown" by it.
            if (!password.empty() && std::string("***").find(password) == std::string::npos &&
                target.display().find(password) != std::string::npos)
                std::abort();
            if (!password.empty() && reconcile::db::redact("server said: " + password, target.secrets()).find(password) !=
                                         std::string::npos &&
                std::string("server said: ***").find(password) == std::string::npos)
                std::abort();
        } catch (const reconcile::Error&) {
        }
    }
    return 0;
}
