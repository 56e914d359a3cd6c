#include "report/check_report.h"

#include <ostream>

namespace reconcile::report {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string lint_sentence(const model::Lint& lint) {
    using model::LintKind;
    switch (lint.kind) {
        case LintKind::ForeignKeyWithoutIndex:
            return "foreign key " + lint.name + " of " + lint.owner + " (" + joined(lint.names) +
                   ") has no index that starts with its columns: each delete or key update in " + lint.other + " scans " +
                   lint.owner + " for the rows that refer to it (add an index on (" + joined(lint.names) + "))";
        case LintKind::TableWithoutPrimaryKey:
            return "table " + lint.owner +
                   " has no primary key: its rows cannot be told apart, and logical replication cannot carry their updates "
                   "and deletes";
        case LintKind::NotNullColumnWithoutDefault:
            return "column " + lint.object() + " is added NOT NULL without a default: adding it fails once " + lint.owner +
                   " has rows (give it a default, or add it nullable and fill it first)";
        case LintKind::NamesDifferOnlyInCase: {
            const char* owner = lint.other == "columns" || lint.other == "constraints" ? "table "
                                : lint.other == "schemas"                           ? ""
                                                                                    : "schema ";
            return "the " + lint.other + " " + joined(lint.names) + " of " + owner + lint.owner + " differ only in case: PostgreSQL keeps them apart only when quoted, SQLite takes them for one";
        }
    }
    return "";
}

void print_check(std::ostream& out, const CheckResult& r, const Style& s) {
    if (r.error) {
        const std::string where = r.error->where().str();
        out << s.paint(Color::Red, std::string(kError) + " " + (where.empty() ? "" : where + ": ") + r.error->what()) << "\n";
        out << s.paint(Color::Red, std::string(kError) + " " + r.model + " is not a valid model") << "\n";
        return;
    }
    for (const auto& lint : r.lints) {
        const std::string where = lint.loc.str();
        out << s.paint(Color::Yellow, std::string(kWarning)) << " " << (where.empty() ? "" : where + ": ")
            << lint_sentence(lint) << "\n";
    }
    if (!r.lints.empty()) out << "\n";
    out << s.paint(Color::Green, std::string(kInSync)) << " " << r.model << " is a valid model: "
        << counted(r.tables, "table", "tables") << ", " << counted(r.views, "view", "views") << ", "
        << counted(r.functions, "function", "functions") << "; " << counted(r.lints.size(), "warning", "warnings") << "\n";
    if (!r.base_given)
        out << s.paint(Color::Dim, "(columns added to existing tables are checked for NOT NULL without a default with --base)")
            << "\n";
}

nlohmann::json check_to_json(const CheckResult& r) {
    auto place = [](nlohmann::json& j, const SourceLoc& loc) {
        j["file"] = loc.file ? nlohmann::json(*loc.file) : nlohmann::json(nullptr);
        j["line"] = loc.line ? nlohmann::json(loc.line) : nlohmann::json(nullptr);
        j["column"] = loc.column ? nlohmann::json(loc.column) : nlohmann::json(nullptr);
    };
    nlohmann::json j;
    j["format_version"] = 1;
    j["model"] = r.model;
    j["valid"] = !r.error.has_value();
    j["errors"] = nlohmann::json::array();
    j["warnings"] = nlohmann::json::array();
    if (r.error) {
        nlohmann::json e;
        place(e, r.error->where());
        e["message"] = r.error->what();
        j["errors"].push_back(std::move(e));
    }
    for (const auto& lint : r.lints) {
        nlohmann::json w;
        w["kind"] = model::to_string(lint.kind);
        place(w, lint.loc);
        w["object"] = lint.object();
        w["message"] = lint_sentence(lint);
        j["warnings"].push_back(std::move(w));
    }
    j["summary"] = {{"tables", r.tables}, {"views", r.views}, {"functions", r.functions},
                    {"errors", j["errors"].size()}, {"warnings", r.lints.size()}, {"base_checked", r.base_given}};
    return j;
}

}  // namespace reconcile::report
