#include "plan/plan.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <unordered_map>

#include "core/sql_lexer.h"
#include "model/normalize.h"

namespace reconcile::plan {
namespace {

using diff::Change;
using model::TableRef;

// The sequence a default's nextval('[schema.]name'::regclass) names, if it has one ("" schema
// when unqualified).
std::optional<model::TableRef> nextval_sequence(const std::string& expression) {
    const auto tokens = lex_sql(expression).tokens;
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Word || model::lower_ascii(tokens[i].text) != "nextval" || tokens[i + 1].text != "(" ||
            tokens[i + 2].kind != TokenKind::String)
            continue;
        std::string literal = tokens[i + 2].text.substr(1, tokens[i + 2].text.size() - 2);  // inside the quotes
        // The literal is a regclass text: [schema.]name, each part possibly double-quoted.
        std::vector<std::string> parts{""};
        bool quoted = false;
        for (std::size_t k = 0; k < literal.size(); ++k) {
            char ch = literal[k];
            if (ch == '"') {
                if (quoted && k + 1 < literal.size() && literal[k + 1] == '"') parts.back() += '"', ++k;
                else quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                parts.emplace_back();
            } else {
                parts.back() += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
        }
        if (parts.size() == 1) return model::TableRef{"", parts[0]};
        if (parts.size() == 2) return model::TableRef{parts[0], parts[1]};
        return std::nullopt;
    }
    return std::nullopt;
}

// Tables in an order where each comes after the tables its foreign keys reference (among the
// tables being created). Stable: ties keep declaration order. When only cycles remain, the
// first remaining table goes next and its foreign keys to tables not yet created are returned
// in `deferred` (unless the engine accepts forward references).
std::vector<diff::CreateTable> order_tables(std::vector<diff::CreateTable> creates, bool forward_ok,
                                            std::vector<diff::AddForeignKey>& deferred) {
    // Kahn's algorithm with a min-heap on declaration index: linear in tables + foreign keys
    // (a schema of thousands of tables is ordered in milliseconds), and stable.
    const std::size_t n = creates.size();
    std::map<TableRef, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) index.emplace(creates[i].table.ref, i);
    std::vector<std::vector<std::size_t>> dependents(n);
    std::vector<std::size_t> waiting_on(n, 0);
    // A serial column's sequence is made with its table; another table whose default calls
    // nextval() on it must come later.
    std::map<std::string, std::size_t> serial_sequences;  // "schema.sequence" → table
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& c : creates[i].table.columns)
            if (c.is_serial())
                serial_sequences.emplace(creates[i].table.ref.schema + "." + model::serial_sequence_name(creates[i].table.ref.name, c), i);
    std::vector<std::set<std::size_t>> hard_dependencies(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::set<std::size_t> targets;
        for (const auto& c : creates[i].table.columns)
            if (c.default_value)
                if (auto seq = nextval_sequence(c.default_value->text)) {
                    // Unqualified, the server finds it on the search path: the table's schema or public.
                    auto it = serial_sequences.end();
                    for (const std::string& schema : seq->schema.empty() ? std::vector<std::string>{creates[i].table.ref.schema, "public"}
                                                                          : std::vector<std::string>{seq->schema})
                        if (it == serial_sequences.end()) it = serial_sequences.find(schema + "." + seq->name);
                    if (it != serial_sequences.end() && it->second != i) targets.insert(it->second), hard_dependencies[i].insert(it->second);
                }
        for (const auto& fk : creates[i].table.foreign_keys) {
            auto it = index.find(fk.ref_table);
            if (it != index.end() && it->second != i) targets.insert(it->second);
        }
        if (const auto& parent = creates[i].table.partition_of)  // a partition after its parent
            if (auto it = index.find(*parent); it != index.end() && it->second != i)
                targets.insert(it->second), hard_dependencies[i].insert(it->second);
        for (std::size_t t : targets) dependents[t].push_back(i);
        waiting_on[i] = targets.size();
    }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i)
        if (waiting_on[i] == 0) ready.push(i);
    std::vector<bool> done(n, false);
    std::vector<diff::CreateTable> out;
    std::size_t next_undone = 0;
    while (out.size() < n) {
        if (ready.empty()) {
            // Only cycles remain: take the first remaining table whose partition parent (an
            // edge no ALTER can defer) is made; unless the engine accepts forward references,
            // its foreign keys to tables not yet created are added later.
            while (done[next_undone]) ++next_undone;
            // Edges no ALTER can defer: a partition's parent, a nextval() sequence's owner.
            auto parent_pending = [&](std::size_t i) {
                for (std::size_t d : hard_dependencies[i])
                    if (!done[d]) return true;
                return false;
            };
            std::size_t pick = next_undone;
            while (pick < n && (done[pick] || parent_pending(pick))) ++pick;
            if (pick == n) pick = next_undone;  // partitions in a cycle of their own: the server will say
            model::Table& t = creates[pick].table;
            if (!forward_ok) {
                std::vector<model::ForeignKey> keep;
                for (auto& fk : t.foreign_keys) {
                    auto it = index.find(fk.ref_table);
                    if (it != index.end() && it->second != pick && !done[it->second])
                        deferred.push_back(diff::AddForeignKey{t.ref, fk, false});
                    else
                        keep.push_back(fk);
                }
                t.foreign_keys = std::move(keep);
            }
            waiting_on[pick] = 0;
            ready.push(pick);
        }
        std::size_t i = ready.top();
        ready.pop();
        if (done[i]) continue;
        done[i] = true;
        for (std::size_t d : dependents[i])
            if (!done[d] && waiting_on[d] > 0 && --waiting_on[d] == 0) ready.push(d);
        out.push_back(std::move(creates[i]));
    }
    return out;
}

// Views after the views their queries name (a name among the query's identifiers), otherwise
// in declaration order; a cycle, which the server would refuse anyway, keeps declaration order.
template <class ViewChange>
std::vector<Change> order_views(std::vector<Change> views) {
    std::vector<std::set<std::string>> words(views.size());
    for (std::size_t i = 0; i < views.size(); ++i)
        for (const auto& t : lex_sql(std::get<ViewChange>(views[i]).view.definition.text).tokens)
            if (t.kind == TokenKind::QuotedIdent) words[i].insert(t.text);
            else if (t.kind == TokenKind::Word) words[i].insert(model::lower_ascii(t.text));  // bare names fold to lower case
    std::vector<Change> out;
    std::vector<bool> done(views.size(), false);
    while (out.size() < views.size()) {
        bool progressed = false;
        for (std::size_t i = 0; i < views.size(); ++i) {
            if (done[i]) continue;
            bool waits = false;
            for (std::size_t j = 0; j < views.size() && !waits; ++j)
                waits = j != i && !done[j] && words[i].count(std::get<ViewChange>(views[j]).view.ref.name);
            if (waits) continue;
            done[i] = progressed = true;
            out.push_back(std::move(views[i]));
        }
        if (!progressed)  // a cycle: the rest as declared
            for (std::size_t i = 0; i < views.size(); ++i)
                if (!done[i]) done[i] = true, out.push_back(std::move(views[i]));
    }
    return out;
}

// The relation a type name may be the row type of: "film", "public.film", "\"Film\"[]",
// "SETOF film" give {schema or "", name}.
model::TableRef named_relation(std::string type) {
    if (type.rfind("SETOF ", 0) == 0) type = type.substr(6);
    while (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) type.resize(type.size() - 2);
    std::vector<std::string> parts;
    for (const auto& t : lex_sql(type).tokens)
        if (t.kind == TokenKind::QuotedIdent) parts.push_back(t.text);
        else if (t.kind == TokenKind::Word) parts.push_back(model::lower_ascii(t.text));
    if (parts.size() == 2) return {parts[0], parts[1]};
    return {"", parts.size() == 1 ? parts[0] : std::string()};
}

// Whether a function's arguments or result are of the row type of a relation in `made`: it is
// then created once they are. (Its body does not count here: see needs_made.)
bool typed_by(const model::Function& f, const std::set<TableRef>& made) {
    auto names = [&](const std::string& type) {
        const TableRef r = named_relation(type);
        if (r.name.empty()) return false;
        if (!r.schema.empty()) return made.count(r) > 0;
        return std::any_of(made.begin(), made.end(), [&](const TableRef& m) { return m.name == r.name; });
    };
    if (names(f.returns)) return true;
    return std::any_of(f.arguments.begin(), f.arguments.end(), [&](const model::FunctionArgument& a) { return names(a.type); });
}

// The identifiers an expression names: a superset of the columns it uses.
void add_words(const std::string& expression, std::vector<std::string>& out) {
    for (const auto& t : lex_sql(expression).tokens)
        if (t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent) out.push_back(t.text);
}

// Whether a function can only be made once the relations in `made` are there: it is typed by
// one, or its SQL-standard body (parsed at creation, unlike other bodies, which
// check_function_bodies = off leaves unread) names one.
bool needs_made(const model::Function& f, const std::set<TableRef>& made) {
    if (typed_by(f, made)) return true;
    if (!f.sql_body) return false;
    std::vector<std::string> words;
    add_words(f.body, words);
    for (auto& w : words) w = model::lower_ascii(w);
    return std::any_of(made.begin(), made.end(), [&](const TableRef& r) {
        return std::find(words.begin(), words.end(), model::lower_ascii(r.name)) != words.end();
    });
}

const model::Function* made_function(const Change& c) {
    if (auto* f = std::get_if<diff::CreateFunction>(&c)) return &f->function;
    if (auto* f = std::get_if<diff::ReplaceFunction>(&c)) return &f->to;
    return nullptr;
}

// Moves the changes `pred` holds for out of `changes`, in their order.
template <class Pred>
std::vector<Change> take(std::vector<Change>& changes, Pred pred) {
    std::vector<Change> taken, left;
    for (auto& c : changes) (pred(c) ? taken : left).push_back(std::move(c));
    changes = std::move(left);
    return taken;
}

// Dropped tables, each before the dropped tables it references (the reverse of creation
// order), so no DROP meets a foreign key from a table still there. Partitions go with their
// parent. A cycle keeps the rest in catalog order: the server names what depends on what.
std::vector<Change> order_table_drops(std::vector<Change> drops) {
    std::vector<Change> out;
    std::vector<bool> done(drops.size(), false);
    auto table = [&](std::size_t i) -> const model::Table& { return std::get<diff::DropTable>(drops[i]).table; };
    while (out.size() < drops.size()) {
        bool progressed = false;
        for (std::size_t i = 0; i < drops.size(); ++i) {
            if (done[i]) continue;
            // Waits while another dropped table still there references it.
            bool referenced = false;
            for (std::size_t j = 0; j < drops.size() && !referenced; ++j) {
                if (j == i || done[j]) continue;
                for (const auto& fk : table(j).foreign_keys) referenced = referenced || fk.ref_table == table(i).ref;
            }
            if (referenced) continue;
            done[i] = progressed = true;
            out.push_back(std::move(drops[i]));
        }
        if (!progressed)
            for (std::size_t i = 0; i < drops.size(); ++i)
                if (!done[i]) done[i] = true, out.push_back(std::move(drops[i]));
    }
    return out;
}

// A view made again (DropView, then CreateView) loses its triggers with the drop; the differ
// makes the model's after it. One the model leaves out is dropped on its own before the view
// when the policy allows it (said, like every drop), and is made again after the view when the
// policy withheld it, as a table rebuild keeps it.
void keep_triggers_of_remade_views(diff::Diff& diff) {
    std::set<TableRef> dropped, remade;
    for (const auto& c : diff.changes) {
        if (auto* d = std::get_if<diff::DropView>(&c)) dropped.insert(d->view.ref);
        if (auto* v = std::get_if<diff::CreateView>(&c)) remade.insert(v->view.ref);
    }
    if (dropped.empty()) return;
    for (const auto& w : diff.warnings) {
        const auto* left = w.detail ? std::get_if<diff::LeftAlone>(&*w.detail) : nullptr;
        const auto* t = left ? std::get_if<diff::DropTrigger>(&left->drop) : nullptr;
        if (t && dropped.count(t->table) && remade.count(t->table)) diff.changes.push_back(diff::CreateTrigger{t->table, t->trigger});
    }
}

// A drop the policy withheld, on a table being rebuilt: the database's object goes into the
// new table as it is.
void keep_in_rebuilt(const Change& drop, const model::Table& from, model::Table& to) {
    if (auto* c = std::get_if<diff::DropColumn>(&drop)) to.columns.push_back(c->column);
    if (auto* i = std::get_if<diff::DropIndex>(&drop)) to.indexes.push_back(i->index);
    if (auto* t = std::get_if<diff::DropTrigger>(&drop)) to.triggers.push_back(t->trigger);
    auto* k = std::get_if<diff::DropConstraint>(&drop);
    if (!k) return;
    switch (k->kind) {
        case diff::ConstraintKind::PrimaryKey:
            to.primary_key = from.primary_key;
            to.primary_key_name = from.primary_key_name;
            to.primary_key_deferral = from.primary_key_deferral;
            break;
        case diff::ConstraintKind::Unique:
            for (const auto& u : from.uniques)
                if (u.name == k->name) to.uniques.push_back(u);
            break;
        case diff::ConstraintKind::Check:
            for (const auto& ch : from.checks)
                if (ch.name == k->name && "(" + ch.expression.text + ")" == k->definition) to.checks.push_back(ch);
            break;
        case diff::ConstraintKind::ForeignKey:
            for (const auto& fk : from.foreign_keys)
                if (fk.name == k->name) to.foreign_keys.push_back(fk);
            break;
        case diff::ConstraintKind::Exclusion:
            for (const auto& x : from.exclusions)
                if (x.name == k->name) to.exclusions.push_back(x);
            break;
    }
}

// Where the engine makes a change of an existing table only by rebuilding it (SQLite), every
// change of that table becomes one RebuildTable of the whole table: the rebuild makes the
// model's table, so it makes all of them at once. Renames of the table itself, and its
// creation or drop, stay what they are.
void fold_rebuilds(diff::Diff& diff, const dialect::Dialect& dialect) {
    auto whole_table = [](const Change& c) {
        return std::holds_alternative<diff::CreateTable>(c) || std::holds_alternative<diff::DropTable>(c) ||
               std::holds_alternative<diff::RenameTable>(c) || std::holds_alternative<diff::RebuildTable>(c);
    };
    std::set<TableRef> rebuilt;
    for (const auto& c : diff.changes)
        if (!whole_table(c) && diff.changed_tables.count(diff::table_of(c)) && !rebuilt.count(diff::table_of(c)) &&
            dialect.render(c).needs_rebuild)
            rebuilt.insert(diff::table_of(c));
    if (rebuilt.empty()) return;
    std::vector<Change> kept;
    std::map<TableRef, std::vector<std::string>> because, dropped_columns;
    for (auto& c : diff.changes) {
        // A change the engine cannot make at all (a trigger declared with a PostgreSQL function
        // on SQLite) stays itself, to be reported, rather than refuse the whole rebuild.
        if (whole_table(c) || !rebuilt.count(diff::table_of(c))) {
            kept.push_back(std::move(c));
            continue;
        }
        if (const auto rendered = dialect.render(c); !rendered.unsupported.empty() && !rendered.needs_rebuild) {
            kept.push_back(std::move(c));
            continue;
        }
        if (auto* d = std::get_if<diff::DropColumn>(&c)) dropped_columns[d->table].push_back(d->column.name);
        const char* done = "";
        switch (diff::effect_of(c)) {
            case diff::Effect::Create: done = " added"; break;
            case diff::Effect::Modify: done = " changed"; break;
            case diff::Effect::Remove: done = " dropped"; break;
            case diff::Effect::Rename: done = " renamed"; break;
        }
        because[diff::table_of(c)].push_back(std::string(diff::to_string(diff::kind_of(c))) + " " + diff::object_name(c) + done);
    }
    for (const auto& table : rebuilt) {
        const auto& [from, desired] = diff.changed_tables.at(table);
        // The new table is the model's, plus what the policy keeps: a drop it withheld stays.
        model::Table to = desired;
        for (const auto& w : diff.warnings) {
            const auto* left = w.detail ? std::get_if<diff::LeftAlone>(&*w.detail) : nullptr;
            if (left && diff::table_of(left->drop) == table) keep_in_rebuilt(left->drop, from, to);
        }
        kept.push_back(diff::RebuildTable{from, std::move(to), because[table], dropped_columns[table]});
    }
    diff.changes = std::move(kept);
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

// PostgreSQL checks at CREATE TABLE that a foreign key's referenced columns are a primary key
// or unique constraint. A key that only a unique index provides, or one this plan adds to an
// existing table, exists only later in the plan: such foreign keys move after the indexes.
void defer_keys_not_yet_there(std::vector<diff::CreateTable>& creates, const std::vector<Change>& rest,
                              std::vector<diff::AddForeignKey>& deferred) {
    std::map<TableRef, const model::Table*> created;
    for (const auto& c : creates) created.emplace(c.table.ref, &c.table);
    std::set<TableRef> gaining_keys;  // existing tables this plan adds a key or unique index to
    for (const auto& c : rest) {
        if (std::holds_alternative<diff::AddPrimaryKey>(c) || std::holds_alternative<diff::AddUnique>(c) ||
            (std::holds_alternative<diff::AddIndex>(c) && std::get<diff::AddIndex>(c).index.unique))
            gaining_keys.insert(diff::table_of(c));
    }
    for (auto& c : creates) {
        std::vector<model::ForeignKey> keep;
        for (auto& fk : c.table.foreign_keys) {
            bool ready;
            auto it = created.find(fk.ref_table);
            if (it == created.end()) {
                ready = !gaining_keys.count(fk.ref_table);
            } else {
                const model::Table& target = fk.ref_table == c.table.ref ? c.table : *it->second;
                ready = same_set(target.primary_key, fk.ref_columns);
                for (const auto& u : target.uniques) ready = ready || same_set(u.columns, fk.ref_columns);
            }
            if (ready) keep.push_back(fk);
            else deferred.push_back(diff::AddForeignKey{c.table.ref, fk, false});
        }
        c.table.foreign_keys = std::move(keep);
    }
}

// Indexes (AddIndex changes): partitions' before their parents', deepest level first, so that
// creating a parent's index attaches them instead of making new ones. PostgreSQL 15 attaches
// the first unattached index of the partition (by OID, so by creation order) that matches, and
// its match ignores ASC/DESC: so each level's indexes are made in the order the parent
// indexes they belong to (by this model's comparison, which does not ignore it) are made, and
// the ones that belong to none last.
void order_partition_indexes_first(std::vector<Change>& indexes) {
    const auto add = [&](std::size_t i) -> const diff::AddIndex& { return std::get<diff::AddIndex>(indexes[i]); };
    std::map<TableRef, TableRef> parent_of;
    for (std::size_t i = 0; i < indexes.size(); ++i)
        if (add(i).partition_of) parent_of.emplace(add(i).table, *add(i).partition_of);
    auto depth_of = [&](TableRef t) {
        std::size_t depth = 0;
        for (auto it = parent_of.find(t); it != parent_of.end() && depth <= parent_of.size(); it = parent_of.find(it->second)) ++depth;
        return depth;
    };
    std::vector<std::vector<std::size_t>> levels;  // by depth; level 0 keeps the plan's order
    for (std::size_t i = 0; i < indexes.size(); ++i) {
        const std::size_t depth = add(i).partition_of ? depth_of(add(i).table) : 0;
        if (levels.size() <= depth) levels.resize(depth + 1);
        levels[depth].push_back(i);
    }
    // Level by level from the top: a partition's index goes where its parent's goes.
    std::vector<std::size_t> made_at(indexes.size(), 0);  // position in its level's order
    for (std::size_t d = 1; d < levels.size(); ++d) {
        for (std::size_t k = 0; k < levels[d - 1].size(); ++k) made_at[levels[d - 1][k]] = k;
        std::map<TableRef, std::vector<std::size_t>> above;  // the level above, by table
        for (std::size_t p : levels[d - 1]) above[add(p).table].push_back(p);
        std::vector<std::size_t> rank(indexes.size(), indexes.size());
        for (std::size_t i : levels[d])
            if (auto it = above.find(*add(i).partition_of); it != above.end())
                for (std::size_t p : it->second)
                    if (add(p).index.same_definition(add(i).index)) {
                        rank[i] = made_at[p];
                        break;
                    }
        std::stable_sort(levels[d].begin(), levels[d].end(), [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
    }
    std::vector<Change> out;
    out.reserve(indexes.size());
    for (std::size_t d = levels.size(); d-- > 0;)
        for (std::size_t i : levels[d]) out.push_back(std::move(indexes[i]));
    indexes = std::move(out);
}

// Where a change goes among the changes to existing tables: columns, then key and check
// constraints, then indexes, then foreign keys, then comments on what they describe. (Tables,
// database-level objects, views, renames and drops are placed on their own in make_plan.)
struct PhaseOf {
    int operator()(const diff::AddColumn&) const { return 1; }
    int operator()(const diff::ModifyColumn&) const { return 1; }
    int operator()(const diff::AddPrimaryKey&) const { return 2; }
    int operator()(const diff::AddUnique&) const { return 2; }
    int operator()(const diff::AddCheck&) const { return 2; }
    int operator()(const diff::AddExclusion&) const { return 2; }
    int operator()(const diff::SetSequenceOwner&) const { return 2; }  // once the owner's column is there
    int operator()(const diff::AddIndex&) const { return 3; }
    int operator()(const diff::AddForeignKey&) const { return 4; }
    int operator()(const diff::SetComment&) const { return 5; }
    int operator()(const diff::CreateTable&) const { return 0; }
    int operator()(const diff::CreateSchema&) const { return 0; }
    int operator()(const diff::CreateExtension&) const { return 0; }
    int operator()(const diff::CreateEnum&) const { return 0; }
    int operator()(const diff::AddEnumValue&) const { return 0; }
    int operator()(const diff::CreateSequence&) const { return 0; }
    int operator()(const diff::CreateDomain&) const { return 0; }
    int operator()(const diff::CreateView&) const { return 0; }
    int operator()(const diff::DropTable&) const { return 0; }
    int operator()(const diff::DropColumn&) const { return 0; }
    int operator()(const diff::DropIndex&) const { return 0; }
    int operator()(const diff::DropConstraint&) const { return 0; }
    int operator()(const diff::DropView&) const { return 0; }
    int operator()(const diff::DropSequence&) const { return 0; }
    int operator()(const diff::DropEnum&) const { return 0; }
    int operator()(const diff::DropDomain&) const { return 0; }
    int operator()(const diff::RenameTable&) const { return 0; }
    int operator()(const diff::RenameColumn&) const { return 0; }
    int operator()(const diff::RenameIndex&) const { return 0; }
    int operator()(const diff::RebuildTable&) const { return 1; }  // with the columns: it makes them all
    int operator()(const diff::SetTableOptions&) const { return 1; }
    int operator()(const diff::AlterSequence&) const { return 0; }
    int operator()(const diff::AlterDomain&) const { return 0; }
    int operator()(const diff::ValidateConstraint&) const { return 4; }  // with the foreign keys, after the keys they need
    int operator()(const diff::RenameConstraint&) const { return 0; }
    int operator()(const diff::CreateFunction&) const { return 0; }
    int operator()(const diff::ReplaceFunction&) const { return 0; }
    int operator()(const diff::DropFunction&) const { return 0; }
    int operator()(const diff::CreateTrigger&) const { return 0; }
    int operator()(const diff::ReplaceTrigger&) const { return 0; }
    int operator()(const diff::DropTrigger&) const { return 0; }
    int operator()(const diff::CreateAggregate&) const { return 0; }
    int operator()(const diff::ReplaceAggregate&) const { return 0; }
    int operator()(const diff::DropAggregate&) const { return 0; }
    int operator()(const diff::CreatePolicy&) const { return 0; }
    int operator()(const diff::ReplacePolicy&) const { return 0; }
    int operator()(const diff::DropPolicy&) const { return 0; }
    int operator()(const diff::SetRowSecurity&) const { return 0; }
    int operator()(const diff::GrantPrivileges&) const { return 0; }
    int operator()(const diff::RevokePrivileges&) const { return 0; }
    int operator()(const diff::SetOwner&) const { return 0; }
    int operator()(const diff::GrantDefaultPrivileges&) const { return 0; }
    int operator()(const diff::RevokeDefaultPrivileges&) const { return 0; }
};
int phase(const Change& c) { return std::visit(PhaseOf{}, c); }

// The columns a trigger names: UPDATE OF's, and any its WHEN condition may use.
std::vector<std::string> trigger_columns(const model::Trigger& t) {
    std::vector<std::string> used = t.update_of;
    if (t.when) add_words(t.when->text, used);
    return used;
}

// The columns a policy's expressions may use.
std::vector<std::string> policy_columns(const model::Policy& p) {
    std::vector<std::string> used;
    if (p.using_expression) add_words(p.using_expression->text, used);
    if (p.with_check) add_words(p.with_check->text, used);
    return used;
}

std::vector<std::string> columns_used(const Change& c) {
    struct V {
        std::vector<std::string> operator()(const diff::CreateTable&) const { return {}; }
        std::vector<std::string> operator()(const diff::AddColumn&) const { return {}; }
        std::vector<std::string> operator()(const diff::AddPrimaryKey& x) const { return x.columns; }
        std::vector<std::string> operator()(const diff::AddUnique& x) const { return x.unique.columns; }
        std::vector<std::string> operator()(const diff::AddIndex& x) const {
            std::vector<std::string> used = x.index.referenced_columns();
            for (const auto& k : x.index.keys)  // expressions and the predicate may name any column
                if (k.expression) add_words(k.expression->text, used);
            if (x.index.where) add_words(x.index.where->text, used);
            return used;
        }
        std::vector<std::string> operator()(const diff::AddForeignKey& x) const { return x.foreign_key.columns; }
        std::vector<std::string> operator()(const diff::CreateSchema&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateExtension&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateEnum&) const { return {}; }
        std::vector<std::string> operator()(const diff::AddEnumValue&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateSequence&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateDomain&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateView&) const { return {}; }
        std::vector<std::string> operator()(const diff::SetSequenceOwner& x) const { return {x.owner.column}; }
        std::vector<std::string> operator()(const diff::ModifyColumn& x) const { return {x.to.name}; }
        std::vector<std::string> operator()(const diff::DropTable&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropColumn&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropIndex&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropConstraint&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropView&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropSequence&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropEnum&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropDomain&) const { return {}; }
        std::vector<std::string> operator()(const diff::RenameTable&) const { return {}; }
        std::vector<std::string> operator()(const diff::RenameColumn&) const { return {}; }
        std::vector<std::string> operator()(const diff::RenameIndex&) const { return {}; }
        std::vector<std::string> operator()(const diff::RebuildTable&) const { return {}; }
        std::vector<std::string> operator()(const diff::SetTableOptions&) const { return {}; }
        std::vector<std::string> operator()(const diff::AlterSequence&) const { return {}; }
        std::vector<std::string> operator()(const diff::AlterDomain&) const { return {}; }
        std::vector<std::string> operator()(const diff::ValidateConstraint&) const { return {}; }
        std::vector<std::string> operator()(const diff::RenameConstraint&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateFunction&) const { return {}; }
        std::vector<std::string> operator()(const diff::ReplaceFunction&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropFunction&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateTrigger& x) const { return trigger_columns(x.trigger); }
        std::vector<std::string> operator()(const diff::ReplaceTrigger& x) const { return trigger_columns(x.to); }
        std::vector<std::string> operator()(const diff::DropTrigger&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreateAggregate&) const { return {}; }
        std::vector<std::string> operator()(const diff::ReplaceAggregate&) const { return {}; }
        std::vector<std::string> operator()(const diff::DropAggregate&) const { return {}; }
        std::vector<std::string> operator()(const diff::CreatePolicy& x) const { return policy_columns(x.policy); }
        std::vector<std::string> operator()(const diff::ReplacePolicy& x) const { return policy_columns(x.to); }
        std::vector<std::string> operator()(const diff::DropPolicy&) const { return {}; }
        std::vector<std::string> operator()(const diff::SetRowSecurity&) const { return {}; }
        std::vector<std::string> operator()(const diff::GrantPrivileges&) const { return {}; }
        std::vector<std::string> operator()(const diff::RevokePrivileges&) const { return {}; }
        std::vector<std::string> operator()(const diff::SetOwner&) const { return {}; }
        std::vector<std::string> operator()(const diff::GrantDefaultPrivileges&) const { return {}; }
        std::vector<std::string> operator()(const diff::RevokeDefaultPrivileges&) const { return {}; }
        std::vector<std::string> operator()(const diff::AddExclusion& x) const {
            std::vector<std::string> words;
            add_words(x.exclusion.definition.text, words);
            return words;
        }
        std::vector<std::string> operator()(const diff::SetComment& x) const {
            return x.on == diff::CommentOn::Column ? std::vector<std::string>{x.name} : std::vector<std::string>{};
        }
        std::vector<std::string> operator()(const diff::AddCheck& x) const {
            std::vector<std::string> words;  // a check may use any column its text names
            add_words(x.check.expression.text, words);
            return words;
        }
    };
    return std::visit(V{}, c);
}

// The sequences serial columns with a sequence name of their own make (model::Column::sequence).
std::vector<TableRef> named_serial_sequences(const Change& c) {
    std::vector<TableRef> out;
    auto add = [&](const TableRef& table, const model::Column& column) {
        if (column.is_serial() && !column.sequence.empty()) out.push_back(TableRef{table.schema, column.sequence});
    };
    if (auto* ct = std::get_if<diff::CreateTable>(&c))
        for (const auto& column : ct->table.columns) add(ct->table.ref, column);
    if (auto* ac = std::get_if<diff::AddColumn>(&c)) add(ac->table, ac->column);
    return out;
}

}  // namespace

namespace {

// "≈48 M rows, 31 GB": the size of a table as the catalog estimates it.
std::string size_text(const dialect::TableSize& size) {
    auto scaled = [](double value, const char* const* units, double step) {
        int unit = 0;
        while (value >= step * 10 && units[unit + 1]) value /= step, ++unit;
        char buf[32];
        std::snprintf(buf, sizeof buf, value >= 10 || unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
        return std::string(buf);
    };
    static const char* const row_units[] = {"rows", "k rows", "M rows", "G rows", nullptr};
    static const char* const byte_units[] = {"bytes", "kB", "MB", "GB", "TB", nullptr};
    std::string out = size.rows > 0 ? "\u2248" + scaled(size.rows, row_units, 1000) : "rows not yet estimated (never analysed)";
    if (size.rows > 0 && size.rows < 1000) out = "\u2248" + std::to_string(static_cast<long long>(size.rows)) + " rows";
    if (size.bytes >= 0) out += ", " + scaled(static_cast<double>(size.bytes), byte_units, 1024);
    return out;
}

// Hazards whose cost is the table's size: on a table known to be empty they cost nothing.
bool sized_by_table(HazardKind kind) {
    switch (kind) {
        case HazardKind::RewritesTable:
        case HazardKind::BlocksWrites:
        case HazardKind::BlocksReads:
        case HazardKind::Validates:
        case HazardKind::LongRunning: return true;
        case HazardKind::DeletesData:
        case HazardKind::MayFail:
        case HazardKind::CommitsFirst: return false;
    }
    return false;
}

// The hazards of a change to an existing table, with what the catalog knows of its size: gone
// where the table is empty, the size said where it is not. Data deleted is said with its size too.
void size_hazards(std::vector<Statement>& statements, const TableRef& table, const dialect::TableSizes& sizes) {
    auto it = sizes.find(table);
    if (it == sizes.end()) return;  // a table the plan creates, or no catalog (offline)
    const dialect::TableSize& size = it->second;
    for (auto& s : statements) {
        if (!size.has_rows)
            s.hazards.erase(std::remove_if(s.hazards.begin(), s.hazards.end(), [](const Hazard& h) { return sized_by_table(h.kind); }),
                            s.hazards.end());
        else
            for (auto& h : s.hazards)
                if (sized_by_table(h.kind) || h.kind == HazardKind::DeletesData) h.reason += " (" + table.display() + ": " + size_text(size) + ")";
    }
}

// The (table, columns) of keys this plan builds after the main transaction (a unique
// constraint or index made concurrently). Columns sorted: a foreign key may name them in any
// order (as same_set compares them).
std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}
std::set<std::pair<TableRef, std::vector<std::string>>> keys_built_after(const std::vector<Step>& steps) {
    std::set<std::pair<TableRef, std::vector<std::string>>> out;
    for (const auto& step : steps) {
        const bool after = std::any_of(step.statements.begin(), step.statements.end(),
                                       [](const Statement& s) { return s.runs == Phase::AfterTransaction; });
        if (!after) continue;
        if (auto* u = std::get_if<diff::AddUnique>(&step.change)) out.insert({u->table, sorted(u->unique.columns)});
        if (auto* i = std::get_if<diff::AddIndex>(&step.change); i && i->index.unique) out.insert({i->table, sorted(i->index.key_names())});
    }
    return out;
}

// A foreign key needs the key it references when it is added: one that references a key built
// after the main transaction is added after it too, once the key is there (foreign keys come
// after indexes and unique constraints in a plan's order).
void follow_keys_built_after(std::vector<Step>& steps) {
    const auto keys = keys_built_after(steps);
    if (keys.empty()) return;
    for (auto& step : steps)
        if (auto* fk = std::get_if<diff::AddForeignKey>(&step.change); fk && keys.count({fk->foreign_key.ref_table, sorted(fk->foreign_key.ref_columns)}))
            for (auto& s : step.statements)
                if (s.runs == Phase::InTransaction) s = std::move(s).in(Phase::AfterTransaction);
}

// One dependency order over the whole plan. The phases above place each kind of change where
// it usually belongs; what one object names of another can still cross them (an index
// expression calling a function typed by its own table, which is made after the tables; a view
// calling a function typed by another view). So each change that names what another change
// makes comes after it, and everything else keeps its place: a stable topological order.
// Objects are keyed by kind and unqualified, lower-cased name ("f:" functions and aggregates,
// "r:" tables and views, as relations and row types, "t:" enums and domains); an expression
// names every word it holds, so a name shared by two objects can only order more than needed.
// Drops the other way round: a drop comes after the drops of the objects that name what it drops,
// and a change that makes an object again after its drop. A cycle keeps the phases' order for
// what it holds (make_plan breaks the ones pg_dump breaks: a check or default of a new table
// calling a function that needs that table, typed by it or reading it in a SQL-standard body).
namespace dependency {

using Keys = std::vector<std::string>;

void words_as(const char* kind, const std::string& expression, Keys& out) {
    std::vector<std::string> words;
    add_words(expression, words);
    for (auto& w : words) out.push_back(kind + model::lower_ascii(w));
}
void type_as(const std::string& type, Keys& out) {
    const std::string name = named_relation(type).name;
    if (name.empty()) return;
    out.push_back("t:" + name);
    out.push_back("r:" + name);
}
void column(const model::Column& c, Keys& out) {
    type_as(c.type, out);
    if (c.default_value) words_as("f:", c.default_value->text, out);
    if (c.generated) words_as("f:", c.generated->text, out);
}
void function(const model::Function& f, Keys& out) {
    type_as(f.returns, out);
    for (const auto& a : f.arguments) {
        type_as(a.type, out);
        if (a.default_value) words_as("f:", a.default_value->text, out);
    }
    // A SQL-standard body is parsed when the function is made (other bodies are not checked):
    // the tables, views, types and functions it names come first, and go after it.
    if (f.sql_body) {
        words_as("f:", f.body, out);
        words_as("r:", f.body, out);
        words_as("t:", f.body, out);
    }
}
void domain(const model::Domain& d, Keys& out) {
    type_as(d.type, out);
    if (d.default_value) words_as("f:", d.default_value->text, out);
    for (const auto& c : d.checks) words_as("f:", c.expression.text, out);
}
void index(const model::Index& i, Keys& out) {
    for (const auto& k : i.keys)
        if (k.expression) words_as("f:", k.expression->text, out);
    if (i.where) words_as("f:", i.where->text, out);
}
void policy(const model::Policy& p, Keys& out) {
    for (const auto* e : {&p.using_expression, &p.with_check})
        if (*e) {
            words_as("f:", (*e)->text, out);
            words_as("r:", (*e)->text, out);  // a subquery's tables and views
        }
}
void trigger(const model::Trigger& t, Keys& out) {
    if (!t.function.name.empty()) out.push_back("f:" + model::lower_ascii(t.function.name));
    if (t.when) words_as("f:", t.when->text, out);
}

void aggregate(const model::Aggregate& a, Keys& out) {
    out.push_back("f:" + model::lower_ascii(a.state_function.name));
    if (a.final_function) out.push_back("f:" + model::lower_ascii(a.final_function->name));
    type_as(a.state_type, out);
    for (const auto& arg : a.arguments) type_as(arg.type, out);
}
void view(const model::View& v, Keys& out) {
    words_as("f:", v.definition.text, out);
    words_as("r:", v.definition.text, out);
}

// What a drop takes away, and what the object it drops named: a drop comes after the drops of
// what names its object (a function typed by a view goes before the view), and a change that
// makes that object again comes after the drop.
Keys key(const char* kind, const TableRef& r) { return Keys{kind + model::lower_ascii(r.name)}; }

Keys unmade(const Change& c) {
    if (auto* d = std::get_if<diff::DropFunction>(&c)) return key("f:", d->function.ref);
    if (auto* d = std::get_if<diff::DropAggregate>(&c)) return key("f:", d->aggregate.ref);
    if (auto* d = std::get_if<diff::DropTable>(&c)) return key("r:", d->table.ref);
    if (auto* d = std::get_if<diff::DropView>(&c)) return key("r:", d->view.ref);
    if (auto* d = std::get_if<diff::DropEnum>(&c)) return key("t:", d->type.ref);
    if (auto* d = std::get_if<diff::DropDomain>(&c)) return key("t:", d->domain.ref);
    return {};
}
// The object itself, for a change that makes what a drop took away: a function or aggregate by
// its signature (another overload of the name is another object), the rest by name.
Keys identity(const Change& c, Keys keys) {
    const model::Function* f = made_function(c);
    if (!f)
        if (auto* d = std::get_if<diff::DropFunction>(&c)) f = &d->function;
    if (f) return {"F:" + model::lower_ascii(f->signature())};
    const model::Aggregate* a = nullptr;
    if (auto* x = std::get_if<diff::CreateAggregate>(&c)) a = &x->aggregate;
    if (auto* x = std::get_if<diff::ReplaceAggregate>(&c)) a = &x->to;
    if (auto* x = std::get_if<diff::DropAggregate>(&c)) a = &x->aggregate;
    if (a) return {"F:" + model::lower_ascii(a->signature())};
    return keys;
}

Keys named_by_dropped(const Change& c) {
    Keys out;
    if (auto* d = std::get_if<diff::DropFunction>(&c)) function(d->function, out);
    if (auto* d = std::get_if<diff::DropAggregate>(&c)) aggregate(d->aggregate, out);
    if (auto* d = std::get_if<diff::DropView>(&c)) view(d->view, out);
    if (auto* d = std::get_if<diff::DropDomain>(&c)) domain(d->domain, out);
    if (auto* d = std::get_if<diff::DropTable>(&c)) {
        for (const auto& col : d->table.columns) column(col, out);
        for (const auto& check : d->table.checks) words_as("f:", check.expression.text, out);
    }
    if (auto* d = std::get_if<diff::DropColumn>(&c)) column(d->column, out);
    if (auto* d = std::get_if<diff::DropIndex>(&c)) index(d->index, out);
    if (auto* d = std::get_if<diff::DropConstraint>(&c)) words_as("f:", d->definition, out);
    if (auto* d = std::get_if<diff::DropTrigger>(&c)) trigger(d->trigger, out);
    if (auto* d = std::get_if<diff::DropPolicy>(&c)) policy(d->policy, out);
    return out;
}

Keys made(const Change& c) {
    if (const model::Function* f = made_function(c)) return key("f:", f->ref);
    if (auto* a = std::get_if<diff::CreateAggregate>(&c)) return key("f:", a->aggregate.ref);
    if (auto* a = std::get_if<diff::ReplaceAggregate>(&c)) return key("f:", a->to.ref);
    if (auto* t = std::get_if<diff::CreateTable>(&c)) return key("r:", t->table.ref);
    if (auto* v = std::get_if<diff::CreateView>(&c)) return key("r:", v->view.ref);
    if (auto* e = std::get_if<diff::CreateEnum>(&c)) return key("t:", e->type.ref);
    if (auto* d = std::get_if<diff::CreateDomain>(&c)) return key("t:", d->domain.ref);
    return {};
}

Keys named(const Change& c) {
    Keys out;
    if (const model::Function* f = made_function(c)) function(*f, out);
    if (auto* t = std::get_if<diff::CreateTable>(&c)) {
        for (const auto& col : t->table.columns) column(col, out);
        for (const auto& check : t->table.checks) words_as("f:", check.expression.text, out);
    }
    if (auto* a = std::get_if<diff::AddColumn>(&c)) column(a->column, out);
    if (auto* m = std::get_if<diff::ModifyColumn>(&c)) column(m->to, out);
    if (auto* a = std::get_if<diff::AddCheck>(&c)) words_as("f:", a->check.expression.text, out);
    if (auto* a = std::get_if<diff::AddIndex>(&c)) index(a->index, out);
    if (auto* v = std::get_if<diff::CreateView>(&c)) view(v->view, out);
    if (auto* d = std::get_if<diff::CreateDomain>(&c)) domain(d->domain, out);
    if (auto* d = std::get_if<diff::AlterDomain>(&c)) domain(d->to, out);
    const model::Aggregate* aggregate = nullptr;
    if (auto* a = std::get_if<diff::CreateAggregate>(&c)) aggregate = &a->aggregate;
    if (auto* a = std::get_if<diff::ReplaceAggregate>(&c)) aggregate = &a->to;
    if (aggregate) dependency::aggregate(*aggregate, out);
    if (auto* t = std::get_if<diff::CreateTrigger>(&c)) trigger(t->trigger, out);
    if (auto* t = std::get_if<diff::ReplaceTrigger>(&c)) trigger(t->to, out);
    if (auto* p = std::get_if<diff::CreatePolicy>(&c)) policy(p->policy, out);
    if (auto* p = std::get_if<diff::ReplacePolicy>(&c)) policy(p->to, out);
    return out;
}

std::vector<Change> order(std::vector<Change> changes) {
    const std::size_t n = changes.size();
    std::unordered_map<std::string, std::vector<std::size_t>> makers, droppers, dropped_objects;
    for (std::size_t i = 0; i < n; ++i) {
        for (auto& key : made(changes[i])) makers[key].push_back(i);
        const Keys gone = unmade(changes[i]);
        for (auto& key : gone) droppers[key].push_back(i);
        if (!gone.empty())
            for (auto& key : identity(changes[i], gone)) dropped_objects[key].push_back(i);
    }
    if (makers.empty() && droppers.empty()) return changes;
    std::vector<std::set<std::size_t>> after(n);  // the changes each comes after
    auto each = [](const std::unordered_map<std::string, std::vector<std::size_t>>& by_key, const std::string& key, auto&& f) {
        if (auto it = by_key.find(key); it != by_key.end())
            for (std::size_t j : it->second) f(j);
    };
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto& key : named(changes[i])) each(makers, key, [&](std::size_t j) { after[i].insert(j); });
        for (const auto& key : named_by_dropped(changes[i])) each(droppers, key, [&](std::size_t j) { after[j].insert(i); });
        for (const auto& key : identity(changes[i], made(changes[i]))) each(dropped_objects, key, [&](std::size_t j) { after[i].insert(j); });
    }
    std::vector<std::vector<std::size_t>> dependents(n);
    std::vector<std::size_t> waiting(n, 0);  // the changes each still waits for
    for (std::size_t i = 0; i < n; ++i) {
        after[i].erase(i);
        for (std::size_t j : after[i]) dependents[j].push_back(i);
        waiting[i] = after[i].size();
    }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;  // earliest first
    for (std::size_t i = 0; i < n; ++i)
        if (!waiting[i]) ready.push(i);
    std::vector<bool> placed(n, false);
    std::vector<Change> out;
    out.reserve(n);
    std::size_t first_unplaced = 0;
    while (out.size() < n) {
        std::size_t next;
        if (!ready.empty()) {
            next = ready.top();
            ready.pop();
            if (placed[next]) continue;
        } else {  // a cycle: its earliest change where the phases put it
            while (placed[first_unplaced]) ++first_unplaced;
            next = first_unplaced;
        }
        placed[next] = true;
        out.push_back(std::move(changes[next]));
        for (std::size_t d : dependents[next])
            if (!placed[d] && --waiting[d] == 0) ready.push(d);
    }
    return out;
}

}  // namespace dependency

}  // namespace

Plan make_plan(diff::Diff diff, const dialect::Dialect& dialect, const std::vector<TableRef>& taken, const Options& options) {
    const dialect::RenderContext context{&options.sizes, options.online};
    if (dialect.rebuilds_tables()) fold_rebuilds(diff, dialect);
    keep_triggers_of_remade_views(diff);
    // A name this plan frees first (a drop, a rename's old name) is not taken for what it makes.
    std::set<TableRef> taken_names(taken.begin(), taken.end());
    for (const auto& c : diff.changes)
        if (auto freed = diff::removes_relation(c)) taken_names.erase(*freed);
    Plan plan;
    plan.in_sync = std::move(diff.in_sync);
    plan.warnings = std::move(diff.warnings);
    plan.not_managed = std::move(diff.not_managed);

    // Renames first: every later statement names objects as the model does. Then the drops
    // that free what the rest needs: views (which read columns about to change), foreign keys
    // (which need the keys they reference), then other constraints and indexes (a replaced one
    // is created again later under its name). Drops of columns, tables and types come last,
    // once nothing the plan keeps refers to them.
    auto renames = take(diff.changes, [](const Change& c) { return diff::effect_of(c) == diff::Effect::Rename; });
    std::vector<Change> ordered(std::make_move_iterator(renames.begin()), std::make_move_iterator(renames.end()));
    // The triggers that go of a view that goes: while it is still there to name.
    std::set<TableRef> views_dropped;
    for (const auto& c : diff.changes)
        if (auto* d = std::get_if<diff::DropView>(&c)) views_dropped.insert(d->view.ref);
    for (auto& c : take(diff.changes, [&](const Change& c) {
             auto* t = std::get_if<diff::DropTrigger>(&c);
             return t && views_dropped.count(t->table);
         }))
        ordered.push_back(std::move(c));
    // A view before the views it reads: the reverse of the order they are created in.
    auto dropped_views = order_views<diff::DropView>(take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropView>(c); }));
    std::move(dropped_views.rbegin(), dropped_views.rend(), std::back_inserter(ordered));
    // A function or aggregate made again under its signature (another result type, argument
    // names or modes): the old one goes once the views that called it are gone, an aggregate
    // before the functions it calls.
    // A policy before the functions it calls and the columns it uses (which may change type).
    for (auto& c : take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropPolicy>(c); }))
        ordered.push_back(std::move(c));
    for (auto& c : take(diff.changes, [](const Change& c) {
             auto* d = std::get_if<diff::DropAggregate>(&c);
             return d && d->replaced;
         }))
        ordered.push_back(std::move(c));
    for (auto& c : take(diff.changes, [](const Change& c) {
             auto* d = std::get_if<diff::DropFunction>(&c);
             return d && d->replaced;
         }))
        ordered.push_back(std::move(c));
    for (auto& c : take(diff.changes, [](const Change& c) {
             auto* d = std::get_if<diff::DropConstraint>(&c);
             return d && d->kind == diff::ConstraintKind::ForeignKey;
         }))
        ordered.push_back(std::move(c));
    for (auto& c : take(diff.changes, [](const Change& c) {
             return std::holds_alternative<diff::DropConstraint>(c) || std::holds_alternative<diff::DropIndex>(c) ||
                    std::holds_alternative<diff::DropTrigger>(c);  // before the columns and functions it names
         }))
        ordered.push_back(std::move(c));
    // A column whose table's views are made again around its drop goes before they are made.
    for (auto& c : take(diff.changes, [](const Change& c) {
             auto* d = std::get_if<diff::DropColumn>(&c);
             return d && d->early;
         }))
        ordered.push_back(std::move(c));
    auto late_drops = take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropColumn>(c); });
    for (auto& c : order_table_drops(take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropTable>(c); })))
        late_drops.push_back(std::move(c));
    for (auto& c : take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropAggregate>(c); }))
        late_drops.push_back(std::move(c));  // before the functions they call
    for (auto& c : take(diff.changes, [](const Change& c) { return std::holds_alternative<diff::DropFunction>(c); }))
        late_drops.push_back(std::move(c));  // before the types their arguments may use
    for (auto& c : take(diff.changes, [](const Change& c) {  // types last: the columns that used them are gone by then
             return std::holds_alternative<diff::DropSequence>(c) || std::holds_alternative<diff::DropDomain>(c) ||
                    std::holds_alternative<diff::DropEnum>(c);
         }))
        late_drops.push_back(std::move(c));

    // Split created tables: their indexes become AddIndex steps, so each step is one object.
    std::vector<diff::CreateTable> creates;
    std::vector<Change> rest;
    std::vector<diff::AddIndex> created_indexes;
    // schemas, then extensions (whose types tables may use), then the rest
    for (auto& c : diff.changes)
        if (std::holds_alternative<diff::CreateSchema>(c)) ordered.push_back(std::move(c));
    for (auto& c : diff.changes)
        if (std::holds_alternative<diff::CreateExtension>(c)) ordered.push_back(std::move(c));
    // Types, sequences and the functions that are not typed by a relation the plan makes: before
    // the tables (columns are of these types, defaults call these functions and name these
    // sequences); among themselves, dependency::order puts each after what it names.
    for (auto& c : diff.changes)
        if (std::holds_alternative<diff::CreateEnum>(c) || std::holds_alternative<diff::AddEnumValue>(c))
            ordered.push_back(std::move(c));
    for (auto& c : diff.changes)  // a domain may be over an enum; columns may be of either
        if (std::holds_alternative<diff::CreateDomain>(c) || std::holds_alternative<diff::AlterDomain>(c)) ordered.push_back(std::move(c));
    for (auto& c : diff.changes)  // before the tables whose defaults name them (nextval('s'::regclass))
        if (std::holds_alternative<diff::CreateSequence>(c) || std::holds_alternative<diff::AlterSequence>(c)) ordered.push_back(std::move(c));
    // Functions before the tables whose defaults, checks, generated columns and indexes call
    // them; one whose arguments or result are a row type the plan makes, after the tables (or
    // the views) it is typed by.
    std::set<TableRef> made_tables, made_views;
    for (const auto& c : diff.changes)
        if (auto* ct = std::get_if<diff::CreateTable>(&c)) made_tables.insert(ct->table.ref);
        else if (auto* cv = std::get_if<diff::CreateView>(&c)) made_views.insert(cv->view.ref);
    std::vector<Change> functions_after_tables, functions_after_views;
    for (auto& c : diff.changes) {
        const model::Function* f = made_function(c);
        if (!f) continue;
        if (needs_made(*f, made_views)) functions_after_views.push_back(std::move(c));
        else if (needs_made(*f, made_tables)) functions_after_tables.push_back(std::move(c));
        else ordered.push_back(std::move(c));
    }
    std::vector<Change> views;  // last: they read tables
    for (auto& c : diff.changes)
        if (std::holds_alternative<diff::CreateView>(c)) views.push_back(std::move(c));
    std::vector<Change> aggregates;  // after the functions they call (some after the tables), before the views that call them
    for (auto& c : diff.changes)
        if (std::holds_alternative<diff::CreateAggregate>(c) || std::holds_alternative<diff::ReplaceAggregate>(c))
            aggregates.push_back(std::move(c));
    // After everything they name: their tables, columns, functions (and a policy's, the views
    // its subqueries read); row-level security is switched on once the table's policies are there.
    auto last = [](const Change& c) {
        return std::holds_alternative<diff::CreateTrigger>(c) || std::holds_alternative<diff::ReplaceTrigger>(c) ||
               std::holds_alternative<diff::CreatePolicy>(c) || std::holds_alternative<diff::ReplacePolicy>(c) ||
               std::holds_alternative<diff::SetRowSecurity>(c) || std::holds_alternative<diff::GrantPrivileges>(c) ||
               std::holds_alternative<diff::RevokePrivileges>(c) || std::holds_alternative<diff::SetOwner>(c) ||
               std::holds_alternative<diff::GrantDefaultPrivileges>(c) || std::holds_alternative<diff::RevokeDefaultPrivileges>(c);
    };
    std::vector<Change> triggers;
    for (auto& c : diff.changes)
        if (last(c)) triggers.push_back(std::move(c));
    auto database_level = [&last](const Change& c) {
        return std::holds_alternative<diff::CreateSchema>(c) || std::holds_alternative<diff::CreateExtension>(c) ||
               std::holds_alternative<diff::CreateEnum>(c) || std::holds_alternative<diff::AddEnumValue>(c) ||
               std::holds_alternative<diff::CreateSequence>(c) || std::holds_alternative<diff::CreateDomain>(c) ||
               std::holds_alternative<diff::CreateView>(c) || std::holds_alternative<diff::AlterSequence>(c) ||
               std::holds_alternative<diff::AlterDomain>(c) || made_function(c) != nullptr ||
               last(c) || std::holds_alternative<diff::CreateAggregate>(c) || std::holds_alternative<diff::ReplaceAggregate>(c);
    };
    for (auto& c : diff.changes) {
        if (database_level(c)) continue;
        if (auto* ct = std::get_if<diff::CreateTable>(&c)) {
            // A check or default calling a function that needs this very table (typed by it,
            // CHECK (valid(t.*)), or a SQL-standard body that reads it) is a cycle: the function
            // is made after the table, the table with its checks and defaults. As pg_dump does,
            // the check is added and the default set once both are there.
            auto calls_one_needing_table = [&](const std::string& expression) {
                std::vector<std::string> words;
                add_words(expression, words);
                return std::any_of(functions_after_tables.begin(), functions_after_tables.end(), [&](const Change& f) {
                    const model::Function* fn = made_function(f);
                    return fn && needs_made(*fn, {ct->table.ref}) &&
                           std::any_of(words.begin(), words.end(), [&](const std::string& w) { return model::lower_ascii(w) == model::lower_ascii(fn->ref.name); });
                });
            };
            std::vector<model::Check> checks;
            for (auto& check : ct->table.checks) {
                if (calls_one_needing_table(check.expression.text)) rest.push_back(diff::AddCheck{ct->table.ref, std::move(check), false});
                else checks.push_back(std::move(check));
            }
            ct->table.checks = std::move(checks);
            for (auto& column : ct->table.columns) {
                if (!column.default_value || !calls_one_needing_table(column.default_value->text)) continue;
                model::Column without = column;
                without.default_value.reset();
                diff::ColumnDifferences differs;
                differs.default_value = true;
                rest.push_back(diff::ModifyColumn{ct->table.ref, without, column, differs, false});
                column.default_value.reset();
            }
            for (auto& idx : ct->table.indexes)
                created_indexes.push_back(diff::AddIndex{ct->table.ref, idx, ct->table.partition_of, false});
            ct->table.indexes.clear();
            creates.push_back(std::move(*ct));
        } else {
            rest.push_back(std::move(c));
        }
    }
    std::vector<diff::AddForeignKey> deferred;
    if (!dialect.allows_forward_references()) defer_keys_not_yet_there(creates, rest, deferred);
    for (auto& ct : order_tables(std::move(creates), dialect.allows_forward_references(), deferred))
        ordered.push_back(std::move(ct));
    std::stable_sort(rest.begin(), rest.end(), [](const Change& a, const Change& b) { return phase(a) < phase(b); });
    // Columns and key/check constraints, then every index (partitions' first, see AddIndex;
    // otherwise new tables' first), then foreign keys, then the foreign keys deferred from new
    // tables.
    auto first_index = std::find_if(rest.begin(), rest.end(), [](const Change& c) { return phase(c) >= 3; });
    auto after_indexes = std::find_if(first_index, rest.end(), [](const Change& c) { return phase(c) > 3; });
    std::move(rest.begin(), first_index, std::back_inserter(ordered));
    std::vector<Change> indexes(std::make_move_iterator(created_indexes.begin()), std::make_move_iterator(created_indexes.end()));
    std::move(first_index, after_indexes, std::back_inserter(indexes));
    order_partition_indexes_first(indexes);
    std::move(indexes.begin(), indexes.end(), std::back_inserter(ordered));
    std::move(after_indexes, rest.end(), std::back_inserter(ordered));
    for (auto& fk : deferred) ordered.push_back(std::move(fk));
    for (auto& f : functions_after_tables) ordered.push_back(std::move(f));
    for (auto& a : aggregates) ordered.push_back(std::move(a));
    for (auto& v : order_views<diff::CreateView>(std::move(views))) ordered.push_back(std::move(v));
    for (auto& f : functions_after_views) ordered.push_back(std::move(f));
    for (auto& t : triggers) ordered.push_back(std::move(t));
    for (auto& d : late_drops) ordered.push_back(std::move(d));

    ordered = dependency::order(std::move(ordered));

    // Render; what cannot be made becomes a warning, and so does what needs it.
    std::set<std::string> missing_schemas;
    std::set<TableRef> missing_tables;
    std::set<std::pair<TableRef, std::string>> missing_columns;
    for (auto& change : ordered) {
        const TableRef table = diff::table_of(change);
        std::string blocked_by;
        if (missing_tables.count(table)) blocked_by = "table " + table.display() + " cannot be created";
        if (blocked_by.empty() && !diff::is_database_level(table) && missing_schemas.count(table.schema))
            blocked_by = "schema " + table.schema + " cannot be created";
        for (const auto& col : columns_used(change))
            if (blocked_by.empty() && missing_columns.count({table, col}))
                blocked_by = "column " + table.display() + "." + col + " cannot be added";
        if (auto* fk = std::get_if<diff::AddForeignKey>(&change); fk && blocked_by.empty() &&
                                                                  missing_tables.count(fk->foreign_key.ref_table))
            blocked_by = "table " + fk->foreign_key.ref_table.display() + " cannot be created";

        if (auto name = diff::creates_relation(change); blocked_by.empty() && name && taken_names.count(*name))
            blocked_by = "the name " + name->display() + " is already used by another object in the database";
        // A serial column's sequence under its own name: CREATE SEQUENCE IF NOT EXISTS would take
        // over a sequence of that name that something else draws from.
        for (const auto& seq : named_serial_sequences(change))
            if (blocked_by.empty() && taken_names.count(seq))
                blocked_by = "the name " + seq.display() + " (the sequence of a serial column) is already used by another object in the database";
        dialect::Rendered r;
        if (blocked_by.empty()) r = dialect.render(change, context);
        if (!blocked_by.empty() || !r.unsupported.empty()) {
            if (std::holds_alternative<diff::CreateTable>(change)) missing_tables.insert(table);
            if (auto* cs = std::get_if<diff::CreateSchema>(&change)) missing_schemas.insert(cs->name);
            if (auto* ac = std::get_if<diff::AddColumn>(&change)) missing_columns.insert({table, ac->column.name});
            std::string what = std::string(diff::to_string(diff::kind_of(change))) + " " + diff::object_name(change);
            plan.warnings.push_back(diff::Warning{diff::WarningKind::Unsupported, diff::kind_of(change), table,
                                                  diff::object_name(change),
                                                  blocked_by.empty() ? r.unsupported
                                                                     : "cannot add " + what + " because " + blocked_by});
            continue;
        }
        size_hazards(r.statements, table, options.sizes);
        plan.steps.push_back(Step{std::move(change), std::move(r.statements)});
    }
    follow_keys_built_after(plan.steps);
    return plan;
}

std::vector<Hazard> Step::hazards() const {
    std::vector<Hazard> out;
    for (const auto& s : statements) out.insert(out.end(), s.hazards.begin(), s.hazards.end());
    return out;
}

bool Plan::has_changes() const {
    return !steps.empty() || std::any_of(data.begin(), data.end(), [](const DataStep& d) { return !d.statements.empty(); });
}

std::vector<Statement> Plan::statements() const {
    std::vector<Statement> out;
    for (Phase phase : kAllPhases) {
        auto in_phase = statements(phase);
        std::move(in_phase.begin(), in_phase.end(), std::back_inserter(out));
    }
    return out;
}

std::vector<Statement> Plan::statements(Phase phase) const {
    std::vector<Statement> out;
    for (const auto& step : steps)
        for (const auto& s : step.statements)
            if (s.runs == phase) out.push_back(s);
    if (phase != Phase::InTransaction) return out;
    // Declared rows after the schema: every delete first, a child table's before its parent's,
    // then inserts and updates, parents first (render_rows puts a step's deletes first).
    for (auto d = data.rbegin(); d != data.rend(); ++d)
        out.insert(out.end(), d->statements.begin(), d->statements.begin() + static_cast<std::ptrdiff_t>(d->rows.deletes.size()));
    for (const auto& d : data) out.insert(out.end(), d.statements.begin() + static_cast<std::ptrdiff_t>(d.rows.deletes.size()), d.statements.end());
    return out;
}

std::vector<std::string> Plan::sql(Phase phase) const {
    std::vector<std::string> out;
    for (const auto& s : statements(phase)) out.push_back(s.text());
    return out;
}

std::vector<DataStep> plan_rows(diff::DataDiff data, const dialect::Dialect& dialect) {
    std::vector<DataStep> out;
    for (auto& rows : data.tables) {
        DataStep step{std::move(rows), {}};
        step.statements = dialect.render_rows(step.rows);
        out.push_back(std::move(step));
    }
    return out;
}

std::size_t Plan::not_managed_count() const {
    return not_managed.size() +
           std::count_if(warnings.begin(), warnings.end(), [](const diff::Warning& w) { return w.kind == diff::WarningKind::NotManaged; });
}

Summary summarize(const Plan& plan) {
    Summary s;
    for (const auto& step : plan.steps) switch (diff::effect_of(step.change)) {
            case diff::Effect::Create: ++s.to_create; break;
            case diff::Effect::Modify: ++s.to_modify; break;
            case diff::Effect::Rename: ++s.to_rename; break;
            case diff::Effect::Remove: ++s.to_drop; break;
        }
    s.in_sync = plan.in_sync.size();
    s.warnings = plan.warnings.size();
    for (const auto& d : plan.data) {
        s.has_rows = true;
        s.rows_to_insert += d.rows.inserts.size();
        s.rows_to_update += d.rows.updates.size();
        s.rows_to_delete += d.rows.deletes.size();
        s.rows_in_sync += d.rows.in_sync + d.rows.untouched;
        s.rows_kept += d.rows.kept.size();
    }
    s.not_managed = plan.not_managed.size();
    return s;
}

}  // namespace reconcile::plan
