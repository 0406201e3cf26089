"""One language per figure: English names of formulations and places, and titles that name the term.

With ``lang="en"`` a chart names a formulation by its ``gloss`` in the
bundled lexicon (``data/lexicon/tifa.csv``: 全过程人民民主 → whole-process
people's democracy; a variant gets its term's gloss) and a province by its
English name (``data/geo/province_tiles.csv``: 重庆市 or 重庆 → Chongqing,
全国 → National); a word that is neither (an ordinary word of a word cloud
or a frequency list, a doc_id) stays as it is, since it has no official
translation. With ``lang="zh"`` every label is the text itself, except the
corpus's ``level`` values (national, province, city, county → 全国, 省级,
市级, 县级), so a chart by level speaks one language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import pandas as pd

from ..lexicon import load_lexicon
from ..paths import DATA_DIR

#: Tile layout of China's provinces (row, col), with their short and English names.
PROVINCE_TILES_CSV = DATA_DIR / "geo" / "province_tiles.csv"
_NATIONAL = {"全国": "National", "中央": "Central"}
# the corpus's ``level`` column is in English; a Chinese chart names the levels in Chinese
_LEVELS = {"national": ("全国", "National"), "province": ("省级", "Provincial"),
           "city": ("市级", "City"), "county": ("县级", "County")}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"zh"`` or ``"en"``; raise ValueError otherwise."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


@lru_cache(maxsize=1)
def tiles_table() -> pd.DataFrame:
    """The province tile table (read once)."""
    return pd.read_csv(PROVINCE_TILES_CSV, dtype={"region": str}, keep_default_na=False)


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Every gloss of the bundled lexicon (terms and variants) and every province's English name."""
    names = dict(_NATIONAL)
    for r in tiles_table().itertuples():
        names[r.province] = names[r.short] = r.english
    lex = load_lexicon()
    for term, variants, gloss in zip(lex["term"], lex["variants"], lex["gloss"]):
        if gloss:
            for form in (term, *variants):
                names[form] = gloss
    return names


def label(text, lang: str) -> str:
    """Name ``text`` (a formulation, a province, anything) in ``lang``.

    Example:
        >>> label("全过程人民民主", "en"), label("重庆市", "en"), label("全过程人民民主", "zh")
        ("whole-process people's democracy", 'Chongqing', '全过程人民民主')
        >>> label("doc-1", "en"), label("county", "zh"), label("county", "en")
        ('doc-1', '县级', 'County')
    """
    text = str(text)
    if text in _LEVELS:
        return _LEVELS[text][check_lang(lang) == "en"]
    if check_lang(lang) == "zh":
        return text
    return _english_names().get(text.strip(), text)


def labels(texts: Iterable, lang: str) -> list[str]:
    """:func:`label` of each of ``texts``."""
    return [label(t, lang) for t in texts]


def name_terms(terms: Sequence, lang: str, most: int = 3) -> str:
    """Name up to ``most`` terms for a title (“改革开放”、“对外开放” / reform and opening up, …); "" for more.

    Example:
        >>> name_terms(["改革开放"], "zh"), name_terms(["改革开放", "一国两制"], "en")
        ('“改革开放”', 'reform and opening up; One Country, Two Systems')
        >>> name_terms(list("甲乙丙丁"), "zh")
        ''
    """
    terms = [str(t) for t in terms]
    if not terms or len(terms) > most:
        return ""
    if lang == "zh":
        return "、".join(f"“{t}”" for t in terms)
    return "; ".join(labels(terms, lang))
