"""Server time and SQL queries per page, for 1,000, 10,000 and 100,000 families, on SQLite and
PostgreSQL.

    .venv/bin/python bench/seed.py --families 1000          # and 10000, 100000; see seed.py
    .venv/bin/python bench/pages.py [--sizes 1000 10000] [--databases sqlite postgresql]

For each seeded database it signs in through the Flask test client as the holder of family 1 and
as pro-busy (the professional 200 families share with, family 1 among them), warms each page up,
then times --runs requests and counts the SQL statements each one sends (a
before_cursor_execute listener). The databases take turns request by request (measure_all), so
other work on a shared machine weighs on every size alike. A database that is not seeded is skipped and said so.
Prints a table and writes bench/results/pages.json.
Aims: a page's query count is the same at every size, and its median time at the largest size
is within 1.5 times its time at 1,000 families.

Each page also has a **baseline**, run in the same process, request by request in turn with the
page: the SELECT statements the page sent (the same SQL and parameters, caught on its last
warm-up) run again through SQLAlchemy Core, and their rows written, escaped, by a minimal Jinja
template inside the page's own head and foot. It is what the page's data costs with nothing of
ours around it. Both are measured in CPU time of this thread (SQLite runs in it; PostgreSQL's own
work is in neither). Aim: every page within 2x its baseline.
"""

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from jinja2 import Environment  # noqa: E402
from markupsafe import Markup  # noqa: E402
from seed import BUSY, PASSWORD, default_url  # noqa: E402
from sqlalchemy import event, inspect, text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_{label}"
FAMILY = 1
# (name, who asks, path)
PAGES = (
    ("family home", "holder", f"/families/{FAMILY}/"),
    ("story", "holder", f"/families/{FAMILY}/story"),
    ("timeline", "holder", f"/families/{FAMILY}/timeline"),
    ("services", "holder", f"/families/{FAMILY}/services"),
    ("plan", "holder", f"/families/{FAMILY}/plan/"),
    ("access log", "holder", f"/families/{FAMILY}/access-log"),
    ("shared with me (200 families)", "professional", "/shared-with-me"),
    ("professional: family home", "professional", f"/families/{FAMILY}/"),
    ("professional: timeline", "professional", f"/families/{FAMILY}/timeline"),
)
TIME_AIM = 1.5
BASELINE_AIM = 2.0
# The baseline's page: the rows, escaped, between the real page's head and foot.
BASELINE = Environment(autoescape=True).from_string(
    "{{ head }}{% for rows in results %}<ul>{% for row in rows %}<li>{% for value in row %}"
    "<span>{{ value }}</span> {% endfor %}</li>{% endfor %}</ul>{% endfor %}{{ foot }}")


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def url_for_target(database: str, size: int) -> str:
    return default_url(size) if database == "sqlite" else PG_URL.format(label=label(size))


def bench_app(url: str):
    """The portal as configured for real, CSRF checks included, with demo sign-in by password
    and no rate limits (one address signs in many times). Migrations added since the seed
    are applied first (they add tables; the seeded rows stay)."""
    if seeded_url(url):
        upgrade(url)
    app = create_app({"DATABASE_URL": url, "DEMO_ACCOUNTS": True, "RATELIMIT_ENABLED": False,
                      "SECRET_KEY": "benchmark secret, long enough to be taken seriously"})
    # One log line per request would fill the terminal; writing it stays part of the time.
    for handler in logging.getLogger("portal.requests").handlers:
        handler.setStream(open(os.devnull, "w"))
    return app


def seeded(app) -> bool:
    return seeded_url(app.config["DATABASE_URL"])


def seeded_url(url: str) -> bool:
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return False
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("families"):
                return False
            return bool(connection.scalar(text("SELECT count(*) FROM families")))
    except Exception:  # a PostgreSQL database that was never created
        return False
    finally:
        engine.dispose()


def signed_in(app, username: str):
    client = app.test_client()
    form = client.get("/sign-in").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post("/sign-in", data={"username": username, "password": PASSWORD,
                                             "csrf_token": token})
    if response.status_code != 302:
        raise SystemExit(f"{username} could not sign in ({response.status_code})")
    return client


class QueryCounter:
    """Counts the statements a request sends, and keeps the SELECTs (for the baseline)."""

    def __init__(self, engine):
        self.engine, self.count, self.selects = engine, 0, []

    def __enter__(self):
        self.count, self.selects = 0, []
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, _connection, _cursor, statement, parameters, *_args):
        self.count += 1
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.selects.append((statement, parameters))


def head_and_foot(page: str) -> tuple[Markup, Markup]:
    """The page around its <main> element."""
    start, end = page.index("<main"), page.index("</main>") + len("</main>")
    return Markup(page[:start]), Markup(page[end:])


class Target:
    """One seeded database, the portal over it, and its two signed-in people."""

    def __init__(self, database: str, size: int):
        self.database, self.size = database, size
        self.app = bench_app(url_for_target(database, size))
        self.ready = seeded(self.app)
        if not self.ready:
            self.app.extensions["db_engine"].dispose()
            return
        self.clients = {"holder": signed_in(self.app, f"holder-{FAMILY}"),
                        "professional": signed_in(self.app, BUSY)}
        self.counter = QueryCounter(self.app.extensions["db_engine"])
        self.times: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}
        self.queries: dict[str, list[int]] = {}
        self.bytes: dict[str, int] = {}
        self.replays: dict[str, tuple[list, Markup, Markup]] = {}
        self.baseline_cpu: dict[str, list[float]] = {}
        self.baseline_bytes: dict[str, int] = {}

    def ask(self, name: str, who: str, path: str, record: bool = True) -> None:
        with self.counter:
            start, cpu = time.perf_counter(), time.thread_time()
            response = self.clients[who].get(path)
            seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
        assert response.status_code == 200, (self.database, self.size, path)
        if record:
            self.times.setdefault(name, []).append(seconds)
            self.cpu.setdefault(name, []).append(cpu)
            self.queries.setdefault(name, []).append(self.counter.count)
            self.bytes[name] = len(response.data)
        else:
            self.replays[name] = (self.counter.selects, *head_and_foot(response.text))

    def baseline(self, name: str) -> None:
        """The page's own SELECTs through Core and a minimal template (see the module's doc)."""
        selects, head, foot = self.replays[name]
        cpu = time.thread_time()
        with self.app.extensions["db_engine"].connect() as connection:
            results = [connection.exec_driver_sql(sql, parameters).all()
                       for sql, parameters in selects]
        page = BASELINE.render(head=head, foot=foot, results=results)
        self.baseline_cpu.setdefault(name, []).append(time.thread_time() - cpu)
        self.baseline_bytes[name] = len(page.encode("utf-8"))

    def result(self) -> dict:
        self.app.extensions["db_engine"].dispose()
        pages = {}
        for name, *_ in PAGES:
            cpu, baseline = (statistics.median(self.cpu[name]),
                             statistics.median(self.baseline_cpu[name]))
            pages[name] = {
                "median_ms": round(statistics.median(self.times[name]) * 1000, 1),
                "min_ms": round(min(self.times[name]) * 1000, 1),
                "cpu_ms": round(cpu * 1000, 2), "baseline_cpu_ms": round(baseline * 1000, 2),
                "ratio": round(cpu / baseline, 2),
                "within_baseline_aim": cpu <= BASELINE_AIM * baseline,
                "queries": statistics.median(self.queries[name]),
                "queries_seen": sorted(set(self.queries[name])),
                "html_bytes": self.bytes[name], "baseline_bytes": self.baseline_bytes[name]}
        return {"database": self.database, "families": self.size, "pages": pages}


def measure_all(targets: list[Target], runs: int, warm_up: int) -> None:
    """Every page, round after round, one request per database and size in turn: other work on
    the shared machine then slows every size alike instead of whichever ran at the time."""
    for name, who, path in PAGES:
        for target in targets:
            for _ in range(warm_up):
                target.ask(name, who, path, record=False)
        for _ in range(runs):
            for target in targets:
                target.ask(name, who, path)
                target.baseline(name)


def checks(targets: dict) -> list[dict]:
    """Per database and page: same queries at every size; time at the largest within 1.5x."""
    found = []
    for database in sorted({t["database"] for t in targets.values()}):
        sizes = sorted(t["families"] for t in targets.values() if t["database"] == database)
        if len(sizes) < 2:
            continue
        small, large = (targets[f"{database}/{s}"] for s in (sizes[0], sizes[-1]))
        for name, *_ in PAGES:
            counts = {targets[f"{database}/{s}"]["pages"][name]["queries"] for s in sizes}
            weights = {targets[f"{database}/{s}"]["pages"][name]["html_bytes"] for s in sizes}
            ratio = (large["pages"][name]["median_ms"] / small["pages"][name]["median_ms"])
            # The same book at every size gives the same page, byte for byte in length.
            found.append({"database": database, "page": name, "sizes": sizes,
                          "same_page_bytes": len(weights) == 1,
                          "queries_same": len(counts) == 1, "time_ratio": round(ratio, 2),
                          "time_within_aim": ratio <= TIME_AIM})
    return found


def table(targets: dict) -> str:
    keys = list(targets)
    lines = ["page".ljust(32) + "".join(k.rjust(34) for k in keys),
             " " * 32 + "".join("ms / queries / cpu ÷ baseline".rjust(34) for _ in keys)]
    for name, *_ in PAGES:
        cells = [f"{page['median_ms']} / {page['queries']:g} / "
                 f"{page['cpu_ms']}÷{page['baseline_cpu_ms']}={page['ratio']}x"
                 for page in (targets[k]["pages"][name] for k in keys)]
        lines.append(name.ljust(32) + "".join(c.rjust(34) for c in cells))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=3)
    args = parser.parse_args()
    targets, skipped, ready = {}, [], []
    for database in args.databases:
        for size in args.sizes:
            target = Target(database, size)
            if target.ready:
                ready.append(target)
            else:
                skipped.append(f"{database}/{size}")
                print(f"{database}/{size}: not seeded, skipped")
    measure_all(ready, args.runs, args.warm_up)
    for target in ready:
        targets[f"{target.database}/{target.size}"] = target.result()
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "python": sys.version.split()[0], "runs": args.runs, "warm_up": args.warm_up,
              "family": FAMILY, "professional": BUSY, "time_aim": TIME_AIM, "interleaved": True,
              "baseline_aim": BASELINE_AIM,
              "targets": targets, "skipped": skipped, "checks": checks(targets)}
    out = ROOT / "bench" / "results" / "pages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(targets))
    for check in report["checks"]:
        if not (check["queries_same"] and check["time_within_aim"]):
            print(f"MISSED: {check}")
    for key, target in targets.items():
        for name, page in target["pages"].items():
            if not page["within_baseline_aim"]:
                print(f"MISSED: {key} {name} is {page['ratio']}x its baseline")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
