"""The mutation run's own bookkeeping: a run longer than a working day goes on from the verdicts
kept in the repository, and survivors are tested again only against tests they have not met."""

import importlib.util
import json
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def mutation(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_mutation", ROOT / "bench" / "mutation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "WORK", tmp_path / "copy")
    monkeypatch.setattr(module, "STATE", tmp_path / "kept.tar.gz")
    monkeypatch.setattr(module, "_copy_repository",
                        lambda target, afresh=True: target.mkdir(parents=True))
    return module


def _a_stopped_run(work: Path) -> dict:
    verdicts = {"record_book.book.merge.x_merge__mutmut_1": 1,
                "record_book.book.merge.x_merge__mutmut_2": 0,
                "record_book.book.merge.x_merge__mutmut_3": None}
    (work / "mutants" / "record_book" / "book").mkdir(parents=True)
    (work / "mutants" / "record_book" / "book" / "merge.py.meta").write_text(
        json.dumps({"exit_code_by_key": verdicts, "hash_by_function_name": {"x_merge": "ab"}}))
    (work / "mutants" / "mutmut-stats.json").write_text(
        json.dumps({"duration_by_test": {"tests/test_merge.py::test_one": 0.1}}))
    (work / "pyproject.toml").write_text('[tool.mutmut]\nonly_mutate = ["x"]\n')
    return verdicts


def test_the_kept_verdicts_come_back_on_a_fresh_clone(mutation):
    verdicts = _a_stopped_run(mutation.WORK)
    mutation.save_state()
    # No dates inside, so saving the same verdicts again leaves the committed file unchanged.
    assert mutation.STATE.read_bytes()[4:8] == bytes(4), "the gzip header holds a date"
    with tarfile.open(mutation.STATE) as tar:
        assert {member.mtime for member in tar.getmembers()} == {0}

    for path in sorted(mutation.WORK.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    mutation.WORK.rmdir()
    mutation.restore_state()

    meta = mutation.WORK / "mutants" / "record_book" / "book" / "merge.py.meta"
    assert json.loads(meta.read_text())["exit_code_by_key"] == verdicts
    assert mutation._known_tests() == {"tests/test_merge.py::test_one"}
    assert "only_mutate" in (mutation.WORK / "pyproject.toml").read_text()


def test_an_existing_copy_is_not_overwritten_by_older_kept_verdicts(mutation):
    _a_stopped_run(mutation.WORK)
    mutation.save_state()
    meta = mutation.WORK / "mutants" / "record_book" / "book" / "merge.py.meta"
    meta.write_text(json.dumps({"exit_code_by_key": {"newer": 1}}))
    mutation.restore_state()
    assert json.loads(meta.read_text())["exit_code_by_key"] == {"newer": 1}


def test_survivors_are_not_retested_cheaply_against_changed_code(mutation):
    _a_stopped_run(mutation.WORK)
    with pytest.raises(SystemExit, match="code changed since the run"):
        mutation.retest_survivors(["record_book/book/merge.py"], 1)


def test_the_copys_pages_and_entry_points_are_todays(mutation, tmp_path, monkeypatch):
    """mutmut refreshes only the Python files of its copy: a template changed since, or a new
    file beside wsgi.py, must reach it too, or new tests would meet old pages."""
    here = tmp_path / "here"
    (here / "portal" / "templates").mkdir(parents=True)
    (here / "portal" / "templates" / "page.html").write_text("today's page")
    (here / "portal" / "view.py").write_text("mutmut's to copy")
    (here / "worker.py").write_text("app = 'today'")
    monkeypatch.setattr(mutation, "ROOT", here)
    monkeypatch.setattr(mutation, "PACKAGES", ["portal"])
    old = mutation.WORK / "mutants" / "portal" / "templates" / "page.html"
    old.parent.mkdir(parents=True)
    old.write_text("yesterday's page")
    mutation._refresh_package_files()
    assert old.read_text() == "today's page"
    assert (mutation.WORK / "mutants" / "worker.py").read_text() == "app = 'today'"
    assert not (mutation.WORK / "mutants" / "portal" / "view.py").exists()


def test_a_survivors_line_is_the_one_mutmut_changed_not_the_first_alike(mutation):
    """mutmut shows the function alone, numbered from its `def`: the same words (a `continue`)
    can stand on several of its lines."""
    shown = ("# plans.editing.x_f__mutmut_2: survived\n--- plans/editing.py\n+++ plans/editing.py\n"
             "@@ -3,4 +3,4 @@\n             continue\n         x = 1\n-            continue\n"
             "+            break\n")
    assert mutation._changed_line(shown, first=40) == 44
    source = "import os\n\n\nclass Plan:\n    def save(self):\n        pass\n"
    assert mutation._first_line_of(source, "Plan.save") == 5
    assert mutation._first_line_of(source, "gone") == 1
