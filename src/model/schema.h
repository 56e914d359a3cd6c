#pragma once
// The dialect-neutral schema model. Both sides of a comparison — the TOML the team wrote and the
// catalog the database has — become these plain values before anything is compared. Values are
// normalised when they enter (loader, introspectors): the diff compares plain fields only.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace reconcile::model {

// A SQL expression as written (rendered into DDL verbatim) and its canonical form (compared).
struct Expression {
    std::string text;       // what goes into DDL
    std::string canonical;  // see normalize.h: canonical_expression()
};

// An expression, or a view's query, as it enters the model (from a file or a catalog): its text
// with a newline after a trailing "--" comment (sql_text_closed), and its canonical form.
Expression expression_from(std::string text);
Expression query_from(std::string text);
// A SQLite trigger's body (the statements between BEGIN and END), white space around it trimmed:
// the renderer writes it between "BEGIN\n" and "\nEND", and the catalog gives it back as written.
// Its canonical form, and a SQLite trigger's WHEN's (sqlite_expression_from), keep every token:
// white space, comments and the case of words aside.
Expression trigger_body_from(std::string text);
Expression sqlite_expression_from(std::string text);

enum class Identity { None, Always, ByDefault };  // GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY

// The options of an identity column's sequence (START WITH, INCREMENT BY, MINVALUE, MAXVALUE,
// CACHE, CYCLE). Normalised where they enter (identity_options_normalised): an option equal
// to what PostgreSQL would choose for the column's type and direction is unset, so a model that
// says nothing and a database made with the defaults compare equal, and any other value differs.
struct IdentityOptions {
    std::optional<long long> start, increment, min_value, max_value, cache;
    bool cycle = false;
    bool operator==(const IdentityOptions& o) const {
        return start == o.start && increment == o.increment && min_value == o.min_value && max_value == o.max_value &&
               cache == o.cache && cycle == o.cycle;
    }
    bool operator!=(const IdentityOptions& o) const { return !(*this == o); }
    bool any() const { return start || increment || min_value || max_value || cache || cycle; }
    std::string sql() const;  // " (START WITH -10 INCREMENT BY -2 ...)", "" when all are defaults
};
// `options` with every value PostgreSQL would choose for an identity column of `type`
// (smallint, integer, bigint) unset.
IdentityOptions identity_options_normalised(IdentityOptions options, const std::string& type);

// A sequence's options as PostgreSQL takes them for `type` (smallint, integer, bigint): each one
// left out is its default (ascending from 1 to the type's maximum, descending from -1 to its
// minimum, starting at the end it counts from, cache 1). One rule for sequences and identities.
struct SequenceValues {
    long long start, increment, min_value, max_value, cache;
};
SequenceValues effective_sequence(const std::string& type, std::optional<long long> start, std::optional<long long> increment,
                                  std::optional<long long> min_value, std::optional<long long> max_value,
                                  std::optional<long long> cache);
inline SequenceValues effective_sequence(const IdentityOptions& o, const std::string& type) {
    return effective_sequence(type, o.start, o.increment, o.min_value, o.max_value, o.cache);
}
// The smallest and largest value of an integer type (smallint, integer, bigint).
std::pair<long long, long long> integer_bounds(const std::string& type);

struct Column {
    std::string name;
    std::string type;  // canonical type name, see normalize.h: canonical_type()
    // The type as written: the model's `type`, SQLite's declared type ("" for a column declared
    // without one). SQLite keeps it as written and shows it back (.schema), so it is made as
    // written there; unset in PostgreSQL's catalog, which keeps only the canonical type.
    std::optional<std::string> declared_type;
    bool nullable = true;
    // NOT NULL was written (the model's nullable = false; SQLite's notnull), not only implied by
    // the primary key. Only SQLite's INTEGER PRIMARY KEY tells the two apart: there it is
    // written only when declared.
    bool not_null_written = false;
    std::optional<Expression> default_value;
    Identity identity = Identity::None;
    IdentityOptions identity_options;     // when identity is not None
    std::optional<Expression> generated;  // GENERATED ALWAYS AS (expression) STORED
    bool generated_virtual = false;       // VIRTUAL instead of STORED (SQLite)
    bool autoincrement = false;           // INTEGER PRIMARY KEY AUTOINCREMENT (SQLite)
    std::string collation;                // COLLATE; "" = the type's default
    std::optional<std::string> comment;   // COMMENT ON COLUMN; unset = not managed
    // serial types: the sequence's name when it is not the one serial would choose
    // (<table>_<column>_seq); a table renamed after it was made keeps its old sequence name.
    // Introspection also sets it on an integer column whose default draws from a sequence the
    // column owns but serial would not have made (other options): a model's serial matches it.
    std::string sequence;
    // Models only: the name the column has in a database that has not been told of its new
    // name (ALTER TABLE … RENAME COLUMN), and the USING expression that converts the old
    // values when its type changes and the cast is not implicit.
    std::string renamed_from;
    std::optional<Expression> using_expression;
    SourceLoc loc;

    bool is_serial() const { return type == "serial" || type == "bigserial" || type == "smallserial"; }
};

// Whether a column as the catalog reads it draws by default from a sequence it owns: it reads
// as serial, or as an integer column with that sequence (other options than serial's).
inline bool owns_its_sequence(const Column& c) { return c.is_serial() || (!c.sequence.empty() && c.default_value.has_value()); }

// serial → integer, bigserial → bigint, smallserial → smallint (what the column is made of),
// and back ("" for a type that has no serial).
std::string serial_integer_type(const std::string& serial_type);
std::string serial_type_for(const std::string& integer_type);
// The sequence a serial column of `table` draws from: its `sequence`, else the one serial
// makes (<table>_<column>_seq, cut as PostgreSQL cuts names).
std::string serial_sequence_name(const std::string& table, const Column& column);

const char* to_sql(Identity identity);  // "GENERATED ALWAYS AS IDENTITY", ... ("" for None)

// DEFERRABLE [INITIALLY DEFERRED]: when a key or foreign key is checked.
struct Deferral {
    bool deferrable = false;
    bool initially_deferred = false;
    bool operator==(const Deferral& o) const { return deferrable == o.deferrable && initially_deferred == o.initially_deferred; }
    bool operator!=(const Deferral& o) const { return !(*this == o); }
    std::string sql() const;  // "", " DEFERRABLE" or " DEFERRABLE INITIALLY DEFERRED"
};

struct UniqueConstraint {
    std::string name;
    std::vector<std::string> columns;
    SourceLoc loc;
    Deferral deferral;
    std::string renamed_from = {};  // models only: ALTER TABLE … RENAME CONSTRAINT from this name
    bool nulls_distinct = true;     // false: UNIQUE NULLS NOT DISTINCT (PostgreSQL 15)
};

// EXCLUDE: e.g. definition "USING gist (room WITH =, during WITH &&)" (PostgreSQL).
struct Exclusion {
    std::string name;
    Expression definition;  // everything after EXCLUDE
    Deferral deferral;
    SourceLoc loc;
    std::string renamed_from = {};  // models only, as for UniqueConstraint
};

// One key of an index: a column or an expression, with how it is ordered and compared.
struct IndexKey {
    std::string column;                    // a column name; empty for an expression key
    std::optional<Expression> expression;  // an expression key: lower(email)
    std::string collation;                 // COLLATE; "" = the column's own
    std::string opclass;                   // operator class; "" = the type's default
    bool descending = false;
    // Resolved as PostgreSQL resolves it when omitted: NULLS FIRST for DESC, LAST for ASC.
    bool nulls_first = false;

    bool is_plain_column() const {
        return !expression && collation.empty() && opclass.empty() && !descending && !nulls_first;
    }
    std::string display() const;  // email, lower(email) DESC, name COLLATE "C" text_pattern_ops
    bool same_as(const IndexKey& other) const;  // expressions by canonical form
};

struct Index {
    std::string name;
    std::vector<IndexKey> keys;
    bool unique = false;
    std::string method = "btree";          // USING: btree, hash, gin, gist, brin, spgist, ...
    std::vector<std::string> include;      // INCLUDE (...): stored, not searched
    // WITH (...): storage parameters as name=value, the name in lower case and the value
    // unquoted (fastupdate=false), in declaration order; see storage_parameter().
    std::vector<std::string> with;
    std::optional<Expression> where;       // the predicate of a partial index
    bool nulls_distinct = true;            // false: UNIQUE NULLS NOT DISTINCT (PostgreSQL 15)
    // Set by introspection when the definition has parts this model cannot express (storage
    // parameters, a definition that could not be read); the diff then reports it as differing.
    std::optional<std::string> unsupported_definition;
    std::optional<std::string> comment;  // COMMENT ON INDEX; unset = not managed
    // Introspection only: the partitioned table's index this partition's index is attached to.
    // Creating that parent index makes one on each partition, so the model need not declare it.
    std::string attached_to;
    // Introspection only: false for an INVALID index, which a failed CREATE INDEX CONCURRENTLY
    // leaves behind. It is kept up to date by writes but no query uses it: never in sync.
    bool valid = true;
    std::string renamed_from;  // models only: ALTER INDEX … RENAME from this name
    SourceLoc loc;

    // A b-tree index on plain columns, the common case.
    static Index on_columns(std::string name, const std::vector<std::string>& columns, bool unique);

    // The columns the index reads by name: plain and decorated column keys, then INCLUDE.
    std::vector<std::string> referenced_columns() const;
    // Keys as "a, b": only meaningful when every key is a plain column.
    std::vector<std::string> key_names() const;
    bool same_definition(const Index& other) const;  // everything but the name
    std::string display() const;  // unique gin (a, lower(b)) INCLUDE (c) WHERE (d)
};

enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

struct TableRef {
    std::string schema = "public";
    std::string name;
    bool operator==(const TableRef& o) const { return schema == o.schema && name == o.name; }
    bool operator!=(const TableRef& o) const { return !(*this == o); }
    bool operator<(const TableRef& o) const {
        return schema != o.schema ? schema < o.schema : name < o.name;
    }
    std::string display() const;  // "public.users"
};

struct ForeignKey {
    std::string name;
    std::vector<std::string> columns;
    TableRef ref_table;
    std::vector<std::string> ref_columns;
    FkAction on_delete = FkAction::NoAction;
    FkAction on_update = FkAction::NoAction;
    SourceLoc loc;
    Deferral deferral;
    // NOT VALID (PostgreSQL): enforced for new rows, existing rows not checked yet. A validated
    // constraint in the database satisfies a NOT VALID one in the model.
    bool not_valid = false;
    std::string renamed_from = {};  // models only, as for UniqueConstraint
    // MATCH FULL: a key with some columns NULL is refused (MATCH SIMPLE, the default, lets it
    // through). PostgreSQL does not implement MATCH PARTIAL.
    bool match_full = false;
};

struct Check {
    std::string name;
    Expression expression;
    SourceLoc loc;
    bool not_valid = false;  // NOT VALID, as for ForeignKey (table checks only, PostgreSQL)
    std::string renamed_from = {};  // models only (table checks), as for UniqueConstraint
    bool no_inherit = false;        // NO INHERIT: not passed on to child tables (PostgreSQL)
};

// CREATE [CONSTRAINT] TRIGGER on a table (PostgreSQL). Every attribute is a plain value with
// PostgreSQL's default where it enters; the diff compares fields. A trigger a partitioned
// table's trigger made on a partition is the parent's, not one of the partition's own.
struct Trigger {
    std::string name;
    std::string timing = "after";  // before, after, instead of
    // insert, delete, update, truncate: in that order (PostgreSQL's), each at most once.
    std::vector<std::string> events;
    std::vector<std::string> update_of;  // UPDATE OF these columns, in order
    bool for_each_row = false;           // FOR EACH ROW; else FOR EACH STATEMENT
    std::optional<Expression> when;
    TableRef function;                   // PostgreSQL: the trigger function's schema and name
    std::vector<std::string> arguments;  // the strings passed to it (TG_ARGV)
    // SQLite: the statements between BEGIN and END, each ending in ';' (SQLite triggers run
    // SQL, not a function). Set exactly when `function` is not.
    std::optional<Expression> body;
    std::string old_table, new_table;    // REFERENCING OLD TABLE AS … NEW TABLE AS …; "" = none
    bool constraint = false;             // CREATE CONSTRAINT TRIGGER (AFTER … FOR EACH ROW)
    Deferral deferral;                   // a constraint trigger's DEFERRABLE [INITIALLY DEFERRED]
    // enabled (fires in origin and local sessions, PostgreSQL's default), disabled, replica
    // (only when session_replication_role is replica), always.
    std::string state = "enabled";
    std::optional<std::string> comment;  // COMMENT ON TRIGGER; unset = not managed
    // Introspection only: what this model cannot express (a constraint trigger's FROM table);
    // such a trigger is reported as not managed, never compared or dropped.
    std::string unsupported;
    SourceLoc loc;

    // Everything CREATE sets (not the state or the comment).
    bool same_definition(const Trigger& o) const {
        return timing == o.timing && events == o.events && update_of == o.update_of && for_each_row == o.for_each_row &&
               when.has_value() == o.when.has_value() && (!when || when->canonical == o.when->canonical) && function == o.function &&
               arguments == o.arguments && old_table == o.old_table && new_table == o.new_table && constraint == o.constraint &&
               deferral == o.deferral && body.has_value() == o.body.has_value() && (!body || body->canonical == o.body->canonical);
    }
};

// CREATE POLICY on a table (PostgreSQL row-level security). Roles are names as the catalog
// keeps them, sorted, "public" for PUBLIC; the expressions are compared as the server stores them.
struct Policy {
    std::string name;
    bool permissive = true;          // AS PERMISSIVE (PostgreSQL's default) or AS RESTRICTIVE
    std::string command = "all";     // FOR all, select, insert, update, delete
    std::vector<std::string> roles = {"public"};  // TO …
    std::optional<Expression> using_expression;    // USING (…)
    std::optional<Expression> with_check;          // WITH CHECK (…)
    std::optional<std::string> comment;            // COMMENT ON POLICY; unset = not managed
    SourceLoc loc;

    // Whether ALTER POLICY can bring this one to `o`: it cannot change the command or AS
    // PERMISSIVE/RESTRICTIVE, nor take a USING or WITH CHECK away (it only sets them).
    bool alterable_to(const Policy& o) const {
        return permissive == o.permissive && command == o.command && (!using_expression || o.using_expression) && (!with_check || o.with_check);
    }
    bool same_definition(const Policy& o) const {
        auto same = [](const std::optional<Expression>& a, const std::optional<Expression>& b) {
            return a.has_value() == b.has_value() && (!a || a->canonical == b->canonical);
        };
        return permissive == o.permissive && command == o.command && roles == o.roles && same(using_expression, o.using_expression) &&
               same(with_check, o.with_check);
    }
};

// Reference data: rows a table must hold ([[tables.rows]]), reconciled with its schema.
// A value is kept in the input form of its column's type (what the server parses from text),
// made when the model is loaded and checked against the type there (model/rows.h).
enum class ValueKind { Null, Integer, Number, Boolean, Text, Json, Array, Temporal, Bytes };
struct RowValue {
    std::string column;
    ValueKind kind = ValueKind::Null;
    std::string text;  // the input form; "" for Null. Boolean: "true" / "false"
    // Where it was written, in its row's file (DataRow::where): a model may declare 100,000
    // rows, and a SourceLoc per value costs a reference count and 16 bytes each.
    int line = 0;
    int character = 0;
    bool is_null() const { return kind == ValueKind::Null; }
};
struct DataRow {
    std::vector<RowValue> values;  // the columns the row declares, in the order written
    SourceLoc loc;
    // Read from a CSV file (rows_file): every value is text, made into its column's kind by
    // its type when the model is resolved; an empty unquoted field is NULL.
    bool from_text = false;
    const RowValue* find(const std::string& column) const;
    SourceLoc where(const RowValue& v) const { return SourceLoc(loc.file, v.line, v.character); }
};
// insert: only missing rows are added. upsert: missing rows are added and declared columns
// that differ are updated. sync: also rows the model does not declare are deleted (data a
// drop deletes: only with --allow-drop).
enum class DataMode { Insert, Upsert, Sync };
const char* to_string(DataMode mode);
struct TableData {
    DataMode mode = DataMode::Upsert;
    std::vector<std::string> key;  // the columns rows are matched by: data_key, else the primary key
    std::vector<DataRow> rows;     // declaration order
    SourceLoc loc;
    SourceLoc key_loc;             // where data_key was written (unknown: the primary key)
    // rows_file, relative to the working directory: its rows follow `rows` once resolve_rows
    // has read it (every table's file on threads side by side).
    std::optional<std::string> rows_file;
};

struct Table {
    TableRef ref;
    std::vector<Column> columns;       // declaration order
    std::vector<std::string> primary_key;  // column names, key order; empty when none
    std::string primary_key_name;          // empty when unknown/none
    // Models only: the primary key's name was declared (primary_key_name = "…"), not the
    // default <table>_pkey: a database that has it under another name renames it.
    bool primary_key_name_declared = false;
    Deferral primary_key_deferral;  // PRIMARY KEY … DEFERRABLE [INITIALLY DEFERRED]
    std::vector<UniqueConstraint> uniques;
    std::vector<Index> indexes;
    std::vector<ForeignKey> foreign_keys;
    std::vector<Check> checks;
    std::vector<Exclusion> exclusions;
    std::optional<std::string> comment;  // COMMENT ON TABLE; unset = not managed
    // Declarative partitioning (PostgreSQL). A partitioned table: PARTITION BY <partition_by>,
    // e.g. "RANGE (created_at)". A partition: PARTITION OF <partition_of> <partition_bound>,
    // e.g. "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')"; its columns are its parent's.
    bool without_rowid = false;  // SQLite: WITHOUT ROWID
    bool strict = false;         // SQLite: STRICT
    std::optional<Expression> partition_by;
    std::optional<TableRef> partition_of;
    Expression partition_bound;
    std::string renamed_from;  // models only: ALTER TABLE … RENAME from this name (same schema)
    std::vector<Trigger> triggers;  // by name
    // ALTER TABLE … ENABLE / FORCE ROW LEVEL SECURITY (PostgreSQL), and the table's policies.
    bool row_level_security = false;
    bool force_row_level_security = false;
    std::vector<Policy> policies;  // by name
    // Introspection only (SQLite): the CREATE TRIGGER text of the triggers reconcile could not
    // read (reported as not managed), which a table rebuild drops with the old table and so
    // runs again as it was written. The triggers it read are made again from `triggers`.
    std::vector<std::string> unreadable_trigger_sql;
    // Introspection only: what the database sets on this table that the model has no key for
    // (REPLICA IDENTITY FULL, INHERITS (…), a column's STORAGE, …), one phrase each. Reported as
    // not managed, never silently left out (docs/fidelity.md lists them).
    std::vector<std::string> unmanaged;
    // Those of them that making the table again from the model (SQLite's rebuild) would lose.
    std::vector<std::string> lost_by_rebuild;
    // Models only: the rows the table must hold; unset when the model declares none (its rows
    // are then not looked at).
    std::optional<TableData> data;
    SourceLoc loc;

    const Column* find_column(const std::string& name) const;
};

// CREATE EXTENSION: the types, functions and operator classes tables may depend on.
// An index key's COLLATE that names its column's own collation (or "default" on a column with
// none) says nothing: PostgreSQL's pg_get_indexdef leaves it out, and SQLite's index text may
// keep it. Cleared wherever a table enters the model, so both sides read "" for it.
void drop_own_collations(Table& table);

struct Extension {
    std::string name;
    std::string schema;  // WITH SCHEMA; "" = wherever the server puts it (compared only when set)
    SourceLoc loc;
};

// CREATE TYPE … AS ENUM: its labels in sort order.
struct EnumType {
    TableRef ref;  // schema and type name
    std::vector<std::string> values;
    SourceLoc loc;
};

// CREATE SEQUENCE, for sequences a column does not own (serial and identity columns own
// theirs). Unset options are not compared: the server's defaults apply when creating.
// A sequence owned by a column (OWNED BY) that is not a serial column's is declared here too,
// with its owner: dropped with that column, in the same schema as its table.
struct SequenceOwner {
    std::string table, column;  // the table is in the sequence's schema
    bool operator==(const SequenceOwner& o) const { return table == o.table && column == o.column; }
    bool operator!=(const SequenceOwner& o) const { return !(*this == o); }
};

struct Sequence {
    TableRef ref;
    std::string type = "bigint";  // AS smallint | integer | bigint
    std::optional<long long> start, increment, min_value, max_value, cache;
    std::optional<bool> cycle;
    std::optional<SequenceOwner> owned_by;  // unset: owned by no column (or, in a model, not managed)
    SourceLoc loc;
};

// CREATE DOMAIN: a base type with a default, NOT NULL and checks (whose expressions use VALUE).
struct Domain {
    TableRef ref;
    std::string type;  // canonical base type
    bool nullable = true;
    std::optional<Expression> default_value;
    std::vector<Check> checks;
    SourceLoc loc;
};

// A view or materialized view: created when missing; a definition that differs is reported.
struct View {
    TableRef ref;
    Expression definition;  // the SELECT
    bool materialized = false;
    std::vector<Index> indexes;  // materialized views only
    std::optional<std::string> comment;  // COMMENT ON [MATERIALIZED] VIEW; unset = not managed
    // INSTEAD OF triggers (and PostgreSQL's statement-level BEFORE/AFTER ones), by name. They
    // go with the view when it is dropped, so a view made again makes them again.
    std::vector<Trigger> triggers;
    SourceLoc loc;
};

// One argument of a function or procedure. `mode` is as PostgreSQL's proargmodes says it:
// in, out, inout, variadic, or table (a column of RETURNS TABLE (…)).
struct FunctionArgument {
    std::string name;  // "" when unnamed
    std::string mode = "in";
    std::string type;  // canonical (canonical_type)
    std::optional<Expression> default_value;
    bool operator==(const FunctionArgument& o) const {
        return name == o.name && mode == o.mode && type == o.type &&
               default_value.has_value() == o.default_value.has_value() &&
               (!default_value || default_value->canonical == o.default_value->canonical);
    }
    bool operator!=(const FunctionArgument& o) const { return !(*this == o); }
    // Whether it is part of the function's identity (the types a call passes): in, inout and
    // variadic arguments, and a procedure's out arguments (PostgreSQL 14+).
    bool in_signature(bool procedure) const { return mode == "in" || mode == "inout" || mode == "variadic" || (procedure && mode == "out"); }
};

// CREATE FUNCTION / CREATE PROCEDURE. Identity is the schema, name and argument types
// (signature()), so overloads are distinct objects. Every attribute is a plain value with
// PostgreSQL's default filled in where it enters (loader, introspector): the diff compares
// fields. The body is compared as the server keeps it (prosrc), byte for byte.
struct Function {
    TableRef ref;
    bool procedure = false;
    std::vector<FunctionArgument> arguments;  // declaration order, table columns last
    // RETURNS, canonical ("integer", "SETOF film", "trigger"); "" for a procedure and for a
    // function that returns TABLE (…) (its columns are arguments of mode table).
    std::string returns;
    std::string language = "sql";
    std::string volatility = "volatile";  // immutable, stable, volatile
    bool strict = false;
    bool security_definer = false;
    bool leakproof = false;
    std::string parallel = "unsafe";  // unsafe, restricted, safe
    double cost = 100;                // 1 for C and internal functions
    double rows = 0;                  // 1000 for a set-returning function, else 0
    // SET configuration_parameter = value, as the catalog keeps them ("search_path", "public, pg_temp"),
    // sorted by name.
    std::vector<std::pair<std::string, std::string>> settings;
    std::string body;
    // The body is SQL-standard (PostgreSQL 14+: RETURN … or BEGIN ATOMIC … END, written after
    // the attributes instead of AS '…'): parsed when the function is made, so what it names
    // must exist first; read back with pg_get_function_sqlbody.
    bool sql_body = false;
    // A SQL-standard body of the model as this server prints it back (stored_expressions.cpp),
    // what it is compared by; unset: its own text.
    std::optional<std::string> stored_body;
    std::optional<std::string> comment;  // COMMENT ON FUNCTION; unset = not managed
    // Introspection only: what this model cannot express (a C function's object file);
    // such a function is reported as not managed, never compared.
    std::string unsupported;
    // Introspection only: the triggers that call it (their table, and name) and the event
    // triggers (their name, with an empty table).
    struct Caller {
        TableRef table;  // {"", ""} for an event trigger
        std::string trigger;
        bool on_table = true;  // false: a trigger on a foreign table, which the model does not hold
    };
    std::vector<Caller> used_by;
    SourceLoc loc;

    bool returns_set() const;  // SETOF … or TABLE (…)
    // "public.f(integer, text)": the schema, name and the types that identify it.
    std::string signature() const;
    // "integer, text": what DROP FUNCTION and COMMENT ON FUNCTION name it by.
    std::string signature_types() const;
    // Everything but the body, settings and the attributes CREATE OR REPLACE changes: when
    // these differ, the function must be dropped and made again (PostgreSQL refuses to change
    // the return type, a parameter's name or mode, or to remove a default in place).
    bool replaceable_by(const Function& model) const;
};

// CREATE AGGREGATE (an ordinary aggregate). Identity is the schema, name and argument types,
// shared with functions (both live in pg_proc). The functions it names are resolved to their
// schema where it enters.
struct Aggregate {
    TableRef ref;
    std::vector<FunctionArgument> arguments;  // mode in or variadic
    TableRef state_function;                  // SFUNC
    std::string state_type;                   // STYPE, canonical
    std::optional<TableRef> final_function;   // FINALFUNC
    bool final_extra = false;                 // FINALFUNC_EXTRA
    std::optional<TableRef> combine_function, serial_function, deserial_function;
    std::optional<std::string> initial_value;  // INITCOND, as the text the state type reads
    std::string parallel = "unsafe";
    std::optional<std::string> comment;
    // Introspection only: what this model cannot express (an ordered-set aggregate, a moving
    // aggregate, a sort operator); reported as not managed, never compared or dropped.
    std::string unsupported;
    SourceLoc loc;

    std::string signature_types() const;
    std::string signature() const;  // "public.group_concat(text)"
    // Everything CREATE [OR REPLACE] AGGREGATE sets.
    bool operator==(const Aggregate& o) const {
        return ref == o.ref && arguments == o.arguments && state_function == o.state_function && state_type == o.state_type &&
               final_function == o.final_function && final_extra == o.final_extra && combine_function == o.combine_function &&
               serial_function == o.serial_function && deserial_function == o.deserial_function && initial_value == o.initial_value &&
               parallel == o.parallel;
    }
    bool operator!=(const Aggregate& o) const { return !(*this == o); }
};

// One privilege a role holds on an object: "select", "execute", "usage", …; `grantable`: WITH
// GRANT OPTION. Roles by name, "public" for PUBLIC.
struct Privilege {
    std::string role;
    std::string privilege;
    bool grantable = false;
    bool operator==(const Privilege& o) const { return role == o.role && privilege == o.privilege && grantable == o.grantable; }
    bool operator<(const Privilege& o) const {
        return role != o.role ? role < o.role : privilege != o.privilege ? privilege < o.privilege : grantable < o.grantable;
    }
};

// What GRANT names an object by: ON TABLE (tables, partitions, views, materialized views),
// SEQUENCE, ROUTINE (functions, procedures, aggregates), SCHEMA or TYPE (enums, domains).
// Column: one column of a table (GRANT SELECT (col) ON TABLE …), named in `arguments`.
enum class GrantOn { Table, Sequence, Routine, Schema, Type, Column };
const char* to_sql(GrantOn on);  // "TABLE", "SEQUENCE", ...
// The privileges GRANT takes on such an object, in PostgreSQL's order (what "all" means).
const std::vector<std::string>& grantable_privileges(GrantOn on);
// What PUBLIC holds on an object of this kind when no one has granted or revoked anything
// (PostgreSQL's acldefault): EXECUTE on routines, USAGE on types, nothing on the others.
std::vector<std::string> public_default_privileges(GrantOn on);

// The privileges on one object. In a model: what its `grants` key says, for managed roles
// only. From introspection: every role's, the owner's own aside (the owner holds everything
// implicitly), with PostgreSQL's defaults filled in where the catalog has none (NULL acl).
struct ObjectPrivileges {
    GrantOn on = GrantOn::Table;
    TableRef ref;           // a schema: {name, ""}
    std::string arguments;  // a routine's signature types ("integer, text"); a column's name; "" otherwise
    std::vector<Privilege> privileges;  // sorted, each at most once
    // Introspection: the object's owner. A model's Schema::owners: the owner its `owner` key
    // declares (privileges unused there).
    std::string owner;
    SourceLoc loc;
    // "table public.accounts", "routine public.f(integer)", "schema app"
    std::string display() const;
    bool same_object(const ObjectPrivileges& o) const { return on == o.on && ref == o.ref && arguments == o.arguments; }
};

// ALTER DEFAULT PRIVILEGES FOR ROLE `for_role` [IN SCHEMA `schema`]: what PostgreSQL gives on
// the objects of kind `on` (Table: tables and views, Sequence, Routine: functions, Type, Schema)
// that `for_role` makes from then on. In a model: what a [[default_privileges]] entry gives the
// managed roles. From introspection: a pg_default_acl row, the role's own privileges aside (for
// every schema, the row replaces PostgreSQL's built-in defaults; in one schema, it adds to them).
struct DefaultPrivileges {
    std::string for_role;
    std::string schema;  // "" = every schema
    GrantOn on = GrantOn::Table;
    std::vector<Privilege> privileges;  // sorted, each at most once
    SourceLoc loc;
    // "default privileges of role app on tables in schema s"; `subject()` is what follows
    // "default privileges ".
    std::string display() const;
    std::string subject() const;
    bool same_key(const DefaultPrivileges& o) const { return for_role == o.for_role && schema == o.schema && on == o.on; }
    // What PostgreSQL gives where its catalog has no entry: for every schema, PUBLIC's EXECUTE
    // on functions and USAGE on types; in one schema, nothing.
    std::vector<Privilege> built_in() const;
    // Whether it gives the roles in `roles` (sorted) other than built_in() does.
    bool differs_from_built_in(const std::vector<std::string>& roles) const;
};
// Adds `p` to `privileges`, each privilege once per role: grantable when any grant of it is.
void add_privilege(std::vector<Privilege>& privileges, Privilege p);
// "tables", "sequences", "functions", "types", "schemas": the word ALTER DEFAULT PRIVILEGES takes.
const char* default_privileges_kind(GrantOn on);

// An object of a kind reconcile does not model at all (an event trigger, a rule, a cast, an
// operator, a foreign table, a publication, …), found by introspection: listed as not managed
// by kind and name, never compared, made or dropped.
struct UnmodelledObject {
    std::string kind;  // "event trigger", "rule", "operator class", …
    std::string name;  // as people read it: "notes_log on public.notes", "(text AS public.tag)"
    TableRef table;    // the table or view it is on; {"", ""} when none
    bool operator==(const UnmodelledObject& o) const { return kind == o.kind && name == o.name && table == o.table; }
};

struct Schema {
    std::vector<Table> tables;  // declaration order (files sorted by path, then order in file)
    // PostgreSQL schemas: in a model, the ones declared with [[schemas]] (the schemas of tables
    // and extensions are implied, see required_schemas()); from introspection, every user schema.
    std::vector<std::string> schemas;
    std::vector<SourceLoc> schema_locs;  // where each of `schemas` was declared (models only)
    std::map<std::string, std::string> schema_comments;  // COMMENT ON SCHEMA; a schema not here is not managed
    std::vector<Extension> extensions;
    std::vector<EnumType> enums;
    std::vector<Sequence> sequences;
    std::vector<Domain> domains;
    std::vector<View> views;  // declaration order, which is creation order
    std::vector<Function> functions;  // functions and procedures, declaration order
    std::vector<Aggregate> aggregates;
    std::vector<std::string> ignore_tables = {"alembic_version"};
    SourceLoc settings_loc;  // where [settings] was declared; unknown when not declared
    // Introspection only: every name taken in each schema's relation namespace (tables,
    // indexes, views, sequences, …), so the plan does not create a name another object holds.
    std::vector<TableRef> relation_names;
    // Introspection only: what the database has that no key of the model describes.
    std::vector<UnmodelledObject> unmodelled;
    // The roles whose privileges the model declares ([settings] managed_roles): every other
    // role's are neither compared nor touched, and with none, no privilege is managed.
    std::vector<std::string> managed_roles;
    // Objects whose `owner` key is set, with that owner (models only): an owner the model does
    // not declare is not managed.
    std::vector<ObjectPrivileges> owners;
    std::vector<DefaultPrivileges> default_privileges;  // model: [[default_privileges]]; introspection: pg_default_acl
    std::vector<ObjectPrivileges> privileges;  // model: from `grants` keys; introspection: every object's
    std::vector<std::string> roles;            // introspection only: every role on the server
    std::string current_role;                  // introspection only: the role the connection runs as (what it makes, it owns)

    const Table* find_table(const TableRef& ref) const;
    bool is_ignored(const TableRef& ref) const;
    // The PostgreSQL schemas the model speaks about: "public" plus every table's schema.
    std::vector<std::string> namespaces() const;
    // The schemas that must exist: declared ones, then those of extensions and tables, in order
    // (public only when declared: every database has it).
    std::vector<std::string> required_schemas() const;
};

// "FastUpdate = 'false'" → "fastupdate=false"; nullopt unless it is a name, '=' and a value
// without quotes, commas or parentheses inside.
std::optional<std::string> storage_parameter(std::string_view text);

// The nearest of a partition's ancestors (its parent, its parent's parent, …, through the
// tables `declared` has) that is in `existing`; nullopt when none is.
std::optional<TableRef> nearest_ancestor(const Table& partition, const std::map<TableRef, const Table*>& declared,
                                         const std::map<TableRef, const Table*>& existing);

const char* to_sql(FkAction action);            // "NO ACTION", "CASCADE", ...
std::optional<FkAction> parse_fk_action(const std::string& text);  // case-insensitive

}  // namespace reconcile::model
