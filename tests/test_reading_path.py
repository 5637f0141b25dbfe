"""Reading is logging: the pages and the booklet get the book's words only through the reading
path (record_book.reading, plans.reading), which logs what an outsider is handed.

The table of routes in tests/test_routes_by_role.py checks the other half: each page that shows
an outsider the book's words grows the family's access log.
"""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The read rule and the raw reads that come before logging: only the reading path calls them.
BEHIND_THE_READING_PATH = {
    "readable_entries", "readable_entry", "readable_revisions", "readable_by_both",
    "readable_plan_parts", "visible", "latest", "revisions", "compare", "grants_for_reader",
}
# Who may call them anyway, and why.
ALLOWED = {
    # The grant behind each entry a page already read: which share shows it, not the words.
    ("portal/book/opening.py", "grants_for_reader"),
}


def _uses(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in BEHIND_THE_READING_PATH:
            names.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in BEHIND_THE_READING_PATH:
            names.add(node.func.id)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names
                      if alias.name in BEHIND_THE_READING_PATH}
    return names


def test_pages_and_the_booklet_read_only_through_the_reading_path():
    offenders = []
    for package in ("portal", "print_templates"):
        for path in sorted((REPO / package).rglob("*.py")):
            where = str(path.relative_to(REPO))
            offenders += [f"{where}: {name}" for name in sorted(_uses(path))
                          if (where, name) not in ALLOWED]
    assert offenders == []


def test_the_check_sees_a_page_that_reads_around_the_path(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("from record_book.policy import readable_entries\n"
                    "rev = editing.latest(db(), plan)\n"
                    "found = visible(db(), reader, content)\n"
                    "revisions = reading.history(db(), reader, entry)\n")
    assert _uses(page) == {"readable_entries", "latest", "visible"}
