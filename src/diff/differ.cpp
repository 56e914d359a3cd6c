#include "diff/differ.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>


namespace reconcile::diff {
namespace {

using model::Table;

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string describe_default(const std::optional<model::Expression>& e) {
    return e ? e->text : std::string("no default");
}

std::string describe_identity(model::Identity i) {
    return i == model::Identity::None ? "not an identity" : std::string(model::to_sql(i)).substr(std::string("GENERATED ").size());
}

std::string describe_deferral(const model::Deferral& d) {
    return d.deferrable ? (d.initially_deferred ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE")
                        : std::string("NOT DEFERRABLE");
}

std::string describe_generated(const model::Column& c) {
    if (!c.generated) return "not generated";
    return "generated as (" + c.generated->text + ")" + (c.generated_virtual ? " VIRTUAL" : "");
}

std::string describe_collation(const std::string& c) {
    return c.empty() ? std::string("the default collation") : "collation \"" + c + "\"";
}

const char* fk_action_text(model::FkAction a) { return model::to_sql(a); }

// A comment is managed when the model declares one: set when missing or different. One the
// model does not declare is the database's business (comments are documentation). `target`
// says what it is on; its text is the model's.
void compare_comment(const std::optional<std::string>& want, const std::optional<std::string>& have, SetComment target, Diff& out) {
    if (!want) return;
    if (have == want) {
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

    // A materialized view's indexes, compared as a table's are.
    void run_indexes_only() { indexes(); }

    void run() {
        out_.in_sync.push_back({ObjectKind::Table, want_.ref, want_.ref.name});
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
    }

private:
    void warn(WarningKind kind, ObjectKind object, const std::string& name, std::string message) {
        out_.warnings.push_back(Warning{kind, object, want_.ref, name, std::move(message)});
    }
    void in_sync(ObjectKind kind, const std::string& name) {
        out_.in_sync.push_back({kind, want_.ref, name});
    }
    void compare_comment(const std::optional<std::string>& want, const std::optional<std::string>& have, CommentOn on,
                         const std::string& name) {
        diff::compare_comment(want, have, SetComment{on, want_.ref, name, {}}, out_);
    }
    // Validating scans the whole table and fails on the first row that breaks the rule: a
    // decision for a person, not for a deploy. (A NOT VALID constraint in the model is
    // satisfied by a validated one: it promises less.)
    // `name` is the model's; `database_name` the constraint's in the database (the one to validate).
    void not_validated(ObjectKind kind, const std::string& what, const std::string& name, const std::string& database_name) {
        warn(WarningKind::DefinitionDiffers, kind, name,
             what + " on " + want_.ref.display() + " is NOT VALID in the database (rows that existed before it are not checked), "
             "validated in the model; it is not validated on its own: run ALTER TABLE " + want_.ref.display() +
                 " VALIDATE CONSTRAINT " + database_name + " when the table can be scanned, or declare not_valid = true");
    }

    // How a table is partitioned, and SQLite's table options, are fixed when it is created: a
    // difference is reported.
    void partitioning() {
        for (auto [option, want, have] : {std::make_tuple("WITHOUT ROWID", want_.without_rowid, have_.without_rowid),
                                          std::make_tuple("STRICT", want_.strict, have_.strict)})
            if (want != have)
                warn(WarningKind::DefinitionDiffers, ObjectKind::Table, "",
                     "table " + want_.ref.display() + (have ? " is " : " is not ") + option + " in the database, and" +
                         (want ? " is" : " is not") + " in the model; a table is never rebuilt on its own");
        auto by = [](const std::optional<model::Expression>& p) { return p ? "partitioned by " + p->text : std::string("not partitioned"); };
        if (want_.partition_by.has_value() != have_.partition_by.has_value() ||
            (want_.partition_by && want_.partition_by->canonical != have_.partition_by->canonical))
            warn(WarningKind::DefinitionDiffers, ObjectKind::Table, "",
                 "table " + want_.ref.display() + " is " + by(have_.partition_by) + " in the database, " + by(want_.partition_by) +
                     " in the model");
        auto of = [](const Table& t) {
            return t.partition_of ? "a partition of " + t.partition_of->display() + " " + t.partition_bound.text : std::string("not a partition");
        };
        if (want_.partition_of != have_.partition_of ||
            (want_.partition_of && want_.partition_bound.canonical != have_.partition_bound.canonical))
            warn(WarningKind::DefinitionDiffers, ObjectKind::Table, "",
                 "table " + want_.ref.display() + " is " + of(have_) + " in the database, " + of(want_) + " in the model");
    }

    void comments() {
        compare_comment(want_.comment, have_.comment, CommentOn::Table, "");
        for (const auto& c : want_.columns)
            if (const model::Column* h = have_.find_column(c.name)) compare_comment(c.comment, h->comment, CommentOn::Column, c.name);
    }

    void columns() {
        for (const auto& c : want_.columns) {
            const model::Column* h = have_.find_column(c.name);
            if (!h) {
                out_.changes.push_back(AddColumn{want_.ref, c});
                continue;
            }
            const std::string where = want_.ref.display() + "." + c.name;
            bool same = true;
            // serial is an integer column drawing by default from a sequence it owns, whatever
            // that sequence's options (its name is compared below when the model gives one).
            const bool serial_in_all_but_name = c.is_serial() && !h->is_serial() && !h->sequence.empty() && h->default_value &&
                                                h->type == model::serial_integer_type(c.type);
            if (!serial_in_all_but_name && !hooks_.types_equal(c.type, h->type)) {
                same = false;
                warn(WarningKind::TypeDiffers, ObjectKind::Column, c.name,
                     "column " + where + " has type " + h->type + " in the database, " + c.type + " in the model");
            }
            if (c.nullable != h->nullable) {
                same = false;
                warn(WarningKind::NullabilityDiffers, ObjectKind::Column, c.name,
                     "column " + where + " is " + (h->nullable ? "nullable" : "NOT NULL") +
                         " in the database, " + (c.nullable ? "nullable" : "NOT NULL") + " in the model");
            }
            bool defaults_equal = serial_in_all_but_name || (c.default_value.has_value() == h->default_value.has_value() &&
                                                             (!c.default_value || c.default_value->canonical == h->default_value->canonical));
            if (!defaults_equal) {
                same = false;
                warn(WarningKind::DefaultDiffers, ObjectKind::Column, c.name,
                     "column " + where + " has " + describe_default(h->default_value) +
                         " in the database, " + describe_default(c.default_value) + " in the model");
            }
            if (c.identity != h->identity) {
                same = false;
                warn(WarningKind::DefinitionDiffers, ObjectKind::Column, c.name,
                     "column " + where + " is " + describe_identity(h->identity) + " in the database, " +
                         describe_identity(c.identity) + " in the model");
            }
            bool generated_equal = c.generated.has_value() == h->generated.has_value() &&
                                   (!c.generated || (c.generated->canonical == h->generated->canonical &&
                                                     c.generated_virtual == h->generated_virtual));
            if (!generated_equal) {
                same = false;
                warn(WarningKind::DefinitionDiffers, ObjectKind::Column, c.name,
                     "column " + where + " is " + describe_generated(*h) + " in the database, " +
                         describe_generated(c) + " in the model");
            }
            if (c.autoincrement != h->autoincrement) {
                same = false;
                warn(WarningKind::DefinitionDiffers, ObjectKind::Column, c.name,
                     "column " + where + (h->autoincrement ? " is" : " is not") + " AUTOINCREMENT in the database, and" +
                         (c.autoincrement ? " is" : " is not") + " in the model");
            }
            // Which sequence a serial column draws from is compared when the model names one.
            if (!c.sequence.empty() && c.sequence != h->sequence) {
                same = false;
                warn(WarningKind::DefinitionDiffers, ObjectKind::Column, c.name,
                     "column " + where +
                         (h->is_serial() || !h->sequence.empty() ? " draws from sequence " + model::serial_sequence_name(want_.ref.name, *h)
                                                                 : std::string(" is not serial")) +
                         " in the database, from " + model::serial_sequence_name(want_.ref.name, c) + " in the model");
            }
            if (c.collation != h->collation) {
                same = false;
                warn(WarningKind::DefinitionDiffers, ObjectKind::Column, c.name,
                     "column " + where + " has " + describe_collation(h->collation) + " in the database, " +
                         describe_collation(c.collation) + " in the model");
            }
            if (same) in_sync(ObjectKind::Column, c.name);
        }
        for (const auto& h : have_.columns)
            if (!want_.find_column(h.name))
                warn(WarningKind::NotInModel, ObjectKind::Column, h.name,
                     "column " + want_.ref.display() + "." + h.name + " is in the database but not in the model; it is left alone");
    }

    void primary_key() {
        const auto& w = want_.primary_key;
        const auto& h = have_.primary_key;
        if (w.empty() && h.empty()) return;
        const std::string name = w.empty() ? have_.primary_key_name : want_.primary_key_name;
        if (w == h) {
            in_sync(ObjectKind::PrimaryKey, name);
        } else if (h.empty()) {
            out_.changes.push_back(AddPrimaryKey{want_.ref, want_.primary_key_name, w});
        } else if (w.empty()) {
            warn(WarningKind::NotInModel, ObjectKind::PrimaryKey, name,
                 "table " + want_.ref.display() + " has primary key (" + join(h) + ") in the database but none in the model; it is left alone");
        } else {
            warn(WarningKind::DefinitionDiffers, ObjectKind::PrimaryKey, name,
                 "table " + want_.ref.display() + " has primary key (" + join(h) + ") in the database, (" + join(w) + ") in the model");
        }
    }

    void uniques() {
        std::vector<bool> used(have_.uniques.size(), false);
        for (const auto& u : want_.uniques) {
            bool found = false, differs = false;
            for (std::size_t i = 0; i < have_.uniques.size() && !found; ++i)
                if (!used[i] && have_.uniques[i].columns == u.columns) {
                    used[i] = found = true;
                    if (have_.uniques[i].deferral != u.deferral) {
                        differs = true;
                        warn(WarningKind::DefinitionDiffers, ObjectKind::Unique, u.name,
                             "unique constraint " + u.name + " on " + want_.ref.display() + " is " +
                                 describe_deferral(have_.uniques[i].deferral) + " in the database, " + describe_deferral(u.deferral) +
                                 " in the model");
                    }
                }
            // A plain unique index on the same columns enforces the same rule (Alembic writes
            // unique=True, index=True that way); adding the constraint would clash with its name.
            for (std::size_t i = 0; i < have_.indexes.size() && !found; ++i) {
                const auto& idx = have_.indexes[i];
                if (idx.unique && !idx.unsupported_definition && !idx.where && idx.method == "btree" &&
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
                warn(WarningKind::NotInModel, ObjectKind::Unique, have_.uniques[i].name,
                     "unique constraint " + have_.uniques[i].name + " (" + join(have_.uniques[i].columns) + ") on " +
                         want_.ref.display() + " is in the database but not in the model; it is left alone");
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
                if (!used[i] && have_.checks[i].expression.canonical == c.expression.canonical) match = i;
            if (match == have_.checks.size()) {
                out_.changes.push_back(AddCheck{want_.ref, c});
                continue;
            }
            used[match] = true;
            const auto& h = have_.checks[match];
            if (h.expression.canonical != c.expression.canonical)
                warn(WarningKind::DefinitionDiffers, ObjectKind::Check, c.name,
                     "check " + c.name + " on " + want_.ref.display() + " is (" + h.expression.text +
                         ") in the database, (" + c.expression.text + ") in the model");
            else if (h.not_valid && !c.not_valid)
                not_validated(ObjectKind::Check, "check " + h.name, c.name, h.name);
            else
                in_sync(ObjectKind::Check, c.name);
        }
        for (std::size_t i = 0; i < have_.checks.size(); ++i)
            if (!used[i])
                warn(WarningKind::NotInModel, ObjectKind::Check, have_.checks[i].name,
                     "check " + (have_.checks[i].name.empty() ? "(" + have_.checks[i].expression.text + ")" : have_.checks[i].name) +
                         " on " + want_.ref.display() + " is in the database but not in the model; it is left alone");
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
            for (std::size_t i = 0; i < have_.indexes.size() && match == have_.indexes.size(); ++i)
                if (!used[i] && !index_used_by_unique_.count(have_.indexes[i].name) && same_index(have_.indexes[i], idx))
                    match = i;
            if (match == have_.indexes.size()) {
                out_.changes.push_back(AddIndex{want_.ref, idx, want_.partition_of});
                continue;
            }
            used[match] = true;
            const auto& h = have_.indexes[match];
            // A comment describes the index the database has, whatever its name.
            compare_comment(idx.comment, h.comment, CommentOn::Index, h.name);
            if (same_index(h, idx)) {
                in_sync(ObjectKind::Index, idx.name);
            } else {
                warn(WarningKind::DefinitionDiffers, ObjectKind::Index, idx.name,
                     "index " + idx.name + " on " + want_.ref.display() + " is " + h.display() + " in the database, " +
                         idx.display() + " in the model");
            }
        }
        for (std::size_t i = 0; i < have_.indexes.size(); ++i)
            if (!used[i] && !index_used_by_unique_.count(have_.indexes[i].name) && have_.indexes[i].attached_to.empty())
                warn(WarningKind::NotInModel, ObjectKind::Index, have_.indexes[i].name,
                     "index " + have_.indexes[i].name + " on " + want_.ref.display() +
                         " is in the database but not in the model; it is left alone");
    }

    void exclusions() {
        for (const auto& x : want_.exclusions) {
            auto h = std::find_if(have_.exclusions.begin(), have_.exclusions.end(), [&](const model::Exclusion& e) { return e.name == x.name; });
            if (h == have_.exclusions.end()) {
                out_.changes.push_back(AddExclusion{want_.ref, x});
            } else if (h->definition.canonical != x.definition.canonical || h->deferral != x.deferral) {
                warn(WarningKind::DefinitionDiffers, ObjectKind::Exclusion, x.name,
                     "exclusion constraint " + x.name + " on " + want_.ref.display() + " is EXCLUDE " + h->definition.text +
                         h->deferral.sql() + " in the database, EXCLUDE " + x.definition.text + x.deferral.sql() + " in the model");
            } else {
                in_sync(ObjectKind::Exclusion, x.name);
            }
        }
        for (const auto& h : have_.exclusions)
            if (std::none_of(want_.exclusions.begin(), want_.exclusions.end(), [&](const model::Exclusion& x) { return x.name == h.name; }))
                warn(WarningKind::NotInModel, ObjectKind::Exclusion, h.name,
                     "exclusion constraint " + h.name + " on " + want_.ref.display() + " is in the database but not in the model; it is left alone");
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
            if (match == have_.foreign_keys.size()) {
                out_.changes.push_back(AddForeignKey{want_.ref, fk});
                continue;
            }
            used[match] = true;
            const auto& h = have_.foreign_keys[match];
            if (!same_target(h, fk)) {
                warn(WarningKind::DefinitionDiffers, ObjectKind::ForeignKey, fk.name,
                     "foreign key " + fk.name + " on " + want_.ref.display() + " links (" + join(h.columns) + ") to " +
                         h.ref_table.display() + "(" + join(h.ref_columns) + ") in the database, (" + join(fk.columns) +
                         ") to " + fk.ref_table.display() + "(" + join(fk.ref_columns) + ") in the model");
            } else if (h.on_delete != fk.on_delete || h.on_update != fk.on_update) {
                warn(WarningKind::DefinitionDiffers, ObjectKind::ForeignKey, fk.name,
                     "foreign key " + fk.name + " on " + want_.ref.display() + " has ON DELETE " + fk_action_text(h.on_delete) +
                         " ON UPDATE " + fk_action_text(h.on_update) + " in the database, ON DELETE " +
                         fk_action_text(fk.on_delete) + " ON UPDATE " + fk_action_text(fk.on_update) + " in the model");
            } else if (h.deferral != fk.deferral) {
                warn(WarningKind::DefinitionDiffers, ObjectKind::ForeignKey, fk.name,
                     "foreign key " + fk.name + " on " + want_.ref.display() + " is " + describe_deferral(h.deferral) +
                         " in the database, " + describe_deferral(fk.deferral) + " in the model");
            } else if (h.not_valid && !fk.not_valid) {
                not_validated(ObjectKind::ForeignKey, "foreign key " + h.name, fk.name, h.name);
            } else {
                in_sync(ObjectKind::ForeignKey, fk.name);
            }
        }
        for (std::size_t i = 0; i < have_.foreign_keys.size(); ++i)
            if (!used[i]) {
                const auto& h = have_.foreign_keys[i];
                warn(WarningKind::NotInModel, ObjectKind::ForeignKey, h.name,
                     "foreign key " + (h.name.empty() ? "(" + join(h.columns) + ")" : h.name) + " on " + want_.ref.display() +
                         " to " + h.ref_table.display() + " is in the database but not in the model; it is left alone");
            }
    }

    bool want_index_named(const std::string& name) const {
        for (const auto& i : want_.indexes)
            if (i.name == name) return true;
        return false;
    }

    std::set<std::string> index_used_by_unique_;
    const Table& want_;
    const Table& have_;
    const Hooks& hooks_;
    Diff& out_;
};

}  // namespace

namespace {

// A schema-level object (enum type, sequence, domain) the database has and the model does not.
template <class Object>
void report_not_in_model(const std::vector<Object>& desired, const std::vector<Object>& actual, ObjectKind kind, Diff& out) {
    for (const auto& x : actual)
        if (std::none_of(desired.begin(), desired.end(), [&](const Object& o) { return o.ref == x.ref; }))
            out.warnings.push_back(Warning{WarningKind::NotInModel, kind, TableRef{x.ref.schema, ""}, x.ref.name,
                                           std::string(to_string(kind)) + " " + x.ref.display() +
                                               " is in the database but not in the model; it is left alone"});
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
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Extension, where, e.name,
                                           "extension " + e.name + " is installed in schema " + have->schema +
                                               " in the database, " + e.schema + " in the model; it is left there"});
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
            std::string h, w;
            for (const auto& v : have->values) h += (h.empty() ? "" : ", ") + v;
            for (const auto& v : e.values) w += (w.empty() ? "" : ", ") + v;
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Enum, where, e.ref.name,
                                           "enum type " + e.ref.display() + " is (" + h + ") in the database, (" + w +
                                               ") in the model; values are only ever added, never removed or reordered"});
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
    report_not_in_model(desired.enums, actual.enums, ObjectKind::Enum, out);
    for (const auto& s : desired.sequences) {
        const TableRef where{s.ref.schema, ""};
        auto have = std::find_if(actual.sequences.begin(), actual.sequences.end(),
                                 [&](const model::Sequence& x) { return x.ref == s.ref; });
        if (have == actual.sequences.end()) {
            out.changes.push_back(CreateSequence{s});
            if (s.owned_by) out.changes.push_back(SetSequenceOwner{s.ref, *s.owned_by});
            continue;
        }
        std::string differs;  // only what the model sets is compared
        auto check = [&](const char* what, const auto& want, const auto& got) {
            if (want && got && *want != *got)
                differs += std::string(differs.empty() ? "" : ", ") + what + " " + std::to_string(*got) + " in the database, " +
                           std::to_string(*want) + " in the model";
        };
        if (s.type != have->type) differs = "type " + have->type + " in the database, " + s.type + " in the model";
        check("start", s.start, have->start);
        check("increment", s.increment, have->increment);
        check("min_value", s.min_value, have->min_value);
        check("max_value", s.max_value, have->max_value);
        check("cache", s.cache, have->cache);
        check("cycle", s.cycle, have->cycle);
        // An owner is set when the sequence has none; another owner is reported.
        auto owner = [](const model::SequenceOwner& o) { return o.table + "." + o.column; };
        if (s.owned_by && !have->owned_by)
            out.changes.push_back(SetSequenceOwner{s.ref, *s.owned_by});
        else if (s.owned_by && *have->owned_by != *s.owned_by)
            differs += std::string(differs.empty() ? "" : ", ") + "owned by " + owner(*have->owned_by) + " in the database, by " +
                       owner(*s.owned_by) + " in the model";
        if (differs.empty())
            out.in_sync.push_back({ObjectKind::Sequence, where, s.ref.name});
        else
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Sequence, where, s.ref.name,
                                           "sequence " + s.ref.display() + ": " + differs + "; it is not altered"});
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
    report_not_in_model(desired.sequences, unclaimed, ObjectKind::Sequence, out);
    for (const auto& d : desired.domains) {
        const TableRef where{d.ref.schema, ""};
        auto have = std::find_if(actual.domains.begin(), actual.domains.end(), [&](const model::Domain& x) { return x.ref == d.ref; });
        if (have == actual.domains.end()) {
            out.changes.push_back(CreateDomain{d});
            continue;
        }
        std::vector<std::string> differs;
        if (d.type != have->type) differs.push_back("base type " + have->type + " in the database, " + d.type + " in the model");
        if (d.nullable != have->nullable)
            differs.push_back(std::string(have->nullable ? "nullable" : "NOT NULL") + " in the database, " +
                              (d.nullable ? "nullable" : "NOT NULL") + " in the model");
        if (d.default_value.has_value() != have->default_value.has_value() ||
            (d.default_value && d.default_value->canonical != have->default_value->canonical))
            differs.push_back(describe_default(have->default_value) + " in the database, " + describe_default(d.default_value) + " in the model");
        auto canonical_checks = [](const model::Domain& x) {
            std::vector<std::string> out;
            for (const auto& c : x.checks) out.push_back(c.expression.canonical);
            std::sort(out.begin(), out.end());
            return out;
        };
        if (canonical_checks(d) != canonical_checks(*have)) {
            std::string h, w;
            for (const auto& c : have->checks) h += (h.empty() ? "" : "; ") + c.expression.text;
            for (const auto& c : d.checks) w += (w.empty() ? "" : "; ") + c.expression.text;
            differs.push_back("checks (" + h + ") in the database, (" + w + ") in the model");
        }
        if (differs.empty()) {
            out.in_sync.push_back({ObjectKind::Domain, where, d.ref.name});
        } else {
            std::string message = "domain " + d.ref.display() + ": ";
            for (std::size_t i = 0; i < differs.size(); ++i) message += (i ? "; " : "") + differs[i];
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::Domain, where, d.ref.name, message + "; it is not altered"});
        }
    }
    report_not_in_model(desired.domains, actual.domains, ObjectKind::Domain, out);
    for (const auto& x : actual.extensions)
        if (std::none_of(desired.extensions.begin(), desired.extensions.end(),
                         [&](const model::Extension& e) { return e.name == x.name; }) &&
            x.name != "plpgsql")  // every database has it
            out.warnings.push_back(Warning{WarningKind::NotInModel, ObjectKind::Extension, TableRef{x.schema, ""}, x.name,
                                           "extension " + x.name + " is in the database but not in the model; it is left alone"});
}

// Views come last in a plan: they read tables (and other views, declared earlier).
void compare_views(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks, Diff& out) {
    for (const auto& v : desired.views) {
        const char* kind = v.materialized ? "materialized view " : "view ";
        auto have = std::find_if(actual.views.begin(), actual.views.end(), [&](const model::View& x) { return x.ref == v.ref; });
        if (have == actual.views.end()) {
            out.changes.push_back(CreateView{v});
        } else if (have->materialized != v.materialized) {
            out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::View, v.ref, "",
                                           std::string(have->materialized ? "materialized view " : "view ") + v.ref.display() +
                                               " is a " + (have->materialized ? "materialized view" : "plain view") +
                                               " in the database, a " + (v.materialized ? "materialized view" : "plain view") + " in the model"});
        } else {
            compare_comment(v.comment, have->comment, SetComment{v.materialized ? CommentOn::MaterializedView : CommentOn::View, v.ref, "", {}}, out);
            if (have->definition.canonical != v.definition.canonical)
                out.warnings.push_back(Warning{WarningKind::DefinitionDiffers, ObjectKind::View, v.ref, "",
                                               kind + v.ref.display() + " has another definition in the database; it is not replaced. "
                                                   "The server prints it as: " + have->definition.text});
            else
                out.in_sync.push_back({ObjectKind::View, v.ref, v.ref.name});
            Table want_view, have_view;
            want_view.ref = have_view.ref = v.ref;
            want_view.indexes = v.indexes;
            have_view.indexes = have->indexes;
            TableComparer(want_view, have_view, hooks, out).run_indexes_only();
        }
    }
    for (const auto& x : actual.views)
        if (std::none_of(desired.views.begin(), desired.views.end(), [&](const model::View& v) { return v.ref == x.ref; }) &&
            !desired.is_ignored(x.ref))
            out.warnings.push_back(Warning{WarningKind::NotInModel, ObjectKind::View, x.ref, "",
                                           std::string(x.materialized ? "materialized view " : "view ") + x.ref.display() +
                                               " is in the database but not in the model; it is left alone"});
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

}  // namespace

Diff compare(const model::Schema& desired, const model::Schema& actual, const Hooks& hooks) {
    Diff out;
    compare_database_objects(desired, actual, out);
    std::map<TableRef, const Table*> have, declared;
    for (const auto& t : actual.tables) have.emplace(t.ref, &t);
    for (const auto& t : desired.tables) declared.emplace(t.ref, &t);
    std::set<TableRef> wanted;
    for (const auto& t : desired.tables) {
        if (desired.is_ignored(t.ref)) continue;
        wanted.insert(t.ref);
        auto it = have.find(t.ref);
        if (it == have.end()) {
            out.changes.push_back(CreateTable{without_indexes_its_ancestor_makes(t, declared, have, out)});
            continue;
        }
        TableComparer(t, *it->second, hooks, out).run();
    }
    compare_views(desired, actual, hooks, out);
    for (const auto& t : actual.tables)
        if (!wanted.count(t.ref) && !desired.is_ignored(t.ref))
            out.warnings.push_back(Warning{WarningKind::NotInModel, ObjectKind::Table, t.ref, "",
                                           "table " + t.ref.display() + " is in the database but not in the model; it is left alone"});
    return out;
}

const char* to_string(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::Table: return "table";
        case ObjectKind::Column: return "column";
        case ObjectKind::PrimaryKey: return "primary key";
        case ObjectKind::Unique: return "unique constraint";
        case ObjectKind::Index: return "index";
        case ObjectKind::ForeignKey: return "foreign key";
        case ObjectKind::Check: return "check";
        case ObjectKind::Schema: return "schema";
        case ObjectKind::Extension: return "extension";
        case ObjectKind::Comment: return "comment";
        case ObjectKind::Enum: return "enum type";
        case ObjectKind::EnumValue: return "enum value";
        case ObjectKind::Sequence: return "sequence";
        case ObjectKind::Domain: return "domain";
        case ObjectKind::View: return "view";
        case ObjectKind::Exclusion: return "exclusion constraint";
    }
    return "object";
}

std::string describe(const SetComment& c) {
    switch (c.on) {
        case CommentOn::Table: return "table " + c.table.display();
        case CommentOn::Column: return "column " + c.table.display() + "." + c.name;
        case CommentOn::Index: return "index " + c.table.schema + "." + c.name;
        case CommentOn::View: return "view " + c.table.display();
        case CommentOn::MaterializedView: return "materialized view " + c.table.display();
        case CommentOn::Schema: return "schema " + c.table.schema;
        case CommentOn::PartitionIndex: return "the index of " + c.table.display() + " that belongs to " + c.ancestor_schema + "." + c.name;
    }
    return "object";
}

TableRef table_of(const Change& change) {
    return std::visit([](const auto& c) -> TableRef {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateTable>) return c.table.ref;
        else if constexpr (std::is_same_v<T, CreateSchema>) return TableRef{c.name, ""};
        else if constexpr (std::is_same_v<T, CreateEnum>) return TableRef{c.type.ref.schema, ""};
        else if constexpr (std::is_same_v<T, CreateSequence>) return TableRef{c.sequence.ref.schema, ""};
        else if constexpr (std::is_same_v<T, CreateDomain>) return TableRef{c.domain.ref.schema, ""};
        else if constexpr (std::is_same_v<T, CreateView>) return c.view.ref;
        else if constexpr (std::is_same_v<T, AddEnumValue>) return TableRef{c.type.schema, ""};
        else if constexpr (std::is_same_v<T, SetSequenceOwner>) return TableRef{c.sequence.schema, c.owner.table};  // needs that table
        else if constexpr (std::is_same_v<T, CreateExtension>)
            return TableRef{c.extension.schema.empty() ? std::string("public") : c.extension.schema, ""};
        else return c.table;
    }, change);
}

ObjectKind kind_of(const Change& change) {
    struct V {
        ObjectKind operator()(const CreateTable&) const { return ObjectKind::Table; }
        ObjectKind operator()(const AddColumn&) const { return ObjectKind::Column; }
        ObjectKind operator()(const AddPrimaryKey&) const { return ObjectKind::PrimaryKey; }
        ObjectKind operator()(const AddUnique&) const { return ObjectKind::Unique; }
        ObjectKind operator()(const AddCheck&) const { return ObjectKind::Check; }
        ObjectKind operator()(const AddIndex&) const { return ObjectKind::Index; }
        ObjectKind operator()(const AddForeignKey&) const { return ObjectKind::ForeignKey; }
        ObjectKind operator()(const CreateSchema&) const { return ObjectKind::Schema; }
        ObjectKind operator()(const CreateExtension&) const { return ObjectKind::Extension; }
        ObjectKind operator()(const SetComment&) const { return ObjectKind::Comment; }
        ObjectKind operator()(const CreateEnum&) const { return ObjectKind::Enum; }
        ObjectKind operator()(const AddEnumValue&) const { return ObjectKind::EnumValue; }
        ObjectKind operator()(const CreateSequence&) const { return ObjectKind::Sequence; }
        ObjectKind operator()(const CreateDomain&) const { return ObjectKind::Domain; }
        ObjectKind operator()(const CreateView&) const { return ObjectKind::View; }
        ObjectKind operator()(const AddExclusion&) const { return ObjectKind::Exclusion; }
        ObjectKind operator()(const SetSequenceOwner&) const { return ObjectKind::Sequence; }
    };
    return std::visit(V{}, change);
}

std::string object_name(const Change& change) {
    struct V {
        std::string operator()(const CreateTable& c) const { return c.table.ref.name; }
        std::string operator()(const AddColumn& c) const { return c.column.name; }
        std::string operator()(const AddPrimaryKey& c) const { return c.name; }
        std::string operator()(const AddUnique& c) const { return c.unique.name; }
        std::string operator()(const AddCheck& c) const { return c.check.name; }
        std::string operator()(const AddIndex& c) const { return c.index.name; }
        std::string operator()(const AddForeignKey& c) const { return c.foreign_key.name; }
        std::string operator()(const CreateSchema& c) const { return c.name; }
        std::string operator()(const CreateExtension& c) const { return c.extension.name; }
        std::string operator()(const CreateEnum& c) const { return c.type.ref.name; }
        std::string operator()(const AddEnumValue& c) const { return c.type.name + "." + c.value; }
        std::string operator()(const CreateSequence& c) const { return c.sequence.ref.name; }
        std::string operator()(const CreateDomain& c) const { return c.domain.ref.name; }
        std::string operator()(const CreateView& c) const { return c.view.ref.name; }
        std::string operator()(const AddExclusion& c) const { return c.exclusion.name; }
        std::string operator()(const SetSequenceOwner& c) const { return c.sequence.name; }
        std::string operator()(const SetComment& c) const {
            if (c.on == CommentOn::Schema) return c.table.schema;
            if (c.on == CommentOn::Index) return c.name;
            return c.name.empty() ? c.table.name : c.table.name + "." + c.name;
        }
    };
    return std::visit(V{}, change);
}

}  // namespace reconcile::diff
