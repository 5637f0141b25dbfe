"""Pictures of the booklet: one page of each part, in six scripts, A4 and A5 large print.

    .venv/bin/python bench/booklet_pages.py [--out tests/artifacts/booklet] [--dpi 60]

Loads the demo family into a throwaway SQLite database, prints the family's booklet in English,
Arabic, Urdu, Bengali, Punjabi and Gujarati at A4 and at A5 large print, and writes the first
page of each part as a PNG (`<language>-<size>-<part>.png`) with `pdftoppm` (Debian's
poppler-utils). CI keeps the folder as an artifact (.ci/run); the README shows two of them.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from demo import family as demo  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from print_templates.booklet import Options, build_booklet  # noqa: E402
from record_book.book.model import Account, Family  # noqa: E402
from record_book.policy import reader_for  # noqa: E402
from record_book.sharing import access_log  # noqa: E402

LANGUAGES = ("en", "ar", "ur", "bn", "pa", "gu")
FORMATS = {"a4": Options(size="a4"), "a5-large": Options(size="a5", large_print=True)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "artifacts" / "booklet")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="booklet-pages-"))
    url = f"sqlite:///{folder}/pages.sqlite3"
    upgrade(url)
    session = Session(make_engine(url), info={access_log.KEY: "the booklet pictures' own key"})
    demo.load(session)
    session.commit()
    family = session.scalar(select(Family))
    holder = session.scalar(select(Account).where(Account.username == "holder"))
    reader = reader_for(session, holder, family.id)
    written = 0
    for language in LANGUAGES:
        for name, base in FORMATS.items():
            booklet = build_booklet(session, reader, Options(
                language=language, size=base.size, large_print=base.large_print,
                online_url="https://book.example.org/families/1/"))
            pdf = folder / f"{language}-{name}.pdf"
            pdf.write_bytes(booklet.pdf)
            for key, _title, page in booklet.sections:
                if not page:
                    continue
                stem = args.out / f"{language}-{name}-{key}"
                subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(page),
                                "-l", str(page), "-singlefile", str(pdf), str(stem)],
                               check=True)
                written += 1
    session.rollback()
    print(f"{written} pages written to {args.out}")


if __name__ == "__main__":
    main()
