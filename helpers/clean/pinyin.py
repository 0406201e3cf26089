"""Pinyin annotations: ``達(dá)`` → ``達``.

Also the owner of the tone-marked pinyin letters (:data:`TONE_MARKS`,
:data:`PINYIN_LETTERS`), which :mod:`helpers.clean.diagnose` uses to spot
damaged annotations and rare-character placeholders.
"""

from __future__ import annotations

import re

from .._chars import HAN

__all__ = ["remove_pinyin_annotations"]

#: Vowels with a tone mark, ``ü`` and the rare tone-marked consonants.
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: The letters of a pinyin syllable, as the inside of a regex character class.
PINYIN_LETTERS = "a-z" + TONE_MARKS


_SYLLABLE = f"[{PINYIN_LETTERS}]+"
_ANNOTATION = (f"[(（]\\s*(?=[^)）]*[{TONE_MARKS}])"  # at least one tone mark (or ü) inside
               f"{_SYLLABLE}(?:[ '’\\-]{_SYLLABLE}){{0,5}}\\s*[)）]")
_PINYIN_RE = re.compile(f"(?<=[{HAN}])(?:{_ANNOTATION})+", re.IGNORECASE)
_ONE_ANNOTATION_RE = re.compile(_ANNOTATION, re.IGNORECASE)
# every annotation holds a tone mark (or ü): texts without one are skipped
_TONE_MARK_RE = re.compile(f"[{TONE_MARKS}]", re.IGNORECASE)
# the same characters without IGNORECASE (which makes sre fold the case of
# every character it scans): the tone marks and their upper case forms
_TONE_MARK_CASED_RE = re.compile("[" + "".join(sorted(set(TONE_MARKS + TONE_MARKS.upper()))) + "]")


def remove_pinyin_annotations_counted(text: str, count: bool = True) -> tuple[str, int]:
    if not _TONE_MARK_CASED_RE.search(text):
        return text, 0
    if not count:
        return _PINYIN_RE.sub("", text), 0
    n = 0

    def drop(m):
        nonlocal n
        n += len(_ONE_ANNOTATION_RE.findall(m.group()))
        return ""

    return _PINYIN_RE.sub(drop, text), n


def remove_pinyin_annotations(text: str) -> str:
    """Remove tone-marked pinyin annotations inserted after Han characters.

    An annotation is a bracket (half- or full-width) holding one to six pinyin
    syllables with at least one tone mark or ``ü``, right after a Han
    character: ``傳達(dá)`` → ``傳達``, ``創新(chuàng xīn)`` → ``創新``.
    Brackets holding anything else (``(2022)``, ``（试行）``, ``(C3线)``,
    ``(區)``, ``(ok)``) are kept.

    Args:
        text: the text to clean.

    Returns:
        The text without pinyin annotations.

    Example:
        >>> remove_pinyin_annotations("會議傳達(dá)學(xué)習(xí)了《条例（试行）》(2022)")
        '會議傳達學習了《条例（试行）》(2022)'
    """
    return remove_pinyin_annotations_counted(text, count=False)[0]
