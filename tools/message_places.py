"""Writes translations/places.json: for each message, the files it appears in.

The catalogs are extracted with --no-location (so a moved line does not churn every .po file),
yet a speaker checking a message wants to know where it is shown. `make translations` runs this
after extracting: a second extraction, with locations, into a temporary file, kept as file names
only (no line numbers, so the file changes only when a message moves to another file).
"""

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / "with-places.pot"
        subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract",
                        "-F", "babel.cfg", "-k", "N_", "-k", "_l", "-o", str(pot), "."],
                       cwd=ROOT, check=True)
        with pot.open("rb") as handle:
            catalog = read_po(handle)
    found: dict[str, set[str]] = defaultdict(set)
    for message in catalog:
        if message.id:
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            found[msgid].update(path for path, _line in message.locations)
    out = {msgid: sorted(paths) for msgid, paths in sorted(found.items())}
    (ROOT / "translations" / "places.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
