// PostgreSQL DDL for typed changes. Every statement is idempotent on its own, so a saved
// script can be run again: IF NOT EXISTS where the server has it, a catalog guard in a DO
// block where it does not (ADD CONSTRAINT).
#include <fmt/format.h>

#include "dialect/postgres/postgres_dialect.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace postgres {

std::string quote_literal(std::string_view text) {
    if (text.find('\\') == std::string_view::npos) return quote_single(text);
    std::string out = "E'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += c;
        out += c;
    }
    return out + "'";
}

std::string qualified(const model::TableRef& t) { return quote_double(t.schema) + "." + quote_double(t.name); }

}  // namespace postgres

namespace {

using namespace postgres;

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote_double(c);
    return out;
}

// A serial column whose sequence has another name than serial would give it: what serial
// expands to, spelled out (the sequence before the table, its owner after).
bool serial_with_named_sequence(const model::Column& c) { return c.is_serial() && !c.sequence.empty(); }

std::string create_serial_sequence(const model::TableRef& table, const model::Column& c) {
    return "CREATE SEQUENCE IF NOT EXISTS " + qualified({table.schema, c.sequence}) + " AS " + model::serial_integer_type(c.type);
}

std::string sequence_owned_by(const model::TableRef& sequence, const model::TableRef& table, const std::string& column) {
    return "ALTER SEQUENCE " + qualified(sequence) + " OWNED BY " + qualified(table) + "." + quote_double(column);
}

std::string column_definition(const model::Column& c, const model::TableRef& table) {
    if (serial_with_named_sequence(c))
        return quote_double(c.name) + " " + model::serial_integer_type(c.type) + " DEFAULT nextval(" +
               quote_literal(qualified({table.schema, c.sequence})) + "::regclass) NOT NULL";
    std::string out = quote_double(c.name) + " " + c.type;
    if (!c.collation.empty()) out += " COLLATE " + quote_double(c.collation);
    if (c.default_value) out += " DEFAULT " + c.default_value->text;
    if (c.identity != model::Identity::None) out += std::string(" ") + model::to_sql(c.identity) + c.identity_options.sql();
    if (c.generated) out += " GENERATED ALWAYS AS (" + c.generated->text + ") STORED";
    if (!c.nullable) out += " NOT NULL";
    return out;
}

std::string foreign_key_clause(const model::ForeignKey& fk) {
    std::string out = "FOREIGN KEY (" + column_list(fk.columns) + ") REFERENCES " + qualified(fk.ref_table) +
                      " (" + column_list(fk.ref_columns) + ")";
    if (fk.match_full) out += " MATCH FULL";
    if (fk.on_delete != model::FkAction::NoAction) out += std::string(" ON DELETE ") + model::to_sql(fk.on_delete);
    if (fk.on_update != model::FkAction::NoAction) out += std::string(" ON UPDATE ") + model::to_sql(fk.on_update);
    return out + fk.deferral.sql() + (fk.not_valid ? " NOT VALID" : "");
}

std::string check_clause(const model::Check& ch) {
    return "CONSTRAINT " + quote_double(ch.name) + " CHECK (" + ch.expression.text + ")" + (ch.no_inherit ? " NO INHERIT" : "") +
           (ch.not_valid ? " NOT VALID" : "");
}

std::string unique_clause(const model::UniqueConstraint& u) {
    return "CONSTRAINT " + quote_double(u.name) + " UNIQUE " + (u.nulls_distinct ? "" : "NULLS NOT DISTINCT ") + "(" +
           column_list(u.columns) + ")" + u.deferral.sql();
}

// What a column may declare for SQLite only, said instead of dropped.
std::string sqlite_only(const model::TableRef& t, const model::Column& c) {
    if (c.autoincrement) return "column " + t.display() + "." + c.name + " declares autoincrement, which only SQLite has (use identity)";
    if (c.generated_virtual) return "column " + t.display() + "." + c.name + " is a virtual generated column; PostgreSQL 15 has only stored ones";
    if (c.type.empty()) return "column " + t.display() + "." + c.name + " has no type, which only SQLite allows";
    return {};
}

// A dollar-quote tag that does not occur in the body, so nothing inside (an identifier, a check
// expression) can end the DO block early.
std::string dollar_tag(const std::string& body) {
    std::string tag = "$reconcile$";
    for (int n = 1; body.find(tag) != std::string::npos; ++n) tag = "$reconcile" + std::to_string(n) + "$";
    return tag;
}

// DO <tag><body><tag>: the PL/pgSQL block every guarded statement is.
std::string do_block(const std::string& body) {
    const std::string tag = dollar_tag(body);
    return "DO " + tag + body + tag;
}

// The partition's index that belongs to its ancestor's index c.name (attached to it, or to an
// index attached to it, level by level) has a name the server chose when it made the
// partition: found in the catalog when the statement runs.
std::string comment_on_partition_index(const diff::SetComment& c) {
    std::string body = fmt::format(
        "\nDECLARE target regclass;\nBEGIN\n"
        "    WITH RECURSIVE below(index) AS (\n"
        "        SELECT h.inhrelid FROM pg_catalog.pg_inherits h WHERE h.inhparent = {}::regclass\n"
        "        UNION ALL\n"
        "        SELECT h.inhrelid FROM pg_catalog.pg_inherits h JOIN below b ON h.inhparent = b.index)\n"
        "    SELECT i.indexrelid::regclass INTO target FROM below b JOIN pg_catalog.pg_index i ON i.indexrelid = b.index\n"
        "     WHERE i.indrelid = {}::regclass;\n"
        "    IF target IS NOT NULL THEN\n        EXECUTE pg_catalog.format('COMMENT ON INDEX %s IS %L', target, {});\n    END IF;\nEND\n",
        quote_literal(qualified({c.ancestor_schema, c.name})), quote_literal(qualified(c.table)), quote_literal(c.text));
    return do_block(body);
}

// COMMENT ON replaces whatever comment was there: idempotent as it stands.
std::string comment_on(const diff::SetComment& c) {
    std::string target;
    switch (c.on) {
        case diff::CommentOn::Table: target = "TABLE " + qualified(c.table); break;
        case diff::CommentOn::Column: target = "COLUMN " + qualified(c.table) + "." + quote_double(c.name); break;
        case diff::CommentOn::Index: target = "INDEX " + qualified({c.table.schema, c.name}); break;
        case diff::CommentOn::View: target = "VIEW " + qualified(c.table); break;
        case diff::CommentOn::MaterializedView: target = "MATERIALIZED VIEW " + qualified(c.table); break;
        case diff::CommentOn::Schema: target = "SCHEMA " + quote_double(c.table.schema); break;
        case diff::CommentOn::PartitionIndex: return comment_on_partition_index(c);
        case diff::CommentOn::Function: target = "FUNCTION " + qualified(c.table) + "(" + c.name + ")"; break;
        case diff::CommentOn::Procedure: target = "PROCEDURE " + qualified(c.table) + "(" + c.name + ")"; break;
        case diff::CommentOn::Aggregate: target = "AGGREGATE " + qualified(c.table) + "(" + c.name + ")"; break;
        case diff::CommentOn::Trigger: target = "TRIGGER " + quote_double(c.name) + " ON " + qualified(c.table); break;
        case diff::CommentOn::Policy: target = "POLICY " + quote_double(c.name) + " ON " + qualified(c.table); break;
    }
    return "COMMENT ON " + target + " IS " + (c.text.empty() ? std::string("NULL") : quote_literal(c.text));
}

// A list setting (model::is_list_setting) takes each element as a literal of its own: a
// single literal 'a, b' would be one element named "a, b".
std::string setting_value(const std::string& name, const std::string& value) {
    if (!model::is_list_setting(name)) return quote_literal(value);
    std::string out;
    for (const auto& element : model::setting_list_elements(value)) out += (out.empty() ? "" : ", ") + quote_literal(element);
    return out.empty() ? quote_literal("") : out;
}

// A dollar-quote tag for a function body: the body may hold anything but the tag, and must not
// end in a prefix of it (the closing tag would be found early).
std::string body_tag(const std::string& body) {
    std::string tag = "$function$";
    for (int n = 1; (body + tag).find(tag) != body.size(); ++n) tag = "$function" + std::to_string(n) + "$";
    return tag;
}

std::string argument_sql(const model::FunctionArgument& a) {
    std::string out;
    if (a.mode != "in" && a.mode != "table") out += model::upper_ascii(a.mode) + " ";
    if (!a.name.empty()) out += quote_double(a.name) + " ";
    out += a.type;
    if (a.default_value) out += " DEFAULT " + a.default_value->text;
    return out;
}

std::string number_text(double v) { return fmt::format("{}", v); }

// CREATE OR REPLACE FUNCTION / PROCEDURE with every attribute spelled out where it is not
// PostgreSQL's default: OR REPLACE resets what it does not name.
std::string create_function_sql(const model::Function& f) {
    std::string args, table;
    for (const auto& a : f.arguments)
        (a.mode == "table" ? table : args) += ((a.mode == "table" ? table : args).empty() ? "" : ", ") + argument_sql(a);
    std::string sql = std::string("CREATE OR REPLACE ") + (f.procedure ? "PROCEDURE " : "FUNCTION ") + qualified(f.ref) + "(" + args + ")";
    if (!f.procedure) sql += f.returns.empty() ? " RETURNS TABLE(" + table + ")" : " RETURNS " + f.returns;
    sql += "\n    LANGUAGE " + quote_double(f.language);
    if (!f.procedure) {
        if (f.volatility != "volatile") sql += " " + model::upper_ascii(f.volatility);
        if (f.strict) sql += " STRICT";
    }
    if (f.security_definer) sql += " SECURITY DEFINER";
    if (!f.procedure) {
        if (f.leakproof) sql += " LEAKPROOF";
        if (f.parallel != "unsafe") sql += " PARALLEL " + model::upper_ascii(f.parallel);
        if (f.cost != 100) sql += " COST " + number_text(f.cost);
        if (f.returns_set() && f.rows != 1000) sql += " ROWS " + number_text(f.rows);
    }
    for (const auto& [name, value] : f.settings) sql += "\n    SET " + name + " TO " + setting_value(name, value);
    if (f.sql_body) return sql + "\n" + f.body;
    const std::string tag = body_tag(f.body);
    return sql + "\nAS " + tag + f.body + tag;
}

std::string upper_events(const model::Trigger& t) {
    std::string out;
    for (const auto& e : t.events) {
        out += (out.empty() ? "" : " OR ") + model::upper_ascii(e);
        if (e == "update" && !t.update_of.empty()) out += " OF " + column_list(t.update_of);
    }
    return out;
}

// CREATE [OR REPLACE] [CONSTRAINT] TRIGGER, every clause spelled out.
std::string create_trigger_sql(const model::TableRef& table, const model::Trigger& t, bool or_replace) {
    std::string sql = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + (t.constraint ? "CONSTRAINT " : "") + "TRIGGER " +
                      quote_double(t.name) + " " + model::upper_ascii(t.timing) + " " + upper_events(t) + " ON " + qualified(table);
    if (t.constraint) sql += t.deferral.deferrable ? t.deferral.sql() : " NOT DEFERRABLE";
    if (!t.old_table.empty() || !t.new_table.empty()) {
        sql += " REFERENCING";
        if (!t.old_table.empty()) sql += " OLD TABLE AS " + quote_double(t.old_table);
        if (!t.new_table.empty()) sql += " NEW TABLE AS " + quote_double(t.new_table);
    }
    sql += t.for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT";
    if (t.when) sql += " WHEN (" + t.when->text + ")";
    std::string args;
    for (const auto& a : t.arguments) args += (args.empty() ? "" : ", ") + quote_literal(a);
    return sql + " EXECUTE FUNCTION " + qualified(t.function) + "(" + args + ")";
}

std::string trigger_state_sql(const model::TableRef& table, const model::Trigger& t) {
    const std::string alter = "ALTER TABLE " + qualified(table) + " ";
    const std::string name = quote_double(t.name);
    if (t.state == "disabled") return alter + "DISABLE TRIGGER " + name;
    if (t.state == "replica") return alter + "ENABLE REPLICA TRIGGER " + name;
    if (t.state == "always") return alter + "ENABLE ALWAYS TRIGGER " + name;
    return alter + "ENABLE TRIGGER " + name;
}

// `create` run only when the catalog query `exists` finds nothing, for what has no IF NOT
// EXISTS: a DO block that EXECUTEs it, dollar-quoted with a tag it does not hold.
std::string create_unless(const std::string& exists, const std::string& create) {
    const std::string inner_tag = dollar_tag(create + "$");  // "...x$reconcile" + "$" must not close it
    std::string body = "\nBEGIN\n    IF NOT EXISTS (" + exists + ") THEN\n        EXECUTE " + inner_tag + create + inner_tag +
                       ";\n    END IF;\nEND\n";
    return do_block(body);  // its tag differs from inner_tag, which body holds
}

// PostgreSQL has no CREATE TRIGGER IF NOT EXISTS (and OR REPLACE cannot replace a constraint
// trigger): look in the catalog first, so a saved script runs again.
std::string guarded_create_trigger(const model::TableRef& table, const model::Trigger& t) {
    return create_unless("SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = " + quote_literal(qualified(table)) +
                             "::regclass AND tgname = " + quote_literal(t.name),
                         create_trigger_sql(table, t, false));
}

Rendered no_trigger_body(const model::TableRef& table, const model::Trigger& t) {
    return Rendered::refusal("trigger " + t.name + " on " + table.display() +
                             " has a body (a SQLite trigger's statements); a PostgreSQL trigger runs a function: declare 'function'");
}

// ON TABLE "s"."t", ON ROUTINE "s"."f"(integer), ON SCHEMA "s".
std::string grant_target(const model::ObjectPrivileges& o) {
    const std::string on = std::string(" ON ") + model::to_sql(o.on) + " ";
    if (o.on == model::GrantOn::Schema) return on + quote_double(o.ref.schema);
    // An aggregate over no column is named (*) elsewhere; GRANT takes its empty list.
    return on + qualified(o.ref) + (o.on == model::GrantOn::Routine ? "(" + (o.arguments == "*" ? std::string() : o.arguments) + ")" : "");
}

std::string grantee(const std::string& role) { return role == "public" ? std::string("PUBLIC") : quote_double(role); }

// SELECT, INSERT; a column's each with the column: SELECT ("c"), UPDATE ("c").
std::string privilege_list(const std::vector<std::string>& privileges, const model::ObjectPrivileges& on) {
    const std::string column = on.on == model::GrantOn::Column ? " (" + quote_double(on.arguments) + ")" : "";
    std::string out;
    for (const auto& p : privileges) out += (out.empty() ? "" : ", ") + model::upper_ascii(p) + column;
    return out;
}

// ALTER DEFAULT PRIVILEGES FOR ROLE "r" [IN SCHEMA "s"] , before its GRANT or REVOKE.
std::string default_privileges_prefix(const model::DefaultPrivileges& d) {
    return "ALTER DEFAULT PRIVILEGES FOR ROLE " + quote_double(d.for_role) + (d.schema.empty() ? "" : " IN SCHEMA " + quote_double(d.schema)) + " ";
}

// TO PUBLIC, or the roles by name.
std::string policy_roles(const model::Policy& p) {
    std::string out;
    for (const auto& role : p.roles) out += (out.empty() ? "" : ", ") + (role == "public" ? std::string("PUBLIC") : quote_double(role));
    return " TO " + out;
}

std::string policy_expressions(const model::Policy& p) {
    std::string out;
    if (p.using_expression) out += " USING (" + p.using_expression->text + ")";
    if (p.with_check) out += " WITH CHECK (" + p.with_check->text + ")";
    return out;
}

// PostgreSQL has no CREATE POLICY IF NOT EXISTS: the catalog is asked first, so a saved
// script runs again.
std::string guarded_create_policy(const model::TableRef& table, const model::Policy& p) {
    const std::string create = "CREATE POLICY " + quote_double(p.name) + " ON " + qualified(table) + " AS " +
                               (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + model::upper_ascii(p.command) + policy_roles(p) +
                               policy_expressions(p);
    return create_unless("SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = " + quote_literal(qualified(table)) +
                             "::regclass AND polname = " + quote_literal(p.name),
                         create);
}

// CREATE [OR REPLACE] AGGREGATE with every option it sets.
std::string create_aggregate_sql(const model::Aggregate& a) {
    std::string args;
    for (const auto& arg : a.arguments) args += (args.empty() ? "" : ", ") + argument_sql(arg);
    std::string sql = "CREATE OR REPLACE AGGREGATE " + qualified(a.ref) + "(" + (args.empty() ? "*" : args) + ") (\n    SFUNC = " +
                      qualified(a.state_function) + ",\n    STYPE = " + a.state_type;
    auto option = [&](const char* name, const std::optional<model::TableRef>& f) {
        if (f) sql += std::string(",\n    ") + name + " = " + qualified(*f);
    };
    option("FINALFUNC", a.final_function);
    if (a.final_extra) sql += ",\n    FINALFUNC_EXTRA";
    option("COMBINEFUNC", a.combine_function);
    option("SERIALFUNC", a.serial_function);
    option("DESERIALFUNC", a.deserial_function);
    if (a.initial_value) sql += ",\n    INITCOND = " + quote_literal(*a.initial_value);
    if (a.parallel != "unsafe") sql += ",\n    PARALLEL = " + model::upper_ascii(a.parallel);
    return sql + "\n)";
}

// As pg_dump does: a body is not checked when it is created, so a function may name tables and
// functions the plan makes later (or that call it back).
constexpr const char* kNoBodyChecks = "SET LOCAL check_function_bodies = off";

// PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS: look in the catalog first.
std::string guarded_add_constraint(const model::TableRef& table, const std::string& guard_condition,
                                   const std::string& constraint_sql) {
    std::string body = fmt::format(
        "\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = {}::regclass AND {}) THEN\n"
        "        ALTER TABLE {} ADD {};\n    END IF;\nEND\n",
        quote_literal(qualified(table)), guard_condition, qualified(table), constraint_sql);
    return do_block(body);
}

// CREATE TYPE and CREATE DOMAIN have no IF NOT EXISTS: look in the catalog first, for a type of
// the same kind ('e' enum, 'd' domain). Any other type of that name (a table's row type) makes
// the CREATE fail loudly instead of being taken for the one wanted.
std::string guarded_create_type(const model::TableRef& type, char kind, const std::string& create_sql) {
    std::string body = fmt::format(
        "\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"
        "                   WHERE n.nspname = {} AND t.typname = {} AND t.typtype = '{}') THEN\n"
        "        {};\n    END IF;\nEND\n",
        quote_literal(type.schema), quote_literal(type.name), kind, create_sql);
    return do_block(body);
}

std::string named_guard(const std::string& name) { return "conname = " + quote_literal(name); }


// "character varying(20)" → {"character varying", {20}}; a type without a modifier has none.
struct TypeParts {
    std::string base;
    std::vector<long> modifiers;
};
TypeParts type_parts(const std::string& type) {
    TypeParts out;
    const auto open = type.find('(');
    out.base = type.substr(0, open);
    if (open == std::string::npos || type.back() != ')') return out;
    std::string inside = type.substr(open + 1, type.size() - open - 2);
    std::size_t start = 0;
    while (start < inside.size()) {
        std::size_t comma = inside.find(',', start);
        if (comma == std::string::npos) comma = inside.size();
        try {
            out.modifiers.push_back(std::stol(inside.substr(start, comma - start)));
        } catch (const std::exception&) {
            out.modifiers.clear();
            out.base = type;  // not numbers: compared as a whole
            return out;
        }
        start = comma + 1;
    }
    return out;
}

// Whether PostgreSQL changes the column's type in place, without rewriting the table or
// rebuilding its indexes (ATColumnChangeRequiresRewrite): a length or precision widened, or
// character varying ↔ text. Conservative: anything else counts as a rewrite.
bool changes_without_rewrite(const std::string& from, const std::string& to) {
    if (from == to) return true;
    const TypeParts f = type_parts(from), t = type_parts(to);
    const bool f_text = f.base == "text" || f.base == "character varying";
    if (f_text && t.base == "text") return true;
    if (f_text && t.base == "character varying")
        return t.modifiers.empty() || (f.base == "character varying" && !f.modifiers.empty() && t.modifiers[0] >= f.modifiers[0]);
    if (f.base == "numeric" && t.base == "numeric") {
        if (t.modifiers.empty()) return true;
        if (f.modifiers.empty()) return false;
        const long f_scale = f.modifiers.size() > 1 ? f.modifiers[1] : 0, t_scale = t.modifiers.size() > 1 ? t.modifiers[1] : 0;
        return f_scale == t_scale && t.modifiers[0] >= f.modifiers[0];
    }
    if ((f.base == "bit varying" && t.base == "bit varying") || (f.base == "character" && t.base == "character varying"))
        return f.base == t.base && (t.modifiers.empty() || (!f.modifiers.empty() && t.modifiers[0] >= f.modifiers[0]));
    return false;
}

// A DO block that runs `statement` only while the column exists and `condition` (about its
// catalog row `a`; "" for none) holds: what makes a non-idempotent ALTER safe to run again.
std::string when_column(const model::TableRef& table, const std::string& column, const std::string& condition,
                        const std::string& statement) {
    std::string body = fmt::format(
        "\nBEGIN\n    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = {}::regclass AND a.attname = {}\n"
        "                 AND NOT a.attisdropped{}) THEN\n        {};\n    END IF;\nEND\n",
        quote_literal(qualified(table)), quote_literal(column), condition.empty() ? std::string() : " AND (" + condition + ")",
        statement);
    return do_block(body);
}

std::string alter_column(const model::TableRef& table, const std::string& column) {
    return "ALTER TABLE " + qualified(table) + " ALTER COLUMN " + quote_double(column);
}

// Whether an index on this existing table is built with CREATE INDEX CONCURRENTLY, after the
// main transaction: online, the table has rows, and it is a plain table (PostgreSQL 15 builds
// no index concurrently on a partitioned table, and a partition's index may be the one its
// parent's attaches).
bool builds_concurrently(const RenderContext& ctx, const model::TableRef& table) {
    return ctx.after_transaction(table) && ctx.size_of(table).plain;
}

// Validating a valid constraint does nothing: idempotent as it stands. On a table with rows it
// runs after the main transaction, in a transaction of its own: its SHARE UPDATE EXCLUSIVE lock
// lets reads and writes go on for the whole scan, where the main transaction would keep the
// stronger locks of everything else it did until the scan ends.
plan::Statement validate(const model::TableRef& table, const std::string& name, const RenderContext& ctx) {
    plan::Statement statement("ALTER TABLE " + qualified(table) + " VALIDATE CONSTRAINT " + quote_double(name),
                              {{plan::HazardKind::Validates, "scans " + table.display() + " to check " + name +
                                                                 " on the rows it holds (SHARE UPDATE EXCLUSIVE: reads and writes go on)"},
                               {plan::HazardKind::MayFail, "fails if a row of " + table.display() + " breaks " + name}});
    if (!ctx.after_transaction(table)) return statement;
    statement.hazards.back().reason += "; the constraint then stays NOT VALID (enforced for new rows), and the next apply validates it";
    return std::move(statement).in(plan::Phase::AfterTransaction, plan::LockWait::Long);
}

std::string drop_constraint_sql(const model::TableRef& table, const std::string& name) {
    // IF EXISTS twice: run again, the table may be gone too (a drop later in the same plan).
    return "ALTER TABLE IF EXISTS " + qualified(table) + " DROP CONSTRAINT IF EXISTS " + quote_double(name);
}

// ALTER COLUMN … SET …: every option of the identity's sequence as the model has it, the
// defaults spelled as NO MINVALUE / NO MAXVALUE (which take the new direction's). Its current
// value is left alone: START WITH is where a RESTART would go, not a restart.
std::string set_identity_options(const model::Column& c) {
    const model::IdentityOptions& o = c.identity_options;
    const model::SequenceValues v = model::effective_sequence(o, c.type);
    std::string out = " SET INCREMENT BY " + std::to_string(v.increment);
    out += o.min_value ? " SET MINVALUE " + std::to_string(*o.min_value) : std::string(" SET NO MINVALUE");
    out += o.max_value ? " SET MAXVALUE " + std::to_string(*o.max_value) : std::string(" SET NO MAXVALUE");
    out += " SET START WITH " + std::to_string(v.start);
    out += " SET CACHE " + std::to_string(v.cache);
    out += o.cycle ? " SET CYCLE" : " SET NO CYCLE";
    return out;
}

Rendered modify_column(const diff::ModifyColumn& m, const RenderContext& ctx) {
    const auto& from = m.from;
    const auto& to = m.to;
    const std::string where = m.table.display() + "." + to.name;
    const std::string alter = alter_column(m.table, to.name);
    if (auto why = sqlite_only(m.table, to); !why.empty()) return Rendered::refusal(why);
    if (m.differs.generated && !(from.generated && !to.generated))
        return Rendered::refusal("PostgreSQL 15 cannot " + std::string(from.generated ? "change the expression of the generated column "
                                                                                      : "make an existing column generated: ") +
                                 where + " (" + diff::describe(m) + "); drop the column and add it again to change it");
    if (to.is_serial() && !model::owns_its_sequence(from))
        return Rendered::refusal("column " + where + " is not serial in the database (" + diff::describe(m) +
                                 "); an existing column is not made serial in place: declare an identity, or a sequence and a default");
    const std::string type = to.is_serial() ? model::serial_integer_type(to.type) : to.type;
    Rendered r;
    const bool retype = m.differs.type || m.differs.collation;
    // A default that does not cast to the new type would fail the change: off first, on after.
    // (A serial column's nextval() default casts to any integer type: it stays.)
    const bool default_off_first = from.default_value && m.differs.type && !to.is_serial();
    if (default_off_first || (m.differs.default_value && !to.default_value)) r.statements.push_back(alter + " DROP DEFAULT");
    if (m.differs.identity && to.identity == model::Identity::None) r.statements.push_back(alter + " DROP IDENTITY IF EXISTS");
    if (m.differs.generated) r.statements.push_back(alter + " DROP EXPRESSION IF EXISTS");  // generated → plain: values stay
    if (retype) {
        std::string change = alter + " TYPE " + type;
        if (!to.collation.empty()) change += " COLLATE " + quote_double(to.collation);
        if (to.using_expression) change += " USING " + to.using_expression->text;
        // Runs only while the column is not yet of that type and collation (a USING expression
        // applied twice would convert twice).
        std::string condition = "pg_catalog.format_type(a.atttypid, a.atttypmod) <> " + quote_literal(type);
        condition += " OR a.attcollation <> " +
                     (to.collation.empty() ? std::string("(SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)")
                                           : "(SELECT c.oid FROM pg_catalog.pg_collation c WHERE c.collname = " + quote_literal(to.collation) +
                                                 " LIMIT 1)");
        plan::Statement statement(when_column(m.table, to.name, condition, change));
        if (to.using_expression || (m.differs.type && !changes_without_rewrite(from.type, type))) {
            statement.hazards.push_back({plan::HazardKind::RewritesTable,
                                         "rewrites " + m.table.display() + " and its indexes to change " + to.name + " from " + from.type +
                                             " to " + type + ", holding an ACCESS EXCLUSIVE lock throughout"});
            statement.hazards.push_back({plan::HazardKind::BlocksReads, "reads and writes of " + m.table.display() +
                                                                            " wait for the rewrite, until COMMIT"});
        }
        else if (m.differs.collation)
            statement.hazards.push_back({plan::HazardKind::BlocksWrites, "rebuilds the indexes on " + where + " for its new collation"});
        if (m.differs.type && !changes_without_rewrite(from.type, type) && !to.using_expression)
            statement.hazards.push_back({plan::HazardKind::MayFail, "fails if a value of " + where + " does not convert to " + type +
                                                                        " (declare using = \"...\" to say how)"});
        r.statements.push_back(std::move(statement));
        // serial → bigserial: the sequence it draws from widens with it.
        if (to.is_serial() && m.differs.type)
            r.statements.push_back(plan::Statement(
                "ALTER SEQUENCE " + qualified({m.table.schema, model::serial_sequence_name(m.table.name, from)}) + " AS " + type,
                {{plan::HazardKind::MayFail, "fails if the sequence's current value does not fit " + type}}));
    }
    if (to.default_value && (m.differs.default_value || default_off_first))
        r.statements.push_back(alter + " SET DEFAULT " + to.default_value->text);
    if (m.differs.identity && to.identity != model::Identity::None) {
        const std::string kind = to.identity == model::Identity::Always ? "ALWAYS" : "BY DEFAULT";
        if (from.identity != model::Identity::None) {
            r.statements.push_back(alter + " SET GENERATED " + kind);
        } else {
            // The new identity's sequence starts after the values the column has.
            // (pg_get_serial_sequence reads its column argument as a name, not an identifier.)
            r.statements.push_back(when_column(m.table, to.name, "a.attidentity = ''",
                                               alter + " ADD GENERATED " + kind + " AS IDENTITY" + to.identity_options.sql()));
            // Past the values the column holds, in the direction it counts, never before its start.
            const model::IdentityOptions& o = to.identity_options;
            const bool descending = o.increment.value_or(1) < 0;
            const std::string start = std::to_string(model::effective_sequence(o, to.type).start);
            const std::string next = descending ? "least(coalesce(min(" + quote_double(to.name) + ") - 1, " + start + "), " + start + ")"
                                                : "greatest(coalesce(max(" + quote_double(to.name) + ") + 1, " + start + "), " + start + ")";
            r.statements.push_back(plan::Statement(
                "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(" + quote_literal(qualified(m.table)) + ", " +
                    quote_literal(to.name) + "), " + next + ", false) FROM " + qualified(m.table),
                {{plan::HazardKind::MayFail, "fails if the values " + where + " holds leave no room within the identity's bounds"}}));
        }
    }
    if (m.differs.identity_options && from.identity != model::Identity::None && to.identity != model::Identity::None) {
        // A sequence that never handed out a value (not called, still at its start) on a table
        // with no rows restarts at its new start (the old one may lie outside the new bounds).
        // Any other keeps its current value, which PostgreSQL refuses if it lies outside them:
        // values already used are never handed out again. (setval(…, false), as an identity
        // added to a column with values does, leaves is_called false too: hence the start.)
        const std::string set = alter + set_identity_options(to);
        std::string body = fmt::format(
            "\nDECLARE seq regclass := pg_catalog.pg_get_serial_sequence({0}, {1})::regclass; unused boolean;\nBEGIN\n"
            "    EXECUTE pg_catalog.format('SELECT NOT s.is_called AND s.last_value = q.seqstart AND NOT EXISTS (SELECT 1 FROM %s) '\n"
            "                              'FROM %s s, pg_catalog.pg_sequence q WHERE q.seqrelid = %s', {2}::regclass, seq, seq::oid)\n"
            "        INTO unused;\n"
            "    EXECUTE {3} || CASE WHEN unused THEN ' RESTART' ELSE '' END;\nEND\n",
            quote_literal(qualified(m.table)), quote_literal(to.name), quote_literal(qualified(m.table)), quote_literal(set));
        r.statements.push_back(plan::Statement(
            do_block(body), {{plan::HazardKind::MayFail, "fails if the current value of the identity sequence of " + where +
                                                             " lies outside its new bounds (restart it by hand: values would be used again)"}}));
    }
    if (m.differs.nullability && !to.nullable) {
        // Say how many rows stand in the way, rather than only that some do.
        std::string shown;  // RAISE reads % as a placeholder
        for (char ch : where) shown += ch == '%' ? std::string("%%") : std::string(1, ch);
        std::string body = fmt::format(
            "\nDECLARE nulls bigint;\nBEGIN\n    SELECT count(*) INTO nulls FROM {} WHERE {} IS NULL;\n"
            "    IF nulls > 0 THEN\n        RAISE EXCEPTION {}, nulls;\n    END IF;\nEND\n",
            qualified(m.table), quote_double(to.name),
            quote_literal("column " + shown + " has % NULL value(s), so it cannot be made NOT NULL; set them first"));
        r.statements.push_back(plan::Statement(do_block(body),
                                               {{plan::HazardKind::MayFail, "fails, naming the count, if " + where + " holds NULLs"}}));
        // The online path: a NOT VALID check validated under a lock that lets reads and writes
        // go on; SET NOT NULL then uses it instead of scanning under ACCESS EXCLUSIVE
        // (PostgreSQL 12+), and the check goes.
        model::Check not_null{model::default_object_name(m.table.name, {to.name}, "not_null"),
                              model::Expression{quote_double(to.name) + " IS NOT NULL", ""}, {}, true};
        // On a table with rows, the check is added in the main transaction (new rows obey it
        // from COMMIT on), and the rest runs after it, each in a transaction of its own.
        r.statements.push_back(guarded_add_constraint(m.table, named_guard(not_null.name), check_clause(not_null)));
        r.statements.push_back(validate(m.table, not_null.name, ctx));
        const plan::Phase rest = ctx.after_transaction(m.table) ? plan::Phase::AfterTransaction : plan::Phase::InTransaction;
        r.statements.push_back(plan::Statement(alter + " SET NOT NULL").in(rest));
        r.statements.push_back(plan::Statement(drop_constraint_sql(m.table, not_null.name)).in(rest));
    }
    if (m.differs.nullability && to.nullable) r.statements.push_back(alter + " DROP NOT NULL");
    return r;
}

struct Renderer {
    const RenderContext& ctx;

    Rendered operator()(const diff::ModifyColumn& c) const { return modify_column(c, ctx); }
    // Only the options the model sets, where they differ; idempotent as it stands.
    Rendered operator()(const diff::AlterSequence& c) const {
        const auto& f = c.from;
        const auto& t = c.to;
        std::string sql = "ALTER SEQUENCE " + qualified(t.ref);
        auto option = [&](const char* clause, const std::optional<long long>& want, const std::optional<long long>& have) {
            if (want && want != have) sql += std::string(" ") + clause + " " + std::to_string(*want);
        };
        if (t.type != f.type) sql += " AS " + t.type;
        option("INCREMENT BY", t.increment, f.increment);
        option("MINVALUE", t.min_value, f.min_value);
        option("MAXVALUE", t.max_value, f.max_value);
        option("START WITH", t.start, f.start);
        option("CACHE", t.cache, f.cache);
        if (t.cycle && t.cycle != f.cycle) sql += *t.cycle ? " CYCLE" : " NO CYCLE";
        plan::Statement statement(sql);
        if (t.type != f.type || t.max_value || t.min_value)
            statement.hazards.push_back({plan::HazardKind::MayFail, "fails if the current value of " + t.ref.display() + " falls outside the new bounds"});
        return Rendered{{std::move(statement)}};
    }
    Rendered operator()(const diff::AlterDomain& c) const {
        const auto& f = c.from;
        const auto& t = c.to;
        const std::string alter = "ALTER DOMAIN " + qualified(t.ref);
        Rendered r;
        const bool default_differs = f.default_value.has_value() != t.default_value.has_value() ||
                                     (t.default_value && f.default_value->canonical != t.default_value->canonical);
        if (default_differs) r.statements.push_back(t.default_value ? alter + " SET DEFAULT " + t.default_value->text : alter + " DROP DEFAULT");
        // Checks by name: one the model no longer has, or has with another expression, goes;
        // then the model's missing ones are added, checking every value of the domain's columns.
        auto find = [](const model::Domain& d, const std::string& name) -> const model::Check* {
            for (const auto& ch : d.checks)
                if (ch.name == name) return &ch;
            return nullptr;
        };
        for (const auto& have : f.checks) {
            const model::Check* want = find(t, have.name);
            if (!want || want->expression.canonical != have.expression.canonical)
                r.statements.push_back(alter + " DROP CONSTRAINT IF EXISTS " + quote_double(have.name));
        }
        for (const auto& want : t.checks) {
            const model::Check* have = find(f, want.name);
            if (have && have->expression.canonical == want.expression.canonical) continue;
            std::string body = fmt::format(
                "\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE contypid = {}::regtype AND conname = {}) THEN\n"
                "        {} ADD CONSTRAINT {} CHECK ({});\n    END IF;\nEND\n",
                quote_literal(qualified(t.ref)), quote_literal(want.name), alter, quote_double(want.name), want.expression.text);
            r.statements.push_back(plan::Statement(
                do_block(body),
                {{plan::HazardKind::Validates, "checks every value of the columns of domain " + t.ref.display()},
                 {plan::HazardKind::MayFail, "fails if a value of a column of domain " + t.ref.display() + " breaks the check"}}));
        }
        if (f.nullable != t.nullable) {
            plan::Statement statement(alter + (t.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
            if (!t.nullable)
                statement.hazards.push_back({plan::HazardKind::MayFail, "fails if a column of domain " + t.ref.display() + " holds NULLs"});
            r.statements.push_back(std::move(statement));
        }
        return r;
    }
    // Run again, the old name is gone and nothing happens.
    Rendered operator()(const diff::RenameConstraint& c) const {
        std::string body = fmt::format(
            "\nBEGIN\n    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = {}::regclass AND conname = {}) THEN\n"
            "        ALTER TABLE {} RENAME CONSTRAINT {} TO {};\n    END IF;\nEND\n",
            quote_literal(qualified(c.table)), quote_literal(c.from), qualified(c.table), quote_double(c.from), quote_double(c.to));
        return Rendered{{do_block(body)}};
    }
    Rendered operator()(const diff::ValidateConstraint& c) const { return Rendered{{validate(c.table, c.name, ctx)}}; }
    Rendered operator()(const diff::SetTableOptions& c) const {
        return Rendered::refusal("table " + c.table.display() + " declares WITHOUT ROWID or STRICT, which only SQLite has");
    }
    // PostgreSQL alters in place; the planner asks for rebuilds only where rebuilds_tables().
    Rendered operator()(const diff::RebuildTable& c) const {
        return Rendered::refusal("PostgreSQL does not rebuild tables (" + c.to.ref.display() + ")");
    }
    Rendered operator()(const diff::DropTable& c) const {
        return Rendered{{{"DROP TABLE IF EXISTS " + qualified(c.table.ref),
                          {{plan::HazardKind::DeletesData, "deletes table " + c.table.ref.display() + " and every row in it"}}}}};
    }
    Rendered operator()(const diff::DropColumn& c) const {
        return Rendered{{{"ALTER TABLE IF EXISTS " + qualified(c.table) + " DROP COLUMN IF EXISTS " + quote_double(c.column.name),
                          {{plan::HazardKind::DeletesData, "deletes column " + c.table.display() + "." + c.column.name + " and its values"}}}}};
    }
    Rendered operator()(const diff::DropIndex& c) const {
        // Made again concurrently (AddIndex): dropped concurrently just before, after the main
        // transaction, rather than leaving the table without it from COMMIT until the build ends.
        // So is the INVALID index a failed build left.
        if (c.replaced && !c.replaces_unique && builds_concurrently(ctx, c.table))
            return Rendered{{plan::Statement("DROP INDEX CONCURRENTLY IF EXISTS " + qualified({c.table.schema, c.index.name}))
                                 .in(plan::Phase::AfterTransaction, plan::LockWait::Long)}};
        return Rendered{{"DROP INDEX IF EXISTS " + qualified({c.table.schema, c.index.name})}};
    }
    Rendered operator()(const diff::DropConstraint& c) const { return Rendered{{drop_constraint_sql(c.table, c.name)}}; }
    Rendered operator()(const diff::DropView& c) const {
        if (c.view.materialized && c.replaced)  // its rows are computed again by the CreateView that follows
            return Rendered{{"DROP MATERIALIZED VIEW IF EXISTS " + qualified(c.view.ref)}};
        if (c.view.materialized)
            return Rendered{{{"DROP MATERIALIZED VIEW IF EXISTS " + qualified(c.view.ref),
                              {{plan::HazardKind::DeletesData, "deletes materialized view " + c.view.ref.display() + " and the rows it holds"}}}}};
        return Rendered{{"DROP VIEW IF EXISTS " + qualified(c.view.ref)}};
    }
    Rendered operator()(const diff::DropSequence& c) const {
        return Rendered{{{"DROP SEQUENCE IF EXISTS " + qualified(c.sequence.ref),
                          {{plan::HazardKind::DeletesData, "deletes sequence " + c.sequence.ref.display() + " and its current value"}}}}};
    }
    Rendered operator()(const diff::DropEnum& c) const { return Rendered{{"DROP TYPE IF EXISTS " + qualified(c.type.ref)}}; }
    Rendered operator()(const diff::DropDomain& c) const { return Rendered{{"DROP DOMAIN IF EXISTS " + qualified(c.domain.ref)}}; }
    // IF EXISTS: run again after the rename, the old name is gone and nothing happens.
    Rendered operator()(const diff::RenameTable& c) const {
        return Rendered{{"ALTER TABLE IF EXISTS " + qualified(c.from) + " RENAME TO " + quote_double(c.to)}};
    }
    Rendered operator()(const diff::RenameColumn& c) const {
        return Rendered{{when_column(c.table, c.from, "",
                                     "ALTER TABLE " + qualified(c.table) + " RENAME COLUMN " + quote_double(c.from) + " TO " + quote_double(c.to))}};
    }
    Rendered operator()(const diff::RenameIndex& c) const {
        return Rendered{{"ALTER INDEX IF EXISTS " + qualified({c.table.schema, c.from}) + " RENAME TO " + quote_double(c.to)}};
    }
    Rendered operator()(const diff::CreateTable& c) const {
        const model::Table& t = c.table;
        if (t.without_rowid || t.strict)
            return Rendered::refusal("table " + t.ref.display() + " declares " + (t.strict ? "strict" : "without_rowid") + ", which only SQLite has");
        for (const auto& col : t.columns)
            if (auto why = sqlite_only(t.ref, col); !why.empty()) return Rendered::refusal(why);
        std::vector<std::string> items;
        // A partition takes its columns from its parent; it lists its own constraints, and the
        // NOT NULL and defaults its columns declare (WITH OPTIONS), which it may have where its
        // parent has none. (What the parent has too is taken again, to the same effect.)
        if (!t.partition_of)
            for (const auto& col : t.columns) items.push_back(column_definition(col, t.ref));
        else
            for (const auto& col : t.columns)
                if (!col.nullable || col.default_value)
                    items.push_back(quote_double(col.name) + " WITH OPTIONS" + (col.default_value ? " DEFAULT " + col.default_value->text : "") +
                                    (col.nullable ? "" : " NOT NULL"));
        if (!t.primary_key.empty())
            items.push_back("CONSTRAINT " + quote_double(t.primary_key_name) + " PRIMARY KEY (" + column_list(t.primary_key) + ")" +
                            t.primary_key_deferral.sql());
        for (const auto& u : t.uniques)
            items.push_back(unique_clause(u));
        for (const auto& x : t.exclusions)
            items.push_back("CONSTRAINT " + quote_double(x.name) + " EXCLUDE " + x.definition.text + x.deferral.sql());
        // CREATE TABLE validates every constraint it lists (the table is empty), whatever NOT VALID
        // says: NOT VALID ones are added after it, as ALTER TABLE would have.
        for (const auto& ch : t.checks)
            if (!ch.not_valid) items.push_back(check_clause(ch));
        for (const auto& fk : t.foreign_keys)
            if (!fk.not_valid) items.push_back("CONSTRAINT " + quote_double(fk.name) + " " + foreign_key_clause(fk));
        std::string sql = "CREATE TABLE IF NOT EXISTS " + qualified(t.ref);
        if (t.partition_of) sql += " PARTITION OF " + qualified(*t.partition_of);
        if (!items.empty() || !t.partition_of) {
            sql += " (";
            for (std::size_t i = 0; i < items.size(); ++i) sql += (i ? ",\n    " : "\n    ") + items[i];
            sql += "\n)";
        }
        if (t.partition_of) sql += " " + t.partition_bound.text;
        if (t.partition_by) sql += " PARTITION BY " + t.partition_by->text;
        Rendered r;
        for (const auto& col : t.columns)
            if (!t.partition_of && serial_with_named_sequence(col)) r.statements.push_back(create_serial_sequence(t.ref, col));
        r.statements.push_back(sql);
        for (const auto& col : t.columns)
            if (!t.partition_of && serial_with_named_sequence(col))
                r.statements.push_back(sequence_owned_by({t.ref.schema, col.sequence}, t.ref, col.name));
        for (const auto& ch : t.checks)
            if (ch.not_valid) r.statements.push_back(guarded_add_constraint(t.ref, named_guard(ch.name), check_clause(ch)));
        for (const auto& fk : t.foreign_keys)
            if (fk.not_valid)
                r.statements.push_back(guarded_add_constraint(t.ref, named_guard(fk.name),
                                                              "CONSTRAINT " + quote_double(fk.name) + " " + foreign_key_clause(fk)));
        if (t.comment) r.statements.push_back(comment_on({diff::CommentOn::Table, t.ref, "", *t.comment}));
        for (const auto& col : t.columns)
            if (col.comment) r.statements.push_back(comment_on({diff::CommentOn::Column, t.ref, col.name, *col.comment}));
        return r;
    }
    Rendered operator()(const diff::AddColumn& c) const {
        if (auto why = sqlite_only(c.table, c.column); !why.empty()) return Rendered::refusal(why);
        plan::Statement add("ALTER TABLE " + qualified(c.table) + " ADD COLUMN IF NOT EXISTS " + column_definition(c.column, c.table));
        if (!c.column.nullable && !c.column.default_value && !c.column.is_serial() && c.column.identity == model::Identity::None &&
            !c.column.generated)
            add.hazards.push_back({plan::HazardKind::MayFail,
                                   "adds a NOT NULL column without a default: fails if " + c.table.display() + " has rows"});
        Rendered r{{std::move(add)}};
        if (serial_with_named_sequence(c.column)) {
            r.statements.insert(r.statements.begin(), create_serial_sequence(c.table, c.column));
            r.statements.push_back(sequence_owned_by({c.table.schema, c.column.sequence}, c.table, c.column.name));
        }
        if (c.column.comment) r.statements.push_back(comment_on({diff::CommentOn::Column, c.table, c.column.name, *c.column.comment}));
        return r;
    }
    Rendered operator()(const diff::AddPrimaryKey& c) const {
        return Rendered{{{guarded_add_constraint(c.table, "contype = 'p'",
                                                "CONSTRAINT " + quote_double(c.name) + " PRIMARY KEY (" + column_list(c.columns) + ")" +
                                                    c.deferral.sql()),
                         {{plan::HazardKind::BlocksWrites, "builds an index on " + c.table.display() + " while holding an exclusive lock"}}}}};
    }
    // Only ever on a table that exists (a new table's are in its CREATE TABLE). On one with rows:
    // its index built concurrently after the main transaction, then made the constraint (ADD
    // CONSTRAINT … USING INDEX: a short ACCESS EXCLUSIVE lock, no scan).
    Rendered operator()(const diff::AddUnique& c) const {
        if (!c.replaces && builds_concurrently(ctx, c.table)) {
            model::Index index = model::Index::on_columns(c.unique.name, c.unique.columns, true);
            index.nulls_distinct = c.unique.nulls_distinct;
            Rendered r = build_index_concurrently(c.table, index);
            r.statements.push_back(plan::Statement(guarded_add_constraint(c.table, named_guard(c.unique.name),
                                                                          "CONSTRAINT " + quote_double(c.unique.name) + " UNIQUE USING INDEX " +
                                                                              quote_double(c.unique.name) + c.unique.deferral.sql()))
                                       .in(plan::Phase::AfterTransaction));
            return r;
        }
        return Rendered{{{guarded_add_constraint(c.table, named_guard(c.unique.name), unique_clause(c.unique)),
                          {{plan::HazardKind::BlocksWrites, "builds an index on " + c.table.display() + " while holding an exclusive lock"},
                           {plan::HazardKind::MayFail, "fails if " + c.table.display() + " holds duplicates"}}}}};
    }
    // On a table that has rows: added NOT VALID (a short lock, no scan), then validated in a
    // statement of its own (a scan that lets reads and writes go on), unless the model wants it
    // NOT VALID. Issue 12 runs the validation outside the lock of the main transaction.
    Rendered operator()(const diff::AddCheck& c) const {
        if (!c.on_existing_table) return Rendered{{guarded_add_constraint(c.table, named_guard(c.check.name), check_clause(c.check))}};
        model::Check unvalidated = c.check;
        unvalidated.not_valid = true;
        Rendered r{{guarded_add_constraint(c.table, named_guard(c.check.name), check_clause(unvalidated))}};
        if (!c.check.not_valid) r.statements.push_back(validate(c.table, c.check.name, ctx));
        return r;
    }
    // CREATE INDEX CONCURRENTLY: writes go on while it builds. It cannot run in a transaction
    // block, so it runs after the main transaction, on its own; its SHARE UPDATE EXCLUSIVE lock
    // blocks no reader or writer, so it may wait long for it (and it waits for transactions
    // older than it to end). A build that fails leaves an INVALID index: the next plan drops
    // and builds it again.
    Rendered build_index_concurrently(const model::TableRef& table, const model::Index& i) const {
        plan::Statement build(index_sql(table, i, true),
                              {{plan::HazardKind::LongRunning, "builds index " + i.name + " on " + table.display() +
                                                                   " concurrently: reads and writes go on; it scans the table twice, "
                                                                   "after waiting for the transactions older than it to end"}});
        if (i.unique)
            build.hazards.push_back({plan::HazardKind::MayFail, "fails if " + table.display() +
                                                                     " holds duplicates, leaving an INVALID index that the next apply "
                                                                     "drops and builds again"});
        Rendered r{{std::move(build).in(plan::Phase::AfterTransaction, plan::LockWait::Long)}};
        if (i.comment)
            r.statements.push_back(plan::Statement(comment_on({diff::CommentOn::Index, table, i.name, *i.comment})).in(plan::Phase::AfterTransaction));
        return r;
    }
    static std::string index_sql(const model::TableRef& table, const model::Index& i, bool concurrently) {
        std::string sql = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "") +
                          "IF NOT EXISTS " + quote_double(i.name) + " ON " + qualified(table);
        if (i.method != "btree") sql += " USING " + i.method;
        sql += " (";
        for (std::size_t k = 0; k < i.keys.size(); ++k) {
            const auto& key = i.keys[k];
            sql += k ? ", " : "";
            sql += key.expression ? "(" + key.expression->text + ")" : quote_double(key.column);
            if (!key.collation.empty()) sql += " COLLATE " + quote_double(key.collation);
            if (!key.opclass.empty()) sql += " " + key.opclass;
            if (key.descending) sql += " DESC";
            if (key.nulls_first != key.descending) sql += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        }
        sql += ")";
        if (!i.include.empty()) sql += " INCLUDE (" + column_list(i.include) + ")";
        if (!i.nulls_distinct) sql += " NULLS NOT DISTINCT";
        for (std::size_t k = 0; k < i.with.size(); ++k) {
            const auto eq = i.with[k].find('=');
            sql += (k ? ", " : " WITH (") + i.with[k].substr(0, eq) + "=" + quote_literal(i.with[k].substr(eq + 1));
        }
        if (!i.with.empty()) sql += ")";
        if (i.where) sql += " WHERE (" + i.where->text + ")";
        return sql;
    }
    Rendered operator()(const diff::AddIndex& c) const {
        const auto& i = c.index;
        if (c.on_existing_table && !c.replaces_unique && builds_concurrently(ctx, c.table)) return build_index_concurrently(c.table, i);
        plan::Statement build(index_sql(c.table, i, false));
        if (c.on_existing_table)
            build.hazards.push_back({plan::HazardKind::BlocksWrites, "builds index " + i.name + " on " + c.table.display() +
                                                                         " while holding a SHARE lock: writes to it wait until COMMIT"});
        Rendered r{{std::move(build)}};
        if (i.comment) r.statements.push_back(comment_on({diff::CommentOn::Index, c.table, i.name, *i.comment}));
        return r;
    }
    Rendered operator()(const diff::CreateEnum& c) const {
        std::string values;
        for (const auto& v : c.type.values) values += (values.empty() ? "" : ", ") + quote_literal(v);
        return Rendered{{guarded_create_type(c.type.ref, 'e', "CREATE TYPE " + qualified(c.type.ref) + " AS ENUM (" + values + ")")}};
    }
    Rendered operator()(const diff::AddEnumValue& c) const {
        return Rendered{{{"ALTER TYPE " + qualified(c.type) + " ADD VALUE IF NOT EXISTS " + quote_literal(c.value) +
                             (c.before ? " BEFORE " : " AFTER ") + quote_literal(c.neighbour),
                         {{plan::HazardKind::CommitsFirst,
                           "commits before the main transaction (PostgreSQL cannot use an enum value in the transaction "
                           "that adds it); values are additive, so this is safe to leave if the rest fails"}},
                         plan::Phase::BeforeTransaction}}};
    }
    Rendered operator()(const diff::CreateSequence& c) const {
        const auto& s = c.sequence;
        std::string sql = "CREATE SEQUENCE IF NOT EXISTS " + qualified(s.ref) + " AS " + s.type;
        if (s.increment) sql += " INCREMENT BY " + std::to_string(*s.increment);
        if (s.min_value) sql += " MINVALUE " + std::to_string(*s.min_value);
        if (s.max_value) sql += " MAXVALUE " + std::to_string(*s.max_value);
        if (s.start) sql += " START WITH " + std::to_string(*s.start);
        if (s.cache) sql += " CACHE " + std::to_string(*s.cache);
        if (s.cycle) sql += *s.cycle ? " CYCLE" : " NO CYCLE";
        return Rendered{{sql}};
    }
    Rendered operator()(const diff::CreateDomain& c) const {
        const auto& d = c.domain;
        std::string create = "CREATE DOMAIN " + qualified(d.ref) + " AS " + d.type;
        if (d.default_value) create += " DEFAULT " + d.default_value->text;
        if (!d.nullable) create += " NOT NULL";
        for (const auto& ch : d.checks) create += " CONSTRAINT " + quote_double(ch.name) + " CHECK (" + ch.expression.text + ")";
        return Rendered{{guarded_create_type(d.ref, 'd', create)}};
    }
    Rendered operator()(const diff::CreateView& c) const {
        const auto& v = c.view;
        if (v.materialized) {
            Rendered r{{{"CREATE MATERIALIZED VIEW IF NOT EXISTS " + qualified(v.ref) + " AS " + v.definition.text,
                         {{plan::HazardKind::LongRunning, "fills the materialized view now, running its query once"}}}}};
            if (v.comment) r.statements.push_back(comment_on({diff::CommentOn::MaterializedView, v.ref, "", *v.comment}));
            for (const auto& idx : v.indexes) {
                Rendered i = (*this)(diff::AddIndex{v.ref, idx, std::nullopt, false});
                r.statements.insert(r.statements.end(), i.statements.begin(), i.statements.end());
            }
            return r;
        }
        // CREATE OR REPLACE would overwrite a view someone changed; only create a missing one.
        Rendered r{{create_unless("SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
                                  "                   WHERE n.nspname = " + quote_literal(v.ref.schema) + " AND c.relname = " +
                                      quote_literal(v.ref.name),
                                  "CREATE VIEW " + qualified(v.ref) + " AS " + v.definition.text)}};
        if (v.comment) r.statements.push_back(comment_on({diff::CommentOn::View, v.ref, "", *v.comment}));
        return r;
    }
    Rendered operator()(const diff::AddExclusion& c) const {
        return Rendered{{{guarded_add_constraint(c.table, named_guard(c.exclusion.name),
                                                "CONSTRAINT " + quote_double(c.exclusion.name) + " EXCLUDE " + c.exclusion.definition.text +
                                                    c.exclusion.deferral.sql()),
                         {{plan::HazardKind::BlocksWrites, "builds an index on " + c.table.display() + " while holding an exclusive lock"}}}}};
    }
    Rendered operator()(const diff::CreateFunction& c) const {
        Rendered r{{plan::Statement(kNoBodyChecks), plan::Statement(create_function_sql(c.function))}};
        if (c.function.comment && !c.function.comment->empty())
            r.statements.push_back(comment_on({c.function.procedure ? diff::CommentOn::Procedure : diff::CommentOn::Function, c.function.ref,
                                               c.function.signature_types(), *c.function.comment}));
        return r;
    }
    Rendered operator()(const diff::ReplaceFunction& c) const { return Rendered{{plan::Statement(kNoBodyChecks), plan::Statement(create_function_sql(c.to))}}; }
    Rendered operator()(const diff::DropFunction& c) const {
        const model::Function& f = c.function;
        const std::string kind = f.procedure ? "procedure " : "function ";
        return Rendered{{{std::string("DROP ") + (f.procedure ? "PROCEDURE" : "FUNCTION") + " IF EXISTS " + qualified(f.ref) + "(" +
                              f.signature_types() + ")",
                          {{plan::HazardKind::MayFail, "fails if anything depends on " + kind + f.signature() +
                                                           " (a view, a default, an index, a trigger): PostgreSQL names it"}}}}};
    }
    Rendered operator()(const diff::CreateAggregate& c) const {
        Rendered r{{plan::Statement(create_aggregate_sql(c.aggregate))}};
        if (c.aggregate.comment && !c.aggregate.comment->empty())
            r.statements.push_back(comment_on({diff::CommentOn::Aggregate, c.aggregate.ref, c.aggregate.signature_types(), *c.aggregate.comment}));
        return r;
    }
    Rendered operator()(const diff::ReplaceAggregate& c) const { return Rendered{{plan::Statement(create_aggregate_sql(c.to))}}; }
    Rendered operator()(const diff::DropAggregate& c) const {
        return Rendered{{{"DROP AGGREGATE IF EXISTS " + qualified(c.aggregate.ref) + "(" + c.aggregate.signature_types() + ")",
                          {{plan::HazardKind::MayFail, "fails if a view depends on aggregate " + c.aggregate.signature() + ": PostgreSQL names it"}}}}};
    }
    Rendered operator()(const diff::CreateTrigger& c) const {
        if (c.trigger.body) return no_trigger_body(c.table, c.trigger);
        Rendered r{{plan::Statement(guarded_create_trigger(c.table, c.trigger))}};
        if (c.trigger.state != "enabled") r.statements.push_back(trigger_state_sql(c.table, c.trigger));
        if (c.trigger.comment && !c.trigger.comment->empty())
            r.statements.push_back(comment_on({diff::CommentOn::Trigger, c.table, c.trigger.name, *c.trigger.comment}));
        return r;
    }
    // OR REPLACE keeps the trigger (its comment, what depends on it) and swaps its definition
    // under the table's lock in one statement.
    Rendered operator()(const diff::ReplaceTrigger& c) const {
        if (c.to.body) return no_trigger_body(c.table, c.to);
        Rendered r;
        const bool redefined = !c.from.same_definition(c.to);
        if (redefined) r.statements.push_back(create_trigger_sql(c.table, c.to, true));
        if (c.from.state != c.to.state || (redefined && c.to.state != "enabled")) r.statements.push_back(trigger_state_sql(c.table, c.to));
        return r;
    }
    Rendered operator()(const diff::DropTrigger& c) const {
        return Rendered{{"DROP TRIGGER IF EXISTS " + quote_double(c.trigger.name) + " ON " + qualified(c.table)}};
    }
    Rendered operator()(const diff::CreatePolicy& c) const {
        Rendered r{{plan::Statement(guarded_create_policy(c.table, c.policy))}};
        if (c.policy.comment && !c.policy.comment->empty())
            r.statements.push_back(comment_on({diff::CommentOn::Policy, c.table, c.policy.name, *c.policy.comment}));
        return r;
    }
    // Setting the same roles and expressions again changes nothing: idempotent as it stands.
    Rendered operator()(const diff::ReplacePolicy& c) const {
        return Rendered{{"ALTER POLICY " + quote_double(c.to.name) + " ON " + qualified(c.table) + policy_roles(c.to) + policy_expressions(c.to)}};
    }
    Rendered operator()(const diff::DropPolicy& c) const {
        return Rendered{{"DROP POLICY IF EXISTS " + quote_double(c.policy.name) + " ON " + qualified(c.table)}};
    }
    Rendered operator()(const diff::SetRowSecurity& c) const {
        Rendered r;
        const std::string alter = "ALTER TABLE " + qualified(c.table);
        if (c.from_enabled != c.to_enabled) r.statements.push_back(alter + (c.to_enabled ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        if (c.from_forced != c.to_forced) r.statements.push_back(alter + (c.to_forced ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        return r;
    }
    // GRANT and REVOKE change nothing when run again: idempotent as they stand.
    Rendered operator()(const diff::GrantPrivileges& c) const {
        return Rendered{{"GRANT " + privilege_list(c.privileges, c.object) + grant_target(c.object) + " TO " + grantee(c.role) +
                         (c.with_grant_option ? " WITH GRANT OPTION" : "")}};
    }
    Rendered operator()(const diff::RevokePrivileges& c) const {
        return Rendered{{"REVOKE " + std::string(c.grant_option_only ? "GRANT OPTION FOR " : "") + privilege_list(c.privileges, c.object) +
                         grant_target(c.object) + " FROM " + grantee(c.role)}};
    }
    // ALTER DEFAULT PRIVILEGES changes nothing when run again: idempotent as it stands.
    Rendered operator()(const diff::GrantDefaultPrivileges& c) const {
        return Rendered{{default_privileges_prefix(c.of) + "GRANT " + privilege_list(c.privileges, {}) + " ON " +
                         model::upper_ascii(model::default_privileges_kind(c.of.on)) + " TO " + grantee(c.role) +
                         (c.with_grant_option ? " WITH GRANT OPTION" : "")}};
    }
    Rendered operator()(const diff::RevokeDefaultPrivileges& c) const {
        return Rendered{{default_privileges_prefix(c.of) + "REVOKE " + std::string(c.grant_option_only ? "GRANT OPTION FOR " : "") +
                         privilege_list(c.privileges, {}) + " ON " + model::upper_ascii(model::default_privileges_kind(c.of.on)) +
                         " FROM " + grantee(c.role)}};
    }
    // Setting the same owner again changes nothing: idempotent as it stands. (ALTER TABLE takes
    // views and sequences too, but a materialized view only its own ALTER.)
    Rendered operator()(const diff::SetOwner& c) const {
        const char* what = "TABLE";
        switch (c.kind) {
            case diff::OwnedKind::Schema: what = "SCHEMA"; break;
            case diff::OwnedKind::Table: what = "TABLE"; break;
            case diff::OwnedKind::View: what = "VIEW"; break;
            case diff::OwnedKind::MaterializedView: what = "MATERIALIZED VIEW"; break;
            case diff::OwnedKind::Sequence: what = "SEQUENCE"; break;
            case diff::OwnedKind::Function: what = "FUNCTION"; break;
            case diff::OwnedKind::Procedure: what = "PROCEDURE"; break;
            case diff::OwnedKind::Aggregate: what = "AGGREGATE"; break;
            case diff::OwnedKind::Enum: what = "TYPE"; break;
            case diff::OwnedKind::Domain: what = "DOMAIN"; break;
        }
        const model::ObjectPrivileges& o = c.object;
        std::string name = o.on == model::GrantOn::Schema ? quote_double(o.ref.schema) : qualified(o.ref);
        if (o.on == model::GrantOn::Routine) name += "(" + o.arguments + ")";  // an aggregate over no column: (*)
        return Rendered{{std::string("ALTER ") + what + " " + name + " OWNER TO " + quote_double(c.to)}};
    }
    Rendered operator()(const diff::SetComment& c) const { return Rendered{{comment_on(c)}}; }
    // Setting the same owner again changes nothing: idempotent as it stands.
    Rendered operator()(const diff::SetSequenceOwner& c) const {
        return Rendered{{sequence_owned_by(c.sequence, {c.sequence.schema, c.owner.table}, c.owner.column)}};
    }
    Rendered operator()(const diff::CreateSchema& c) const {
        return Rendered{{"CREATE SCHEMA IF NOT EXISTS " + quote_double(c.name)}};
    }
    Rendered operator()(const diff::CreateExtension& c) const {
        std::string sql = "CREATE EXTENSION IF NOT EXISTS " + quote_double(c.extension.name);
        if (!c.extension.schema.empty()) sql += " WITH SCHEMA " + quote_double(c.extension.schema);
        return Rendered{{sql}};
    }
    Rendered operator()(const diff::AddForeignKey& c) const {
        model::ForeignKey added = c.foreign_key;
        added.not_valid = added.not_valid || c.on_existing_table;
        Rendered r{{guarded_add_constraint(c.table, named_guard(added.name), "CONSTRAINT " + quote_double(added.name) + " " + foreign_key_clause(added))}};
        if (c.on_existing_table && !c.foreign_key.not_valid) r.statements.push_back(validate(c.table, c.foreign_key.name, ctx));
        return r;
    }
};

}  // namespace

Rendered PostgresDialect::render(const diff::Change& change, const RenderContext& context) const {
    return std::visit(Renderer{context}, change);
}

diff::Hooks PostgresDialect::diff_hooks() const {
    return diff::Hooks{[](const std::string& a, const std::string& b) { return a == b; }, true,
                       [this](const diff::Change& change) { return render(change).unsupported.empty(); }};
}

ApplyLockStatements PostgresDialect::apply_lock() const {
    const std::string key = std::to_string(postgres::kApplyLockKey);
    return {"SELECT pg_catalog.pg_try_advisory_lock(" + key + ")", "SELECT pg_catalog.pg_advisory_unlock(" + key + ")"};
}

}  // namespace reconcile::dialect
