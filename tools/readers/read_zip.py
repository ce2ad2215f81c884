#!/usr/bin/env python3
"""Opens a ZIP with Python's zipfile and checks what the app's writer promises.

Usage: read_zip.py FILE.zip

Checks every member's CRC (ZipFile.testzip), that it is stored (no compression), has the UTF-8
name flag (bit 11) and the date 1980-01-01 00:00:00. Prints
[{"name", "size", "crc", "text"}...] (text is the member decoded as UTF-8, or null).
Python 3 standard library only.
"""

import json
import sys
import zipfile


def fail(msg):
    print(f"read_zip: {msg}", file=sys.stderr)
    sys.exit(1)


def main(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            fail(f"{bad}: CRC does not match")
        out = []
        for info in z.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                fail(f"{info.filename}: compressed with method {info.compress_type}")
            if not info.flag_bits & 0x800:
                fail(f"{info.filename}: UTF-8 name flag not set")
            if info.date_time != (1980, 1, 1, 0, 0, 0):
                fail(f"{info.filename}: date {info.date_time}")
            data = z.read(info)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            out.append({"name": info.filename, "size": info.file_size, "crc": info.CRC, "text": text})
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: read_zip.py FILE.zip")
    main(sys.argv[1])
