"""The regular expressions of the lexicon pre-pass: a character trie of the forms.

:func:`prepass_pattern` is the reference pre-pass (a lexicon form, longest at
a position, else a run of whitespace); :func:`fixed_pattern` is the fast
path's, which also splits off every character rjieba might handle unlike
jieba (:data:`RJIEBA_UNSAFE`). Both take the sorted lexicon forms of
:func:`lexicon_forms`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import lexicon_terms

# characters whose handling by rjieba is checked to be the same as jieba's
RJIEBA_UNSAFE = re.compile(
    r"[^\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-!-/:-@\[-`{-~\u2010-\u2027\u3001-\u3011\uFF01-\uFF5E]"
)


def lexicon_forms(lexicon) -> tuple[str, ...]:
    """The lexicon's terms and variants, sorted: the key every cached pattern and segmenter is built for."""
    return tuple(sorted(lexicon_terms(lexicon)))


def trie_regex(words) -> str:
    """A regex matching any of ``words``, preferring the longest at a position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:  # optional extension: greedy, so the longer form is tried first
            return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return build(trie)


@lru_cache(maxsize=32)
def prepass_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """The pre-pass regex of :func:`lexicon_pattern`, for sorted lexicon forms."""
    alt = trie_regex(forms)
    if alt:
        return re.compile(f"(?P<term>{alt})|(?P<space>\\s+)")
    return re.compile(r"(?P<term>(?!))|(?P<space>\s+)")


def lexicon_pattern(lexicon=None) -> re.Pattern:
    """Return the compiled pre-pass regex for a lexicon.

    Group ``term`` matches a lexicon form (longest at a position), group
    ``space`` a run of whitespace.

    Example:
        >>> lexicon_pattern(["两个", "两个确立"]).search("坚持两个确立").group()
        '两个确立'
    """
    return prepass_pattern(lexicon_forms(lexicon))


@lru_cache(maxsize=32)
def fixed_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """The fast path's scan: group ``term`` (a form), ``space`` (whitespace) or ``other`` (one unsafe character)."""
    alt = trie_regex(forms) or "(?!)"
    unsafe = RJIEBA_UNSAFE.pattern
    # A lookahead on the first two characters of a form (or a single-character
    # form) rejects most positions before the trie is tried: 4x faster.
    firsts = _char_class(f[0] for f in forms if len(f) > 1)
    seconds = _char_class(f[1] for f in forms if len(f) > 1)
    singles = _char_class(f for f in forms if len(f) == 1)
    heads = [f"[{firsts}][{seconds}]" if firsts else "", f"[{singles}]" if singles else "", "\\s", unsafe]
    look = "|".join(h for h in heads if h)
    return re.compile(f"(?={look})(?:(?P<term>{alt})|(?P<space>\\s+)|(?P<other>{unsafe}))")


def _char_class(chars) -> str:
    return "".join(re.escape(ch) for ch in sorted(set(chars)))
