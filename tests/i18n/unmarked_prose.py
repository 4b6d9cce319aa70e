#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""unmarked_prose.py POT ALLOWED FILE...: fail when one of FILE's string literals reads like a
sentence for people (two words of letters) but is not marked for translation (not in POT) and
not listed in ALLOWED (one literal a line: record contents, HTML, internal errors). The files
given are those whose every message is translated (po/README.md)."""
import re
import subprocess
import sys


def msgids(text):
    out = set()
    for block in text.split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            out.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
    return out


def main(pot, allowed, files):
    with open(pot, encoding="utf-8") as f:
        marked = msgids(f.read())
    with open(allowed, encoding="utf-8") as f:
        allow = {l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")}
    literals = subprocess.run(
        ["xgettext", "--extract-all", "--language=C++", "--from-code=UTF-8", "--no-wrap",
         "--no-location", "-o", "-"] + files,
        check=True, capture_output=True, text=True).stdout
    # HTML and CSS (a '<' or a '{') are markup, not sentences.
    prose = sorted(x for x in msgids(literals) - marked - allow
                   if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", x) and not re.search(r"[<{]", x))
    for x in prose:
        print("i18n: not marked for translation: " + repr(x))
    return 1 if prose else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
