#!/usr/bin/env python3
"""Reads a brat standoff pair (.txt + .ann) on its own terms and checks every span.

Usage: read_brat.py FILE.txt FILE.ann

Checks, for every text-bound (T) line, that each fragment "start end" lies inside the .txt
(Python str indices, i.e. code points), that fragments are in order and do not overlap, and that
the line's text equals the fragments' slices of the .txt joined by a space (brat's rule for
discontinuous spans). Relations (R) and AnnotatorNotes (#) must point at T ids in the file.
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


def main(txt_path, ann_path):
    txt = read(txt_path)
    ann = read(ann_path)
    textbounds, relations, notes = [], [], []
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
        elif ident.startswith("#"):
            kind, target = parts[1].split()
            notes.append({"id": ident, "type": kind, "target": target, "text": parts[2]})
    for r in relations:
        for arg in ("arg1", "arg2"):
            if r[arg] not in ids:
                fail(f"{r['id']}: {arg} {r[arg]} is not a T annotation")
    for note in notes:
        if note["target"] not in ids:
            fail(f"{note['id']}: note on {note['target']}, which is not a T annotation")
    json.dump({"textbounds": textbounds, "relations": relations, "notes": notes}, sys.stdout)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: read_brat.py FILE.txt FILE.ann")
    main(sys.argv[1], sys.argv[2])
