#include "report/text_report.h"

#include <map>
#include <set>

namespace reconcile::report {
namespace {

using diff::ObjectKind;
using model::TableRef;

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string describe_step(const plan::Step& step) {
    const TableRef t = diff::table_of(step.change);
    const std::string name = diff::object_name(step.change);
    switch (diff::kind_of(step.change)) {
        case ObjectKind::Schema: return "schema " + name;
        case ObjectKind::Extension: return "extension " + name;
        case ObjectKind::Enum: return "enum type " + t.schema + "." + name;
        case ObjectKind::EnumValue: return "enum value " + t.schema + "." + name;
        case ObjectKind::Sequence: return "sequence " + t.schema + "." + name;
        case ObjectKind::Domain: return "domain " + t.schema + "." + name;
        case ObjectKind::View: return "view " + t.display();
        case ObjectKind::Table: return "table " + t.display();
        case ObjectKind::Column: return "column " + t.display() + "." + name;
        default: return std::string(diff::to_string(diff::kind_of(step.change))) + " " + name + " on " + t.display();
    }
}

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
                    out << style.paint(Color::Green, kInSync) << " " << diff::to_string(s.kind) << " " << s.name << "\n";
        }
        if (table_in_sync.count(t)) {
            std::string detail;
            for (const auto& [kind, n] : synced[t]) {
                std::string k = diff::to_string(kind);
                detail += (detail.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? k : k + (k.back() == 'x' ? "es" : "s"));
            }
            out << style.paint(Color::Green, kInSync) << " table " << t.display();
            if (!detail.empty()) out << style.paint(Color::Dim, " (" + detail + ")");
            out << "\n";
        }
        for (const auto* s : steps[t]) {
            out << style.paint(Color::Cyan, kCreate) << " " << describe_step(*s) << "\n";
            for (const auto& h : s->hazards())
                out << "    " << style.paint(Color::Yellow, std::string(kWarning) + " " + plan::to_string(h.kind) + ": " + h.reason) << "\n";
        }
        for (const auto* w : warnings[t])
            out << style.paint(Color::Yellow, std::string(kWarning) + " " + w->message) << "\n";
    }
}

void print_sql(std::ostream& out, const plan::Plan& plan, const Style& style) {
    if (auto early = plan.sql(plan::Phase::BeforeTransaction); !early.empty()) {
        out << "\n" << style.paint(Color::Bold, "SQL committed first (an enum value cannot be used in the transaction that adds it):") << "\n";
        for (const auto& s : early) out << s << ";\n";
    }
    auto statements = plan.sql(plan::Phase::InTransaction);
    if (statements.empty()) return;
    out << "\n" << style.paint(Color::Bold, "SQL (--apply runs it in one transaction):") << "\n";
    for (const auto& s : statements) out << s << ";\n";
}

std::string summary_line(const plan::Plan& plan) {
    auto s = plan::summarize(plan);
    return std::to_string(s.to_create) + " to create, " + std::to_string(s.in_sync) + " in sync, " +
           plural(s.warnings, "warning", "warnings");
}

void print_summary(std::ostream& out, const plan::Plan& plan, const Style& style) {
    out << "\n" << style.paint(Color::Bold, "Summary: " + summary_line(plan)) << "\n";
}

}  // namespace reconcile::report
