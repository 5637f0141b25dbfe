"""Fifty people at once against gunicorn: requests per second, p50/p95/p99, errors, and the same
load on a one-line route of the same app for comparison.

    pip install -e '.[bench]'                      # locust (gunicorn is a main dependency)
    .venv/bin/python bench/seed.py --families 1000
    .venv/bin/python bench/load.py [--users 50] [--seconds 60]

Copies the seeded 1,000-family SQLite database (writes must not change the page benchmark's
books), starts gunicorn with 2 sync workers on 127.0.0.1 (bench/bare_wsgi.py: the portal plus
/bare), then runs locust headless twice: the mixed journey of bench/locustfile.py (families
reading and writing, professionals reading) and the same number of users asking /bare. Users
sign in through the real form with CSRF checks on, by password (DEMO_ACCOUNTS=1), all before the
measured window: locust's statistics are reset once the last of them is signed in, and the run
stops --seconds later (bench/locustfile.py, Window). Rate limits are off (RATELIMIT_ENABLED=0)
because every user comes from 127.0.0.1. Locust runs on the same
2-core machine, so it takes CPU from the server in both runs alike.
Writes bench/results/load.json. Aim: no errors.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import seeded_url  # noqa: E402
from seed import CACHE, default_url  # noqa: E402

from portal.migrate import upgrade  # noqa: E402

WARM_UP_LIMIT = 300  # seconds for all users to sign in before the measured window
MEASURED = ("{seconds} s from the moment all {users} users were signed in (the bare run: had "
            "started); locust's statistics are reset then, so the sign-ins (argon2, through the "
            "form with its CSRF token) are not in any figure; users ask back to back, no waits")


def start_server(url: str, port: int, workdir: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DEMO_ACCOUNTS": "1", "RATELIMIT_ENABLED": "0",
           "SECRET_KEY": "load benchmark secret, long enough to be taken seriously",
           "INSTANCE_PATH": str(workdir)}
    # Run from an empty folder so gunicorn reads no gunicorn.conf.py: just these settings.
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--pythonpath", f"{ROOT},{ROOT / 'bench'}", "bare_wsgi:app"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bare", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")


def run_locust(mode: str, host: str, users: int, seconds: int, families: int,
               workdir: Path) -> dict:
    prefix = workdir / mode
    window_file = workdir / f"{mode}_window.json"
    env = {**os.environ, "BENCH_MODE": mode, "BENCH_FAMILIES": str(families),
           "BENCH_USERS": str(users), "BENCH_SECONDS": str(seconds),
           "BENCH_WINDOW_FILE": str(window_file)}
    # The locustfile stops the run itself `seconds` after everyone has signed in; --run-time
    # only guards against a run whose users never all get ready.
    subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                    "--headless", "--users", str(users), "--spawn-rate", str(users),
                    "--run-time", f"{seconds + WARM_UP_LIMIT}s", "--host", host,
                    "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
                   env=env, check=False, stdout=subprocess.DEVNULL)
    if not window_file.exists():
        raise SystemExit(f"{mode}: not all {users} users were ready within {WARM_UP_LIMIT} s")
    window = json.loads(window_file.read_text())
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{prefix}_exceptions.csv", newline="") as exceptions:
        crashes = sum(int(row["Count"]) for row in csv.DictReader(exceptions))
    with open(f"{prefix}_failures.csv", newline="") as failures:
        why = [{"request": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
               for row in csv.DictReader(failures)]

    def figures(row: dict) -> dict:
        # Over the measured window (locust's own Requests/s ends at the last request).
        return {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "requests_per_s": round(int(row["Request Count"]) / window["measured_s"], 1),
                "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"])}

    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {**figures(total), "user_code_exceptions": crashes, "failure_reasons": why,
            "window": window,
            "by_request": {row["Name"]: figures(row) for row in rows
                           if row["Name"] != "Aggregated" and int(row["Request Count"])}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    source = default_url(args.families)
    if not seeded_url(source):
        raise SystemExit(f"Seed first: .venv/bin/python bench/seed.py --families {args.families}")
    workdir = Path(tempfile.mkdtemp(prefix="load-", dir=CACHE))
    copy = workdir / "books.sqlite3"
    shutil.copy(source.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    upgrade(url)
    server = start_server(url, args.port, workdir)
    host = f"http://127.0.0.1:{args.port}"
    try:
        runs = {mode: run_locust(mode, host, args.users, args.seconds, args.families, workdir)
                for mode in ("mixed", "bare")}
    finally:
        server.terminate()
        server.wait(timeout=30)
    mixed, bare = runs["mixed"], runs["bare"]
    pages = mixed["by_request"]
    busiest = max(pages, key=lambda name: pages[name]["requests"])
    report = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "server": "gunicorn, 2 sync workers, 127.0.0.1", "database": "SQLite (copy of the seed)",
        "families": args.families, "users": args.users, "seconds": args.seconds,
        "measured": MEASURED.format(seconds=args.seconds, users=args.users),
        "csrf": "on", "rate_limits": "off (RATELIMIT_ENABLED=0): every user comes from 127.0.0.1",
        "sign_in": "password, DEMO_ACCOUNTS=1, before the measured window",
        "mixed": mixed, "bare": bare, "busiest_request": busiest,
        "mixed_share_of_bare_throughput": round(mixed["requests_per_s"] / bare["requests_per_s"], 3),
        "errors": mixed["failures"] + bare["failures"] + mixed["user_code_exceptions"]
        + bare["user_code_exceptions"]}
    out = ROOT / "bench" / "results" / "load.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    for mode, run in runs.items():
        print(f"{mode:6} {run['requests_per_s']:7.1f} req/s  p50 {run['p50_ms']:.0f} ms  "
              f"p95 {run['p95_ms']:.0f} ms  p99 {run['p99_ms']:.0f} ms  "
              f"failures {run['failures']}  exceptions {run['user_code_exceptions']}")
    print(f"the mixed journey delivers {report['mixed_share_of_bare_throughput']:.0%} of a bare "
          f"route's throughput; errors: {report['errors']}; written to {out.relative_to(ROOT)}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
