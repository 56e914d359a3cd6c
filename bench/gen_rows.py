#!/usr/bin/env python3
"""Reference data for bench/rows.sh: TABLES tables of ROWS declared rows each, as a model
(one TOML file per table, [[tables.rows]] inline), the same rows as an idempotent SQL script
(INSERT ... ON CONFLICT, what psql loads) and as COPY files, and a SQL file that changes
CHANGED_PERCENT of the rows (an update of one column) for the 1% case.

    bench/gen_rows.py --tables 10 --rows 10000 --out DIR
"""
import argparse
import csv
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tables", type=int, default=10)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--changed-percent", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "model"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "copy"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "model-csv"), exist_ok=True)
    schema_sql, script, copy_sql, change = [], ["BEGIN;"], [], ["BEGIN;"]
    for t in range(a.tables):
        name = f"ref_{t:02d}"
        ddl = (f"CREATE TABLE {name} (id integer NOT NULL, code text NOT NULL, label text, price numeric(10,2), "
               f"active boolean NOT NULL, attrs jsonb, CONSTRAINT {name}_pkey PRIMARY KEY (id));")
        schema_sql.append(ddl)
        lines = [
            "[[tables]]",
            f'name = "{name}"',
            "columns = [",
            '  { name = "id", type = "integer", nullable = false },',
            '  { name = "code", type = "text", nullable = false },',
            '  { name = "label", type = "text" },',
            '  { name = "price", type = "numeric(10,2)" },',
            '  { name = "active", type = "boolean", nullable = false },',
            '  { name = "attrs", type = "jsonb" },',
            "]",
            'primary_key = ["id"]',
            "rows = [",
        ]
        copy_rows, csv_rows = [], []
        for i in range(1, a.rows + 1):
            code = f"c{t}-{i}"
            label = f"Label {rnd.randrange(10**6)}"
            price = f"{rnd.randrange(100000) / 100:.2f}"
            active = rnd.random() < 0.8
            attrs = {"tier": rnd.randrange(5), "tags": ["a", "b"][: rnd.randrange(3)]}
            attrs_json = json.dumps(attrs, separators=(",", ":"))
            lines.append(f'  {{ id = {i}, code = "{code}", label = "{label}", price = "{price}", '
                         f'active = {"true" if active else "false"}, attrs = {json.dumps(attrs_json)} }},')
            script.append(f"INSERT INTO {name} (id, code, label, price, active, attrs) VALUES "
                          f"({i}, '{code}', '{label}', {price}, {'true' if active else 'false'}, '{attrs_json}') "
                          f"ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, label = EXCLUDED.label, price = EXCLUDED.price, "
                          f"active = EXCLUDED.active, attrs = EXCLUDED.attrs;")
            copy_rows.append(f"{i}\t{code}\t{label}\t{price}\t{'t' if active else 'f'}\t{attrs_json}")
            csv_rows.append([i, code, label, price, "true" if active else "false", attrs_json])
        lines.append("]")
        with open(os.path.join(a.out, "model", f"{name}.toml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        # The same rows as a CSV file beside the table's TOML (rows_file).
        table_only = lines[: lines.index("rows = [")]
        with open(os.path.join(a.out, "model-csv", f"{name}.toml"), "w") as f:
            f.write("\n".join(table_only + [f'rows_file = "{name}.csv"']) + "\n")
        with open(os.path.join(a.out, "model-csv", f"{name}.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "code", "label", "price", "active", "attrs"])
            w.writerows(csv_rows)
        copy_file = os.path.join(a.out, "copy", f"{name}.tsv")
        with open(copy_file, "w") as f:
            f.write("\n".join(copy_rows) + "\n")
        copy_sql.append(f"\\copy {name} FROM '{copy_file}'")
        changed = max(1, int(a.rows * a.changed_percent / 100))
        ids = rnd.sample(range(1, a.rows + 1), changed)
        change.append(f"UPDATE {name} SET label = label || ' (edited)' WHERE id IN ({', '.join(map(str, sorted(ids)))});")
    script.append("COMMIT;")
    change.append("COMMIT;")
    for fname, body in (("schema.sql", schema_sql), ("load.sql", script), ("copy.sql", ["BEGIN;"] + copy_sql + ["COMMIT;"]),
                        ("change.sql", change)):
        with open(os.path.join(a.out, fname), "w") as f:
            f.write("\n".join(body) + "\n")


if __name__ == "__main__":
    main()
