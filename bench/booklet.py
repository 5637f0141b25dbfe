"""How long a ~40-page booklet takes to print, in English and in Arabic, and how much memory.

    .venv/bin/python bench/booklet.py [--runs 5]

Loads the demo family into a throwaway SQLite database, adds generated timeline events and story
sections (some written in Arabic and Urdu) until the English A4 booklet is about 40 pages, then
builds it several times per language. Prints the first (cold: fonts loaded, nothing cached),
the median of the rest, and the median of three first prints of a book the process has not set
before (fonts loaded, the words' shaping and lines not yet remembered: what a running booklet
worker does for a family's first booklet); the peak memory of the process while printing
(ru_maxrss, its high-water mark reset after the setup, which decodes the demo's photos) and over
the whole run, and the peak Python allocations of one build (tracemalloc); it writes
bench/results/booklet.json.

Beside each, in the same process, bare ReportLab platypus sets the same words (every paragraph
our booklet set) in the same fonts (regular and bold), with no shaping, bidi or hyphenation,
and the report gives our time as a multiple of that (aim: at most 3 times).
Aims: English under 1.5 s, Arabic under 3 s, both under 150 MB.
"""

import argparse
import gc
import json
import os
import resource
import statistics
import struct
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import select  # noqa: E402

import record_book.accounts.accounts  # noqa: E402
from demo import family as demo  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from print_templates.booklet import Options, build_booklet, prepare  # noqa: E402
from record_book.book.entries import add_entry  # noqa: E402
from record_book.book.families import own_member_entry_id  # noqa: E402
from record_book.book.model import Account, Family  # noqa: E402
from record_book.policy import reader_for  # noqa: E402
from record_book.sharing import access_log  # noqa: E402

AIMS = {"en": 1.5, "ar": 3.0}
RATIO_AIM = 3.0
MEMORY_AIM_MB = 150
FIRST_PRINTS = 3  # a book not printed before: the median of this many

DETAILS = ("We went to the meeting at the school with Rosa. Ms Brooks explained the plan for "
           "the next six weeks and we agreed to meet again before half term. Zosia came for the "
           "first part and said what helps her in the mornings.\n\n"
           "Afterwards we wrote down the three things to do: ring the CAMHS office about the "
           "waiting list, ask the GP for a letter about the damp, and check the bus pass.")
ARABIC = ("قالت جدتي إن الصبر مفتاح الفرج. نحن نحاول كل يوم أن نكون عائلة قوية، وأن نساعد "
          "بعضنا في البيت وفي المدرسة.")
URDU = "ہم ہر اتوار کو نانی کے گھر کھانا کھاتے ہیں۔ وہاں کوئی ملاقاتوں کے بارے میں نہیں پوچھتا۔"


def _session():
    from sqlalchemy.orm import Session

    folder = tempfile.mkdtemp(prefix="booklet-bench-")
    url = f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    return Session(make_engine(url), info={access_log.KEY: "the booklet bench's own key"})


def _fill(session) -> tuple:
    # Throwaway demo accounts: cheap password hashes, so the hashing's memory is not counted.
    record_book.accounts.accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    demo.load(session)
    holder_account = session.scalar(select(Account).where(Account.username == "holder"))
    family = session.scalar(select(Family))
    holder = reader_for(session, holder_account, family.id)
    me = str(own_member_entry_id(session, holder))
    for n in range(66):
        year, month = 2018 + n // 12, n % 12 + 1
        add_entry(session, holder, "event", {
            "title": f"Review meeting number {n + 1}", "date-day": "14",
            "date-month": str(month), "date-year": str(year), "event_type": "meeting",
            "who": "Me, Rosa, Ms Brooks", "details": DETAILS if n % 3 else ARABIC,
            "category": "school", "owner_member_id": me})
    for n in range(10):
        add_entry(session, holder, "story", {
            "section": "what_helped", "title": f"Something that helped ({n + 1})",
            "text": "\n\n".join([DETAILS, ARABIC, URDU]), "category": "family_life",
            "owner_member_id": me})
    session.commit()
    return holder, family


def _bare(booklet, language: str) -> float:
    """Seconds bare platypus takes to set the same paragraphs in the same fonts."""
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from print_templates.fonts import BOLD, font_for_script
    from print_templates.i18n import SCRIPT_OF_LANGUAGE

    script = SCRIPT_OF_LANGUAGE.get(language, "latin")
    regular, bold = font_for_script(script), font_for_script(script, BOLD)
    body = ParagraphStyle("body", fontName=regular.name, fontSize=12, leading=17.4)
    strong = ParagraphStyle("strong", parent=body, fontName=bold.name)
    seen, paragraphs = set(), []
    for line in booklet.lines:
        if line.text not in seen:
            seen.add(line.text)
            paragraphs.append(line.text)
    start = time.perf_counter()
    # Every seventh paragraph in bold, about as often as our headings and labels, so both
    # faces are set.
    story = [Paragraph(escape(text).replace("\n", "<br/>"), strong if n % 7 == 0 else body)
             for n, text in enumerate(paragraphs)]
    SimpleDocTemplate(BytesIO(), pagesize=A4).build(story)
    return time.perf_counter() - start


def _forget_the_words() -> None:
    """Forget what was remembered about this book's words (shaping, lines, rich text), as for
    a book the worker has not printed before; the fonts stay loaded."""
    from print_templates import lines, shaping

    for remembered in (lines._laid_out, lines._word_runs, shaping.shape):
        remembered.cache_clear()


def _as_the_worker_makes_it(session, holder, language: str) -> float:
    """The median seconds of a booklet made as the booklet worker makes it: in a child process
    forked from this one while it has printed nothing yet (`prepare` done, as the worker does
    before it makes any)."""
    options = Options(language=language, online_url="https://book.example.org/families/1/")
    return statistics.median(_in_a_child(session, holder, options) for _ in range(FIRST_PRINTS))


def _in_a_child(session, holder, options: Options) -> float:
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        start = time.perf_counter()
        build_booklet(session, holder, options)
        os.write(writing, struct.pack("d", time.perf_counter() - start))
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as answer:
        seconds = answer.read()
    os.waitpid(child, 0)
    return struct.unpack("d", seconds)[0]


def _python_peak_mb(session, holder, language: str) -> float:
    """The peak of Python's own allocations in one build (after the timed ones: tracemalloc's
    bookkeeping would swell the process's memory being measured)."""
    options = Options(language=language, online_url="https://book.example.org/families/1/")
    tracemalloc.start()
    build_booklet(session, holder, options)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 2**20, 1)


def _reset_peak_memory() -> bool:
    """Linux: start the process's peak resident memory again from now (clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _time(session, holder, language: str, runs: int) -> dict:
    options = Options(language=language, online_url="https://book.example.org/families/1/")
    times, pages, bare = [], 0, []
    for _ in range(runs):
        start = time.perf_counter()
        booklet = build_booklet(session, holder, options)
        times.append(time.perf_counter() - start)
        pages = booklet.pages
        bare.append(_bare(booklet, language))
    warm = times[1:] or times
    bare_median = statistics.median(bare[1:] or bare)
    firsts = []
    for _ in range(FIRST_PRINTS):
        _forget_the_words()
        start = time.perf_counter()
        build_booklet(session, holder, options)
        firsts.append(time.perf_counter() - start)
    first_print = statistics.median(firsts)
    return {"pages": pages, "runs": runs, "cold_s": round(times[0], 3),
            "median_s": round(statistics.median(warm), 3),
            "all_s": [round(t, 3) for t in times],
            "bare_platypus_all_s": [round(t, 3) for t in bare],
            "aim_s": AIMS[language],
            "within_aim": statistics.median(warm) < AIMS[language],
            "bare_platypus_median_s": round(bare_median, 3),
            "times_bare_platypus": round(statistics.median(warm) / bare_median, 2),
            "first_print_of_a_book_s": round(first_print, 3),
            "first_print_times_bare_platypus": round(first_print / bare_median, 2),
            "ratio_aim": RATIO_AIM}


def _rss_now_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return float("nan")
    return pages * resource.getpagesize() / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    session = _session()
    holder, _family = _fill(session)
    prepare(session)
    gc.collect()
    gc.freeze()  # as the booklet worker does once it has started (flask booklet-worker)
    setup_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    before_mb = _rss_now_mb()
    reset = _reset_peak_memory()
    as_worker = {language: _as_the_worker_makes_it(session, holder, language)
                 for language in AIMS}  # first, while this process has printed nothing
    results = {language: _time(session, holder, language, args.runs) for language in AIMS}
    for language, result in results.items():
        result["as_the_worker_makes_it_s"] = round(as_worker[language], 3)
        result["as_the_worker_makes_it_times_bare_platypus"] = round(
            as_worker[language] / result["bare_platypus_median_s"], 2)
    printing_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for language, result in results.items():
        result["python_peak_mb"] = _python_peak_mb(session, holder, language)
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "python": sys.version.split()[0], "languages": results,
              "printing_peak_rss_mb": round(printing_mb, 1) if reset else None,
              "process_peak_rss_mb": round(max(printing_mb, setup_peak_mb), 1),
              "setup_peak_rss_mb": round(setup_peak_mb, 1),
              "rss_before_first_booklet_mb": round(before_mb, 1),
              "memory_aim_mb": MEMORY_AIM_MB,
              "memory_within_aim": printing_mb < MEMORY_AIM_MB}
    out = ROOT / "bench" / "results" / "booklet.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    for language, result in results.items():
        print(f"{language}: {result['pages']} pages, median {result['median_s']} s over "
              f"{result['runs'] - 1} warm runs (cold {result['cold_s']} s, aim "
              f"{result['aim_s']} s), Python peak {result['python_peak_mb']} MB; "
              f"{result['times_bare_platypus']}x bare platypus with the same words and fonts "
              f"({result['bare_platypus_median_s']} s; aim {RATIO_AIM}x); a book not printed "
              f"before {result['first_print_of_a_book_s']} s "
              f"({result['first_print_times_bare_platypus']}x); as the worker makes it, in a "
              f"process of its own, {result['as_the_worker_makes_it_s']} s "
              f"({result['as_the_worker_makes_it_times_bare_platypus']}x)")
    print(f"peak RSS while printing {report['printing_peak_rss_mb']} MB (aim {MEMORY_AIM_MB} MB; "
          f"{report['rss_before_first_booklet_mb']} MB before the first booklet; "
          f"{report['setup_peak_rss_mb']} MB while the setup decoded the demo's photos); "
          f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
