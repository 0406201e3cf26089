"""Chinese labels that fit: wrapping between words, vertical writing."""

from __future__ import annotations

import textwrap
from functools import lru_cache

from ..segment import tokenize

_BREAK_AFTER = set("、，,；;：:·/")
_NO_LINE_START = set("、，,。；;：:！？!?）)》」』”’")
_PARTICLES = set("的之和与及同")  # a one-character word that stays with the word before


@lru_cache(maxsize=1024)
def _word_pieces(text: str) -> tuple[str, ...]:
    """Split a Chinese label into pieces a line may break between.

    The label is cut into words by a plain jieba (stock dictionary, no
    lexicon, so 全过程人民民主 → 全过程 / 人民民主); punctuation stays with the
    word before it, a particle (的, 和, 同…) too, and any other one-character
    word joins the word after it (新 + 时代, 以 + 习近平), so no line starts
    with 、 or ends with a dangling 新.
    """
    try:
        tokens = tokenize(text, lexicon=[], engine="jieba", drop_whitespace=False)
    except Exception:  # pragma: no cover - segmenter unavailable: one character each
        tokens = list(text)
    pieces: list[str] = []
    glue_next = False
    for tok in tokens:
        if pieces and (tok[0] in _NO_LINE_START or tok.isspace() or tok in _PARTICLES):
            pieces[-1] += tok
        elif pieces and glue_next:
            pieces[-1] += tok
        else:
            pieces.append(tok)
        glue_next = len(tok) == 1 and tok not in _PARTICLES and tok[0] not in _NO_LINE_START
    return tuple(pieces)


def _greedy_lines(pieces: tuple[str, ...], width: int) -> list[str]:
    """Pack pieces into lines of at most ``width`` characters, first fit."""
    lines = [""]
    for p in pieces:
        if lines[-1] and len(lines[-1]) + len(p) > width:
            lines.append("")
        lines[-1] += p
    return lines


def _best_lines(pieces: tuple[str, ...], width: int) -> list[str]:
    """Try every set of breaks; keep the one that fits in fewest, most even lines."""
    n = len(pieces)
    best = None
    for mask in range(1 << (n - 1)):
        lines, cur = [], pieces[0]
        soft = 0  # breaks not after punctuation
        for k in range(1, n):
            if mask >> (k - 1) & 1:
                lines.append(cur)
                soft += cur[-1] not in _BREAK_AFTER
                cur = pieces[k]
            else:
                cur += pieces[k]
        lines.append(cur)
        lengths = [len(x) for x in lines]
        longest = max(lengths)
        score = (max(0, longest - width), len(lines), soft, longest - min(lengths))
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1]


def wrap_label(label: object, width: int) -> str:
    """Wrap a label to lines of about ``width`` characters, never inside a word.

    Chinese is broken between words (plain jieba, see :func:`_word_pieces`),
    after punctuation (、，；) where possible, in as few lines as fit ``width``
    and as even as possible: 全过程人民民主 → 全过程 / 人民民主,
    把方向、管大局、保落实 → 把方向、/ 管大局、/ 保落实. A word longer than
    ``width`` stays whole on its line. Latin text breaks at spaces only.

    Example:
        >>> wrap_label("全过程人民民主", 5).split("\\n")
        ['全过程', '人民民主']
    """
    text = str(label)
    if width <= 0 or len(text) <= width:
        return text
    if not any(ord(ch) >= 0x2E80 for ch in text):  # Latin: break at spaces only, never inside a word
        return "\n".join(textwrap.wrap(text, width=width, break_long_words=False))
    pieces = _word_pieces(text)
    if len(pieces) <= 1:
        return text
    if len(pieces) > 16:  # very long label: greedy packing
        return "\n".join(_greedy_lines(pieces, width))
    return "\n".join(_best_lines(pieces, width))


def is_cjk(label: object) -> bool:
    """True if every character of ``label`` is CJK (from U+2E80 on)."""
    return all(ord(ch) >= 0x2E80 for ch in str(label))


def vertical(label: object) -> str:
    """Stack a Chinese label one character per line (vertical writing)."""
    return "\n".join(str(label)) if is_cjk(label) else str(label)
