"""The index of rare n-grams: document frequencies, boilerplate, candidate pairs and seeds.

An n-gram found in more than ``max_df`` documents is boilerplate (the
官话 every report shares): it never starts a match, as in passim, though an
alignment may run through it. Two documents are a candidate pair when they
share at least ``min_shared`` of the remaining n-grams (a sparse product of
the document × n-gram incidence matrix: exact, unlike MinHash, which misses
a short passage in two long documents because their Jaccard similarity is
tiny); the shared n-grams at their positions are the seeds of the alignment.

Example:
    >>> from helpers.reuse.shingles import shingle
    >>> docs = [shingle(d, t, n=3) for d, t in [("a", "甲乙丙丁戊"), ("b", "乙丙丁戊己"), ("c", "乙丙丁子丑")]]
    >>> boiler = boilerplate_hashes([d.sorted_hashes for d in docs], max_df=2)
    >>> len(boiler)  # 乙丙丁 is in all three
    1
    >>> seeds(docs[1], docs[0], boiler).tolist()  # (target position, source position)
    [[1, 2]]
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

#: an n-gram repeated more often than this within one document is not a seed
MAX_REPEAT = 8


def sorted_unique(values: np.ndarray, *, is_sorted: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, sorted; how often each occurs), by sorting (numpy's hash-based unique is slow here).

    Example:
        >>> [a.tolist() for a in sorted_unique(np.array([3, 1, 3], dtype=np.uint64))]
        [[1, 3], [1, 2]]
    """
    s = values if is_sorted else np.sort(values)
    if not len(s):
        return s, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], s[1:] != s[:-1]]))
    return s[starts], np.diff(np.append(starts, len(s)))


def unique_hashes(hashes: np.ndarray) -> np.ndarray:
    """The distinct hashes of one document (its ``sorted_hashes``), sorted."""
    return sorted_unique(hashes, is_sorted=True)[0]


def document_frequencies(distinct) -> tuple[np.ndarray, np.ndarray]:
    """(every hash, sorted; the number of documents it occurs in), from each document's distinct hashes."""
    if not distinct:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return sorted_unique(np.concatenate(distinct))


def boilerplate_hashes(doc_hashes, *, max_df: int) -> np.ndarray:
    """Sorted hashes of the n-grams found in more than ``max_df`` of the documents."""
    values, df = document_frequencies([unique_hashes(h) for h in doc_hashes])
    return values[df > max_df]


def is_member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Boolean mask: which ``values`` are in ``sorted_set`` (a sorted array)."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    idx = np.searchsorted(sorted_set, values)
    idx[idx == len(sorted_set)] = 0
    return sorted_set[idx] == values


def incidence(distinct, vocabulary: np.ndarray) -> sparse.csr_matrix:
    """Documents × n-grams of ``vocabulary`` (sorted), 1 where a document (its distinct hashes) has the n-gram."""
    rows, cols = [], []
    for i, u in enumerate(distinct):
        u = u[is_member(u, vocabulary)]
        rows.append(np.full(len(u), i, dtype=np.int32))
        cols.append(np.searchsorted(vocabulary, u).astype(np.int32))
    data = np.ones(sum(len(r) for r in rows), dtype=np.int32)
    shape = (len(distinct), max(len(vocabulary), 1))
    return sparse.csr_matrix((data, (np.concatenate(rows or [[]]), np.concatenate(cols or [[]]))), shape=shape)


def shared_counts(target_distinct, source_distinct, vocabulary: np.ndarray) -> sparse.coo_matrix:
    """Targets × sources: how many n-grams of ``vocabulary`` (the rare ones) each pair shares."""
    xt = incidence(target_distinct, vocabulary)
    xs = incidence(source_distinct, vocabulary)
    return (xt @ xs.T).tocsr()


def hash_range(distinct: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """The part of a sorted hash array in [lo, hi) (a view)."""
    a = int(np.searchsorted(distinct, np.uint64(lo)))
    b = int(np.searchsorted(distinct, np.uint64(hi))) if hi < 2**64 else len(distinct)
    return distinct[a:b]


def rare_index(all_distinct, target_distinct, source_distinct, *, max_df: int, parts: int = 8):
    """(boilerplate hashes, sorted; targets × sources counts of shared rare n-grams).

    The hashes are taken a range at a time (``parts`` ranges), so the
    document frequencies and incidence matrices of only one range are in
    memory at once.

    Example:
        >>> d = [np.array([1, 2, 5], dtype=np.uint64), np.array([1, 2], dtype=np.uint64), np.array([1], dtype=np.uint64)]
        >>> boiler, counts = rare_index(d, d[1:], d[:1], max_df=2)
        >>> boiler.tolist(), counts.toarray().tolist()
        ([1], [[1], [0]])
    """
    bounds = [int(2**64 * k // parts) for k in range(parts + 1)]
    boiler, counts = [], None
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        values, df = document_frequencies([hash_range(u, lo, hi) for u in all_distinct])
        boiler.append(values[df > max_df])
        vocabulary = values[(df >= 2) & (df <= max_df)]
        del values, df
        part = shared_counts([hash_range(u, lo, hi) for u in target_distinct],
                             [hash_range(u, lo, hi) for u in source_distinct], vocabulary)
        counts = part if counts is None else counts + part
    return np.concatenate(boiler), counts.tocoo()


def shared_values(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both of two sorted arrays of distinct values (a linear merge, not a search)."""
    both = np.sort(np.concatenate([a, b]), kind="stable")  # timsort merges the two sorted runs
    return both[1:][both[1:] == both[:-1]]


def positions(doc, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(positions in ``doc.norm`` of each of ``values``, grouped by value in order; occurrences per value)."""
    lo = np.searchsorted(doc.sorted_hashes, values, side="left")
    count = np.searchsorted(doc.sorted_hashes, values, side="right") - lo
    starts = np.repeat(lo, count)
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return doc.order[starts + within].astype(np.int64), count


def seeds(target, source, boiler: np.ndarray, *, max_repeat: int = MAX_REPEAT) -> np.ndarray:
    """Positions (target, source) of every rare n-gram two shingled documents share, as an (k, 2) array.

    An n-gram repeated more than ``max_repeat`` times in either document is
    left out (a refrain is not evidence of copying, and would multiply seeds).
    """
    t_values, t_repeats = sorted_unique(target.sorted_hashes, is_sorted=True)
    s_values, s_repeats = sorted_unique(source.sorted_hashes, is_sorted=True)
    shared = shared_values(t_values[t_repeats <= max_repeat], s_values[s_repeats <= max_repeat])
    shared = shared[~is_member(shared, boiler)]
    t_pos, t_count = positions(target, shared)
    s_pos, s_count = positions(source, shared)
    # every target occurrence of a value with every source occurrence of it
    pairs = t_count * s_count
    t_start = np.repeat(np.cumsum(t_count) - t_count, pairs)
    s_start = np.repeat(np.cumsum(s_count) - s_count, pairs)
    k = np.arange(int(pairs.sum())) - np.repeat(np.cumsum(pairs) - pairs, pairs)
    s_n = np.repeat(s_count, pairs)
    return np.column_stack([t_pos[t_start + k // s_n], s_pos[s_start + k % s_n]])
