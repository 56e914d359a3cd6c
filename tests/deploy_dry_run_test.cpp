// The dry run every deploy pays for: on a schema in sync it reads the catalog with a fixed set of
// queries, whatever the schema's size, and sends the server no DDL (no probe of how it stores
// an expression: temporary objects are DDL too, seen by event triggers, audit logs and
// replication). Counted on the server by pg_stat_statements, not timed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <string>

#include "core/error.h"
#include "support/harness.h"

using namespace testing;

namespace {

// N tables shaped to tempt the "twin under another name" search: each has two partial indexes
// of the same shape and two expression indexes of the same shape, beside defaults with casts,
// checks, foreign keys and (every tenth) a view.
std::string tables_sql(int first, int last) {
    std::string sql;
    for (int i = first; i < last; ++i) {
        const std::string t = "t" + std::to_string(i);
        sql += "CREATE TABLE " + t + " (id bigint PRIMARY KEY, a text NOT NULL DEFAULT 'x', b text, "
               "flag boolean NOT NULL DEFAULT false, doc jsonb NOT NULL DEFAULT '{}'::jsonb, at timestamptz DEFAULT now(), "
               "n integer CONSTRAINT " + t + "_n_positive CHECK (n >= 0), state mood NOT NULL DEFAULT 'ok', "
               "share percent" + (i ? ", parent bigint REFERENCES t" + std::to_string(i - 1) + " (id)" : std::string()) + ");\n";
        sql += "CREATE INDEX " + t + "_a_live ON " + t + " (a) WHERE NOT flag;\n";
        sql += "CREATE INDEX " + t + "_b_live ON " + t + " (b) WHERE NOT flag;\n";
        sql += "CREATE INDEX " + t + "_lower_a ON " + t + " (lower(a));\n";
        sql += "CREATE INDEX " + t + "_lower_b ON " + t + " (lower(b));\n";
        sql += "CREATE UNIQUE INDEX " + t + "_a_b ON " + t + " (a, b) WHERE at IS NOT NULL;\n";
        if (i % 10 == 0) sql += "CREATE VIEW v" + std::to_string(i) + " AS SELECT id, lower(a) AS a FROM " + t + " WHERE NOT flag;\n";
    }
    return sql;
}

// What a no-op dry run of the export of an N-table database sends to the server.
std::vector<std::pair<std::string, long long>> statements_of_a_no_op_dry_run(int tables) {
    PgDatabase db;
    db.exec("CREATE TYPE mood AS ENUM ('ok', 'sad'); "
            "CREATE DOMAIN percent AS integer DEFAULT 0 CHECK (VALUE BETWEEN 0 AND 100)");
    // In slices: one transaction holding locks on thousands of relations would need more of
    // the server's lock table than the tests running beside this one leave.
    for (int first = 0; first < tables; first += 250) db.exec(tables_sql(first, std::min(tables, first + 250)));
    TempDir dir;
    const auto exported = run_cli({"export", "--database-url", db.url(), "--out", dir.path().string()});
    INFO(exported.all());
    REQUIRE(exported.status == 0);

    db.start_statement_count();
    const auto plan = dry_run_json(dir.path().string(), db.url());
    CHECK(plan["changes"].empty());
    CHECK(plan["warnings"].empty());
    // The sessions that read beside the first import its snapshot by an id that differs on
    // every run: the same statement, whatever the id.
    const std::regex snapshot_id("'[0-9A-Fa-f]+-[0-9A-Fa-f]+-[0-9]+'");
    std::map<std::string, long long> calls;
    for (const auto& [query, n] : db.statement_count()) calls[std::regex_replace(query, snapshot_id, "'…'")] += n;
    return {calls.begin(), calls.end()};
}

std::string first_word(const std::string& sql) {
    std::size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    std::size_t j = i;
    while (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j]))) ++j;
    std::string word = sql.substr(i, j - i);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return word;
}

}  // namespace

TEST_CASE("PostgreSQL: a no-op dry run sends the same few catalog queries for 300 tables as for 3,000, and no DDL",
          "[postgres][deploy]") {
    const auto small = statements_of_a_no_op_dry_run(300);
    const auto large = statements_of_a_no_op_dry_run(3000);
    std::string listing;
    long long calls = 0;
    for (const auto& [query, n] : large) {
        listing += std::to_string(n) + "× " + query.substr(0, 100) + "\n";
        calls += n;
    }
    INFO(listing);
    // Reads only: a transaction opened read-only, its settings, catalog queries, its end.
    for (const auto& [query, n] : large) {
        const std::string word = first_word(query);
        CHECK((word == "SELECT" || word == "WITH" || word == "BEGIN" || word == "SET" || word == "SHOW" || word == "ROLLBACK" ||
               word == "COMMIT"));
    }
    CHECK(small == large);
    CHECK(calls < 100);  // three sessions, each a few settings and its share of the catalog: none per table
}

TEST_CASE("PostgreSQL: a session opened in a shared snapshot reads the moment it was shared, not what committed since",
          "[postgres][deploy]") {
    PgDatabase db;
    db.exec("CREATE TABLE before_sharing (id int)");
    auto reader = db.connect();
    reader->begin(false);
    const auto snapshot = reader->share_snapshot();
    REQUIRE(snapshot);
    db.exec("CREATE TABLE after_sharing (id int)");  // committed by another session meanwhile
    const char* tables = "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE '%_sharing'";
    auto beside = reader->open_in_snapshot(*snapshot);
    REQUIRE(beside);
    CHECK(beside->query(tables).at(0).at(0) == std::optional<std::string>("before_sharing"));
    CHECK(reader->query(tables).at(0).at(0) == std::optional<std::string>("before_sharing"));
    CHECK(db.scalar(tables) == "after_sharing,before_sharing");
    // The session beside is read-only, as the first one is.
    CHECK_THROWS_AS(beside->execute("CREATE TABLE written_beside (id int)"), reconcile::SqlError);

    // A write transaction shares nothing: a snapshot does not carry its writes.
    auto writer = db.connect();
    writer->begin(true);
    writer->execute("CREATE TABLE written (id int)");
    CHECK_FALSE(writer->share_snapshot());
    writer->rollback();
    // Nor does a session outside a transaction, and no snapshot opens no session.
    auto idle = db.connect();
    CHECK_FALSE(idle->share_snapshot());
    CHECK(reader->open_in_snapshot("not a snapshot'; DROP TABLE before_sharing; --") == nullptr);
}
