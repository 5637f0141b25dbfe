"""The layers stay apart: the import-linter contracts in pyproject.toml, and migrations that
import only what a schema change needs (so an old migration never breaks when the model moves)."""

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIGRATION_IMPORTS = {"alembic", "sqlalchemy", "record_book.types"}


def test_the_import_contracts_hold():
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), "--config", "pyproject.toml", "--no-cache"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module)
    return found


def test_migrations_import_only_schema_types():
    for path in sorted((REPO / "migrations" / "versions").glob("*.py")):
        extra = {name for name in _imported(path)
                 if not any(name == allowed or name.startswith(allowed + ".")
                            for allowed in MIGRATION_IMPORTS)}
        assert extra == set(), (path.name, extra)
