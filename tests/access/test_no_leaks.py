"""kompas/access is the one place that branches on role or visibility: elsewhere code asks a
capability named for what it allows. These tests read the source, so a new leak fails
here before it reaches a page."""

import ast
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCESS = ROOT / "kompas" / "access"
SKIPPED_FOLDERS = {"node_modules", "tests", "media", "static", "staticfiles"}

# The role predicates, and Django's own flags that follow from the role.
ROLE_PREDICATES = {"is_staff", "is_admin", "is_council", "is_signed_in", "is_superuser"}
TEMPLATE_ROLE = re.compile(r"\buser\.(role|is_staff|is_superuser)\b")


def files(suffix: str):
    """The project's own files ending in ``suffix``, outside kompas/access and the tests."""
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and Path(folder, name) != ACCESS
        ]
        yield from (Path(folder) / name for name in names if name.endswith(suffix))


def attributes(node: ast.Compare) -> set[str]:
    """The attributes a comparison reads: ``role`` of ``user.role == ...``, and
    ``Visibility.INTERNAL`` for a member of the visibilities."""
    names = set()
    for operand in ast.walk(node):
        if isinstance(operand, ast.Attribute):
            owner = operand.value
            is_choice = isinstance(owner, ast.Name) and owner.id == "Visibility"
            names.add(f"Visibility.{operand.attr}" if is_choice else operand.attr)
    return names


def leaks(tree: ast.AST, *, in_models: bool = False) -> list[tuple[int, str]]:
    """Where ``tree`` asks a role predicate, compares a role, or compares a row's
    visibility with one of the visibilities. A model may name its own visibility (a story's
    ``is_shared``, for its label): ``in_models`` allows that."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ROLE_PREDICATES:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kompas.access"):
            found += [(node.lineno, a.name) for a in node.names if a.name in ROLE_PREDICATES]
        elif isinstance(node, ast.Compare):
            read = attributes(node)
            if "role" in read:
                found.append((node.lineno, ".role compared"))
            compares_visibility = any(name.startswith("Visibility.") for name in read)
            if not in_models and "visibility" in read and compares_visibility:
                found.append((node.lineno, ".visibility compared"))
    return sorted(found)


def test_the_guard_finds_each_kind_of_leak():
    source = """
from kompas.access import is_council
from kompas import access
if access.is_staff(user) or user.is_superuser: pass
if user.role == "admin" or note.visibility == Visibility.INTERNAL: pass
"""
    assert [what for _, what in leaks(ast.parse(source))] == [
        "is_council",
        "is_staff",
        "is_superuser",
        ".role compared",
        ".visibility compared",
    ]
    in_a_model = "shared = self.visibility == Visibility.SHARED"
    assert leaks(ast.parse(in_a_model), in_models=True) == []


def test_no_code_outside_kompas_access_branches_on_role_or_visibility():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {what}"
        for path in files(".py")
        for line, what in leaks(
            ast.parse(path.read_text(encoding="utf-8")),
            in_models="models" in path.relative_to(ROOT).parts or path.name == "models.py",
        )
    ]
    assert not offenders, f"ask a capability of kompas.access instead: {offenders}"


def test_no_template_branches_on_role():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files(".html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TEMPLATE_ROLE.search(line)
    ]
    assert not offenders, f"pass a capability from the view instead: {offenders}"
