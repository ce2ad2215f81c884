#!/usr/bin/env python3
"""Reads a CoNLL-style BIO file against the text it was made from, and prints its chunks.

Usage: read_conll.py FILE.conll FILE.txt [--expect JSON]

Every non-blank line is `token<TAB>tag[<TAB>tag...]`; a blank line ends a sentence. Each token
must appear in the .txt in order, separated from the previous one by white space only; that
gives its code-point offsets. Each tag column is decoded as strict IOB2 (an I-X must continue a
B-X or I-X of the same X in the same sentence). Prints
{"tokens": n, "sentences": m, "chunks": [{"column", "label", "start", "end", "text"}...]}
where start/end are code points of the .txt and text is txt[start:end]. With --expect, the
chunks must equal the given JSON list, or it exits 1. Python 3 standard library only.
"""

import json
import sys


def fail(msg):
    print(f"read_conll: {msg}", file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def main(conll_path, txt_path, expect):
    conll, txt = read(conll_path), read(txt_path)
    sentences, current = [], []
    for n, line in enumerate(conll.split("\n"), start=1):
        if line == "":
            if current:
                sentences.append(current)
            current = []
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            fail(f"line {n}: expected token<TAB>tag")
        current.append((n, fields[0], fields[1:]))
    if current:
        sentences.append(current)
    columns = {len(tags) for s in sentences for (_, _, tags) in s}
    if len(columns) > 1:
        fail(f"lines have different numbers of tag columns: {sorted(columns)}")
    pos, tokens = 0, 0
    chunks = []
    for sentence in sentences:
        open_chunks = {}
        for n, token, tags in sentence:
            at = txt.find(token, pos)
            if at < 0 or (txt[pos:at] and not txt[pos:at].isspace()):
                fail(f"line {n}: token {token!r} is not the next thing in the text after {pos}")
            start, end = at, at + len(token)
            pos = end
            tokens += 1
            for col, tag in enumerate(tags, start=1):
                if tag == "O":
                    open_chunks.pop(col, None)
                elif tag.startswith("B-"):
                    chunk = {"column": col, "label": tag[2:], "start": start, "end": end}
                    chunks.append(chunk)
                    open_chunks[col] = chunk
                elif tag.startswith("I-"):
                    chunk = open_chunks.get(col)
                    if chunk is None or chunk["label"] != tag[2:]:
                        fail(f"line {n}: {tag} does not continue a chunk of the same label")
                    chunk["end"] = end
                else:
                    fail(f"line {n}: tag {tag!r} is not O, B-x or I-x")
    if txt[pos:] and not txt[pos:].isspace():
        fail(f"text after the last token is not white space: {txt[pos:pos + 20]!r}")
    for chunk in chunks:
        chunk["text"] = txt[chunk["start"]:chunk["end"]]
    json.dump({"tokens": tokens, "sentences": len(sentences), "chunks": chunks}, sys.stdout)
    print()
    if expect is not None and chunks != json.loads(expect):
        fail(f"chunks differ from the expected ones:\n got {chunks}\nwant {json.loads(expect)}")


if __name__ == "__main__":
    args = sys.argv[1:]
    expect = None
    if "--expect" in args:
        i = args.index("--expect")
        expect = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2:
        fail("usage: read_conll.py FILE.conll FILE.txt [--expect JSON]")
    main(args[0], args[1], expect)
