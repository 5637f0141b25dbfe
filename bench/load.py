"""Fifty people at once against gunicorn, measured at the server: CPU per request, requests per
second per server core, latency and errors, for a mixed journey and for a one-line route.

    apt-get install -y wrk                         # Debian's wrk: the load generator, in C
    .venv/bin/python bench/seed.py --families 1000
    .venv/bin/python bench/load.py [--users 50] [--seconds 30] [--database postgresql]

Copies the seeded 1,000-family database (writes must not change the page benchmark's books: the
SQLite file is copied, a PostgreSQL database is made from bench_1k as a template), starts
gunicorn with 2 sync workers on 127.0.0.1 (bench/bare_wsgi.py: the portal plus /bare), and signs
the users in through the real form, CSRF checks on, by password (DEMO_ACCOUNTS=1), before
anything is measured. Then wrk runs twice, --users connections for --seconds each: the mixed
journey (four family holders to one professional; a holder reads home, story, timeline and plan
and adds a timeline event, the professional opens "shared with me" and shared books' home pages
and timelines) and the bare route. Rate limits are off (RATELIMIT_ENABLED=0): every user comes
from 127.0.0.1.

**What is measured:** the server's own CPU time (user and system, from /proc of the gunicorn
master and workers) over the run, divided by the requests wrk completed; and per route, the
median of the request log's cpu_ms (the serving thread's CPU time, portal/request_log.py).
wrk's CPU is measured apart (from its own rusage) to show how little of the 2 cores it takes.
Requests per second per server core is requests ÷ server CPU seconds. Writes
bench/results/load.json (load_postgresql.json). Aim: no errors, and the mixed journey at most
12 ms of server CPU per request.
"""

import argparse
import http.cookiejar
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import PG_URL, seeded_url  # noqa: E402
from seed import BUSY, CACHE, PASSWORD, default_url  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from portal.migrate import upgrade  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
AIM_MS = 12
# (weight, name, method, path) of each user's steps; {book} is their family's book.
FAMILY_STEPS = ((4, "home", "GET", "{book}/"), (3, "story", "GET", "{book}/story"),
                (3, "timeline", "GET", "{book}/timeline"), (2, "plan", "GET", "{book}/plan/"),
                (1, "add event", "POST", "{book}/new/event"))
PROFESSIONAL_STEPS = ((1, "shared with me", "GET", "/shared-with-me"),
                      (3, "professional: family home", "GET", "/families/{family}/"),
                      (3, "professional: timeline", "GET", "/families/{family}/timeline"))


class FormReader(HTMLParser):
    """The fields of the first form that posts to `action`, as a browser sends them."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.fields, self.inside, self.done = action, {}, False, False
        self.textarea, self.select = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and a.get("action", self.action) == self.action:
            self.inside = True
        if not self.inside or "name" not in a and tag in ("input", "textarea", "select"):
            return
        if tag == "input" and (a.get("type") not in ("radio", "checkbox") or "checked" in a):
            if a.get("type") not in ("submit", "button"):
                self.fields.setdefault(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and (
                "selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(page: str, action: str) -> dict:
    reader = FormReader(action)
    reader.feed(page)
    return reader.fields


class Person:
    """One signed-in user: their cookies, and the requests they make, in wrk's terms."""

    def __init__(self, host: str, username: str):
        self.host, self.username = host, username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        fields = form_fields(self.get("/sign-in"), "/sign-in")
        fields.update(username=username, password=PASSWORD)
        answer = self.opener.open(host + "/sign-in", urllib.parse.urlencode(fields).encode(),
                                  timeout=60)
        if answer.geturl().endswith("/sign-in"):
            raise SystemExit(f"{username} could not sign in")

    def get(self, path: str) -> str:
        return self.opener.open(self.host + path, timeout=60).read().decode()

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def requests(self, steps, **names) -> list[dict]:
        found = []
        for weight, name, method, path in steps:
            path = path.format(**names)
            body = ""
            if method == "POST":
                fields = form_fields(self.get(path), path)
                # Without its once-only token, each post is a new event (see portal/once.py).
                fields.pop("form_once", None)
                fields.update({"title": "Meeting at school", "date-day": "3",
                               "date-month": "11", "date-year": "2026",
                               "event_type": "meeting", "details": "We went."})
                body = urllib.parse.urlencode(fields)
            found.append([{"name": name, "method": method, "path": path, "body": body,
                           "cookie": self.cookie}, weight])
        # The steps taken in turn, each as often as its weight, so a short stretch has them all.
        taken = []
        while any(weight for _, weight in found):
            for step in found:
                if step[1]:
                    taken.append(step[0])
                    step[1] -= 1
        return taken


def journey(host: str, users: int, families: int) -> list[dict]:
    """Every user signed in (four holders to one professional), and their requests in turn."""
    holders = [f"holder-{1 + (n * 37) % families}" for n in range(users - users // 5)]

    def family_requests(username: str) -> list[dict]:
        book = f"/families/{username.removeprefix('holder-')}"
        return Person(host, username).requests(FAMILY_STEPS, book=book)

    def professional_requests(n: int) -> list[dict]:
        return Person(host, BUSY).requests(PROFESSIONAL_STEPS, family=1 + (n * 13) % 200)

    with ThreadPoolExecutor(max_workers=4) as pool:
        per_user = list(pool.map(family_requests, holders))
        per_user += list(pool.map(professional_requests, range(users // 5)))
    # Round by round, one request of each user, so any stretch of the list is the whole mix.
    longest = max(len(steps) for steps in per_user)
    return [steps[i] for i in range(longest) for steps in per_user if i < len(steps)]


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_script(requests: list[dict], path: Path) -> None:
    """A wrk script that sends the requests in turn, each thread from its own starting point,
    and prints wrk's summary as JSON."""
    rows = []
    for r in requests:
        headers = [f'["Cookie"]={lua_string(r["cookie"])}'] if r["cookie"] else []
        if r["method"] == "POST":
            headers.append('["Content-Type"]="application/x-www-form-urlencoded"')
        rows.append(f'wrk.format({lua_string(r["method"])}, {lua_string(r["path"])}, '
                    f'{{{", ".join(headers)}}}, {lua_string(r["body"]) if r["body"] else "nil"})')
    path.write_text("local requests = {\n" + ",\n".join(rows) + "\n}\n" + """
local threads, started = {}, 0
function setup(thread)
  thread:set("first", started * 7919)
  started = started + 1
  table.insert(threads, thread)
end
function init(args) i = first end
function request()
  i = i % #requests + 1
  return requests[i]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
""")


def server_ticks(master: int) -> int:
    """CPU ticks (user and system) of gunicorn's master and its workers so far."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in [master, *map(int, children)]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def per_route(log: Path, start: int) -> dict:
    """Median CPU per request of each route, from the request log's lines (portal/request_log.py)
    written since `start`."""
    cpu: dict[str, list[float]] = {}
    with log.open() as lines:
        lines.seek(start)
        for line in lines:
            if line.startswith("{"):
                found = json.loads(line)
                cpu.setdefault(f"{found['method']} {found['route']}", []).append(found["cpu_ms"])
    return {route: {"requests": len(times), "median_cpu_ms": round(statistics.median(times), 2)}
            for route, times in sorted(cpu.items())}


def run_wrk(name: str, host: str, path: str, script: Path, users: int, seconds: int,
            master: int, log: Path) -> dict:
    log_start = log.stat().st_size
    before, started = server_ticks(master), time.perf_counter()
    wrk = subprocess.Popen(["wrk", "--threads", "2", "--connections", str(users),
                            "--duration", f"{seconds}s", "--timeout", "30s", "--script",
                            str(script), host + path], stdout=subprocess.PIPE, text=True)
    output, _ = wrk.communicate()
    wrk_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed, ticks = time.perf_counter() - started, server_ticks(master) - before
    time.sleep(2)  # the workers' last log lines are this run's, not the next one's
    figures = json.loads(output.strip().splitlines()[-1])
    count = figures["requests"]
    server_s = ticks / TICKS
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {"run": name, "requests": count, "seconds": round(figures["duration_us"] / 1e6, 1),
            "requests_per_s": round(count / (figures["duration_us"] / 1e6), 1),
            "server_cpu_s": round(server_s, 2),
            "server_cpu_ms_per_request": round(1000 * server_s / count, 2),
            "requests_per_s_per_server_core": round(count / server_s, 1),
            "wrk_cpu_s_all_runs_so_far": round(wrk_usage.ru_utime + wrk_usage.ru_stime, 2),
            "wall_s": round(elapsed, 1), "p50_ms": round(figures["p50_us"] / 1000, 1),
            "p95_ms": round(figures["p95_us"] / 1000, 1),
            "p99_ms": round(figures["p99_us"] / 1000, 1),
            "errors": errors, "error_kinds": {k: figures[k] for k in
                                              ("connect", "read", "write", "status", "timeout")},
            "by_route": per_route(log, log_start)}


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


def database_copy(database: str, families: int, workdir: Path) -> tuple[str, callable]:
    """A copy of the seeded books to write to, and how to remove it."""
    if database == "sqlite":
        source = default_url(families)
        if not seeded_url(source):
            raise SystemExit(f"Seed first: .venv/bin/python bench/seed.py --families {families}")
        copy = workdir / "books.sqlite3"
        shutil.copy(source.removeprefix("sqlite:///"), copy)
        return f"sqlite:///{copy}", lambda: None
    label = f"{families // 1000}k"
    source = PG_URL.format(label=label)
    if not seeded_url(source):
        raise SystemExit(f"Seed first: createdb bench_{label}, then bench/seed.py --database-url")
    admin = create_engine(source.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")

    def run(sql: str) -> None:
        with admin.connect() as connection:
            connection.execute(text(sql))

    run(f"DROP DATABASE IF EXISTS load_{label}")
    run(f"CREATE DATABASE load_{label} TEMPLATE bench_{label}")
    return PG_URL.format(label=label).replace("bench_", "load_"), lambda: run(
        f"DROP DATABASE IF EXISTS load_{label} WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2,
                        help="mixed and bare runs, taking turns; medians are reported")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="load-", dir=CACHE))
    url, remove = database_copy(args.database, args.families, workdir)
    upgrade(url)
    server = start_server(url, args.port, workdir)
    host = f"http://127.0.0.1:{args.port}"
    runs = {"mixed": [], "bare": []}
    try:
        signing_in = time.perf_counter()
        mixed = journey(host, args.users, args.families)
        signed_in_s = round(time.perf_counter() - signing_in, 1)
        scripts = {"mixed": workdir / "mixed.lua", "bare": workdir / "bare.lua"}
        wrk_script(mixed, scripts["mixed"])
        wrk_script([{"name": "bare", "method": "GET", "path": "/bare", "body": "",
                     "cookie": ""}], scripts["bare"])
        for _ in range(args.rounds):
            for name in runs:
                runs[name].append(run_wrk(name, host, "/", scripts[name], args.users,
                                          args.seconds, server.pid, workdir / "gunicorn.log"))
    finally:
        server.terminate()
        server.wait(timeout=30)
        remove()
    wrk_cpu = runs["bare"][-1]["wrk_cpu_s_all_runs_so_far"]
    requests = sum(run["requests"] for name in runs for run in runs[name])

    def median(name: str, key: str) -> float:
        return round(statistics.median(run[key] for run in runs[name]), 2)

    summary = {name: {key: median(name, key) for key in (
        "requests_per_s", "server_cpu_ms_per_request", "requests_per_s_per_server_core",
        "p50_ms", "p95_ms", "p99_ms")} | {"errors": sum(r["errors"] for r in runs[name])}
        for name in runs}
    mix = {}
    for r in mixed:
        mix[r["name"]] = mix.get(r["name"], 0) + 1
    report = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "server": "gunicorn, 2 sync workers, 127.0.0.1", "database": args.database,
        "families": args.families, "users": args.users, "seconds": args.seconds,
        "rounds": args.rounds, "load_generator": "wrk (Debian), 2 threads",
        "measured": "server CPU (user+system of gunicorn's master and workers, /proc) over each "
                    "wrk run, divided by the requests wrk completed; sign-ins before any run",
        "sign_in_s": signed_in_s, "journey_share": {k: round(v / len(mixed), 3)
                                                   for k, v in mix.items()},
        "wrk_cpu_ms_per_request": round(1000 * wrk_cpu / requests, 3),
        "summary": summary, "runs": runs, "aim_server_cpu_ms_per_request": AIM_MS,
        "within_aim": summary["mixed"]["server_cpu_ms_per_request"] <= AIM_MS,
        "errors": summary["mixed"]["errors"] + summary["bare"]["errors"]}
    suffix = "" if args.database == "sqlite" else f"_{args.database}"
    out = ROOT / "bench" / "results" / f"load{suffix}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for name, figures in summary.items():
        print(f"{name:6} {figures['requests_per_s']:7.1f} req/s  "
              f"server {figures['server_cpu_ms_per_request']:.2f} ms CPU/request  "
              f"{figures['requests_per_s_per_server_core']:.0f} req/s per core  "
              f"p50 {figures['p50_ms']:.0f} ms  p99 {figures['p99_ms']:.0f} ms  "
              f"errors {figures['errors']}")
    print(f"wrk: {report['wrk_cpu_ms_per_request']} ms CPU per request; "
          f"written to {out.relative_to(ROOT)}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
