"""Analyses that return tidy DataFrames: counts, trends, keyness, concordances.

Two kinds of counting, and every function says which one it uses:

* **Substring counts** (:func:`count_slogans`, :func:`slogan_trends`,
  :func:`formulation_table`, :func:`dispersion`, :func:`kwic`): occurrences of a
  lexicon term *or any of its variants* in the clean text, non-overlapping, as
  ``str.count`` does. Each term is counted on its own, so 中国特色社会主义 is
  also counted inside 习近平新时代中国特色社会主义思想. When a term's variants do
  not contain one another (the usual case) the count is exactly
  ``text.count(term) + sum(text.count(v) for v in variants)``; when one form
  contains another (中国梦 / 中华民族伟大复兴的中国梦) a stretch of text is counted
  once, the longest form winning.
* **Token counts** (:func:`term_frequencies`, :func:`keyness`,
  :func:`collocations`, :func:`document_term_matrix`, :func:`similarity`): tokens
  from :func:`helpers.segment.tokenize`, with punctuation, pure numbers and
  stopwords removed and lexicon terms always kept.

Rates are per 10,000 **Han characters** of clean text (``rate_per_10k``), the
unit used in the literature on work reports; ``n_chars`` is that denominator.

The submodules, bottom layer first (each imports only those above it):
``match`` (the counting kernel), ``slogans`` (substring counts per document,
group and year), ``words`` (the word filter, the word-counting options, token
counts, :func:`term_frequencies`), ``keyness``, ``context`` (:func:`kwic`,
:func:`dispersion`, :func:`collocations`), ``matrix``
(:func:`document_term_matrix`, :func:`similarity`), ``candidates`` and
``formulations`` (:func:`find_formulations`).

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [2021, 2022],
    ...                        "text": ["坚持两个确立。", "两个确立，两个确立！"]})
    >>> count_slogans(corpus, ["两个确立"])[["doc_id", "term", "count"]].to_dict("records")
    [{'doc_id': 'a', 'term': '两个确立', 'count': 1}, {'doc_id': 'b', 'term': '两个确立', 'count': 2}]
"""

from __future__ import annotations

# besides the public analyses (__all__), keyness' 2×2 statistics (signed_g2,
# signed_chi2); the counting kernel that other stages use (forms_of_terms,
# count_matrix, ...) is imported from helpers.textstat.match, where it lives
from .context import collocations, dispersion, kwic
from .formulations import find_formulations
from .keyness import keyness, signed_chi2, signed_g2
from .matrix import DocumentTermMatrix, document_term_matrix, similarity
from .slogans import count_slogans, formulation_table, slogan_trends
from .words import term_frequencies

__all__ = [
    "count_slogans",
    "term_frequencies",
    "slogan_trends",
    "keyness",
    "kwic",
    "collocations",
    "dispersion",
    "document_term_matrix",
    "DocumentTermMatrix",
    "similarity",
    "find_formulations",
    "formulation_table",
]
