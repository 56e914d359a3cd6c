#include "report/text_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "model/rows.h"
#include "report/sentences.h"

namespace reconcile::report {
namespace {

using diff::ObjectKind;
using model::TableRef;

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "index" → "indexes", "policy" → "policies", "check" → "checks".
std::string plural_noun(const std::string& noun) {
    if (!noun.empty() && noun.back() == 'x') return noun + "es";
    if (noun.size() > 1 && noun.back() == 'y' && std::string("aeiou").find(noun[noun.size() - 2]) == std::string::npos)
        return noun.substr(0, noun.size() - 1) + "ies";
    return noun + "s";
}

}  // namespace

std::string describe_step(const plan::Step& step) { return describe_object(step.change); }

// A modification or rename, with what changes: "column public.t.c: type text in the
// database, integer in the model", "table public.old renamed to new".
std::string describe_change(const diff::Change& change) {
    if (auto* m = std::get_if<diff::ModifyColumn>(&change)) return describe_object(change) + ": " + diff::describe(*m);
    if (std::holds_alternative<diff::ValidateConstraint>(change))
        return describe_object(change) + ": NOT VALID in the database, validated in the model";
    if (std::holds_alternative<diff::AlterSequence>(change)) return describe_object(change) + ": options set to the model's";
    if (std::holds_alternative<diff::AlterDomain>(change)) return describe_object(change) + ": default, NOT NULL and checks set to the model's";
    if (auto* r = std::get_if<diff::ReplaceFunction>(&change)) return describe_object(change) + ": " + diff::describe(*r);
    if (std::holds_alternative<diff::ReplaceAggregate>(change)) return describe_object(change) + ": its definition differs (CREATE OR REPLACE AGGREGATE)";
    if (std::holds_alternative<diff::DropAggregate>(change) && diff::effect_of(change) == diff::Effect::Modify)
        return describe_object(change) + " is dropped, to be made again below (its state type or final function changes its result)";
    if (auto* r = std::get_if<diff::ReplaceTrigger>(&change)) {
        if (r->from.same_definition(r->to)) return describe_object(change) + ": " + r->from.state + " in the database, " + r->to.state + " in the model";
        // A body is a SQLite trigger's: SQLite has no ALTER TRIGGER nor OR REPLACE.
        return describe_object(change) + ": its definition differs (" +
               (r->to.body ? "dropped and made again" : "CREATE OR REPLACE TRIGGER") + ")";
    }
    if (auto* o = std::get_if<diff::SetOwner>(&change)) {
        if (o->from.empty()) return describe_object(change) + ": set to " + o->to + " once it is made";
        return describe_object(change) + ": " + o->from + " in the database, " + o->to + " in the model";
    }
    if (std::holds_alternative<diff::RevokePrivileges>(change))
        return describe_object(change) + " revoked: PostgreSQL gives it to a new object, the model does not";
    if (std::holds_alternative<diff::RevokeDefaultPrivileges>(change))
        return describe_object(change) + " revoked: PostgreSQL gives it by default, the model's entry does not";
    if (std::holds_alternative<diff::ReplacePolicy>(change)) return describe_object(change) + ": its roles, USING or WITH CHECK differ (ALTER POLICY)";
    if (std::holds_alternative<diff::DropPolicy>(change) && diff::effect_of(change) == diff::Effect::Modify)
        return describe_object(change) + " is dropped, to be made again below (ALTER POLICY cannot change its command or AS)";
    if (auto* r = std::get_if<diff::SetRowSecurity>(&change)) {
        auto state = [](bool enabled, bool forced) {
            return std::string(enabled ? "enabled" : "disabled") + (forced ? ", forced" : "");
        };
        return describe_object(change) + ": " + state(r->from_enabled, r->from_forced) + " in the database, " +
               state(r->to_enabled, r->to_forced) + " in the model";
    }
    if (std::holds_alternative<diff::DropTrigger>(change) && diff::effect_of(change) == diff::Effect::Modify)
        return describe_object(change) + " is dropped, to be made again below (a constraint trigger cannot be replaced in place)";
    if (std::holds_alternative<diff::DropFunction>(change) && diff::effect_of(change) == diff::Effect::Modify)
        return describe_object(change) + " is dropped, to be made again below (CREATE OR REPLACE cannot change its result, "
                                         "argument names or modes, or remove a default)";
    if (std::holds_alternative<diff::DropView>(change) && diff::effect_of(change) == diff::Effect::Modify)
        return describe_object(change) + " is dropped, to be made again below";
    if (auto* o = std::get_if<diff::SetTableOptions>(&change))
        return "table " + o->table.display() + ": WITHOUT ROWID " + (o->to_without_rowid ? "on" : "off") + ", STRICT " + (o->to_strict ? "on" : "off");
    if (auto* r = std::get_if<diff::RebuildTable>(&change)) {
        std::string what;
        for (const auto& b : r->because) what += (what.empty() ? "" : ", ") + b;
        return "table " + r->to.ref.display() + " is rebuilt (" + what + ")";
    }
    if (auto* r = std::get_if<diff::RenameTable>(&change)) return "table " + r->from.display() + " renamed to " + r->to;
    if (auto* r = std::get_if<diff::RenameColumn>(&change)) return "column " + r->table.display() + "." + r->from + " renamed to " + r->to;
    if (auto* r = std::get_if<diff::RenameConstraint>(&change))
        return std::string(diff::to_string(r->kind)) + " " + r->from + " on " + r->table.display() + " renamed to " + r->to;
    if (auto* r = std::get_if<diff::RenameIndex>(&change)) return "index " + r->from + " on " + r->table.display() + " renamed to " + r->to;
    if (auto* d = std::get_if<diff::DropIndex>(&change); d && d->replaced)
        return describe_object(change) + " is replaced: " + d->index.display() + " in the database differs from the model";
    if (auto* d = std::get_if<diff::DropConstraint>(&change); d && d->replaced)
        return describe_object(change) + " is replaced: it differs from the model";
    return describe_object(change);
}

namespace {

// A declared value for people: strings quoted, numbers and booleans as they are.
std::string shown(const model::RowValue& v) {
    switch (v.kind) {
        case model::ValueKind::Null: return "NULL";
        case model::ValueKind::Integer:
        case model::ValueKind::Number:
        case model::ValueKind::Boolean: return v.text;
        default: return "'" + v.text + "'";
    }
}
std::string shown(const diff::Text& t) { return t ? "'" + *t + "'" : "NULL"; }

std::string key_of(const std::vector<std::string>& key, const model::DataRow& row) {
    std::vector<std::optional<std::string>> values;
    for (const auto& k : key) {
        const auto* v = row.find(k);
        values.push_back(v && !v->is_null() ? std::optional<std::string>(v->text) : std::nullopt);
    }
    return model::describe_key(key, values);
}

// Rows listed per table and kind up to this many; --format json lists them all.
constexpr std::size_t kRowsListed = 20;

void print_rows(std::ostream& out, const plan::Plan& plan, const Style& style) {
    for (const auto& step : plan.data) {
        const diff::TableRows& r = step.rows;
        std::string key;
        for (const auto& k : r.key) key += (key.empty() ? "" : ", ") + k;
        const std::string title = "rows of " + r.table.display() + " (" + model::to_string(r.mode) + ", by " + key + ")";
        const std::size_t in_sync = r.in_sync + r.untouched;
        if (!r.has_changes() && r.kept.empty()) {
            out << style.paint(Color::Green, kInSync) << " " << title << ": " << plural(in_sync, "row", "rows") << " in sync\n";
            continue;
        }
        out << style.paint(Color::Cyan, kModify) << " " << title << ": " << r.inserts.size() << " to insert, " << r.updates.size()
            << " to update, " << r.deletes.size() << " to delete, " << in_sync << " in sync\n";
        auto more = [&](std::size_t n) {
            if (n > kRowsListed) out << style.paint(Color::Dim, "    … and " + std::to_string(n - kRowsListed) + " more (--format json lists every row)") << "\n";
        };
        for (std::size_t i = 0; i < r.inserts.size() && i < kRowsListed; ++i) {
            const auto& row = r.inserts[i].row;
            std::string values;
            for (const auto& v : row.values)
                if (std::find(r.key.begin(), r.key.end(), v.column) == r.key.end()) values += (values.empty() ? "" : ", ") + v.column + "=" + shown(v);
            out << "    " << style.paint(Color::Cyan, kCreate) << " " << key_of(r.key, row) << (values.empty() ? "" : " (" + values + ")") << "\n";
        }
        more(r.inserts.size());
        for (std::size_t i = 0; i < r.updates.size() && i < kRowsListed; ++i) {
            const auto& u = r.updates[i];
            std::string changes;
            for (const auto& c : u.changes)
                changes += (changes.empty() ? "" : ", ") + c.column + " " + (c.known ? shown(c.from) : std::string("(not in the database yet)")) +
                           " → " + shown(c.to);
            out << "    " << style.paint(Color::Cyan, kModify) << " " << key_of(r.key, u.row) << ": " << changes << "\n";
        }
        more(r.updates.size());
        for (std::size_t i = 0; i < r.deletes.size() && i < kRowsListed; ++i)
            out << "    " << style.paint(Color::Red, kDrop) << " delete " << model::describe_key(r.key, r.deletes[i].key) << "\n";
        more(r.deletes.size());
        if (!r.kept.empty()) {
            std::string keys;
            for (std::size_t i = 0; i < r.kept.size() && i < kRowsListed; ++i) keys += (i ? ", " : "") + model::describe_key(r.key, r.kept[i].key);
            if (r.kept.size() > kRowsListed) keys += ", … and " + std::to_string(r.kept.size() - kRowsListed) + " more";
            out << "    "
                << style.paint(Color::Yellow, std::string(kWarning) + " " + plural(r.kept.size(), "row", "rows") +
                                                  " the model does not declare kept (data_mode = \"sync\" deletes them with --allow-drop): " + keys)
                << "\n";
        }
    }
}

}  // namespace

void print_plan(std::ostream& out, const plan::Plan& plan, const Style& style) {
    // Group by table, tables in the order they first appear: in-sync tables (model order),
    // then tables with changes, then warnings about tables the model does not have.
    std::vector<TableRef> order;
    std::set<TableRef> seen;
    auto note = [&](const TableRef& t) {
        if (seen.insert(t).second) order.push_back(t);
    };
    std::map<TableRef, std::map<ObjectKind, std::size_t>> synced;
    std::set<TableRef> table_in_sync;
    for (const auto& s : plan.in_sync) {
        note(s.table);
        if (s.kind == ObjectKind::Table) table_in_sync.insert(s.table);
        else ++synced[s.table][s.kind];
    }
    std::map<TableRef, std::vector<const plan::Step*>> steps;
    for (const auto& s : plan.steps) {
        note(diff::table_of(s.change));
        steps[diff::table_of(s.change)].push_back(&s);
    }
    std::map<TableRef, std::vector<const diff::Warning*>> warnings;
    for (const auto& w : plan.warnings) {
        note(w.table);
        warnings[w.table].push_back(&w);
    }

    for (const auto& t : order) {
        if (diff::is_database_level(t)) {
            for (const auto& s : plan.in_sync)
                if (s.table == t)
                    // Schema-level objects (types, sequences, functions) with their schema.
                    out << style.paint(Color::Green, kInSync) << " " << diff::to_string(s.kind) << " "
                        << (s.kind == ObjectKind::Schema || s.kind == ObjectKind::Extension || s.kind == ObjectKind::Privilege ? s.name
                                                                                                                              : t.schema + "." + s.name)
                        << "\n";
        }
        if (table_in_sync.count(t)) {
            std::string detail;
            for (const auto& [kind, n] : synced[t]) {
                std::string k = diff::to_string(kind);
                detail += (detail.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? k : plural_noun(k));
            }
            out << style.paint(Color::Green, kInSync) << " table " << t.display();
            if (!detail.empty()) out << style.paint(Color::Dim, " (" + detail + ")");
            out << "\n";
        }
        for (const auto* s : steps[t]) {
            switch (diff::effect_of(s->change)) {
                case diff::Effect::Create: out << style.paint(Color::Cyan, kCreate) << " " << describe_step(*s) << "\n"; break;
                case diff::Effect::Modify: out << style.paint(Color::Cyan, kModify) << " " << describe_change(s->change) << "\n"; break;
                case diff::Effect::Rename: out << style.paint(Color::Cyan, kRename) << " " << describe_change(s->change) << "\n"; break;
                case diff::Effect::Remove: out << style.paint(Color::Red, kDrop) << " drop " << describe_step(*s) << "\n"; break;
            }
            for (const auto& h : s->hazards())
                out << "    " << style.paint(Color::Yellow, std::string(kWarning) + " " + plan::to_string(h.kind) + ": " + h.reason) << "\n";
        }
        for (const auto* w : warnings[t])
            out << style.paint(Color::Yellow, std::string(kWarning) + " " + message(*w)) << "\n";
    }
    print_rows(out, plan, style);
    if (!plan.not_managed.empty()) {
        out << "\n" << style.paint(Color::Bold, "Not managed (in the database, of kinds the model cannot declare; reconcile neither compares, "
                                                 "makes nor drops them):") << "\n";
        for (const auto& o : plan.not_managed) out << style.paint(Color::Yellow, "  ? " + o.kind + " " + o.name) << "\n";
    }
}

void print_sql(std::ostream& out, const plan::Plan& plan, const Style& style) {
    if (auto early = plan.sql(plan::Phase::BeforeTransaction); !early.empty()) {
        out << "\n" << style.paint(Color::Bold, "SQL committed first (an enum value cannot be used in the transaction that adds it):") << "\n";
        for (const auto& s : early) out << s << ";\n";
    }
    auto statements = plan.sql(plan::Phase::InTransaction);
    if (!statements.empty()) {
        out << "\n" << style.paint(Color::Bold, "SQL (--apply runs it in one transaction):") << "\n";
        for (const auto& s : statements) out << s << ";\n";
    }
    if (auto late = plan.sql(plan::Phase::AfterTransaction); !late.empty()) {
        out << "\n"
            << style.paint(Color::Bold, "SQL run after that transaction commits, each statement on its own (online: reads and writes "
                                        "go on; --no-concurrently keeps it in the transaction):")
            << "\n";
        for (const auto& s : late) out << s << ";\n";
    }
}

std::string summary_line(const plan::Plan& plan) {
    auto s = plan::summarize(plan);
    std::string out = std::to_string(s.to_create) + " to create, ";
    if (s.to_modify) out += std::to_string(s.to_modify) + " to modify, ";
    if (s.to_rename) out += std::to_string(s.to_rename) + " to rename, ";
    if (s.to_drop) out += std::to_string(s.to_drop) + " to drop, ";
    out += std::to_string(s.in_sync) + " in sync, " + plural(s.warnings, "warning", "warnings");
    if (s.not_managed) out += ", " + std::to_string(s.not_managed) + " not managed";
    if (s.has_rows) {
        out += "; rows: " + std::to_string(s.rows_to_insert) + " to insert, " + std::to_string(s.rows_to_update) + " to update, " +
               std::to_string(s.rows_to_delete) + " to delete, " + std::to_string(s.rows_in_sync) + " in sync";
        if (s.rows_kept) out += ", " + std::to_string(s.rows_kept) + " kept";
    }
    return out;
}

void print_refusals(std::ostream& out, const std::vector<policy::Refusal>& refusals, const Style& style, bool applying) {
    if (refusals.empty()) return;
    out << "\n"
        << style.paint(applying ? Color::Red : Color::Yellow,
                       std::string(applying ? kError : kWarning) + " " +
                           (applying ? "refused: " + std::to_string(refusals.size()) + " statement(s) of the plan need a permission this run does not give; nothing was changed:"
                                     : "--apply would refuse " + std::to_string(refusals.size()) + " statement(s) of this plan unless allowed:"))
        << "\n";
    for (const auto& r : refusals)
        out << "  " << r.object << ": " << plan::to_string(r.hazard.kind) << " (" << r.hazard.reason << "); allow it with " << r.allowed_by
            << "\n";
}

void print_strict_refusal(std::ostream& out, const plan::Plan& plan, const Style& style, bool applying) {
    const std::string count = std::to_string(plan.not_managed_count());
    out << "\n"
        << style.paint(applying ? Color::Red : Color::Yellow,
                       std::string(applying ? kError : kWarning) + " --strict: " + count +
                           " object(s) or attribute(s) in the database are not managed (listed above)" +
                           (applying ? "; refused, nothing was changed" : ": --apply would refuse, and --exit-code exits 3"))
        << "\n";
}

std::string first_line(const std::string& sql) {
    std::size_t start = sql.find_first_not_of(" \n");
    if (start == std::string::npos) return {};
    return sql.substr(start, sql.find('\n', start) - start);
}

void print_summary(std::ostream& out, const plan::Plan& plan, const Style& style) {
    out << "\n" << style.paint(Color::Bold, "Summary: " + summary_line(plan)) << "\n";
}

}  // namespace reconcile::report
