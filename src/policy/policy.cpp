#include "policy/policy.h"

#include "core/error.h"
#include "report/sentences.h"  // describe_object, for the refusals' lines

namespace reconcile::policy {

diff::DataDiff withhold_row_deletes(diff::DataDiff data, const Policy& policy) {
    if (policy.allow_drop) return data;
    for (auto& table : data.tables) {
        std::move(table.deletes.begin(), table.deletes.end(), std::back_inserter(table.kept));
        table.deletes.clear();
    }
    return data;
}

diff::Diff withhold_drops(diff::Diff diff, const Policy& policy) {
    if (policy.allow_drop) return diff;
    std::vector<diff::Change> kept;
    kept.reserve(diff.changes.size());
    for (auto& change : diff.changes) {
        if (!diff::is_drop(change)) {
            kept.push_back(std::move(change));
            continue;
        }
        diff.warnings.push_back(diff::Warning{diff::WarningKind::NotInModel, diff::kind_of(change), diff::table_of(change),
                                              std::holds_alternative<diff::DropTable>(change) ||
                                                      std::holds_alternative<diff::DropView>(change)
                                                  ? std::string()
                                                  : diff::object_name(change),
                                              {}, diff::LeftAlone{change}});
    }
    diff.changes = std::move(kept);
    return diff;
}

namespace {

// Statements whose deletes-data --allow-drop allows (a reviewed plan's, a declared row's),
// each refusal said of `object`.
std::vector<Refusal> refusals_of(const std::vector<plan::Statement>& statements, const Policy& policy, const std::string& object) {
    std::vector<Refusal> out;
    for (const auto& statement : statements)
        for (const auto& hazard : statement.hazards) {
            if (!plan::needs_permission(hazard.kind) || policy.allow_hazards.count(hazard.kind)) continue;
            if (hazard.kind == plan::HazardKind::DeletesData && policy.allow_drop) continue;
            out.push_back(Refusal{object, statement.text().substr(0, statement.text().find('\n')), hazard,
                                  hazard.kind == plan::HazardKind::DeletesData ? std::string("--allow-drop")
                                                                               : "--allow-hazards " + std::string(plan::to_string(hazard.kind))});
        }
    return out;
}

}  // namespace

std::vector<Refusal> refusals(const plan::Plan& plan, const Policy& policy) {
    std::vector<Refusal> out;
    for (const auto& step : plan.steps) {
        // A rebuild's deletes-data is the columns it drops: allowed drops.
        const bool drop = diff::is_drop(step.change) || std::holds_alternative<diff::RebuildTable>(step.change);
        for (const auto& statement : step.statements)
            for (const auto& hazard : statement.hazards) {
                if (!plan::needs_permission(hazard.kind) || policy.allow_hazards.count(hazard.kind)) continue;
                // The data a drop deletes is what --allow-drop asked for.
                if (drop && hazard.kind == plan::HazardKind::DeletesData && policy.allow_drop) continue;
                out.push_back(Refusal{report::describe_object(step.change), statement.sql.substr(0, statement.sql.find('\n')), hazard,
                                      drop && hazard.kind == plan::HazardKind::DeletesData
                                          ? std::string("--allow-drop")
                                          : "--allow-hazards " + std::string(plan::to_string(hazard.kind))});
            }
    }
    // A declared row's delete (sync) is a drop of data, allowed as a reviewed plan's is.
    for (const auto& step : plan.data) {
        auto refused = refusals_of(step.statements, policy, "a row of table " + step.rows.table.display());
        std::move(refused.begin(), refused.end(), std::back_inserter(out));
    }
    return out;
}

std::vector<Refusal> refusals(const std::vector<plan::Statement>& statements, const Policy& policy) {
    return refusals_of(statements, policy, "a statement of the reviewed plan");
}

std::set<plan::HazardKind> parse_hazard_list(const std::vector<std::string>& names, const std::string& where) {
    std::set<plan::HazardKind> out;
    for (const auto& list : names) {
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t comma = list.find(',', start);
            if (comma == std::string::npos) comma = list.size();
            std::string name = list.substr(start, comma - start);
            while (!name.empty() && name.front() == ' ') name.erase(name.begin());
            while (!name.empty() && name.back() == ' ') name.pop_back();
            if (!name.empty()) {
                auto kind = plan::hazard_kind_from_string(name);
                if (!kind) {
                    std::string known;
                    for (auto k : plan::kAllHazardKinds)
                        if (plan::needs_permission(k)) known += (known.empty() ? "" : ", ") + std::string(plan::to_string(k));
                    throw Error(ErrorKind::Usage, where + " names the hazard '" + name + "'; the hazards that need permission are " + known);
                }
                out.insert(*kind);
            }
            start = comma + 1;
        }
    }
    return out;
}

}  // namespace reconcile::policy
