"""The project's own files install what it needs: pyproject and environment.yml agree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

ROOT = paths.PROJECT_DIR


def _name(requirement: str) -> str:
    """Return the normalised distribution name of a requirement string."""
    name = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_packages() -> tuple[set[str], set[str]]:
    """Return (conda packages, pip packages) named in environment.yml."""
    conda, pip, in_pip, in_deps = set(), set(), False, False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        if not line.startswith(" "):
            in_deps = stripped.startswith("dependencies:")
            continue
        if not in_deps:
            continue
        if stripped.strip() == "- pip:":
            in_pip = True
            continue
        m = re.match(r"^(\s*)- (.+)$", stripped)
        if not m:
            in_pip = False if not line.startswith(" ") else in_pip
            continue
        indent, item = len(m.group(1)), m.group(2).strip()
        if in_pip and indent > 2:
            if not item.startswith("-e"):
                pip.add(_name(item))
        else:
            in_pip = False
            conda.add(_name(item))
    return conda, pip


def test_environment_names_the_same_runtime_packages_as_pyproject():
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    # issue 16: conda users get the dask extra too (notebook 06 imports dask)
    runtime |= {_name(r) for r in _pyproject()["project"]["optional-dependencies"]["dask"]}
    conda, pip = _environment_packages()
    named = (conda | pip) - {"python", "pip"}
    assert named == runtime, (
        f"only in pyproject: {sorted(runtime - named)}; only in environment.yml: {sorted(named - runtime)}"
    )


def test_environment_installs_the_project_itself():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+- -e \.\s*$", text, flags=re.M), "environment.yml must end with pip: - -e ."


def test_client_packages_are_runtime_dependencies_with_lower_bounds():
    deps = _pyproject()["project"]["dependencies"]
    by_name = {_name(r): r for r in deps}
    for package in ["jupyterlab", "pandas", "matplotlib", "wordcloud", "jieba", "opencc"]:
        assert package in by_name, f"{package} missing from [project].dependencies"
        assert ">=" in by_name[package], f"{package} needs a lower bound"


def test_dev_extra_has_the_test_tools():
    dev = {_name(r) for r in _pyproject()["project"]["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis", "nbclient"} <= dev


def test_makefile_has_the_public_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ["install", "report", "test"]:
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"Makefile lacks target {target}"
    assert "python3 -m venv" in makefile.replace("$(PYTHON)", "python3")


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme


def test_every_public_name_resolves():
    import helpers

    for name in helpers.__all__:
        assert getattr(helpers, name) is not None, name
    for module in helpers._SUBMODULES:
        assert getattr(helpers, module).__name__ == f"helpers.{module}"
    modules = {p.stem for p in paths.PACKAGE_DIR.glob("*.py")} | {p.parent.name for p in paths.PACKAGE_DIR.glob("*/__init__.py")}
    # internal modules (a leading underscore) are not submodules of the public interface
    assert set(helpers._SUBMODULES) == {m for m in modules if not m.startswith("_")}
