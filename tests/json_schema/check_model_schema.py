#!/usr/bin/env python3
"""Checks docs/reconcile.schema.json, the JSON Schema of a model TOML file, against the loader.

    check_model_schema.py [--schema FILE] [--loader-keys FILE]... [--invalid DIR]... [PATH]...

PATH: model files or directories (read recursively, as the loader reads a schema directory);
each must be valid under the schema. reconcile.toml (the project file, another format) is
skipped, and in a case directory of tests/cases (one holding current.sql) only desired.toml is
a model.

--invalid DIR: every *.toml in DIR must be rejected by the schema. Each starts with a
"# why: ..." line; an "# expect: <json path> <keyword>" line names the error it must get
(e.g. "# expect: $.tables[0].columns[0] additionalProperties").

--loader-keys FILE: reads every `TableReader name(file, table, what, {"key", ...})` of the
loader source and checks that its keys and the schema's properties agree: each reader has a
schema object with exactly its keys, each schema object is some reader's, every object
refuses unknown keys, and the keys a reader reads with r.string / r.boolean / r.integer /
r.number / r.strings / r.tables / r.table have that type in the schema.

Standard library (tomllib) and jsonschema only. Exit status 1 on any disagreement.
"""
import argparse
import json
import os
import re
import sys
import tomllib

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.normpath(os.path.join(HERE, "..", "..", "docs", "reconcile.schema.json"))

# Top-level keys of reconcile.toml (src/cli/project_config.cpp), which is not a model file.
PROJECT_FILE_KEYS = {"schema", "ignore_tables", "environments"}


def json_path(parts):
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p) else f"[{json.dumps(p)}]")
    return out


def describe(error):
    """One line for a validation error; enum words are spelled out for an anyOf of enum/pattern."""
    if error.validator == "anyOf":
        for sub in error.validator_value:
            if isinstance(sub, dict) and "enum" in sub:
                words = ", ".join(json.dumps(w) for w in sub["enum"])
                return f"{error.instance!r} is not one of {words} (in any letter case)"
        if error.context:  # a string or a table (an index key): the table's own complaint
            best = max((e for e in error.context if e.validator != "type"), key=lambda e: len(e.relative_schema_path), default=None)
            if best is not None:
                return describe(best)
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return "needs exactly one of " + " and ".join(
            "'" + "', '".join(s.get("required", [])) + "'" for s in error.validator_value if isinstance(s, dict))
    return error.message


def errors_of(validator, document):
    errs = sorted(validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    return [(json_path(e.absolute_path), e.validator, describe(e)) for e in errs]


def read_toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def is_project_file(path, document):
    if os.path.basename(path) == "reconcile.toml":
        return True
    keys = set(document)
    return bool(keys) and keys <= PROJECT_FILE_KEYS and bool(keys & {"schema", "environments"})


def model_files(path):
    if os.path.isfile(path):
        return [path]
    if not os.path.isdir(path):
        raise SystemExit(f"check_model_schema: {path} does not exist")
    found = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        if "current.sql" in files:  # a case directory of tests/cases: its model is desired.toml
            files = [f for f in files if f == "desired.toml"]
        found += [os.path.join(root, f) for f in sorted(files) if f.endswith(".toml")]
    return found


def check_models(validator, paths):
    failures, checked, skipped = 0, 0, 0
    for top in paths:
        for path in model_files(top):
            try:
                document = read_toml(path)
            except tomllib.TOMLDecodeError as e:
                print(f"FAIL {path}: not valid TOML: {e}")
                failures += 1
                continue
            if is_project_file(path, document):
                skipped += 1
                continue
            checked += 1
            for where, keyword, message in errors_of(validator, document):
                print(f"FAIL {path}: {where}: {message} [{keyword}]")
                failures += 1
    print(f"models: {checked} file(s) checked, {skipped} project file(s) skipped, {failures} error(s)")
    return failures == 0 and checked > 0 if paths else True


def check_invalid(validator, directory):
    ok = True
    files = sorted(f for f in os.listdir(directory) if f.endswith(".toml"))
    if not files:
        print(f"FAIL {directory}: holds no .toml files")
        return False
    for name in files:
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        if not lines or not lines[0].startswith("# why:"):
            print(f"FAIL {path}: does not start with a '# why:' line")
            ok = False
        expect = next((l[len("# expect:"):].split() for l in lines if l.startswith("# expect:")), None)
        try:
            document = read_toml(path)
        except tomllib.TOMLDecodeError as e:
            print(f"FAIL {path}: not valid TOML, so the schema never sees it: {e}")
            ok = False
            continue
        errors = errors_of(validator, document)
        if not errors:
            print(f"FAIL {path}: ACCEPTED by the schema, but the loader rejects it ({lines[0] if lines else ''})")
            ok = False
            continue
        if expect and not any(where == expect[0] and (len(expect) < 2 or keyword == expect[1]) for where, keyword, _ in errors):
            print(f"FAIL {path}: rejected, but not with the expected error at {' '.join(expect)}:")
            ok = False
        for where, keyword, message in errors:
            print(f"  rejected {name}: {where}: {message} [{keyword}]")
    print(f"invalid: {len(files)} file(s) in {directory}" + ("" if ok else ", with failures"))
    return ok


# --- the loader's key lists -------------------------------------------------------------

def strip_comments(source):
    """C++ without its comments; string and character literals kept, offsets changed."""
    out, i, n = [], 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif c in "\"'":
            if c == '"' and i > 0 and source[i - 1] == "R":  # raw string R"d(...)d"
                d = source[i + 1:source.index("(", i)]
                j = source.index(")" + d + '"', i) + len(d) + 2
            else:
                j = i + 1
                while j < n and source[j] != c:
                    j += 2 if source[j] == "\\" else 1
                j += 1
            out.append(source[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def skip_literal(text, i):
    """Index after the string or character literal starting at text[i]."""
    q, j = text[i], i + 1
    while text[j] != q:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def matching(text, i, open_ch, close_ch):
    """Index of the bracket closing the one at text[i]."""
    depth, j = 0, i
    while j < len(text):
        c = text[j]
        if c in "\"'":
            j = skip_literal(text, j)
            continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError("unbalanced " + open_ch)


def block_end(text, i):
    """Index of the '}' that closes the block holding position i."""
    depth, j = 0, i
    while j < len(text):
        c = text[j]
        if c in "\"'":
            j = skip_literal(text, j)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return j
        j += 1
    return len(text)


def split_top(text):
    """Splits a function's argument text at its top-level commas."""
    parts, depth, start, j = [], 0, 0, 0
    while j < len(text):
        c = text[j]
        if c in "\"'":
            j = skip_literal(text, j)
            continue
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:j].strip())
            start = j + 1
        j += 1
    parts.append(text[start:].strip())
    return parts


ACCESSORS = {"string": "string", "required_string": "string", "boolean": "boolean", "integer": "integer",
             "number": "number", "strings": "strings", "tables": "tables", "table": "table"}


def loader_readers(path):
    """[(line, what, keys, {key: accessor kinds})] for every TableReader declared in the file."""
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    declared = []
    for m in re.finditer(r"\bTableReader\s+(\w+)\s*\(", text):
        close = matching(text, m.end() - 1, "(", ")")
        args = split_top(text[m.end():close])
        init = args[-1]
        if not (init.startswith("{") and init.endswith("}")):
            raise SystemExit(f"check_model_schema: {path}:{text.count(chr(10), 0, m.start()) + 1}: "
                             f"TableReader {m.group(1)} has no {{\"key\", ...}} list as its last argument")
        keys = re.findall(r'"((?:[^"\\]|\\.)*)"', init)
        if re.sub(r'"(?:[^"\\]|\\.)*"|[\s,{}]', "", init):
            raise SystemExit(f"check_model_schema: {path}: the key list of TableReader {m.group(1)} holds more than string literals: {init}")
        what = args[2] if len(args) > 2 else "?"
        declared.append({"var": m.group(1), "start": close, "end": block_end(text, close), "what": what, "keys": keys,
                         "line": text.count("\n", 0, m.start()) + 1})
    # Functions and lambdas taking a `const TableReader& p`: the keys they read on p, with
    # literal keys (read_grants' owner, read_deferral's deferrable, read_ref's name and schema).
    helpers = {}
    for h in re.finditer(r"(\w+)\s*(?:=\s*\[[^\]]*\]\s*)?\(([^()]*\bTableReader\s*&\s*(\w+)[^()]*)\)[^;{()]*\{", text):
        body_start = h.end() - 1
        body = text[body_start:matching(text, body_start, "{", "}")]
        param_index = next(i for i, a in enumerate(split_top(h.group(2))) if re.search(r"\b" + h.group(3) + r"$", a))
        reads = {}
        for c in re.finditer(r"\b" + re.escape(h.group(3)) + r"\s*\.\s*(\w+)\s*\(\s*\"([^\"]*)\"\s*\)", body):
            if c.group(1) in ACCESSORS:
                reads.setdefault(c.group(2), set()).add(ACCESSORS[c.group(1)])
        helpers[h.group(1)] = (param_index, reads)
    readers = []
    for r in declared:
        # The calls on this reader: in its block, outside the blocks of a reader of the same name it encloses.
        shadowed = [(o["start"], o["end"]) for o in declared if o is not r and o["var"] == r["var"] and r["start"] < o["start"] < r["end"]]
        kinds = {}
        call = re.compile(r"\b" + re.escape(r["var"]) + r"\s*\.\s*(\w+)\s*\(\s*\"([^\"]*)\"\s*\)")
        for c in call.finditer(text, r["start"], r["end"]):
            if c.group(1) in ACCESSORS and not any(a <= c.start() < b for a, b in shadowed):
                kinds.setdefault(c.group(2), set()).add(ACCESSORS[c.group(1)])
        for name, (param_index, reads) in helpers.items():
            for c in re.finditer(r"\b" + re.escape(name) + r"\s*\(", text[:r["end"]]):
                if c.start() < r["start"] or any(a <= c.start() < b for a, b in shadowed):
                    continue
                args = split_top(text[c.end():matching(text, c.end() - 1, "(", ")")])
                if param_index < len(args) and args[param_index] == r["var"]:
                    for key, kind_set in reads.items():
                        if key in r["keys"]:  # read_grants reads owner on readers that refuse it already
                            kinds.setdefault(key, set()).update(kind_set)
        readers.append((r["line"], r["what"], r["keys"], kinds))
    return readers


def schema_objects(root):
    """[(json pointer, object schema)] for every schema in `root` that lists properties."""
    found = []

    def walk(node, pointer):
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                found.append((pointer or "/", node))
            for key, value in node.items():
                if key in ("enum", "const", "required", "examples"):
                    continue
                if key in ("properties", "definitions", "$defs"):  # maps of names to schemas
                    for name, sub in value.items():
                        walk(sub, f"{pointer}/{key}/{name}")
                else:
                    walk(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{pointer}/{i}")

    walk(root, "")
    return found


def resolve(root, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise SystemExit(f"check_model_schema: cannot follow $ref {ref}")
        node = root
        for part in ref[2:].split("/"):
            node = node[part]
    return node


def type_agrees(root, prop, kind):
    prop = resolve(root, prop)
    t = prop.get("type")
    if kind in ("string", "boolean", "integer", "number"):
        return t == kind
    if kind == "table":
        return t == "object"
    items = resolve(root, prop.get("items", {}))
    if kind == "strings":
        return t == "array" and items.get("type") == "string"
    if kind == "tables":
        return t == "array" and items.get("type") == "object"
    return False


def check_loader_keys(schema, sources):
    readers, problems = [], []
    for source in sources:
        found = loader_readers(source)
        for line, what, keys, kinds in found:
            # reconcile.toml's readers (src/cli/project_config.cpp) read another file, not the model.
            if "reconcile.toml" in what or "environment" in what:
                print(f"loader: {source}:{line}: reader of {what} skipped (reconcile.toml, not a model file)")
                continue
            readers.append((f"{source}:{line}", what, keys, kinds))
        if not found:
            problems.append(f"{source}: no TableReader found; the check would be vacuous")
    objects = schema_objects(schema)

    for pointer, obj in objects:
        if obj.get("additionalProperties") is not False:
            problems.append(f"schema {pointer}: lacks \"additionalProperties\": false, but every loader table refuses unknown keys")
        missing = set(obj.get("required", [])) - set(obj["properties"])
        if missing:
            problems.append(f"schema {pointer}: requires {sorted(missing)}, which it has no property for")

    loader_keys = {k for _, _, keys, _ in readers for k in keys}
    schema_keys = {k for _, obj in objects for k in obj["properties"]}
    for key in sorted(loader_keys - schema_keys):
        problems.append(f"key '{key}': the loader reads it, the schema has no property of that name")
    for key in sorted(schema_keys - loader_keys):
        problems.append(f"key '{key}': a property of the schema that no loader table accepts")

    for where, what, keys, kinds in readers:
        same = [(p, o) for p, o in objects if set(o["properties"]) == set(keys)]
        if not same:
            pointer, obj = max(objects, key=lambda po: len(set(po[1]["properties"]) & set(keys)) / len(set(po[1]["properties"]) | set(keys)))
            props = set(obj["properties"])
            problems.append(f"{where}: the reader of {what} has no schema object with its keys; nearest is {pointer}, "
                            f"which lacks {sorted(set(keys) - props)} and has {sorted(props - set(keys))} besides")
            continue
        for key, kind_set in sorted(kinds.items()):
            if key not in keys:
                problems.append(f"{where}: the reader of {what} reads '{key}', which is not in its key list")
                continue
            for kind in kind_set:
                for pointer, obj in same:
                    if not type_agrees(schema, obj["properties"][key], kind):
                        problems.append(f"{where}: the reader of {what} reads '{key}' as {kind}, but {pointer}/properties/{key} "
                                        f"is {json.dumps(resolve(schema, obj['properties'][key]).get('type'))}")
    text = json.dumps(schema)
    for name in schema.get("definitions", {}):
        if f'"#/definitions/{name}"' not in text:
            problems.append(f"schema /definitions/{name}: no $ref uses it")
    for pointer, obj in objects:
        if not any(set(obj["properties"]) == set(keys) for _, _, keys, _ in readers):
            problems.append(f"schema {pointer}: no loader table has exactly its keys {sorted(obj['properties'])}")

    for p in problems:
        print("FAIL " + p)
    typed = sum(len(k) for _, _, _, k in readers)
    print(f"loader keys: {len(readers)} readers, {len(loader_keys)} distinct keys ({typed} typed reads); "
          f"{len(objects)} schema objects, {len(schema_keys)} distinct properties; {len(problems)} disagreement(s)")
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the JSON Schema (default: docs/reconcile.schema.json)")
    parser.add_argument("--loader-keys", action="append", default=[], metavar="CPP", help="loader source to compare key lists with")
    parser.add_argument("--invalid", action="append", default=[], metavar="DIR", help="directory of model files the schema must reject")
    parser.add_argument("paths", nargs="*", help="model files or directories that must be valid")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    ok = True
    if args.loader_keys:
        ok = check_loader_keys(schema, args.loader_keys) and ok
    if args.paths:
        ok = check_models(validator, args.paths) and ok
    for directory in args.invalid:
        ok = check_invalid(validator, directory) and ok
    print("model JSON schema: " + ("all checks passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
