"""Checks that README.md's code snippets are taken from the tested sources:
every fenced block whose first line names a file ("from bindings/...") must
consist of lines of that file (compared without surrounding whitespace), in
the file's order; "/* ... */" (or "/* ... what was left out */"), "// ..."
and "# ..." lines mark elisions."""
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
# Both the bindings README and the project README (which carries the same
# "Using from C / C++ / Python" section) are checked.
readme = "\n".join(
    p.read_text() for p in (Path(__file__).resolve().parent / "README.md", root / "README.md")
)
bad = 0
blocks = re.findall(r"```[\w,+-]*\n(.*?)```", readme, re.S)
checked = 0
for block in blocks:
    lines = block.rstrip("\n").split("\n")
    m = re.search(r"from ((?:bindings|tests/c)/\S+)", lines[0])
    if not m:
        continue
    checked += 1
    src = [l.strip() for l in (root / m.group(1)).read_text().split("\n")]
    pos = 0
    for line in lines[1:]:
        s = line.strip()
        # Elisions, optionally saying what was left out: "/* ... why */".
        if not s or s in ("// ...", "# ...") or re.fullmatch(r"/\* \.\.\.( .*)? \*/", s):
            continue
        try:
            pos = src.index(s, pos) + 1
        except ValueError:
            print("README snippet from %s: line not found (in order): %s" % (m.group(1), s))
            bad += 1
print("README snippets: %d blocks checked, %d bad lines" % (checked, bad))
sys.exit(1 if bad or checked < 4 else 0)
