"""The evidence of each candidate of :func:`helpers.textstat.find_formulations`, and its rank.

Evidence: how often and in how many documents a candidate occurs, its first
document and year, the sentence of its first occurrence (a concordance
line), the collective name the text gives it; and, against a reference
corpus (the national work reports), in how many reference documents it
occurs and how distinctive it is (``score``).
"""

from __future__ import annotations

import bisect
import math
import re
from itertools import accumulate

import pandas as pd

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
COLUMNS = ["candidate", "kind", "count", "n_docs", "first_year", "example",
           "first_doc", "name", "ref_docs", "score"]


def find_all(text: str, sub: str) -> list[int]:
    """Start of each non-overlapping occurrence of ``sub`` (those ``str.count`` counts)."""
    out = []
    pos = text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + len(sub))
    return out


def sentence_at(text: str, pos: int, length: int) -> str:
    """The sentence of ``text`` around ``text[pos:pos + length]``."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos + length)
    end = m.end() if m else len(text)
    return text[start:end].strip()


class Texts:
    """The texts of a corpus joined by "\\n", to find a string in all of them at once.

    Example:
        >>> t = Texts(["坚持两个确立。", "两个确立，两个确立！"])
        >>> t.occurrences("两个确立")
        (3, [0, 1, 1])
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.joined = "\n".join(texts)
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def occurrences(self, sub: str) -> tuple[int, list[int]]:
        """How often ``sub`` occurs, and the document of each occurrence (none holds the "\\n")."""
        positions = find_all(self.joined, sub)
        self.last_positions = positions
        return len(positions), [bisect.bisect_right(self.starts, p) - 1 for p in positions]

    def n_docs(self, sub: str) -> int:
        """In how many texts ``sub`` occurs."""
        return len(set(self.occurrences(sub)[1]))


def evidence_row(cand: str, kind: str, texts: Texts, ids: list, years: list, name: str = "",
                 fallback: str = "") -> tuple | None:
    """The evidence of one candidate (None when it does not occur and there is no ``fallback`` line)."""
    count, docs = texts.occurrences(cand)
    if not count:
        if not fallback:
            return None
        return (cand, kind, 0, 0, pd.NA, fallback, "", name)
    first = docs[0]
    pos = texts.last_positions[0] - texts.starts[first]
    return (cand, kind, count, len(set(docs)), years[first],
            sentence_at(texts.texts[first], pos, len(cand)), ids[first], name)


def distinctiveness(n_docs: int, n_total: int, ref_docs: int, ref_total: int) -> float:
    """log2 of a candidate's document share in the corpus over its share in the reference (smoothed).

    Example:
        >>> distinctiveness(5, 5, 0, 50) > 0 > distinctiveness(5, 5, 50, 50)
        True
    """
    return math.log2(((n_docs + 0.5) / (n_total + 1)) / ((ref_docs + 0.5) / (ref_total + 1)) + 1e-12)


def ranked(rows: list[tuple], n_total: int, reference: Texts | None) -> pd.DataFrame:
    """The candidate table: shadowed candidates dropped; most distinctive (or widespread) first.

    Without a reference the order is n_docs, count, candidate (as before);
    with one, ``ref_docs`` counts the reference documents that hold each
    candidate and ``score`` (:func:`distinctiveness`) orders the table.
    """
    totals = {r[0]: r[2] for r in rows}
    shadowed = {c[:k] for c in totals for k in range(2, len(c)) if totals.get(c[:k]) == totals[c] > 0}
    out = pd.DataFrame([r for r in rows if r[0] not in shadowed], columns=COLUMNS[:-2])
    out["first_year"] = pd.array(out["first_year"], dtype="Int64")
    if reference is None:
        out["ref_docs"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["score"] = float("nan")
        keys, ascending = ["n_docs", "count", "candidate"], [False, False, True]
    else:
        total = len(reference.texts)
        out["ref_docs"] = pd.array([reference.n_docs(c) for c in out["candidate"]], dtype="Int64")
        out["score"] = [distinctiveness(n, n_total, r, total) for n, r in zip(out["n_docs"], out["ref_docs"])]
        keys, ascending = ["score", "n_docs", "count", "candidate"], [False, False, False, True]
    return out.sort_values(keys, ascending=ascending).reset_index(drop=True)
