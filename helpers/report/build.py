"""The main job: the cleaning report, every notebook run headless, and the index."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable

from .. import paths
from .execute import NotebookError, execute_notebook
from .fonts import embed_font
from .notebooks import extract_figures, figure_captions, find_notebooks, notebook_title
from .pages import NotebookRun, index_html, write_cleaning_report

__all__ = ["ReportError", "build_report", "WIDGET_MANAGER_VERSION"]

#: The @jupyter-widgets/html-manager release the report's pages load widgets with.
WIDGET_MANAGER_VERSION = "1.0.13"


class ReportError(RuntimeError):
    """The report was written, but at least one notebook (or the cleaning report) failed."""

    def __init__(self, message: str, *, failures: list | None = None, index: Path | None = None):
        super().__init__(message)
        self.failures = failures or []
        self.index = index


def _cleaning_step(out_dir: Path, failures: list[str]):
    """Write the cleaning report; ``(table, None)``, or ``(None, error)`` with the error added to ``failures``."""
    start = time.perf_counter()
    try:
        csv_path, table = write_cleaning_report(out_dir)
    except Exception as exc:  # reported in the index and raised at the end
        error = f"{type(exc).__name__}: {exc}"
        failures.append(f"cleaning report: {error}")
        print(f"cleaning report FAILED: {error}", flush=True)
        return None, error
    print(
        f"cleaning report: {table['doc_id'].nunique()} documents, "
        f"{int(table.loc[table['step'] != 'mojibake_detected', 'changes'].sum())} "
        f"changes -> {csv_path} "
        f"({time.perf_counter() - start:.1f} s)",
        flush=True,
    )
    return table, None


def _run_notebook(nb_path: Path, *, out_dir: Path, exporter, timeout: int, kernel_name: str,
                  failures: list[str]) -> NotebookRun:
    """Run one notebook, write its HTML page and figures; failures are added to ``failures``."""
    import nbformat  # Jupyter's packages: imported here, only the report needs them

    fig_dir = out_dir / "figures"
    result = NotebookRun(path=nb_path)
    for stale in fig_dir.glob(f"{nb_path.stem}_fig*.png"):
        stale.unlink()
    try:
        nb, result.seconds = execute_notebook(nb_path, timeout=timeout, kernel_name=kernel_name)
    except NotebookError as exc:
        nb = exc.nb if exc.nb is not None else nbformat.read(nb_path, as_version=4)
        result.error = str(exc)
        failures.append(str(exc).splitlines()[0])
    except Exception as exc:  # e.g. the kernel could not start
        nb = nbformat.read(nb_path, as_version=4)
        result.error = f"{nb_path.name}: {type(exc).__name__}: {exc}"
        failures.append(result.error)
    result.title = notebook_title(nb)

    for k, png in enumerate(extract_figures(nb), 1):
        fig_path = fig_dir / f"{nb_path.stem}_fig{k}.png"
        fig_path.write_bytes(png)
        result.figures.append(fig_path)
    result.captions = figure_captions(nb)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": result.title or nb_path.stem}})
    result.html = out_dir / f"{nb_path.stem}.html"
    result.html.write_text(embed_font(body), encoding="utf-8")
    return result


def build_report(
    notebooks: Iterable[str | os.PathLike] | None = None,
    *,
    out_dir: str | os.PathLike | None = None,
    timeout: int = 600,
    kernel_name: str = "python3",
) -> Path:
    """Run the notebooks headless and write the HTML report; return ``index.html``'s path.

    Args:
        notebooks: notebook files to run; by default every ``NN-*.ipynb`` in
            ``paths.NOTEBOOKS_DIR``, sorted by name.
        out_dir: where to write; default ``paths.REPORTS_DIR``.
        timeout: seconds allowed for each cell.
        kernel_name: Jupyter kernel; ``python3`` is this interpreter's ipykernel.

    Raises:
        ReportError: after writing everything it could, if a notebook raised,
            timed out or drew a character missing from the font, or if the
            cleaning report could not be computed. The message names each
            notebook and cell.

    Example:
        >>> build_report(out_dir="/tmp/tifa-report")  # doctest: +SKIP
        PosixPath('/tmp/tifa-report/index.html')
    """
    from nbconvert import HTMLExporter  # Jupyter's packages: imported here, only the report needs them

    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    (out_dir / "figures").mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    # 1. the cleaning report: the minimum output, independent of the notebooks
    cleaning_table, cleaning_error = _cleaning_step(out_dir, failures)

    # 2. the notebooks
    nb_paths = find_notebooks() if notebooks is None else [Path(p) for p in notebooks]
    exporter = HTMLExporter(embed_images=True)
    # a pinned widget manager (the version of ipywidgets 8.1), not nbconvert's latest-version "*" range;
    # offline a widget stays blank, so each widget cell is followed by a static figure
    exporter.html_manager_semver_range = WIDGET_MANAGER_VERSION
    results: list[NotebookRun] = []
    for number, nb_path in enumerate(nb_paths, 1):
        nb_path = Path(nb_path).resolve()
        print(f"[{number}/{len(nb_paths)}] {nb_path.name} ...", end=" ", flush=True)
        result = _run_notebook(nb_path, out_dir=out_dir, exporter=exporter, timeout=timeout,
                               kernel_name=kernel_name, failures=failures)
        results.append(result)
        if result.error:
            print(f"FAILED\n    {result.error.splitlines()[0]}", flush=True)
        else:
            n = len(result.figures)
            print(f"ok ({result.seconds:.1f} s, {n} figure{'s' if n != 1 else ''})", flush=True)

    # 3. the index
    index = out_dir / "index.html"
    index.write_text(embed_font(index_html(results, cleaning_table, cleaning_error, out_dir)), encoding="utf-8")
    print(f"report: {index}", flush=True)

    if failures:
        raise ReportError(
            f"{len(failures)} problem{'s' if len(failures) != 1 else ''} while building the report "
            f"(see {index}):\n" + "\n".join(f"  - {f}" for f in failures),
            failures=failures,
            index=index,
        )
    return index
