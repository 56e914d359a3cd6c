// The case runner: every directory under tests/cases/<engine>/ is one test, registered when
// the test binary starts, so adding a case is adding files (and rebuilding, which the build
// does when a case file changes). See tests/cases/README.md for the files a case holds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/harness.h"

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_cli;

namespace {

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') out.push_back(line);
    return out;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.erase(s.begin());
    return s;
}

// A statement as the case expects it, and as the plan gives it: its SQL, its hazards' kinds
// (sorted), where it runs.
struct Expected {
    std::string sql;
    std::vector<std::string> hazards;
    std::string runs = "in_transaction";
    std::string lock_wait = "short";
    bool fails_if_rows = false;
    bool operator==(const Expected& o) const {
        return sql == o.sql && hazards == o.hazards && runs == o.runs && lock_wait == o.lock_wait && fails_if_rows == o.fails_if_rows;
    }
};

std::string show(const std::vector<Expected>& statements) {
    std::string out;
    for (const auto& s : statements) {
        if (!s.hazards.empty()) {
            out += "-- hazards:";
            for (std::size_t i = 0; i < s.hazards.size(); ++i) out += (i ? ", " : " ") + s.hazards[i];
            out += "\n";
        }
        if (s.runs != "in_transaction") out += "-- runs: " + s.runs + "\n";
        if (s.lock_wait != "short") out += "-- lock wait: " + s.lock_wait + "\n";
        if (s.fails_if_rows) out += "-- fails if it returns rows\n";
        out += s.sql + "\n;\n";
    }
    return out;
}

// expected.sql: each statement followed by a line holding only ';' (statements hold ';' of
// their own inside DO blocks), after optional "-- hazards: a, b" and "-- runs: …" lines.
std::vector<Expected> parse_expected(const std::string& text) {
    std::vector<Expected> out;
    Expected current;
    std::string sql;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line == ";") {
            current.sql = trim(sql);
            std::sort(current.hazards.begin(), current.hazards.end());
            out.push_back(current);
            current = Expected{};
            sql.clear();
        } else if (sql.empty() && line.rfind("-- hazards:", 0) == 0) {
            std::string list = line.substr(11);
            std::size_t start = 0;
            while (start < list.size()) {
                std::size_t comma = list.find(',', start);
                if (comma == std::string::npos) comma = list.size();
                if (auto name = trim(list.substr(start, comma - start)); !name.empty()) current.hazards.push_back(name);
                start = comma + 1;
            }
        } else if (sql.empty() && line.rfind("-- runs:", 0) == 0) {
            current.runs = trim(line.substr(8));
        } else if (sql.empty() && line.rfind("-- lock wait:", 0) == 0) {
            current.lock_wait = trim(line.substr(13));
        } else if (sql.empty() && line == "-- fails if it returns rows") {
            current.fails_if_rows = true;
        } else if (!(sql.empty() && (line.empty() || line.rfind("-- ", 0) == 0))) {
            sql += line + "\n";
        }
    }
    REQUIRE(trim(sql).empty());  // a statement without its closing ';' line
    return out;
}

std::vector<Expected> statements_of(const json& plan) {
    std::vector<Expected> out;
    for (const auto& s : plan.at("statements")) {
        // Trimmed as the file's are (a statement ending in a -- comment ends in a newline).
        // A declared row's statement is compared as a person reads it: its values as literals.
        const std::string text = s.contains("script") ? s.at("script").get<std::string>() : s.at("sql").get<std::string>();
        Expected e{trim(text), {}, s.at("runs").get<std::string>(), s.value("lock_wait", "short"),
                   s.value("fails_if_rows", false)};
        for (const auto& h : s.at("hazards")) e.hazards.push_back(h.at("kind").get<std::string>());
        std::sort(e.hazards.begin(), e.hazards.end());
        out.push_back(e);
    }
    return out;
}

// One engine's database for a case: made empty, filled by SQL, compared by its catalog.
class CaseDatabase {
public:
    explicit CaseDatabase(const std::string& engine) {
        if (engine == "postgres") pg_ = std::make_unique<testing::PgDatabase>();
        else sqlite_ = std::make_unique<testing::SqliteFile>();
    }
    std::string url() const { return pg_ ? pg_->url() : sqlite_->url(); }
    int run_sql_file(const fs::path& file) const { return pg_ ? pg_->run_sql_file(file) : sqlite_->run_sql_file(file); }
    std::string snapshot() const { return pg_ ? pg_->catalog_snapshot() : sqlite_->structure_snapshot(); }
    std::string scalar(const std::string& sql) const { return pg_ ? pg_->scalar(sql) : sqlite_->scalar(sql); }
    void exec(const std::string& sql) const { pg_ ? pg_->exec(sql) : sqlite_->exec(sql); }
    bool postgres() const { return pg_ != nullptr; }

private:
    std::unique_ptr<testing::PgDatabase> pg_;
    std::unique_ptr<testing::SqliteFile> sqlite_;
};

json plan_json(const fs::path& model, const std::string& url, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"--dry-run", "--format", "json", "--schema", model.string(), "--database-url", url};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_cli(argv);
    INFO(r.all());
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

void run_case(const fs::path& dir, const std::string& engine) {
    const fs::path model = dir / "desired.toml";
    REQUIRE(fs::exists(model));
    REQUIRE(fs::exists(dir / "current.sql"));
    std::vector<std::string> args;
    if (fs::exists(dir / "args"))
        for (const auto& line : lines_of(read_text(dir / "args"))) {
            std::istringstream words(line);
            for (std::string w; words >> w;) args.push_back(w);
        }

    CaseDatabase db(engine);
    REQUIRE(db.run_sql_file(dir / "current.sql") == 0);

    // The plan: exactly the expected statements, hazards and warnings.
    const json plan = plan_json(model, db.url(), args);
    INFO("plan:\n" << plan.dump(2));
    if (fs::exists(dir / "expected.sql")) {
        const auto expected = parse_expected(read_text(dir / "expected.sql"));
        const auto got = statements_of(plan);
        INFO("expected:\n" << show(expected) << "\ngot:\n" << show(got));
        // RECONCILE_BLESS_CASES=1 writes what the plan says into expected.sql, for review in the
        // diff of a change that changes plans on purpose; the run still fails.
        if (got != expected && std::getenv("RECONCILE_BLESS_CASES")) {
            std::ofstream(dir / "expected.sql", std::ios::binary | std::ios::trunc) << show(got);
            FAIL("expected.sql written from the plan: review it");
        }
        CHECK(got == expected);
    }
    std::vector<std::string> warnings;
    for (const auto& w : plan.at("warnings")) warnings.push_back(w.at("message").get<std::string>());
    const auto expected_warnings = fs::exists(dir / "warnings.txt") ? lines_of(read_text(dir / "warnings.txt")) : std::vector<std::string>{};
    CHECK(warnings.size() == expected_warnings.size());
    for (const auto& w : expected_warnings)
        CHECK(std::any_of(warnings.begin(), warnings.end(), [&](const std::string& m) { return m.find(w) != std::string::npos; }));

    std::vector<std::string> apply{"--apply", "--schema", model.string(), "--database-url", db.url()};
    apply.insert(apply.end(), args.begin(), args.end());
    const std::string before = db.snapshot();
    if (fs::exists(dir / "refused.txt")) {
        // Refused before any change: exit 1, each line said, the catalog untouched.
        auto r = run_cli(apply);
        INFO(r.all());
        CHECK(r.status == 1);
        for (const auto& line : lines_of(read_text(dir / "refused.txt"))) CHECK_THAT(r.all(), Catch::Contains(line));
        CHECK(db.snapshot() == before);
        return;
    }

    // Converges: the apply verifies, and planning again finds nothing to do.
    auto r = run_cli(apply);
    INFO(r.all());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("verified"));
    const json again = plan_json(model, db.url(), args);
    INFO("plan after apply:\n" << again.dump(2));
    CHECK(again.at("statements").empty());

    // What exercises the schema (rows that fire a trigger, meet a default or a check), then the
    // data the case cares about: "QUERY => EXPECTED" per line.
    if (fs::exists(dir / "after.sql")) REQUIRE(db.run_sql_file(dir / "after.sql") == 0);
    if (fs::exists(dir / "data.txt"))
        for (const auto& line : lines_of(read_text(dir / "data.txt"))) {
            const auto arrow = line.find(" => ");
            REQUIRE(arrow != std::string::npos);
            INFO(line);
            CHECK(db.scalar(line.substr(0, arrow)) == line.substr(arrow + 4));
        }

    // The generated DDL runs again without error and changes nothing (PostgreSQL: SQLite has
    // no IF EXISTS for columns).
    const std::string converged = db.snapshot();
    if (db.postgres() && !fs::exists(dir / "not-rerunnable")) {
        for (const auto& s : statements_of(plan)) {
            INFO("running again: " << s.sql);
            CHECK_NOTHROW(db.exec(s.sql));
        }
        CHECK(db.snapshot() == converged);
    }

    // The same catalog as a database built from the desired SQL, which plans empty too.
    if (fs::exists(dir / "desired.sql")) {
        CaseDatabase built(engine);
        REQUIRE(built.run_sql_file(dir / "desired.sql") == 0);
        CHECK(built.snapshot() == converged);
        CHECK(plan_json(model, built.url(), args).at("statements").empty());
    }
}

class CaseInvoker : public Catch::ITestInvoker {
public:
    CaseInvoker(fs::path dir, std::string engine) : dir_(std::move(dir)), engine_(std::move(engine)) {}
    void invoke() const override { run_case(dir_, engine_); }

private:
    fs::path dir_;
    std::string engine_;
};

// Names and tags outlive the registry's references to them.
std::deque<std::string>& names() {
    static std::deque<std::string> storage;
    return storage;
}

bool register_cases() {
    const fs::path root = fs::path(RECONCILE_SOURCE_DIR) / "tests" / "cases";
    std::vector<std::pair<std::string, fs::path>> found;
    for (const char* engine : {"postgres", "sqlite"}) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(root / engine, ec))
            if (entry.is_directory()) found.emplace_back(engine, entry.path());
    }
    std::sort(found.begin(), found.end());
    for (const auto& [engine, dir] : found) {
        names().push_back("case " + engine + "/" + dir.filename().string());
        const std::string& name = names().back();
        names().push_back(std::string("[case][") + engine + "]");
        const std::string& tags = names().back();
        static std::deque<Catch::AutoReg> registrations;
        registrations.emplace_back(new CaseInvoker(dir, engine), Catch::SourceLineInfo(__FILE__, __LINE__), Catch::StringRef(),
                                   Catch::NameAndTags{Catch::StringRef(name.c_str()), Catch::StringRef(tags.c_str())});
    }
    return true;
}

const bool cases_registered = register_cases();

}  // namespace

TEST_CASE("the case files hold at least one case per engine", "[case]") {
    (void)cases_registered;
    std::size_t postgres = 0, sqlite = 0;
    for (const auto& name : names()) {
        postgres += name.rfind("case postgres/", 0) == 0;
        sqlite += name.rfind("case sqlite/", 0) == 0;
    }
    CHECK(postgres > 0);
    CHECK(sqlite > 0);
}
