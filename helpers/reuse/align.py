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
    >>> chain_runs([(0, 5, 5, 10), (7, 12, 12, 17)], gap=4, max_shift=2)
    [(0, 5, 12, 17)]
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel


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


def extended_runs(target: str, source: str, runs: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Every run extended, runs that became the same span merged, in target order."""
    spans = sorted({extend_run(target, source, int(t), int(s), int(k)) for t, s, k in runs})
    out: list[tuple[int, int, int, int]] = []
    for span in spans:  # one run contained in another of the same diagonal: keep the outer one
        if out and span[0] - span[1] == out[-1][0] - out[-1][1] and span[0] < out[-1][2]:
            last = out[-1]
            out[-1] = (last[0], last[1], max(last[2], span[2]), max(last[3], span[3]))
        else:
            out.append(span)
    return out


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
    runs = exact_runs(seed_pairs, n=n)
    chains = chain_runs(extended_runs(target, source, runs), gap=gap, max_shift=max_shift)
    out = []
    for chain in chains:
        t0, s0, t1, s1 = extend_passage(target, source, *chain)
        if min(t1 - t0, s1 - s0) < min_chars:
            continue
        sim = similarity(target[t0:t1], source[s0:s1])
        if sim >= min_similarity:
            out.append((t0, s0, t1, s1, sim))
    return out
