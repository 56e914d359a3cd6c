// `reconcile check`: the case files of tests/check (see its README), the JSON output beside the
// text, and a case for every kind of warning.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/lint.h"
#include "support/harness.h"

namespace fs = std::filesystem;
using testing::InDirectory;
using testing::run_cli;

namespace {

fs::path cases_root() { return fs::path(RECONCILE_SOURCE_DIR) / "tests" / "check"; }

std::vector<fs::path> case_dirs() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(cases_root()))
        if (entry.is_directory()) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> check_args(const fs::path& dir) {
    std::vector<std::string> args{"check", "--schema", "model.toml", "--color", "never"};
    if (fs::exists(dir / "base.toml")) args.insert(args.end(), {"--base", "base.toml"});
    return args;
}

}  // namespace

TEST_CASE("check: each case of tests/check prints what its expected.txt says", "[check]") {
    for (const fs::path& dir : case_dirs()) {
        DYNAMIC_SECTION("case " << dir.filename().string()) {
            InDirectory in(dir);
            auto text = run_cli(check_args(dir));
            const std::string got = text.out + text.err + "(exit " + std::to_string(text.status) + ")\n";
            const std::string expected = testing::read_file(dir / "expected.txt");
            if (got != expected && std::getenv("RECONCILE_BLESS_CASES")) std::ofstream(dir / "expected.txt") << got;
            CHECK(got == expected);

            auto args = check_args(dir);
            args.insert(args.end(), {"--format", "json"});
            auto json_run = run_cli(args);
            INFO(json_run.all());
            CHECK(json_run.status == text.status);
            const auto j = nlohmann::json::parse(json_run.out);
            CHECK(j.at("valid").get<bool>() == (text.status == 0));
            CHECK(j.at("errors").size() == (text.status == 0 ? 0u : 1u));
            // The same warnings, in the same order, at the same places, as the text.
            std::string lines;
            for (const auto& w : j.at("warnings"))
                lines += "\u26a0 " + w.at("file").get<std::string>() + ":" + std::to_string(w.at("line").get<int>()) + ":" +
                         std::to_string(w.at("column").get<int>()) + ": " + w.at("message").get<std::string>() + "\n";
            std::string text_warnings;
            std::istringstream text_lines(text.out);
            for (std::string line; std::getline(text_lines, line);)
                if (line.rfind("\u26a0 ", 0) == 0) text_warnings += line + "\n";
            CHECK(lines == text_warnings);
            CHECK(j.at("summary").at("warnings").get<std::size_t>() == j.at("warnings").size());
        }
    }
}

TEST_CASE("check: every kind of warning has a case that gives it", "[check]") {
    std::set<std::string> given;
    for (const fs::path& dir : case_dirs()) {
        InDirectory in(dir);
        auto args = check_args(dir);
        args.insert(args.end(), {"--format", "json"});
        const auto j = nlohmann::json::parse(run_cli(args).out);
        for (const auto& w : j.at("warnings")) given.insert(w.at("kind").get<std::string>());
    }
    using reconcile::model::LintKind;
    for (LintKind kind : {LintKind::ForeignKeyWithoutIndex, LintKind::TableWithoutPrimaryKey,
                          LintKind::NotNullColumnWithoutDefault, LintKind::NamesDifferOnlyInCase}) {
        INFO(reconcile::model::to_string(kind));
        CHECK(given.count(reconcile::model::to_string(kind)) == 1);
    }
}

TEST_CASE("check: --fail-on-warnings exits 1 on a valid model with warnings, 0 on a clean one", "[check]") {
    InDirectory in(cases_root());
    CHECK(run_cli({"check", "--schema", "table-without-primary-key/model.toml"}).status == 0);
    CHECK(run_cli({"check", "--schema", "table-without-primary-key/model.toml", "--fail-on-warnings"}).status == 1);
    CHECK(run_cli({"check", "--schema", "clean/model.toml", "--fail-on-warnings"}).status == 0);
}

TEST_CASE("check: --base may be a live database, read without changing it", "[check]") {
    testing::TempDir dir;
    const std::string url = "sqlite:" + (dir.path() / "app.db").string();
    const fs::path case_dir = cases_root() / "not-null-column-without-default";
    REQUIRE(run_cli({"--apply", "--schema", (case_dir / "base.toml").string(), "--database-url", url}).status == 0);
    const auto before = fs::last_write_time(dir.path() / "app.db");
    auto r = run_cli({"check", "--schema", (case_dir / "model.toml").string(), "--base", url, "--format", "json"});
    INFO(r.all());
    REQUIRE(r.status == 0);
    std::vector<std::string> flagged;
    const auto j = nlohmann::json::parse(r.out);
    for (const auto& w : j.at("warnings"))
        if (w.at("kind") == "not-null-column-without-default") flagged.push_back(w.at("object").get<std::string>());
    CHECK(flagged == std::vector<std::string>{"public.accounts.plan"});
    CHECK(fs::last_write_time(dir.path() / "app.db") == before);
}

TEST_CASE("check: a schema path that does not exist is a model error, not a crash", "[check]") {
    auto r = run_cli({"check", "--schema", "/nonexistent/schema", "--format", "json"});
    CHECK(r.status == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_FALSE(j.at("valid").get<bool>());
    CHECK_THAT(j.at("errors").at(0).at("message").get<std::string>(), Catch::Contains("does not exist"));
}
