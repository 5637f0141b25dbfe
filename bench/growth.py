"""Does a page grow with the book? The timeline and "Who has looked" at 10, 40, 200 and 1,000
events or log rows, each in its own family of one fresh SQLite database, in one process.

    .venv/bin/python bench/growth.py [--runs 15]

For each size it signs in as that family's holder and times the page (CPU time of this process,
`time.process_time`, and the bytes sent). The sizes take turns request by request, so other work
on a shared machine weighs on every size alike. Prints medians and writes bench/results/growth.json.
Aim: at 1,000 the page's median CPU time is within 1.5 times its time at 40.
"""

import argparse
import json
import logging
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from portal import create_app  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from record_book.accounts.accounts import create_account  # noqa: E402
from record_book.book.entries import add_entry  # noqa: E402
from record_book.book.families import own_member_entry_id, start_family  # noqa: E402
from record_book.policy import reader_for  # noqa: E402
from record_book.sharing import access_log  # noqa: E402

SIZES = (10, 40, 200, 1000)
PASSWORD = "growth bench password"
AIM = 1.5


def _family(session: Session, size: int):
    holder_account = create_account(session, f"holder{size}", f"Holder {size}", "family",
                                    PASSWORD)
    family = start_family(session, f"Family {size}", holder_account,
                          {"name": f"Holder {size}", "relationship": "Mum", "lives": "with_us"})
    holder = reader_for(session, holder_account, family.id)
    me = str(own_member_entry_id(session, holder))
    first = None
    for n in range(size):
        event = add_entry(session, holder, "event", {
            "title": f"Meeting {n}", "date-day": str(n % 28 + 1), "date-month": str(n % 12 + 1),
            "date-year": str(2000 + n % 25), "event_type": "meeting", "who": "Me and Rosa",
            "details": "<p>We talked about school and the new house.</p>",
            "category": "school", "owner_member_id": me})
        first = first or event
    start = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    for n in range(size):
        access_log.append(session, family.id, holder_account.id, "read",
                          ((first.id, {"title": first.title}),), start + timedelta(hours=n))
    return family.id


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    os.environ.setdefault("ACCESS_LOG_KEY", secrets.token_hex(32))
    folder = tempfile.mkdtemp(prefix="growth-")
    url = f"sqlite:///{folder}/growth.db"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "DEMO_ACCOUNTS": True, "RATELIMIT_ENABLED": False,
                      "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "growth benchmark secret, long enough"})
    for handler in logging.getLogger("portal.requests").handlers:
        handler.setStream(open(os.devnull, "w"))
    with app.extensions["db_sessions"]() as session:
        families = {size: _family(session, size) for size in SIZES}
        session.commit()
    clients = {}
    for size in SIZES:
        clients[size] = app.test_client()
        response = clients[size].post("/sign-in", data={"username": f"holder{size}",
                                                        "password": PASSWORD})
        assert response.status_code == 302, response.status_code
    pages = {"timeline": "/families/{}/timeline", "access log": "/families/{}/access-log"}
    figures = {}
    for name, path in pages.items():
        cpu = {size: [] for size in SIZES}
        weight = {}
        for _ in range(runs):
            for size in SIZES:
                began = time.process_time()
                response = clients[size].get(path.format(families[size]))
                cpu[size].append((time.process_time() - began) * 1000)
                assert response.status_code == 200, (name, size, response.status_code)
                weight[size] = len(response.data)
        figures[name] = {str(size): {"cpu_ms_median": round(statistics.median(cpu[size]), 2),
                                     "bytes": weight[size]} for size in SIZES}
        ratio = statistics.median(cpu[1000]) / statistics.median(cpu[40])
        figures[name]["1000_over_40"] = round(ratio, 2)
        print(f"{name:12} " + "  ".join(
            f"{size:>5}: {statistics.median(cpu[size]):6.1f} ms {weight[size] / 1024:5.1f} KB"
            for size in SIZES) + f"   1000/40 = {ratio:.2f} (aim ≤ {AIM})")
    out = ROOT / "bench" / "results" / "growth.json"
    out.write_text(json.dumps({"runs": runs, "measured": datetime.now(timezone.utc).isoformat(
        timespec="seconds"), "aim": AIM, "pages": figures}, indent=2) + "\n")
    print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
