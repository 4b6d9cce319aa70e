#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""check_po.py PO POT: every message of PO is in POT (no obsolete or stray entry), none is
fuzzy or empty, and each translation has the same {placeholders} as its msgid (a translation
may reorder them, never drop or rename one). Exit 1 listing every problem."""
import re
import sys

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def entries(path):
    """Yields (flags, fields) per entry; fields maps msgid, msgid_plural, msgstr, msgstr[N]."""
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        flags, fields, key = set(), {}, None
        obsolete = False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
                line = line[2:].lstrip()
            if line.startswith("#,"):
                flags.update(x.strip() for x in line[2:].split(","))
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                fields[key] += unquote(line)
            else:
                key, _, rest = line.partition(" ")
                fields[key] = unquote(rest)
        if fields or obsolete:
            yield flags, fields, obsolete


def main(po, pot):
    template = {f.get("msgid") for _, f, o in entries(pot) if not o}
    problems = []
    for flags, f, obsolete in entries(po):
        msgid = f.get("msgid", "")
        if obsolete:
            problems.append("obsolete entry (remove it): " + repr(msgid))
            continue
        if msgid == "":
            continue  # the header
        if msgid not in template:
            problems.append("not in semilla.pot: " + repr(msgid))
        if "fuzzy" in flags:
            problems.append("fuzzy: " + repr(msgid))
        strs = {k: v for k, v in f.items() if k.startswith("msgstr")}
        for key, text in strs.items():
            if not text:
                problems.append("untranslated: " + repr(msgid))
                continue
            source = f.get("msgid_plural", msgid) if key not in ("msgstr", "msgstr[0]") else msgid
            want = sorted(set(PLACEHOLDER.findall(source)))
            got = sorted(set(PLACEHOLDER.findall(text)))
            if want != got:
                problems.append("placeholders %s in %s, %s in its translation %r"
                                % (want, repr(msgid), got, text))
    for p in problems:
        print("i18n: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
