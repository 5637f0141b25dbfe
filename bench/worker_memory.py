"""The booklet worker's memory end to end: the real `flask booklet-worker` process making the demo
family's booklets, measured by the kernel.

    .venv/bin/python bench/worker_memory.py

Sets up a throwaway SQLite database as `make run` does (`db upgrade`, `seed-demo`), then starts
the worker as `make run` does (`flask --app worker booklet-worker`, each booklet made in a child
process of its own), and for comparison the same worker making every booklet in its own process
(`--in-one-process`, as it did before), from its own app and from the whole web app (`--app
wsgi`, as it was started before it had one). Each with `--once`, each time in a fresh process:
first with nothing waiting (what the worker is before any booklet), then with booklets queued as
families ask for them (one at a time, each the family's own: English A4, Arabic A4, Urdu A5
large print folded, Bengali A5), then all four queued at once. The peak resident memory comes
from `wait4` (ru_maxrss: the kernel's high-water mark for the worker and the children it made
booklets in, whichever was largest), so nothing of this script is counted; the worker's own
high-water mark (VmHWM) is read from /proc while it runs.
Writes bench/results/worker_memory.json."""

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLASK = Path(sys.executable).parent / "flask"
MEMORY_AIM_MB = 150
BOOKLETS = [{"language": "en"}, {"language": "ar"},
            {"language": "ur", "size": "a5", "large_print": True, "folded": True},
            {"language": "bn", "size": "a5"}]

QUEUE = """
import json, sys
from sqlalchemy import select
from portal import create_app
from portal.booklet_worker import job_options
from print_templates.booklet import Options
from record_book.book import booklet_jobs
from record_book.book.model import Account, Family
from record_book.policy import reader_for

app = create_app()
with app.extensions["db_sessions"]() as session:
    family = session.scalar(select(Family))
    holder = session.scalar(select(Account).where(Account.username == "holder"))
    for asked in json.loads(sys.argv[1]):
        booklet_jobs.ask(session, reader_for(session, holder, family.id),
                         job_options(Options(**asked)))
    session.commit()
"""

MADE = """
from sqlalchemy import select
from portal import create_worker_app
from record_book.book.booklet_jobs import BookletJob

with create_worker_app().extensions["db_sessions"]() as session:
    for job in session.scalars(select(BookletJob).order_by(BookletJob.id)):
        print(job.state, job.pages)
"""


def _flask(env: dict, *arguments: str) -> None:
    subprocess.run([str(FLASK), "--app", "wsgi", *arguments], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def _worker_peak(env: dict, app: str, *options: str) -> tuple[float, float, float]:
    """One `booklet-worker --once` process: the peak resident memory (MB) of it and the
    processes it made booklets in, the worker's own peak (MB), and the seconds."""
    # Its log goes to a file: a pipe left unread while waiting would stop a worker that logs much.
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        worker = subprocess.Popen([str(FLASK), "--app", app, "booklet-worker", "--once",
                                   *options], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=log)
        own_kb = 0
        while True:
            # wait4's ru_maxrss is the largest of the worker and the children it waited for;
            # the worker's own high-water mark is read from /proc while it runs.
            own_kb = max(own_kb, _high_water_kb(worker.pid))
            pid, status, usage = os.wait4(worker.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        if status != 0:
            log.seek(0)
            raise SystemExit(f"the worker failed: {log.read().decode()}")
    return usage.ru_maxrss / 1024, own_kb / 1024, seconds


def _high_water_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith("VmHWM:")), 0)


def _made(env: dict) -> list[tuple[str, int]]:
    out = subprocess.run([sys.executable, "-c", MADE], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return [(state, int(pages) if pages != "None" else 0)
            for state, pages in (line.split() for line in out.splitlines())]


def _one_app(app: str, *options: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/book.db",
               "DEMO_ACCOUNTS": "1", "PYTHONPATH": str(ROOT)}
        _flask(env, "db", "upgrade")
        _flask(env, "seed-demo")
        idle_mb, _own, idle_s = _worker_peak(env, app, *options)
        runs = []
        for asked in BOOKLETS:
            subprocess.run([sys.executable, "-c", QUEUE, json.dumps([asked])], cwd=ROOT,
                           env=env, check=True)
            runs.append(_worker_peak(env, app, *options))
        subprocess.run([sys.executable, "-c", QUEUE, json.dumps(BOOKLETS)], cwd=ROOT, env=env,
                       check=True)
        all_mb, all_own_mb, all_s = _worker_peak(env, app, *options)
        made = _made(env)
    if any(state != "ready" for state, _pages in made):
        raise SystemExit(f"not every booklet was made: {made}")
    return {
        "idle_worker_peak_mb": round(idle_mb, 1), "idle_worker_seconds": round(idle_s, 2),
        "one_booklet": [{**asked, "pages": pages, "peak_mb": round(mb, 1),
                         "seconds": round(s, 2)}
                        for asked, (mb, _own, s), (_state, pages) in zip(BOOKLETS, runs, made)],
        "all_four_in_one_worker_peak_mb": round(all_mb, 1),
        "all_four_worker_itself_peak_mb": round(all_own_mb, 1),
        "all_four_seconds": round(all_s, 2),
        "within_aim": max([all_mb] + [mb for mb, _own, _s in runs]) < MEMORY_AIM_MB,
    }


def main() -> int:
    # The worker as it runs (worker.py: the settings, the database and the worker alone, a child
    # process for each booklet), and beside it the worker as it was before: each booklet made in
    # the worker's own process, and before that, started from the whole web app (wsgi.py).
    apps = {"worker": _one_app("worker"),
            "worker_in_one_process": _one_app("worker", "--in-one-process"),
            "wsgi_in_one_process": _one_app("wsgi", "--in-one-process")}
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "python": sys.version.split()[0], "memory_aim_mb": MEMORY_AIM_MB, **apps}
    out = ROOT / "bench" / "results" / "worker_memory.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    for app, result in apps.items():
        print(f"{app}: idle worker peak {result['idle_worker_peak_mb']} MB")
        for one in result["one_booklet"]:
            print(f"  {one['language']} ({one['pages']} pages): peak {one['peak_mb']} MB, "
                  f"{one['seconds']} s with the start")
        print(f"  all four in one worker: peak {result['all_four_in_one_worker_peak_mb']} MB, "
              f"the worker itself {result['all_four_worker_itself_peak_mb']} MB "
              f"(aim under {MEMORY_AIM_MB} MB)")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
