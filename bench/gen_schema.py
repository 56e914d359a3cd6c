#!/usr/bin/env python3
"""Generate a realistic synthetic schema, both as SQL DDL and as a reconcile TOML model.

    gen_schema.py --tables N --out DIR [--seed S] [--sqlite] [--partial]

writes DIR/schema.sql (one script, FK targets always created first) and
DIR/tables/tNNNNN_<name>.toml (one file per table). With the default options the two
describe exactly the same schema, so `reconcile --dry-run --schema DIR/tables` against a
database loaded with DIR/schema.sql reports "0 to create" and "0 warnings".

Each table has 8-20 columns of mixed types (bigint, integer, smallint, text, varchar(n),
boolean, timestamptz, date, numeric(12,2), jsonb, uuid, double precision), a primary key
(about 1 table in 10 has a composite one), 1-3 indexes (single-column, multi-column,
unique), foreign keys to earlier tables' primary keys, named checks, sometimes a unique
constraint, and defaults (0, 'x', true/false, '{}', CURRENT_TIMESTAMP).
Every constraint and index is given an explicit name in both outputs.

--sqlite   emit SQL that SQLite accepts (no schema qualification; BEGIN/COMMIT around it,
           since sqlite3 has no `-1`). The TOML is the same for both engines.
--partial  also emit one partial index (CREATE INDEX ... WHERE ...) per table that has a
           suitable column, in both outputs. Off by default, so that the figures in
           docs/performance.md stay comparable with earlier runs.

Standard library only; the output is a pure function of (--tables, --seed, flags).
"""
import argparse
import os
import random
import shutil
import sys

NAME_MAX = 63  # PostgreSQL's identifier limit (bytes); every name here is ASCII

ENTITIES = [
    "account", "address", "invoice", "purchase", "product", "customer", "payment", "shipment",
    "ticket", "project", "task", "comment", "document", "report", "event", "session",
    "device", "plan", "price", "coupon", "refund", "vendor", "contract", "asset", "employee",
    "team", "role", "permission", "audit", "webhook", "message", "channel", "campaign",
    "lead", "deal", "note", "file", "folder", "tag", "region", "warehouse", "stock",
    "supplier", "category", "review", "rating", "booking", "room", "vehicle", "route",
]

STATUSES = ["'new'", "'active'", "'paused'", "'done'", "'archived'"]

# (name, type, nullable choice, default or None, check template or None)
# Check templates use {c} for the column name. Check expressions are written so that
# PostgreSQL and SQLite both accept them and reconcile's canonical form matches them.
COLUMN_POOL = [
    ("name", "varchar(120)", False, None, "length({c}) > 0"),
    ("title", "varchar(200)", False, "'x'", None),
    ("code", "varchar(40)", False, None, "length({c}) <= 40"),
    ("status", "text", False, "'new'", "{c} IN (" + ", ".join(STATUSES) + ")"),
    ("description", "text", True, None, None),
    ("notes", "text", True, None, None),
    ("email", "varchar(255)", True, None, "{c} LIKE '%@%'"),
    ("amount", "numeric(12,2)", False, "0", "{c} >= 0"),
    ("price", "numeric(12,2)", True, None, "{c} >= 0"),
    ("quantity", "integer", False, "0", "{c} >= 0"),
    ("position", "integer", False, "0", None),
    ("priority", "smallint", False, "0", "{c} BETWEEN 0 AND 10"),
    ("retries", "smallint", False, "0", None),
    ("score", "double precision", True, None, None),
    ("weight", "double precision", False, "0", "{c} >= 0"),
    ("external_ref", "bigint", True, None, None),
    ("version", "bigint", False, "0", "{c} >= 0"),
    ("is_active", "boolean", False, "true", None),
    ("is_deleted", "boolean", False, "false", None),
    ("metadata", "jsonb", False, "'{}'", None),
    ("payload", "jsonb", True, None, None),
    ("public_id", "uuid", True, None, None),
    ("due_on", "date", True, None, None),
    ("starts_on", "date", True, None, None),
    ("updated_at", "timestamptz", False, "CURRENT_TIMESTAMP", None),
    ("deleted_at", "timestamptz", True, None, None),
    ("published_at", "timestamptz", True, None, None),
    ("locale", "varchar(8)", False, "'x'", None),
    ("currency", "varchar(3)", False, "'x'", "length({c}) = 3 OR {c} = 'x'"),
]

ON_DELETE = ["no action", "cascade", "restrict", "set null"]


class Table:
    def __init__(self, index, name):
        self.index = index
        self.name = name
        self.columns = []        # dicts: name, type, nullable, default, pk
        self.pk = []             # column names
        self.uniques = []        # (name, [cols])
        self.indexes = []        # (name, [cols], unique)
        self.partial = []        # (name, [cols], where), see --partial
        self.fks = []            # (name, [cols], ref_table, [ref_cols], on_delete)
        self.checks = []         # (name, expression)

    def colnames(self):
        return [c["name"] for c in self.columns]


def ident_name(*parts, suffix):
    """<table>_<col>_..._<suffix>, shortened to fit 63 bytes like an explicit short name."""
    name = "_".join(parts) + "_" + suffix
    if len(name) > NAME_MAX:
        name = name[:NAME_MAX - len(suffix) - 1].rstrip("_") + "_" + suffix
    return name


def generate(n, seed, partial):
    rng = random.Random(seed)
    tables = []
    used = set()
    for i in range(n):
        base = ENTITIES[i % len(ENTITIES)]
        if i >= len(ENTITIES):
            base = f"{base}_{i // len(ENTITIES)}"
        name = base
        assert name not in used
        used.add(name)
        t = Table(i, name)
        ncols = rng.randint(8, 20)

        composite = i > 0 and rng.random() < 0.10
        if composite:
            # a link-style table: PK (id, tenant_id); nothing references it
            t.columns.append(dict(name="id", type="bigint", nullable=False, default=None))
            t.columns.append(dict(name="tenant_id", type="integer", nullable=False, default=None))
            t.pk = ["id", "tenant_id"]
        else:
            t.columns.append(dict(name="id", type="bigint", nullable=False, default=None))
            t.pk = ["id"]
        t.composite = composite

        # foreign keys to earlier tables with a one-column primary key
        targets = [p for p in tables if not p.composite]
        nfk = min(len(targets), rng.choice([0, 1, 1, 2, 2, 3]))
        fk_cols = []
        for p in rng.sample(targets, nfk) if nfk else []:
            col = p.name + "_id"
            if col in t.colnames():
                continue
            nullable = rng.random() < 0.4
            on_delete = rng.choice(ON_DELETE if nullable else ON_DELETE[:3])
            t.columns.append(dict(name=col, type="bigint", nullable=nullable, default=None))
            t.fks.append((ident_name(name, col, suffix="fkey"), [col], p.name, ["id"], on_delete))
            fk_cols.append(col)

        # the rest from the pool, plus created_at last
        room = max(0, ncols - len(t.columns) - 1)
        picks = rng.sample(COLUMN_POOL, min(room, len(COLUMN_POOL)))
        checks_left = rng.randint(1, 3)
        for (cname, ctype, nullable, default, check) in picks:
            t.columns.append(dict(name=cname, type=ctype, nullable=nullable, default=default))
            if check and checks_left > 0:
                t.checks.append((ident_name(name, cname, suffix="check"), check.format(c=cname)))
                checks_left -= 1
        t.columns.append(dict(name="created_at", type="timestamptz", nullable=False,
                              default="CURRENT_TIMESTAMP"))
        names = t.colnames()

        # a unique constraint on code/email when present (about half the time)
        for cand in ("code", "email"):
            if cand in names and rng.random() < 0.5:
                t.uniques.append((ident_name(name, cand, suffix="key"), [cand]))
                break

        # 1-3 indexes: on an FK (or status), a multi-column one, a unique one
        want = rng.randint(1, 3)
        seen = {tuple(c) for _, c in t.uniques} | {tuple(t.pk)}
        candidates = []
        for col in fk_cols:
            candidates.append(([col, "created_at"], False) if rng.random() < 0.5 else ([col], False))
        for col in ("status", "updated_at", "due_on", "external_ref"):
            if col in names:
                candidates.append(([col, "created_at"] if col == "status" else [col], False))
        if "public_id" in names:
            candidates.append((["public_id"], True))
        if "code" in names and fk_cols:
            candidates.append(([fk_cols[0], "code"], True))
        candidates.append((["created_at"], False))
        rng.shuffle(candidates)
        for cols, unique in candidates:
            if len(t.indexes) >= want:
                break
            if tuple(cols) in seen:
                continue
            seen.add(tuple(cols))
            t.indexes.append((ident_name(name, *cols, suffix="idx"), cols, unique))

        if partial:
            # NOT expressible in reconcile's TOML yet: emitted to SQL only.
            for col, where in (("deleted_at", "deleted_at IS NULL"),
                               ("status", "status <> 'archived'"),
                               ("is_active", "is_active")):
                if col in names:
                    key = "created_at" if col != "created_at" else "id"
                    t.partial.append((ident_name(name, key, col, suffix="pidx"), [key], where))
                    break
        tables.append(t)
    return tables


def sql_column(c, t):
    s = f"  {c['name']} {c['type']}"
    if not c["nullable"]:
        s += " NOT NULL"
    if c["default"] is not None:
        s += f" DEFAULT {c['default']}"
    return s


def render_sql(tables, sqlite):
    q = (lambda n: n) if sqlite else (lambda n: "public." + n)
    out = ["-- generated by bench/gen_schema.py", ""]
    if sqlite:
        out.append("BEGIN;")
    for t in tables:
        lines = [sql_column(c, t) for c in t.columns]
        lines.append(f"  CONSTRAINT {t.name}_pkey PRIMARY KEY ({', '.join(t.pk)})")
        for name, cols in t.uniques:
            lines.append(f"  CONSTRAINT {name} UNIQUE ({', '.join(cols)})")
        for name, cols, ref, refcols, on_delete in t.fks:
            fk = (f"  CONSTRAINT {name} FOREIGN KEY ({', '.join(cols)}) "
                  f"REFERENCES {q(ref)} ({', '.join(refcols)})")
            if on_delete != "no action":
                fk += f" ON DELETE {on_delete.upper()}"
            lines.append(fk)
        for name, expr in t.checks:
            lines.append(f"  CONSTRAINT {name} CHECK ({expr})")
        out.append(f"CREATE TABLE {q(t.name)} (\n" + ",\n".join(lines) + "\n);")
        for name, cols, unique in t.indexes:
            u = "UNIQUE " if unique else ""
            out.append(f"CREATE {u}INDEX {name} ON {q(t.name)} ({', '.join(cols)});")
        for name, cols, where in t.partial:
            out.append(f"CREATE INDEX {name} ON {q(t.name)} ({', '.join(cols)}) WHERE {where};")
        out.append("")
    if sqlite:
        out.append("COMMIT;")
    return "\n".join(out) + "\n"


def ts(s):
    """A TOML basic string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tarr(xs):
    return "[" + ", ".join(ts(x) for x in xs) + "]"


def render_toml(t):
    o = [f"# generated by bench/gen_schema.py (table {t.index})", "", "[[tables]]",
         f"name = {ts(t.name)}"]
    if len(t.pk) > 1:
        o.append(f"primary_key = {tarr(t.pk)}")
    for c in t.columns:
        o += ["", "  [[tables.columns]]", f"  name = {ts(c['name'])}", f"  type = {ts(c['type'])}"]
        if len(t.pk) == 1 and c["name"] == t.pk[0]:
            o.append("  primary_key = true")
        elif not c["nullable"]:
            o.append("  nullable = false")
        if c["default"] is not None:
            o.append(f"  default = {ts(c['default'])}")
    for name, cols in t.uniques:
        o += ["", "  [[tables.unique_constraints]]", f"  name = {ts(name)}", f"  columns = {tarr(cols)}"]
    for name, cols, unique in t.indexes:
        o += ["", "  [[tables.indexes]]", f"  name = {ts(name)}", f"  columns = {tarr(cols)}"]
        if unique:
            o.append("  unique = true")
    for name, cols, where in t.partial:
        o += ["", "  [[tables.indexes]]", f"  name = {ts(name)}", f"  columns = {tarr(cols)}", f"  where = {ts(where)}"]
    for name, cols, ref, refcols, on_delete in t.fks:
        o += ["", "  [[tables.foreign_keys]]", f"  name = {ts(name)}", f"  columns = {tarr(cols)}",
              f"  references = {{ table = {ts(ref)}, columns = {tarr(refcols)} }}"]
        if on_delete != "no action":
            o.append(f"  on_delete = {ts(on_delete)}")
    for name, expr in t.checks:
        o += ["", "  [[tables.checks]]", f"  name = {ts(name)}", f"  expression = {ts(expr)}"]
    return "\n".join(o) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, required=True, metavar="N")
    ap.add_argument("--out", required=True, metavar="DIR")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sqlite", action="store_true", help="emit SQLite-compatible SQL")
    ap.add_argument("--partial", action="store_true",
                    help="add partial indexes to the SQL only (reconcile cannot model them yet)")
    a = ap.parse_args(argv)
    if a.tables < 1:
        ap.error("--tables must be at least 1")
    tables = generate(a.tables, a.seed, a.partial)
    tdir = os.path.join(a.out, "tables")
    if os.path.isdir(tdir):
        shutil.rmtree(tdir)
    os.makedirs(tdir)
    with open(os.path.join(a.out, "schema.sql"), "w") as f:
        f.write(render_sql(tables, a.sqlite))
    width = max(5, len(str(a.tables)))
    for t in tables:
        with open(os.path.join(tdir, f"t{t.index:0{width}d}_{t.name}.toml"), "w") as f:
            f.write(render_toml(t))
    return 0


if __name__ == "__main__":
    sys.exit(main())
