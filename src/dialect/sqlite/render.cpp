// SQLite DDL for typed changes. SQLite's ALTER TABLE can add a column and nothing else; a
// change it cannot make in place is returned as unsupported with the reason, never as SQL that
// would fail.
#include <algorithm>
#include <cctype>

#include "core/sql_lexer.h"
#include "dialect/sqlite/sqlite_dialect.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace sqlite {

std::string declared_type(const std::string& t) {
    if (t == "serial" || t == "bigserial" || t == "smallserial") return "INTEGER";
    return t;
}

Affinity affinity(const std::string& declared) {
    std::string t;
    for (char c : declared) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto has = [&](const char* s) { return t.find(s) != std::string::npos; };
    if (has("INT")) return Affinity::Integer;
    if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
    if (has("BLOB") || t.empty()) return Affinity::Blob;
    if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
    return Affinity::Numeric;
}

// The type as the model writes it (SQLite keeps it as written); serial types are INTEGER.
std::string declared_type(const model::Column& c) {
    if (c.is_serial()) return "INTEGER";
    std::string type = c.declared_type.value_or(c.type);
    // AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY (any case, but not INT).
    if (c.autoincrement && model::lower_ascii(type) != "integer") return "INTEGER";
    return type;
}

// Whether the table's primary key is its rowid: one column declared INTEGER (in any case; INT
// is not), in a table with a rowid. It decides whether row ids survive a rebuild and whether
// the key is assigned by SQLite, so it is compared too (diff::Hooks::rowid_alias).
bool is_rowid_alias(const model::Table& t) {
    if (t.without_rowid || t.primary_key.size() != 1) return false;
    const model::Column* c = t.find_column(t.primary_key[0]);
    if (!c) return false;
    return model::lower_ascii(declared_type(*c)) == "integer";
}

}  // namespace sqlite

namespace {

using namespace sqlite;

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote_double(c);
    return out;
}

enum class DefaultShape { Literal, TimeKeyword, Expression };

// SQLite's DEFAULT takes a literal, a signed number, CURRENT_TIME/DATE/TIMESTAMP, or an
// expression in parentheses.
DefaultShape default_shape(const std::string& expr) {
    auto lexed = lex_sql(expr, Lexicon::SQLite);
    const auto& t = lexed.tokens;
    if (!lexed.error.empty() || t.empty()) return DefaultShape::Expression;
    auto word = [](const Token& k) {
        std::string w = k.text;
        for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return w;
    };
    if (t.size() == 1) {
        if (t[0].kind == TokenKind::Number || t[0].kind == TokenKind::String) return DefaultShape::Literal;
        if (t[0].kind == TokenKind::Word) {
            std::string w = word(t[0]);
            if (w == "null" || w == "true" || w == "false") return DefaultShape::Literal;
            if (w == "current_time" || w == "current_date" || w == "current_timestamp") return DefaultShape::TimeKeyword;
        }
    }
    if (t.size() == 2 && t[0].kind == TokenKind::Operator && (t[0].text == "-" || t[0].text == "+") &&
        t[1].kind == TokenKind::Number)
        return DefaultShape::Literal;
    return DefaultShape::Expression;
}

std::string default_clause(const model::Expression& e) {
    return default_shape(e.text) == DefaultShape::Expression ? " DEFAULT (" + e.text + ")" : " DEFAULT " + e.text;
}

// `primary_key_name` non-empty: this column is the table's INTEGER PRIMARY KEY AUTOINCREMENT,
// which SQLite only accepts as a column constraint. `rowid_alias`: the column is the table's
// INTEGER PRIMARY KEY, the rowid, which is never NULL: NOT NULL is written only if declared.
std::string column_definition(const model::Column& c, const std::string& primary_key_name = {}, bool rowid_alias = false) {
    const std::string type = declared_type(c);
    std::string out = quote_double(c.name) + (type.empty() ? "" : " " + type);
    if (!primary_key_name.empty()) out += " CONSTRAINT " + quote_double(primary_key_name) + " PRIMARY KEY AUTOINCREMENT";
    if (!c.collation.empty()) out += " COLLATE " + quote_double(c.collation);
    if (c.default_value) out += default_clause(*c.default_value);
    if (c.generated) out += " GENERATED ALWAYS AS (" + c.generated->text + ")" + (c.generated_virtual ? " VIRTUAL" : " STORED");
    if (!c.nullable && (!rowid_alias || c.not_null_written)) out += " NOT NULL";
    return out;
}

bool is_rowid_column(const model::Table& t, const model::Column& c) { return is_rowid_alias(t) && t.primary_key[0] == c.name; }

std::string foreign_key_clause(const model::ForeignKey& fk) {
    std::string out = "FOREIGN KEY (" + column_list(fk.columns) + ") REFERENCES " + quote_double(fk.ref_table.name) +
                      " (" + column_list(fk.ref_columns) + ")";
    if (fk.on_delete != model::FkAction::NoAction) out += std::string(" ON DELETE ") + model::to_sql(fk.on_delete);
    if (fk.on_update != model::FkAction::NoAction) out += std::string(" ON UPDATE ") + model::to_sql(fk.on_update);
    return out;
}

std::string no_schemas(const model::TableRef& t) {
    return "SQLite has no schemas, and table " + t.display() + " is declared in schema '" + t.schema + "'";
}

std::string cannot_alter(const model::TableRef& t, const std::string& what) {
    return "SQLite cannot add " + what + " to the existing table " + t.name +
           " (it would need the table rebuilt, which reconcile does not do on its own)";
}

Rendered unsupported(std::string why) { return Rendered::refusal(std::move(why)); }

Rendered no_row_security(const model::TableRef& table) {
    return unsupported("table " + table.name + ": SQLite has no row-level security or policies");
}

// CREATE TRIGGER IF NOT EXISTS, every clause spelled out. The body goes on lines of its own,
// which is also how the catalog gives it back (sqlite_schema keeps the text as written).
Rendered create_trigger(const model::TableRef& table, const model::Trigger& t) {
    const std::string what = "trigger " + t.name + " on " + table.name;
    if (!t.body) return unsupported(what + ": a SQLite trigger runs statements, not a function; declare its 'body' instead of 'function'");
    if (table.schema != "public") return unsupported(no_schemas(table));
    std::string sql = "CREATE TRIGGER IF NOT EXISTS " + quote_double(t.name) + " " + model::upper_ascii(t.timing) + " " +
                      model::upper_ascii(t.events.at(0));
    if (!t.update_of.empty()) sql += " OF " + column_list(t.update_of);
    sql += " ON " + quote_double(table.name) + " FOR EACH ROW";
    if (t.when) sql += " WHEN " + t.when->text;
    return Rendered{{sql + " BEGIN\n" + t.body->text + "\nEND"}};
}

Rendered drop_trigger(const model::Trigger& t) { return Rendered{{"DROP TRIGGER IF EXISTS " + quote_double(t.name)}}; }

Rendered no_aggregates(const model::Aggregate& a) { return unsupported("SQLite has no stored aggregates (" + a.signature() + ")"); }

Rendered no_functions(const model::Function& f) {
    return unsupported(std::string("SQLite has no stored ") + (f.procedure ? "procedures (" : "functions (") + f.signature() + ")");
}

// What the SQLite dialect does not express yet, said instead of silently dropped.
std::string column_unsupported(const model::TableRef& t, const model::Column& c) {
    const std::string where = "column " + t.name + "." + c.name;
    if (c.identity != model::Identity::None)
        return "SQLite has no identity columns (" + where + "); an INTEGER PRIMARY KEY column is SQLite's row id";
    if (!c.sequence.empty()) return "SQLite has no sequences, and " + where + " names one (" + c.sequence + ")";
    return {};
}

// Why SQLite cannot make the table the model declares ("" when it can): said of the model's
// table, also when a rebuild makes it under a temporary name.
std::string why_not_made(const model::Table& t) {
    if (t.ref.schema != "public") return no_schemas(t.ref);
    for (const auto& col : t.columns)
        if (col.type.find('[') != std::string::npos)
            return "SQLite has no array types, and column " + t.ref.name + "." + col.name + " is " + col.type;
    if (t.partition_by || t.partition_of) return "SQLite has no table partitioning, and table " + t.ref.name + " declares it";
    for (const auto& fk : t.foreign_keys)
        if (fk.deferral.deferrable)
            return "reconcile does not manage deferrable foreign keys on SQLite yet (" + fk.name + " on " + t.ref.name + ")";
    for (const auto& u : t.uniques) {
        if (u.deferral.deferrable) return "SQLite has no deferrable unique constraints (" + u.name + " on " + t.ref.name + ")";
        if (!u.nulls_distinct) return "SQLite has no NULLS NOT DISTINCT, and unique constraint " + u.name + " on " + t.ref.name + " asks for it";
    }
    for (const auto& fk : t.foreign_keys)
        if (fk.match_full)  // SQLite parses MATCH and ignores it: it would not be enforced
            return "SQLite does not enforce MATCH FULL, and foreign key " + fk.name + " on " + t.ref.name + " asks for it";
    for (const auto& ch : t.checks)
        if (ch.no_inherit) return "SQLite has no table inheritance, and check " + ch.name + " on " + t.ref.name + " is NO INHERIT";
    if (t.primary_key_deferral.deferrable) return "SQLite has no deferrable primary keys, and table " + t.ref.name + " declares one";
    if (t.columns.empty()) return "SQLite cannot make a table without columns, and table " + t.ref.name + " declares none";
    if (!t.exclusions.empty()) return "SQLite has no exclusion constraints, and table " + t.ref.name + " declares " + t.exclusions.front().name;
    for (const auto& col : t.columns)
        if (auto why = column_unsupported(t.ref, col); !why.empty()) return why;
    return {};
}

// SQLite changes a column or a constraint only by rebuilding its table.
std::string needs_rebuild(const model::TableRef& t, const std::string& what) {
    return "SQLite cannot " + what + " of the existing table " + t.name +
           " in place (it needs the table rebuilt, which reconcile does not do on its own yet)";
}

// What a rebuild (RebuildTable) can do that ALTER TABLE cannot.
Rendered rebuild(std::string why) { return Rendered::rebuild(std::move(why)); }

struct Renderer {
    Rendered operator()(const diff::ModifyColumn& c) const {
        return rebuild(needs_rebuild(c.table, "change column " + c.to.name + " (" + diff::describe(c) + ")"));
    }
    // The table made again, as SQLite documents it (sqlite.org/lang_altertable.html, "other
    // kinds of table schema changes"): a new table, the rows copied with their row ids, the
    // old table dropped, the new one renamed, then its indexes and the old one's triggers
    // made again; a foreign-key check before COMMIT. Foreign keys are off on reconcile's
    // connection (db::SqliteConnection): with them on, dropping the old table would delete
    // the rows of its ON DELETE CASCADE children. legacy_alter_table keeps the rename from
    // rewriting, or failing on, views that name the table while it is briefly missing.
    Rendered operator()(const diff::RebuildTable& c) const {
        const std::string name = c.to.ref.name;
        // The new table is made from the model, which cannot say these: they would be lost.
        if (!c.from.lost_by_rebuild.empty())
            return unsupported("rebuilding table " + name + " would drop what reconcile does not manage on it (" + c.from.lost_by_rebuild.front() +
                               "); change it by hand");
        if (auto why = why_not_made(c.to); !why.empty()) return unsupported(why);
        const std::string temp = "_reconcile_rebuild_" + name;
        model::Table made = c.to;
        made.ref.name = temp;
        made.indexes.clear();
        Rendered create = (*this)(diff::CreateTable{made});
        std::string into, from;
        for (const auto& col : c.to.columns) {
            if (col.generated) continue;  // computed again
            const model::Column* source = c.from.find_column(col.name);
            if (!source && !col.renamed_from.empty()) source = c.from.find_column(col.renamed_from);
            if (!source || source->generated) continue;  // a new column takes its default
            into += (into.empty() ? "" : ", ") + quote_double(col.name);
            from += (from.empty() ? "" : ", ") + quote_double(source->name);
        }
        // Row ids stay what they were: an INTEGER PRIMARY KEY column carries them; otherwise
        // they are copied (a rowid table's row id is what other data may point at).
        if (!c.from.without_rowid && !c.to.without_rowid && !is_rowid_alias(c.to) && !c.from.find_column("rowid"))
            into = "rowid" + std::string(into.empty() ? "" : ", ") + into, from = "rowid" + std::string(from.empty() ? "" : ", ") + from;
        Rendered r;
        r.statements.push_back(std::string("PRAGMA legacy_alter_table = ON"));
        plan::Statement table = create.statements.front();
        table.hazards.push_back({plan::HazardKind::RewritesTable,
                                 "rebuilds table " + name + ": copies every row into a new table, drops the old one and renames the new"});
        for (const auto& column : c.dropped_columns)
            table.hazards.push_back({plan::HazardKind::DeletesData, "deletes column " + name + "." + column + " and its values"});
        r.statements.push_back(std::move(table));
        if (!into.empty())
            r.statements.push_back(plan::Statement(
                "INSERT INTO " + quote_double(temp) + " (" + into + ") SELECT " + from + " FROM " + quote_double(name),
                {{plan::HazardKind::MayFail, "fails if a row of " + name + " breaks what the model declares (NOT NULL, CHECK, UNIQUE)"}}));
        const bool counter = std::any_of(c.to.columns.begin(), c.to.columns.end(), [](const model::Column& x) { return x.autoincrement; }) &&
                             std::any_of(c.from.columns.begin(), c.from.columns.end(), [](const model::Column& x) { return x.autoincrement; });
        if (counter) {
            // AUTOINCREMENT never hands out a number it handed out before: its counter moves over.
            r.statements.push_back("INSERT INTO sqlite_sequence (name, seq) SELECT " + quote_single(temp) + ", 0 WHERE NOT EXISTS "
                                   "(SELECT 1 FROM sqlite_sequence WHERE name = " + quote_single(temp) + ")");
            // (sqlite_sequence holds the name as the table was made: compared as SQLite compares names.)
            r.statements.push_back("UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name COLLATE NOCASE IN (" +
                                   quote_single(name) + ", " + quote_single(temp) + ")) WHERE name = " + quote_single(temp));
        }
        r.statements.push_back(plan::Statement("DROP TABLE " + quote_double(name)));
        r.statements.push_back("ALTER TABLE " + quote_double(temp) + " RENAME TO " + quote_double(name));
        r.statements.push_back(std::string("PRAGMA legacy_alter_table = OFF"));
        for (const auto& idx : c.to.indexes) {
            Rendered i = (*this)(diff::AddIndex{c.to.ref, idx, std::nullopt, false});
            if (!i.unsupported.empty()) return i;
            r.statements.insert(r.statements.end(), i.statements.begin(), i.statements.end());
        }
        // The old table's triggers went with it: the model's are made (with those whose drop
        // the policy withheld), and those reconcile could not read run again as written.
        for (const auto& declared : c.to.triggers) {
            const model::Trigger* trigger = &declared;
            if (!declared.body) {  // not a SQLite trigger (reported, not made): the database's of that name stays
                auto old = std::find_if(c.from.triggers.begin(), c.from.triggers.end(),
                                        [&](const model::Trigger& t) { return t.name == declared.name && t.body; });
                if (old == c.from.triggers.end()) continue;
                trigger = &*old;
            }
            Rendered t = create_trigger(c.to.ref, *trigger);
            if (!t.unsupported.empty()) return t;
            r.statements.insert(r.statements.end(), t.statements.begin(), t.statements.end());
        }
        for (const auto& trigger : c.from.unreadable_trigger_sql) r.statements.push_back(trigger);
        plan::Statement check(std::string("PRAGMA foreign_key_check"));
        check.fails_if_rows = true;
        r.statements.push_back(std::move(check));
        return r;
    }
    Rendered operator()(const diff::AlterSequence& c) const { return unsupported("SQLite has no sequences (" + c.to.ref.name + ")"); }
    Rendered operator()(const diff::AlterDomain& c) const { return unsupported("SQLite has no domains (" + c.to.ref.name + ")"); }
    Rendered operator()(const diff::SetTableOptions& c) const {
        auto options = [](bool without_rowid, bool strict) {
            std::string out = without_rowid ? "WITHOUT ROWID" : "";
            if (strict) out += std::string(out.empty() ? "" : ", ") + "STRICT";
            return out.empty() ? std::string("neither WITHOUT ROWID nor STRICT") : out;
        };
        return rebuild(needs_rebuild(c.table, "change the table options (" + options(c.from_without_rowid, c.from_strict) +
                                                  " in the database, " + options(c.to_without_rowid, c.to_strict) + " in the model)"));
    }
    Rendered operator()(const diff::DropTable& c) const {
        return Rendered{{{"DROP TABLE IF EXISTS " + quote_double(c.table.ref.name),
                          {{plan::HazardKind::DeletesData, "deletes table " + c.table.ref.name + " and every row in it"}}}}};
    }
    // SQLite has no DROP COLUMN IF EXISTS: run again, the statement fails on the missing column.
    Rendered operator()(const diff::DropColumn& c) const {
        return Rendered{{{"ALTER TABLE " + quote_double(c.table.name) + " DROP COLUMN " + quote_double(c.column.name),
                          {{plan::HazardKind::DeletesData, "deletes column " + c.table.name + "." + c.column.name + " and its values"}}}}};
    }
    Rendered operator()(const diff::DropIndex& c) const {
        if (c.index.name.rfind("sqlite_autoindex_", 0) == 0)
            return rebuild(needs_rebuild(c.table, "drop the index SQLite made for a constraint (" + c.index.name + ")"));
        return Rendered{{"DROP INDEX IF EXISTS " + quote_double(c.index.name)}};
    }
    Rendered operator()(const diff::DropConstraint& c) const {
        return rebuild(needs_rebuild(c.table, std::string(c.replaced ? "replace the " : "drop the ") + diff::to_string(c.kind) +
                                                      (c.name.empty() ? " " + c.definition : " " + c.name)));
    }
    Rendered operator()(const diff::DropView& c) const {
        // Made again from the model, the view gets the model's triggers (and those kept) back,
        // but not one whose text reconcile could not read: that one would be lost.
        if (c.replaced)
            for (const auto& t : c.view.triggers)
                if (!t.unsupported.empty())
                    return unsupported("making view " + c.view.ref.name + " again would drop its trigger " + t.name +
                                       ", which reconcile cannot read (" + t.unsupported + "); change it by hand");
        return Rendered{{"DROP VIEW IF EXISTS " + quote_double(c.view.ref.name)}};
    }
    Rendered operator()(const diff::DropSequence& c) const { return unsupported("SQLite has no sequences (" + c.sequence.ref.name + ")"); }
    Rendered operator()(const diff::DropEnum& c) const { return unsupported("SQLite has no enum types (" + c.type.ref.name + ")"); }
    Rendered operator()(const diff::CreateTrigger& c) const { return create_trigger(c.table, c.trigger); }
    // SQLite has no ALTER TRIGGER: dropped and made again, in the plan's one transaction.
    Rendered operator()(const diff::ReplaceTrigger& c) const {
        Rendered r = create_trigger(c.table, c.to);
        if (r.unsupported.empty()) r.statements.insert(r.statements.begin(), drop_trigger(c.from).statements.front());
        return r;
    }
    Rendered operator()(const diff::DropTrigger& c) const { return drop_trigger(c.trigger); }
    Rendered operator()(const diff::CreatePolicy& c) const { return no_row_security(c.table); }
    Rendered operator()(const diff::ReplacePolicy& c) const { return no_row_security(c.table); }
    Rendered operator()(const diff::DropPolicy& c) const { return no_row_security(c.table); }
    Rendered operator()(const diff::SetRowSecurity& c) const { return no_row_security(c.table); }
    Rendered operator()(const diff::GrantPrivileges&) const { return unsupported("SQLite has no roles or privileges"); }
    Rendered operator()(const diff::RevokePrivileges&) const { return unsupported("SQLite has no roles or privileges"); }
    Rendered operator()(const diff::SetOwner&) const { return unsupported("SQLite has no roles or owners"); }
    Rendered operator()(const diff::GrantDefaultPrivileges&) const { return unsupported("SQLite has no roles or privileges"); }
    Rendered operator()(const diff::RevokeDefaultPrivileges&) const { return unsupported("SQLite has no roles or privileges"); }
    Rendered operator()(const diff::CreateAggregate& c) const { return no_aggregates(c.aggregate); }
    Rendered operator()(const diff::ReplaceAggregate& c) const { return no_aggregates(c.to); }
    Rendered operator()(const diff::DropAggregate& c) const { return no_aggregates(c.aggregate); }
    Rendered operator()(const diff::CreateFunction& c) const { return no_functions(c.function); }
    Rendered operator()(const diff::ReplaceFunction& c) const { return no_functions(c.to); }
    Rendered operator()(const diff::DropFunction& c) const { return no_functions(c.function); }
    Rendered operator()(const diff::DropDomain& c) const { return unsupported("SQLite has no domains (" + c.domain.ref.name + ")"); }
    Rendered operator()(const diff::RenameTable& c) const {
        return Rendered{{"ALTER TABLE " + quote_double(c.from.name) + " RENAME TO " + quote_double(c.to)}};
    }
    Rendered operator()(const diff::RenameColumn& c) const {
        return Rendered{{"ALTER TABLE " + quote_double(c.table.name) + " RENAME COLUMN " + quote_double(c.from) + " TO " + quote_double(c.to)}};
    }
    // SQLite has no ALTER INDEX: the index is made again under its new name.
    Rendered operator()(const diff::RenameIndex& c) const {
        Rendered made = (*this)(diff::AddIndex{c.table, c.index, std::nullopt});
        if (!made.unsupported.empty()) return made;
        made.statements.insert(made.statements.begin(), plan::Statement("DROP INDEX IF EXISTS " + quote_double(c.from)));
        return made;
    }
    Rendered operator()(const diff::RenameConstraint& c) const {
        return rebuild(needs_rebuild(c.table, "rename the " + std::string(diff::to_string(c.kind)) + " " + c.from + " to " + c.to));
    }
    Rendered operator()(const diff::ValidateConstraint& c) const {
        return unsupported("SQLite has no NOT VALID constraints (" + c.name + " on " + c.table.name + ")");
    }
    Rendered operator()(const diff::CreateTable& c) const {
        const model::Table& t = c.table;
        if (auto why = why_not_made(t); !why.empty()) return unsupported(why);
        std::vector<std::string> items;
        const bool autoincrement =
            std::any_of(t.columns.begin(), t.columns.end(), [](const model::Column& c) { return c.autoincrement; });
        for (const auto& col : t.columns) {
            items.push_back(column_definition(col, col.autoincrement ? t.primary_key_name : std::string(), is_rowid_column(t, col)));
        }
        if (!t.primary_key.empty() && !autoincrement)
            items.push_back("CONSTRAINT " + quote_double(t.primary_key_name) + " PRIMARY KEY (" + column_list(t.primary_key) + ")");
        for (const auto& u : t.uniques)
            items.push_back("CONSTRAINT " + quote_double(u.name) + " UNIQUE (" + column_list(u.columns) + ")");
        for (const auto& ch : t.checks)
            items.push_back("CONSTRAINT " + quote_double(ch.name) + " CHECK (" + ch.expression.text + ")");
        for (const auto& fk : t.foreign_keys)
            items.push_back("CONSTRAINT " + quote_double(fk.name) + " " + foreign_key_clause(fk));
        std::string sql = "CREATE TABLE IF NOT EXISTS " + quote_double(t.ref.name) + " (";
        for (std::size_t i = 0; i < items.size(); ++i) sql += (i ? ",\n    " : "\n    ") + items[i];
        sql += "\n)";
        if (t.without_rowid) sql += " WITHOUT ROWID";
        if (t.strict) sql += std::string(t.without_rowid ? "," : "") + " STRICT";
        return Rendered{{sql}};
    }
    Rendered operator()(const diff::AddColumn& c) const {
        const auto& col = c.column;
        const std::string where = c.table.name + "." + col.name;
        if (auto why = column_unsupported(c.table, col); !why.empty()) return unsupported(why);
        if (col.autoincrement) return rebuild("SQLite cannot add the AUTOINCREMENT key " + where + " to an existing table");
        if (col.generated && !col.generated_virtual)
            return rebuild("SQLite cannot add the stored generated column " + where + " to an existing table (only virtual ones)");
        if (col.type.find('[') != std::string::npos)
            return unsupported("SQLite has no array types, and column " + where + " is " + col.type);
        if (col.default_value) {
            DefaultShape shape = default_shape(col.default_value->text);
            if (shape != DefaultShape::Literal)
                return rebuild("SQLite cannot add column " + where + " with the non-constant default " +
                                   col.default_value->text + " to an existing table (ALTER TABLE ADD COLUMN takes constant defaults only)");
        } else if (!col.nullable) {
            return rebuild("SQLite cannot add the NOT NULL column " + where +
                               " without a default to an existing table; give it a default, or make it nullable");
        }
        return Rendered{{"ALTER TABLE " + quote_double(c.table.name) + " ADD COLUMN " + column_definition(col)}};
    }
    Rendered operator()(const diff::AddPrimaryKey& c) const { return rebuild(cannot_alter(c.table, "a primary key")); }
    Rendered operator()(const diff::AddUnique& c) const {
        return rebuild(cannot_alter(c.table, "the unique constraint " + c.unique.name) +
                       "; a unique index on the same columns enforces the same rule");
    }
    Rendered operator()(const diff::AddCheck& c) const { return rebuild(cannot_alter(c.table, "the check " + c.check.name)); }
    Rendered operator()(const diff::AddIndex& c) const {
        const auto& i = c.index;
        const std::string what = "index " + i.name + " on " + c.table.name;
        if (i.method != "btree") return unsupported("SQLite has only b-tree indexes, and " + what + " uses " + i.method);
        if (!i.include.empty()) return unsupported("SQLite has no INCLUDE columns, and " + what + " declares some");
        if (!i.nulls_distinct) return unsupported("SQLite has no NULLS NOT DISTINCT, and " + what + " asks for it");
        if (!i.with.empty()) return unsupported("SQLite has no index storage parameters, and " + what + " sets some");
        if (i.comment) return unsupported("SQLite has no comments, and the model gives " + what + " one");
        std::string sql = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + quote_double(i.name) +
                          " ON " + quote_double(c.table.name) + " (";
        for (std::size_t k = 0; k < i.keys.size(); ++k) {
            const auto& key = i.keys[k];
            if (!key.opclass.empty()) return unsupported("SQLite has no operator classes, and " + what + " names " + key.opclass);
            // SQLite always sorts NULLs as the smallest value and cannot be told otherwise; only
            // a key that leaves NULLS to its default (nulls_first == descending) is expressible.
            if (key.nulls_first != key.descending)
                return unsupported("SQLite cannot choose where NULLs sort in an index, and " + what + " asks for " +
                                   (key.nulls_first ? "NULLS FIRST" : "NULLS LAST"));
            sql += k ? ", " : "";
            sql += key.expression ? "(" + key.expression->text + ")" : quote_double(key.column);
            if (!key.collation.empty()) sql += " COLLATE " + quote_double(key.collation);
            if (key.descending) sql += " DESC";
        }
        sql += ")";
        if (i.where) sql += " WHERE " + i.where->text;
        return Rendered{{sql}};
    }
    Rendered operator()(const diff::CreateEnum& c) const {
        return unsupported("SQLite has no enum types, and the model declares " + c.type.ref.name +
                           "; a CHECK (column IN (...)) expresses the same rule");
    }
    Rendered operator()(const diff::AddEnumValue& c) const {
        return unsupported("SQLite has no enum types (" + c.type.name + ")");
    }
    Rendered operator()(const diff::CreateSequence& c) const {
        return unsupported("SQLite has no sequences, and the model declares " + c.sequence.ref.name +
                           "; an INTEGER PRIMARY KEY column numbers rows on its own");
    }
    Rendered operator()(const diff::SetSequenceOwner& c) const {
        return unsupported("SQLite has no sequences, and the model declares " + c.sequence.name);
    }
    Rendered operator()(const diff::CreateDomain& c) const {
        return unsupported("SQLite has no domains, and the model declares " + c.domain.ref.name);
    }
    Rendered operator()(const diff::CreateView& c) const {
        if (c.view.materialized) return unsupported("SQLite has no materialized views, and the model declares " + c.view.ref.name);
        if (c.view.ref.schema != "public") return unsupported(no_schemas(c.view.ref));
        if (c.view.comment) return unsupported("SQLite has no comments, and the model gives view " + c.view.ref.name + " one");
        return Rendered{{"CREATE VIEW IF NOT EXISTS " + quote_double(c.view.ref.name) + " AS " + c.view.definition.text}};
    }
    Rendered operator()(const diff::AddExclusion& c) const {
        return unsupported("SQLite has no exclusion constraints (" + c.exclusion.name + " on " + c.table.name + ")");
    }
    Rendered operator()(const diff::SetComment& c) const {
        return unsupported("SQLite has no comments, and the model gives " + diff::describe(c) + " one");
    }
    Rendered operator()(const diff::CreateSchema& c) const {
        return unsupported("SQLite has no schemas, and the model declares schema '" + c.name + "'");
    }
    Rendered operator()(const diff::CreateExtension& c) const {
        return unsupported("SQLite has no extensions, and the model declares extension '" + c.extension.name + "'");
    }
    Rendered operator()(const diff::AddForeignKey& c) const {
        return rebuild(cannot_alter(c.table, "the foreign key " + c.foreign_key.name));
    }
};

}  // namespace

// SQLite has no online paths: the context (sizes, --no-concurrently) changes nothing here.
Rendered SqliteDialect::render(const diff::Change& change, const RenderContext&) const {
    if (diff::table_of(change).schema != "public" && !std::holds_alternative<diff::CreateTable>(change) &&
        !diff::is_database_level(diff::table_of(change)))
        return unsupported(no_schemas(diff::table_of(change)));
    return std::visit(Renderer{}, change);
}

diff::Hooks SqliteDialect::diff_hooks() const {
    // A declared type is only a hint to SQLite; its affinity is what the engine keeps. An array
    // type is not a hint but a type SQLite lacks: text[] in the model against text in the
    // database differs (and the table it would be made again for says why it cannot be).
    diff::Hooks hooks{[](const std::string& a, const std::string& b) {
        const bool a_array = a.find('[') != std::string::npos, b_array = b.find('[') != std::string::npos;
        return a_array == b_array && affinity(declared_type(a)) == affinity(declared_type(b));
    }};
    hooks.names_fold_case = true;
    hooks.rowid_alias = [](const model::Table& t) { return is_rowid_alias(t); };
    return hooks;
}

}  // namespace reconcile::dialect
