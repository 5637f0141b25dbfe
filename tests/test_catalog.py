"""Every message the code and templates say is in the catalog the translators work from: a
template the extractor cannot read (a tag it does not know) would drop its messages, and with
the next `make translations` every language's translation of them."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _messages(catalog: Path) -> set[str]:
    with open(catalog, "rb") as read:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(read) if m.id}


def test_extracting_again_finds_exactly_the_catalogs_messages(tmp_path):
    extracted = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "N_", "-k", "_l", "-o", str(extracted), "--no-location",
                    "--sort-output", "."], cwd=ROOT, check=True, capture_output=True)
    catalog = _messages(ROOT / "translations" / "messages.pot")
    found = _messages(extracted)
    assert "Skip to main content" in found, "the page frame's messages are read"
    assert found == catalog
