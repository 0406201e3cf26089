"""Setup traps a newcomer fell into (issue 16): the git filter, dependencies, quiet install, make lab as root."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git")
MAKE = shutil.which("make")

# import name -> distribution name, where they differ
DISTRIBUTION = {"bs4": "beautifulsoup4", "opencc": "opencc", "fontTools": "fonttools",
                "charset_normalizer": "charset-normalizer", "yaml": "pyyaml"}
# installed with a declared package, never imported without it
TRANSITIVE = {
    "PIL": "matplotlib and wordcloud", "mpl_toolkits": "matplotlib", "IPython": "ipykernel and jupyterlab",
    "nbformat": "jupyterlab (nbconvert)", "nbconvert": "jupyterlab", "nbclient": "nbconvert",
    "ipykernel": "jupyterlab", "jupyter_client": "ipykernel", "distributed": "dask[distributed]",
    "brotli": "optional: the report embeds woff2 with it, woff without",
}


def _git(*args, cwd, check=True):
    return subprocess.run([GIT, *args], cwd=cwd, capture_output=True, text=True, check=check,
                          env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"})


@pytest.fixture
def clone(tmp_path):
    """A clone of this repository with this working tree's Makefile, the filter set as make install sets it."""
    if GIT is None or MAKE is None or not (ROOT / ".git").exists():
        pytest.skip("needs git, make and a git checkout")
    dest = tmp_path / "tifa"
    _git("clone", "-q", "--no-hardlinks", str(ROOT), str(dest), cwd=tmp_path)
    shutil.copy(ROOT / "Makefile", dest / "Makefile")
    _git("config", "user.email", "t@example.org", cwd=dest)
    _git("config", "user.name", "t", cwd=dest)
    subprocess.run([MAKE, "--no-print-directory", "git-filter"], cwd=dest, check=True,
                   capture_output=True, text=True)
    return dest


def _notebook_with_output(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["输出\n"]}]
    code["execution_count"] = 7
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_git_status_and_add_work_after_make_clean(clone):
    subprocess.run([MAKE, "--no-print-directory", "clean"], cwd=clone, check=True, capture_output=True)
    nb = clone / "notebooks" / "00-quickstart.ipynb"
    _notebook_with_output(nb)
    status = _git("status", "--porcelain", cwd=clone / "notebooks", check=False)
    assert status.returncode == 0, status.stderr
    assert "failed" not in status.stderr
    add = _git("add", nb.name, cwd=clone / "notebooks", check=False)
    assert add.returncode == 0, add.stderr
    assert "run make install" in add.stderr  # says what happened, and what to do
    assert _git("config", "--get", "filter.nbstripout.required", cwd=clone, check=False).stdout.strip() != "true"


def test_the_filter_strips_outputs_with_the_working_trees_venv(clone):
    if not (Path(sys.prefix) / "bin" / "python").exists():
        pytest.skip("no venv-style interpreter to link as .venv")
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    nb = clone / "notebooks" / "00-quickstart.ipynb"
    _notebook_with_output(nb)
    add = _git("add", str(nb.relative_to(clone)), cwd=clone, check=False)
    assert add.returncode == 0, add.stderr
    staged = json.loads(_git("show", f":{nb.relative_to(clone).as_posix()}", cwd=clone).stdout)
    assert all(not c.get("outputs") for c in staged["cells"] if c["cell_type"] == "code")


def test_make_install_is_quiet_unless_pip_fails():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = recipe[recipe.index("$(STAMP): pyproject.toml"):recipe.index("touch $(STAMP)")]
    pip_lines = [line for line in install.splitlines() if "pip install" in line]
    assert pip_lines and all(">" in line and "install.log" in line for line in pip_lines)
    assert "cat $(VENV)/install.log" in install


def test_make_lab_says_how_to_run_as_root():
    if MAKE is None:
        pytest.skip("needs make")
    dry = subprocess.run([MAKE, "-n", "--no-print-directory", "-W", "pyproject.toml", "lab"], cwd=ROOT,
                         capture_output=True, text=True)
    lab = [line for line in dry.stdout.splitlines() if "jupyter lab" in line]
    assert lab, dry.stdout + dry.stderr
    if os.geteuid() == 0:
        assert "--allow-root" in lab[-1] and "running as root" in dry.stdout
    else:
        assert "--allow-root" not in lab[-1]


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def third_party_imports() -> dict[str, set[str]]:
    """Every top-level module imported by helpers/ and the notebooks' code cells -> where."""
    where: dict[str, set[str]] = {}
    sources = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "helpers").rglob("*.py"))]
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
        sources.append((nb.name, code))
    for name, text in sources:
        for module in _imports(ast.parse(text)):
            if module in sys.stdlib_module_names or module in ("helpers", "__future__"):
                continue
            where.setdefault(module, set()).add(name)
    return where


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_in_pyproject() -> set[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *[s for extra in project["optional-dependencies"].values() for s in extra]]
    return {_normalise(re.match(r"[A-Za-z0-9_.\-]+", s).group(0)) for s in specs}


def declared_in_environment_yml() -> set[str]:
    names = set()
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*-\s*([A-Za-z][A-Za-z0-9_.\-]*)", line)
        if m and m.group(1) not in ("pip", "e"):
            names.add(_normalise(m.group(1)))
    return names


def test_every_import_is_declared_in_pyproject_and_environment_yml():
    pyproject, conda = declared_in_pyproject(), declared_in_environment_yml()
    missing = {}
    for module, where in sorted(third_party_imports().items()):
        if module in TRANSITIVE:
            continue
        dist = _normalise(DISTRIBUTION.get(module, module))
        lacking = [f for f, names in (("pyproject.toml", pyproject), ("environment.yml", conda))
                   if dist not in names]
        if lacking:
            missing[module] = (lacking, sorted(where))
    assert not missing, f"imported but not declared: {missing}"
