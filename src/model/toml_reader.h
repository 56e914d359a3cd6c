#pragma once
// Reading TOML strictly: every key known, every value of its type, every mistake an
// Error{Schema} at file:line:column. Shared by the schema loader and reconcile.toml.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/error.h"

namespace reconcile::model {

[[noreturn]] inline void fail(const SourceLoc& where, const std::string& message) {
    throw Error(ErrorKind::Schema, message, where);
}

// toml++ keeps the file name its document was parsed under in a shared pointer: reuse it.
inline SourceLoc loc_of(const std::string& file, const toml::source_region& r) {
    const int line = static_cast<int>(r.begin.line), column = static_cast<int>(r.begin.column);
    if (r.path && *r.path == file) return SourceLoc(r.path, line, column);
    return SourceLoc(file, line, column);
}

inline const char* type_name(toml::node_type t) {
    switch (t) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        default: return "a date/time";
    }
}

// TOML lets a string hold \u0000; a database driver reads text up to its first NUL, so such a
// string would reach the server cut short, and differently than it was read here. Refused
// everywhere in a document, keys included, before anything reads it.
inline void reject_nul_bytes(const std::string& file, const toml::node& node) {
    auto refuse = [&](const toml::source_region& where, const char* what) {
        fail(loc_of(file, where), std::string(what) + " holds a NUL byte (\\u0000), which no database statement can carry");
    };
    if (const toml::table* t = node.as_table()) {
        for (auto&& [key, value] : *t) {
            if (key.str().find('\0') != std::string_view::npos) refuse(key.source(), "a key");
            reject_nul_bytes(file, value);
        }
    } else if (const toml::array* a = node.as_array()) {
        for (const auto& el : *a) reject_nul_bytes(file, el);
    } else if (const auto* str = node.as_string()) {
        if (str->get().find('\0') != std::string::npos) refuse(node.source(), "a string");
    }
}

// Reads one TOML table, insisting that every key is known and every value has its type.
class TableReader {
public:
    TableReader(const std::string& file, const toml::table& table, std::string what,
                std::initializer_list<const char*> allowed)
        : file_(file), table_(table), what_(std::move(what)) {
        for (auto&& [key, node] : table) {
            (void)node;
            const std::string_view name = key.str();  // C++17 lambdas cannot capture a structured binding
            bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
            if (!known) {
                std::string list;
                for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                fail(loc_of(file_, key.source()),
                     "unknown key '" + std::string(key.str()) + "' in " + what_ +
                         " (expected one of: " + list + ")");
            }
        }
    }

    SourceLoc where() const { return loc_of(file_, table_.source()); }
    SourceLoc where(const char* key) const {
        if (auto* n = table_.get(key)) return loc_of(file_, n->source());
        return where();
    }
    bool has(const char* key) const { return table_.contains(key); }

    std::optional<std::string> string(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return std::nullopt;
        if (!n->is_string()) wrong_type(key, *n, "a string");
        return n->as_string()->get();
    }
    std::string required_string(const char* key) const {
        auto v = string(key);
        if (!v) fail(where(), what_ + " has no '" + key + "'");
        if (v->empty()) fail(where(key), "'" + std::string(key) + "' in " + what_ + " is empty");
        return *v;
    }
    std::optional<bool> boolean(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) wrong_type(key, *n, "true or false");
        return n->as_boolean()->get();
    }
    std::optional<long long> integer(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return std::nullopt;
        if (!n->is_integer()) wrong_type(key, *n, "an integer");
        return n->as_integer()->get();
    }
    // An integer or a float, as a double (a function's cost, rows).
    std::optional<double> number(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return std::nullopt;
        if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
        if (!n->is_floating_point()) wrong_type(key, *n, "a number");
        return n->as_floating_point()->get();
    }
    std::optional<std::vector<std::string>> strings(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return std::nullopt;
        const toml::array* a = n->as_array();
        if (!a) wrong_type(key, *n, "an array of strings");
        std::vector<std::string> out;
        for (const auto& el : *a) {
            if (!el.is_string()) fail(loc_of(file_, el.source()), "'" + std::string(key) + "' in " + what_ + " must hold only strings");
            out.push_back(el.as_string()->get());
        }
        return out;
    }
    // An array of tables, written either as [[x]] sections or as an inline array of {…}.
    std::vector<const toml::table*> tables(const char* key) const {
        std::vector<const toml::table*> out;
        const toml::node* n = table_.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) wrong_type(key, *n, "an array of tables ([[...]])");
        for (const auto& el : *a) {
            if (!el.is_table()) fail(loc_of(file_, el.source()), "each entry of '" + std::string(key) + "' in " + what_ + " must be a table");
            out.push_back(el.as_table());
        }
        return out;
    }
    const toml::table* table(const char* key) const {
        const toml::node* n = table_.get(key);
        if (!n) return nullptr;
        if (!n->is_table()) wrong_type(key, *n, "a table");
        return n->as_table();
    }

private:
    [[noreturn]] void wrong_type(const char* key, const toml::node& n, const char* expected) const {
        fail(loc_of(file_, n.source()), "'" + std::string(key) + "' in " + what_ + " must be " +
                                            expected + ", not " + type_name(n.type()));
    }

    const std::string& file_;
    const toml::table& table_;
    std::string what_;
};

}  // namespace reconcile::model
