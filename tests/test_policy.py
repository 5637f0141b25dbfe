"""One policy module decides every "may this person…?": no role is compared anywhere else.

The test walks the code itself, so a view or domain module that starts deciding by role on its
own fails here, before it can drift from the policy.
"""

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("record_book", "plans", "portal", "print_templates")
POLICY = REPO / "record_book" / "policy"  # the package, one module per part of the book
ROLES = {"holder", "young_person", "advocate", "professional", "org_admin", "portal_admin"}


def _python_files():
    for package in PACKAGES:
        yield from sorted((REPO / package).rglob("*.py"))


def _role_constants(node: ast.AST) -> set[str]:
    """Role strings standing as a comparison's operand, alone or in a tuple, list or set."""
    if isinstance(node, ast.Constant) and node.value in ROLES:
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return {elt.value for elt in node.elts
                if isinstance(elt, ast.Constant) and elt.value in ROLES}
    return set()


def _is_account_kind(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "kind"


def role_comparisons(source: str) -> list[tuple[int, str]]:
    """Where a piece of code decides by a role string: `x.role == "holder"`,
    `kind in ("org_admin", …)`, `.in_(("holder", …))`, and `account.kind == "family"`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            roles = set().union(*(_role_constants(operand) for operand in operands))
            family_kind = any(_is_account_kind(operand) for operand in operands) and any(
                isinstance(o, ast.Constant) and o.value == "family" for o in operands)
            if roles or family_kind:
                found.append((node.lineno, ", ".join(sorted(roles)) or "family"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "in_":
            roles = set().union(*(_role_constants(arg) for arg in node.args))
            if roles:
                found.append((node.lineno, ", ".join(sorted(roles))))
    return found


def test_no_module_but_the_policy_compares_a_role():
    offenders = [f"{path.relative_to(REPO)}:{line} ({roles})"
                 for path in _python_files() if POLICY not in path.parents
                 for line, roles in role_comparisons(path.read_text())]
    assert offenders == []


@pytest.mark.parametrize("source", [
    'if reader.role == "holder": pass',
    'ok = role != "young_person"',
    'ok = reader.role in ("holder", "advocate")',
    'query = select(Membership).where(Membership.role.in_(("holder", "young_person")))',
    'ok = account.kind == "family"',
    'ok = account.kind not in ("org_admin", "portal_admin")',
    'ok = "advocate" == side',
])
def test_the_walk_finds_every_way_of_deciding_by_role(source):
    assert role_comparisons(source)


@pytest.mark.parametrize("source", [
    'ok = reader.is_holder',
    'ok = entry.visibility == "family"',
    'Membership(role=HOLDER)',
    'ok = values["advocate"] == "yes"',
])
def test_the_walk_leaves_other_comparisons_alone(source):
    assert role_comparisons(source) == []


TEMPLATE_ROLE = re.compile(
    r"""(\.role|\.kind)\s*(==|!=|\bin\b|\bnot in\b)\s*\(?\s*["'](holder|young_person|advocate|"""
    r"""professional|org_admin|portal_admin|family)["']""")


def test_no_template_compares_a_role():
    offenders = [f"{path.relative_to(REPO)}:{n}"
                 for path in sorted((REPO / "portal" / "templates").rglob("*.html"))
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if TEMPLATE_ROLE.search(line)]
    assert offenders == []
