"""Mutation testing of the rules that matter: does a small bug in them fail a test?

    .venv/bin/pip install -e '.[bench]'                  # mutmut
    .venv/bin/python bench/mutation.py --children 2      # every module below, in one run
    .venv/bin/python bench/mutation.py --survivors       # go on from the last run
    .venv/bin/python bench/mutation.py --new-tests       # survivors against tests since
    .venv/bin/python bench/mutation.py --collect         # figures of a run still going

mutmut changes one thing at a time in a module (a `<` for a `<=`, `and` for `or`, a value for
None, a call left out) and runs the tests that exercise it against each change. A change the
tests notice is "killed"; one they do not "survived": either a hole in the tests or a change no
one could notice (an equivalent mutant). All the modules are mutated in one run, in a copy of the
repository (bench/.cache/mutation/all/), at the lowest CPU priority: mutmut first runs the test
files listed below once to learn which tests call each function, then runs against each mutant
only the tests that call its function, stopping at the first that fails. It takes long (see
`seconds` in the results): it is not part of `make test`.

A whole run takes longer than a working day, so every run ends by keeping mutmut's verdicts
and what it learnt of the tests in bench/results/mutation-state.tar.gz. `--survivors` goes on
from there (from the copy, or on a fresh clone from the kept verdicts): it brings the copy up
to today's code and tests, lets mutmut finish the mutants left unchecked (a function changed
since gets new mutants; the verdicts on the others stand), then tests the survivors against
the tests mutmut had not yet seen. `--new-tests` does only that last step, on a copy whose
code is today's. Tests added since cannot bring a killed mutant back, and a survivor has
already passed every older test that calls its function, so only the new ones can kill it.

Writes bench/results/mutation.json: the totals, the kill rate, each module's counts, the run's
time, and for each survivor its place (file, line, function) and the change mutmut made.
"""

import argparse
import ast
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "mutation"
RESULTS = ROOT / "bench" / "results" / "mutation.json"
# mutmut's verdicts and what it learnt of the tests, kept in the repository: a run takes longer
# than a working session, and the next one goes on from here instead of starting again.
STATE = ROOT / "bench" / "results" / "mutation-state.tar.gz"
WORK = CACHE / "all"
MUTMUT = Path(sys.executable).parent / "mutmut"

# The tests that reach the access rule: the rule's own, every page × every role, the property
# tests, and each part of the book that asks the policy (organisations, data rights, set-up,
# contributions, agreement, meetings, promises, leads, notices, languages).
POLICY_TESTS = ["tests/test_access_rule.py", "tests/test_sharing_edges.py",
                "tests/test_policy.py", "tests/test_sharing.py",
                "tests/test_privacy.py", "tests/test_plan_edges.py", "tests/test_plans.py",
                "tests/test_entries.py", "tests/test_admin.py", "tests/test_organisation_reach.py",
                "tests/test_data_rights.py", "tests/test_setup.py", "tests/test_contributions.py",
                "tests/test_agreed_by_all.py", "tests/test_reading_path.py",
                "tests/test_access_log.py", "tests/test_consent.py", "tests/test_invitations.py",
                "tests/test_takeovers.py", "tests/test_promises.py", "tests/test_meetings.py",
                "tests/test_leads.py", "tests/test_notices.py", "tests/test_language_reviews.py",
                "tests/test_sharing_property.py", "tests/test_routes_by_role.py",
                "tests/test_posts_by_role.py", "tests/test_booklet_jobs.py",
                "tests/test_booklet_page.py", "tests/test_attachments.py",
                "tests/test_attachment_pages.py", "tests/test_step_files.py",
                "tests/test_plan_pages.py", "tests/test_plan_goal_pages.py",
                "tests/test_meeting_pages.py", "tests/test_timeline_pages.py",
                "tests/test_drafts.py", "tests/test_passkeys.py", "tests/test_sessions.py"]
SHARING_TESTS = ["tests/test_access_rule.py", "tests/test_sharing_edges.py",
                 "tests/test_sharing.py", "tests/test_privacy.py",
                 "tests/test_organisation_reach.py", "tests/test_sharing_property.py",
                 "tests/test_access_log.py", "tests/test_access_log_page.py",
                 "tests/test_data_rights.py", "tests/test_posts_by_role.py"]
PLAN_TESTS = ["tests/test_plan_edges.py", "tests/test_plans.py", "tests/test_plan_pages.py",
              "tests/test_plan_goal_pages.py", "tests/test_agreed_by_all.py",
              "tests/test_step_files.py", "tests/test_promises.py", "tests/test_meetings.py",
              "tests/test_privacy.py", "tests/test_concurrency.py"]
# Each module, and the test files that exercise it. The run takes all these files together and
# runs against each mutant the tests among them that call its function.
MODULES = {
    **{f"record_book/policy/{part}.py": POLICY_TESTS
       for part in ("access", "book", "sharing", "plan", "accounts")},
    "record_book/reading.py": ["tests/test_reading_path.py", "tests/test_sharing.py",
                               "tests/test_privacy.py", "tests/test_booklet.py",
                               "tests/test_timeline_pages.py", "tests/test_routes_by_role.py",
                               "tests/test_organisation_reach.py", "tests/test_data_rights.py",
                               "tests/test_access_log.py"],
    "plans/reading.py": PLAN_TESTS + ["tests/test_routes_by_role.py", "tests/test_booklet.py"],
    "record_book/sharing/grants.py": SHARING_TESTS + ["tests/test_plans.py"],
    "record_book/sharing/connections.py": SHARING_TESTS + ["tests/test_invitations.py",
                                                           "tests/test_setup.py"],
    "record_book/sharing/access_log.py": SHARING_TESTS + ["tests/test_reading_path.py"],
    "record_book/book/merge.py": ["tests/test_plan_edges.py", "tests/test_merge.py",
                                  "tests/test_plans.py", "tests/test_drafts.py"],
    "plans/editing.py": PLAN_TESTS,
    "plans/agreement.py": PLAN_TESTS,
    "record_book/book/text.py": ["tests/test_text.py", "tests/test_markup_everywhere.py",
                                 "tests/test_typed_text.py", "tests/test_validation.py"],
    "print_templates/content.py": ["tests/test_booklet.py", "tests/test_booklet_page.py",
                                   "tests/test_booklet_content.py", "tests/test_privacy.py",
                                   "tests/test_glossary_booklet.py", "tests/test_access_log.py"],
}
# Copied beside the packages so the app starts in the copy as it does here.
ALSO_COPY = ["tests", "translations", "migrations", "wsgi.py", "worker.py", "gunicorn.conf.py",
             "babel.cfg", "deploy"]
PACKAGES = ["record_book", "plans", "print_templates", "portal", "demo"]
# mutmut's exit codes. A mutant that makes the tests hang past mutmut's time limit is caught
# too (a page that never answers is noticed), so a time-out counts as killed.
TIMEOUTS = {36, 24, -24, 152, 255}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests",
          **{code: "killed" for code in TIMEOUTS}}


def _copy_repository(target: Path, afresh: bool = True) -> None:
    """The work tree's files, as they are now (new ones included, git's ignored ones not)."""
    if afresh and target.exists():
        shutil.rmtree(target)
    tracked = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=ROOT, check=True,
                             capture_output=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # The compiled catalogs are built, never committed.
    for compiled in ROOT.glob("translations/*/LC_MESSAGES/*.mo"):
        shutil.copy2(compiled, target / compiled.relative_to(ROOT))


def _settings(modules: list[str], tests: list[str]) -> str:
    def quoted(values):
        return "[" + ", ".join(json.dumps(v) for v in values) + "]"
    return (f"\n[tool.mutmut]\nsource_paths = {quoted(PACKAGES)}\n"
            f"only_mutate = {quoted(modules)}\n"
            f"also_copy = {quoted(ALSO_COPY)}\n"
            f"pytest_add_cli_args = {quoted(['-p', 'no:cacheprovider', '-W', 'ignore'])}\n"
            f"pytest_add_cli_args_test_selection = {quoted(tests)}\n"
            "mutate_only_covered_lines = false\nuse_git_change_detection = false\n")


def _tests_for(modules: list[str]) -> list[str]:
    return sorted({name for module in modules for name in MODULES[module]
                   if (ROOT / name).exists()})


def _place(name: str, module: str) -> dict:
    """Where a mutant is: its function, the line it changed, and the change."""
    shown = subprocess.run([str(MUTMUT), "show", name], cwd=WORK, capture_output=True,
                           text=True).stdout
    removed = [line[1:].strip() for line in shown.splitlines()
               if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in shown.splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    function = re.sub(r"__mutmut_\d+$", "", name.split(".")[-1]).removeprefix("x_")
    function = function.replace("ǁ", ".").strip(".")
    first = _first_line_of((ROOT / module).read_text(), function)
    return {"mutant": name, "file": module, "line": _changed_line(shown, first),
            "function": function, "was": " / ".join(removed), "became": " / ".join(added)}


def _changed_line(shown: str, first: int) -> int | None:
    """The file's line of the first line the mutant removed. mutmut shows the function alone,
    numbered from its `def`: the hunk's start, plus the lines of context before the change."""
    lines = shown.splitlines()
    start = next((n for n, text in enumerate(lines) if text.startswith("@@ -")), None)
    if start is None:
        return None
    in_function = int(re.match(r"@@ -(\d+)", lines[start])[1])
    for text in lines[start + 1:]:
        if text.startswith("-"):
            return first + in_function - 1
        in_function += 1
    return None


def _first_line_of(source: str, function: str) -> int:
    """The line of a function's (or "Class.method"'s) `def`; 1 if it is not found."""
    scope: list = ast.parse(source).body
    for part in function.split("."):
        found = next((node for node in scope if isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == part),
            None)
        if found is None:
            return 1
        scope = found.body
    return found.lineno


def _mutmut(modules: list[str], children: int, names: list[str], log_mode: str,
            settings: str | None = None) -> float:
    pyproject = WORK / "pyproject.toml"
    pyproject.write_text((ROOT / "pyproject.toml").read_text()
                         + (settings or _settings(modules, _tests_for(modules))))
    started = time.monotonic()
    with open(WORK / "mutmut.log", log_mode) as log:
        subprocess.run(["nice", "-n", "19", str(MUTMUT), "run", "--max-children", str(children),
                        *names], cwd=WORK, env=_test_env(), stdout=log,
                       stderr=subprocess.STDOUT)
    return round(time.monotonic() - started, 1)


def run_all(modules: list[str], children: int) -> float:
    _copy_repository(WORK)
    return _mutmut(modules, children, [], "w")


def run_survivors(modules: list[str], children: int) -> float:
    """Go on from the last run (on a fresh clone, from the verdicts kept in the repository):
    bring the copy up to today's code and tests, let mutmut finish what was left unchecked (it
    makes new mutants of any function changed since and keeps the verdicts of the rest), then
    test the survivors against the tests written since. The test files are the full run's:
    mutmut forgets every verdict when the files it runs change, so new tests go into those."""
    restore_state()
    known = _known_tests()
    pyproject = (WORK / "pyproject.toml").read_text()
    settings = pyproject[pyproject.index("\n[tool.mutmut]"):]
    _copy_repository(WORK, afresh=False)
    _refresh_package_files()
    seconds = _mutmut(modules, children, [], "a", settings)
    return seconds + retest_survivors(modules, children, known)


def retest_survivors(modules: list[str], children: int, known: set[str] | None = None) -> float:
    """Test each survivor against only the tests mutmut had not seen when it judged it: a
    survivor has passed every older test that calls its function, so if none of the new ones
    fails either, it survives the whole suite. Far cheaper than running every test again for
    each. Only for a copy whose code is today's: changed code needs `--survivors`, where mutmut
    makes the changed functions' mutants anew."""
    mutants = WORK / "mutants"
    if not (mutants / "mutmut-stats.json").exists():
        raise SystemExit("no mutmut copy here yet: run --survivors")
    changed = [name for name in _code_files() if not (WORK / name).exists()
               or (WORK / name).read_bytes() != (ROOT / name).read_bytes()]
    if changed:
        raise SystemExit(f"code changed since the run ({', '.join(changed[:5])}): "
                         "use --survivors")
    known = _known_tests() if known is None else known
    _refresh_package_files()
    shutil.copytree(ROOT / "tests", WORK / "tests", dirs_exist_ok=True)
    shutil.copytree(ROOT / "tests", mutants / "tests", dirs_exist_ok=True)
    # The project's addopts already say -q: a second would list files, not tests.
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                             "-o", "addopts=", *_tests_for(modules)], cwd=mutants,
                            env=_test_env(), capture_output=True, text=True).stdout
    new = [test for test in listed.splitlines() if "::" in test and test not in known]
    started = time.monotonic()
    calls = _calls_of(new)
    jobs = [(module, survivor["mutant"],
             [test for test in new if test.split("::")[0] in MODULES[module]
              and re.sub(r"__mutmut_\d+$", "", survivor["mutant"]) in calls.get(test, ())])
            for module in modules for survivor in summary(module)["survivors"]]
    with ThreadPoolExecutor(children) as pool:
        failed = list(pool.map(lambda job: _fails_with(*job[1:]), jobs))
    killed = {name for (_, name, _), fails in zip(jobs, failed) if fails}
    for module in modules:
        meta = mutants / (module + ".meta")
        held = json.loads(meta.read_text())
        held["exit_code_by_key"].update({name: 1 for name in killed
                                         if name in held["exit_code_by_key"]})
        meta.write_text(json.dumps(held, indent=4))
    print(f"{len(new)} new tests; {len(killed)} of {len(jobs)} survivors killed by them")
    return round(time.monotonic() - started, 1)


def _known_tests() -> set[str]:
    return set(json.loads((WORK / "mutants" / "mutmut-stats.json").read_text())
               ["duration_by_test"])


def _calls_of(tests: list[str]) -> dict[str, list[str]]:
    """The mutated functions each test calls, learnt by running the tests once as mutmut does
    (bench/mutation_calls.py), so each survivor meets only the new tests that reach it."""
    if not tests:
        return {}
    found = WORK / "new-test-calls.json"
    env = {**_test_env(), "MUTANT_UNDER_TEST": "stats", "MUTATION_CALLS": str(found),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "bench"),
                                                       os.environ.get("PYTHONPATH")]))}
    ran = _pytest(["-p", "mutation_calls", *tests], env)
    if ran.returncode != 0:
        raise SystemExit(f"the new tests fail without any mutant:\n{ran.stdout[-2000:]}")
    return json.loads(found.read_text())


def _fails_with(mutant: str, tests: list[str]) -> bool:
    """Whether one of the tests fails with the mutant switched on."""
    if not tests:
        return False
    ran = _pytest(["-x", *tests], {**_test_env(), "MUTANT_UNDER_TEST": mutant})
    if ran.returncode not in (0, 1):
        raise SystemExit(f"the tests could not run against {mutant}:\n{ran.stdout[-2000:]}")
    return ran.returncode == 1


def _pytest(arguments: list[str], env: dict) -> subprocess.CompletedProcess:
    """The tests in mutmut's copy, in a fixed order, at the lowest CPU priority."""
    return subprocess.run(["nice", "-n", "19", sys.executable, "-m", "pytest", "-q",
                           "-p", "no:cacheprovider", "-p", "no:randomly", "-W", "ignore",
                           *arguments], cwd=WORK / "mutants", env=env,
                          capture_output=True, text=True)


def _test_env() -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HYPOTHESIS_PROFILE": "slow-machine"}
    env.pop("DATABASE_URL", None)  # SQLite: each mutant's tests in a database of their own
    return env


def _refresh_package_files() -> None:
    """mutmut brings the Python files of its copy up to date, not the packages' templates and
    static files, nor the files beside them: without this, new tests would meet old pages."""
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc"):
                target = WORK / "mutants" / path.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    for name in ALSO_COPY:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, WORK / "mutants" / name)


def _code_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for package in PACKAGES
                  for path in (ROOT / package).rglob("*.py"))


def save_state() -> None:
    """The copy's verdicts, what mutmut learnt of the tests, and the settings it ran with."""
    mutants = WORK / "mutants"
    held = [(mutants / "mutmut-stats.json", "mutants/mutmut-stats.json"),
            (WORK / "pyproject.toml", "pyproject.toml"),
            *[(mutants / (m + ".meta"), f"mutants/{m}.meta") for m in MODULES
              if (mutants / (m + ".meta")).exists()]]
    # No dates in the archive, so a run that changed no verdict leaves the file as it was.
    with gzip.GzipFile(STATE, "wb", mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w") as tar:
        for path, name in held:
            tar.add(path, arcname=name, filter=_without_dates)


def _without_dates(member: tarfile.TarInfo) -> tarfile.TarInfo:
    member.mtime, member.uid, member.gid, member.uname, member.gname = 0, 0, 0, "", ""
    return member


def restore_state() -> None:
    """On a fresh clone, put the kept verdicts into a new copy: mutmut keeps the verdict of
    every function whose code is unchanged (it compares each function's hash)."""
    if (WORK / "mutants").exists() or not STATE.exists():
        return
    _copy_repository(WORK)
    with tarfile.open(STATE) as tar:
        tar.extractall(WORK, filter="data")


def summary(module: str) -> dict:
    """The figures of a module as the copy holds them now (mutmut writes each verdict as it is
    reached, so a run stopped early still says what it found)."""
    meta = WORK / "mutants" / (module + ".meta")
    if not meta.exists():
        raise SystemExit(f"mutmut did not run on {module}: see {WORK / 'mutmut.log'}")
    exit_codes = json.loads(meta.read_text())["exit_code_by_key"]
    statuses = {name: STATUS.get(code, "suspicious" if code is not None else "not checked")
                for name, code in exit_codes.items()}
    counts = {status: list(statuses.values()).count(status) for status in set(statuses.values())}
    timeouts = sum(1 for code in exit_codes.values() if code in TIMEOUTS)
    checked = len(statuses) - counts.get("not checked", 0)
    survivors = [_place(name, module) for name, status in sorted(statuses.items())
                 if status == "survived"]
    return {"tests": MODULES[module], "total": len(statuses), "checked": checked,
            "killed": counts.get("killed", 0), "survived": counts.get("survived", 0),
            "of_which_timeouts": timeouts,
            "other": {s: n for s, n in counts.items() if s not in ("killed", "survived")},
            "kill_rate": round(counts.get("killed", 0) / checked, 4) if checked else None,
            "complete": checked == len(statuses), "survivors": survivors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=1,
                        help="mutants tested at once (each at the lowest CPU priority)")
    parser.add_argument("--survivors", action="store_true",
                        help="go on from the last run (on a fresh clone, from the kept verdicts)")
    parser.add_argument("--new-tests", action="store_true",
                        help="test the survivors against only the tests mutmut has not seen")
    parser.add_argument("--collect", action="store_true",
                        help="run nothing: write the figures the copy holds now, of a run "
                             "finished or still going")
    args = parser.parse_args()
    modules = list(MODULES)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    full_run = previous.get("full_run_seconds", 0.0)
    again = previous.get("survivors_tested_again_seconds", 0.0)
    if args.collect:
        began = (WORK / "pyproject.toml").stat().st_mtime
        full_run = round((WORK / "mutmut.log").stat().st_mtime - began, 1)
    elif args.survivors:
        again = round(again + run_survivors(modules, args.children), 1)
    elif args.new_tests:
        again = round(again + retest_survivors(modules, args.children), 1)
    else:
        full_run, again = run_all(modules, args.children), 0.0
    ran = [m for m in modules if (WORK / "mutants" / (m + ".meta")).exists()]
    results = _write({m: summary(m) for m in ran}, full_run, again)
    save_state()
    print(f"{results['killed']}/{results['checked']} killed ({results['kill_rate']:.1%}), "
          f"{results['survived']} survived; {results['seconds']} s; {RESULTS.relative_to(ROOT)}")


def _write(modules: dict, full_run: float, again: float) -> dict:
    total = sum(m["total"] for m in modules.values())
    checked = sum(m["checked"] for m in modules.values())
    killed = sum(m["killed"] for m in modules.values())
    results = {
        "tool": f"mutmut {version('mutmut')}",
        "ran_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "total": total, "checked": checked, "killed": killed,
        "survived": sum(m["survived"] for m in modules.values()),
        # Of the mutants checked; "complete" in each module says whether all of them were.
        "kill_rate": round(killed / checked, 4) if checked else None,
        "seconds": round(full_run + again, 1), "full_run_seconds": full_run,
        "survivors_tested_again_seconds": again,
        "modules": modules,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


if __name__ == "__main__":
    main()
