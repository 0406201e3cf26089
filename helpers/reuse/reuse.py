"""``text_reuse``: the passages of target documents that reuse source documents, and how much.

The steps, each in its own module: shingles of Han characters and digits
(``shingles``), document frequencies, boilerplate and candidate pairs from
an index of rare n-grams (``index``), alignment of each candidate pair
(``align``); this module checks the input and builds the two tables.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import CorpusError
from .align import align
from .index import rare_index, seeds, unique_hashes
from .shingles import Shingled, shingle

PASSAGE_COLUMNS = ["target_id", "source_id", "target_start", "target_end", "source_start", "source_end",
                   "target_text", "source_text", "chars", "similarity"]
SHARE_COLUMNS = ["target_id", "source_id", "target_date", "source_date", "lag_days", "lag_precision",
                 "n_passages",
                 "target_han", "reused_han", "share", "source_han", "source_reused_han", "source_share"]
META_COLUMNS = ("year", "province", "title")


class ReuseResult(NamedTuple):
    """What :func:`text_reuse` returns: ``passages, shares = text_reuse(...)`` also works."""

    passages: pd.DataFrame
    shares: pd.DataFrame


def check_documents(df, name: str) -> pd.DataFrame:
    """The ``doc_id`` and ``text`` of a corpus DataFrame, or a clear error."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"text_reuse(): {name} must be a corpus DataFrame (load_corpus), not {type(df).__name__}")
    missing = [c for c in ("doc_id", "text") if c not in df.columns]
    if missing:
        raise CorpusError(f"text_reuse(): {name} has no column(s) {missing}; it needs doc_id and text "
                          f"(the columns of load_corpus); it has {list(df.columns)}")
    ids = df["doc_id"].astype(str)
    dup = sorted(set(ids[ids.duplicated()]))
    if dup:
        raise CorpusError(f"text_reuse(): {name} has duplicate doc_id(s) {dup[:5]}: every document needs its own id")
    bad = [d for d, t in zip(ids, df["text"]) if not isinstance(t, str)]
    if bad:
        raise CorpusError(f"text_reuse(): {name} has documents whose text is not a string: {bad[:5]}")
    return df.assign(doc_id=ids).reset_index(drop=True)


def document_dates(df: pd.DataFrame) -> pd.Series:
    """Each document's date: ``date`` when known, else 1 January of ``year``, else NaT."""
    dates = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    if "date" in df.columns:
        dates = pd.to_datetime(df["date"], errors="coerce").astype("datetime64[s]")
    if "year" in df.columns:
        years = pd.to_numeric(df["year"], errors="coerce")
        from_year = pd.to_datetime(years.astype("Int64").astype(str) + "-01-01", errors="coerce")
        dates = dates.fillna(from_year.astype("datetime64[s]"))
    return dates


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def document_precision(df: pd.DataFrame) -> pd.Series:
    """How precise each document's date is: its ``date_precision``, else ``day`` for a ``date`` and
    ``year`` for a date made from ``year`` (1 January); ``""`` when there is no date at all."""
    dates = document_dates(df)
    given = pd.Series("", index=df.index, dtype=object)
    if "date" in df.columns:
        given[pd.to_datetime(df["date"], errors="coerce").notna().to_numpy()] = "day"
    given[(given == "") & dates.notna()] = "year"
    if "date_precision" in df.columns:
        stated = df["date_precision"].astype(str).str.strip().str.lower()
        given = given.where(~stated.isin(PRECISION_RANK) | (given == ""), stated)
    return given


def coarser(a: pd.Series, b: pd.Series) -> pd.Series:
    """The coarser of two precisions, element by element (``""`` when either is unknown)."""
    rank_a, rank_b = a.map(PRECISION_RANK), b.map(PRECISION_RANK)
    names = {v: k for k, v in PRECISION_RANK.items()}
    return pd.concat([rank_a, rank_b], axis=1).max(axis=1, skipna=False).map(names).fillna("")


def resolve_max_df(max_df, n_docs: int) -> int:
    """``max_df`` as a number of documents (a float below 1 is a share of them)."""
    if isinstance(max_df, float) and 0 < max_df < 1:
        return max(1, math.ceil(max_df * n_docs))
    if max_df is None:
        return n_docs
    if int(max_df) < 1:
        raise ValueError(f"text_reuse(): max_df must be a number of documents >= 1 or a share in (0, 1), not {max_df!r}")
    return int(max_df)


def allowed_pairs(targets: pd.DataFrame, sources: pd.DataFrame, on, within: bool) -> np.ndarray:
    """Targets × sources: True where the pair is to be compared."""
    allowed = targets["doc_id"].to_numpy()[:, None] != sources["doc_id"].to_numpy()[None, :]
    for col in ([on] if isinstance(on, str) else list(on or [])):
        for name, df in (("targets", targets), ("sources", sources)):
            if col not in df.columns:
                raise CorpusError(f"text_reuse(on={on!r}): {name} has no column {col!r}")
        allowed &= targets[col].astype(str).to_numpy()[:, None] == sources[col].astype(str).to_numpy()[None, :]
    if within:  # each pair once: the earlier document is the source (ties: corpus order)
        dates = document_dates(targets).to_numpy().astype("datetime64[s]").astype(np.int64)
        key = np.where(np.isnat(document_dates(targets).to_numpy()), np.iinfo(np.int64).max, dates)
        order = np.lexsort((np.arange(len(key)), key))
        rank = np.empty(len(key), dtype=np.int64)
        rank[order] = np.arange(len(key))
        allowed &= rank[None, :] < rank[:, None]
    return allowed


def passage_rows(t_doc: Shingled, s_doc: Shingled, t_text: str, s_text: str, found) -> list[tuple]:
    """Passages in clean-text coordinates, with their texts."""
    rows = []
    for t0, s0, t1, s1, sim in found:
        ts, te = int(t_doc.offsets[t0]), int(t_doc.offsets[t1 - 1]) + 1
        ss, se = int(s_doc.offsets[s0]), int(s_doc.offsets[s1 - 1]) + 1
        rows.append((t_doc.doc_id, s_doc.doc_id, ts, te, ss, se, t_text[ts:te], s_text[ss:se], t1 - t0, sim))
    return rows


def covered_han(doc: Shingled, spans) -> int:
    """Han characters of ``doc`` inside the union of normalized ``spans``."""
    mask = np.zeros(len(doc.norm), dtype=bool)
    for a, b in spans:
        mask[a:b] = True
    return int((mask & doc.is_han).sum())


def share_row(t_doc: Shingled, s_doc: Shingled, found) -> tuple:
    """n_passages, target_han, reused_han, share, source_han, source_reused_han, source_share."""
    t_han, s_han = int(t_doc.is_han.sum()), int(s_doc.is_han.sum())
    t_used = covered_han(t_doc, [(f[0], f[2]) for f in found])
    s_used = covered_han(s_doc, [(f[1], f[3]) for f in found])
    return (len(found), t_han, t_used, t_used / t_han if t_han else np.nan,
            s_han, s_used, s_used / s_han if s_han else np.nan)


def shingle_all(frames, n: int) -> dict[str, Shingled]:
    """Every document of ``frames`` shingled once, by doc_id."""
    docs: dict[str, Shingled] = {}
    for frame in frames:
        for d, text in zip(frame["doc_id"], frame["text"]):
            if d not in docs:
                docs[d] = shingle(d, text, n=n)
    return docs


def short_documents(docs: dict, n: int) -> list[dict]:
    """Problems: documents with fewer than ``n`` Han characters and digits (nothing to match)."""
    return [{"doc_id": d, "problem": f"fewer than {n} Han characters and digits",
             "action": "compared, but no passage can be found in it"}
            for d, doc in docs.items() if len(doc.norm) < n]


def shares_table(targets, sources, allowed, found_by_pair, docs, within: bool) -> pd.DataFrame:
    """One row per compared pair (with ``within``: per pair that shares a passage)."""
    t_dates, s_dates = document_dates(targets), document_dates(sources)
    t_prec, s_prec = document_precision(targets), document_precision(sources)
    rows, precision = [], []
    for i, j in zip(*np.nonzero(allowed)):
        found = found_by_pair.get((i, j), [])
        if within and not found:
            continue
        t_id, s_id = targets["doc_id"].iat[i], sources["doc_id"].iat[j]
        rows.append((t_id, s_id, t_dates.iat[i], s_dates.iat[j], *share_row(docs[t_id], docs[s_id], found)))
        precision.append((t_prec.iat[i], s_prec.iat[j]))
    cols = SHARE_COLUMNS[:4] + SHARE_COLUMNS[6:]
    out = pd.DataFrame(rows, columns=cols).astype({"target_date": "datetime64[s]", "source_date": "datetime64[s]"})
    lag = (out["target_date"] - out["source_date"]).dt.days
    out.insert(4, "lag_days", lag.astype("Int64"))
    t_p, s_p = (pd.Series([p[k] for p in precision], dtype=object) for k in (0, 1))
    out.insert(5, "lag_precision", coarser(t_p, s_p) if len(out) else pd.Series([], dtype=object))
    meta = [c for c in META_COLUMNS if c in targets.columns]
    if meta:
        out = out.merge(targets[["doc_id", *meta]].rename(columns={"doc_id": "target_id"}), on="target_id", how="left")
    return out


def text_reuse(sources: pd.DataFrame, targets: pd.DataFrame | None = None, *, on=None, n: int = 6,
               min_chars: int = 20, min_similarity: float = 0.7, max_df=100, background=None,
               min_shared: int = 2, gap: int = 30, max_shift: int = 10) -> ReuseResult:
    """Find the passages of each target document that reuse a source document, and how much they reuse.

    Texts are compared on their Han characters and digits (punctuation,
    spaces and markup dropped); spans are reported in the clean text. Seeds
    are shared character n-grams; an n-gram found in more than ``max_df``
    documents (``sources``, ``targets`` and ``background`` together) is
    boilerplate and never a seed, as in passim, though a passage may run
    through it. Seeds are extended while the texts agree and chained across
    small edits; a passage is kept when both of its texts have at least
    ``min_chars`` Han characters and digits and their similarity is at least
    ``min_similarity``.

    Args:
        sources: corpus DataFrame (``doc_id``, ``text``; ``date`` or ``year``
            for the lag) of the documents that may be copied.
        targets: documents that may copy them; ``None`` compares every pair
            of ``sources`` once, the earlier document as the source (which
            also finds near-duplicate documents).
        on: column(s) that must be equal for a pair to be compared, e.g.
            ``"year"`` for each province against the national report of its year.
        n: length of the character n-grams (seeds).
        min_chars: shortest passage reported, in Han characters and digits.
        min_similarity: lowest similarity (normalized Indel, 0–1) of a passage's two texts.
        max_df: documents an n-gram may occur in before it is boilerplate (a
            float below 1: a share of the documents).
        background: more documents counted for ``max_df`` only (e.g. the whole
            panel when ``targets`` is one year), so boilerplate does not depend
            on how many documents are compared.
        min_shared: distinct rare n-grams a pair must share to be aligned.
        gap: largest gap, in characters, bridged between two matching runs.
        max_shift: largest insertion or deletion bridged (difference of the two gaps).

    Returns:
        ``ReuseResult(passages, shares)``. ``passages``: one row per aligned
        passage: target_id, source_id, target_start, target_end,
        source_start, source_end (in the clean text, ends exclusive),
        target_text, source_text, chars (Han characters and digits of the
        target passage), similarity. ``shares``: one row per compared pair
        (with ``targets=None``, per pair sharing a passage): target_id,
        source_id, target_date, source_date, lag_days, lag_precision (the
        coarser precision of the two dates: ``day``, ``month`` or ``year``;
        a lag from a date known only to the year counts from 1 January and
        may be off by months), n_passages,
        target_han, reused_han, share (of the target's Han characters inside
        a passage), source_han, source_reused_han, source_share; plus the
        target's year, province and title when it has them.
        ``passages.attrs["problems"]`` lists documents too short to match.

    Example:
        >>> centre = pd.DataFrame({"doc_id": ["国"], "year": [2024],
        ...     "text": ["坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"]})
        >>> local = pd.DataFrame({"doc_id": ["甲", "乙"], "year": [2024, 2024],
        ...     "text": ["我们要完整准确全面贯彻新发展理念，加快构建新发展格局！", "发展农业。"]})
        >>> passages, shares = text_reuse(centre, local, on="year")
        >>> passages[["target_id", "target_text", "similarity"]].values.tolist()
        [['甲', '完整准确全面贯彻新发展理念，加快构建新发展格局', 1.0]]
        >>> shares[["target_id", "n_passages", "share"]].round(2).values.tolist()
        [['甲', 1, 0.88], ['乙', 0, 0.0]]
    """
    within = targets is None
    sources = check_documents(sources, "sources")
    targets = sources if within else check_documents(targets, "targets")
    frames = [targets, sources] + ([check_documents(background, "background")] if background is not None else [])
    docs = shingle_all(frames, n)
    distinct = {d: unique_hashes(doc.sorted_hashes) for d, doc in docs.items()}
    boiler, counts = rare_index(list(distinct.values()), [distinct[d] for d in targets["doc_id"]],
                                [distinct[d] for d in sources["doc_id"]], max_df=resolve_max_df(max_df, len(docs)))
    allowed = allowed_pairs(targets, sources, on, within)
    del distinct
    rows, found_by_pair = [], {}
    for i, j, k in zip(counts.row, counts.col, counts.data):
        if k < min_shared or not allowed[i, j]:
            continue
        t_doc, s_doc = docs[targets["doc_id"].iat[i]], docs[sources["doc_id"].iat[j]]
        found = align(t_doc.norm, s_doc.norm, seeds(t_doc, s_doc, boiler), n=n, gap=gap,
                      max_shift=max_shift, min_chars=min_chars, min_similarity=min_similarity)
        found_by_pair[(i, j)] = found
        rows += passage_rows(t_doc, s_doc, targets["text"].iat[i], sources["text"].iat[j], found)
    passages = pd.DataFrame(rows, columns=PASSAGE_COLUMNS).sort_values(
        ["target_id", "source_id", "target_start"], kind="stable").reset_index(drop=True)
    passages.attrs["problems"] = short_documents(docs, n)
    return ReuseResult(passages, shares_table(targets, sources, allowed, found_by_pair, docs, within))
