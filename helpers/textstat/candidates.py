"""The candidates of :func:`helpers.textstat.find_formulations` and the rules that sort them.

One pass over the segmented texts collects the numbered phrases (a numeral
that counts something, then whole tokens: 三个代表, 两个一百年) and the
quotations (“放管服”); the rules tell a numbered phrase that names something
from a date, a quantity, an ordinal or a counting phrase (这项工作, 一个重要).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from .._chars import HAN
from ..segment.engines import stock_jieba

_NUMERALS = "一二两三四五六七八九十百千"
_CLASSIFIER = "个|项|大|种|条|为|型|化|方面|篇|心|步"
# characters after a numeral (and its classifier) that make an ordinary phrase, not a
# formulation: dates, times, quantities and units, ranges, 三是, 一些, 三者, 二氧化硫, 一个的
_BAD_NEXT = set("方年月日号时是要些定直起切般样致下点旦向度贯道再律同边共半份批系部级次届倍成亿万元多余家人名岁只期季周天分秒斤米吨里公千百十"
                "者段氧到至的寸尺亩兆")
# 一 after these belongs to a word (进一步, 统一, 唯一) or means "this" (这一, 同一, 每一)
_BAD_BEFORE_ONE = set("进逐统唯万之单同专划整均归合这那每另任某此该其又")
# no numbered phrase starts right after an ordinal mark, a numeral or a decimal or
# fraction mark (第一, 三十, 零点五, 百分之五)
_NOT_BEFORE_NUMERAL = set("第零〇点之" + _NUMERALS)
_BAD_END = set("的和与及是了在等并或而也都又就对把被将从向")
_NUMERAL_RUN = re.compile(f"[{_NUMERALS}]+")
_HEAD = re.compile(f"[{_NUMERALS}]+(?:{_CLASSIFIER})?")
_HAN_TOKEN = re.compile(f"[{HAN}]+")
# ordinals of Party congresses and plenums (十六大, 四中全会), not formulations
_ORDINAL = re.compile(f"[{_NUMERALS}]{{2,}}大|[{_NUMERALS}]+中全会")
# a written-out quantity or year (一百五十六, 三千, 四十, 一九八一), not a formulation
_QUANTITY = re.compile(f"[{_NUMERALS}]{{4,}}|[{_NUMERALS}][百千]|[二两三四五六七八九]十")
# jieba tags of a dictionary word starting with a numeral in which the numeral is
# not a count: 两岸 (f), 两国 (ns), 一切 (r), 一直 (d), 一般 (a), 一如既往 (i) ...
_NOT_A_COUNT = frozenset("f ns nr nrt nrfg r d a ad an c p t v vd z u i".split())
_COUNT_TAGS = frozenset({"m", "mq", "q"})  # numeral words: 两个, 两手, 三步
_SET_PHRASE_TAGS = frozenset({"l", "nz", "j"})  # set phrases, terms, abbreviations
# words that count a noun without a fixed number: 这项工作, 各项工作, 几件大事
_DETERMINERS = set("这那每各几哪某该此本另诸多数")
# measure words that make 一 + measure word the indefinite article (一个, 一项, 一件)
_MEASURE = set("个项种条件支场笔段对类位名次批套张块座所家份股篇门片层轮面")
# numerals of a numbered phrase (with a measure word) that pairs with one of 一 (一个中心、两个基本点)
_PAIRED = set("二两三四五六七八九十")
# characters that make a two-character quotation an abbreviation (“双减”, “三农”, “双圈”)
_COUNTING = set(_NUMERALS) | {"双"}
_FUNCTION_TOKENS = _BAD_END | {"到", "至"}
# a phrase ending in a localizer is a frame (…的基础上, …期间), not a name
_LOCALIZERS = set("上下中里内外间前后时") | {"以来", "以后", "以前", "之间", "期间", "之后", "之前",
                                          "之中", "之内", "之外", "以上", "以下"}
_CONJUNCTIONS = {"和", "与", "及", "或", "同"}
_SPEECH_PARTICLES = {"了", "吗", "呢", "吧", "啊", "呀", "嘛"}  # a quotation that is a sentence
_MAX_TAIL = 8  # Han characters after the numeral and classifier
_QUOTED = re.compile(f"“([^“”\\s，。；：、！？,.;:!?]{{2,12}})”")
_HAN_RUN = re.compile(f"[{HAN}]")


@functools.lru_cache(maxsize=1)
def numeral_word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word that starts with a numeral."""
    prefixes = tuple(c.encode() for c in _NUMERALS)
    tags = {}
    with stock_jieba().get_dict_file() as f:
        for raw in f:
            if raw.startswith(prefixes):
                parts = raw.decode("utf-8").split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
    return tags


def _numbered_starts(text: str, toks: list[str], offs: list[int]):
    """Indices of the tokens a numbered phrase may start with (a numeral used as a number)."""
    for i, tok in enumerate(toks):
        if tok[0] not in _NUMERALS or not _HAN_TOKEN.fullmatch(tok):
            continue
        s = offs[i]
        prev = text[s - 1] if s else ""
        if prev and (prev in _NOT_BEFORE_NUMERAL or prev.isdigit()):
            continue
        if s >= 2 and (text[s - 2] in _NUMERALS or text[s - 2].isdigit()) and (
                prev in "、至到或" or _HAN_TOKEN.match(prev)):
            continue  # 二、三产业, 三至五年, 两学一做, 三严三实: a second number of a list, range or compound
        if tok[0] == "一" and prev in _BAD_BEFORE_ONE:
            continue
        yield i


def _counts_something(run: str, head: str, numeral: str, first: str, after_head: str | None,
                      tags: dict[str, str]) -> bool:
    """Whether the numeral starting ``run`` counts what follows it (rules in find_formulations)."""
    tail = run[len(head):]
    if not tail or tail[0] in _BAD_NEXT or head[-1] in _BAD_NEXT:
        return False
    if _ORDINAL.match(run) or _QUANTITY.match(numeral) or tail.startswith(head):
        return False  # 十六大, 一百五十六个, 一个一个
    if after_head in _FUNCTION_TOKENS:
        return False  # 两个和, 三项在
    if len(head) == 1 and tags.get(run[:2]) in _NOT_A_COUNT:
        return False  # 两岸, 两国, 一直: the numeral is part of a word
    return not (len(first) > len(head) and tags.get(first) == "i")  # 一如既往, 千方百计


def numbered_phrases(texts, segments, tags):
    """Count the numbered phrases (made of whole tokens) and the quotations.

    Returns the count of each numbered phrase, its numeral, the phrases one
    token longer than it, the count of each quotation, and the quotations
    that hold a sentence particle.
    """
    phrases: Counter = Counter()
    numeral_of: dict[str, str] = {}
    longer: dict[str, set[str]] = {}
    quoted: Counter = Counter()
    speech: set[str] = set()
    for text, (toks, offs) in zip(texts, segments):
        n = len(toks)
        at = {o: k for k, o in enumerate(offs)}
        for i in _numbered_starts(text, toks, offs):
            start = offs[i]
            # adjacent Han tokens, stopping before 是 (a clause) and 第 (an ordinal)
            j, end = i, start + len(toks[i])
            while (j + 1 < n and offs[j + 1] == end and end - start < 2 * _MAX_TAIL
                   and toks[j + 1] != "是" and toks[j + 1][0] != "第"
                   and _HAN_TOKEN.fullmatch(toks[j + 1])):
                j += 1
                end += len(toks[j])
            run = text[start:end]
            head = _HEAD.match(run).group()
            numeral = _NUMERAL_RUN.match(head).group()
            k = at.get(start + len(head))
            if not _counts_something(run, head, numeral, toks[i], toks[k] if k is not None else None, tags):
                continue
            parent = None
            for k in range(i, j + 1):
                stop = offs[k] + len(toks[k])
                size = stop - start - len(head)
                if size > _MAX_TAIL:
                    break
                if size < 2 or toks[k] in _LOCALIZERS or (k - 1 > i and toks[k - 1] in _CONJUNCTIONS):
                    continue
                cand = text[start:stop]
                phrases[cand] += 1
                numeral_of.setdefault(cand, numeral)
                if parent is not None:
                    longer.setdefault(parent, set()).add(cand)
                parent = cand
        for m in _QUOTED.finditer(text):
            inner = m.group(1)
            if len(_HAN_RUN.findall(inner)) < 2:
                continue
            quoted[inner] += 1
            k = at.get(m.start(1))
            while k is not None and k < n and offs[k] < m.end(1):
                if toks[k] in _SPEECH_PARTICLES:
                    speech.add(inner)
                k += 1
    return phrases, numeral_of, longer, quoted, speech


def _counted_noun(cand: str, numeral: str, total: int, joined: str) -> bool:
    """Whether the words after the numeral are counted with 这, 各, 几 … as often as with it."""
    key = cand[len(numeral):]
    det = 0
    pos = joined.find(key)
    while pos >= 0:
        if pos and joined[pos - 1] in _DETERMINERS:
            det += 1
        pos = joined.find(key, pos + 1)
    return det >= total


def _named_not_article(cand: str, joined: str, positions: list[int]) -> bool:
    """Whether 一 + measure word is quoted once or paired with another numbered phrase."""
    for pos in positions:
        after = joined[pos + len(cand):pos + len(cand) + 3].lstrip("、，,")
        if (pos and joined[pos - 1] == "“") or (after[:1] in _PAIRED and after[1:2] in _MEASURE):
            return True
    return False


def numbered_candidates(phrases: Counter, longer: dict[str, set[str]], min_count: int):
    """The numbered phrases seen ``min_count`` times that end well and do not always continue the same way."""
    for cand, n in phrases.items():
        if n < min_count or cand[-1] in _BAD_END:
            continue
        if max((phrases[c] for c in longer.get(cand, ())), default=0) == n:
            continue  # always continues the same way
        yield cand


def quoted_candidates(quoted: Counter, speech: set[str], min_count: int):
    """The quotations that are not a sentence nor an emphasised two-character word quoted rarely.

    A two-character quotation with a numeral (or 双: 双圈, 双碳) is an abbreviation, kept.
    """
    for cand, n in quoted.items():
        if cand in speech or (len(cand) == 2 and n < min_count and not set(cand) & _COUNTING):
            continue
        yield cand


def quoted_numbered_word(cand: str, tags: dict[str, str]) -> bool:
    """Whether a quoted word of jieba's dictionary is a numbered name (“一盘棋”, “双圈”), not “一切”.

    It starts with a numeral or 双 and jieba does not tag it as a word whose
    numeral is not a count (一切: pronoun, 一直: adverb).
    """
    return cand[0] in _COUNTING and tags.get(cand) not in _NOT_A_COUNT


def numbered_set_phrase(cand: str, tags: dict[str, str]) -> bool:
    """Whether jieba lists ``cand`` as a set phrase, term or abbreviation that starts with a numeral word."""
    return tags.get(cand) in _SET_PHRASE_TAGS and tags.get(cand[:2]) in _COUNT_TAGS


def left_out_numbered(cand: str, numeral: str, n_phrase: int, joined: str, positions: list[int]) -> bool:
    """Whether a numbered candidate is mostly part of something longer, or a counting phrase.

    ``n_phrase`` is how often it was seen as a numbered phrase on token
    boundaries, ``positions`` where it occurs in ``joined`` (every text).
    """
    total = len(positions)
    if 2 * n_phrase < total or _counted_noun(cand, numeral, total, joined):
        return True
    return numeral == "一" and cand[1] in _MEASURE and not _named_not_article(cand, joined, positions)
