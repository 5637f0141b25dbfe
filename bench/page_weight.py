"""How much each page of a full book weighs on the wire, with its CSS and JavaScript, no images.

    .venv/bin/python bench/page_weight.py [--families 1000]

Uses the seeded SQLite database (bench/seed.py) and the family there with the most entries, so
the figures are for the fullest book. Each page is fetched as its holder (and the professional
pages as pro-busy); every stylesheet and script it links is fetched too. Sizes are given raw and
gzipped at level 6 (a common reverse-proxy setting; nginx's `gzip_comp_level`), each file
compressed on its own as a proxy would. Writes bench/results/page_weight.json.
Aim: every page under 100 KB gzipped, CSS and JS included.
"""

import argparse
import gzip
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import bench_app, seeded, signed_in  # noqa: E402
from seed import BUSY, default_url  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from record_book.book.model import Entry  # noqa: E402

AIM_BYTES = 100 * 1024
_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
FAMILY_PAGES = ("", "people", "story", "what-helps", "timeline", "services", "check-ins",
                "notes", "plan/", "plan/revisions", "access-log", "sharing", "print")


def weigh(client, path: str) -> dict:
    """The page and each stylesheet and script it links: raw bytes and gzipped bytes."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    files = {path: page.data}
    for asset in sorted(set(_ASSET.findall(page.text))):
        files[asset] = client.get(asset.split("?")[0]).data
    raw = sum(len(body) for body in files.values())
    zipped = sum(len(gzip.compress(body, compresslevel=6)) for body in files.values())
    return {"raw_bytes": raw, "gzip_bytes": zipped, "files": sorted(files),
            "under_aim": zipped < AIM_BYTES}


def fullest_family(app) -> int:
    with app.extensions["db_sessions"]() as session:
        return session.scalar(select(Entry.family_id).group_by(Entry.family_id)
                              .order_by(func.count().desc(), Entry.family_id).limit(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    args = parser.parse_args()
    app = bench_app(default_url(args.families))
    if not seeded(app):
        raise SystemExit(f"Seed first: .venv/bin/python bench/seed.py --families {args.families}")
    family = fullest_family(app)
    holder = signed_in(app, f"holder-{family}")
    with app.extensions["db_sessions"]() as session:
        entry = session.scalar(select(Entry.id).where(Entry.family_id == family,
                                                      Entry.kind == "event").limit(1))
    pages = {f"/families/{family}/{page}": weigh(holder, f"/families/{family}/{page}")
             for page in FAMILY_PAGES + (f"entries/{entry}",)}
    professional = signed_in(app, BUSY)
    for path in ("/shared-with-me", "/families/1/", "/families/1/timeline"):
        pages[f"{path} (professional)"] = weigh(professional, path)
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "family": family, "aim_bytes": AIM_BYTES, "gzip_level": 6, "pages": pages,
              "heaviest": max(pages, key=lambda p: pages[p]["gzip_bytes"]),
              "all_under_aim": all(p["under_aim"] for p in pages.values())}
    out = ROOT / "bench" / "results" / "page_weight.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    for path, weight in pages.items():
        print(f"{path:48} {weight['raw_bytes'] / 1024:7.1f} KB raw {weight['gzip_bytes'] / 1024:6.1f}"
              f" KB gzipped{'' if weight['under_aim'] else '  OVER 100 KB'}")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
