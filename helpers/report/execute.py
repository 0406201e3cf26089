"""Running a notebook headless in a fresh kernel of this interpreter."""

from __future__ import annotations

import gc
import os
import sys
import time
import warnings
from pathlib import Path

from .. import paths
from .notebooks import ANSI_ESCAPE, font_warnings

__all__ = ["NotebookError", "execute_notebook"]


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


def _kernel_manager(kernel_name: str):
    """Return a kernel manager whose ``python3`` kernel is *this* interpreter's ipykernel.

    A user-level kernelspec called ``python3`` (in ``~/.local/share/jupyter``)
    would otherwise take precedence over the virtual environment's own and run
    the notebooks with another Python, where tifa may not be installed.
    """
    # Jupyter's packages are imported here: only running a notebook needs them
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
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
    import nbformat  # Jupyter's packages: imported here, as above
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
        tail = "\n".join(ANSI_ESCAPE.sub("", str(exc)).strip().splitlines()[-12:])
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
        missing = font_warnings(nb)
        if missing:
            index, line = missing[0]
            raise NotebookError(
                f"{path.name}: {_cell_label(nb, index)} drew a character missing from the font "
                f"(a box instead of a Chinese character): {line}"
                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                notebook=path, cell_index=index, nb=nb,
            )
    return nb, seconds

