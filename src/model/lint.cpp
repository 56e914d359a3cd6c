#include "model/lint.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "model/normalize.h"

namespace reconcile::model {

const char* to_string(LintKind kind) {
    switch (kind) {
        case LintKind::ForeignKeyWithoutIndex: return "foreign-key-without-index";
        case LintKind::TableWithoutPrimaryKey: return "table-without-primary-key";
        case LintKind::NotNullColumnWithoutDefault: return "not-null-column-without-default";
        case LintKind::NamesDifferOnlyInCase: return "names-differ-only-in-case";
    }
    return "?";
}

namespace {

// True when `leading`'s first columns are `key`'s, in any order: an index on (a, b) serves a
// foreign key on (b, a) as well, and one on (a, b, c) serves (a, b).
bool starts_with_columns(const std::vector<std::string>& leading, const std::vector<std::string>& key) {
    if (key.empty() || leading.size() < key.size()) return false;
    std::set<std::string> first(leading.begin(), leading.begin() + static_cast<std::ptrdiff_t>(key.size()));
    return first == std::set<std::string>(key.begin(), key.end());
}

// The plain columns an index starts with, up to its first expression key. A partial index
// serves only the rows its predicate keeps, so it serves no foreign key.
std::vector<std::string> leading_columns(const Index& index) {
    std::vector<std::string> out;
    if (index.where || index.unsupported_definition) return out;
    for (const auto& key : index.keys) {
        if (key.expression || key.column.empty()) break;
        out.push_back(key.column);
    }
    return out;
}

bool has_index_for(const Table& t, const ForeignKey& fk) {
    if (starts_with_columns(t.primary_key, fk.columns)) return true;
    for (const auto& u : t.uniques)
        if (starts_with_columns(u.columns, fk.columns)) return true;
    for (const auto& index : t.indexes)
        if (index.method == "btree" && starts_with_columns(leading_columns(index), fk.columns)) return true;
    return false;
}

bool needs_a_value(const Column& c) {
    return !c.nullable && !c.default_value && c.identity == Identity::None && !c.generated && !c.is_serial() &&
           !c.autoincrement;
}

// Groups names by their lower-case spelling and flags each group of two spellings or more,
// at the place of the first one declared after the first spelling.
class CaseCollisions {
public:
    // `owner` holds the names (a schema, a table); `what` says which of its namespaces.
    void add(const std::string& owner, const char* what, const std::string& name, const SourceLoc& loc) {
        auto& group = groups_[{owner, what, lower_ascii(name)}];
        if (std::none_of(group.begin(), group.end(), [&](const auto& seen) { return seen.first == name; }))
            group.emplace_back(name, loc);
    }
    void report(std::vector<Lint>& out) const {
        for (const auto& [key, group] : groups_) {
            if (group.size() < 2) continue;
            Lint lint{LintKind::NamesDifferOnlyInCase, group[1].second, std::get<0>(key), {}, {}, std::get<1>(key)};
            for (const auto& [name, loc] : group) lint.names.push_back(name);
            out.push_back(std::move(lint));
        }
    }

private:
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::pair<std::string, SourceLoc>>> groups_;
};

}  // namespace

std::vector<Lint> lint_schema(const Schema& model, const Schema* base) {
    std::vector<Lint> out;
    std::map<TableRef, const Table*> base_tables;
    if (base)
        for (const auto& t : base->tables) base_tables[TableRef{lower_ascii(t.ref.schema), lower_ascii(t.ref.name)}] = &t;
    auto base_table = [&](const Table& t) -> const Table* {
        for (const std::string& name : {t.ref.name, t.renamed_from}) {
            if (name.empty()) continue;
            auto it = base_tables.find(TableRef{lower_ascii(t.ref.schema), lower_ascii(name)});
            if (it != base_tables.end()) return it->second;
        }
        return nullptr;
    };

    CaseCollisions names;
    for (std::size_t i = 0; i < model.schemas.size(); ++i)
        names.add("the database", "schemas", model.schemas[i], i < model.schema_locs.size() ? model.schema_locs[i] : SourceLoc{});
    for (const auto& t : model.tables) {
        const std::string table = t.ref.display();
        names.add(t.ref.schema, "relations", t.ref.name, t.loc);
        // A partition's key and foreign keys are its parent's.
        if (t.primary_key.empty() && !t.partition_of)
            out.push_back(Lint{LintKind::TableWithoutPrimaryKey, t.loc, table, {}, {}, {}});
        if (!t.partition_of)
            for (const auto& fk : t.foreign_keys)
                if (!has_index_for(t, fk))
                    out.push_back(Lint{LintKind::ForeignKeyWithoutIndex, fk.loc, table, fk.name, fk.columns,
                                       fk.ref_table.display()});
        if (const Table* before = base_table(t)) {
            std::set<std::string> existing;
            for (const auto& c : before->columns) existing.insert(lower_ascii(c.name));
            for (const auto& c : t.columns) {
                const bool added = !existing.count(lower_ascii(c.name)) &&
                                   (c.renamed_from.empty() || !existing.count(lower_ascii(c.renamed_from)));
                if (added && needs_a_value(c))
                    out.push_back(Lint{LintKind::NotNullColumnWithoutDefault, c.loc, table, c.name, {}, {}});
            }
        }
        for (const auto& c : t.columns) names.add(table, "columns", c.name, c.loc);
        for (const auto& index : t.indexes) names.add(t.ref.schema, "relations", index.name, index.loc);
        for (const auto& u : t.uniques) names.add(table, "constraints", u.name, u.loc);
        for (const auto& fk : t.foreign_keys) names.add(table, "constraints", fk.name, fk.loc);
        for (const auto& c : t.checks) names.add(table, "constraints", c.name, c.loc);
    }
    for (const auto& v : model.views) names.add(v.ref.schema, "relations", v.ref.name, v.loc);
    for (const auto& s : model.sequences) names.add(s.ref.schema, "relations", s.ref.name, s.loc);
    for (const auto& e : model.enums) names.add(e.ref.schema, "types", e.ref.name, e.loc);
    for (const auto& d : model.domains) names.add(d.ref.schema, "types", d.ref.name, d.loc);
    for (const auto& f : model.functions) names.add(f.ref.schema, "functions", f.ref.name, f.loc);
    names.report(out);

    std::stable_sort(out.begin(), out.end(), [](const Lint& a, const Lint& b) {
        const std::string fa = a.loc.file ? *a.loc.file : "", fb = b.loc.file ? *b.loc.file : "";
        return std::tie(fa, a.loc.line, a.loc.column) < std::tie(fb, b.loc.line, b.loc.column);
    });
    return out;
}

}  // namespace reconcile::model
