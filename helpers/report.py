"""Build the HTML report: run every notebook headless and collect the results.

``make report`` (``python -m helpers report``) calls :func:`build_report`, which

1. writes the cleaning report of the bundled corpus to
   ``reports/cleaning_report.csv`` (this works even when there is no notebook);
2. executes every ``notebooks/NN-*.ipynb`` from a clean kernel (a copy in
   memory: the files on disk are never modified), failing on the first error
   in each notebook and on any "Glyph ... missing from font" warning (a box
   instead of a Chinese character is a bug, not a cosmetic issue);
3. writes ``reports/NN-name.html`` (images embedded), every figure as
   ``reports/figures/NN-name_figK.png`` and ``reports/index.html``, which links
   every report and figure and shows the cleaning summary.

If a notebook fails, the other notebooks are still run and the index is still
written; :class:`ReportError` is raised at the end naming each failing
notebook and cell.

Example:
    >>> from helpers.report import build_report
    >>> index = build_report()                       # doctest: +SKIP
    [1/8] 00-quickstart.ipynb ... ok (6.1 s, 1 figure)
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import paths

__all__ = [
    "build_report",
    "execute_notebook",
    "find_notebooks",
    "font_warnings",
    "notebook_title",
    "extract_figures",
    "write_cleaning_report",
    "NotebookError",
    "ReportError",
]

#: Matplotlib's warning when a character is not in the font: "Glyph 20013
#: (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font(s) DejaVu Sans." (older
#: versions say "missing from current font").
GLYPH_WARNING = re.compile(r"Glyph\s+\d+[^\n]{0,120}?missing from[^\n]*", re.IGNORECASE)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


class NotebookError(RuntimeError):
    """A notebook failed to run: an exception in a cell, a timeout, or a missing glyph.

    Attributes:
        notebook: path of the notebook.
        cell_index: 0-based index of the failing cell in ``nb.cells`` (``None`` if unknown).
        nb: the partly executed notebook (a copy; the file on disk is untouched).
    """

    def __init__(self, message: str, *, notebook: Path, cell_index: int | None = None, nb=None):
        super().__init__(message)
        self.notebook = Path(notebook)
        self.cell_index = cell_index
        self.nb = nb


class ReportError(RuntimeError):
    """The report was written, but at least one notebook (or the cleaning report) failed."""

    def __init__(self, message: str, *, failures: list | None = None, index: Path | None = None):
        super().__init__(message)
        self.failures = failures or []
        self.index = index


# --------------------------------------------------------------------------- notebooks


def find_notebooks(folder: str | os.PathLike | None = None) -> list[Path]:
    """Return the numbered notebooks (``NN-name.ipynb``) of a folder, sorted by name.

    Example:
        >>> [p.name for p in find_notebooks()][:1]  # doctest: +SKIP
        ['00-quickstart.ipynb']
    """
    folder = Path(folder) if folder is not None else paths.NOTEBOOKS_DIR
    return sorted(p for p in folder.glob(_NOTEBOOK_GLOB) if p.is_file())


def notebook_title(nb) -> str:
    """Return the first markdown heading of a notebook (without the ``#``), or ``""``.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 提法 quickstart\\nText")])
        >>> notebook_title(nb)
        '提法 quickstart'
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            m = re.match(r"\s*#{1,6}\s+(.*\S)", line)
            if m:
                return m.group(1).strip()
    return ""


def _output_texts(output) -> Iterable[str]:
    """Yield every piece of text in one cell output (streams, errors, plain text)."""
    kind = output.get("output_type")
    if kind == "stream":
        yield output.get("text", "")
    elif kind == "error":
        yield f"{output.get('ename', '')}: {output.get('evalue', '')}"
        yield "\n".join(output.get("traceback", []))
    elif kind in {"display_data", "execute_result"}:
        data = output.get("data", {})
        for mime in ("text/plain", "text/html", "text/markdown"):
            if mime in data:
                value = data[mime]
                yield "".join(value) if isinstance(value, list) else value


def font_warnings(nb) -> list[tuple[int, str]]:
    """Return ``(cell_index, line)`` for every "Glyph ... missing from font" warning.

    Example:
        >>> import nbformat
        >>> cell = nbformat.v4.new_code_cell("plot()")
        >>> cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
        ...     text="UserWarning: Glyph 20013 (\\\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font(s) DejaVu Sans.")]
        >>> font_warnings(nbformat.v4.new_notebook(cells=[cell]))[0][0]
        0
    """
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            for text in _output_texts(output):
                for match in GLYPH_WARNING.finditer(_ANSI.sub("", text)):
                    found.append((index, " ".join(match.group(0).split())))
    return found


def extract_figures(nb) -> list[bytes]:
    """Return the PNG bytes of every ``image/png`` output, in notebook order."""
    figures = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if output.get("output_type") in {"display_data", "execute_result"} else {}
            png = data.get("image/png")
            if png:
                if isinstance(png, list):
                    png = "".join(png)
                figures.append(base64.b64decode(png))
    return figures


def _kernel_manager(kernel_name: str):
    """Return a kernel manager whose ``python3`` kernel is *this* interpreter's ipykernel.

    A user-level kernelspec called ``python3`` (in ``~/.local/share/jupyter``)
    would otherwise take precedence over the virtual environment's own and run
    the notebooks with another Python, where tifa may not be installed.
    """
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager, NATIVE_KERNEL_NAME

    class _ThisPythonKernelSpecManager(KernelSpecManager):
        def get_kernel_spec(self, name):  # noqa: D401 - jupyter_client API
            if name in {NATIVE_KERNEL_NAME, "python", "python3"}:
                return KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name=f"Python {sys.version_info[0]} (tifa)",
                    language="python",
                    metadata={"debugger": False},
                )
            return super().get_kernel_spec(name)

    return AsyncKernelManager(kernel_name=kernel_name, kernel_spec_manager=_ThisPythonKernelSpecManager())


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    # CI exports MPLBACKEND=Agg; in the kernel that would swallow every figure.
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # silence the debugger's frozen-modules note
    # Make sure the kernel imports this checkout's helpers even if it is not installed.
    project = str(paths.PROJECT_DIR)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [project, env.get("PYTHONPATH", "")] if p)
    return env


def _cell_label(nb, index: int | None) -> str:
    if index is None:
        return "an unknown cell"
    cell = nb.cells[index]
    code_number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first = next((line for line in cell.source.splitlines() if line.strip()), "").strip()
    if len(first) > 70:
        first = first[:67] + "..."
    return f"cell {index + 1} (code cell {code_number}: {first!r})"


def _collect_kernel_sockets() -> None:
    """Collect the finished kernel client's ZeroMQ sockets now.

    Otherwise they are garbage-collected later, in whatever code runs next, and
    their "Unclosed socket" ResourceWarning lands there (in a test that turns
    warnings into errors, say).
    """
    import gc
    import warnings as _warnings

    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def execute_notebook(
    notebook: str | os.PathLike,
    *,
    timeout: int = 600,
    kernel_name: str = "python3",
    check_fonts: bool = True,
):
    """Execute a copy of a notebook in a fresh kernel and return ``(nb, seconds)``.

    The working directory is the notebook's folder; the file on disk is not
    modified. Raises :class:`NotebookError` naming the notebook and the cell when a
    cell raises, times out or the kernel dies, and (with ``check_fonts``) when
    any output contains a "Glyph ... missing from font" warning.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(notebook).resolve()
    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def _on_cell_execute(cell, cell_index, **_):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        km=_kernel_manager(kernel_name),
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=False,
        record_timing=False,
        # ipykernel's "running over TCP without encryption" note is noise here
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_execute=_on_cell_execute,
    )
    start = time.perf_counter()

    def failure(describe) -> NotebookError:
        """The error for the cell that was running; ``describe(cell_label)`` says what went wrong."""
        index = current["index"]
        return NotebookError(f"{path.name}: {describe(_cell_label(nb, index))}",
                             notebook=path, cell_index=index, nb=nb)

    try:
        client.execute(env=_kernel_env(), cwd=str(path.parent))
    except CellExecutionError as exc:
        detail = f"{exc.ename}: {exc.evalue}" if exc.ename else str(exc).strip().splitlines()[-1]
        tail = "\n".join(_ANSI.sub("", str(exc)).strip().splitlines()[-12:])
        raise failure(lambda cell: f"{cell} raised {detail}\n{tail}") from exc
    except CellTimeoutError as exc:
        raise failure(lambda cell: f"{cell} did not finish within {timeout} s") from exc
    except DeadKernelError as exc:
        raise failure(lambda cell: f"the kernel died while running {cell}: {exc}") from exc
    finally:
        del client
        _collect_kernel_sockets()
    seconds = time.perf_counter() - start

    if check_fonts:
        warnings = font_warnings(nb)
        if warnings:
            index, line = warnings[0]
            raise NotebookError(
                f"{path.name}: {_cell_label(nb, index)} drew a character missing from the font "
                f"(a box instead of a Chinese character): {line}"
                + (f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""),
                notebook=path, cell_index=index, nb=nb,
            )
    return nb, seconds


# --------------------------------------------------------------------------- cleaning report


def write_cleaning_report(out_dir: str | os.PathLike | None = None):
    """Write the cleaning report of the bundled corpus and return ``(csv_path, table)``.

    The table has one row per document and cleaning step (doc_id, step,
    changes, chars_before, chars_after), computed from the raw files with
    :func:`helpers.cleaning_report`.
    """
    from . import clean, load

    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = load.load_corpus("all", clean=False)
    table = clean.cleaning_report(corpus)
    csv_path = out_dir / "cleaning_report.csv"
    table.to_csv(csv_path, index=False, encoding="utf-8")
    return csv_path, table


def _cleaning_summary_html(table) -> str:
    """A per-document summary (rows) × step (columns) table of changes, as HTML."""
    import pandas as pd

    if table is None or len(table) == 0:
        return "<p>The cleaner made no changes.</p>"
    steps = list(dict.fromkeys(table["step"]))
    docs = list(dict.fromkeys(table["doc_id"]))
    changes = (
        table.pivot_table(index="doc_id", columns="step", values="changes", aggfunc="sum", fill_value=0)
        .reindex(index=docs, columns=steps, fill_value=0)
    )
    grouped = table.groupby("doc_id", sort=False)
    summary = pd.DataFrame({
        "chars before": grouped["chars_before"].first(),
        "chars after": grouped["chars_after"].last(),
    }).reindex(docs)
    summary = pd.concat([summary, changes], axis=1)
    # mojibake_detected counts suspicious spans left over, not edits
    edits = [step for step in steps if step != "mojibake_detected"]
    summary["total changes"] = changes[edits].sum(axis=1)
    totals = summary.sum(numeric_only=True).to_frame("all documents").T
    summary = pd.concat([summary, totals])
    summary.index.name = "doc_id"
    summary = summary.astype("int64")
    return summary.to_html(classes="cleaning", border=0, justify="left")


# --------------------------------------------------------------------------- the report


@dataclass
class _Result:
    path: Path
    title: str = ""
    seconds: float = 0.0
    html: Path | None = None
    figures: list[Path] = field(default_factory=list)
    error: str | None = None


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.5; }
h1 { margin-bottom: .2rem; } .meta { color: #666; font-size: .9rem; }
.nb { border-top: 1px solid #ddd; padding: 1rem 0; }
.nb h2 { margin: 0 0 .3rem; font-size: 1.2rem; }
.fail { color: #b00020; } .ok { color: #1b5e20; }
.figs { display: flex; flex-wrap: wrap; gap: .6rem; margin-top: .5rem; }
.figs a img { height: 140px; border: 1px solid #ccc; background: white; }
pre.err { background: #fff4f4; border-left: 3px solid #b00020; padding: .5rem; overflow-x: auto;
          white-space: pre-wrap; font-size: .85rem; }
table.cleaning { border-collapse: collapse; font-size: .85rem; }
table.cleaning th, table.cleaning td { padding: .2rem .5rem; border-bottom: 1px solid #eee;
                                       text-align: right; }
table.cleaning th:first-child, table.cleaning td:first-child { text-align: left; }
"""


def _index_html(results: list[_Result], cleaning_table, cleaning_error: str | None, out_dir: Path) -> str:
    from . import __version__

    esc = html.escape
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>tifa report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>tifa report</h1>",
        f'<p class="meta">tifa {esc(__version__)} · Python {esc(sys.version.split()[0])} · built {esc(now)}</p>',
        "<h2>Notebooks</h2>",
    ]
    if not results:
        parts.append("<p>No notebooks were found.</p>")
    for r in results:
        status = (
            f'<span class="fail">failed</span>' if r.error
            else f'<span class="ok">ok</span> in {r.seconds:.1f} s'
        )
        title = esc(r.title or r.path.stem)
        link = f'<a href="{esc(r.html.name)}">{title}</a>' if r.html else title
        parts.append('<div class="nb">')
        parts.append(f"<h2>{link}</h2>")
        n_figs = len(r.figures)
        parts.append(
            f'<p class="meta">{esc(r.path.name)} · {status} · {n_figs} figure{"s" if n_figs != 1 else ""}</p>'
        )
        if r.error:
            parts.append(f'<pre class="err">{esc(r.error)}</pre>')
        if r.figures:
            parts.append('<div class="figs">')
            for fig in r.figures:
                rel = fig.relative_to(out_dir).as_posix()
                parts.append(f'<a href="{esc(rel)}" title="{esc(fig.name)}"><img src="{esc(rel)}" alt="{esc(fig.name)}"></a>')
            parts.append("</div>")
        parts.append("</div>")

    parts.append("<h2>Cleaning report of the bundled corpus</h2>")
    if cleaning_error:
        parts.append(f'<pre class="err">{esc(cleaning_error)}</pre>')
    else:
        parts.append(
            "<p>Changes made by each step of the cleaner to each raw document "
            "(seeds and national government work reports). The full table is "
            '<a href="cleaning_report.csv">cleaning_report.csv</a> '
            "(doc_id, step, changes, chars_before, chars_after).</p>"
        )
        parts.append(_cleaning_summary_html(cleaning_table))
    parts.append("</body></html>")
    return "\n".join(parts)


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
    import nbformat
    from nbconvert import HTMLExporter

    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    fig_dir = out_dir / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    # 1. the cleaning report: the minimum output, independent of the notebooks
    start = time.perf_counter()
    cleaning_table, cleaning_error = None, None
    try:
        csv_path, cleaning_table = write_cleaning_report(out_dir)
        print(
            f"cleaning report: {cleaning_table['doc_id'].nunique()} documents, "
            f"{int(cleaning_table.loc[cleaning_table['step'] != 'mojibake_detected', 'changes'].sum())} "
            f"changes -> {csv_path} "
            f"({time.perf_counter() - start:.1f} s)",
            flush=True,
        )
    except Exception as exc:  # reported in the index and raised at the end
        cleaning_error = f"{type(exc).__name__}: {exc}"
        failures.append(f"cleaning report: {cleaning_error}")
        print(f"cleaning report FAILED: {cleaning_error}", flush=True)

    # 2. the notebooks
    nb_paths = find_notebooks() if notebooks is None else [Path(p) for p in notebooks]
    exporter = HTMLExporter(embed_images=True)
    results: list[_Result] = []
    for number, nb_path in enumerate(nb_paths, 1):
        nb_path = Path(nb_path).resolve()
        result = _Result(path=nb_path)
        results.append(result)
        print(f"[{number}/{len(nb_paths)}] {nb_path.name} ...", end=" ", flush=True)
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
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": result.title or nb_path.stem}})
        result.html = out_dir / f"{nb_path.stem}.html"
        result.html.write_text(body, encoding="utf-8")

        if result.error:
            print(f"FAILED\n    {result.error.splitlines()[0]}", flush=True)
        else:
            n = len(result.figures)
            print(f"ok ({result.seconds:.1f} s, {n} figure{'s' if n != 1 else ''})", flush=True)

    # 3. the index
    index = out_dir / "index.html"
    index.write_text(_index_html(results, cleaning_table, cleaning_error, out_dir), encoding="utf-8")
    print(f"report: {index}", flush=True)

    if failures:
        raise ReportError(
            f"{len(failures)} problem{'s' if len(failures) != 1 else ''} while building the report "
            f"(see {index}):\n" + "\n".join(f"  - {f}" for f in failures),
            failures=failures,
            index=index,
        )
    return index
