"""A pytest plugin for bench/mutation.py: which mutated functions each test calls.

Loaded with `-p mutation_calls` while MUTANT_UNDER_TEST is "stats", in mutmut's copy: every
mutated function then reports itself through mutmut's trampoline, and this records the calls
of each test (its fixtures included) in the JSON file named by MUTATION_CALLS.
"""

import json
import os

import pytest
from mutmut.mutation import trampoline

_called: set[str] = set()
_by_test: dict[str, list[str]] = {}


def _record(name: str, caller: str | None = None) -> None:
    _called.add(name)


trampoline.record_trampoline_hit = _record


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _called.clear()
    yield
    _by_test[item.nodeid] = sorted(_called)


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["MUTATION_CALLS"], "w") as out:
        json.dump(_by_test, out)
