#pragma once
// Every catalog query reconcile runs against PostgreSQL, kept together. Each reads all the
// tables of the wanted schemas at once ($1 is a text[] of schema names): the number of round
// trips does not grow with the number of tables. Multi-valued fields come back as JSON arrays.
namespace reconcile::dialect::postgres::queries {

// The relation filter every query shares: ordinary and partitioned tables (partitions
// included: they can have their own indexes and keys), in the wanted schemas, not created by
// an extension (PostGIS's spatial_ref_sys belongs to CREATE EXTENSION, not to the model).
#define RECONCILE_PG_TABLE_FILTER \
    "c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[]) " \
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass " \
    "AND e.objid = c.oid AND e.deptype = 'e')"

// A partition's parent comes from pg_inherits; its bound and the parent's key are deparsed
// only for the tables that have them.
// The same, with materialized views, which have indexes too.
#define RECONCILE_PG_TABLE_OR_MATVIEW_FILTER \
    "c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY ($1::text[]) " \
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass " \
    "AND e.objid = c.oid AND e.deptype = 'e')"

inline constexpr const char* kTables = R"SQL(
SELECT c.oid::int8, n.nspname, c.relname, ds.description,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
       pn.nspname, pc.relname,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
       c.relpersistence, c.reloptions::text, c.relreplident,
       CASE WHEN c.relreplident = 'i' THEN (SELECT ri.relname FROM pg_catalog.pg_index ii
                                            JOIN pg_catalog.pg_class ri ON ri.oid = ii.indexrelid
                                            WHERE ii.indrelid = c.oid AND ii.indisreplident) END,
       inh.parents, c.relrowsecurity, c.relforcerowsecurity
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
LEFT JOIN pg_catalog.pg_inherits ih ON c.relispartition AND ih.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = ih.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
-- inheritance outside partitioning (a partition's parent is read above): pg_inherits is small,
-- read once
LEFT JOIN (SELECT i2.inhrelid, pg_catalog.string_agg(i2.inhparent::regclass::text, ', ' ORDER BY i2.inhseqno) AS parents
             FROM pg_catalog.pg_inherits i2 JOIN pg_catalog.pg_class ch ON ch.oid = i2.inhrelid AND NOT ch.relispartition
            GROUP BY i2.inhrelid) inh ON inh.inhrelid = c.oid
WHERE )SQL" RECONCILE_PG_TABLE_FILTER R"SQL(
ORDER BY n.nspname, c.relname
)SQL";

// serial columns are an integer with nextval() of a sequence the column owns (pg_depend 'a');
// expected_serial_default is that default spelled the way the server prints it, and
// serial_options says the sequence is the one serial makes: of the column's type, with the
// default start, increment, bounds, cache and no cycle (anything else is declared as a
// sequence of its own, owned by the column). The owned
// sequences are joined once (a hash join), not looked up per column: on 3,000 tables this
// query went from 430 ms to 90 ms.
// pg_get_expr(expr, relid) opens the relation to name its columns, which builds a relcache
// entry per table in a fresh backend (about 70 µs each). A default without column references
// (nearly all of them) is deparsed without the relation; one that has them (a generated
// column) still gets its relation. attnum lets the client resolve constraint and index keys.
inline constexpr const char* kColumns = R"SQL(
SELECT a.attrelid::int8, a.attnum, a.attname,
       pg_catalog.format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       CASE WHEN d.adbin IS NULL THEN NULL
            WHEN pg_catalog.strpos(d.adbin::text, '{VAR ') = 0 THEN pg_catalog.pg_get_expr(d.adbin, 0)
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
       seq.expected_serial_default,
       a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END,
       ds.description,
       seq.seq_schema, seq.seq_name,
       seq.seqtypid = a.atttypid AND seq.serial_options,
       ids.seqstart, ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqcache, ids.seqcycle,
       CASE WHEN a.attstorage <> ty.typstorage THEN a.attstorage::text END, a.attcompression::text, a.attstattarget,
       ids.seq_schema, ids.seq_name
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid,
                  'nextval(' || pg_catalog.quote_literal(s.oid::regclass::text) || '::regclass)' AS expected_serial_default,
                  sn.nspname AS seq_schema, s.relname AS seq_name, ps.seqtypid,
                  ps.seqstart = 1 AND ps.seqincrement = 1 AND ps.seqmin = 1 AND ps.seqcache = 1 AND NOT ps.seqcycle AND
                  ps.seqmax = CASE ps.seqtypid WHEN 'pg_catalog.int2'::regtype THEN 32767
                                               WHEN 'pg_catalog.int4'::regtype THEN 2147483647
                                               ELSE 9223372036854775807 END AS serial_options
             FROM pg_catalog.pg_depend dep
             JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
             JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
             JOIN pg_catalog.pg_sequence ps ON ps.seqrelid = s.oid
            WHERE dep.classid = 'pg_catalog.pg_class'::regclass
              AND dep.refclassid = 'pg_catalog.pg_class'::regclass
              AND dep.deptype = 'a') seq
       ON seq.refobjid = a.attrelid AND seq.refobjsubid = a.attnum
-- an identity column's sequence is an internal dependency ('i') of the column; read from the
-- sequences (few) with pg_depend probed by its depender index, not scanned whole again
LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid, ps.seqstart, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcache, ps.seqcycle,
                  isn.nspname AS seq_schema, isc.relname AS seq_name
             FROM pg_catalog.pg_sequence ps
             JOIN pg_catalog.pg_class isc ON isc.oid = ps.seqrelid
             JOIN pg_catalog.pg_namespace isn ON isn.oid = isc.relnamespace
             JOIN pg_catalog.pg_depend dep
               ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = ps.seqrelid AND dep.objsubid = 0
              AND dep.refclassid = 'pg_catalog.pg_class'::regclass
              AND dep.deptype = 'i' AND dep.refobjsubid > 0) ids
       ON a.attidentity <> '' AND ids.refobjid = a.attrelid AND ids.refobjsubid = a.attnum
WHERE )SQL" RECONCILE_PG_TABLE_FILTER R"SQL(
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
)SQL";

// Key columns come back as attnum arrays ("{1,3}") and are named client-side from the columns
// query: a subquery per row to name them cost about 150 ms on 3,000 tables. A foreign key to a
// table that is not inspected (another schema, an extension's table) has no columns there, so
// its names come from the server.
// A partition's CHECK inherited from its parent is the parent's (conislocal is false); index-
// backed keys and foreign keys it inherits have conparentid set.
inline constexpr const char* kConstraints = R"SQL(
SELECT con.conrelid::int8, con.conname, con.contype, con.conkey::text,
       fn.nspname, fc.relname, con.confkey::text,
       con.confupdtype, con.confdeltype,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END,
       CASE WHEN con.contype = 'f' AND (NOT (fn.nspname = ANY ($1::text[])) OR fc.relkind NOT IN ('r', 'p') OR
                                        EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                                                WHERE e.classid = 'pg_catalog.pg_class'::regclass
                                                  AND e.objid = con.confrelid AND e.deptype = 'e')) THEN
           pg_catalog.array_to_json(ARRAY(
               SELECT a.attname FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
               ORDER BY k.ord))::text END,
       con.condeferrable, con.condeferred,
       CASE WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid) END,
       con.convalidated, con.confmatchtype, con.connoinherit,
       -- looked up for unique constraints only (few), not joined for every row
       CASE WHEN con.contype = 'u' THEN (SELECT ci.indnullsnotdistinct FROM pg_catalog.pg_index ci WHERE ci.indexrelid = con.conindid) END
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE )SQL" RECONCILE_PG_TABLE_FILTER R"SQL(
  AND con.contype IN ('p', 'u', 'f', 'c', 'x')
  -- a foreign key to a partitioned table has one extra row per partition (PostgreSQL 12+):
  -- only the parent row is the constraint the person declared
  AND con.conparentid = 0
  AND (con.contype <> 'c' OR con.conislocal)
ORDER BY con.conrelid, con.conname
)SQL";

// Indexes that back a primary key, unique or exclusion constraint are part of the constraint.
// A partition's index attached to its parent's comes with the name of that parent index.
// "simple" marks plain keys: ascending btree columns with their default collation and
// operator class, no expressions, predicate, INCLUDE, NULLS NOT DISTINCT or storage parameters. Anything else is read from its
// definition (model/index_definition.h).
// pg_get_indexdef() costs about 100 µs an index, so only the others pay for it. Key columns
// are attnums named client-side, as in kConstraints.
inline constexpr const char* kIndexes = R"SQL(
SELECT x.indrelid, x.relname, x.indisunique, x.indkey,
       x.simple, CASE WHEN NOT x.simple THEN pg_catalog.pg_get_indexdef(x.indexrelid) END,
       ds.description, pi.relname, x.indisvalid
FROM (
SELECT i.indrelid::int8 AS indrelid, ic.relname, i.indisunique, i.indkey::int2[]::text AS indkey, i.indexrelid, i.indisvalid,
       (c.relkind <> 'm'  -- a materialized view's columns are not read: always the definition
        AND i.indexprs IS NULL AND i.indpred IS NULL AND am.amname = 'btree' AND NOT i.indnullsnotdistinct
        AND ic.reloptions IS NULL
        AND i.indnkeyatts = i.indnatts
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(i.indoption::int2[]) o WHERE o <> 0)
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(i.indcollation::oid[]) co WHERE co NOT IN (0, 100))
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(i.indclass::oid[]) oc
                        JOIN pg_catalog.pg_opclass opc ON opc.oid = oc WHERE NOT opc.opcdefault)) AS simple
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" RECONCILE_PG_TABLE_OR_MATVIEW_FILTER R"SQL(
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
) x
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = x.indexrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
-- a partition's share of its parent's index: its own name, but the parent's to declare
LEFT JOIN pg_catalog.pg_inherits ih ON ih.inhrelid = x.indexrelid
LEFT JOIN pg_catalog.pg_class pi ON pi.oid = ih.inhparent
ORDER BY x.indrelid, x.relname
)SQL";

#undef RECONCILE_PG_TABLE_FILTER
#undef RECONCILE_PG_TABLE_OR_MATVIEW_FILTER

// Every relation name in the wanted schemas, whatever its kind.
inline constexpr const char* kRelationNames = R"SQL(
SELECT n.nspname, c.relname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[])
)SQL";

// Enum types of the wanted schemas (not those an extension owns), labels in sort order.
inline constexpr const char* kEnums = R"SQL(
SELECT n.nspname, t.typname,
       pg_catalog.array_to_json(ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e
                                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY n.nspname, t.typname
)SQL";

// Sequences, with the column that owns one (OWNED BY, pg_depend 'a'): the client leaves out
// those a serial column stands for (see kColumns). Identity columns' sequences ('i') are part
// of their column; extension members are the extension's.
inline constexpr const char* kSequences = R"SQL(
SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       oc.relname, oa.attname
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend od ON od.classid = 'pg_catalog.pg_class'::regclass AND od.objid = c.oid
      AND od.refclassid = 'pg_catalog.pg_class'::regclass AND od.deptype = 'a'
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = od.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = od.refobjid AND oa.attnum = od.refobjsubid
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
ORDER BY n.nspname, c.relname
)SQL";

// Domains with their checks ([name, expression] pairs; a check on VALUE has no column
// references, so it is deparsed without a relation).
inline constexpr const char* kDomains = R"SQL(
SELECT n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
       pg_catalog.array_to_json(ARRAY(
           SELECT pg_catalog.json_build_array(c.conname, pg_catalog.pg_get_expr(c.conbin, 0))
           FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname))::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd' AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY n.nspname, t.typname
)SQL";

// Views and materialized views, with their queries as the server prints them.
inline constexpr const char* kViews = R"SQL(
SELECT n.nspname, c.relname, c.relkind = 'm', pg_catalog.pg_get_viewdef(c.oid), c.oid::int8, ds.description
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname
)SQL";

// Functions and procedures of the wanted schemas (not an extension's; aggregates and window
// functions are not read here). Arguments come back as [name, mode, type] triples from
// proallargtypes (every argument) or proargtypes (only inputs); format_type drops type
// modifiers, as PostgreSQL does for arguments. Defaults are one list text for the last
// pronargdefaults inputs. The last column lists the triggers (the partition clones of a
// partitioned table's trigger aside) and event triggers that call it.
inline constexpr const char* kFunctions = R"SQL(
SELECT n.nspname, p.proname, p.prokind = 'p', l.lanname,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END,
       pg_catalog.array_to_json(ARRAY(
           SELECT pg_catalog.json_build_array(coalesce(p.proargnames[k.i], ''), coalesce(p.proargmodes[k.i], 'i'),
                                              pg_catalog.format_type(k.t, NULL))
           FROM pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[])) WITH ORDINALITY AS k(t, i)
           ORDER BY k.i))::text,
       p.pronargdefaults, pg_catalog.pg_get_expr(p.proargdefaults, 0),
       p.provolatile, p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel, p.procost::text, p.prorows::text,
       pg_catalog.array_to_json(p.proconfig)::text, p.prosrc, p.probin,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END, ds.description,
       coalesce(callers.used_by::text, '[]')
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
-- pg_trigger has no index on tgfoid: its callers are grouped once and joined by hash (looked up
-- per function, GitLab's 297 functions scanned it 297 times: 200 ms of its dry run)
LEFT JOIN (SELECT c.foid, pg_catalog.json_agg(c.caller ORDER BY c.caller::text) AS used_by
             FROM (SELECT tg.tgfoid AS foid, pg_catalog.json_build_array(tn.nspname, tc.relname, tg.tgname, tc.relkind IN ('r', 'p', 'v')) AS caller
                     FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class tc ON tc.oid = tg.tgrelid
                     JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
                    WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
                   UNION ALL
                   SELECT et.evtfoid, pg_catalog.json_build_array('', '', et.evtname, false) FROM pg_catalog.pg_event_trigger et) c
            GROUP BY c.foid) callers ON callers.foid = p.oid
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::regclass AND ds.objsubid = 0
WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY ($1::text[])
  -- an extension's functions are the extension's, and a range type's constructors (an
  -- internal dependency) the type's
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
ORDER BY n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
)SQL";

// Aggregates of the wanted schemas (not an extension's): each function as [schema, name] or
// null. What the model cannot declare comes as flags: an ordered-set or hypothetical kind, a
// moving-aggregate implementation, a sort operator, a state size, a final function that
// modifies its state.
inline constexpr const char* kAggregates = R"SQL(
SELECT n.nspname, p.proname,
       pg_catalog.array_to_json(ARRAY(
           SELECT pg_catalog.json_build_array(coalesce(p.proargnames[k.i], ''), coalesce(p.proargmodes[k.i], 'i'),
                                              pg_catalog.format_type(k.t, NULL))
           FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS k(t, i) ORDER BY k.i))::text,
       (SELECT pg_catalog.json_build_array(fn.nspname, f.proname)::text FROM pg_catalog.pg_proc f
          JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = a.aggtransfn),
       pg_catalog.format_type(a.aggtranstype, NULL),
       (SELECT pg_catalog.json_build_array(fn.nspname, f.proname)::text FROM pg_catalog.pg_proc f
          JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = a.aggfinalfn),
       a.aggfinalextra,
       (SELECT pg_catalog.json_build_array(fn.nspname, f.proname)::text FROM pg_catalog.pg_proc f
          JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = a.aggcombinefn),
       (SELECT pg_catalog.json_build_array(fn.nspname, f.proname)::text FROM pg_catalog.pg_proc f
          JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = a.aggserialfn),
       (SELECT pg_catalog.json_build_array(fn.nspname, f.proname)::text FROM pg_catalog.pg_proc f
          JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = a.aggdeserialfn),
       a.agginitval, p.proparallel, ds.description,
       concat_ws(', ', CASE WHEN a.aggkind <> 'n' THEN 'it is an ordered-set or hypothetical-set aggregate' END,
                 CASE WHEN a.aggmtransfn <> 0 THEN 'it has a moving-aggregate implementation (MSFUNC)' END,
                 CASE WHEN a.aggsortop <> 0 THEN 'it has a sort operator (SORTOP)' END,
                 CASE WHEN a.aggtransspace <> 0 THEN 'it declares SSPACE' END,
                 CASE WHEN a.aggfinalmodify <> 'r' THEN 'it declares FINALFUNC_MODIFY' END)
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::regclass AND ds.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
)SQL";

// The triggers of the wanted schemas' tables and views (not the internal ones of foreign keys,
// nor the partition clones of a partitioned table's trigger). tgtype's bits: 1 row, 2 before, 4
// insert, 8 delete, 16 update, 32 truncate, 64 instead. tgargs is the arguments, each ending in
// a NUL byte (read as hex); WHEN's text comes from pg_get_triggerdef.
inline constexpr const char* kTriggers = R"SQL(
SELECT n.nspname, c.relname, t.tgname, t.tgtype::integer,
       pg_catalog.array_to_json(ARRAY(
           SELECT a.attname FROM pg_catalog.unnest(t.tgattr::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, i)
           JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum ORDER BY k.i))::text,
       fn.nspname, p.proname, t.tgargs, t.tgoldtable, t.tgnewtable, t.tgconstraint <> 0, t.tgdeferrable, t.tginitdeferred,
       t.tgenabled, pg_catalog.pg_get_triggerdef(t.oid), ds.description, t.tgconstrrelid <> 0
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = t.oid AND ds.classoid = 'pg_catalog.pg_trigger'::regclass AND ds.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v') AND n.nspname = ANY ($1::text[])
ORDER BY n.nspname, c.relname, t.tgname
)SQL";

// The policies of the wanted schemas' tables. polroles holds 0 for PUBLIC; the expressions are
// printed as the probe of the model's prints them (stored_expressions.cpp).
inline constexpr const char* kPolicies = R"SQL(
SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd,
       pg_catalog.array_to_json(ARRAY(
           SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE (SELECT a.rolname FROM pg_catalog.pg_roles a WHERE a.oid = r.oid)::text END
           FROM pg_catalog.unnest(p.polroles) AS r(oid) ORDER BY 1))::text,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), ds.description
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_policy'::regclass AND ds.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
ORDER BY n.nspname, c.relname, p.polname
)SQL";

// Objects of kinds the model cannot declare, in the wanted schemas or database-wide, with what
// they are on: listed as not managed (never compared, made or dropped). An extension's members
// are the extension's, and what another object made for itself (an internal dependency: a
// range type's multirange type and cast) that object's; what initdb made has an oid below
// FirstNormalObjectId (16384). Membership is looked up per object in pg_depend's depender
// index (a CTE of pg_depend scanned it whole, 45 ms of GitLab's dry run).
// Columns: kind, name as people read it, the schema and table it is on (or NULL).
inline constexpr const char* kUnmodelled = R"SQL(
SELECT 'event trigger', e.evtname::text, NULL, NULL FROM pg_catalog.pg_event_trigger e
 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_event_trigger'::regclass AND m.objid = e.oid)
UNION ALL
SELECT 'trigger on a foreign table',
       t.tgname || ' on ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), n.nspname, c.relname
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT t.tgisinternal AND c.relkind = 'f' AND n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'rule', r.rulename || ' on ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), n.nspname, c.relname
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE r.rulename <> '_RETURN' AND n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'foreign table', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), n.nspname, c.relname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'f' AND n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'statistics object', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(s.stxname), n.nspname, c.relname
  FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
 WHERE n.nspname = ANY ($1::text[])
UNION ALL
SELECT CASE t.typtype WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' ELSE 'base type' END,
       pg_catalog.format_type(t.oid, NULL), NULL, NULL
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = ANY ($1::text[]) AND t.oid >= 16384
   AND (t.typtype = 'r' OR (t.typtype = 'b' AND t.typcategory <> 'A')
        OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_type'::regclass AND m.objid = t.oid)
UNION ALL
SELECT 'cast', '(' || pg_catalog.format_type(k.castsource, NULL) || ' AS ' || pg_catalog.format_type(k.casttarget, NULL) || ')', NULL, NULL
  FROM pg_catalog.pg_cast k
 WHERE k.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_cast'::regclass AND m.objid = k.oid)
UNION ALL
SELECT 'operator', pg_catalog.quote_ident(n.nspname) || '.' || o.oprname || ' (' || coalesce(pg_catalog.format_type(o.oprleft, NULL), 'NONE') ||
       ', ' || coalesce(pg_catalog.format_type(o.oprright, NULL), 'NONE') || ')', NULL, NULL
  FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_operator'::regclass AND m.objid = o.oid)
UNION ALL
SELECT 'operator class', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(oc.opcname) || ' USING ' || am.amname, NULL, NULL
  FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace n ON n.oid = oc.opcnamespace JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_opclass'::regclass AND m.objid = oc.oid)
UNION ALL
-- CREATE OPERATOR CLASS without FAMILY makes a family of its name: that one is the class's
SELECT 'operator family', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(f.opfname) || ' USING ' || am.amname, NULL, NULL
  FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_opfamily'::regclass AND m.objid = f.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass oc WHERE oc.opcfamily = f.oid AND oc.opcname = f.opfname AND oc.opcnamespace = f.opfnamespace)
UNION ALL
SELECT 'collation', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(co.collname), NULL, NULL
  FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_collation'::regclass AND m.objid = co.oid)
UNION ALL
SELECT 'conversion', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(cv.conname), NULL, NULL
  FROM pg_catalog.pg_conversion cv JOIN pg_catalog.pg_namespace n ON n.oid = cv.connamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_conversion'::regclass AND m.objid = cv.oid)
UNION ALL
SELECT 'text search configuration', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(x.cfgname), NULL, NULL
  FROM pg_catalog.pg_ts_config x JOIN pg_catalog.pg_namespace n ON n.oid = x.cfgnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_ts_config'::regclass AND m.objid = x.oid)
UNION ALL
SELECT 'text search dictionary', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(x.dictname), NULL, NULL
  FROM pg_catalog.pg_ts_dict x JOIN pg_catalog.pg_namespace n ON n.oid = x.dictnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_ts_dict'::regclass AND m.objid = x.oid)
UNION ALL
SELECT 'text search parser', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(x.prsname), NULL, NULL
  FROM pg_catalog.pg_ts_parser x JOIN pg_catalog.pg_namespace n ON n.oid = x.prsnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_ts_parser'::regclass AND m.objid = x.oid)
UNION ALL
SELECT 'text search template', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(x.tmplname), NULL, NULL
  FROM pg_catalog.pg_ts_template x JOIN pg_catalog.pg_namespace n ON n.oid = x.tmplnamespace
 WHERE n.nspname = ANY ($1::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_ts_template'::regclass AND m.objid = x.oid)
UNION ALL
-- privileges the model has no key for yet: those of a view's or foreign table's column
SELECT 'column privileges', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' ||
       pg_catalog.quote_ident(a.attname), n.nspname, c.relname
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind NOT IN ('r', 'p') AND n.nspname = ANY ($1::text[])

UNION ALL
-- placement the model has no key for: a table, index or materialized view in a tablespace other
-- than the database's default (reltablespace 0); an index is listed on its table
SELECT 'tablespace', pg_catalog.quote_ident(s.spcname) || ' of ' ||
       CASE WHEN c.relkind IN ('i', 'I') THEN 'index ' WHEN c.relkind = 'm' THEN 'materialized view ' ELSE 'table ' END ||
       pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), n.nspname, coalesce(t.relname, c.relname)
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_tablespace s ON s.oid = c.reltablespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
 WHERE c.reltablespace <> 0 AND c.relkind IN ('r', 'p', 'i', 'I', 'm') AND n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'publication', p.pubname::text, NULL, NULL FROM pg_catalog.pg_publication p
UNION ALL
SELECT 'foreign-data wrapper', w.fdwname::text, NULL, NULL FROM pg_catalog.pg_foreign_data_wrapper w
 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_foreign_data_wrapper'::regclass AND m.objid = w.oid)
UNION ALL
SELECT 'foreign server', fs.srvname::text, NULL, NULL FROM pg_catalog.pg_foreign_server fs
 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_foreign_server'::regclass AND m.objid = fs.oid)
UNION ALL
SELECT 'procedural language', l.lanname::text, NULL, NULL FROM pg_catalog.pg_language l
 WHERE l.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_language'::regclass AND m.objid = l.oid)
UNION ALL
SELECT 'access method', a.amname::text, NULL, NULL FROM pg_catalog.pg_am a
 WHERE a.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_am'::regclass AND m.objid = a.oid)
UNION ALL
SELECT 'transform', 'FOR ' || pg_catalog.format_type(tr.trftype, NULL) || ' LANGUAGE ' || l.lanname, NULL, NULL
  FROM pg_catalog.pg_transform tr JOIN pg_catalog.pg_language l ON l.oid = tr.trflang
 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype IN ('e', 'i') AND m.classid = 'pg_catalog.pg_transform'::regclass AND m.objid = tr.oid)
ORDER BY 1, 2
)SQL";

// Every role's privileges on the wanted schemas' tables, views, sequences, routines and types,
// and on the schemas themselves: what aclexplode reads from the ACL, or from PostgreSQL's
// default (acldefault) where the ACL is NULL (nothing granted or revoked yet). Of the owner's
// own entries one is kept, so that every object's owner is known (the owner holds every
// privilege implicitly: its own are not compared). Grantee 0 is PUBLIC.
inline constexpr const char* kPrivileges = R"SQL(
SELECT CASE WHEN c.relkind = 'S' THEN 's' ELSE 't' END, n.nspname, c.relname, '', pg_catalog.pg_get_userbyid(c.relowner),
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))) a
       ON a.grantee <> c.relowner OR a.privilege_type = CASE WHEN c.relkind = 'S' THEN 'USAGE' ELSE 'SELECT' END
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND n.nspname = ANY ($1::text[])
UNION ALL
-- a routine's identity as the model spells it: the types of its inputs (and of a procedure's
-- outputs), as the functions query reads them; an aggregate over no column is (*)
SELECT 'r', n.nspname, p.proname,
       CASE WHEN p.prokind = 'a' AND p.pronargs = 0 THEN '"*"' ELSE
       pg_catalog.array_to_json(ARRAY(
           SELECT pg_catalog.format_type(k.type, NULL)
           FROM pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[])) WITH ORDINALITY AS k(type, i)
           WHERE coalesce(p.proargmodes[k.i], 'i') IN ('i', 'b', 'v') OR (p.prokind = 'p' AND p.proargmodes[k.i] = 'o')
           ORDER BY k.i))::text END,
       pg_catalog.pg_get_userbyid(p.proowner),
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     LEFT JOIN LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
       ON a.grantee <> p.proowner OR a.privilege_type = 'EXECUTE'
WHERE n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'y', n.nspname, t.typname, '', pg_catalog.pg_get_userbyid(t.typowner),
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     LEFT JOIN LATERAL pg_catalog.aclexplode(coalesce(t.typacl, pg_catalog.acldefault('T', t.typowner))) a
       ON a.grantee <> t.typowner OR a.privilege_type = 'USAGE'
WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY ($1::text[])
UNION ALL
-- a column's own privileges (attacl), on the columns of tables: beside the table's, never in it
SELECT 'c', n.nspname, c.relname, a.attname::text, pg_catalog.pg_get_userbyid(c.relowner),
       CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
     LATERAL pg_catalog.aclexplode(a.attacl) x
WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'n', n.nspname, '', '', pg_catalog.pg_get_userbyid(n.nspowner),
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_namespace n
     LEFT JOIN LATERAL pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a
       ON a.grantee <> n.nspowner OR a.privilege_type = 'USAGE'
-- every user schema: a model may declare one (its grants, its owner) that holds nothing it reads
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
UNION ALL
-- ALTER DEFAULT PRIVILEGES, for every schema ('') and in each (all of them: a model may declare
-- those of a schema it holds nothing in): the schema, the kind (r tables, S sequences,
-- f functions, T types, n schemas) and the role that makes the objects, then what another role
-- holds (no grantee when the entry gives nothing)
SELECT 'd', coalesce(dn.nspname, ''), d.defaclobjtype::text, pg_catalog.pg_get_userbyid(d.defaclrole), pg_catalog.pg_get_userbyid(d.defaclrole),
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_default_acl d
     LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = d.defaclnamespace
     LEFT JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a ON a.grantee <> d.defaclrole
ORDER BY 1, 2, 3, 4
)SQL";

// The roles of the cluster (a grant to one that does not exist cannot be made), and which is
// the one this connection runs as (whose default privileges an object the plan makes gets).
inline constexpr const char* kRoles = R"SQL(
SELECT r.rolname, r.rolname = current_user FROM pg_catalog.pg_roles r ORDER BY 1
)SQL";

// Installed extensions and the schema each lives in.
inline constexpr const char* kExtensions = R"SQL(
SELECT e.extname, n.nspname
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
ORDER BY e.extname
)SQL";

// User schemas: not the system ones, not another session's temporary ones.
inline constexpr const char* kNamespaces = R"SQL(
SELECT n.nspname, ds.description FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description ds
       ON ds.objoid = n.oid AND ds.classoid = 'pg_catalog.pg_namespace'::regclass AND ds.objsubid = 0
WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
ORDER BY n.nspname
)SQL";

// The sizes of the tables a plan changes ($1 schemas, $2 names, pairwise): the planner's row
// estimate and the bytes on disk with indexes and TOAST; whether the heap has a page at all
// (a table that never held a row has none; one emptied by DELETE keeps its pages until VACUUM,
// and counts as holding rows); whether CREATE INDEX CONCURRENTLY works on it. A partitioned
// table has no storage of its own: its leaves are summed.
constexpr const char* kTableSizes = R"SQL(
SELECT n.nspname, c.relname,
       CASE WHEN c.relkind = 'p' THEN coalesce((SELECT sum(greatest(l.reltuples, 0))::float8
                                                  FROM pg_catalog.pg_partition_tree(c.oid) t JOIN pg_catalog.pg_class l ON l.oid = t.relid
                                                 WHERE t.isleaf), 0)
            ELSE c.reltuples::float8 END,
       CASE WHEN c.relkind = 'p' THEN coalesce((SELECT sum(pg_catalog.pg_total_relation_size(t.relid))
                                                  FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf), 0)
            ELSE pg_catalog.pg_total_relation_size(c.oid) END,
       CASE WHEN c.relkind = 'p' THEN coalesce((SELECT bool_or(pg_catalog.pg_relation_size(t.relid) > 0)
                                                  FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf), false)
            ELSE pg_catalog.pg_relation_size(c.oid) > 0 END,
       c.relkind = 'r' AND NOT c.relispartition
FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[])) AS wanted(schema_name, table_name)
JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.schema_name
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table_name AND c.relkind IN ('r', 'p', 'm')
)SQL";

// Other clients' transactions on this database open longer than $1 milliseconds (by the clock,
// not by now(), which is the reading transaction's own start), oldest first. Sessions waiting
// for an advisory lock (another reconcile waiting for the apply lock) are not counted.
constexpr const char* kLongTransactions = R"SQL(
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''),
       extract(epoch FROM pg_catalog.clock_timestamp() - a.xact_start)::bigint,
       split_part(coalesce(a.query, ''), E'\n', 1)
FROM pg_catalog.pg_stat_activity a
WHERE a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()
  AND a.backend_type = 'client backend' AND a.xact_start IS NOT NULL
  AND a.xact_start < pg_catalog.clock_timestamp() - $1::int * interval '1 millisecond'
  AND NOT (a.wait_event_type IS NOT DISTINCT FROM 'Lock' AND a.wait_event IS NOT DISTINCT FROM 'advisory')
ORDER BY a.xact_start
LIMIT 10
)SQL";

}  // namespace reconcile::dialect::postgres::queries
