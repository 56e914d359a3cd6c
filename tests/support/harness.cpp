#include "support/harness.h"

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <thread>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <sqlite3.h>

#include "cli/app.h"
#include "db/postgres_connection.h"
#include "db/sqlite_connection.h"
#include "db/target.h"
#include "model/load_toml.h"

namespace testing {

namespace fs = std::filesystem;
using reconcile::db::Row;

CliResult run_cli(const std::vector<std::string>& args) {
    std::vector<std::string> full{"reconcile"};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    CliResult r;
    r.status = reconcile::cli::run(full, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

nlohmann::json dry_run_json(const std::string& schema, const std::string& url) {
    auto r = run_cli({"--dry-run", "--schema", schema, "--database-url", url, "--format", "json"});
    INFO(r.all());
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
}

CliResult run_binary(const std::vector<std::string>& args) { return run_binary_killed_after(args, std::chrono::milliseconds(0)); }

CliResult run_binary_killed_after(const std::vector<std::string>& args, std::chrono::milliseconds kill_after) {
    TempDir dir;
    fs::path log = dir.path() / "out.txt";
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 1), dup2(fd, 2);
        std::vector<char*> argv;
        std::string binary = RECONCILE_BINARY_PATH;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    if (kill_after.count() > 0) {
        std::this_thread::sleep_for(kill_after);
        kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    std::ifstream in(log);
    std::stringstream buf;
    buf << in.rdbuf();
    CliResult r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = buf.str();
    return r;
}

CliResult run_binary_on_terminal(const std::vector<std::string>& args, const char* no_color) {
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (no_color) setenv("NO_COLOR", no_color, 1);
        else unsetenv("NO_COLOR");
        std::vector<char*> argv;
        std::string binary = RECONCILE_BINARY_PATH;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    // Read until the child's side closes (EIO on Linux once it has exited): no fixed wait.
    std::string shown;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n > 0) shown.append(buf, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EINTR) continue;
        else break;
    }
    ::close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    CliResult r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = shown;
    return r;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string read_tree(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string out;
    for (const auto& f : files) out += "=== " + fs::relative(f, dir).generic_string() + "\n" + read_file(f);
    return out;
}

std::pair<int, int> apply_eight_at_once(const std::string& schema, const std::string& url) {
    std::vector<std::future<CliResult>> runs;
    for (int i = 0; i < 8; ++i)
        runs.push_back(std::async(std::launch::async, [&] {
            return run_binary({"--apply", "--color", "never", "--schema", schema, "--database-url", url});
        }));
    int applied = 0, nothing = 0;
    for (auto& f : runs) {
        auto r = f.get();
        INFO(r.out);
        CHECK(r.status == 0);
        applied += r.out.find("and committed") != std::string::npos;
        nothing += r.out.find("nothing to apply: no DDL executed") != std::string::npos;
        CHECK_THAT(r.out, Catch::Contains("verified: the database matches the model"));
    }
    return {applied, nothing};
}

ScopedEnv::ScopedEnv(const char* name, const char* value) : name_(name), had_(std::getenv(name) != nullptr) {
    if (had_) saved_ = std::getenv(name);
    if (value) setenv(name, value, 1);
    else unsetenv(name);
}
ScopedEnv::~ScopedEnv() {
    if (had_) setenv(name_.c_str(), saved_.c_str(), 1);
    else unsetenv(name_.c_str());
}

std::string source_dir() { return RECONCILE_SOURCE_DIR; }
std::string example_schema_dir() { return source_dir() + "/schema"; }

TempDir::TempDir() {
    std::string templ = (fs::temp_directory_path() / "reconcile-test.XXXXXX").string();
    REQUIRE(mkdtemp(templ.data()) != nullptr);
    path_ = templ;
}
TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}
fs::path TempDir::write(const std::string& name, const std::string& text) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

namespace {

std::string admin_url() {
    const char* url = std::getenv("RECONCILE_TEST_PG_URL");
    if (!url || !*url)
        FAIL("RECONCILE_TEST_PG_URL is not set: run the tests through scripts/test.sh, which starts PostgreSQL");
    return url;
}

std::unique_ptr<reconcile::db::Connection> pg_connect(const std::string& url) {
    return std::make_unique<reconcile::db::PostgresConnection>(reconcile::db::Target::parse(url));
}

std::string with_database(const std::string& url, const std::string& db) {
    auto slash = url.rfind('/');
    auto query = url.find('?', slash);
    return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

std::string rows_text(const std::vector<Row>& rows) {
    std::string out;
    for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) out += (i ? " | " : "") + (r[i] ? *r[i] : std::string("NULL"));
        out += "\n";
    }
    return out;
}

}  // namespace

PgDatabase::PgDatabase() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    name_ = "rt_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
    auto admin = pg_connect(admin_url());
    admin->execute("CREATE DATABASE " + name_);
    url_ = with_database(admin_url(), name_);
}

PgDatabase::~PgDatabase() {
    try {
        auto admin = pg_connect(admin_url());
        admin->execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
}

std::string PgDatabase::url_with_password(const std::string& password) const {
    // postgresql://postgres@host → postgresql://postgres:password@host (the test server trusts
    // loopback, so the password is carried but not needed).
    std::string u = url_;
    auto at = u.find('@');
    return u.substr(0, at) + ":" + password + u.substr(at);
}

std::unique_ptr<reconcile::db::Connection> PgDatabase::connect() const { return pg_connect(url_); }
// Test fixtures are scripts of several statements, which reconcile's own connections refuse
// (one statement per call): they go through the drivers' script interfaces instead.
void PgDatabase::exec(const std::string& sql) const {
    pqxx::connection c(url_);
    pqxx::nontransaction(c).exec(sql);
}
std::vector<Row> PgDatabase::query(const std::string& sql) const { return connect()->query(sql); }
std::string PgDatabase::scalar(const std::string& sql) const {
    auto rows = query(sql);
    REQUIRE(rows.size() == 1);
    return rows[0][0] ? *rows[0][0] : "NULL";
}

std::string PgDatabase::catalog_snapshot() const {
    const char* sql = R"SQL(
-- relations with their owner, persistence, comment, partition key and bound, a view's query
SELECT 'rel', n.nspname, c.relname, c.relkind::text,
       concat_ws(' ', 'owner:' || pg_get_userbyid(c.relowner), 'persistence:' || c.relpersistence::text,
                 'comment:' || obj_description(c.oid, 'pg_class'),
                 'partition by:' || CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                 'bound:' || pg_get_expr(c.relpartbound, c.oid),
                 'query:' || CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                 'options:' || c.reloptions::text, 'replica identity:' || c.relreplident::text,
                 'tablespace:' || (SELECT s.spcname FROM pg_tablespace s WHERE s.oid = c.reltablespace))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
SELECT 'col', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text
       || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity:' || a.attidentity::text || ' generated:' || a.attgenerated::text
       || ' collation:' || coalesce(a.attcollation::regcollation::text, '')
       || coalesce(' comment:' || col_description(c.oid, a.attnum), '') || coalesce(' acl:' || a.attacl::text, '')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'con', n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
SELECT 'idx', n.nspname, c.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
-- a sequence's options (identity and serial sequences included), and the column that owns it
SELECT 'seq', n.nspname, c.relname, format_type(s.seqtypid, NULL),
       concat_ws(' ', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                 (SELECT d.deptype::text || ':' || d.refobjid::regclass::text || '.' || a.attname FROM pg_depend d
                    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                   WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass
                     AND d.deptype IN ('a', 'i') LIMIT 1))
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
-- functions and procedures as the server prints them back (every attribute CREATE sets), with
-- their comments; an extension's are the extension's
SELECT 'fn', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
       pg_get_functiondef(p.oid) || coalesce(' comment:' || obj_description(p.oid, 'pg_proc'), '') || ' owner:' || pg_get_userbyid(p.proowner)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND p.prokind IN ('f', 'p')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
-- aggregates: their functions, state, initial value, kind and sort operator, comment and owner
SELECT 'agg', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
       concat_ws(' ', a.aggkind::text, a.aggtransfn::text, a.aggfinalfn::text, a.aggcombinefn::text, format_type(a.aggtranstype, NULL),
                 'init:' || a.agginitval, 'sortop:' || a.aggsortop::regoperator::text, 'comment:' || obj_description(p.oid, 'pg_proc'),
                 'owner:' || pg_get_userbyid(p.proowner))
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
-- extensions, with their schema and version
SELECT 'ext', n.nspname, e.extname, e.extversion, ''
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
UNION ALL
-- triggers (a partitioned table's clones on its partitions too), their state and comment
SELECT 'trg', n.nspname, c.relname, t.tgname,
       pg_get_triggerdef(t.oid) || ' state:' || t.tgenabled::text || coalesce(' comment:' || obj_description(t.oid, 'pg_trigger'), '')
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND NOT t.tgisinternal
UNION ALL
-- row-level security switched on or forced, and the policies with their roles and comment
SELECT 'rls', n.nspname, c.relname, c.relrowsecurity::text, c.relforcerowsecurity::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND (c.relrowsecurity OR c.relforcerowsecurity)
UNION ALL
-- privileges, every role's, as aclexplode reads them (PostgreSQL's default where none are set)
SELECT 'acl', n.nspname, c.relname, c.relkind::text,
       (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END
               || ':' || a.privilege_type || ':' || a.is_grantable::text AS x
               FROM aclexplode(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))) a) e)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
UNION ALL
SELECT 'acl', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
       (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END
               || ':' || a.privilege_type || ':' || a.is_grantable::text AS x
               FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a) e)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
SELECT 'acl', n.nspname, t.typname, t.typtype::text,
       (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END
               || ':' || a.privilege_type || ':' || a.is_grantable::text AS x
               FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a) e)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd')
UNION ALL
SELECT 'acl', n.nspname, '', 'schema',
       (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END
               || ':' || a.privilege_type || ':' || a.is_grantable::text AS x
               FROM aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a) e)
  FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_'
UNION ALL
-- schemas with their owner and comment
SELECT 'nsp', n.nspname, '', pg_get_userbyid(n.nspowner), coalesce(obj_description(n.oid, 'pg_namespace'), '')
  FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_'
UNION ALL
-- enum types with their values in order, domains with their base type, NOT NULL, default and
-- checks, each with its owner and comment (an extension's aside)
SELECT 'typ', n.nspname, t.typname, t.typtype::text,
       concat_ws(' ', 'owner:' || pg_get_userbyid(t.typowner), 'comment:' || obj_description(t.oid, 'pg_type'),
                 'values:' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
                 'base:' || CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
                 'not null:' || CASE WHEN t.typtype = 'd' THEN t.typnotnull::text END, 'default:' || t.typdefault,
                 'checks:' || (SELECT string_agg(con.conname || ' ' || pg_get_constraintdef(con.oid), '; ' ORDER BY con.conname)
                                 FROM pg_constraint con WHERE con.contypid = t.oid))
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
-- default privileges (ALTER DEFAULT PRIVILEGES), by role, schema and kind of object
SELECT 'dacl', coalesce(n.nspname, ''), pg_get_userbyid(da.defaclrole), da.defaclobjtype::text, da.defaclacl::text
  FROM pg_default_acl da LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace
UNION ALL
SELECT 'pol', p.schemaname, p.tablename, p.policyname,
       concat_ws(' ', p.permissive, p.cmd, p.roles::text, 'using:' || p.qual, 'check:' || p.with_check,
                 'comment:' || obj_description(pol.oid, 'pg_policy'))
  FROM pg_policies p
  JOIN pg_class c ON c.relname = p.tablename JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = p.schemaname
  JOIN pg_policy pol ON pol.polrelid = c.oid AND pol.polname = p.policyname
ORDER BY 1, 2, 3, 4, 5
)SQL";
    return rows_text(query(sql));
}

int PgDatabase::run_sql_file(const fs::path& file, bool single_transaction) const {
    std::string cmd = std::string("psql -X -q -v ON_ERROR_STOP=1 ") + (single_transaction ? "-1 " : "") + "-f '" + file.string() + "' '" + url_ + "' >/dev/null 2>&1";
    return std::system(cmd.c_str());
}

void PgDatabase::start_ddl_log() const {
    exec("CREATE SCHEMA ddl_audit; CREATE TABLE ddl_audit.log (tag text, object text);"
         "CREATE FUNCTION ddl_audit.record() RETURNS event_trigger LANGUAGE plpgsql AS $$ DECLARE r record; BEGIN "
         "FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP "
         "INSERT INTO ddl_audit.log VALUES (r.command_tag, r.object_identity); END LOOP; END $$;"
         "CREATE EVENT TRIGGER ddl_audit ON ddl_command_end EXECUTE FUNCTION ddl_audit.record();");
}

std::vector<std::pair<std::string, std::string>> PgDatabase::ddl_log() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : query("SELECT tag, object FROM ddl_audit.log"))
        out.emplace_back(row[0].value_or(""), row[1].value_or(""));
    return out;
}

// The extension lives in the admin database, so the databases under test hold nothing they did
// not create; the statistics are per database (dbid) anyway.
void PgDatabase::start_statement_count() const {
    auto admin = pg_connect(admin_url());
    try {
        admin->execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    } catch (const reconcile::SqlError&) {
        admin->execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");  // another test made it meanwhile
    }
    admin->execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = '" + name_ + "'), 0)");
}

std::vector<std::pair<std::string, long long>> PgDatabase::statement_count() const {
    auto admin = pg_connect(admin_url());
    std::vector<std::pair<std::string, long long>> out;
    for (const auto& row : admin->query("SELECT query, calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                                        "WHERE d.datname = '" + name_ + "' ORDER BY query"))
        out.emplace_back(row[0].value_or(""), std::stoll(row[1].value_or("0")));
    return out;
}

SqliteFile::SqliteFile() : path_(dir_.path() / "test.db") {}

std::unique_ptr<reconcile::db::Connection> SqliteFile::connect() const {
    return std::make_unique<reconcile::db::SqliteConnection>(path_.string(), reconcile::db::SqliteConnection::Open::ReadWriteCreate);
}
void SqliteFile::exec(const std::string& sql) const {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path_.string().c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + error + "\nwhile running:\n" + sql);
}
std::string SqliteFile::scalar(const std::string& sql) const {
    auto rows = connect()->query(sql);
    REQUIRE(rows.size() == 1);
    return rows[0][0] ? *rows[0][0] : "NULL";
}
int SqliteFile::run_sql_file(const fs::path& file) const {
    std::string cmd = "sqlite3 -bail '" + path_.string() + "' < '" + file.string() + "'";
    return std::system(cmd.c_str());
}

std::string SqliteFile::catalog_snapshot() const {
    if (!fs::exists(path_)) return {};
    return rows_text(connect()->query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"));
}

std::string SqliteFile::structure_snapshot() const {
    const char* sql = R"SQL(
SELECT 'col', m.name, printf('%05d', c.cid), c.name || ' ' || upper(c.type) || ' ' || c."notnull" || ' ' || coalesce(c.dflt_value, '-') ||
       ' ' || c.pk || ' ' || c.hidden
  FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) c WHERE m.type = 'table'
UNION ALL
SELECT 'idx', m.name, i.name, i."unique" || ' ' || i.origin || ' ' || i.partial || ' ' ||
       (SELECT group_concat(coalesce(x.name, '<expr>') || ' ' || x."desc" || ' ' || x.coll, ', ')
          FROM (SELECT * FROM pragma_index_xinfo(i.name) WHERE key = 1 ORDER BY seqno) x)
  FROM sqlite_schema m JOIN pragma_index_list(m.name) i WHERE m.type = 'table'
UNION ALL
SELECT 'fk', m.name, printf('%05d %05d', f.id, f.seq), f."table" || ' ' || f."from" || ' ' || coalesce(f."to", '-') || ' ' ||
       f.on_update || ' ' || f.on_delete || ' ' || f."match"
  FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
UNION ALL
SELECT type, lower(tbl_name), name, '' FROM sqlite_schema WHERE type IN ('trigger', 'view')  -- tbl_name as the CREATE wrote it
ORDER BY 1, 2, 3
)SQL";
    return rows_text(connect()->query(sql));
}

reconcile::model::Schema schema_from_toml(const std::string& toml) {
    reconcile::model::Schema s;
    reconcile::model::load_schema_text(toml, "test.toml", s);
    reconcile::model::validate_schema(s);
    return s;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + needle.size())) ++n;
    return n;
}

}  // namespace testing
