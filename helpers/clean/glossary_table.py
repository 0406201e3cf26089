"""The glossaries of a corpus as a table: the reports' own dated definitions of their formulations.

:func:`glossary` cleans each raw text up to the glossary step, splits off
the glossary (:func:`~helpers.clean.glossary.split_glossary`) and lists its
definitions (:func:`~helpers.clean.glossary.glossary_entries`).
"""

from __future__ import annotations

import pandas as pd

from ..errors import CorpusError
from .diagnose import corpus_documents
from .glossary import glossary_entries, split_glossary
from .markdown import markdown_flags
from .punctuation import normalize_punctuation
from .steps import DEFAULT_STEPS, clean_text
from .whitespace import normalize_whitespace

__all__ = ["glossary", "GLOSSARY_METADATA"]

#: the corpus columns :func:`glossary` adds to each definition (those the corpus has)
GLOSSARY_METADATA = ("date", "year", "province", "city", "level", "speaker", "title", "source_url")

#: the cleaning steps that run before the glossary is split off
_BEFORE = [name for name, _ in DEFAULT_STEPS[:[n for n, _ in DEFAULT_STEPS].index("remove_glossary")]]


def _tidy(text: str) -> str:
    return normalize_whitespace(normalize_punctuation(text))


def glossary(corpus, *, errata=None) -> pd.DataFrame:
    """List the definitions of the glossaries (名词解释, 注释) that end the documents of ``corpus``.

    These are the reports' own definitions of their formulations, dated and
    sourced by the document's metadata. The glossary is not in the corpus's
    ``text`` (the ``remove_glossary`` cleaning step leaves it out); it is
    read from ``raw``, cleaned with the steps before that one (Markdown
    markup removed for Markdown documents, as the loader does).

    Args:
        corpus: a corpus DataFrame (with its ``raw`` column), a mapping
            ``{doc_id: raw text}`` or a str.
        errata: as in :func:`helpers.clean.clean_text`.

    Returns:
        One row per definition: doc_id, n (the entry's number in its
        glossary, else its position), term ("" for a note that defines no
        term), definition, then the columns of :data:`GLOSSARY_METADATA`
        the corpus has. Documents without a glossary have no row.

    Raises:
        CorpusError: the corpus was loaded with ``keep_raw=False`` (its
            ``raw`` column is empty, and the glossary is not in ``text``).

    Example:
        >>> raw = "坚持稳中求进。各位代表！让我们团结奋斗。\\n\\n**名词解释**\\n\\n1．“双碳”：碳达峰、碳中和。\\n"
        >>> glossary({"gd-2024": raw}).values.tolist()
        [['gd-2024', 1, '双碳', '碳达峰、碳中和。']]
    """
    if isinstance(corpus, pd.DataFrame) and len(corpus) and "raw" in corpus.columns \
            and (corpus["raw"].fillna("") == "").all():
        raise CorpusError("glossary(): the corpus has no raw text (it was loaded with keep_raw=False), and the "
                          "glossaries are not in its clean text. Load it again with keep_raw=True.",
                          problem="no raw text")
    rows = []
    docs = corpus_documents(corpus)
    for position, ((doc_id, raw), markdown) in enumerate(zip(docs, markdown_flags(corpus))):
        text = clean_text(raw, steps=_BEFORE, errata=errata, markup="markdown" if markdown else None)
        for n, term, definition in glossary_entries(split_glossary(text)[1]):
            rows.append((position, doc_id, n, _tidy(term), _tidy(definition)))
    table = pd.DataFrame(rows, columns=["position", "doc_id", "n", "term", "definition"])
    table["n"] = table["n"].astype("int64")
    for column in ("doc_id", "term", "definition"):
        table[column] = table[column].astype(str)
    if isinstance(corpus, pd.DataFrame):
        meta = [c for c in GLOSSARY_METADATA if c in corpus.columns]
        info = corpus[meta].reset_index(drop=True)
        table = pd.concat([table, info.iloc[table["position"]].reset_index(drop=True)], axis=1)
    return table.drop(columns="position")
