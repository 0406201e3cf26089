"""Research recipes: the political calendar, first use, adoption lag, diffusion,
echo of the centre, segmentation audit and discourse temperature.

Every function returns a tidy DataFrame and counts formulations the way
:func:`helpers.textstat.count_slogans` does: non-overlapping substring matches
of a lexicon term or any of its variants in the clean text (plain strings that
are not in the lexicon are counted as they are).

Dates: a document's date is taken from ``date`` (with ``date_precision``) or,
without it, from ``year``. A lexicon's ``first_official_use`` may be ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``. A document counts as *before* a first use only
when it is certainly earlier: its latest possible date (end of its year or
month when the date is imprecise) falls before the first day of the first-use
period.

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["甲", "乙", "甲"],
    ...                        "year": [2019, 2021, 2022], "text": ["两个确立", "无", "两个确立"]})
    >>> first_use(corpus, ["两个确立"], by="province", lexicon=[])[["province", "first_doc"]].values.tolist()
    [['甲', 'a'], ['乙', '']]
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from .dates import CALENDAR_CSV, before_first_use, document_periods, first_use_dates, load_calendar, parse_date
from .lexicon import as_lexicon
from .segment import lexicon_pattern, stock_jieba
from .textstat import corpus_texts, count_matrix, forms_of_terms, similarity, slogan_trends

__all__ = [
    "CALENDAR_CSV", "TEMPERATURE_TIERS", "load_calendar", "parse_date", "first_use_dates",
    "before_first_use", "first_use", "adoption_lag", "diffusion", "echo", "echo_matrix",
    "segmentation_audit", "temperature",
]

#: China Media Project's discourse-temperature tiers (沸 boiling … 冷 cold) as
#: (name, minimum documents using the term, minimum share of documents). Only
#: the two top cut-offs are published (Qian Gang / CMP, for People's Daily
#: articles per year): 沸 ≥ 2,000 articles and share ≥ 0.0518, 烫 ≥ 500 and
#: ≥ 0.0129. The lower four are unknown in the literature: they are
#: *user-defined* and ``None`` here, so no term is put in them unless you set
#: them (``temperature(..., tiers={"热": (100, 0.003)})``).
TEMPERATURE_TIERS: tuple[tuple[str, int | None, float | None], ...] = (
    ("沸", 2000, 0.0518),
    ("烫", 500, 0.0129),
    ("热", None, None),
    ("暖", None, None),
    ("温", None, None),
    ("冷", None, None),
)


# --------------------------------------------------------------------------
# dates and the calendar


# --------------------------------------------------------------------------
# first use, lag, diffusion


def _counts(corpus, terms, lexicon):
    lex = as_lexicon(lexicon)
    tf = forms_of_terms(lex, terms)
    return [t for t, _, _ in tf], count_matrix(corpus_texts(corpus), tf), lex


def _group_keys(corpus: pd.DataFrame, by) -> pd.Series:
    if by is None or by == "doc_id":
        return corpus["doc_id"].astype(str).reset_index(drop=True)
    return corpus[by].astype(str).reset_index(drop=True)


def first_use(corpus: pd.DataFrame, terms, *, by=None, lexicon=None) -> pd.DataFrame:
    """Find the first document using each term, overall or per group (province, city…).

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ``date`` or ``year``.
        terms: a term or list of terms (lexicon terms count with their variants).
        by: a grouping column (e.g. ``"province"``); ``None`` = the whole corpus.
        lexicon: anything ``load_lexicon`` accepts (``None`` = bundled).

    Returns:
        One row per group × term (groups that never use a term included, with
        ``used`` False): the ``by`` column, term, used, first_doc, first_date,
        first_year, n_docs_with_term, n_docs (documents in the group),
        first_official_use (lexicon date, start of period, or NaT). Ties on the
        first date go to corpus order.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["x", "y"], "year": [1998, 1993],
        ...                        "text": ["邓小平理论", "社会主义市场经济和邓小平理论"]})
        >>> first_use(corpus, ["邓小平理论"], lexicon=[])[["first_doc", "first_year"]].values.tolist()
        [['y', 1993]]
    """
    terms_l, counts, lex = _counts(corpus, terms, lexicon)
    early, _ = document_periods(corpus)
    years = (pd.to_numeric(corpus["year"], errors="coerce").to_numpy() if "year" in corpus.columns
             else pd.DatetimeIndex(early).year.to_numpy(dtype=float))
    ids = corpus["doc_id"].astype(str).to_numpy()
    groups = _group_keys(corpus, by) if by is not None else pd.Series(["全部"] * len(corpus))
    official = first_use_dates(terms_l, lex)
    order_key = np.where(np.isnat(early), np.datetime64("2262-01-01"), early)
    rows = []
    for g in pd.unique(groups):  # groups in order of first appearance
        idx = np.flatnonzero(groups.to_numpy() == g)
        idx = idx[np.lexsort((idx, order_key[idx]))]  # oldest first, then corpus order
        for j, t in enumerate(terms_l):
            hits = idx[counts[idx, j] > 0]
            first = hits[0] if len(hits) else None
            rows.append({
                "group": g, "term": t, "used": first is not None,
                "first_doc": ids[first] if first is not None else "",
                "first_date": early[first] if first is not None else np.datetime64("NaT"),
                "first_year": years[first] if first is not None else np.nan,
                "n_docs_with_term": len(hits), "n_docs": len(idx),
                "first_official_use": official[t],
            })
    cols = ["group", "term", "used", "first_doc", "first_date", "first_year", "n_docs_with_term",
            "n_docs", "first_official_use"]
    out = pd.DataFrame(rows, columns=cols)
    out["first_date"] = pd.to_datetime(out["first_date"])
    out["first_official_use"] = pd.to_datetime(out["first_official_use"])
    out["first_year"] = pd.array(out["first_year"].astype(float).round(), dtype="Int64")
    if by is None:
        return out.drop(columns="group")
    return out.rename(columns={"group": by})


def _reference_dates(reference, terms, corpus, lexicon) -> dict:
    if isinstance(reference, str) and reference == "first_official_use":
        return first_use_dates(terms, lexicon)
    if isinstance(reference, dict):
        return {t: (parse_date(reference.get(t))[0] if parse_date(reference.get(t)) else None) for t in terms}
    if isinstance(reference, str) and reference in set(corpus["doc_id"].astype(str)):
        early, _ = document_periods(corpus)
        d = early[np.flatnonzero(corpus["doc_id"].astype(str).to_numpy() == reference)[0]]
        return dict.fromkeys(terms, pd.Timestamp(d))
    parsed = parse_date(reference)
    if parsed is None:
        raise ValueError(
            f"reference must be 'first_official_use', a date (YYYY, YYYY-MM, YYYY-MM-DD), a "
            f"doc_id of the corpus or a dict term -> date, not {reference!r}")
    return dict.fromkeys(terms, parsed[0])


def adoption_lag(corpus: pd.DataFrame, terms, *, reference="first_official_use", by="province",
                 lexicon=None) -> pd.DataFrame:
    """Measure how long after a reference date each group first used each term.

    Args:
        corpus: DataFrame with ``doc_id``, ``text``, ``date``/``year`` and ``by``.
        terms: term or list of terms.
        reference: ``"first_official_use"`` (the lexicon's date), a date
            (``"2021-11-11"``), a doc_id of the corpus (e.g. the national report
            that launched the term) or a dict term → date.
        by: grouping column (``None`` = each document on its own).
        lexicon: see :func:`first_use`.

    Returns:
        One row per group × term that used the term: the ``by`` column, term,
        first_doc, first_date, reference_date, lag_days, lag_years
        (days / 365.25). A negative lag means the group used the string
        before the reference (an earlier meaning, or a local origin).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "province": ["甲", "乙"],
        ...     "date": pd.to_datetime(["2022-01-01", "2023-01-01"]), "text": ["两个确立", "两个确立"]})
        >>> adoption_lag(corpus, "两个确立", reference="2021-11-11", lexicon=[])["lag_days"].tolist()
        [51, 416]
    """
    by_col = by if by is not None else "doc_id"
    fu = first_use(corpus, terms, by=by_col, lexicon=lexicon)
    fu = fu[fu["used"]].copy()
    ref = _reference_dates(reference, list(dict.fromkeys(fu["term"])), corpus, lexicon)
    fu["reference_date"] = pd.to_datetime(fu["term"].map(ref))
    lag = fu["first_date"] - fu["reference_date"]
    fu["lag_days"] = pd.array(lag.dt.days, dtype="Int64")
    fu["lag_years"] = lag.dt.days / 365.25
    cols = [by_col, "term", "first_doc", "first_date", "reference_date", "lag_days", "lag_years"]
    return fu[cols].reset_index(drop=True)


def diffusion(corpus: pd.DataFrame, terms, *, by="province", lexicon=None) -> pd.DataFrame:
    """Trace the cumulative share of groups (or documents) that have used each term by each date.

    Args:
        corpus: DataFrame with ``doc_id``, ``text``, ``date``/``year`` and ``by``.
        terms: term or list of terms.
        by: grouping column (``"province"``, ``"city"``…); ``None`` or
            ``"doc_id"`` counts documents.
        lexicon: see :func:`first_use`.

    Returns:
        One row per term and date on which at least one group first used it
        (an S-curve as steps): term, date, year, new_groups (names joined by
        ``、``), n_new, n_adopted (cumulative), n_groups (all groups in the
        corpus), share (n_adopted / n_groups).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "province": ["甲", "乙", "丙", "丁"],
        ...     "year": [2020, 2021, 2021, 2022], "text": ["新词", "新词", "", "新词"]})
        >>> diffusion(corpus, "新词", lexicon=[])[["year", "n_adopted", "share"]].values.tolist()
        [[2020, 1, 0.25], [2021, 2, 0.5], [2022, 3, 0.75]]
    """
    by_col = by if by not in (None, "doc_id") else "doc_id"
    fu = first_use(corpus, terms, by=by_col, lexicon=lexicon)
    cols = ["term", "date", "year", "new_groups", "n_new", "n_adopted", "n_groups", "share"]
    rows = []
    for t, g in fu.groupby("term", sort=False):
        n_groups = len(g)
        used = g[g["used"]].sort_values(["first_date", by_col])
        total = 0
        for (d, y), step in used.groupby(["first_date", "first_year"], sort=True):
            total += len(step)
            rows.append((t, d, y, "、".join(step[by_col].astype(str)), len(step), total, n_groups,
                         total / n_groups))
    out = pd.DataFrame(rows, columns=cols)
    out["year"] = pd.array(out["year"], dtype="Int64")
    return out


# --------------------------------------------------------------------------
# echo of the centre


def echo(corpus: pd.DataFrame, reference, *, lexicon=None, stopwords=True, engine: str = "auto",
         docs=None) -> pd.DataFrame:
    """Measure how much each document repeats a reference document (e.g. the national report).

    Formulations are the lexicon terms found in the reference (substring
    counts); similarity is the tf-idf cosine of token counts
    (:func:`helpers.textstat.similarity`), with idf computed over the corpus
    plus the reference, so common words weigh little.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text`` (local documents; the
            reference may be one of them and is then left out of the result).
        reference: a doc_id of ``corpus`` or a text.
        lexicon: formulations to look for (``None`` = bundled lexicon).
        stopwords, engine: as in :func:`helpers.textstat.similarity`.
        docs: doc_ids to report (default: every document but the reference).

    Returns:
        One row per document: doc_id, n_reference_terms (formulations in the
        reference), n_repeated, share_repeated, repeated (the repeated
        formulations joined by ``、``, most frequent in the reference first),
        similarity; plus year, province and title when the corpus has them.
        Sorted by similarity, highest first.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["央", "甲", "乙"],
        ...     "text": ["坚持两个确立，发展全过程人民民主。", "坚持两个确立。", "发展经济。"]})
        >>> out = echo(corpus, "央", lexicon=["两个确立", "全过程人民民主"], stopwords=False)
        >>> out[["doc_id", "n_repeated", "share_repeated"]].values.tolist()
        [['甲', 1, 0.5], ['乙', 0, 0.0]]
    """
    lex = as_lexicon(lexicon)
    ids = corpus["doc_id"].astype(str).tolist()
    if isinstance(reference, str) and reference in ids:
        ref_id = reference
        full = corpus[["doc_id", "text"]].astype({"doc_id": str})
    else:
        ref_id = "__reference__"
        full = pd.concat([corpus[["doc_id", "text"]].astype({"doc_id": str}),
                          pd.DataFrame({"doc_id": [ref_id], "text": [str(reference)]})],
                         ignore_index=True)
    tf = forms_of_terms(lex)
    counts = count_matrix(corpus_texts(full), tf)
    ref_row = full["doc_id"].tolist().index(ref_id)
    ref_counts = counts[ref_row]
    ref_terms = np.flatnonzero(ref_counts > 0)
    ref_terms = ref_terms[np.argsort(-ref_counts[ref_terms], kind="stable")]
    names = [t for t, _, _ in tf]
    sim = similarity(full, wide=True, lexicon=lex, stopwords=stopwords, engine=engine)
    wanted = [d for d in (docs if docs is not None else ids) if d != ref_id]
    rows = []
    for d in wanted:
        i = full["doc_id"].tolist().index(d)
        rep = [names[j] for j in ref_terms if counts[i, j] > 0]
        n_ref = len(ref_terms)
        rows.append((d, n_ref, len(rep), len(rep) / n_ref if n_ref else np.nan, "、".join(rep),
                     float(sim.loc[d, ref_id])))
    out = pd.DataFrame(rows, columns=["doc_id", "n_reference_terms", "n_repeated", "share_repeated",
                                      "repeated", "similarity"])
    meta = [c for c in ("year", "province", "title") if c in corpus.columns]
    if meta:
        out = out.merge(corpus[["doc_id", *meta]].astype({"doc_id": str}), on="doc_id", how="left")
    return out.sort_values("similarity", ascending=False, kind="stable").reset_index(drop=True)


def echo_matrix(corpus: pd.DataFrame, *, by="province", lexicon=None, stopwords=True,
                engine: str = "auto") -> pd.DataFrame:
    """Average tf-idf cosine similarity between the documents of every pair of groups.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ``by``.
        by: grouping column (``"province"``, ``"city"``, ``"level"``…).
        lexicon, stopwords, engine: as in :func:`helpers.textstat.similarity`.

    Returns:
        Square DataFrame (groups as index and columns): the mean similarity of
        all document pairs across two groups; the diagonal is the mean over
        pairs of different documents of one group (NaN for a group with one
        document).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": list("abc"), "province": ["甲", "甲", "乙"],
        ...                        "text": ["改革发展", "改革发展", "安全稳定"]})
        >>> echo_matrix(corpus, lexicon=[], stopwords=False).round(2).values.tolist()
        [[1.0, 0.0], [0.0, nan]]
    """
    sim = similarity(corpus, wide=True, lexicon=lexicon, stopwords=stopwords, engine=engine)
    groups = corpus[by].astype(str).to_numpy()
    names = list(dict.fromkeys(groups))
    s = sim.to_numpy(dtype=float)
    out = pd.DataFrame(np.nan, index=names, columns=names)
    for a in names:
        ia = np.flatnonzero(groups == a)
        for b in names:
            ib = np.flatnonzero(groups == b)
            block = s[np.ix_(ia, ib)]
            if a == b:
                mask = ~np.eye(len(ia), dtype=bool)
                vals = block[mask]
            else:
                vals = block.ravel()
            vals = vals[~np.isnan(vals)]
            out.loc[a, b] = vals.mean() if len(vals) else np.nan
    out.index.name = by
    out.columns.name = by
    return out


# --------------------------------------------------------------------------
# segmentation audit

_SENTENCE = re.compile(r"[^。！？；\n]+")


def segmentation_audit(corpus: pd.DataFrame, terms=None, *, lexicon=None, top: int = 3) -> pd.DataFrame:
    """Show how plain jieba and tifa segment every occurrence of each tracked term.

    Plain jieba is a fresh ``jieba.Tokenizer()`` with its stock dictionary
    (never the global instance, never tifa's lexicon), run on the sentence that
    holds each occurrence (jieba segments each run of Han characters on its
    own, so this equals segmenting the whole text). tifa keeps every lexicon
    term whole unless it sits inside a longer lexicon term (then the longer one
    is the token).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        terms: terms to audit (default: every lexicon term that occurs).
        lexicon: tifa's lexicon (``None`` = bundled); terms are counted with
            their variants.
        top: how many different jieba segmentations to list per term.

    Returns:
        One row per term that occurs: term, occurrences (substring matches),
        jieba_whole (occurrences plain jieba returns as exactly one token),
        split_by_jieba (a token boundary inside the term: 两个/确立),
        merged_by_jieba (a token runs past the term's edge, e.g. 改革开放是 as
        one token; marked ``+`` in the segmentation), miscounted_without_lexicon
        (occurrences − jieba_whole: what a token count would miss),
        tifa_whole (occurrences tifa returns as one token), jieba_segmentations
        (the ``top`` most frequent, e.g. ``两个/确立 (5); 两个确立 (1)``).
        Sorted by miscounted_without_lexicon, then occurrences.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立，做到两个维护。"]})
        >>> audit = segmentation_audit(corpus, ["两个确立"], lexicon=["两个确立"])
        >>> audit.loc[0, ["occurrences", "split_by_jieba", "tifa_whole"]].tolist()
        [1, 1, 1]
        >>> audit.loc[0, "jieba_segmentations"]
        '两个/确立 (1)'
    """
    from .segment import stock_jieba, lexicon_pattern
    lex = as_lexicon(lexicon)
    if isinstance(terms, str):
        terms = [terms]
    tf = forms_of_terms(lex, terms)
    # terms audited but missing from the lexicon are still whole in tifa's eyes
    # only if the lexicon has them; tifa's token spans come from its pattern
    pattern = lexicon_pattern(lex)
    stock = stock_jieba()
    texts = corpus_texts(corpus)
    tifa_spans = [{(m.start(), m.end()) for m in pattern.finditer(t) if m.lastgroup == "term"}
                  for t in texts]
    cut_cache: dict[str, list[tuple[int, int]]] = {}

    def token_bounds(sentence: str) -> list[tuple[int, int]]:
        if sentence not in cut_cache:
            out, pos = [], 0
            for tok in stock.cut(sentence):
                out.append((pos, pos + len(tok)))
                pos += len(tok)
            cut_cache[sentence] = out
        return cut_cache[sentence]

    rows = []
    for term, _, forms in tf:
        forms = sorted(dict.fromkeys(f for f in forms if f), key=len, reverse=True)
        rx = re.compile("|".join(map(re.escape, forms)))
        occ = jieba_whole = split = merged = tifa_whole = 0
        shapes: Counter = Counter()
        for k, text in enumerate(texts):
            for m in rx.finditer(text):
                s, e = m.span()
                occ += 1
                tifa_whole += (s, e) in tifa_spans[k]
                # the sentence around the occurrence (terms with 、 span several runs)
                a = max(text.rfind(ch, 0, s) for ch in "。！？；\n") + 1
                b = min([x for x in (text.find(ch, e) for ch in "。！？；\n") if x != -1] or [len(text)])
                sent = text[a:b]
                ls, le = s - a, e - a
                pieces, over = [], False
                for ts, te in token_bounds(sent):
                    if te <= ls or ts >= le:
                        continue
                    pieces.append(sent[max(ts, ls):min(te, le)])
                    over = over or ts < ls or te > le
                shape = "/".join(pieces)
                if pieces and (len(pieces) > 1):
                    split += 1
                if over:
                    merged += 1
                    shape = ("+" if any(ts < ls < te for ts, te in token_bounds(sent)) else "") + shape
                    shape += "+" if any(ts < le < te for ts, te in token_bounds(sent)) else ""
                if len(pieces) == 1 and not over:
                    jieba_whole += 1
                shapes[shape] += 1
        if occ == 0 and terms is None:
            continue
        rows.append({
            "term": term, "occurrences": occ, "jieba_whole": jieba_whole,
            "split_by_jieba": split, "merged_by_jieba": merged,
            "miscounted_without_lexicon": occ - jieba_whole, "tifa_whole": tifa_whole,
            "jieba_segmentations": "; ".join(f"{s} ({n})" for s, n in shapes.most_common(top)),
        })
    cols = ["term", "occurrences", "jieba_whole", "split_by_jieba", "merged_by_jieba",
            "miscounted_without_lexicon", "tifa_whole", "jieba_segmentations"]
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values(["miscounted_without_lexicon", "occurrences"], ascending=False,
                              kind="stable")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------
# discourse temperature


def _tier_table(tiers) -> list[tuple[str, int | None, float | None]]:
    table = list(TEMPERATURE_TIERS)
    if tiers is None:
        return table
    if isinstance(tiers, dict):
        names = [n for n, _, _ in table]
        for name, (min_docs, min_share) in tiers.items():
            if name in names:
                table[names.index(name)] = (name, min_docs, min_share)
            else:
                table.append((name, min_docs, min_share))
        return table
    return [tuple(t) for t in tiers]


def temperature(corpus_or_counts: pd.DataFrame, terms=None, *, by="year", tiers=None,
                lexicon=None) -> pd.DataFrame:
    """Put each term in a CMP-style discourse-temperature tier per period.

    The unit is the document: how many documents of the period use the term
    (``docs_with_term``) and their share of all documents (``share_docs``). A
    term is in the first tier whose two minimums it meets. Defaults
    (:data:`TEMPERATURE_TIERS`): 沸 ≥ 2,000 documents and share ≥ 0.0518, 烫 ≥ 500
    and ≥ 0.0129 — the published cut-offs of the China Media Project for
    *People's Daily articles per year*; they suit article corpora, not a
    corpus of one work report a year. The lower tiers 热, 暖, 温, 冷 have no
    published cut-offs: they are user-defined (``None`` by default) and a term
    that meets no tier gets an empty tier.

    Args:
        corpus_or_counts: a corpus (``doc_id``, ``text``, ``by``) or a table
            with ``by``, term, docs_with_term, n_docs (``slogan_trends``
            output).
        terms: terms (for a corpus; default every lexicon term).
        by: period column.
        tiers: dict name → (min_docs, min_share) to set or override tiers,
            e.g. ``{"热": (100, 0.003)}``; or a full list of (name, min_docs,
            min_share) in order, hottest first.
        lexicon: see :func:`first_use`.

    Returns:
        ``by``, term, docs_with_term, n_docs, share_docs, tier, move (``↑``,
        ``↓``, ``=`` or empty, against the term's previous period).

    Example:
        >>> counts = pd.DataFrame({"year": [2021, 2022], "term": ["共同富裕"] * 2,
        ...                        "docs_with_term": [400, 2500], "n_docs": [30000, 30000]})
        >>> temperature(counts)[["year", "tier", "move"]].values.tolist()
        [[2021, '', ''], [2022, '沸', '↑']]
    """
    df = corpus_or_counts
    if "text" in df.columns:
        df = slogan_trends(df, terms, lexicon=lexicon, by=by)
    by_cols = [by] if isinstance(by, str) else list(by)
    need = [*by_cols, "term", "docs_with_term", "n_docs"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(f"temperature() needs the columns {need}; missing {missing}. "
                         "Pass a corpus or the output of slogan_trends().")
    out = df[need].copy()
    if terms is not None and "text" not in corpus_or_counts.columns:
        out = out[out["term"].isin([terms] if isinstance(terms, str) else terms)]
    out["share_docs"] = out["docs_with_term"] / out["n_docs"].where(out["n_docs"] > 0)
    table = _tier_table(tiers)
    rank = {name: i for i, (name, _, _) in enumerate(table)}

    def tier(row) -> str:
        for name, min_docs, min_share in table:
            if min_docs is None and min_share is None:
                continue
            if (min_docs is None or row.docs_with_term >= min_docs) and \
               (min_share is None or row.share_docs >= min_share):
                return name
        return ""

    out["tier"] = [tier(r) for r in out.itertuples()]
    out = out.sort_values(["term", *by_cols], kind="stable")
    level = out["tier"].map(lambda t: rank.get(t, len(table)))
    prev = level.groupby(out["term"]).shift()
    out["move"] = np.select([prev.isna(), level < prev, level > prev], ["", "↑", "↓"], default="=")
    return out.reset_index(drop=True)
