#!/usr/bin/env python3
"""Builds the gold set: gold/src/NN-name.txt (hand-annotated inline markup) -> gold/NN-name.json (v1).

The markup is written by hand, by the conventions in docs/suggest.md. A source file is

    # Title
    <blank line>
    The text, paragraphs separated by blank lines, with annotations in braces.

An annotation is `{HEADER content}`: the header, a space, then the annotated text (which may
hold further annotations). Headers:

    d          a date or time
    s1         a speaker, with the id s1 (any letters and digits after the s)
    s3=s1      a speaker s3 that is the same person as the earlier speaker s1 (a `same_as`
               link from s3 to s1: `Okafor` after `Mayor Denise Okafor`, `she` for a
               speaker named before); only between speaker mentions
    q1@s1      a quote attributed to speaker s1, kind direct
    q1@s1:m    the same, kind mixed (a quoted fragment inside reported speech)
    q1         a quote with no speaker
    c / c@s1   a claim, unattributed or attributed to s1

Braces never occur in the articles themselves. Run `python3 gold/build.py`; it rewrites every
gold/NN-name.json (and gold/heldout/NN-name.json from gold/heldout/src/) and checks it against the v1 schema (when the
`jsonschema` module is installed) and against the importer's rules.
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent
LABELS = [
    {"name": "quote", "color": "#FFE08A", "key": "1"},
    {"name": "speaker", "color": "#A8D8FF", "key": "2"},
    {"name": "claim", "color": "#FFB8C6", "key": "3"},
    {"name": "date", "color": "#B9EDB0", "key": "4"},
]
HEADER = re.compile(r"^(d|c|s\w+|q\w*)(?:@(s\w+))?(?::(m))?(?:=(s\w+))?$")


def parse(src):
    """Returns (plain text, [(header, start, end)]) with offsets in code points."""
    out, stack, spans = [], [], []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "{":
            j = src.index(" ", i)
            stack.append((src[i + 1 : j], len(out)))
            i = j + 1
        elif ch == "}":
            header, start = stack.pop()
            spans.append((header, start, len(out)))
            i += 1
        else:
            out.append(ch)
            i += 1
    if stack:
        raise ValueError(f"unclosed annotation {stack[-1][0]}")
    return "".join(out), spans


def build(path):
    raw = path.read_text(encoding="utf-8")
    title_line, _, body = raw.partition("\n")
    assert title_line.startswith("# "), f"{path}: first line must be '# Title'"
    title = title_line[2:].strip()
    src = body.strip("\n")
    text, spans = parse(src)
    spans.sort(key=lambda s: (s[1], s[2]))
    anns, name_to_id, pending, same = [], {}, [], []
    for n, (header, start, end) in enumerate(spans, 1):
        m = HEADER.match(header)
        if not m:
            raise ValueError(f"{path}: bad header {header!r}")
        head, speaker, mixed, same_as = m.groups()
        if same_as:
            assert head.startswith("s"), f"{path}: only a speaker can be the same as another"
            same.append((head, same_as))
        aid = f"a{n}"
        piece = text[start:end]
        assert piece == piece.strip(), f"{path}: {header} span has outer white space: {piece!r}"
        label = {"d": "date", "c": "claim"}.get(head[0], {"s": "speaker", "q": "quote"}.get(head[0]))
        a = {"id": aid, "label": label, "start": start, "end": end, "text": piece}
        if label == "quote":
            a["kind"] = "mixed" if mixed else "direct"
        if head not in ("d", "c"):
            if head in name_to_id:
                raise ValueError(f"{path}: duplicate id {head}")
            name_to_id[head] = aid
        if speaker:
            pending.append((aid, speaker))
        anns.append(a)
    relations = []
    for k, (frm, speaker) in enumerate(pending, 1):
        if speaker not in name_to_id:
            raise ValueError(f"{path}: unknown speaker {speaker}")
        relations.append({"id": f"r{k}", "type": "attributed_to", "from": frm, "to": name_to_id[speaker]})
    for head, other in same:
        if other not in name_to_id:
            raise ValueError(f"{path}: unknown speaker {other}")
        frm, to = name_to_id[head], name_to_id[other]
        assert next(a for a in anns if a["id"] == to)["start"] < next(a for a in anns if a["id"] == frm)["start"], (
            f"{path}: {head}={other} must point back to an earlier mention"
        )
        relations.append({"id": f"r{len(relations) + 1}", "type": "same_as", "from": frm, "to": to})
    doc = {
        "format": "article-annotator",
        "version": 1,
        "document": {"title": title, "text": text},
        "labels": LABELS,
        "annotations": anns,
        "relations": relations,
    }
    check(doc)
    return doc


def check(doc):
    text = doc["document"]["text"]
    assert "\r" not in text
    ids, prev = set(), None
    for a in doc["annotations"]:
        assert 0 <= a["start"] < a["end"] <= len(text)
        assert text[a["start"] : a["end"]] == a["text"]
        assert a["id"] not in ids
        key = (a["start"], a["end"], a["id"])
        assert prev is None or prev < key
        ids.add(a["id"])
        prev = key
    for r in doc["relations"]:
        assert r["from"] in ids and r["to"] in ids


def main():
    try:
        import jsonschema

        schema = json.loads((ROOT.parent / "schema" / "article-annotator.v1.schema.json").read_text())
        validate = jsonschema.Draft202012Validator(schema).validate
    except ImportError:
        validate = None
        print("jsonschema not installed: schema check skipped", file=sys.stderr)
    sources = [
        (src, folder)
        for folder in (ROOT, ROOT / "heldout")
        for src in sorted((folder / "src").glob("*.txt"))
    ]
    for src, folder in sources:
        doc = build(src)
        if validate:
            validate(doc)
        out = folder / (src.stem + ".json")
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        counts = {}
        for a in doc["annotations"]:
            counts[a["label"]] = counts.get(a["label"], 0) + 1
        kinds = [r["type"] for r in doc["relations"]]
        print(
            f"{out.name}: {counts}, {kinds.count('attributed_to')} attributions, "
            f"{kinds.count('same_as')} same_as links"
        )


if __name__ == "__main__":
    main()
