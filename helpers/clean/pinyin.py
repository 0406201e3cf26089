"""Pinyin annotations: ``達(dá)`` → ``達``, ``发生的(de)历史`` → ``发生的历史``.

A bracket of Latin letters right after Han characters is an annotation when
it holds tone-marked pinyin (the converter behind the seeds: ``學(xué)``), or
when its syllables, written without tone marks, with tone numbers or with
none, spell readings of the Han characters just before it (pypinyin's
dictionary, every reading of each character): ``的(de)``, ``学习(xue2 xi2)``,
``创新(chuangxin)``. Anything else stays: ``(GDP)``, ``(PM2.5)``,
``(2023)``, ``(试行)``, an English gloss ``(development)``, and a
capitalised romanisation ``习近平(Xi Jinping)``, ``北京(Beijing)`` (see
:func:`remove_pinyin_annotations`).

Also the owner of the tone-marked pinyin letters (:data:`TONE_MARKS`,
:data:`PINYIN_LETTERS`), which :mod:`helpers.clean.diagnose` uses to spot
damaged annotations and rare-character placeholders.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .._chars import HAN
from .changes import cut_spans
from .variants import simplified_forms

__all__ = ["remove_pinyin_annotations", "pinyin_note_spans", "MAX_NOTE_SYLLABLES"]

#: Vowels with a tone mark, ``ü`` and the rare tone-marked consonants.
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: The letters of a pinyin syllable, as the inside of a regex character class.
PINYIN_LETTERS = "a-z" + TONE_MARKS
#: An annotation without tone marks is checked against at most this many Han characters before it.
MAX_NOTE_SYLLABLES = 8

_SYLLABLE = f"[{PINYIN_LETTERS}]+"
# the annotations removed since the seeds (kept as they were): tone-marked syllables, no check of readings
_TONED = (f"[(（]\\s*(?=[^)）]*[{TONE_MARKS}])"  # at least one tone mark (or ü) inside
          f"{_SYLLABLE}(?:[ '’\\-]{_SYLLABLE}){{0,5}}\\s*[)）]")
_TONED_RE = re.compile(_TONED, re.IGNORECASE)
_TONE_MARK_CASED = "".join(sorted(set(TONE_MARKS + TONE_MARKS.upper())))
_LETTER = f"A-Za-z{_TONE_MARK_CASED}"
# a bracket of Latin letters (a candidate): bounded, so that every scan is linear in the text
_NOTE_INSIDE = f"\\s{{0,8}}[{_LETTER}][{_LETTER}0-9:'’\\- \\t\\u3000]{{0,59}}\\s{{0,8}}[)）]"
_NOTE_RE = re.compile(f"[(（]{_NOTE_INSIDE}")
# a run of candidates right after a Han character; it begins with the bracket, which sre scans for
_RUN_RE = re.compile(f"[(（](?<=[{HAN}][(（]){_NOTE_INSIDE}(?:[(（]{_NOTE_INSIDE})*")
_HAN_RE = re.compile(f"[{HAN}]")
_SEPARATORS = " \t\u3000'’-"
_PLAIN_RE = re.compile(f"[a-z][a-z0-5{re.escape(_SEPARATORS)}]*")


def _plain(s: str) -> str:
    """Lower case, tone marks dropped, ü (and v, u:) written v: ``Lǜ`` → ``lv``."""
    s = s.lower().replace("u:", "v").replace("ü", "v")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ü", "v")


@functools.lru_cache(maxsize=65536)
def _readings(ch: str) -> frozenset[str]:
    """Every toneless reading of a Han character and of its simplified forms (``lv`` also as ``lu``)."""
    from pypinyin import Style, pinyin  # lazy: its dictionary loads on first use

    found = set()
    for form in simplified_forms(ch):  # the same readings before and after to_simplified
        for r in pinyin(form, style=Style.NORMAL, heteronym=True, errors=lambda _: [[]])[0] if form else ():
            r = _plain(r)
            found.update((r, r.replace("v", "u")))
    return frozenset(found)


def _spells(note: str, chars: str) -> bool:
    """Do the syllables of ``note`` (plain letters, tone digits, separators) read ``chars``, in order?"""
    ends = {0}  # positions in note reached after reading chars[:i]
    for ch in chars:
        reached = set()
        for p in ends:
            for r in _readings(ch):
                if note.startswith(r, p):
                    q = p + len(r)
                    if q < len(note) and note[q] in "012345":  # a tone number
                        q += 1
                    while q < len(note) and note[q] in _SEPARATORS:
                        q += 1
                    reached.add(q)
        if not reached:
            return False
        ends = reached
    return len(note) in ends


def _is_reading(note: str, han_before: str) -> bool:
    """Is the bracket ``note`` an annotation of the Han characters ``han_before`` (the last ones)?"""
    if _TONED_RE.fullmatch(note):
        return True
    inner = note[1:-1].strip()
    if inner != inner.lower():  # Xi Jinping, Beijing, GDP: a romanisation or an abbreviation, kept
        return False
    plain = _plain(inner)
    if not _PLAIN_RE.fullmatch(plain):
        return False
    n = len(han_before)
    return any(_spells(plain, han_before[n - k:]) for k in range(1, min(n, MAX_NOTE_SYLLABLES) + 1))


def _han_before(text: str, end: int, removed: list[tuple[int, int]]) -> str:
    """The Han characters right before ``end`` once the spans ``removed`` (sorted) are gone (at most 8)."""
    chars: list[str] = []
    k, i = len(removed) - 1, end - 1
    while i >= 0 and len(chars) < MAX_NOTE_SYLLABLES:
        if k >= 0 and removed[k][1] == i + 1:  # jump over a removed annotation
            i = removed[k][0] - 1
            k -= 1
            continue
        if not _HAN_RE.match(text, i):
            break
        chars.append(text[i])
        i -= 1
    return "".join(reversed(chars))


def pinyin_note_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every pinyin annotation :func:`remove_pinyin_annotations` removes.

    The annotations of a run right after Han characters are read in order,
    each against the Han characters before it with the earlier ones removed;
    the first bracket that is not an annotation ends the run (it and the rest
    of the run are kept), so that removing them again finds nothing more.

    Example:
        >>> pinyin_note_spans("发生的(de)历史(GDP)")
        [(3, 7)]
    """
    spans: list[tuple[int, int]] = []
    for run in _RUN_RE.finditer(text):
        han = _han_before(text, run.start(), spans)
        for note in _NOTE_RE.finditer(text, run.start(), run.end()):
            if not _is_reading(note.group(), han):
                break
            spans.append(note.span())
    return spans


def remove_pinyin_annotations_counted(text: str, count: bool = True) -> tuple[str, int]:
    if "(" not in text and "（" not in text:
        return text, 0
    spans = pinyin_note_spans(text)
    return cut_spans(text, spans), len(spans)


def remove_pinyin_annotations(text: str) -> str:
    """Remove the pinyin annotations inserted after Han characters.

    An annotation is a bracket (half- or full-width) right after a Han
    character that holds either tone-marked pinyin (one to six syllables with
    at least one tone mark or ``ü``: ``傳達(dá)`` → ``傳達``, ``創新(chuàng
    xīn)`` → ``創新``), or lower-case syllables without tone marks, with tone
    numbers or with none, that spell readings of the Han characters right
    before it, any reading of each (pypinyin's dictionary; ``ü`` written ``ü``,
    ``v``, ``u:`` or ``u``; spaces, apostrophes, hyphens or nothing between the
    syllables): ``发生的(de)历史`` → ``发生的历史``, ``学习(xue2 xi2)``,
    ``创新(chuangxin)``. Tone numbers are not checked against the readings
    (scrapes write neutral tones and tone sandhi every way).

    A capitalised romanisation is kept even when it spells the characters'
    readings: ``习近平(Xi Jinping)``, ``北京(Beijing)`` are the document's
    own glosses (official texts capitalise names), not a converter's notes,
    which are lower case. Kept too: brackets holding anything else
    (``(2022)``, ``（试行）``, ``(C3线)``, ``(GDP)``, ``(PM2.5)``, ``(ok)``,
    English glosses) and brackets that do not follow a Han character.

    Args:
        text: the text to clean.

    Returns:
        The text without pinyin annotations.

    Example:
        >>> remove_pinyin_annotations("會議傳達(dá)學(xué)習(xí)了《条例（试行）》(2022)")
        '會議傳達學習了《条例（试行）》(2022)'
        >>> remove_pinyin_annotations("发生的(de)历史性变革，学习(xue2 xi2)，习近平(Xi Jinping)，产值(GDP)")
        '发生的历史性变革，学习，习近平(Xi Jinping)，产值(GDP)'
    """
    return remove_pinyin_annotations_counted(text, count=False)[0]
