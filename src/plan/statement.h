#pragma once
// A statement as a value: its SQL, what running it costs a production database (its hazards),
// and where it runs. Renderers make these; the policy reads the hazards; the executor runs
// them grouped by where they run; reports, JSON plans and plan files carry them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::plan {

// What a statement may cost. Names are stable (JSON, plan files, --allow-hazards).
enum class HazardKind {
    DeletesData,    // rows or values are gone once it commits (a dropped table, column, view data)
    RewritesTable,  // the table is copied under an exclusive lock (a type change with a rewrite,
                    // a SQLite rebuild)
    BlocksWrites,   // holds a lock that stops writes for a table-sized operation (an index build)
    BlocksReads,    // holds ACCESS EXCLUSIVE for a table-sized operation (a scan for SET NOT NULL)
    Validates,      // scans the table to check a rule, under a lock that lets reads and writes on
    MayFail,        // fails when the data breaks what it adds (NOT NULL without a default on rows)
    LongRunning,    // runs a table-sized query (filling a materialized view)
    CommitsFirst,   // commits before the main transaction, and stays if the rest fails
};
inline constexpr HazardKind kAllHazardKinds[] = {HazardKind::DeletesData, HazardKind::RewritesTable, HazardKind::BlocksWrites,
                                                 HazardKind::BlocksReads, HazardKind::Validates,     HazardKind::MayFail,
                                                 HazardKind::LongRunning, HazardKind::CommitsFirst};
const char* to_string(HazardKind kind);  // "deletes-data", "rewrites-table", ...
std::optional<HazardKind> hazard_kind_from_string(std::string_view name);

// Hazards a plan may only run when the person allows them by name (--allow-hazards, or
// --allow-drop for the data a drop deletes): the others are shown and run.
bool needs_permission(HazardKind kind);

struct Hazard {
    HazardKind kind;
    std::string reason;  // for people: what exactly, on which table
    bool operator==(const Hazard& o) const { return kind == o.kind && reason == o.reason; }
};

// Where a statement runs. PostgreSQL cannot use an enum value in the transaction that added
// it: such statements commit first, each on its own. What would hold a lock on a table with
// rows for as long as a scan or a build takes (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT,
// SET NOT NULL once a valid check proves it) runs after the main transaction has committed,
// each statement on its own, so that the main transaction's locks last milliseconds.
enum class Phase { BeforeTransaction, InTransaction, AfterTransaction };
inline constexpr Phase kAllPhases[] = {Phase::BeforeTransaction, Phase::InTransaction, Phase::AfterTransaction};
const char* to_string(Phase phase);  // "before_transaction", "in_transaction", "after_transaction"
std::optional<Phase> phase_from_string(std::string_view name);

// How long a statement may wait for a lock. Short: the lock timeout (--lock-timeout), then the
// transaction is tried again, because a statement queued for a strong lock makes every later
// reader and writer of the table queue behind it. Long: the statement's lock lets reads and
// writes go on while it waits (SHARE UPDATE EXCLUSIVE: a concurrent index build, which also
// waits for older transactions to end; a VALIDATE), so it waits as long as for the apply lock.
enum class LockWait { Short, Long };
const char* to_string(LockWait wait);  // "short", "long"
std::optional<LockWait> lock_wait_from_string(std::string_view name);

struct Statement {
    // From its SQL alone: no hazards, in the main transaction (most statements).
    Statement(std::string sql_text, std::vector<Hazard> hazard_list = {}, Phase where = Phase::InTransaction)
        : sql(std::move(sql_text)), hazards(std::move(hazard_list)), runs(where) {}

    std::string sql;
    std::vector<Hazard> hazards;
    Phase runs;
    LockWait lock_wait = LockWait::Short;
    // Values bound to the placeholders of `sql` ($1 on PostgreSQL, ?1 on SQLite), never spliced
    // into it; nullopt binds NULL. Declared rows' statements have them.
    std::vector<std::optional<std::string>> params;
    // The statement with its parameters spelled as literals: what a person reads and what a SQL
    // script holds. Empty when it has none (`sql` is then the text).
    std::string script;
    // A query whose rows are violations (SQLite's PRAGMA foreign_key_check): any row fails the
    // statement, and so rolls the transaction back, with the rows named.
    bool fails_if_rows = false;

    // The same statement, run where `where` says (and waiting for its lock as `wait` says).
    Statement in(Phase where, LockWait wait = LockWait::Short) && {
        runs = where;
        lock_wait = wait;
        return std::move(*this);
    }

    // The text a person reads: `script` when the statement has parameters, else `sql`.
    const std::string& text() const { return params.empty() ? sql : script; }

    bool has(HazardKind kind) const {
        for (const auto& h : hazards)
            if (h.kind == kind) return true;
        return false;
    }
};

}  // namespace reconcile::plan
