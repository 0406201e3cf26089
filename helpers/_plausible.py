"""How plausible a decoding is: the share of common characters, then how frequent they are.

:func:`plausibility` is the share of characters of a decoded text that look
like Chinese prose (common Chinese characters, ASCII, punctuation): the
codec whose reading scores highest wins. When two readings score alike,
:func:`tie_break` asks which is made of the more frequent characters.

Short GB18030 files often decode as Big5 too, into characters just as
"common" by the codec tables (经济 → 冪撳): both are in the frequent blocks of
their codec, so the share of common characters cannot tell them apart. Their
frequency in real text can: 经 and 济 are among the most frequent characters
of Chinese, 冪 and 撳 are rare in either script. :func:`frequency_score` is the
mean log frequency of a text's Han characters, simplified and traditional
alike; the codec whose text scores higher wins.

The frequencies are those of jieba's dictionary (``jieba/dict.txt``, a word
list with corpus counts shipped with jieba: a character counts the words it
occurs in, weighted by their counts), read from the file without importing
jieba; traditional characters get the count of their simplified form (OpenCC
``s2t``, character by character).
"""

from __future__ import annotations

import functools
import importlib.util
import math
from collections import Counter
from pathlib import Path
from typing import Iterable

from ._chars import HAN_RE

_SCORE_SAMPLE = 20_000  # characters scored for plausibility
#: mean log frequency: a tie between codecs is broken when one text is this much more ordinary
_FREQUENCY_MARGIN = 0.5
#: characters looked at (the first ones of the text): enough to tell codecs apart
_SAMPLE = 2_000
#: characters kept from the dictionary, most frequent first (the rest count as rare)
_KEEP = 8_000
#: words of two to this many characters, counted at least this often in jieba's corpus, are looked up
_WORD_MAX = 4
_WORD_MIN_COUNT = 5
#: a text made of dictionary words scores this much higher (in log frequency) than one made of none
_WORD_BONUS = 4.0


def _jieba_dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, float], frozenset[str]] | None:
    """``({character: log relative frequency}, frequent words)`` from jieba's file; None without it.

    The characters are the frequent ones in both scripts; the words (two to
    four Han characters) are simplified.
    """
    path = _jieba_dictionary()
    if path is None:
        return None
    counts: Counter = Counter()
    words: list[tuple[int, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[1].isdigit():
                word, n = parts[0], int(parts[1])
                for ch in word:
                    counts[ch] += n
                if 2 <= len(word) <= _WORD_MAX and n >= _WORD_MIN_COUNT:
                    words.append((n, word))
    frequent = [(ch, n) for ch, n in counts.most_common() if HAN_RE.match(ch)][:_KEEP]
    total = sum(n for _, n in frequent)
    logs = {ch: math.log(n / total) for ch, n in frequent}
    simplified = [ch for ch, _ in frequent]
    for ch, trad in zip(simplified, _convert(simplified, "s2t")):
        if trad != ch and len(trad) == 1:
            logs[trad] = max(logs.get(trad, -math.inf), logs[ch])
    return logs, frozenset(w for _, w in words if all(HAN_RE.match(c) for c in w))


def _convert(texts: list[str], config: str) -> list[str]:
    """OpenCC ``config`` of each text alone (one call: no dictionary entry holds a line break)."""
    try:
        import opencc  # lazy: only a tie between codecs needs it
    except ImportError:
        return texts
    out = opencc.OpenCC(config).convert("\n".join(texts)).split("\n")
    return out if len(out) == len(texts) else texts


def _word_share(han: str, words: frozenset[str]) -> float:
    """Share of the characters of ``han`` inside a dictionary word (longest match first, left to right)."""
    covered = i = 0
    while i < len(han):
        for k in range(min(_WORD_MAX, len(han) - i), 1, -1):
            if han[i:i + k] in words:
                covered += k
                i += k
                break
        else:
            i += 1
    return covered / len(han)


def frequency_score(text: str) -> float | None:
    """How ordinary the Han characters of ``text`` are (higher: more ordinary); None if it cannot say.

    The mean log frequency of its Han characters (one outside the frequent
    ones counts as rarer than the rarest of them), plus :data:`_WORD_BONUS`
    times the share of them that form dictionary words (after OpenCC ``t2s``,
    so traditional words count as much as simplified ones). None when the
    text has no Han character or jieba's dictionary is missing.

    Example:
        >>> frequency_score("经济") > frequency_score("冪撳")  # the same bytes in GB18030 and in Big5
        True
        >>> frequency_score("經濟") == frequency_score("经济")
        True
    """
    found = _dictionary()
    han = "".join(ch for ch in text[:_SAMPLE] if HAN_RE.match(ch))
    if found is None or not han:
        return None
    logs, words = found
    floor = min(logs.values()) - math.log(10)
    unigram = sum(logs.get(ch, floor) for ch in han) / len(han)
    return unigram + _WORD_BONUS * _word_share(_convert([han], "t2s")[0], words)


@functools.lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """Return the commonly used Chinese characters, simplified and traditional.

    GB2312 level 1 (lead bytes B0–D7) holds the 3,755 most frequent simplified
    characters; Big5 A440–C67E holds the 5,401 frequent traditional ones.
    Text decoded with the wrong codec is mostly *rare* characters, so the
    share of common ones tells the right codec apart.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Return the share of characters in ``text`` that look like Chinese prose."""
    sample = text[:_SCORE_SAMPLE]
    common = common_chars()
    good = total = 0
    for ch in sample:
        if ch.isspace() and ch not in "\x1c\x1d\x1e\x1f\x85":  # those are control characters
            continue
        total += 1
        code = ord(ch)
        if (ch in common or 0x20 < code < 0x7F or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E
                or 0xC0 <= code <= 0x24F):  # Latin letters with accents: pinyin (xué), names
            good += 1
        elif ch in "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7\u2022\u25cf\u3010\u3011":
            good += 1
    return good / total if total else 1.0


def charset_normalizer_guess(data: bytes, codecs: Iterable[str]) -> str | None:
    import charset_normalizer  # lazy: only needed when two Chinese codecs score alike

    best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=list(codecs)).best()
    if best is None:
        return None
    name = best.encoding.replace("_", "-").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5hkscs": "big5", "cp950": "big5"}.get(name, name)


def tie_break(data: bytes, close: list[str], candidates: dict[str, str]) -> str:
    """The codec of ``close`` whose text has the more frequent characters; charset-normalizer if that cannot say.

    Short texts are where codecs tie: 经济 in GB18030 is 冪撳 in Big5, and both
    are common characters of their codec (see :func:`frequency_score`).
    """
    freq = {codec: frequency_score(candidates[codec]) for codec in close}
    known = {codec: f for codec, f in freq.items() if f is not None}
    if len(known) == len(close):
        ranked = sorted(known, key=known.get, reverse=True)
        if known[ranked[0]] - known[ranked[1]] >= _FREQUENCY_MARGIN:
            return ranked[0]
    guess = charset_normalizer_guess(data, close)
    return guess if guess in close else close[0]
