#!/usr/bin/env python3
"""Reads a brat standoff pair (.txt + .ann) on its own terms and checks every span.

Usage: read_brat.py FILE.txt FILE.ann [annotation.conf]

Checks, for every text-bound (T) line, that each fragment "start end" lies inside the .txt
(Python str indices, i.e. code points), that fragments are in order and do not overlap, and that
the line's text equals the fragments' slices of the .txt joined by a space (brat's rule for
discontinuous spans). Relations (R) and AnnotatorNotes (#) must point at T ids in the file.
Events (E, "Type:Trigger Role:Id ..."): the trigger must be a T line of the event's own type
(brat's convention: an event type and its trigger's type are one name), every argument must be
a T or E id in the file, and no role may repeat (brat numbers repeats: Source, Source2).
Attributes (A or M) must point at a T or E id. Ids may not repeat.
Given brat's annotation.conf too, checks that it declares everything the .ann uses, as brat
would complain otherwise: each T type an entity (or an event, for a trigger), each R type a
relation, each E type an event whose roles include each argument's role (repeats numbered:
Source2 is Source), each A/M name an attribute, and a value among its values.
Prints what it read as JSON; exits 1 with a message on stderr at the first problem.
Python 3 standard library only; independent of the Rust code that writes these files.
"""

import json
import sys


def fail(msg):
    print(f"read_brat: {msg}", file=sys.stderr)
    sys.exit(1)


def read(path):
    # newline="" keeps the bytes' line endings as they are, so offsets are not shifted.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def read_conf(path):
    """The sections of an annotation.conf: entities, relations, events with their roles,
    attributes with their values (None: any)."""
    conf = {"entities": set(), "relations": set(), "events": {}, "attributes": {}}
    section = None
    for n, raw in enumerate(read(path).split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in conf:
                fail(f"annotation.conf line {n}: unknown section {line}")
            continue
        if section is None:
            fail(f"annotation.conf line {n}: outside any section")
        name, _, args = raw.strip().partition("\t")
        name = name.strip()
        if section in ("entities", "relations"):
            if name in conf[section] and name != "<OVERLAP>":
                fail(f"annotation.conf line {n}: {name} declared twice")
            conf[section].add(name)
            continue
        if name in conf[section]:
            fail(f"annotation.conf line {n}: {name} declared twice")
        parts = [a.strip() for a in args.split(",") if a.strip()]
        if section == "events":
            conf["events"][name] = {p.split(":", 1)[0].rstrip("*+?") for p in parts}
        else:
            values = None
            for p in parts:
                if p.startswith("Value:"):
                    values = set(p[len("Value:"):].split("|"))
            conf["attributes"][name] = values
    return conf


def check_conf(conf, textbounds, relations, events, attributes):
    for t in textbounds:
        if t["type"] not in conf["entities"] and t["type"] not in conf["events"]:
            fail(f"{t['id']}: type {t['type']} is not declared in annotation.conf")
    for r in relations:
        if r["type"] not in conf["relations"]:
            fail(f"{r['id']}: relation type {r['type']} is not declared in annotation.conf")
    for e in events:
        roles = conf["events"].get(e["type"])
        if roles is None:
            fail(f"{e['id']}: event type {e['type']} is not declared in annotation.conf")
        for role, _ in e["args"]:
            if role.rstrip("0123456789") not in roles:
                fail(f"{e['id']}: role {role} is not a role of {e['type']} in annotation.conf")
    for a in attributes:
        if a["name"] not in conf["attributes"]:
            fail(f"{a['id']}: attribute {a['name']} is not declared in annotation.conf")
        values = conf["attributes"][a["name"]]
        if values is not None and a["value"] not in values:
            fail(f"{a['id']}: value {a['value']} of {a['name']} is not declared in annotation.conf")


def main(txt_path, ann_path, conf_path=None):
    txt = read(txt_path)
    ann = read(ann_path)
    textbounds, relations, notes, events, attributes = [], [], [], [], []
    ids = set()
    for n, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue
        parts = line.split("\t", 2)
        ident = parts[0]
        if ident.startswith("T"):
            if len(parts) != 3:
                fail(f"line {n}: a T line has 3 tab-separated fields, found {len(parts)}")
            kind, _, offsets = parts[1].partition(" ")
            fragments = []
            for frag in offsets.split(";"):
                start, end = (int(x) for x in frag.split())
                if not 0 <= start <= end <= len(txt):
                    fail(f"line {n}: {ident}: {start}..{end} outside the text ({len(txt)})")
                if fragments and start < fragments[-1][1]:
                    fail(f"line {n}: {ident}: fragments out of order or overlapping")
                fragments.append((start, end))
            expected = " ".join(txt[s:e] for s, e in fragments)
            if parts[2] != expected:
                fail(f"line {n}: {ident}: text {parts[2]!r} but the .txt has {expected!r}")
            if ident in ids:
                fail(f"line {n}: {ident} used twice")
            ids.add(ident)
            textbounds.append(
                {"id": ident, "type": kind, "fragments": [list(f) for f in fragments], "text": parts[2]}
            )
        elif ident.startswith("R"):
            words = parts[1].split()
            args = dict(w.split(":", 1) for w in words[1:])
            relations.append({"id": ident, "type": words[0], "arg1": args["Arg1"], "arg2": args["Arg2"]})
        elif ident.startswith("E"):
            if len(parts) != 2:
                fail(f"line {n}: an E line has 2 tab-separated fields, found {len(parts)}")
            # As brat reads it: "Type:Trigger" up to the first space, then the arguments.
            head, _, rest = parts[1].partition(" ")
            words = [head] + rest.split()
            if ":" not in head:
                fail(f"line {n}: {ident}: expected \"Type:Trigger Role:Id ...\"")
            kind, _, trigger = head.partition(":")
            args = []
            for w in words[1:]:
                role, sep, target = w.partition(":")
                if not sep or not role or not target:
                    fail(f"line {n}: {ident}: argument {w!r} is not Role:Id")
                if role in [r for r, _ in args]:
                    fail(f"line {n}: {ident}: role {role} twice (brat numbers repeats: {role}2)")
                args.append((role, target))
            if ident in ids:
                fail(f"line {n}: {ident} used twice")
            ids.add(ident)
            events.append({"id": ident, "type": kind, "trigger": trigger, "args": args, "line": n})
        elif ident[:1] in ("A", "M"):
            words = parts[1].split() if len(parts) > 1 else []
            if len(words) not in (2, 3):
                fail(f"line {n}: {ident}: expected \"Name Target [Value]\"")
            if ident in ids:
                fail(f"line {n}: {ident} used twice")
            ids.add(ident)
            attributes.append(
                {"id": ident, "name": words[0], "target": words[1], "value": (words[2:] or [None])[0]}
            )
        elif ident.startswith("#"):
            kind, target = parts[1].split()
            notes.append({"id": ident, "type": kind, "target": target, "text": parts[2]})
    tids = {t["id"] for t in textbounds}
    for r in relations:
        for arg in ("arg1", "arg2"):
            if r[arg] not in tids:
                fail(f"{r['id']}: {arg} {r[arg]} is not a T annotation")
    for note in notes:
        if note["target"] not in tids:
            fail(f"{note['id']}: note on {note['target']}, which is not a T annotation")
    event_ids = {e["id"] for e in events}
    by_id = {t["id"]: t for t in textbounds}
    for e in events:
        where = f"line {e.pop('line')}: {e['id']}"
        trigger = by_id.get(e["trigger"])
        if trigger is None:
            fail(f"{where}: the trigger {e['trigger']} is not a T annotation")
        if trigger["type"] != e["type"]:
            fail(f"{where}: event type {e['type']} but its trigger {e['trigger']} is a {trigger['type']}")
        e["trigger_text"] = trigger["text"]
        for role, target in e["args"]:
            if target not in by_id and target not in event_ids:
                fail(f"{where}: {role} {target} is not a T or E annotation")
        e["args"] = [list(a) for a in e["args"]]
    for a in attributes:
        if a["target"] not in by_id and a["target"] not in event_ids:
            fail(f"{a['id']}: attribute on {a['target']}, which is not a T or E annotation")
    if conf_path is not None:
        check_conf(read_conf(conf_path), textbounds, relations, events, attributes)
    out = {"textbounds": textbounds, "relations": relations, "notes": notes}
    out.update({"events": events, "attributes": attributes})
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        fail("usage: read_brat.py FILE.txt FILE.ann [annotation.conf]")
    main(*sys.argv[1:])
