"""The package's structure (docs/architecture.md): layers, no cycles, no private names across modules.

Read from the source with ``ast``: nothing here imports the modules it checks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import paths

ROOT = paths.PACKAGE_DIR
FILES = sorted(p for p in ROOT.rglob("*.py") if "fonts" not in p.parts)
#: modules allowed to run near 500 lines (docs/architecture.md)
LONG_OK = {"pipeline"}
MAX_LINES = 400
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = ["helpers", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ``from . import`` names."""
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def helpers_imports(path: Path, tree=None):
    """(node, imported module, names) for every import of a helpers module in a file."""
    tree = tree if tree is not None else ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(path, node)
            if target == "helpers" or target.startswith("helpers."):
                yield node, target, [a.name for a in node.names]


def code_lines(node) -> int:
    body = node.body
    doc = set()
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        doc = set(range(body[0].lineno, body[0].end_lineno + 1))
    return sum(1 for n in range(node.lineno, node.end_lineno + 1) if n not in doc)


def test_files_found():
    assert len(FILES) > 30


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_size(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = 500 if path.stem in LONG_OK and path.parent == ROOT else MAX_LINES
    assert lines <= limit, f"{path.name}: {lines} lines (at most {limit}: split it by concern)"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_function_size(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{n.name} ({code_lines(n)} lines)" for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and code_lines(n) > MAX_FUNCTION_LINES]
    assert not long, f"{path.name}: split into named steps: {', '.join(long)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_names_across_modules(path):
    private = [f"{target}.{n}" for _, target, names in helpers_imports(path)
               for n in names if n.startswith("_") and n != "__version__"]
    assert not private, f"{path.name} imports private names: {', '.join(private)}; give them a plain name"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_helpers_imports_at_the_top(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    inner = [f"line {node.lineno}: {target}" for node, target, _ in helpers_imports(path, tree) if id(node) not in top]
    assert not inner, f"{path.name}: imports of helpers modules inside functions hide the arrows: {inner}"


def test_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for path in FILES:
        name = module_name(path)
        deps = graph.setdefault(name, set())
        for _, target, names in helpers_imports(path):
            # "from . import x" names a module when x is one
            subs = {f"{target}.{n}" for n in names} & {module_name(p) for p in FILES}
            deps.update(subs or {target})
        deps.discard(name)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, node, dep]))
            if dep not in state:
                visit(dep, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
