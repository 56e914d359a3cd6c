// The promise table (tests/promises.toml): every claim it lists is still in its doc and names
// tests that exist, and every item of the sections it designates has a promise, so a promise
// added to those sections without a test fails the run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "support/harness.h"

namespace fs = std::filesystem;

namespace {

fs::path source() { return fs::path(RECONCILE_SOURCE_DIR); }

// Docs wrap their lines anywhere: every run of white space counts as one space.
std::string collapsed(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

std::string field(const toml::table& t, const char* key) {
    auto v = t[key].value<std::string>();
    REQUIRE(v);
    return *v;
}

// The names of everything that runs as a test: Catch's test cases (a template's as written,
// before Catch adds " - <Type>"), tests/CMakeLists.txt's add_test tests, and the scripts
// scripts/test.sh runs.
bool test_exists(const std::string& name) {
    static const std::set<std::string> catch_names = [] {
        std::set<std::string> names;
        for (const auto& test : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
            names.insert(test.name);
            if (auto dash = test.name.rfind(" - "); dash != std::string::npos) names.insert(test.name.substr(0, dash));
        }
        return names;
    }();
    if (catch_names.count(name)) return true;
    if (name.rfind("script:", 0) == 0) {
        const std::string script = name.substr(7);
        return fs::exists(source() / script) && testing::read_file(source() / "scripts" / "test.sh").find(script) != std::string::npos;
    }
    const std::string cmake = testing::read_file(source() / "tests" / "CMakeLists.txt");
    return cmake.find("add_test(NAME " + name + "\n") != std::string::npos ||
           cmake.find("add_test(NAME " + name + " ") != std::string::npos;
}

// The items of a section: "- " bullets with their indented continuation lines, and table rows
// other than the header and its separator.
std::vector<std::string> section_items(const std::string& doc, const std::string& heading) {
    std::istringstream lines(doc);
    std::vector<std::string> items;
    std::string line, current;
    bool inside = false, header_row = false;
    const auto level = heading.find(' ');
    auto flush = [&] {
        if (!current.empty()) items.push_back(current);
        current.clear();
    };
    while (std::getline(lines, line)) {
        if (line.rfind("#", 0) == 0) {
            const auto this_level = line.find(' ');
            if (inside && this_level != std::string::npos && this_level <= level) break;
            if (line == heading) inside = header_row = true;
            continue;
        }
        if (!inside) continue;
        if (line.rfind("- ", 0) == 0) {
            flush();
            current = line;
        } else if (line.rfind("| ", 0) == 0 || line.rfind("|---", 0) == 0) {
            flush();
            if (header_row || line.rfind("|---", 0) == 0) {
                header_row = false;
                continue;
            }
            current = line;
        } else if (!current.empty() && line.rfind("  ", 0) == 0) {
            current += " " + line;
        } else {
            flush();
            if (!line.empty()) header_row = true;  // prose: a table after it starts with its header
        }
    }
    flush();
    REQUIRE(inside);
    return items;
}

const toml::table& promises() {
    static const toml::table table = toml::parse_file((source() / "tests" / "promises.toml").string());
    return table;
}

}  // namespace

TEST_CASE("promises: each is in its doc and names tests that exist", "[promises]") {
    const toml::array* list = promises()["promise"].as_array();
    REQUIRE(list);
    CHECK(list->size() > 100);
    for (const auto& node : *list) {
        const toml::table& p = *node.as_table();
        const std::string doc = field(p, "doc"), says = field(p, "says");
        INFO(doc << ": " << says);
        const std::string text = collapsed(testing::read_file(source() / doc));
        const auto at = text.find(collapsed(says));
        CHECK(at != std::string::npos);
        const toml::array* tests = p["tests"].as_array();
        REQUIRE(tests);
        CHECK_FALSE(tests->empty());
        for (const auto& t : *tests) {
            const std::string name = t.value<std::string>().value_or("");
            INFO("test: " << name);
            CHECK(test_exists(name));
        }
    }
}

TEST_CASE("promises: every item of a designated section has a promise with a test, or says why not", "[promises]") {
    std::map<std::string, std::vector<std::string>> fragments;  // by doc
    for (const char* kind : {"promise", "untested"})
        if (const toml::array* list = promises()[kind].as_array())
            for (const auto& node : *list) {
                const toml::table& p = *node.as_table();
                fragments[field(p, "doc")].push_back(collapsed(field(p, "says")));
                if (std::string(kind) == "untested") CHECK_FALSE(field(p, "why").empty());
            }
    const toml::array* sections = promises()["section"].as_array();
    REQUIRE(sections);
    for (const auto& node : *sections) {
        const std::string doc = field(*node.as_table(), "doc"), heading = field(*node.as_table(), "heading");
        const auto items = section_items(testing::read_file(source() / doc), heading);
        CHECK_FALSE(items.empty());
        for (const auto& item : items) {
            INFO(doc << ", " << heading << ": " << item);
            const std::string text = collapsed(item);
            CHECK(std::any_of(fragments[doc].begin(), fragments[doc].end(),
                              [&](const std::string& f) { return text.find(f) != std::string::npos; }));
        }
    }
}
