// The real schemas in ../shared/corpus/: each loads into a fresh database; its export then
// dry-runs against that database with nothing to do and nothing to warn about; and applying the
// export to an empty database rebuilds the catalog, compared with pg_dump --schema-only on
// PostgreSQL and with SQLite's own pragmas on SQLite.
//
// Known exceptions, and why:
// - SQLite keeps each CREATE statement's text as typed; the texts are not compared, what SQLite
//   made of them is (see SqliteFile::structure_snapshot), with declared type names in one case.
// - Functions, procedures, aggregates and triggers are exported and made by reconcile like the
//   rest: the rebuild starts from an empty database and loads nothing by hand.
// - The public schema itself is made by initdb, not by the model: pg_dump's ALTER SCHEMA public
//   OWNER and its GRANT and REVOKE on the public schema (which pagila changes) are left out of
//   the comparison.
#include <catch2/catch.hpp>
#include <algorithm>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/harness.h"

using nlohmann::json;
using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

std::string corpus(const std::string& file) { return testing::source_dir() + "/../shared/corpus/" + file; }

int sh(const std::string& command) { return std::system(command.c_str()); }


template <class Db>
std::filesystem::path export_of(const Db& db, const TempDir& dir, const std::string& name) {
    const auto out = dir.path() / name;
    auto r = run_cli({"export", "--database-url", db.url(), "--out", out.string()});
    INFO(r.all());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, !Catch::Contains("not exported"));  // everything the corpus has is expressible
    // Editors accept what export writes: every file is valid against the model's JSON Schema.
    const std::string source = testing::source_dir();
    const std::string validate = "python3 '" + source + "/tests/json_schema/check_model_schema.py' --schema '" + source +
                                 "/docs/reconcile.schema.json' '" + out.string() + "' >/dev/null";
    CHECK(std::system(validate.c_str()) == 0);
    return out;
}

template <class Db>
void expect_nothing_to_do(const std::filesystem::path& schema, const Db& db) {
    json plan = testing::dry_run_json(schema.string(), db.url());
    INFO(plan["warnings"].dump(2));
    INFO(plan["changes"].dump(2));
    CHECK(plan["changes"].empty());
    CHECK(plan["warnings"].empty());
    CHECK(plan["summary"]["in_sync"].get<int>() > 0);
}

void apply(const std::filesystem::path& schema, const PgDatabase& db) {
    auto r = run_cli({"--apply", "--schema", schema.string(), "--database-url", db.url(), "--color", "never"});
    INFO(r.all());
    REQUIRE(r.status == 0);
    REQUIRE_THAT(r.out, Catch::Contains("verified: the database matches the model") && Catch::Contains(", 0 warnings)"));
}

// pg_dump --schema-only as a multiset of statements, without comments, blank lines, the
// session's \restrict key, and the known exceptions.
std::map<std::string, int> schema_statements(const PgDatabase& db, const TempDir& dir, const std::string& name) {
    const auto file = dir.path() / (name + ".sql");
    REQUIRE(sh("pg_dump --schema-only -f '" + file.string() + "' '" + db.url() + "'") == 0);
    std::map<std::string, int> out;
    std::istringstream in(testing::read_file(file));
    std::string line, statement;
    while (std::getline(in, line)) {
        if (line.empty() || line.rfind("--", 0) == 0 || line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0)
            continue;
        statement += line + "\n";
        if (line.back() != ';') continue;
        const bool public_schema_privileges =
            statement == "ALTER SCHEMA public OWNER TO postgres;\n" ||
            ((statement.rfind("GRANT ", 0) == 0 || statement.rfind("REVOKE ", 0) == 0) &&
             statement.find(" ON SCHEMA public ") != std::string::npos);
        if (!public_schema_privileges) ++out[statement];
        statement.clear();
    }
    return out;
}

std::string difference(const std::map<std::string, int>& a, const std::map<std::string, int>& b, const char* mark) {
    std::string out;
    for (const auto& [statement, n] : a) {
        auto it = b.find(statement);
        if (it == b.end() || it->second < n) out += mark + statement;
    }
    return out;
}

// The whole round trip on PostgreSQL.
void round_trip(const std::string& file) {
    PgDatabase source;
    REQUIRE(source.run_sql_file(corpus(file)) == 0);
    TempDir dir;
    const auto model = export_of(source, dir, "model");
    expect_nothing_to_do(model, source);

    PgDatabase target;
    apply(model, target);
    expect_nothing_to_do(model, target);

    const auto want = schema_statements(source, dir, "source"), got = schema_statements(target, dir, "target");
    const std::string missing = difference(want, got, "only in the source:\n"), extra = difference(got, want, "only in the rebuilt database:\n");
    INFO(missing.substr(0, 6000));
    INFO(extra.substr(0, 6000));
    CHECK(missing.empty());
    CHECK(extra.empty());

    // The rebuilt database exports the same files, byte for byte.
    const auto again = export_of(target, dir, "model-again");
    CHECK(testing::read_tree(again) == testing::read_tree(model));
}

}  // namespace

TEST_CASE("corpus: pagila rebuilds from its export", "[corpus][postgres]") { round_trip("pagila.sql"); }

TEST_CASE("corpus: chinook rebuilds from its export on PostgreSQL", "[corpus][postgres]") {
    round_trip("chinook-postgres.sql");
}

// GitLab's 1,401 tables (94 partitioned, with their partitions and the partitions' attached
// indexes), NOT VALID constraints, sequences owned by partitioned tables' columns, index storage
// parameters and schema comments.
TEST_CASE("corpus: gitlab rebuilds from its export", "[corpus][postgres]") { round_trip("gitlab.sql"); }

TEST_CASE("corpus: chinook rebuilds from its export on SQLite", "[corpus][sqlite]") {
    SqliteFile source;
    REQUIRE(source.run_sql_file(corpus("chinook-sqlite.sql")) == 0);
    TempDir dir;
    const auto model = export_of(source, dir, "model");
    expect_nothing_to_do(model, source);

    SqliteFile target;
    auto r = run_cli({"--apply", "--schema", model.string(), "--database-url", target.url(), "--color", "never"});
    INFO(r.all());
    REQUIRE(r.status == 0);
    expect_nothing_to_do(model, target);
    // sqlite_schema keeps each CREATE as it was typed, so the texts differ by design; what
    // SQLite made of them (its pragmas) must not.
    CHECK(target.structure_snapshot() == source.structure_snapshot());
    CHECK(testing::read_tree(export_of(target, dir, "model-again")) == testing::read_tree(model));
}
