#include "plan/statement.h"

namespace reconcile::plan {

const char* to_string(HazardKind kind) {
    switch (kind) {
        case HazardKind::DeletesData: return "deletes-data";
        case HazardKind::RewritesTable: return "rewrites-table";
        case HazardKind::BlocksWrites: return "blocks-writes";
        case HazardKind::BlocksReads: return "blocks-reads";
        case HazardKind::Validates: return "validates";
        case HazardKind::MayFail: return "may-fail";
        case HazardKind::LongRunning: return "long-running";
        case HazardKind::CommitsFirst: return "commits-first";
    }
    return "unknown";
}

std::optional<HazardKind> hazard_kind_from_string(std::string_view name) {
    for (HazardKind k : kAllHazardKinds)
        if (name == to_string(k)) return k;
    return std::nullopt;
}

bool needs_permission(HazardKind kind) {
    switch (kind) {
        case HazardKind::DeletesData:
        case HazardKind::RewritesTable: return true;
        case HazardKind::BlocksWrites:
        case HazardKind::BlocksReads:
        case HazardKind::Validates:
        case HazardKind::MayFail:
        case HazardKind::LongRunning:
        case HazardKind::CommitsFirst: return false;
    }
    return true;
}

const char* to_string(Phase phase) {
    switch (phase) {
        case Phase::BeforeTransaction: return "before_transaction";
        case Phase::InTransaction: return "in_transaction";
        case Phase::AfterTransaction: return "after_transaction";
    }
    return "unknown";
}

std::optional<Phase> phase_from_string(std::string_view name) {
    for (Phase p : kAllPhases)
        if (name == to_string(p)) return p;
    return std::nullopt;
}

const char* to_string(LockWait wait) { return wait == LockWait::Short ? "short" : "long"; }

std::optional<LockWait> lock_wait_from_string(std::string_view name) {
    for (LockWait w : {LockWait::Short, LockWait::Long})
        if (name == to_string(w)) return w;
    return std::nullopt;
}

}  // namespace reconcile::plan
