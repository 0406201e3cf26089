"""``reused_passages``: the parts of a source that many targets reuse (the passages of :func:`text_reuse`
read from the source's side)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import CorpusError

REUSED_COLUMNS = ["source_id", "source_start", "source_end", "source_text", "chars", "n_targets",
                  "mean_targets", "targets"]
NEEDED = ["target_id", "source_id", "source_start", "source_end", "source_text"]


def check_passages(passages) -> pd.DataFrame:
    """The ``passages`` table of :func:`text_reuse`, or a clear error."""
    if not isinstance(passages, pd.DataFrame):
        raise TypeError("reused_passages(): passages must be the passages table of text_reuse(), "
                        f"not {type(passages).__name__}")
    missing = [c for c in NEEDED if c not in passages.columns]
    if missing:
        raise CorpusError(f"reused_passages(): passages has no column(s) {missing}; pass the passages table "
                          f"of text_reuse() (it has {list(passages.columns)})")
    return passages


def coverage(group: pd.DataFrame) -> tuple[np.ndarray, str, list]:
    """For one source: how many targets cover each character, the source's characters, and who covers what."""
    lo = int(group["source_start"].min())
    size = int(group["source_end"].max()) - lo
    counts = np.zeros(size, dtype=np.int32)
    chars = [""] * size
    spans = []
    for target, rows in group.groupby("target_id", sort=False):
        mask = np.zeros(size, dtype=bool)
        for start, end, text in zip(rows["source_start"], rows["source_end"], rows["source_text"]):
            a, b = int(start) - lo, int(end) - lo
            mask[a:b] = True
            chars[a:b] = list(text[: b - a])
        counts += mask
        spans.append((target, mask))
    return counts, "".join(c or " " for c in chars), [lo, spans]


def runs_at_least(counts: np.ndarray, k: int) -> list[tuple[int, int]]:
    """Maximal runs (start, end) where ``counts >= k``."""
    on = np.concatenate([[False], counts >= k, [False]])
    edges = np.flatnonzero(on[1:] != on[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def reused_passages(passages: pd.DataFrame, *, min_targets: int = 2, min_chars: int = 10) -> pd.DataFrame:
    """List the parts of each source reused by at least ``min_targets`` targets, the most reused first.

    Each target's passages of one source are merged; a part is a maximal run
    of the source's clean text that at least ``min_targets`` targets cover.

    Args:
        passages: the ``passages`` table of :func:`helpers.text_reuse`.
        min_targets: fewest targets that must reuse every character of a part.
        min_chars: shortest part listed (characters of the clean text).

    Returns:
        DataFrame source_id, source_start, source_end (in the source's clean
        text, end exclusive), source_text, chars, n_targets (most targets on
        one character of the part), mean_targets (targets per character, on
        average), targets (the doc_ids that reuse any of it, sorted); sorted
        by n_targets, then chars, largest first.

    Example:
        >>> s = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"
        >>> spans = {"甲": (0, 13), "乙": (6, 20), "丙": (8, 26)}
        >>> p = pd.DataFrame([{"target_id": t, "source_id": "国", "source_start": a, "source_end": b,
        ...                    "source_text": s[a:b]} for t, (a, b) in spans.items()])
        >>> reused_passages(p, min_targets=3, min_chars=4)[["source_text", "n_targets", "targets"]].values.tolist()
        [['总基调，完', 3, ['丙', '乙', '甲']]]
        >>> reused_passages(p, min_targets=2)[["source_start", "source_end", "n_targets"]].values.tolist()
        [[6, 20, 3]]
    """
    passages = check_passages(passages)
    if int(min_targets) < 1:
        raise ValueError(f"reused_passages(): min_targets must be at least 1, not {min_targets!r}")
    rows = []
    for source, group in passages.groupby("source_id", sort=True):
        counts, text, (lo, spans) = coverage(group)
        for a, b in runs_at_least(counts, int(min_targets)):
            if b - a < min_chars:
                continue
            who = sorted(t for t, mask in spans if mask[a:b].any())
            rows.append((source, lo + a, lo + b, text[a:b], b - a, int(counts[a:b].max()),
                         float(counts[a:b].mean()), who))
    out = pd.DataFrame(rows, columns=REUSED_COLUMNS)
    return out.sort_values(["n_targets", "chars"], ascending=False, kind="stable").reset_index(drop=True)
