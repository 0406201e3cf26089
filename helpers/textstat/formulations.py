"""Find formulations that are not in the lexicon yet (:func:`find_formulations`).

The candidates and their rules are in :mod:`helpers.textstat.candidates`;
this module finds each candidate in the corpus, drops ordinary words and
known terms, and ranks what is left.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..clean import glossary as glossary_table
from ..lexicon import as_lexicon, lexicon_terms
from ..load import load_corpus
from ..segment import iter_segments
from ..segment.engines import stock_jieba
from .candidates import (left_out_numbered, numbered_candidates, numbered_phrases, numbered_set_phrase,
                         numeral_word_tags, quoted_candidates, quoted_numbered_word)
from .evidence import COLUMNS, Texts, evidence_row, ranked
from .marked import BARE, marked_forms
from .match import corpus_texts, doc_order

# kinds the text marks itself (quotation marks, a pattern, a list, a glossary): one occurrence is evidence
_MARKED = ("quoted", "patterned", "parallel", "glossary")


def find_formulations(corpus: pd.DataFrame, lexicon=None, *, min_count: int = 2, reference=None,
                      glossary: bool = True) -> pd.DataFrame:
    """Suggest formulations that are not in the lexicon yet, each with its evidence.

    Five kinds of candidates:

    * ``numbered``: a numeral (一 … 千), an optional classifier (个, 项, 大,
      种, 条, 为, 型, 化, 方面, 篇, 心, 步) and 2–8 Han characters, as in 三个代表,
      四个全面, 两个一百年, 五大发展理念, 两手抓. Each length (in whole tokens)
      is tried and the candidate kept where the phrase stops always continuing
      the same way (a longer candidate with the same count replaces a shorter
      one).
    * ``quoted``: 2–12 characters between Chinese quotation marks “…”.
    * ``patterned`` (:mod:`helpers.textstat.marked`): numbered pairs
      (一镇一品, 一企一办, 两学一做, 三攻坚一盘活, 一报告两评议; not dates nor
      idioms: 一年一度, 一心一意), X+Y (党建+, 人工智能+, 线上+线下) and
      quoted number codes (“33618”, “3+5”; not a year).
    * ``parallel``: a list of equal-length phrases joined by 、, quoted as one
      slogan (“稳进增效、除险清患、改革求变、惠民有感”), or unquoted when every
      item has the same character at the same place (以学铸魂、以学增智、
      以学正风、以学促干); ``name`` is the collective name the text gives right
      after the quotation (工作导向, 总要求).
    * ``glossary``: the terms the documents define themselves in their
      glossaries (名词解释, 注释: :func:`helpers.clean.glossary`, read from
      ``raw``), kept even when the clean text never uses them (then
      ``example`` is the definition).

    Kinds the text marks itself (quoted, patterned, parallel, glossary) are
    kept from one occurrence; numbered phrases need ``min_count``.

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
        min_count: keep numbered candidates (and two-character quotations)
            occurring at least this often.
        reference: a corpus to rank against (a DataFrame or the name of a
            bundled corpus, e.g. ``"national"``); ``None``: no ranking by
            distinctiveness.
        glossary: propose the terms of the documents' glossaries.

    Returns:
        DataFrame with candidate, kind, count (substring occurrences in the
        corpus), n_docs, first_year, example (the sentence of its first
        occurrence in the oldest document), first_doc (its doc_id), name
        (the collective name of a list, or ""), ref_docs (reference
        documents holding it) and score (log2 of its document share in the
        corpus over that in the reference, smoothed); ranked by score when
        there is a reference, else by n_docs then count.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [2001, 2002],
        ...     "text": ["贯彻三个代表重要思想。", "践行三个代表重要思想，提出“放管服”，深化“放管服”改革。"]})
        >>> find_formulations(corpus, [])[["candidate", "kind", "count", "n_docs"]].values.tolist()
        [['三个代表重要思想', 'numbered', 2, 2], ['放管服', 'quoted', 2, 1]]
        >>> reference = pd.DataFrame({"doc_id": ["n"], "text": ["贯彻三个代表重要思想。"]})
        >>> find_formulations(corpus, [], reference=reference)["candidate"].tolist()
        ['放管服', '三个代表重要思想']
    """
    lex = as_lexicon(lexicon)
    known = set(lexicon_terms(lex))
    ordered = doc_order(corpus) if len(corpus) else corpus
    texts = corpus_texts(ordered)
    if not texts:
        return pd.DataFrame(columns=COLUMNS)
    tags = numeral_word_tags()
    candidates, names, weak, numeral_of, phrases, quoted = _collect(texts, lex, tags, min_count)
    definitions = _glossary_terms(ordered) if glossary else {}
    for term in definitions:
        candidates.setdefault(term, "glossary")
    joined = Texts(texts)
    ids = ordered["doc_id"].astype(str).tolist()
    years = ordered["year"].tolist() if "year" in ordered.columns else [pd.NA] * len(texts)
    stock = stock_jieba().FREQ
    rows = []
    for cand, kind in candidates.items():
        if _ordinary(cand, kind, known, stock, tags, cand in quoted):
            continue
        row = evidence_row(cand, kind, joined, ids, years, names.get(cand, ""), definitions.get(cand, ""))
        if row is None or row[2] < _needed(kind, cand in weak, min_count):
            continue
        if kind == "numbered" and left_out_numbered(cand, numeral_of[cand], phrases[cand], joined.joined,
                                                    joined.last_positions):
            continue
        rows.append(row)
    return ranked(rows, len(texts), _reference_texts(reference))


def _needed(kind: str, weak: bool, min_count: int) -> int:
    """How many occurrences a candidate needs: none for a glossary's term, one for a marked form."""
    if kind == "glossary":
        return 0
    return 1 if kind in _MARKED and not weak else min_count


def _collect(texts: list[str], lex, tags: dict[str, str], min_count: int):
    """The candidates of every kind but the glossary's, their collective names, those never quoted
    (as weak evidence as a numbered phrase), and the numbered phrases."""
    segments = iter_segments(texts, lexicon=lex, what="spans", progress=False)
    phrases, numeral_of, longer, quoted, speech = numbered_phrases(texts, segments, tags)
    candidates = dict.fromkeys(numbered_candidates(phrases, longer, min_count), "numbered")
    idioms = {w for w, tag in tags.items() if tag == "i"}
    names: dict[str, Counter] = {}
    bare, marked = set(), set()
    for text in texts:
        for cand, kind, name in marked_forms(text, idioms):
            (bare if kind.startswith(BARE) else marked).add(cand)
            candidates.setdefault(cand, kind.removeprefix(BARE))
            if name:
                names.setdefault(cand, Counter())[name] += 1
    for cand in quoted_candidates(quoted, speech, min_count):
        candidates.setdefault(cand, "quoted")
    best = {c: n.most_common(1)[0][0] for c, n in names.items()}
    return candidates, best, bare - marked, numeral_of, phrases, quoted


def _glossary_terms(corpus: pd.DataFrame) -> dict[str, str]:
    """The terms the documents' glossaries define, each with its first definition."""
    if "raw" not in corpus.columns or (corpus["raw"].fillna("") == "").all():
        return {}
    table = glossary_table(corpus)
    table = table[table["term"].str.len() >= 2]
    return dict(table.drop_duplicates("term")[["term", "definition"]].itertuples(index=False))


def _reference_texts(reference) -> Texts | None:
    """The reference corpus's texts (a corpus DataFrame or the name of a bundled corpus), or None."""
    if reference is None:
        return None
    if isinstance(reference, str):
        reference = load_corpus(reference)
    return Texts(corpus_texts(reference))


def _ordinary(cand: str, kind: str, known: set[str], stock: dict, tags: dict[str, str], quoted: bool) -> bool:
    """Whether ``cand`` is a known term, an ordinary word of jieba's dictionary or a known term in a phrase."""
    if cand in known:
        return True
    if kind != "glossary" and stock.get(cand) and not (
            kind in ("numbered", "patterned") and numbered_set_phrase(cand, tags)) and not (
            quoted and quoted_numbered_word(cand, tags)):
        return True  # an ordinary word (a glossary's term, a numbered set phrase or “一盘棋” is not)
    # a known term in an ordinary phrase (四项基本原则的教育)
    return any(cand[:k] in known and cand[k] in "的和与及" for k in range(2, len(cand)))
