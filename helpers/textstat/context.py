"""Terms in context: concordance lines (kwic), positions (dispersion), bigrams (collocations).

:func:`kwic` and :func:`dispersion` find substring matches of a term or its
variants in the clean text; :func:`collocations` scores adjacent words of the
token stream.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import paths
from ..lexicon import as_lexicon
from ..segment.patterns import trie_regex
from .keyness import signed_g2
from .match import corpus_texts, doc_ids, forms_of_terms
from .words import WordOptions

#: what a run of line breaks becomes in a concordance line (:func:`kwic`)
LINE_BREAK_MARK = "⏎"
LINE_BREAKS = re.compile(r"[ \t\u3000]*(?:\r\n|[\n\r\u2028\u2029])(?:[ \t\u3000]*(?:\r\n|[\n\r\u2028\u2029]))*[ \t\u3000]*")


def kwic(
    corpus: pd.DataFrame,
    pattern,
    *,
    window: int = 20,
    regex: bool = False,
    lexicon=None,
    linebreaks: str | None = LINE_BREAK_MARK,
) -> pd.DataFrame:
    """Show every occurrence of a pattern in context (keyword in context).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        pattern: a string or list of strings; with ``regex=True`` a regular
            expression (a list is joined with ``|``).
        window: characters of context on each side.
        regex: treat ``pattern`` as a regular expression.
        lexicon: a pattern that is a lexicon term also matches its variants
            (``None`` = bundled lexicon when it exists; ``[]`` = none).
        linebreaks: what a run of line breaks in a concordance line becomes
            (default ``⏎``, so that a paragraph break reads as one mark, not
            as a literal ``\\n\\n`` in a table); ``None`` keeps them. The
            window is counted in characters of ``text`` either way, and
            ``position`` always points into ``text``.

    Returns:
        DataFrame with doc_id, position (character offset of the match in
        ``text``), left, keyword, right, and ``year`` and ``title`` when the
        corpus has them. Matches are non-overlapping, longest pattern first.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["我们要坚持两个确立，\\n\\n做到两个维护。"]})
        >>> kwic(corpus, "两个确立", window=5, lexicon=[]).loc[0, ["left", "keyword", "right"]].tolist()
        ['我们要坚持', '两个确立', '，⏎做到']
    """
    meta_cols = [c for c in ("year", "title") if c in corpus.columns]
    cols = ["doc_id", "position", "left", "keyword", "right", *meta_cols]
    if regex:
        rx = re.compile(pattern if isinstance(pattern, str) else "|".join(pattern))
    else:
        patterns = [pattern] if isinstance(pattern, str) else list(pattern)
        if lexicon is None and not paths.LEXICON_CSV.exists():
            lexicon = []
        lex = as_lexicon(lexicon)
        forms = [f for _, _, fs in forms_of_terms(lex, patterns) for f in fs]
        forms = [f for f in forms if f]
        if not forms:
            return pd.DataFrame(columns=cols)
        rx = re.compile(trie_regex(forms))
    rows = []
    meta = corpus[meta_cols].to_dict("records") if meta_cols else [{}] * len(corpus)
    for doc_id, text, m in zip(doc_ids(corpus), corpus_texts(corpus), meta):
        for hit in rx.finditer(text):
            s, e = hit.span()
            if s == e:
                continue
            left, keyword, right = (mark_line_breaks(part, linebreaks)
                                    for part in (text[max(0, s - window):s], hit.group(), text[e:e + window]))
            rows.append((doc_id, s, left, keyword, right, *[m[c] for c in meta_cols]))
    return pd.DataFrame(rows, columns=cols)


def mark_line_breaks(text: str, mark: str | None = LINE_BREAK_MARK) -> str:
    """Replace each run of line breaks (and the spaces around it) by ``mark``; ``None`` keeps the text.

    Example:
        >>> mark_line_breaks("五年来。\\n\\n  今后")
        '五年来。⏎今后'
    """
    return text if mark is None else LINE_BREAKS.sub(mark, text)


def dispersion(corpus: pd.DataFrame, terms, *, lexicon=None) -> pd.DataFrame:
    """Locate every occurrence of terms through each document (lexical dispersion).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        terms: a term or list of terms; lexicon terms include their variants.
        lexicon: ``None`` = bundled lexicon when it exists; ``[]`` = none.

    Returns:
        DataFrame with doc_id, term, position (character offset), and
        relative_position (position / length of the text, from 0 to 1), one
        row per occurrence; the input to a dispersion ("x-ray") plot.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["改革。。。。。。。。改革"]})
        >>> dispersion(corpus, "改革", lexicon=[])[["position", "relative_position"]].values.tolist()
        [[0.0, 0.0], [10.0, 0.8333333333333334]]
    """
    if lexicon is None and not paths.LEXICON_CSV.exists():
        lexicon = []
    lex = as_lexicon(lexicon)
    rows = []
    term_forms = forms_of_terms(lex, terms)
    for term, _, forms in term_forms:
        rx = re.compile(trie_regex(forms))
        for doc_id, text in zip(doc_ids(corpus), corpus_texts(corpus)):
            for hit in rx.finditer(text):
                rows.append((doc_id, term, hit.start(), hit.start() / len(text)))
    out = pd.DataFrame(rows, columns=["doc_id", "term", "position", "relative_position"])
    return out.astype({"position": "int64", "relative_position": "float64"})


def collocations(
    corpus: pd.DataFrame,
    *,
    min_count: int = 5,
    top: int | None = None,
    stopwords=True,
    lexicon=None,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Score pairs of adjacent words (bigram collocations).

    A bigram is two tokens next to each other in the token stream, both words
    (not punctuation, numbers or stopwords): a removed token breaks adjacency,
    as quanteda's ``padding = TRUE``.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        min_count: keep bigrams seen at least this often.
        top: keep the ``top`` bigrams by G2.
        stopwords, lexicon, engine: as in :func:`term_frequencies`.
        n_jobs, progress, cache: as in :func:`term_frequencies`.

    Returns:
        DataFrame with w1, w2, collocation (w1 + w2), count, pmi (log2 of
        observed / expected under independence of the first and second
        position), G2 (signed log-likelihood of the 2×2 bigram table, no
        correction); sorted by G2 descending.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持人民代表大会制度，完善人民代表大会制度。"]})
        >>> collocations(corpus, min_count=2, lexicon=[], stopwords=False)[["collocation", "count"]].values.tolist()
        [['人民代表大会制度', 2]]
    """
    cols = ["w1", "w2", "collocation", "count", "pmi", "G2"]
    options = WordOptions.of(lexicon, stopwords, engine, n_jobs, progress, cache)
    toks = options.tokens(corpus)
    if len(toks) == 0:
        return pd.DataFrame(columns=cols)
    keep = options.keep()
    ok = toks["token"].map({t: keep(t) for t in pd.unique(toks["token"])}).to_numpy(dtype=bool)
    same_doc = toks["doc_id"].to_numpy()[1:] == toks["doc_id"].to_numpy()[:-1]
    pair = same_doc & ok[1:] & ok[:-1]
    w = toks["token"].to_numpy()
    bigrams = pd.DataFrame({"w1": w[:-1][pair], "w2": w[1:][pair]})
    if len(bigrams) == 0:
        return pd.DataFrame(columns=cols)
    counts = bigrams.value_counts().rename("count").reset_index()
    N = float(len(bigrams))
    n1 = bigrams["w1"].value_counts()
    n2 = bigrams["w2"].value_counts()
    a = counts["count"].to_numpy(dtype=float)
    r1 = counts["w1"].map(n1).to_numpy(dtype=float)
    c1 = counts["w2"].map(n2).to_numpy(dtype=float)
    counts["pmi"] = np.log2(a * N / (r1 * c1))
    # 2×2: rows = first word is w1 or not; "target" = first word is w1
    counts["G2"] = signed_g2(a, c1 - a, r1, N - r1, correction="none")
    counts["collocation"] = counts["w1"] + counts["w2"]
    counts = counts[counts["count"] >= min_count]
    counts = counts.sort_values(["G2", "count", "collocation"], ascending=[False, False, True])
    if top is not None:
        counts = counts.head(top)
    return counts[cols].astype({"count": "int64"}).reset_index(drop=True)
