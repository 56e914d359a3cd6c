#include "report/machine_report.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <variant>

#include "report/sentences.h"
#include "report/text_report.h"

namespace reconcile::report {

std::string to_string(diff::WarningKind kind) {
    switch (kind) {
        case diff::WarningKind::DefinitionDiffers: return "definition_differs";
        case diff::WarningKind::NotInModel: return "not_in_model";
        case diff::WarningKind::Unsupported: return "unsupported";
        case diff::WarningKind::NotManaged: return "not_managed";
    }
    return "unknown";
}

std::string change_kind(const diff::Change& change) {
    static const char* names[] = {"create_table", "add_column", "add_primary_key", "add_unique", "add_check",
                                  "add_index", "add_foreign_key", "create_schema", "create_extension", "set_comment",
                                  "create_enum", "add_enum_value", "create_sequence", "create_domain", "create_view",
                                  "add_exclusion", "set_sequence_owner", "modify_column", "drop_table", "drop_column",
                                  "drop_index", "drop_constraint", "drop_view", "drop_sequence", "drop_enum", "drop_domain",
                                  "rename_table", "rename_column", "rename_index", "rebuild_table", "set_table_options", "alter_sequence",
                                  "alter_domain", "validate_constraint", "rename_constraint", "create_function", "replace_function",
                                  "drop_function", "create_trigger", "replace_trigger", "drop_trigger",
                                  "create_aggregate", "replace_aggregate", "drop_aggregate", "create_policy", "replace_policy",
                                  "drop_policy", "set_row_security", "grant", "revoke", "set_owner",
                                  "grant_default_privileges", "revoke_default_privileges"};
    static_assert(std::size(names) == std::variant_size_v<diff::Change>, "a name for every kind of change");
    return names[change.index()];
}

namespace {

nlohmann::json statement_to_json(const plan::Statement& statement) {
    nlohmann::json hazards = nlohmann::json::array();
    for (const auto& h : statement.hazards) hazards.push_back({{"kind", plan::to_string(h.kind)}, {"reason", h.reason}});
    nlohmann::json out{{"sql", statement.sql}, {"runs", plan::to_string(statement.runs)}, {"hazards", hazards}};
    if (statement.fails_if_rows) out["fails_if_rows"] = true;
    if (statement.lock_wait != plan::LockWait::Short) out["lock_wait"] = plan::to_string(statement.lock_wait);
    if (!statement.params.empty()) {
        nlohmann::json params = nlohmann::json::array();
        for (const auto& p : statement.params) params.push_back(p ? nlohmann::json(*p) : nlohmann::json(nullptr));
        out["params"] = params;
        out["script"] = statement.script;
    }
    return out;
}

nlohmann::json value_json(const diff::Text& text) { return text ? nlohmann::json(*text) : nlohmann::json(nullptr); }
nlohmann::json value_json(const model::RowValue& v) { return v.is_null() ? nlohmann::json(nullptr) : nlohmann::json(v.text); }

nlohmann::json row_json(const model::DataRow& row) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& v : row.values) out[v.column] = value_json(v);
    return out;
}

nlohmann::json key_json(const std::vector<std::string>& key, const model::DataRow& row) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& k : key)
        if (const auto* v = row.find(k)) out[k] = value_json(*v);
    return out;
}

nlohmann::json key_json(const std::vector<std::string>& key, const std::vector<diff::Text>& values) {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t i = 0; i < key.size() && i < values.size(); ++i) out[key[i]] = value_json(values[i]);
    return out;
}

// Each table's declared rows: what is inserted, updated (old → new per column) and deleted.
nlohmann::json data_json(const plan::Plan& plan) {
    using nlohmann::json;
    json out = json::array();
    for (const auto& d : plan.data) {
        const auto& r = d.rows;
        json inserts = json::array(), updates = json::array(), deletes = json::array(), kept = json::array();
        for (const auto& i : r.inserts) inserts.push_back(row_json(i.row));
        for (const auto& u : r.updates) {
            json changes = json::array();
            for (const auto& c : u.changes) {
                json change{{"column", c.column}, {"to", value_json(c.to)}};
                if (c.known) change["from"] = value_json(c.from);
                changes.push_back(std::move(change));
            }
            updates.push_back({{"key", key_json(r.key, u.row)}, {"changes", changes}});
        }
        for (const auto& x : r.deletes) deletes.push_back(key_json(r.key, x.key));
        for (const auto& x : r.kept) kept.push_back(key_json(r.key, x.key));
        out.push_back({{"table", r.table.display()},
                       {"mode", model::to_string(r.mode)},
                       {"key", r.key},
                       {"insert", inserts},
                       {"update", updates},
                       {"delete", deletes},
                       {"kept", kept},
                       {"in_sync", r.in_sync + r.untouched}});
    }
    return out;
}

}  // namespace

nlohmann::json plan_to_json(const plan::Plan& plan, const std::string& engine, const std::string& target_display) {
    using nlohmann::json;
    json changes = json::array(), in_sync = json::array(), warnings = json::array(), statements = json::array();
    for (const auto& s : plan.steps) {
        json step_statements = json::array();
        for (const auto& st : s.statements) step_statements.push_back(statement_to_json(st));
        changes.push_back({{"kind", change_kind(s.change)},
                           {"object", diff::to_string(diff::kind_of(s.change))},
                           {"table", diff::table_of(s.change).display()},
                           {"name", diff::object_name(s.change)},
                           {"description", describe_change(s.change)},
                           {"statements", step_statements}});
    }
    for (const auto& st : plan.statements()) statements.push_back(statement_to_json(st));
    for (const auto& s : plan.in_sync)
        in_sync.push_back({{"object", diff::to_string(s.kind)}, {"table", s.table.display()}, {"name", s.name}});
    for (const auto& w : plan.warnings)
        warnings.push_back({{"kind", to_string(w.kind)},
                            {"object", diff::to_string(w.object)},
                            {"table", w.table.display()},
                            {"name", w.name},
                            {"message", message(w)}});
    json not_managed = json::array();
    for (const auto& o : plan.not_managed) {
        json item{{"kind", o.kind}, {"name", o.name}};
        if (!o.table.name.empty()) item["table"] = o.table.display();
        not_managed.push_back(std::move(item));
    }
    auto sum = plan::summarize(plan);
    json result{{"format", "reconcile.plan"},
                {"version", kPlanFormatVersion},
                {"target", {{"engine", engine}, {"url", target_display}}},
                {"changes", changes},
                {"in_sync", in_sync},
                {"warnings", warnings},
                {"not_managed", not_managed},
                {"statements", statements},
                {"summary",
                 {{"to_create", sum.to_create},
                  {"to_modify", sum.to_modify},
                  {"to_rename", sum.to_rename},
                  {"to_drop", sum.to_drop},
                  {"in_sync", sum.in_sync},
                  {"warnings", sum.warnings},
                  {"not_managed", sum.not_managed}}}};
    if (sum.has_rows) {
        result["data"] = data_json(plan);
        result["summary"]["rows_to_insert"] = sum.rows_to_insert;
        result["summary"]["rows_to_update"] = sum.rows_to_update;
        result["summary"]["rows_to_delete"] = sum.rows_to_delete;
        result["summary"]["rows_in_sync"] = sum.rows_in_sync;
        result["summary"]["rows_kept"] = sum.rows_kept;
    }
    return result;
}

void print_sql_script(std::ostream& out, const plan::Plan& plan, const std::string& target_display, bool postgres) {
    out << "-- reconcile plan for " << target_display << "\n-- " << summary_line(plan) << "\n";
    // The statements are written for these settings (quotes doubled, never backslashed; UTF-8),
    // which a server or a psql session may have otherwise.
    if (postgres) out << "SET standard_conforming_strings = on;\nSET client_encoding = 'UTF8';\n";
    // As on reconcile's own connection: a table rebuild must not cascade its DROP into the rows
    // of ON DELETE CASCADE children, and the setting is a no-op once the transaction is open.
    else out << "PRAGMA foreign_keys = OFF;\n";
    // Names may hold any character: a line break would end the comment and run the rest.
    auto comment = [](std::string text) {
        for (auto& c : text)
            if (c == '\n' || c == '\r') c = ' ';
        return text;
    };
    for (const auto& w : plan.warnings) out << "-- warning: " << comment(message(w)) << "\n";
    for (const auto& o : plan.not_managed) out << "-- not managed: " << comment(o.kind + " " + o.name) << "\n";
    if (auto early = plan.sql(plan::Phase::BeforeTransaction); !early.empty()) {
        out << "-- committed before the transaction: PostgreSQL cannot use an enum value in the transaction that adds it\n";
        for (const auto& s : early) out << s << ";\n";
    }
    out << "BEGIN;\n";
    for (const auto& s : plan.sql(plan::Phase::InTransaction)) out << s << ";\n";
    out << "COMMIT;\n";
    if (auto late = plan.sql(plan::Phase::AfterTransaction); !late.empty()) {
        // Each on its own: CREATE INDEX CONCURRENTLY cannot run in a transaction block.
        out << "-- after the transaction, each statement on its own (run without psql's --single-transaction)\n";
        for (const auto& s : late) out << s << ";\n";
    }
}

namespace {

// Annotation text may not hold raw newlines, '%', '\r' (GitHub's workflow-command escaping).
std::string escape_annotation(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}

std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += "<br>";
        else out += c;
    }
    return out;
}

// " ⚠ blocks-writes, may-fail": the step's hazards by name, for a table cell.
std::string hazard_marks(const plan::Step& step) {
    std::string out;
    for (const auto& h : step.hazards()) {
        const std::string name = plan::to_string(h.kind);
        if (out.find(name) == std::string::npos) out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? out : " \u26a0 " + out;
}

}  // namespace

void print_github_annotations(std::ostream& out, const plan::Plan& plan) {
    for (const auto& w : plan.warnings) out << "::warning title=reconcile::" << escape_annotation(message(w)) << "\n";
}

void append_github_summary(const std::string& path, const plan::Plan& plan, const std::string& target_display) {
    std::ofstream f(path, std::ios::app);
    if (!f) return;  // a summary that cannot be written must not fail the deploy
    f << "### reconcile: " << md_cell(target_display) << "\n\n" << summary_line(plan) << "\n\n";
    const bool rows_differ = std::any_of(plan.data.begin(), plan.data.end(), [](const plan::DataStep& d) { return d.rows.has_changes() || !d.rows.kept.empty(); });
    if (plan.steps.empty() && plan.warnings.empty() && !rows_differ) return;
    f << "| | object | detail |\n|---|---|---|\n";
    for (const auto& s : plan.steps)
        f << "| " << (diff::effect_of(s.change) == diff::Effect::Create   ? "+"
                      : diff::effect_of(s.change) == diff::Effect::Modify ? "~"
                      : diff::effect_of(s.change) == diff::Effect::Rename ? "\u2192"
                                                                          : "-")
          << " | " << md_cell(describe_step(s))
          << " | `" << md_cell(s.statements.empty() ? "" : s.statements.front().sql.substr(0, s.statements.front().sql.find('\n')))
          << "`" << hazard_marks(s) << " |\n";
    // Declared rows, a line per table whose rows differ (the text preview and the JSON list them).
    for (const auto& d : plan.data) {
        const diff::TableRows& r = d.rows;
        if (!r.has_changes() && r.kept.empty()) continue;
        f << "| ~ | rows of " << md_cell(r.table.display()) << " | " << r.inserts.size() << " to insert, " << r.updates.size() << " to update, "
          << r.deletes.size() << " to delete |\n";
        if (!r.kept.empty())
            f << "| \u26a0 | rows of " << md_cell(r.table.display()) << " | " << r.kept.size()
              << " the model does not declare kept (data_mode = \"sync\" deletes them with --allow-drop) |\n";
    }
    for (const auto& w : plan.warnings)
        f << "| \u26a0 | " << diff::to_string(w.object) << " " << md_cell(w.table.display() + (w.name.empty() ? "" : "." + w.name))
          << " | " << md_cell(message(w)) << " |\n";
    f << "\n";
}

}  // namespace reconcile::report
