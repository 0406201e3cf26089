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

from ..clean.query import normal_lexicon

# characters whose handling by rjieba is checked to be the same as jieba's
RJIEBA_UNSAFE = re.compile(
    r"[^\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-!-/:-@\[-`{-~\u2010-\u2027\u3001-\u3011\uFF01-\uFF5E]"
)


#: the version of the matching rule of docs/matching.md, recorded in every provenance record
MATCHING_RULE = "tifa-match-2: each term on its own; its forms leftmost-longest; not_in respected; concepts on request"


class Forms(tuple):
    """Sorted lexicon forms with their guards: the key every cached pattern and segmenter is built for.

    ``guards`` are ``(form, left, right)`` triples from the lexicon's
    ``not_in`` column: ``form`` does not match where ``left`` stands before it
    and ``right`` after it (全面深化改革 in 全面深化改革开放: left ``""``,
    right ``开放``). A plain tuple of forms has no guards.
    """

    def __new__(cls, forms=(), guards=()):
        obj = super().__new__(cls, forms)
        obj.guards = tuple(sorted(set(guards)))
        return obj

    def __eq__(self, other):
        return tuple.__eq__(self, other) and self.guards == guards_of(other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((tuple(self), self.guards))

    def __reduce__(self):
        return (Forms, (tuple(self), self.guards))


def guards_of(forms) -> tuple[tuple[str, str, str], ...]:
    """The guards of ``forms`` (a :class:`Forms`), or none (a plain tuple)."""
    return getattr(forms, "guards", ())


def lexicon_guards(lex) -> tuple[tuple[str, str, str], ...]:
    """(form, left, right) for every form of a term at every place it stands in one of the term's ``not_in`` strings."""
    if "not_in" not in lex.columns:
        return ()
    out = set()
    for term, variants, contexts in zip(lex["term"], lex["variants"], lex["not_in"]):
        for ctx in contexts or ():
            for form in (term, *variants):
                at = ctx.find(form)
                while at != -1:
                    out.add((form, ctx[:at], ctx[at + len(form):]))
                    at = ctx.find(form, at + 1)
    return tuple(sorted(out))


def lexicon_forms(lexicon) -> Forms:
    """The lexicon's terms and variants (normalised as the text is), sorted, with their guards."""
    lex = normal_lexicon(lexicon)
    forms = [f for t, v in zip(lex["term"], lex["variants"]) for f in (t, *v)]
    return Forms(sorted(dict.fromkeys(forms)), lexicon_guards(lex))


def blocked(text: str, p: int, form: str, guards) -> bool:
    """True when ``form`` at position ``p`` of ``text`` stands in one of its ``not_in`` strings."""
    return any(f == form and p >= len(left) and text.startswith(left, p - len(left))
               and text.startswith(right, p + len(form)) for f, left, right in guards)


def end_guard(form: str, guards) -> str:
    """Zero-width regex, placed where ``form`` ends: fails where the form stands in a ``not_in`` string."""
    return "".join(f"(?!(?<={re.escape(left + f)}){re.escape(right)})" for f, left, right in guards if f == form)


def trie_regex(words, guards=()) -> str:
    """A regex matching any of ``words``, preferring the longest at a position (``guards``: see :class:`Forms`)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, path: str) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(node[ch], path + ch) for ch in sorted(k for k in node if k)]
        guard = end_guard(path, guards) if end and guards else ""
        if not alts:
            return guard
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if guard:  # the longer form first, else the end of this form where it is not guarded
            return f"(?:{body}|{guard})"
        if end:  # optional extension: greedy, so the longer form is tried first
            return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return build(trie, "")


@lru_cache(maxsize=32)
def prepass_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """The pre-pass regex of :func:`lexicon_pattern`, for sorted lexicon forms."""
    alt = trie_regex(forms, guards_of(forms))
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
    alt = trie_regex(forms, guards_of(forms)) or "(?!)"
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
