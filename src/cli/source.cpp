#include "cli/source.h"

#include "apply/executor.h"
#include "db/target.h"
#include "dialect/dialect.h"
#include "model/load_toml.h"

namespace reconcile::cli {

bool is_database_url(const std::string& s) {
    return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0 || s.rfind("sqlite:", 0) == 0;
}

Source load_source(const std::string& path_or_url, std::vector<std::string>& secrets) {
    Source out;
    // Anything URL-shaped ("postgresql+psycopg2://…", "jdbc:…://…") is parsed as a URL, which
    // refuses unknown schemes without echoing them: it may hold a password.
    if (!is_database_url(path_or_url) && path_or_url.find("://") == std::string::npos) {
        out.schema = model::load_schema(path_or_url);
        out.display = path_or_url;
        return out;
    }
    db::Target target = db::Target::parse(path_or_url);
    secrets.insert(secrets.end(), target.secrets().begin(), target.secrets().end());
    auto connection = db::open(target, db::OpenMode::ReadOnlyExisting);
    const dialect::Dialect& d = dialect::dialect_for(target.engine());
    out.schema = apply::inspect_all(*connection, d);
    out.engine = target.engine();
    out.display = target.display();
    out.connection = std::move(connection);
    return out;
}

}  // namespace reconcile::cli
