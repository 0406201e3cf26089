"""Worker processes, shared by every stage that uses them.

Internal module (not exported from :mod:`helpers`). Reading a folder
(:mod:`helpers.load`), segmenting a corpus (:mod:`helpers.segment`) and the
one-pass pipeline (:mod:`helpers.pipeline`) all start their workers, split
their work and keep their results in order with these few functions, so the
rules (how many cores, fork or spawn, how much is in flight) are written once.

Example:
    >>> balanced_runs([5, 5, 5, 5], 2)
    [[0, 1], [2, 3]]
"""

from __future__ import annotations

import os
import sys
from collections import deque
from itertools import islice
from pathlib import Path

__all__ = ["START_METHOD", "default_n_jobs", "resolve_n_jobs", "mp_context", "in_order", "balanced_runs", "progress_bar", "file_sizes"]


def default_n_jobs() -> int:
    """All cores: ``os.cpu_count()`` (the default of every ``n_jobs``)."""
    return os.cpu_count() or 1


def resolve_n_jobs(n_jobs: int | None) -> int:
    """The number of worker processes an ``n_jobs`` argument asks for.

    ``None`` and ``-1`` mean all cores; any other value is at least 1.

    Example:
        >>> resolve_n_jobs(0), resolve_n_jobs(3), resolve_n_jobs(None) == default_n_jobs()
        (1, 3, True)
    """
    if n_jobs is None or n_jobs == -1:
        return default_n_jobs()
    return max(1, int(n_jobs))


#: start method of every worker pool: ``None`` = fork on Linux, spawn elsewhere
#: (the tests set ``"spawn"`` to run as on macOS and Windows)
START_METHOD: str | None = None


def mp_context():
    """The multiprocessing context of every worker pool of tifa.

    fork (Linux) lets workers inherit the loaded dictionaries; elsewhere spawn
    (or :data:`START_METHOD` when set).
    """
    import multiprocessing as mp

    if START_METHOD is not None:
        return mp.get_context(START_METHOD)
    if "fork" in mp.get_all_start_methods() and os.name == "posix" and sys.platform != "darwin":
        return mp.get_context("fork")
    return mp.get_context("spawn")


def in_order(items, submit, ahead: int):
    """Yield ``(item, future)`` for each item in order, ``submit(item)`` having been called
    for at most ``ahead`` items not yet yielded.

    The next item is submitted before an item is yielded, so no worker waits
    while the caller handles a result. Memory holds only the results in
    flight; every worker-process loop of tifa goes through here.

    Example:
        >>> from concurrent.futures import Future
        >>> def done(x):
        ...     f = Future()
        ...     f.set_result(x * x)
        ...     return f
        >>> [(i, f.result()) for i, f in in_order([1, 2, 3], done, 2)]
        [(1, 1), (2, 4), (3, 9)]
    """
    todo = iter(items)
    pending = deque((item, submit(item)) for item in islice(todo, ahead))
    while pending:
        item, future = pending.popleft()
        nxt = next(todo, None)
        if nxt is not None:
            pending.append((nxt, submit(nxt)))
        yield item, future


def balanced_runs(lengths: list[int], n: int) -> list[list[int]]:
    """Split item indices into about ``n`` contiguous runs of similar total length.

    Example:
        >>> balanced_runs([1, 1, 8], 2)
        [[0, 1, 2]]
    """
    total = sum(lengths) or 1
    size = total / n
    out, cur, acc = [], [], 0
    for i, k in enumerate(lengths):
        cur.append(i)
        acc += k
        if acc >= size * (len(out) + 1):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def progress_bar(iterable, progress, total, desc, unit="doc"):
    """``iterable`` wrapped in a tqdm bar when ``progress`` is true, else as it is.

    With ``iterable=None`` and a bar, the bar itself (to ``update`` by hand).
    """
    if progress:
        from tqdm.auto import tqdm  # imported here: only a run with a bar needs it

        return tqdm(iterable, total=total, desc=desc, unit=unit)
    return iterable


def file_sizes(root: Path, files: list[str]) -> list[int]:
    """Bytes of each file (0 when it cannot be read: that is reported when it is read)."""
    sizes = []
    for rel in files:
        try:
            sizes.append((Path(root) / rel).stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes
