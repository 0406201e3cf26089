"""Alignment of two documents from their seeds: exact runs, extended, chained across small edits.

Seeds on one diagonal (target position − source position) at consecutive
positions are one exact run; each run is extended character by character
while the texts agree (through boilerplate n-grams, which are not seeds).
Runs that follow each other within ``gap`` characters in both texts, their
diagonals differing by at most ``max_shift`` (an insertion or deletion), are
chained into one passage, which tolerates substitutions, small insertions
and deletions; its two ends are then extended across isolated substitutions
(an x-drop walk), so a few characters after the last edit are not lost. Each passage's similarity is the normalized Indel similarity
(rapidfuzz) of its two texts.

Example:
    >>> runs = exact_runs(np.array([[0, 5], [1, 6], [2, 7], [9, 14]]), n=3)
    >>> runs.tolist()  # target start, source start, length
    [[0, 5, 5], [9, 14, 3]]
    >>> extended_runs("甲乙丙丁", "乙丙丁", np.array([[1, 0, 2]])).tolist()  # grown by one character
    [[1, 0, 4, 3]]
    >>> chain_runs([(0, 5, 5, 10), (7, 12, 12, 17)], gap=4, max_shift=2)
    [(0, 5, 12, 17)]
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

from .shingles import code_points


def exact_runs(seed_pairs: np.ndarray, *, n: int) -> np.ndarray:
    """Collapse seeds into exact runs: rows (target start, source start, length in characters)."""
    if not len(seed_pairs):
        return np.zeros((0, 3), dtype=np.int64)
    t, s = seed_pairs[:, 0], seed_pairs[:, 1]
    d = t - s
    order = np.lexsort((t, d))
    t, d = t[order], d[order]
    new = np.ones(len(t), dtype=bool)
    new[1:] = (d[1:] != d[:-1]) | (t[1:] != t[:-1] + 1)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(t)) - 1
    runs = np.column_stack([t[starts], t[starts] - d[starts], t[ends] - t[starts] + n])
    return runs[np.argsort(runs[:, 0], kind="stable")]


def extend_run(target: str, source: str, t0: int, s0: int, length: int) -> tuple[int, int, int, int]:
    """Grow an exact run while the two texts agree; return (t0, s0, t1, s1), ends exclusive."""
    while t0 > 0 and s0 > 0 and target[t0 - 1] == source[s0 - 1]:
        t0, s0, length = t0 - 1, s0 - 1, length + 1
    t1, s1 = t0 + length, s0 + length
    while t1 < len(target) and s1 < len(source) and target[t1] == source[s1]:
        t1, s1 = t1 + 1, s1 + 1
    return t0, s0, t1, s1


def may_extend(target: str, source: str, runs: np.ndarray) -> np.ndarray:
    """Which runs have agreeing characters just before or just after them (most have not: a run ends at an edit)."""
    if not len(runs):
        return np.zeros(0, dtype=bool)
    tc, sc = code_points(target), code_points(source)
    t0, s0, k = runs[:, 0], runs[:, 1], runs[:, 2]
    left = (t0 > 0) & (s0 > 0)
    left[left] = tc[t0[left] - 1] == sc[s0[left] - 1]
    right = (t0 + k < len(tc)) & (s0 + k < len(sc))
    right[right] = tc[(t0 + k)[right]] == sc[(s0 + k)[right]]
    return left | right


def extended_runs(target: str, source: str, runs: np.ndarray) -> np.ndarray:
    """Every run extended, as rows (t0, s0, t1, s1); runs that became one span merged; in target order."""
    grow = may_extend(target, source, runs)
    spans = np.column_stack([runs[:, 0], runs[:, 1], runs[:, 0] + runs[:, 2], runs[:, 1] + runs[:, 2]])
    for i in np.flatnonzero(grow):
        spans[i] = extend_run(target, source, int(runs[i, 0]), int(runs[i, 1]), int(runs[i, 2]))
    if not grow.any():  # runs of exact seeds neither overlap nor touch: nothing to merge
        return spans
    spans = np.unique(spans, axis=0)  # sorted by target start
    keep = [0] if len(spans) else []
    for i in range(1, len(spans)):  # a run inside another of the same diagonal: keep the outer one
        last = spans[keep[-1]]
        if spans[i, 0] - spans[i, 1] == last[0] - last[1] and spans[i, 0] < last[2]:
            last[2:] = np.maximum(last[2:], spans[i, 2:])
        else:
            keep.append(i)
    return spans[keep]


def drop_isolated(spans, *, gap: int, max_shift: int, min_length: int, window: int = 8):
    """Leave out the spans shorter than ``min_length`` with no other span near enough to chain with.

    Chance matches of a single n-gram are most of the runs between two
    unrelated texts; they cannot become a passage of ``min_chars``.
    """
    a = np.asarray(spans, dtype=np.int64).reshape(-1, 4)
    if len(a) < 2:
        return [tuple(map(int, sp)) for sp in a if sp[2] - sp[0] >= min_length]
    d = a[:, 0] - a[:, 1]
    near = np.zeros(len(a), dtype=bool)
    for k in range(1, min(window, len(a) - 1) + 1):
        close = (a[k:, 0] - a[:-k, 2] <= gap) & (np.abs(d[k:] - d[:-k]) <= max_shift)
        near[k:] |= close
        near[:-k] |= close
    keep = near | (a[:, 2] - a[:, 0] >= min_length)
    return [tuple(map(int, a[i])) for i in np.flatnonzero(keep)]


def _fits(chain: list, span: tuple, gap: int, max_shift: int) -> int | None:
    """The gap in the target if ``span`` may continue ``chain``, else None."""
    gap_t, gap_s = span[0] - chain[2], span[1] - chain[3]
    if span[2] <= chain[2] or span[3] <= chain[3]:
        return None
    if gap_t > gap or gap_s > gap or abs(gap_t - gap_s) > max_shift:
        return None
    if min(gap_t, gap_s) < -max_shift:
        return None
    return max(gap_t, gap_s)


def chain_runs(spans, *, gap: int, max_shift: int) -> list[tuple[int, int, int, int]]:
    """Chain extended runs (sorted by target start) into passages (t0, s0, t1, s1)."""
    open_chains: list[list] = []
    done: list[list] = []
    for span in spans:
        still = []
        for c in open_chains:
            (still if c[2] + gap >= span[0] else done).append(c)
        open_chains = still
        best, best_gap = None, None
        for c in open_chains:
            g = _fits(c, span, gap, max_shift)
            if g is not None and (best_gap is None or g < best_gap):
                best, best_gap = c, g
        if best is None:
            open_chains.append(list(span))
        else:
            best[2], best[3] = span[2], span[3]
    return sorted(tuple(c) for c in done + open_chains)


def xdrop_end(target: str, source: str, t: int, s: int, step: int, *, drop: int = 4) -> int:
    """How far a passage's end at (t, s) may move by ``step`` (+1 right, −1 left) across substitutions.

    Walks the diagonal scoring +1 for agreeing characters and −2 for
    differing ones, stops when the score falls ``drop`` below its best, and
    returns the number of characters to the best point (0: no extension).

    Example:
        >>> xdrop_end("改革开放着力提振市场信心", "改革开放大力提振市场信心", 4, 4, 1)
        8
    """
    score = best = moved = best_moved = 0
    while best - score < drop:
        ti, si = (t + moved, s + moved) if step > 0 else (t - moved - 1, s - moved - 1)
        if ti < 0 or si < 0 or ti >= len(target) or si >= len(source):
            break
        score += 1 if target[ti] == source[si] else -2
        moved += 1
        if score > best:
            best, best_moved = score, moved
    return best_moved


def extend_passage(target: str, source: str, t0: int, s0: int, t1: int, s1: int) -> tuple[int, int, int, int]:
    """Extend both ends of a chained passage across isolated substitutions."""
    left = xdrop_end(target, source, t0, s0, -1)
    right = xdrop_end(target, source, t1, s1, 1)
    return t0 - left, s0 - left, t1 + right, s1 + right


def similarity(a: str, b: str) -> float:
    """Normalized Indel similarity of two passages (1 = identical).

    Example:
        >>> similarity("坚持稳中求进", "坚持稳中求进"), round(similarity("坚持稳中求进", "坚持稳步求进"), 3)
        (1.0, 0.833)
    """
    return float(Indel.normalized_similarity(a, b))


def align(target: str, source: str, seed_pairs: np.ndarray, *, n: int, gap: int, max_shift: int,
          min_chars: int, min_similarity: float) -> list[tuple[int, int, int, int, float]]:
    """Passages (t0, s0, t1, s1, similarity) in normalized coordinates, long and similar enough."""
    spans = extended_runs(target, source, exact_runs(seed_pairs, n=n))
    spans = drop_isolated(spans, gap=gap, max_shift=max_shift, min_length=min_chars // 2)
    out = []
    for chain in chain_runs(spans, gap=gap, max_shift=max_shift):
        if chain[2] - chain[0] < min_chars // 2:  # a lone short match: no passage however it is extended
            continue
        t0, s0, t1, s1 = extend_passage(target, source, *chain)
        if min(t1 - t0, s1 - s0) < min_chars:
            continue
        sim = similarity(target[t0:t1], source[s0:s1])
        if sim >= min_similarity:
            out.append((t0, s0, t1, s1, sim))
    return out
