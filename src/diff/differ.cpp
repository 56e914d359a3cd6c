#include "diff/differ.h"

#include "core/error.h"
#include "core/sql_lexer.h"
#include "model/normalize.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>


namespace reconcile::diff {
namespace {

using model::Table;

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

const char* fk_action_text(model::FkAction a) { return model::to_sql(a); }

// A comment is managed when the model declares one: set when missing or different. One the
// model does not declare is the database's business (comments are documentation). `target`
// says what it is on; its text is the model's.
// `comment = ""` asks for no comment: PostgreSQL stores an empty comment as none.
void compare_comment(const std::optional<std::string>& want, const std::optional<std::string>& have, SetComment target, Diff& out) {
    if (!want) return;
    if (have == want || (want->empty() && !have)) {
        const std::string& name = target.name.empty() ? (target.table.name.empty() ? target.table.schema : target.table.name) : target.name;
        out.in_sync.push_back({ObjectKind::Comment, target.table, name});
    } else {
        target.text = *want;
        out.changes.push_back(std::move(target));
    }
}

class TableComparer {
public:
    TableComparer(const Table& want, const Table& have, const Hooks& hooks, Diff& out)
        : want_(want), have_(have), hooks_(hooks), out_(out) {}

    // A materialized view's indexes, and a view's triggers, compared as a table's are.
    void run_indexes_only() { indexes(); }
    void run_triggers_only() { triggers(); }

    void run() {
        out_.in_sync.push_back({ObjectKind::Table, want_.ref, want_.ref.name});
        for (const auto& attribute : have_.unmanaged)
            out_.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Table, want_.ref, "",
                                            "table " + want_.ref.display() + ": " + attribute +
                                                " is not managed: reconcile neither compares nor makes it (docs/fidelity.md)"});
        partitioning();
        comments();
        // A partition that declares no columns takes its parent's: nothing to compare.
        if (!(want_.partition_of && want_.columns.empty())) columns();
        primary_key();
        uniques();
        checks();
        indexes();
        foreign_keys();
        exclusions();
        triggers();
        policies();
        row_security();
    }

private:
    void warn(ObjectKind object, const std::string& name, Unchangeable detail) {
        out_.warnings.push_back(Warning{WarningKind::DefinitionDiffers, object, want_.ref, name, {}, std::move(detail)});
    }
    void in_sync(ObjectKind kind, const std::string& name) {
        out_.in_sync.push_back({kind, want_.ref, name});
    }
    void compare_comment(const std::optional<std::string>& want, const std::optional<std::string>& have, CommentOn on,
                         const std::string& name) {
        diff::compare_comment(want, have, SetComment{on, want_.ref, name, {}}, out_);
    }
    // The model renames a constraint the database has under the old name (renamed_from):
    // ALTER TABLE … RENAME CONSTRAINT. A constraint merely named otherwise keeps its name.
    void renamed(ConstraintKind kind, const std::string& have, const std::string& want, const std::string& renamed_from) {
        if (have != want && !renamed_from.empty() && have == renamed_from) out_.changes.push_back(RenameConstraint{want_.ref, kind, have, want});
    }
    // The name the constraint has once the plan's renames have run.
    template <class Constraint>
    static std::string renamed_to(const std::string& have, const Constraint& want) {
        return !want.renamed_from.empty() && have == want.renamed_from ? want.name : have;
    }
    // NOT VALID in the database, validated in the model: validated (a scan, shown as a hazard).
    // (A NOT VALID constraint in the model is satisfied by a validated one: it promises less.)
    // `database_name` is the constraint's name in the database, the one to validate.
    void not_validated(ConstraintKind kind, const std::string& database_name) {
        out_.changes.push_back(ValidateConstraint{want_.ref, kind, database_name});
    }

    // How a table is partitioned is fixed when it is created: a difference is reported.
    // SQLite's table options change with a rebuild of the table (SetTableOptions).
    void partitioning() {
        if (want_.without_rowid != have_.without_rowid || want_.strict != have_.strict)
            out_.changes.push_back(SetTableOptions{want_.ref, have_.without_rowid, have_.strict, want_.without_rowid, want_.strict});
        if (want_.partition_by.has_value() != have_.partition_by.has_value() ||
            (want_.partition_by && want_.partition_by->canonical != have_.partition_by->canonical))
            warn(ObjectKind::Table, "", PartitioningDiffers{have_.partition_by, want_.partition_by});
        if (want_.partition_of != have_.partition_of ||
            (want_.partition_of && want_.partition_bound.canonical != have_.partition_bound.canonical))
            warn(ObjectKind::Table, "",
                 PartitionDiffers{have_.partition_of, want_.partition_of, have_.partition_bound.text, want_.partition_bound.text});
    }

    void comments() {
        compare_comment(want_.comment, have_.comment, CommentOn::Table, "");
        for (const auto& c : want_.columns)
            if (const model::Column* h = have_.find_column(c.name)) compare_comment(c.comment, h->comment, CommentOn::Column, c.name);
    }

    void columns() {
        for (const auto& c : want_.columns) {
            const model::Column* h = have_.find_column(c.name);
            // Renamed in the model and not yet in the database: renamed, then compared.
            if (!h && !c.renamed_from.empty() && !want_.find_column(c.renamed_from))
                if ((h = have_.find_column(c.renamed_from))) {
                    out_.changes.push_back(RenameColumn{want_.ref, c.renamed_from, c.name});
                    renamed_columns_.insert(c.renamed_from);
                }
            if (!h) {
                out_.changes.push_back(AddColumn{want_.ref, c});
                continue;
            }
            bool same = true;
            ColumnDifferences differs;
            // serial is an integer column drawing by default from a sequence it owns, whatever
            // that sequence's options (its name is compared below when the model gives one): the
            // database's column reads as serial, or as an integer with the sequence it owns. Its
            // integer type is then what is compared (serial → bigserial is a type change).
            const bool serial_like = c.is_serial() && model::owns_its_sequence(*h);
            const std::string have_integer = h->is_serial() ? model::serial_integer_type(h->type) : h->type;
            differs.type = serial_like ? model::serial_integer_type(c.type) != have_integer : !hooks_.types_equal(c.type, h->type);
            differs.nullability = c.nullable != h->nullable;
            differs.default_value = !serial_like && !(c.default_value.has_value() == h->default_value.has_value() &&
                                                      (!c.default_value || c.default_value->canonical == h->default_value->canonical));
            differs.identity = c.identity != h->identity;
            differs.generated = !(c.generated.has_value() == h->generated.has_value() &&
                                  (!c.generated || (c.generated->canonical == h->generated->canonical &&
                                                    c.generated_virtual == h->generated_virtual)));
            differs.collation = c.collation != h->collation;
            differs.identity_options = c.identity != model::Identity::None && h->identity != model::Identity::None &&
                                       c.identity_options != h->identity_options;
            if (hooks_.rowid_alias && want_.primary_key.size() == 1 && want_.primary_key[0] == c.name &&
                have_.primary_key == want_.primary_key)
                differs.rowid_alias = hooks_.rowid_alias(want_) != hooks_.rowid_alias(have_);
            if (differs.any()) {
                same = false;
                model::Column from = *h;
                from.name = c.name;  // after a rename, the column has the model's name
                out_.changes.push_back(ModifyColumn{want_.ref, std::move(from), c, differs});
            }
            if (c.autoincrement != h->autoincrement) {
                same = false;
                warn(ObjectKind::Column, c.name, AutoincrementDiffers{c.name, h->autoincrement, c.autoincrement});
            }
            // Which sequence a serial column draws from is compared when the model names one.
            if (!c.sequence.empty() && c.sequence != h->sequence) {
                same = false;
                warn(ObjectKind::Column, c.name,
                     SerialSequenceDiffers{c.name,
                                           h->is_serial() || !h->sequence.empty()
                                               ? std::optional<std::string>(model::serial_sequence_name(want_.ref.name, *h))
                                               : std::nullopt,
                                           model::serial_sequence_name(want_.ref.name, c)});
            }
            if (same) in_sync(ObjectKind::Column, c.name);
        }
        for (const auto& h : have_.columns)
            if (!want_.find_column(h.name) && !renamed_columns_.count(h.name)) out_.changes.push_back(DropColumn{want_.ref, h});
    }

    void primary_key() {
        const auto& w = want_.primary_key;
        const auto& h = have_.primary_key;
        if (w.empty() && h.empty()) return;
        const std::string name = w.empty() ? have_.primary_key_name : want_.primary_key_name;
        if (w == h && want_.primary_key_deferral != have_.primary_key_deferral) {
            out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::PrimaryKey, have_.primary_key_name, "(" + join(h) + ")", true});
            out_.changes.push_back(AddPrimaryKey{want_.ref, want_.primary_key_name, w, want_.primary_key_deferral});
        } else if (w == h) {
            // A name the model declares is the key's name; the default one is not insisted on
            // (a constraint merely named otherwise keeps its name, as for the others).
            if (want_.primary_key_name_declared && have_.primary_key_name != want_.primary_key_name)
                out_.changes.push_back(RenameConstraint{want_.ref, ConstraintKind::PrimaryKey, have_.primary_key_name, want_.primary_key_name});
            else
                in_sync(ObjectKind::PrimaryKey, name);
        } else if (h.empty()) {
            out_.changes.push_back(AddPrimaryKey{want_.ref, want_.primary_key_name, w, want_.primary_key_deferral});
        } else if (w.empty()) {
            out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::PrimaryKey, have_.primary_key_name, "(" + join(h) + ")"});
        } else {
            out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::PrimaryKey, have_.primary_key_name, "(" + join(h) + ")", true});
            out_.changes.push_back(AddPrimaryKey{want_.ref, want_.primary_key_name, w, want_.primary_key_deferral});
        }
    }

    void uniques() {
        std::vector<bool> used(have_.uniques.size(), false);
        for (const auto& u : want_.uniques) {
            bool found = false, differs = false;
            for (std::size_t i = 0; i < have_.uniques.size() && !found; ++i)
                if (!used[i] && have_.uniques[i].columns == u.columns) {
                    used[i] = found = true;
                    differs = have_.uniques[i].deferral != u.deferral || have_.uniques[i].nulls_distinct != u.nulls_distinct;
                    if (differs) replace_unique(have_.uniques[i], u);
                    else renamed(ConstraintKind::Unique, have_.uniques[i].name, u.name, u.renamed_from);
                }
            // The same name on other columns: replaced under its name.
            for (std::size_t i = 0; i < have_.uniques.size() && !found; ++i)
                if (!used[i] && !u.name.empty() && have_.uniques[i].name == u.name) {
                    used[i] = found = differs = true;
                    replace_unique(have_.uniques[i], u);
                }
            // A plain valid unique index on the same columns enforces the same rule (Alembic writes
            // unique=True, index=True that way); adding the constraint would clash with its name.
            for (std::size_t i = 0; i < have_.indexes.size() && !found; ++i) {
                const auto& idx = have_.indexes[i];
                if (idx.unique && idx.valid && !idx.unsupported_definition && !idx.where && idx.method == "btree" &&
                    idx.nulls_distinct == u.nulls_distinct &&
                    std::all_of(idx.keys.begin(), idx.keys.end(), [](const model::IndexKey& k) { return k.is_plain_column(); }) &&
                    idx.key_names() == u.columns &&
                    !want_index_named(idx.name))
                    found = true, index_used_by_unique_.insert(idx.name);
            }
            if (differs) continue;
            if (found) in_sync(ObjectKind::Unique, u.name);
            else out_.changes.push_back(AddUnique{want_.ref, u});
        }
        for (std::size_t i = 0; i < have_.uniques.size(); ++i)
            if (!used[i])
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Unique, have_.uniques[i].name,
                                                      "(" + join(have_.uniques[i].columns) + ")"});
    }

    void replace_unique(const model::UniqueConstraint& have, const model::UniqueConstraint& want) {
        out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Unique, have.name, "(" + join(have.columns) + ")", true});
        out_.changes.push_back(AddUnique{want_.ref, want, true});
    }

    void checks() {
        std::vector<bool> used(have_.checks.size(), false);
        for (const auto& c : want_.checks) {
            // By name first (the usual case), then by expression (a database that named it
            // differently, or SQLite where an inline CHECK has no name).
            std::size_t match = have_.checks.size();
            for (std::size_t i = 0; i < have_.checks.size(); ++i)
                if (!used[i] && have_.checks[i].name == c.name) match = i;
            for (std::size_t i = 0; i < have_.checks.size() && match == have_.checks.size(); ++i)
                if (!used[i] && !c.renamed_from.empty() && have_.checks[i].name == c.renamed_from) match = i;
            for (std::size_t i = 0; i < have_.checks.size() && match == have_.checks.size(); ++i)
                if (!used[i] && have_.checks[i].expression.canonical == c.expression.canonical) match = i;
            if (match == have_.checks.size()) {
                out_.changes.push_back(AddCheck{want_.ref, c});
                continue;
            }
            used[match] = true;
            const auto& h = have_.checks[match];
            if (h.expression.canonical != c.expression.canonical || h.no_inherit != c.no_inherit) {
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Check, h.name, "(" + h.expression.text + ")", true});
                out_.changes.push_back(AddCheck{want_.ref, c});
            } else {
                renamed(ConstraintKind::Check, h.name, c.name, c.renamed_from);
                if (h.not_valid && !c.not_valid) not_validated(ConstraintKind::Check, renamed_to(h.name, c));
                else in_sync(ObjectKind::Check, c.name);
            }
        }
        for (std::size_t i = 0; i < have_.checks.size(); ++i)
            if (!used[i])
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Check, have_.checks[i].name,
                                                      "(" + have_.checks[i].expression.text + ")"});
    }

    static bool same_index(const model::Index& a, const model::Index& b) { return a.same_definition(b); }

    void indexes() {
        std::vector<bool> used(have_.indexes.size(), false);
        for (const auto& idx : want_.indexes) {
            // By name; else an unnamed-in-the-model index may exist under another name with the
            // same definition (e.g. Alembic's ix_ names): creating a twin would be waste.
            std::size_t match = have_.indexes.size();
            for (std::size_t i = 0; i < have_.indexes.size(); ++i)
                if (!used[i] && have_.indexes[i].name == idx.name) match = i;
            // Renamed in the model and not yet in the database.
            for (std::size_t i = 0; i < have_.indexes.size() && match == have_.indexes.size(); ++i)
                if (!used[i] && !idx.renamed_from.empty() && have_.indexes[i].name == idx.renamed_from && !want_index_named(idx.renamed_from)) {
                    match = i;
                    out_.changes.push_back(RenameIndex{want_.ref, idx.renamed_from, idx.name, idx});
                }
            for (std::size_t i = 0; i < have_.indexes.size() && match == have_.indexes.size(); ++i)
                if (!used[i] && have_.indexes[i].valid && !index_used_by_unique_.count(have_.indexes[i].name) &&
                    same_index(have_.indexes[i], idx))
                    match = i;
            if (match == have_.indexes.size()) {
                out_.changes.push_back(AddIndex{want_.ref, idx, want_.partition_of});
                continue;
            }
            used[match] = true;
            const auto& h = have_.indexes[match];
            // A comment describes the index the database has, whatever its name (the model's, once
            // renamed: the renames run first).
            compare_comment(idx.comment, h.comment, CommentOn::Index, !idx.renamed_from.empty() && h.name == idx.renamed_from ? idx.name : h.name);
            if (same_index(h, idx) && h.valid) {
                in_sync(ObjectKind::Index, idx.name);
            } else {
                // Differs, or INVALID (a concurrent build that failed): made again.
                model::Index old = h;
                old.name = idx.name;  // after a rename, the index has the model's name
                const bool swaps_unique = h.valid && (h.unique || idx.unique);
                out_.changes.push_back(DropIndex{want_.ref, old, true, swaps_unique});
                out_.changes.push_back(AddIndex{want_.ref, idx, want_.partition_of, true, swaps_unique});
            }
        }
        for (std::size_t i = 0; i < have_.indexes.size(); ++i) {
            if (used[i] || index_used_by_unique_.count(have_.indexes[i].name) || !have_.indexes[i].attached_to.empty()) continue;
            // The INVALID index a failed concurrent build of a unique constraint left under the
            // constraint's name: dropped so that the constraint's index can be built again.
            // One the model cannot express (operator-class parameters) cannot be declared to keep
            // it: not the model's to drop.
            if (have_.indexes[i].unsupported_definition && have_.indexes[i].valid) {
                out_.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Index, want_.ref, have_.indexes[i].name,
                                                "index " + have_.indexes[i].name + " on " + want_.ref.display() +
                                                    " is not managed: the model cannot express it yet (" + *have_.indexes[i].unsupported_definition + ")"});
                continue;
            }
            const bool failed_unique_build = !have_.indexes[i].valid && want_unique_named(have_.indexes[i].name);
            out_.changes.push_back(DropIndex{want_.ref, have_.indexes[i], failed_unique_build});
        }
    }

    // By name. OR REPLACE cannot replace a constraint trigger: it is dropped and made again.
    void triggers() {
        auto not_managed = [&](const model::Trigger& t) {
            out_.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Trigger, want_.ref, t.name,
                                            "trigger " + t.name + " on " + want_.ref.display() + " is not managed: " + t.unsupported});
        };
        for (const auto& t : want_.triggers) {
            auto h = std::find_if(have_.triggers.begin(), have_.triggers.end(), [&](const model::Trigger& x) { return x.name == t.name; });
            if (h == have_.triggers.end()) {
                out_.changes.push_back(CreateTrigger{want_.ref, t});
                continue;
            }
            if (!h->unsupported.empty()) {
                not_managed(*h);
                continue;
            }
            if (!h->same_definition(t) && (h->constraint || t.constraint)) {
                out_.changes.push_back(DropTrigger{want_.ref, *h, true});
                out_.changes.push_back(CreateTrigger{want_.ref, t});  // with its comment
                continue;
            }
            if (!h->same_definition(t) || h->state != t.state) out_.changes.push_back(ReplaceTrigger{want_.ref, *h, t});
            else in_sync(ObjectKind::Trigger, t.name);
            compare_comment(t.comment, h->comment, CommentOn::Trigger, t.name);
        }
        for (const auto& h : have_.triggers) {
            if (std::any_of(want_.triggers.begin(), want_.triggers.end(), [&](const model::Trigger& t) { return t.name == h.name; })) continue;
            if (!h.unsupported.empty()) not_managed(h);
            else out_.changes.push_back(DropTrigger{want_.ref, h});
        }
    }

    // By name. ALTER POLICY changes the roles and expressions; another command or AS is a drop
    // and a create.
    void policies() {
        for (const auto& p : want_.policies) {
            auto h = std::find_if(have_.policies.begin(), have_.policies.end(), [&](const model::Policy& x) { return x.name == p.name; });
            if (h == have_.policies.end()) {
                out_.changes.push_back(CreatePolicy{want_.ref, p});
                continue;
            }
            if (!h->alterable_to(p)) {
                out_.changes.push_back(DropPolicy{want_.ref, *h, true});
                out_.changes.push_back(CreatePolicy{want_.ref, p});  // with its comment
                continue;
            }
            if (!h->same_definition(p)) out_.changes.push_back(ReplacePolicy{want_.ref, *h, p});
            else in_sync(ObjectKind::Policy, p.name);
            compare_comment(p.comment, h->comment, CommentOn::Policy, p.name);
        }
        for (const auto& h : have_.policies)
            if (std::none_of(want_.policies.begin(), want_.policies.end(), [&](const model::Policy& p) { return p.name == h.name; }))
                out_.changes.push_back(DropPolicy{want_.ref, h});
    }

    void row_security() {
        if (want_.row_level_security == have_.row_level_security && want_.force_row_level_security == have_.force_row_level_security) {
            if (want_.row_level_security) in_sync(ObjectKind::RowSecurity, want_.ref.name);
            return;
        }
        out_.changes.push_back(SetRowSecurity{want_.ref, have_.row_level_security, have_.force_row_level_security, want_.row_level_security,
                                              want_.force_row_level_security});
    }

    void exclusions() {
        for (const auto& x : want_.exclusions) {
            auto h = std::find_if(have_.exclusions.begin(), have_.exclusions.end(), [&](const model::Exclusion& e) { return e.name == x.name; });
            if (h == have_.exclusions.end() && !x.renamed_from.empty()) {
                h = std::find_if(have_.exclusions.begin(), have_.exclusions.end(), [&](const model::Exclusion& e) { return e.name == x.renamed_from; });
                if (h != have_.exclusions.end() && h->definition.canonical == x.definition.canonical && h->deferral == x.deferral)
                    renamed(ConstraintKind::Exclusion, h->name, x.name, x.renamed_from);
            }
            if (h == have_.exclusions.end()) {
                out_.changes.push_back(AddExclusion{want_.ref, x});
            } else if (h->definition.canonical != x.definition.canonical || h->deferral != x.deferral) {
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Exclusion, h->name,
                                                      "EXCLUDE " + h->definition.text + h->deferral.sql(), true});
                out_.changes.push_back(AddExclusion{want_.ref, x});
            } else {
                in_sync(ObjectKind::Exclusion, x.name);
            }
        }
        for (const auto& h : have_.exclusions)
            if (std::none_of(want_.exclusions.begin(), want_.exclusions.end(),
                             [&](const model::Exclusion& x) { return x.name == h.name || (!x.renamed_from.empty() && x.renamed_from == h.name); }))
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::Exclusion, h.name, "EXCLUDE " + h.definition.text + h.deferral.sql()});
    }

    void foreign_keys() {
        std::vector<bool> used(have_.foreign_keys.size(), false);
        auto same_target = [](const model::ForeignKey& a, const model::ForeignKey& b) {
            return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns;
        };
        for (const auto& fk : want_.foreign_keys) {
            // By what it links (names differ between tools and SQLite keeps none), then by name.
            std::size_t match = have_.foreign_keys.size();
            for (std::size_t i = 0; i < have_.foreign_keys.size() && match == have_.foreign_keys.size(); ++i)
                if (!used[i] && same_target(have_.foreign_keys[i], fk)) match = i;
            for (std::size_t i = 0; i < have_.foreign_keys.size() && match == have_.foreign_keys.size(); ++i)
                if (!used[i] && !fk.name.empty() && have_.foreign_keys[i].name == fk.name) match = i;
            for (std::size_t i = 0; i < have_.foreign_keys.size() && match == have_.foreign_keys.size(); ++i)
                if (!used[i] && !fk.renamed_from.empty() && have_.foreign_keys[i].name == fk.renamed_from) match = i;
            if (match == have_.foreign_keys.size()) {
                out_.changes.push_back(AddForeignKey{want_.ref, fk});
                continue;
            }
            used[match] = true;
            const auto& h = have_.foreign_keys[match];
            if (!same_target(h, fk) || h.on_delete != fk.on_delete || h.on_update != fk.on_update || h.deferral != fk.deferral ||
                h.match_full != fk.match_full) {
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::ForeignKey, h.name, fk_definition(h), true});
                out_.changes.push_back(AddForeignKey{want_.ref, fk});
            } else {
                renamed(ConstraintKind::ForeignKey, h.name, fk.name, fk.renamed_from);
                if (h.not_valid && !fk.not_valid) not_validated(ConstraintKind::ForeignKey, renamed_to(h.name, fk));
                else in_sync(ObjectKind::ForeignKey, fk.name);
            }
        }
        for (std::size_t i = 0; i < have_.foreign_keys.size(); ++i)
            if (!used[i])
                out_.changes.push_back(DropConstraint{want_.ref, ConstraintKind::ForeignKey, have_.foreign_keys[i].name,
                                                      fk_definition(have_.foreign_keys[i])});
    }

    bool want_unique_named(const std::string& name) const {
        for (const auto& u : want_.uniques)
            if (u.name == name) return true;
        return false;
    }

    bool want_index_named(const std::string& name) const {
        for (const auto& i : want_.indexes)
            if (i.name == name) return true;
        return false;
    }

    static std::string fk_definition(const model::ForeignKey& fk) {
        return "(" + join(fk.columns) + ") to " + fk.ref_table.display() + "(" + join(fk.ref_columns) + ") ON DELETE " +
               fk_action_text(fk.on_delete) + " ON UPDATE " + fk_action_text(fk.on_update) + (fk.match_full ? " MATCH FULL" : "") +
               fk.deferral.sql();
    }

    std::set<std::string> index_used_by_unique_;
    std::set<std::string> renamed_columns_;  // the database's names of columns the model renames
    const Table& want_;
    const Table& have_;
    const Hooks& hooks_;
    Diff& out_;
};

}  // namespace

namespace {

// A schema-level object (enum type, sequence, domain) the database has and the model does not:
// a drop, which the policy allows or turns into a report.
template <class Drop, class Object>
void drop_not_in_model(const model::Schema& model, const std::vector<Object>& desired, const std::vector<Object>& actual, Diff& out) {
    for (const auto& x : actual)
        if (std::none_of(desired.begin(), desired.end(), [&](const Object& o) { return o.ref == x.ref; }) && !model.is_ignored(x.ref))
            out.changes.push_back(Drop{x});
}

// Schemas and extensions: created when missing, never dropped or moved.
void compare_database_objects(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    for (const auto& name : desired.required_schemas()) {
        const bool exists = std::find(actual.schemas.begin(), actual.schemas.end(), name) != actual.schemas.end();
        if (exists) out.in_sync.push_back({ObjectKind::Schema, TableRef{name, ""}, name});
        else out.changes.push_back(CreateSchema{name});
        auto comment_of = [&](const model::Schema& s) -> std::optional<std::string> {
            auto it = s.schema_comments.find(name);
            return it == s.schema_comments.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        compare_comment(comment_of(desired), exists ? comment_of(actual) : std::nullopt, SetComment{CommentOn::Schema, TableRef{name, ""}, "", {}}, out);
    }
    for (const auto& e : desired.extensions) {
        auto have = std::find_if(actual.extensions.begin(), actual.extensions.end(),
                                 [&](const model::Extension& x) { return x.name == e.name; });
        const TableRef where{e.schema.empty() ? std::string("public") : e.schema, ""};
        if (have == actual.extensions.end()) {
            out.changes.push_back(CreateExtension{e});
        } else if (!e.schema.empty() && have->schema != e.schema) {
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Extension, where, e.name, {},
                                           ExtensionSchemaDiffers{e.name, have->schema, e.schema}});
        } else {
            out.in_sync.push_back({ObjectKind::Extension, where, e.name});
        }
    }
    for (const auto& e : desired.enums) {
        const TableRef where{e.ref.schema, ""};
        auto have = std::find_if(actual.enums.begin(), actual.enums.end(), [&](const model::EnumType& x) { return x.ref == e.ref; });
        if (have == actual.enums.end()) {
            out.changes.push_back(CreateEnum{e});
            continue;
        }
        if (have->values == e.values) {
            out.in_sync.push_back({ObjectKind::Enum, where, e.ref.name});
            continue;
        }
        // Values can be added in place, anywhere; removing or reordering them cannot be done
        // without rewriting every column that uses the type.
        std::size_t matched = 0;
        for (const auto& v : e.values)
            if (matched < have->values.size() && have->values[matched] == v) ++matched;
        if (matched != have->values.size()) {
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Enum, where, e.ref.name, {},
                                           EnumValuesDiffer{e.ref, have->values, e.values}});
            continue;
        }
        for (std::size_t i = 0; i < e.values.size(); ++i) {
            if (std::find(have->values.begin(), have->values.end(), e.values[i]) != have->values.end()) continue;
            // After the previous value (present by then: values are added in model order), or
            // before the first value the database has.
            AddEnumValue add{e.ref, e.values[i], i ? e.values[i - 1] : have->values.front(), i == 0};
            out.changes.push_back(std::move(add));
        }
    }
    drop_not_in_model<DropEnum>(desired, desired.enums, actual.enums, out);
    for (const auto& s : desired.sequences) {
        const TableRef where{s.ref.schema, ""};
        auto have = std::find_if(actual.sequences.begin(), actual.sequences.end(),
                                 [&](const model::Sequence& x) { return x.ref == s.ref; });
        if (have == actual.sequences.end()) {
            out.changes.push_back(CreateSequence{s});
            if (s.owned_by) out.changes.push_back(SetSequenceOwner{s.ref, *s.owned_by});
            continue;
        }
        // Only what the model sets is compared.
        bool differs = false;
        auto check = [&](const auto& want, const auto& got) { differs = differs || (want && got && *want != *got); };
        differs = s.type != have->type;
        check(s.start, have->start);
        check(s.increment, have->increment);
        check(s.min_value, have->min_value);
        check(s.max_value, have->max_value);
        check(s.cache, have->cache);
        check(s.cycle, have->cycle);
        if (differs) out.changes.push_back(AlterSequence{*have, s});
        // An owner the model names is set, whatever the database had.
        const bool owner_differs = s.owned_by && (!have->owned_by || *have->owned_by != *s.owned_by);
        if (owner_differs) out.changes.push_back(SetSequenceOwner{s.ref, *s.owned_by});
        if (!differs && !owner_differs) out.in_sync.push_back({ObjectKind::Sequence, where, s.ref.name});
    }
    // The sequence a column the model declares serial owns and draws from is that column's, not
    // an object of its own the model forgot (another sequence the column owns is).
    std::set<std::tuple<std::string, std::string, std::string>> serial_columns;
    for (const auto& t : desired.tables)
        for (const auto& c : t.columns)
            if (c.is_serial()) serial_columns.emplace(t.ref.schema, t.ref.name, c.name);
    std::map<TableRef, const model::Table*> actual_tables;
    for (const auto& t : actual.tables) actual_tables.emplace(t.ref, &t);
    auto drawn_by_serial = [&](const model::Sequence& s) {
        if (!s.owned_by || !serial_columns.count({s.ref.schema, s.owned_by->table, s.owned_by->column})) return false;
        auto found = actual_tables.find(TableRef{s.ref.schema, s.owned_by->table});
        const model::Table* t = found == actual_tables.end() ? nullptr : found->second;
        const model::Column* c = t ? t->find_column(s.owned_by->column) : nullptr;
        return c && c->sequence == s.ref.name;
    };
    std::vector<model::Sequence> unclaimed;
    for (const auto& s : actual.sequences)
        if (!drawn_by_serial(s)) unclaimed.push_back(s);
    drop_not_in_model<DropSequence>(desired, desired.sequences, unclaimed, out);
    for (const auto& d : desired.domains) {
        const TableRef where{d.ref.schema, ""};
        auto have = std::find_if(actual.domains.begin(), actual.domains.end(), [&](const model::Domain& x) { return x.ref == d.ref; });
        if (have == actual.domains.end()) {
            out.changes.push_back(CreateDomain{d});
            continue;
        }
        auto canonical_checks = [](const model::Domain& x) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& c : x.checks) out.emplace_back(c.name, c.expression.canonical);
            std::sort(out.begin(), out.end());
            return out;
        };
        const bool differs = d.type != have->type || d.nullable != have->nullable ||
                             d.default_value.has_value() != have->default_value.has_value() ||
                             (d.default_value && d.default_value->canonical != have->default_value->canonical) ||
                             canonical_checks(d) != canonical_checks(*have);
        if (!differs) {
            out.in_sync.push_back({ObjectKind::Domain, where, d.ref.name});
        } else if (d.type != have->type) {
            // Another base type would mean every column of the domain converted: not done.
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Domain, where, d.ref.name, {},
                                           DomainBaseTypeDiffers{*have, d}});
        } else {
            out.changes.push_back(AlterDomain{*have, d});
        }
    }
    drop_not_in_model<DropDomain>(desired, desired.domains, actual.domains, out);
    for (const auto& x : actual.extensions)
        if (std::none_of(desired.extensions.begin(), desired.extensions.end(),
                         [&](const model::Extension& e) { return e.name == x.name; }) &&
            x.name != "plpgsql")  // every database has it
            out.warnings.push_back(Warning{WarningKind::NotInModel, ObjectKind::Extension, TableRef{x.schema, ""}, x.name,
                                           {}, ExtensionNotInModel{x.name}});
}

// Everything CREATE OR REPLACE sets, compared as the catalog keeps it (the body byte for byte).
bool same_function(const model::Function& have, const model::Function& want) {
    return have.procedure == want.procedure && have.arguments == want.arguments && have.returns == want.returns &&
           have.language == want.language && have.volatility == want.volatility && have.strict == want.strict &&
           have.security_definer == want.security_definer && have.leakproof == want.leakproof && have.parallel == want.parallel &&
           have.cost == want.cost && have.rows == want.rows && have.settings == want.settings && have.sql_body == want.sql_body &&
           have.body == (want.stored_body ? *want.stored_body : want.body);
}

std::string function_display(const model::Function& f) { return f.ref.name + "(" + f.signature_types() + ")"; }

// Functions and procedures, by signature (overloads are distinct). One the database has and
// the model does not is a drop the policy allows or reports, unless a trigger that stays calls
// it or its definition cannot be read.
void compare_functions(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    std::map<std::string, const model::Function*> have;
    for (const auto& f : actual.functions) have.emplace(f.signature(), &f);
    std::set<std::string> declared;
    for (const auto& want : desired.functions) {
        declared.insert(want.signature());
        const TableRef where{want.ref.schema, ""};
        const std::string kind = want.procedure ? "procedure " : "function ";
        auto it = have.find(want.signature());
        if (it == have.end()) {
            out.changes.push_back(CreateFunction{want});
            continue;
        }
        const model::Function& got = *it->second;
        if (!got.unsupported.empty()) {
            out.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Function, where, function_display(want),
                                           kind + want.signature() + " is in the database, but is not compared: " + got.unsupported});
            continue;
        }
        if (same_function(got, want)) out.in_sync.push_back({ObjectKind::Function, where, function_display(want)});
        else if (got.replaceable_by(want)) out.changes.push_back(ReplaceFunction{got, want});
        else {
            out.changes.push_back(DropFunction{got, true});
            out.changes.push_back(CreateFunction{want});
        }
        if (want.comment) {
            if (got.comment == want.comment || (want.comment->empty() && !got.comment))
                out.in_sync.push_back({ObjectKind::Comment, where, function_display(want)});
            else
                out.changes.push_back(SetComment{want.procedure ? CommentOn::Procedure : CommentOn::Function, want.ref, want.signature_types(), *want.comment});
        }
    }
    for (const auto& f : actual.functions) {
        if (declared.count(f.signature())) continue;
        const TableRef where{f.ref.schema, ""};
        const std::string kind = f.procedure ? "procedure " : "function ";
        // A trigger that stays keeps its function: an event trigger, or a trigger on a table
        // the model ignores or on a relation it does not hold. (One on a table the model
        // declares or drops goes first, with --allow-drop, as the function does.)
        std::vector<std::string> kept_by;
        for (const auto& caller : f.used_by) {
            if (caller.table.name.empty()) kept_by.push_back("event trigger " + caller.trigger);
            else if (!caller.on_table || desired.is_ignored(caller.table))
                kept_by.push_back("trigger " + caller.trigger + " on " + caller.table.display());
        }
        if (!kept_by.empty()) {
            out.warnings.push_back(Warning{WarningKind::NotInModel, ObjectKind::Function, where, function_display(f),
                                           kind + f.signature() + " is in the database but not in the model; it is left alone, as " +
                                               join(kept_by) + (kept_by.size() == 1 ? " calls it" : " call them")});
        } else if (!f.unsupported.empty()) {
            out.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Function, where, function_display(f),
                                           kind + f.signature() + " is in the database and not managed: " + f.unsupported});
        } else {
            out.changes.push_back(DropFunction{f});
        }
    }
}

// Aggregates, by signature, as functions are: OR REPLACE where the result stays (the state
// type and final function are the same), else dropped and made again.
void compare_aggregates(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    std::map<std::string, const model::Aggregate*> have;
    for (const auto& a : actual.aggregates) have.emplace(a.signature(), &a);
    std::set<std::string> declared;
    auto display = [](const model::Aggregate& a) { return a.ref.name + "(" + a.signature_types() + ")"; };
    for (const auto& want : desired.aggregates) {
        declared.insert(want.signature());
        const TableRef where{want.ref.schema, ""};
        auto it = have.find(want.signature());
        if (it == have.end()) {
            out.changes.push_back(CreateAggregate{want});
            continue;
        }
        const model::Aggregate& got = *it->second;
        if (!got.unsupported.empty()) {
            out.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Aggregate, where, display(want),
                                           "aggregate " + want.signature() + " is in the database, but is not compared: " + got.unsupported});
            continue;
        }
        if (got == want) out.in_sync.push_back({ObjectKind::Aggregate, where, display(want)});
        else if (got.state_type == want.state_type && got.final_function == want.final_function) out.changes.push_back(ReplaceAggregate{got, want});
        else {
            out.changes.push_back(DropAggregate{got, true});
            out.changes.push_back(CreateAggregate{want});
        }
        if (want.comment) {
            if (got.comment == want.comment || (want.comment->empty() && !got.comment))
                out.in_sync.push_back({ObjectKind::Comment, where, display(want)});
            else
                out.changes.push_back(SetComment{CommentOn::Aggregate, want.ref, want.signature_types(), *want.comment});
        }
    }
    for (const auto& a : actual.aggregates) {
        if (declared.count(a.signature())) continue;
        if (!a.unsupported.empty())
            out.warnings.push_back(Warning{WarningKind::NotManaged, ObjectKind::Aggregate, TableRef{a.ref.schema, ""}, display(a),
                                           "aggregate " + a.signature() + " is in the database and not managed: " + a.unsupported});
        else
            out.changes.push_back(DropAggregate{a});
    }
}

// The identifiers a query names: the tables and views it may read (bare names fold to lower case).
std::set<std::string> names_in(const std::string& query) {
    std::set<std::string> words;
    for (const auto& t : lex_sql(query).tokens)
        if (t.kind == TokenKind::QuotedIdent) words.insert(t.text);
        else if (t.kind == TokenKind::Word) words.insert(model::lower_ascii(t.text));
    return words;
}

// Views are dropped and made again (DropView replaced, then CreateView): those whose query
// differs (`replaced`), where the engine's views hold on to their columns those that read a
// table whose columns change type or go, those that call a function made again, and then every
// view that reads one of those. A view
// the model does not declare is left to the drop policy.
// `changed_tables` (by name) seeds the views that read a table; `replaced` the views whose own
// query differs. Views `out` already makes again are not made again twice.
void remake_views(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks, std::set<TableRef> replaced,
                  std::set<std::string> changed_tables, Diff& out) {
    std::set<TableRef> already;
    for (const auto& c : out.changes)
        if (auto* v = std::get_if<DropView>(&c); v && v->replaced) already.insert(v->view.ref);
    if (hooks.views_bind_columns)
        for (const auto& c : out.changes) {
            // A column that changes type or collation (a dropped column waits for the policy: see
            // remake_views_around_dropped_columns). Not one the engine refuses to change: its
            // views would be made again on every run.
            auto* m = std::get_if<ModifyColumn>(&c);
            if (m && (m->differs.type || m->differs.collation) && (!hooks.makes || hooks.makes(c)))
                changed_tables.insert(table_of(c).name);
        }
    // A function dropped to be made again (another result type, argument names or modes):
    // PostgreSQL refuses the drop while a view calls it, so the views that name it go first
    // and come back after it.
    for (const auto& c : out.changes)
        if (auto* d = std::get_if<DropFunction>(&c); d && d->replaced) changed_tables.insert(d->function.ref.name);
        else if (auto* a = std::get_if<DropAggregate>(&c); a && a->replaced) changed_tables.insert(a->aggregate.ref.name);
    if (replaced.empty() && changed_tables.empty()) return;  // the common case: no query is read
    std::vector<std::pair<const model::View*, std::set<std::string>>> reads;
    for (const auto& v : actual.views) reads.emplace_back(&v, names_in(v.definition.text));
    auto reads_any = [](const std::set<std::string>& words, const std::set<std::string>& names) {
        for (const auto& n : names)
            if (words.count(n)) return true;
        return false;
    };
    for (const auto& r : already) replaced.insert(r);  // read by others: theirs come back too
    for (bool grew = true; grew;) {
        grew = false;
        std::set<std::string> remade;
        for (const auto& r : replaced) remade.insert(r.name);
        for (const auto& [view, words] : reads)
            if (!replaced.count(view->ref) && (reads_any(words, changed_tables) || reads_any(words, remade)) &&
                std::any_of(desired.views.begin(), desired.views.end(), [&](const model::View& v) { return v.ref == view->ref; }))
                replaced.insert(view->ref), grew = true;
    }
    for (const auto& r : already) replaced.erase(r);
    if (replaced.empty()) return;
    // The CreateView makes the view's comment and indexes, and its triggers are made after it:
    // no change of their own in between. A trigger the model leaves out keeps its DropTrigger,
    // for the policy to allow or withhold (the plan makes a withheld one again).
    out.changes.erase(std::remove_if(out.changes.begin(), out.changes.end(),
                                     [&](const Change& c) {
                                         return (std::holds_alternative<SetComment>(c) || std::holds_alternative<AddIndex>(c) ||
                                                 std::holds_alternative<DropIndex>(c) || std::holds_alternative<CreateTrigger>(c) ||
                                                 std::holds_alternative<ReplaceTrigger>(c) ||
                                                 (std::holds_alternative<DropTrigger>(c) && std::get<DropTrigger>(c).replaced)) &&
                                                replaced.count(table_of(c));
                                     }),
                      out.changes.end());
    out.in_sync.erase(std::remove_if(out.in_sync.begin(), out.in_sync.end(),
                                     [&](const InSync& s) {
                                         return (s.kind == ObjectKind::View || s.kind == ObjectKind::Trigger) && replaced.count(s.table);
                                     }),
                      out.in_sync.end());
    for (const auto& have : actual.views)
        if (replaced.count(have.ref)) out.changes.push_back(DropView{have, true});
    for (const auto& want : desired.views)
        if (replaced.count(want.ref)) {
            out.changes.push_back(CreateView{want});
            for (const auto& t : want.triggers) out.changes.push_back(CreateTrigger{want.ref, t});
        }
}

// Views come last in a plan: they read tables (and other views, declared earlier).
void compare_views(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks, Diff& out) {
    std::set<TableRef> replaced_views;
    for (const auto& v : desired.views) {
        auto have = std::find_if(actual.views.begin(), actual.views.end(), [&](const model::View& x) { return x.ref == v.ref; });
        if (have == actual.views.end()) {
            out.changes.push_back(CreateView{v});
            for (const auto& t : v.triggers) out.changes.push_back(CreateTrigger{v.ref, t});
        } else if (have->materialized != v.materialized) {
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::View, v.ref, "", {},
                                           ViewKindDiffers{have->materialized, v.materialized}});
        } else {
            compare_comment(v.comment, have->comment, SetComment{v.materialized ? CommentOn::MaterializedView : CommentOn::View, v.ref, "", {}}, out);
            if (have->definition.canonical != v.definition.canonical)
                replaced_views.insert(v.ref);  // made again, see remake_views
            else
                out.in_sync.push_back({ObjectKind::View, v.ref, v.ref.name});
            Table want_view, have_view;
            want_view.ref = have_view.ref = v.ref;
            want_view.indexes = v.indexes;
            have_view.indexes = have->indexes;
            TableComparer(want_view, have_view, hooks, out).run_indexes_only();
            want_view.triggers = v.triggers;
            have_view.triggers = have->triggers;
            TableComparer(want_view, have_view, hooks, out).run_triggers_only();
        }
    }
    for (const auto& x : actual.views)
        if (std::none_of(desired.views.begin(), desired.views.end(), [&](const model::View& v) { return v.ref == x.ref; }) &&
            !desired.is_ignored(x.ref))
            out.changes.push_back(DropView{x});
    remake_views(desired, actual, hooks, std::move(replaced_views), {}, out);
}

// CREATE TABLE … PARTITION OF gives the new partition an index for each index its existing
// ancestor has (named by the server; through new partitions in between too): declaring them
// again would make twins. A comment such an index declares goes on the one the server makes.
Table without_indexes_its_ancestor_makes(const Table& partition, const std::map<TableRef, const Table*>& declared,
                                        const std::map<TableRef, const Table*>& have, Diff& out) {
    auto ancestor = model::nearest_ancestor(partition, declared, have);
    if (!ancestor) return partition;
    const Table& existing = *have.at(*ancestor);
    Table kept = partition;
    kept.indexes.clear();
    for (const auto& idx : partition.indexes) {
        auto made = std::find_if(existing.indexes.begin(), existing.indexes.end(), [&](const model::Index& p) { return p.same_definition(idx); });
        if (made == existing.indexes.end()) kept.indexes.push_back(idx);
        else if (idx.comment)
            out.changes.push_back(SetComment{CommentOn::PartitionIndex, partition.ref, made->name, *idx.comment, ancestor->schema});
    }
    return kept;
}

// A key that goes (dropped, or replaced under its name) takes with it the foreign keys that
// reference it: PostgreSQL refuses to drop a key a foreign key needs. A foreign key the model
// keeps is dropped first and made again once the new key is there (the plan orders foreign-key
// drops before other drops, and foreign keys after keys and indexes).
void remake_foreign_keys_on_going_keys(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    std::set<std::pair<TableRef, std::vector<std::string>>> going;  // (table, sorted key columns)
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    for (const auto& c : out.changes) {
        const TableRef t = table_of(c);
        auto tables = out.changed_tables.find(t);
        if (tables == out.changed_tables.end()) continue;
        const model::Table& from = tables->second.first;
        if (auto* d = std::get_if<DropConstraint>(&c)) {
            if (d->kind == ConstraintKind::PrimaryKey) going.emplace(t, sorted(from.primary_key));
            if (d->kind == ConstraintKind::Unique)
                for (const auto& u : from.uniques)
                    if (u.name == d->name) going.emplace(t, sorted(u.columns));
        } else if (auto* i = std::get_if<DropIndex>(&c); i && i->index.unique) {
            going.emplace(t, sorted(i->index.key_names()));
        }
    }
    if (going.empty()) return;
    std::set<std::pair<TableRef, std::string>> dropped;  // foreign keys already dropped by the plan
    for (const auto& c : out.changes)
        if (auto* d = std::get_if<DropConstraint>(&c); d && d->kind == ConstraintKind::ForeignKey) dropped.emplace(d->table, d->name);
    for (const auto& have : actual.tables) {
        const model::Table* want = desired.is_ignored(have.ref) ? nullptr : desired.find_table(have.ref);
        for (const auto& fk : have.foreign_keys) {
            if (!going.count({fk.ref_table, sorted(fk.ref_columns)}) || dropped.count({have.ref, fk.name})) continue;
            if (!want) {
                // A table the model does not declare: its foreign key goes before the key (a drop,
                // so the policy's; withheld, the server says what depends on the key).
                if (!desired.is_ignored(have.ref))
                    out.changes.push_back(DropConstraint{have.ref, ConstraintKind::ForeignKey, fk.name, "(" + join(fk.columns) + ") to " + fk.ref_table.display()});
                continue;
            }
            auto kept = std::find_if(want->foreign_keys.begin(), want->foreign_keys.end(), [&](const model::ForeignKey& w) {
                return w.columns == fk.columns && w.ref_table == fk.ref_table && w.ref_columns == fk.ref_columns;
            });
            if (kept == want->foreign_keys.end()) continue;
            out.changes.push_back(DropConstraint{have.ref, ConstraintKind::ForeignKey, fk.name, "(" + join(fk.columns) + ") to " + fk.ref_table.display(), true});
            out.changes.push_back(AddForeignKey{have.ref, *kept});
            out.in_sync.erase(std::remove_if(out.in_sync.begin(), out.in_sync.end(),
                                             [&](const InSync& s) { return s.kind == ObjectKind::ForeignKey && s.table == have.ref && s.name == kept->name; }),
                              out.in_sync.end());
        }
    }
}

}  // namespace

namespace {

std::string folded(const std::string& name) { return model::lower_ascii(name); }

// Spellings by folded name: the model's, for the database's names that differ only in case.
class Spellings {
public:
    void add(const std::string& name) { by_folded_.emplace(folded(name), name); }
    void respell(std::string& name) const {
        if (auto it = by_folded_.find(folded(name)); it != by_folded_.end()) name = it->second;
    }
    void respell(std::vector<std::string>& names) const {
        for (auto& n : names) respell(n);
    }

private:
    std::map<std::string, std::string> by_folded_;
};

// Whether a name of `actual` differs from one of `desired` only in ASCII case. The usual
// answer is no, found by exact lookups without copying anything (a no-op dry run of thousands
// of tables pays for nothing else); the folded names are built only if a name has no exact twin.
bool spelled_otherwise(const model::Schema& desired, const model::Schema& actual) {
    std::unordered_set<std::string_view> exact;
    for (const auto& t : desired.tables) {
        exact.insert(t.ref.name);
        exact.insert(t.renamed_from);
        exact.insert(t.primary_key_name);
        for (const auto& c : t.columns) exact.insert(c.name), exact.insert(c.renamed_from);
        for (const auto& i : t.indexes) exact.insert(i.name), exact.insert(i.renamed_from);
        for (const auto& u : t.uniques) exact.insert(u.name), exact.insert(u.renamed_from);
        for (const auto& c : t.checks) exact.insert(c.name), exact.insert(c.renamed_from);
        for (const auto& f : t.foreign_keys) exact.insert(f.name), exact.insert(f.renamed_from);
        for (const auto& tr : t.triggers) exact.insert(tr.name);
    }
    for (const auto& v : desired.views) {
        exact.insert(v.ref.name);
        for (const auto& tr : v.triggers) exact.insert(tr.name);
    }
    std::optional<std::unordered_set<std::string>> folded_names;
    auto differs = [&](const std::string& name) {
        if (name.empty() || exact.count(name)) return false;
        if (!folded_names) {
            folded_names.emplace();
            for (std::string_view n : exact) folded_names->insert(folded(std::string(n)));
        }
        return folded_names->count(folded(name)) > 0;
    };
    auto any_differs = [&](const std::vector<std::string>& names) { return std::any_of(names.begin(), names.end(), differs); };
    for (const auto& t : actual.tables) {
        if (differs(t.ref.name) || differs(t.primary_key_name) || any_differs(t.primary_key)) return true;
        for (const auto& c : t.columns)
            if (differs(c.name)) return true;
        for (const auto& i : t.indexes) {
            if (differs(i.name) || any_differs(i.include)) return true;
            for (const auto& k : i.keys)
                if (differs(k.column)) return true;
        }
        for (const auto& u : t.uniques)
            if (differs(u.name) || any_differs(u.columns)) return true;
        for (const auto& c : t.checks)
            if (differs(c.name)) return true;
        for (const auto& f : t.foreign_keys)
            if (differs(f.name) || differs(f.ref_table.name) || any_differs(f.columns) || any_differs(f.ref_columns)) return true;
        for (const auto& tr : t.triggers)
            if (differs(tr.name) || any_differs(tr.update_of)) return true;
    }
    for (const auto& v : actual.views) {
        if (differs(v.ref.name)) return true;
        for (const auto& tr : v.triggers)
            if (differs(tr.name)) return true;
    }
    return false;
}

// The database's schema with the model's spelling of every name that differs from it only in
// ASCII case (SQLite, where they are the same name): then names compare as strings.
model::Schema respelled(const model::Schema& desired, model::Schema actual) {
    Spellings relations, triggers;
    std::map<std::string, const Table*> declared;  // by folded name
    // The old names of what the model renames (renamed_from) are spelled as the model spells
    // them too, so that the rename is seen.
    auto add = [](Spellings& to, const std::string& name) {
        if (!name.empty()) to.add(name);
    };
    for (const auto& t : desired.tables) {
        relations.add(t.ref.name);
        add(relations, t.renamed_from);
        declared.emplace(folded(t.ref.name), &t);
        if (!t.renamed_from.empty()) declared.emplace(folded(t.renamed_from), &t);
        for (const auto& i : t.indexes) relations.add(i.name), add(relations, i.renamed_from);
        for (const auto& tr : t.triggers) triggers.add(tr.name);
    }
    for (const auto& v : desired.views) {
        relations.add(v.ref.name);
        for (const auto& tr : v.triggers) triggers.add(tr.name);
    }
    auto columns_of = [&](const std::string& table) {
        Spellings columns;
        if (auto it = declared.find(folded(table)); it != declared.end())
            for (const auto& c : it->second->columns) columns.add(c.name), add(columns, c.renamed_from);
        return columns;
    };
    for (auto& t : actual.tables) {
        relations.respell(t.ref.name);
        const Spellings columns = columns_of(t.ref.name);
        Spellings constraints;
        if (auto it = declared.find(folded(t.ref.name)); it != declared.end()) {
            const Table& w = *it->second;
            constraints.add(w.primary_key_name);
            for (const auto& u : w.uniques) constraints.add(u.name), add(constraints, u.renamed_from);
            for (const auto& c : w.checks) constraints.add(c.name), add(constraints, c.renamed_from);
            for (const auto& f : w.foreign_keys) constraints.add(f.name), add(constraints, f.renamed_from);
        }
        for (auto& c : t.columns) columns.respell(c.name);
        columns.respell(t.primary_key);
        constraints.respell(t.primary_key_name);
        for (auto& u : t.uniques) columns.respell(u.columns), constraints.respell(u.name);
        for (auto& c : t.checks) constraints.respell(c.name);
        for (auto& i : t.indexes) {
            relations.respell(i.name);
            for (auto& k : i.keys)
                if (!k.column.empty()) columns.respell(k.column);
            columns.respell(i.include);
        }
        for (auto& f : t.foreign_keys) {
            columns.respell(f.columns);
            constraints.respell(f.name);
            relations.respell(f.ref_table.name);
            columns_of(f.ref_table.name).respell(f.ref_columns);
        }
        for (auto& tr : t.triggers) triggers.respell(tr.name), columns.respell(tr.update_of);
    }
    for (auto& v : actual.views) {
        relations.respell(v.ref.name);
        for (auto& tr : v.triggers) triggers.respell(tr.name);
    }
    for (auto& r : actual.relation_names) relations.respell(r.name);
    return actual;
}

}  // namespace

std::optional<model::Schema> in_model_spelling(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks) {
    if (!hooks.names_fold_case || !spelled_otherwise(desired, actual)) return std::nullopt;
    return respelled(desired, actual);
}

// PostgreSQL refuses to change the type of a column a policy's expressions use, and to drop a
// function they call: such a policy (one the model keeps) is dropped before and made again
// after, as views are. Names are matched by the words of the expressions as the database
// prints them, a superset of what they use.
void remake_policies(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    std::map<TableRef, std::set<std::string>> retyped;  // table → columns whose type changes
    std::set<std::string> remade_functions;
    for (const auto& c : out.changes) {
        if (auto* m = std::get_if<ModifyColumn>(&c); m && m->differs.type) retyped[m->table].insert(m->from.name);
        if (auto* f = std::get_if<DropFunction>(&c); f && f->replaced) remade_functions.insert(f->function.ref.name);
        if (auto* a = std::get_if<DropAggregate>(&c); a && a->replaced) remade_functions.insert(a->aggregate.ref.name);
    }
    if (retyped.empty() && remade_functions.empty()) return;
    for (const auto& t : desired.tables) {
        const Table* have = actual.find_table(t.ref);
        if (!have) continue;
        const auto columns = retyped.find(t.ref);
        for (const auto& p : t.policies) {
            auto h = std::find_if(have->policies.begin(), have->policies.end(), [&](const model::Policy& x) { return x.name == p.name; });
            if (h == have->policies.end()) continue;
            const bool already = std::any_of(out.changes.begin(), out.changes.end(), [&](const Change& c) {
                auto* d = std::get_if<DropPolicy>(&c);
                return d && d->table == t.ref && d->policy.name == p.name;
            });
            if (already) continue;
            std::set<std::string> words;
            for (const auto* e : {&h->using_expression, &h->with_check})
                if (*e) words.merge(names_in((*e)->text));
            bool bound = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
                return remade_functions.count(w) || (columns != retyped.end() && columns->second.count(w));
            });
            if (!bound) continue;
            out.changes.erase(std::remove_if(out.changes.begin(), out.changes.end(),
                                             [&](const Change& c) {  // made whole again below, with its comment
                                                 auto* r = std::get_if<ReplacePolicy>(&c);
                                                 auto* k = std::get_if<SetComment>(&c);
                                                 return (r && r->table == t.ref && r->to.name == p.name) ||
                                                        (k && k->on == CommentOn::Policy && k->table == t.ref && k->name == p.name);
                                             }),
                              out.changes.end());
            out.in_sync.erase(std::remove_if(out.in_sync.begin(), out.in_sync.end(),
                                             [&](const InSync& x) { return x.kind == ObjectKind::Policy && x.table == t.ref && x.name == p.name; }),
                              out.in_sync.end());
            out.changes.push_back(DropPolicy{t.ref, *h, true});
            model::Policy made = p;
            if (made.comment && made.comment->empty()) made.comment.reset();
            if (!made.comment) made.comment = h->comment;  // a comment the model leaves alone goes with the policy: made again too
            out.changes.push_back(CreatePolicy{t.ref, std::move(made)});
        }
    }
}

// What brings one role's privileges from `have` to `want`, each list in PostgreSQL's order
// (`order`): the privileges to grant (without and with the grant option) and to revoke (the
// privilege, or only its grant option).
struct PrivilegeDelta {
    std::vector<std::string> grant, grant_with_option, revoke, revoke_option;
    bool none() const { return grant.empty() && grant_with_option.empty() && revoke.empty() && revoke_option.empty(); }
};
PrivilegeDelta privilege_delta(const std::vector<std::string>& order, const std::string& role, const std::vector<model::Privilege>& want,
                               const std::vector<model::Privilege>& have) {
    std::map<std::string, bool> w, h;  // privilege → grantable
    for (const auto& p : want)
        if (p.role == role) w[p.privilege] = p.grantable;
    for (const auto& p : have)
        if (p.role == role) h[p.privilege] = p.grantable;
    PrivilegeDelta d;
    for (const auto& privilege : order) {
        auto wi = w.find(privilege), hi = h.find(privilege);
        if (wi != w.end() && hi == h.end()) (wi->second ? d.grant_with_option : d.grant).push_back(privilege);
        else if (wi != w.end() && wi->second && !hi->second) d.grant_with_option.push_back(privilege);
        else if (wi == w.end() && hi != h.end()) d.revoke.push_back(privilege);
        else if (wi != w.end() && !wi->second && hi->second) d.revoke_option.push_back(privilege);
    }
    return d;
}

// The default privileges of managed roles ([[default_privileges]]), against pg_default_acl.
// For every schema, a catalog row replaces PostgreSQL's built-in defaults (PUBLIC's EXECUTE on
// functions and USAGE on types), which hold where there is none, and which an entry the model
// does not declare wants; in one schema, nothing is built in.
void compare_default_privileges(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    if (actual.roles.empty()) {  // an engine without roles (SQLite)
        if (!desired.default_privileges.empty())
            out.warnings.push_back(Warning{WarningKind::Unsupported, ObjectKind::Privilege, TableRef{"public", ""}, "",
                                           "default_privileges: this database has no roles or privileges, so none are set"});
        return;
    }
    if (desired.managed_roles.empty()) return;  // no role's privileges are managed
    for (const auto& d : desired.default_privileges)
        if (std::find(actual.roles.begin(), actual.roles.end(), d.for_role) == actual.roles.end())
            throw Error(ErrorKind::Schema,
                        "the " + d.display() + " are of role '" + d.for_role +
                            "', which does not exist on this server: roles are cluster-wide and reconcile does not create them",
                        d.loc);
    auto find = [](const std::vector<model::DefaultPrivileges>& in, const model::DefaultPrivileges& key) -> const model::DefaultPrivileges* {
        for (const auto& d : in)
            if (d.same_key(key)) return &d;
        return nullptr;
    };
    // The catalog's entries of the roles the model declares default privileges for, for every
    // schema and for the schemas the model holds. Another role's are not the model's (changing
    // them takes being that role): listed as not managed where they give a managed role other
    // than PostgreSQL's built-in defaults, never changed.
    std::vector<std::string> held_schemas = desired.namespaces();
    held_schemas.insert(held_schemas.end(), desired.schemas.begin(), desired.schemas.end());
    std::set<std::string> declared_roles;
    for (const auto& d : desired.default_privileges) declared_roles.insert(d.for_role);
    std::vector<const model::DefaultPrivileges*> keys;
    for (const auto& d : desired.default_privileges) keys.push_back(&d);
    for (const auto& d : actual.default_privileges) {
        if (find(desired.default_privileges, d)) continue;
        if (!d.schema.empty() && std::find(held_schemas.begin(), held_schemas.end(), d.schema) == held_schemas.end()) continue;
        if (declared_roles.count(d.for_role)) {
            keys.push_back(&d);
            continue;
        }
        if (d.differs_from_built_in(desired.managed_roles))
            out.not_managed.push_back(model::UnmodelledObject{"default privileges", d.subject(), TableRef{}});
    }
    for (const model::DefaultPrivileges* key : keys) {
        const model::DefaultPrivileges* wanted = find(desired.default_privileges, *key);
        const model::DefaultPrivileges* held = find(actual.default_privileges, *key);
        const std::vector<model::Privilege> built = key->built_in();
        const std::vector<model::Privilege> want = wanted ? wanted->privileges : built;
        const std::vector<model::Privilege> have = held ? held->privileges : built;
        model::DefaultPrivileges of = *key;
        of.privileges.clear();
        for (const auto& role : desired.managed_roles) {
            const PrivilegeDelta d = privilege_delta(model::grantable_privileges(key->on), role, want, have);
            if (!d.grant.empty()) out.changes.push_back(GrantDefaultPrivileges{of, role, d.grant, false});
            if (!d.grant_with_option.empty()) out.changes.push_back(GrantDefaultPrivileges{of, role, d.grant_with_option, true});
            // Taking away only PUBLIC's built-in defaults, as the model's entry declares, is part
            // of making the entry, whether the catalog has a row for it yet or not.
            const bool built_in_only = wanted && std::all_of(d.revoke.begin(), d.revoke.end(), [&](const std::string& p) {
                return std::any_of(built.begin(), built.end(), [&](const model::Privilege& b) { return b.role == role && b.privilege == p; });
            });
            if (!d.revoke.empty()) out.changes.push_back(RevokeDefaultPrivileges{of, role, d.revoke, false, built_in_only});
            if (!d.revoke_option.empty()) out.changes.push_back(RevokeDefaultPrivileges{of, role, d.revoke_option, true, false});
            if (d.none() && wanted && std::any_of(want.begin(), want.end(), [&](const model::Privilege& p) { return p.role == role; }))
                out.in_sync.push_back(InSync{ObjectKind::Privilege, TableRef{key->schema.empty() ? "public" : key->schema, ""},
                                             key->display() + " to " + role});
        }
    }
}

// What PostgreSQL gives on an object the plan makes: the default privileges of the role that
// runs the plan (for every schema, its entry or else the built-in PUBLIC defaults; in the
// object's schema, that entry's too), that role's own aside. ON TABLES covers views too.
std::vector<model::Privilege> privileges_of_new(const model::Schema& actual, const model::ObjectPrivileges& object) {
    std::vector<model::Privilege> out;
    if (object.on == model::GrantOn::Column) return out;  // a column has only what is granted on it
    const model::DefaultPrivileges *every_schema = nullptr, *this_schema = nullptr;
    for (const auto& d : actual.default_privileges) {
        if (d.for_role != actual.current_role || d.on != object.on) continue;
        if (d.schema.empty()) every_schema = &d;
        else if (object.on != model::GrantOn::Schema && d.schema == object.ref.schema) this_schema = &d;
    }
    if (every_schema) out = every_schema->privileges;
    else out = model::DefaultPrivileges{actual.current_role, "", object.on, {}, {}}.built_in();
    if (this_schema)
        for (const auto& p : this_schema->privileges) model::add_privilege(out, p);
    std::sort(out.begin(), out.end());
    return out;
}

// The owners the model declares (`owner = "…"`), against the catalog's; an owner the model
// does not declare is not managed. An object the plan makes (or drops and makes again) belongs
// to the role that runs the plan: its declared owner is set once it is made. Before the grants:
// ALTER … OWNER TO hands the old owner's implicit privileges to the new one.
void compare_owners(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    if (desired.owners.empty()) return;
    if (actual.roles.empty()) {  // an engine without roles (SQLite)
        out.warnings.push_back(Warning{WarningKind::Unsupported, ObjectKind::Owner, TableRef{"public", ""}, "",
                                       "owner: this database has no roles or owners, so none are set"});
        return;
    }
    using model::GrantOn;
    using Key = std::tuple<int, TableRef, std::string>;
    std::map<Key, const model::ObjectPrivileges*> held;
    for (const auto& o : actual.privileges) held.emplace(Key{int(o.on), o.ref, o.arguments}, &o);
    std::set<Key> remade;
    for (const auto& c : out.changes) {
        if (auto* v = std::get_if<DropView>(&c); v && v->replaced) remade.emplace(int(GrantOn::Table), v->view.ref, "");
        if (auto* f = std::get_if<DropFunction>(&c); f && f->replaced) remade.emplace(int(GrantOn::Routine), f->function.ref, f->function.signature_types());
        if (auto* a = std::get_if<DropAggregate>(&c); a && a->replaced) remade.emplace(int(GrantOn::Routine), a->aggregate.ref, a->aggregate.signature_types());
    }
    auto kind_of = [&](const model::ObjectPrivileges& o) {
        switch (o.on) {
            case GrantOn::Schema: return OwnedKind::Schema;
            case GrantOn::Sequence: return OwnedKind::Sequence;
            case GrantOn::Table:
                for (const auto& v : desired.views)
                    if (v.ref == o.ref) return v.materialized ? OwnedKind::MaterializedView : OwnedKind::View;
                return OwnedKind::Table;
            case GrantOn::Routine:
                for (const auto& f : desired.functions)
                    if (f.ref == o.ref && f.signature_types() == o.arguments) return f.procedure ? OwnedKind::Procedure : OwnedKind::Function;
                return OwnedKind::Aggregate;
            case GrantOn::Type:
                for (const auto& d : desired.domains)
                    if (d.ref == o.ref) return OwnedKind::Domain;
                return OwnedKind::Enum;
            case GrantOn::Column: break;  // a column has no owner of its own: its table's
        }
        return OwnedKind::Table;
    };
    for (const auto& want : desired.owners) {
        if (std::find(actual.roles.begin(), actual.roles.end(), want.owner) == actual.roles.end())
            throw Error(ErrorKind::Schema,
                        "the owner of " + want.display() + ", role '" + want.owner +
                            "', does not exist on this server: roles are cluster-wide and reconcile does not create them; create it "
                            "(CREATE ROLE) or change the owner",
                        want.loc);
        const Key key{int(want.on), want.ref, want.arguments};
        auto it = held.find(key);
        const std::string from = it == held.end() || remade.count(key) ? std::string() : it->second->owner;
        if (from == want.owner) {
            out.in_sync.push_back(InSync{ObjectKind::Owner, want.on == GrantOn::Table ? want.ref : TableRef{want.ref.schema, ""},
                                         want.display() + " " + want.owner});
            continue;
        }
        // A sequence linked to a column (OWNED BY) takes its table's owner: PostgreSQL refuses
        // ALTER SEQUENCE … OWNER TO on it. The owner the model gives its table is the one it gets.
        if (want.on == GrantOn::Sequence) {
            auto find_sequence = [&](const model::Schema& s) -> const model::Sequence* {
                for (const auto& q : s.sequences)
                    if (q.ref == want.ref) return &q;
                return nullptr;
            };
            const model::Sequence* in_model = find_sequence(desired);
            const model::Sequence* in_database = find_sequence(actual);
            const std::optional<model::SequenceOwner> link =
                in_model && in_model->owned_by ? in_model->owned_by : in_database ? in_database->owned_by : std::nullopt;
            if (link) {
                const TableRef table{want.ref.schema, link->table};
                auto table_owner = std::find_if(desired.owners.begin(), desired.owners.end(),
                                                [&](const model::ObjectPrivileges& o) { return o.on == GrantOn::Table && o.ref == table; });
                if (table_owner == desired.owners.end() || table_owner->owner != want.owner)
                    out.warnings.push_back(Warning{WarningKind::Unsupported, ObjectKind::Owner, table, want.ref.name,
                                                   "owner of sequence " + want.ref.display() + ": it is linked to column " + table.display() +
                                                       "." + link->column + " (OWNED BY) and takes its table's owner, which PostgreSQL "
                                                       "sets for both; declare owner = \"" + want.owner + "\" on table " + table.display()});
                continue;  // set with its table's
            }
        }
        out.changes.push_back(SetOwner{want, kind_of(want), from, want.owner});
    }
}

// The privileges of managed roles on the objects the model declares. An object the plan makes
// (or drops and makes again) starts with what PostgreSQL gives a new one: nothing, but for
// PUBLIC's EXECUTE on routines and USAGE on types. Privileges an object's owner holds are its
// owner's, implicitly: not compared.
void compare_privileges(const model::Schema& desired, const model::Schema& actual, Diff& out) {
    const bool managed = !desired.managed_roles.empty();
    if (actual.roles.empty()) {  // an engine without roles (SQLite)
        if (!managed) return;
        out.warnings.push_back(Warning{WarningKind::Unsupported, ObjectKind::Privilege, TableRef{"public", ""}, "",
                                       "managed_roles: this database has no roles or privileges, so none are made"});
        return;
    }
    for (const auto& role : desired.managed_roles)  // none when no role is managed
        if (role != "public" && std::find(actual.roles.begin(), actual.roles.end(), role) == actual.roles.end())
            throw Error(ErrorKind::Schema,
                        "managed role '" + role + "' does not exist on this server: roles are cluster-wide and reconcile does not create "
                        "them; create it (CREATE ROLE) or take it out of managed_roles",
                        desired.settings_loc);
    using model::GrantOn;
    using model::ObjectPrivileges;
    std::vector<ObjectPrivileges> declared;
    auto declare = [&](GrantOn on, const TableRef& ref, std::string arguments = {}) {
        ObjectPrivileges o;
        o.on = on;
        o.ref = ref;
        o.arguments = std::move(arguments);
        declared.push_back(std::move(o));
    };
    for (const auto& name : desired.schemas) declare(GrantOn::Schema, TableRef{name, ""});
    for (const auto& t : desired.tables) {
        if (desired.is_ignored(t.ref)) continue;
        declare(GrantOn::Table, t.ref);
        for (const auto& c : t.columns) {
            if (c.is_serial()) declare(GrantOn::Sequence, TableRef{t.ref.schema, model::serial_sequence_name(t.ref.name, c)});  // sequence_grants
            if (managed) declare(GrantOn::Column, t.ref, c.name);  // the column's own grants
        }
    }
    for (const auto& v : desired.views) declare(GrantOn::Table, v.ref);
    for (const auto& q : desired.sequences) declare(GrantOn::Sequence, q.ref);
    for (const auto& f : desired.functions) declare(GrantOn::Routine, f.ref, f.signature_types());
    for (const auto& a : desired.aggregates) declare(GrantOn::Routine, a.ref, a.signature_types());
    for (const auto& e : desired.enums) declare(GrantOn::Type, e.ref);
    for (const auto& d : desired.domains) declare(GrantOn::Type, d.ref);

    // What the plan makes anew: not in the database, or dropped to be made again.
    std::set<std::tuple<int, TableRef, std::string>> remade;
    for (const auto& c : out.changes) {
        if (auto* v = std::get_if<DropView>(&c); v && v->replaced) remade.emplace(int(GrantOn::Table), v->view.ref, "");
        if (auto* f = std::get_if<DropFunction>(&c); f && f->replaced) remade.emplace(int(GrantOn::Routine), f->function.ref, f->function.signature_types());
        if (auto* a = std::get_if<DropAggregate>(&c); a && a->replaced) remade.emplace(int(GrantOn::Routine), a->aggregate.ref, a->aggregate.signature_types());
    }
    using Key = std::tuple<int, TableRef, std::string>;
    auto index = [](const std::vector<ObjectPrivileges>& in) {
        std::map<Key, const ObjectPrivileges*> by;
        for (const auto& x : in) by.emplace(Key{int(x.on), x.ref, x.arguments}, &x);
        return by;
    };
    const auto wanted_by = index(desired.privileges), held_by = index(actual.privileges);
    auto find = [](const std::map<Key, const ObjectPrivileges*>& by, const ObjectPrivileges& o) -> const ObjectPrivileges* {
        auto it = by.find(Key{int(o.on), o.ref, o.arguments});
        return it == by.end() ? nullptr : it->second;
    };
    const std::set<TableRef> relations(actual.relation_names.begin(), actual.relation_names.end());
    auto exists = [&](const ObjectPrivileges& o) {
        switch (o.on) {
            case GrantOn::Schema: return std::find(actual.schemas.begin(), actual.schemas.end(), o.ref.schema) != actual.schemas.end();
            case GrantOn::Table:
            case GrantOn::Sequence:  // serial columns' sequences too, which are no Sequence of the schema
                return relations.count(o.ref) > 0;
            case GrantOn::Routine:
                return std::any_of(actual.functions.begin(), actual.functions.end(),
                                   [&](const model::Function& f) { return f.ref == o.ref && f.signature_types() == o.arguments; }) ||
                       std::any_of(actual.aggregates.begin(), actual.aggregates.end(),
                                   [&](const model::Aggregate& a) { return a.ref == o.ref && a.signature_types() == o.arguments; });
            case GrantOn::Type:
                return std::any_of(actual.enums.begin(), actual.enums.end(), [&](const model::EnumType& e) { return e.ref == o.ref; }) ||
                       std::any_of(actual.domains.begin(), actual.domains.end(), [&](const model::Domain& d) { return d.ref == o.ref; });
            case GrantOn::Column: {
                const Table* t = actual.find_table(o.ref);
                return t && t->find_column(o.arguments);
            }
        }
        return false;
    };
    // The GRANTs and REVOKEs that bring `role`'s privileges on `object` from `have` to `want`.
    auto settle = [&](const ObjectPrivileges& object, const std::string& role, const std::vector<model::Privilege>& want,
                      const std::vector<model::Privilege>& have, bool made, bool report_in_sync) {
            const PrivilegeDelta d = privilege_delta(model::grantable_privileges(object.on), role, want, have);
            if (!d.grant.empty()) out.changes.push_back(GrantPrivileges{object, role, d.grant, false});
            if (!d.grant_with_option.empty()) out.changes.push_back(GrantPrivileges{object, role, d.grant_with_option, true});
            if (!d.revoke.empty()) out.changes.push_back(RevokePrivileges{object, role, d.revoke, false, made});
            if (!d.revoke_option.empty()) out.changes.push_back(RevokePrivileges{object, role, d.revoke_option, true, made});
            const bool wanted_any = std::any_of(want.begin(), want.end(), [&](const model::Privilege& p) { return p.role == role; });
            if (report_in_sync && d.none() && wanted_any)
                out.in_sync.push_back(object.on == GrantOn::Table ? InSync{ObjectKind::Privilege, object.ref, role}
                                                                  : InSync{ObjectKind::Privilege, TableRef{object.ref.schema, ""},
                                                                           object.display() + " to " + role});
    };
    std::vector<model::Privilege> defaults_of_new;
    for (const auto& object : declared) {
        const bool remade_here = remade.count({int(object.on), object.ref, object.arguments}) > 0;
        if (!managed && !remade_here) continue;  // nothing to compare, nothing lost
        const ObjectPrivileges* wanted = find(wanted_by, object);
        const ObjectPrivileges* held = find(held_by, object);
        const bool is_new = !exists(object);
        const bool made = is_new || remade_here;
        defaults_of_new = privileges_of_new(actual, object);
        // An object dropped and made again loses every grant: the roles the model does not
        // manage (PUBLIC among them) get back what they held, so the remake takes nothing away.
        if (made && !is_new && held) {
            std::set<std::string> others = {"public"};
            for (const auto& p : held->privileges) others.insert(p.role);
            for (const auto& role : others)
                if (role != held->owner && !std::binary_search(desired.managed_roles.begin(), desired.managed_roles.end(), role))
                    settle(object, role, held->privileges, defaults_of_new, true, false);
        }
        if (!managed) continue;
        std::vector<model::Privilege> want = wanted ? wanted->privileges : std::vector<model::Privilege>{};
        std::vector<model::Privilege> have;
        std::string owner;
        if (made) {
            have = defaults_of_new;
            // Its owner: the role that makes it, until the owner the model declares is set.
            owner = actual.current_role;
            for (const auto& o : desired.owners)
                if (o.same_object(object)) owner = o.owner;
        } else if (held) {
            have = held->privileges;
            owner = held->owner;
        }
        for (const auto& role : desired.managed_roles)
            if (role != owner) settle(object, role, want, have, made, true);
    }
}

void remake_views_around_dropped_columns(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks, Diff& diff) {
    if (!hooks.views_bind_columns) return;
    std::set<std::string> losing_columns;
    for (const auto& c : diff.changes)
        if (auto* d = std::get_if<DropColumn>(&c)) losing_columns.insert(d->table.name);
    if (losing_columns.empty()) return;
    const std::size_t before = diff.changes.size();
    remake_views(desired, actual, hooks, {}, losing_columns, diff);
    if (diff.changes.size() == before) return;
    for (auto& c : diff.changes)
        if (auto* d = std::get_if<DropColumn>(&c); d && losing_columns.count(d->table.name)) d->early = true;
}

Diff compare(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks) {
    Diff out;
    compare_database_objects(desired, actual, out);
    compare_functions(desired, actual, out);
    compare_aggregates(desired, actual, out);
    std::map<TableRef, const Table*> have, declared;
    for (const auto& t : actual.tables) have.emplace(t.ref, &t);
    for (const auto& t : desired.tables) declared.emplace(t.ref, &t);
    std::set<TableRef> wanted;
    for (const auto& t : desired.tables) {
        if (desired.is_ignored(t.ref)) continue;
        wanted.insert(t.ref);
        auto it = have.find(t.ref);
        // Renamed in the model and not yet in the database: renamed, then compared.
        if (const TableRef old{t.ref.schema, t.renamed_from}; it == have.end() && !t.renamed_from.empty() && !declared.count(old))
            if (auto renamed = have.find(old); renamed != have.end()) {
                out.changes.push_back(RenameTable{old, t.ref.name});
                wanted.insert(old);
                it = renamed;
            }
        if (it == have.end()) {
            Table created = without_indexes_its_ancestor_makes(t, declared, have, out);
            // Triggers, policies and row-level security are changes of their own, made after the table.
            std::vector<model::Trigger> triggers = std::move(created.triggers);
            std::vector<model::Policy> policies = std::move(created.policies);
            created.triggers.clear();
            created.policies.clear();
            const bool enabled = created.row_level_security, forced = created.force_row_level_security;
            created.row_level_security = created.force_row_level_security = false;
            out.changes.push_back(CreateTable{std::move(created)});
            for (auto& trigger : triggers) out.changes.push_back(CreateTrigger{t.ref, std::move(trigger)});
            for (auto& policy : policies) out.changes.push_back(CreatePolicy{t.ref, std::move(policy)});
            if (enabled || forced) out.changes.push_back(SetRowSecurity{t.ref, false, false, enabled, forced});
            continue;
        }
        const std::size_t before = out.changes.size();
        TableComparer(t, *it->second, hooks, out).run();
        if (out.changes.size() != before) {
            model::Table from = *it->second;
            from.ref = t.ref;  // after a rename
            out.changed_tables.emplace(t.ref, std::make_pair(std::move(from), t));
        }
    }
    for (const auto& object : actual.unmodelled)
        if (object.table.name.empty() || !desired.is_ignored(object.table)) out.not_managed.push_back(object);
    remake_foreign_keys_on_going_keys(desired, actual, out);
    compare_views(desired, actual, hooks, out);
    for (const auto& t : actual.tables)
        if (!wanted.count(t.ref) && !desired.is_ignored(t.ref)) out.changes.push_back(DropTable{t});
    remake_policies(desired, actual, out);
    compare_owners(desired, actual, out);
    compare_privileges(desired, actual, out);
    compare_default_privileges(desired, actual, out);
    return out;
}

}  // namespace reconcile::diff
