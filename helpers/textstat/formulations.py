"""Find formulations that are not in the lexicon yet (:func:`find_formulations`).

The candidates and their rules are in :mod:`helpers.textstat.candidates`;
this module finds each candidate in the corpus, drops ordinary words and
known terms, and ranks what is left.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

import pandas as pd

from ..lexicon import as_lexicon, lexicon_terms
from ..segment import iter_segments
from ..segment.engines import stock_jieba
from .candidates import (left_out_numbered, numbered_candidates, numbered_phrases, numbered_set_phrase,
                         numeral_word_tags, quoted_candidates)
from .match import corpus_texts, doc_order

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_COLUMNS = ["candidate", "kind", "count", "n_docs", "first_year", "example"]


def _example(text: str, pos: int, length: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos + length)
    end = m.end() if m else len(text)
    return text[start:end].strip()


def _find_all(text: str, sub: str) -> list[int]:
    """Start of each non-overlapping occurrence of ``sub`` (those ``str.count`` counts)."""
    out = []
    pos = text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + len(sub))
    return out


def find_formulations(corpus: pd.DataFrame, lexicon=None, *, min_count: int = 2) -> pd.DataFrame:
    """Suggest formulations that are not in the lexicon yet.

    Two kinds of candidates:

    * ``numbered``: a numeral (一 … 千), an optional classifier (个, 项, 大,
      种, 条, 为, 型, 化, 方面, 篇, 心, 步) and 2–8 Han characters, as in 三个代表,
      四个全面, 两个一百年, 五大发展理念, 两手抓. Each length (in whole tokens)
      is tried and the candidate kept where the phrase stops always continuing
      the same way (a longer candidate with the same count replaces a shorter
      one).
    * ``quoted``: 2–12 characters between Chinese quotation marks “…”.

    The texts are segmented (:func:`helpers.segment.tokenize`, with the
    lexicon), and numbered candidates are built from whole tokens, so that
    they never cut a word in two: no 两岸经 (两岸经济, 两岸经贸), 一段时 or 一政策
    (这一政策). A numbered candidate is left out when:

    * its numeral is not a count: an ordinal or part of a longer number or
      fraction (第一, 三十, 百分之五), the second number of a list, range or
      compound (第二、三产业, 三至五年, 两学一做: one character after another
      numeral), 一 inside a word or meaning "this" (进一步, 统一,
      这一), a word in jieba's dictionary whose numeral is not a count (两岸,
      两国, 一直, 一如既往: tagged as place, direction, adverb, idiom …), an
      ordinal of a congress or plenum (十六大, 四中全会), a written-out quantity
      or year (一百五十六个, 四十项, 一九八一), or a date, time, quantity, unit or
      range (一年, 三是, 一些, 五到十年); the phrase also stops before 是 and
      第, and is not kept when it repeats its head (一个一个);
    * it is a counting phrase: the words after the numeral are counted with
      这, 各, 几, 每 … at least as often as the candidate occurs (三项工作 next to
      各项工作, 这项工作), or it starts with 一 and a measure word (一个重要,
      一项长期, 一件大事: the indefinite article) and is never quoted (“一个中国”)
      nor followed by another numbered phrase with a measure word
      (一个中心、两个基本点; 一个国家，两种制度);
    * it is mostly part of a longer word or phrase: fewer than half of its
      occurrences start and end on token boundaries and pass these rules
      (一国两 in 一国两制, 一个五年 in 第一个五年计划);
    * it ends in a function word (的, 和, 在 …), a localizer (…的基础上,
      …期间), or with one word after 和/与/及 (一流大学和一流);
    * it is a known term followed by 的/和/与/及 (四项基本原则的教育).

    A quoted candidate is left out when the quotation is a sentence (it holds
    a particle such as 了, 吗: “破产了”), or when it has two characters, no
    numeral, and is quoted fewer than ``min_count`` times (an emphasised
    ordinary word: “聚力”).

    Candidates that are words of jieba's dictionary are left out (社会主义,
    一段时间), except numbered phrases that jieba lists as set phrases or
    terms (三个代表, 两手抓, 两个凡是). Finally, a candidate is dropped when a
    longer one that starts with it has the same count.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ideally ``year``.
        lexicon: forms already known (``None`` = bundled lexicon); excluded.
        min_count: keep candidates occurring at least this often.

    Returns:
        DataFrame with candidate, kind, count (substring occurrences in the
        corpus), n_docs, first_year, example (the sentence of its first
        occurrence in the oldest document); ranked by n_docs then count.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [2001, 2002],
        ...     "text": ["贯彻三个代表重要思想。", "践行三个代表重要思想，提出“放管服”，深化“放管服”改革。"]})
        >>> find_formulations(corpus, [])[["candidate", "kind", "count", "n_docs"]].values.tolist()
        [['三个代表重要思想', 'numbered', 2, 2], ['放管服', 'quoted', 2, 1]]
    """
    lex = as_lexicon(lexicon)
    known = set(lexicon_terms(lex))
    ordered = doc_order(corpus) if len(corpus) else corpus
    texts = corpus_texts(ordered)
    if not texts:
        return pd.DataFrame(columns=_COLUMNS)
    tags = numeral_word_tags()
    segments = iter_segments(texts, lexicon=lex, what="spans", progress=False)
    phrases, numeral_of, longer, quoted, speech = numbered_phrases(texts, segments, tags)
    candidates = dict.fromkeys(numbered_candidates(phrases, longer, min_count), "numbered")
    for cand in quoted_candidates(quoted, speech, min_count):
        candidates.setdefault(cand, "quoted")
    rows = []
    years = ordered["year"].tolist() if "year" in ordered.columns else [pd.NA] * len(texts)
    joined = "\n".join(texts)
    doc_starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    stock = stock_jieba().FREQ
    for cand, kind in candidates.items():
        numbered = kind == "numbered"
        if _ordinary(cand, numbered, known, stock, tags):
            continue
        positions = _find_all(joined, cand)  # no candidate holds the "\n" between texts
        if len(positions) < min_count:
            continue
        if numbered and left_out_numbered(cand, numeral_of[cand], phrases[cand], joined, positions):
            continue
        docs = [bisect.bisect_right(doc_starts, pos) - 1 for pos in positions]
        first = docs[0]
        rows.append((cand, kind, len(positions), len(set(docs)), years[first],
                     _example(texts[first], positions[0] - doc_starts[first], len(cand))))
    return _ranked(rows)


def _ordinary(cand: str, numbered: bool, known: set[str], stock: dict, tags: dict[str, str]) -> bool:
    """Whether ``cand`` is a known term, an ordinary word of jieba's dictionary or a known term in a phrase."""
    if cand in known:
        return True
    if stock.get(cand) and not (numbered and numbered_set_phrase(cand, tags)):
        return True  # an ordinary word
    # a known term in an ordinary phrase (四项基本原则的教育)
    return any(cand[:k] in known and cand[k] in "的和与及" for k in range(2, len(cand)))


def _ranked(rows: list[tuple]) -> pd.DataFrame:
    """The table of :func:`find_formulations`: shadowed candidates dropped, most widespread first."""
    totals = {r[0]: r[2] for r in rows}
    shadowed = {c[:k] for c in totals for k in range(2, len(c)) if totals.get(c[:k]) == totals[c]}
    out = pd.DataFrame([r for r in rows if r[0] not in shadowed], columns=_COLUMNS)
    out["first_year"] = pd.array(out["first_year"], dtype="Int64")
    out = out.sort_values(["n_docs", "count", "candidate"], ascending=[False, False, True])
    return out.reset_index(drop=True)
