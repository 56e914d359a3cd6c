// Every attribute docs/fidelity.md lists, on a real database: a managed one survives export →
// apply to an empty database (the two catalogs equal, read by queries of this test, not by
// reconcile) and is reported as a change where it is missing; one that is not managed is
// warned about, never silently left out. The list is the documentation's table: adding a row
// there adds a check here.
#include <catch2/catch.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

#include "support/harness.h"

using testing::PgDatabase;
using testing::run_cli;
using testing::SqliteFile;
using testing::TempDir;

namespace {

struct Attribute {
    std::string engine, name, sql, without, status, reported_as;
};

std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    return s.substr(b);
}

// A table cell: `SQL` without its backquotes, \n as a newline and ¦ as a pipe.
std::string cell_text(std::string cell) {
    cell = trimmed(cell);
    if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') cell = cell.substr(1, cell.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell.compare(i, 2, "\\n") == 0) out += '\n', ++i;
        else if (cell.compare(i, 2, "\xC2\xA6") == 0) out += '|', ++i;
        else out += cell[i];
    }
    return out;
}

std::vector<Attribute> attributes() {
    std::ifstream in(testing::source_dir() + "/docs/fidelity.md");
    REQUIRE(in.good());
    std::vector<Attribute> out;
    bool inside = false;
    int row = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find("<!-- fidelity:begin -->") != std::string::npos) inside = true;
        else if (line.find("<!-- fidelity:end -->") != std::string::npos) inside = false;
        else if (inside && !line.empty() && line[0] == '|' && ++row > 2) {  // past the header and its rule
            std::vector<std::string> cells;
            std::size_t at = 1;
            for (std::size_t bar; (bar = line.find('|', at)) != std::string::npos; at = bar + 1) cells.push_back(cell_text(line.substr(at, bar - at)));
            INFO(line);
            REQUIRE(cells.size() == 6);
            REQUIRE((cells[4] == "managed" || cells[4] == "not managed"));
            REQUIRE((cells[0] == "postgres" || cells[0] == "sqlite"));
            out.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]});
        }
    }
    return out;
}

// SQLite's catalog as written: declared types in their case, NOT NULL as declared, defaults,
// keys, indexes with their collations, each table's CHECK bodies and each view's query, with
// comments. (reconcile's own quoting of names is the only thing it does not compare.)
std::string sqlite_as_written(const SqliteFile& db) {
    std::string out = db.structure_snapshot();
    auto c = db.connect();
    for (const auto& row : c->query("SELECT m.name, p.name, p.type, p.\"notnull\" FROM sqlite_schema m "
                                    "JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"))
        out += "type " + *row[0] + "." + *row[1] + " '" + *row[2] + "' " + *row[3] + "\n";
    for (const auto& row : c->query("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")) {
        const std::string& sql = *row[2];
        if (*row[0] == "view") {
            out += "view " + *row[1] + ": " + sql.substr(sql.find(" AS ") + 4) + "\n";
            continue;
        }
        std::string upper = sql;
        for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        for (std::size_t at = upper.find("CHECK"); at != std::string::npos; at = upper.find("CHECK", at + 5)) {
            std::size_t open = sql.find('(', at), i = open;
            for (int depth = 0; i < sql.size(); ++i) {
                if (sql[i] == '(') ++depth;
                if (sql[i] == ')' && --depth == 0) break;
            }
            out += "check " + *row[1] + ": " + sql.substr(open, i - open + 1) + "\n";
        }
    }
    return out;
}

template <class Db>
void load(const Db& db, const std::string& sql) {
    TempDir dir;
    const auto file = dir.write("setup.sql", sql + ";\n");
    REQUIRE(db.run_sql_file(file) == 0);
}

template <class Db>
std::string snapshot(const Db& db) {
    if constexpr (std::is_same_v<Db, SqliteFile>) return sqlite_as_written(db);
    else return db.catalog_snapshot();
}

template <class Db>
void check_attribute(const Attribute& a) {
    Db source;
    load(source, a.sql);
    TempDir dir;
    const std::string model = (dir.path() / "export").string();
    auto exported = run_cli({"export", "--database-url", source.url(), "--out", model});
    INFO(exported.all());
    REQUIRE(exported.status == 0);
    auto dry = run_cli({"--dry-run", "--color", "never", "--exit-code", "--format", "json", "--schema", model, "--database-url", source.url()});
    INFO(dry.all());
    REQUIRE(dry.status == 0);  // its own export: in sync
    const nlohmann::json plan = nlohmann::json::parse(dry.out);
    if (a.status == "not managed") {
        bool warned = false;
        for (const auto& w : plan.at("warnings"))
            if (w.at("kind") == "not_managed" && w.at("message").template get<std::string>().find(a.reported_as) != std::string::npos) warned = true;
        CHECK(warned);
        return;
    }
    CHECK(plan.at("warnings").empty());
    Db rebuilt;
    auto applied = run_cli({"--apply", "--color", "never", "--schema", model, "--database-url", rebuilt.url()});
    INFO(applied.all());
    REQUIRE(applied.status == 0);
    CHECK(snapshot(rebuilt) == snapshot(source));
    if (!a.without.empty()) {
        Db without;
        load(without, a.without);
        auto differs = run_cli({"--dry-run", "--color", "never", "--exit-code", "--schema", model, "--database-url", without.url()});
        INFO(differs.all());
        CHECK(differs.status == 3);
    }
}

}  // namespace

TEST_CASE("every PostgreSQL attribute docs/fidelity.md lists round-trips, or is warned as not managed", "[fidelity][postgres]") {
    std::size_t rows = 0;
    for (const auto& a : attributes()) {
        if (a.engine != "postgres") continue;
        ++rows;
        DYNAMIC_SECTION(a.name) { check_attribute<PgDatabase>(a); }
    }
    CHECK(rows >= 20);
}

TEST_CASE("every SQLite attribute docs/fidelity.md lists round-trips, or is warned as not managed", "[fidelity][sqlite]") {
    std::size_t rows = 0;
    for (const auto& a : attributes()) {
        if (a.engine != "sqlite") continue;
        ++rows;
        DYNAMIC_SECTION(a.name) { check_attribute<SqliteFile>(a); }
    }
    CHECK(rows >= 8);
}
