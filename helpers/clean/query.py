"""Queries and lexicon entries put through the cleaner's character steps.

The text a search runs on is clean (traditional characters made simplified,
full-width letters folded, ASCII brackets and quotes in Chinese context made
full width, invisible characters removed); a query or a lexicon entry typed
by a user is not. :func:`normalize_query` applies the same steps of
:mod:`helpers.clean` to a query, so ``高質量發展``, ``" 改革开放"`` and
``(试行)`` find what ``高质量发展``, ``改革开放`` and ``（试行）`` find.
"""

from __future__ import annotations

import functools

import pandas as pd

from ..lexicon import as_lexicon
from .characters import normalize_unicode, remove_invisible
from .punctuation import normalize_punctuation
from .script import to_simplified
from .whitespace import normalize_whitespace

__all__ = ["QUERY_STEPS", "normalize_query", "normal_forms", "normal_lexicon"]

#: the cleaning steps a query or lexicon entry goes through, in the order :func:`helpers.clean.clean_text` runs them
QUERY_STEPS = (
    ("remove_invisible", remove_invisible),
    ("normalize_unicode", normalize_unicode),
    ("to_simplified", to_simplified),
    ("normalize_punctuation", normalize_punctuation),
    ("normalize_whitespace", normalize_whitespace),
)


@functools.lru_cache(maxsize=65536)
def normalize_query(query: str) -> str:
    """Return ``query`` as the cleaner would write it in a clean text, without surrounding whitespace.

    Example:
        >>> normalize_query("高質量發展"), normalize_query(" 改革开放"), normalize_query("(试行)")
        ('高质量发展', '改革开放', '（试行）')
    """
    text = str(query)
    for _, step in QUERY_STEPS:
        text = step(text)
    return text.strip()


def normal_forms(forms) -> list[str]:
    """``forms`` normalised (:func:`normalize_query`), each once, empty ones dropped."""
    return list(dict.fromkeys(f for f in map(normalize_query, forms) if f))


def normal_lexicon(lexicon=None) -> pd.DataFrame:
    """The lexicon (anything :func:`helpers.lexicon.load_lexicon` takes) with every term, variant and ``not_in`` string normalised.

    A form that two entries share after normalisation stays with the first.

    Example:
        >>> normal_lexicon(["全過程人民民主"])["term"].tolist()
        ['全过程人民民主']
    """
    lex = as_lexicon(lexicon)
    terms = [normalize_query(t) or t for t in lex["term"]]
    if terms == list(lex["term"]) and all(normal_forms(v) == list(v) for v in lex["variants"]) \
            and all(normal_forms(v) == list(v) for v in lex["not_in"]):
        return lex
    seen: set[str] = set()
    variants = []
    for term, forms in zip(terms, lex["variants"]):
        seen.add(term)
        keep = [f for f in normal_forms(forms) if f not in seen]
        seen.update(keep)
        variants.append(keep)
    return lex.assign(term=terms, variants=variants, not_in=[normal_forms(v) for v in lex["not_in"]])
