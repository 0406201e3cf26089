"""The counting kernel: substring counts of terms and their variants.

:func:`count_matrix` counts every form of many terms in one scan of each text
(non-overlapping, the longest form winning where forms nest), :func:`per_10k`
turns counts into rates per 10,000 Han characters, and the small corpus
accessors (:func:`corpus_texts`, :func:`doc_ids`, :func:`doc_order`) are shared
by every analysis of :mod:`helpers.textstat` and :mod:`helpers.research`.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from ..clean.query import normal_forms, normal_lexicon, normalize_query
from ..segment.index import INDEX_MIN_CHARS, FormIndex
from ..segment.patterns import MATCHING_RULE, Forms, blocked, lexicon_guards, trie_regex



def corpus_texts(corpus: pd.DataFrame) -> list[str]:
    """The texts of a corpus as strings (a missing text is "")."""
    if len(corpus) == 0:
        return []
    return corpus["text"].fillna("").astype(str).tolist()


def doc_ids(corpus: pd.DataFrame) -> list[str]:
    """The doc_ids of a corpus as strings."""
    if len(corpus) == 0:
        return []
    return corpus["doc_id"].astype(str).tolist()


def as_list(by) -> list[str]:
    """A ``by=`` argument (``None``, a column name or several) as a list of column names."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def doc_order(corpus: pd.DataFrame) -> pd.DataFrame:
    """Documents sorted oldest first (date, then year, then corpus order)."""
    keys = [c for c in ("date", "year") if c in corpus.columns]
    order = corpus.assign(_row=np.arange(len(corpus)))
    return order.sort_values([*keys, "_row"], kind="stable", na_position="last")


def forms_of_terms(lex: pd.DataFrame, terms=None, *, concepts: bool = False) -> list[tuple[str, str, list[str]]]:
    """(term, category, forms) for the lexicon, or for ``terms`` (any strings).

    Terms, variants and queries are normalised as the text is
    (:func:`helpers.clean.query.normalize_query`). A query that names a
    concept group (the lexicon's ``concept`` column) gets the forms of all
    its terms; ``concepts=True`` gives one row per concept (a term without
    one stands for itself) instead of one per term.
    """
    lex = normal_lexicon(lex)
    table = {t: (c, [t, *v]) for t, c, v in zip(lex["term"], lex["category"], lex["variants"])}
    groups = concept_forms(lex)
    if terms is None:
        if not concepts:
            return [(t, c, f) for t, (c, f) in table.items()]
        named = dict.fromkeys(g or t for t, g in zip(lex["term"], lex["concept"]))
        return [(n, *groups[n]) if n in groups else (n, *table[n]) for n in named]
    if isinstance(terms, str):
        terms = [terms]
    out = []
    for t in dict.fromkeys(normalize_query(t) for t in terms):
        if not t:
            continue
        c, f = table.get(t) or groups.get(t) or ("", [t])
        out.append((t, c, f))
    return out


def concept_forms(lex: pd.DataFrame) -> dict[str, tuple[str, list[str]]]:
    """{concept: (category of its first term, the forms of all its terms)} of the lexicon's concept groups."""
    out: dict[str, tuple[str, list[str]]] = {}
    if "concept" not in lex.columns:
        return out
    for t, c, v, g in zip(lex["term"], lex["category"], lex["variants"], lex["concept"]):
        if g:
            cat, forms = out.setdefault(g, (c, []))
            forms.extend(normal_forms([t, *v]))
    return out


def term_guards(lex: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    """The ``not_in`` guards of the (normalised) lexicon: see :class:`helpers.segment.patterns.Forms`."""
    return lexicon_guards(normal_lexicon(lex))


def _self_overlaps(form: str) -> bool:
    """True when two occurrences of ``form`` can overlap (哈哈 in 哈哈哈)."""
    return any(form[:k] == form[-k:] for k in range(1, len(form)))


class _TermCounter:
    """Count the forms of many terms in one scan of each text.

    The counts are those of the simple procedure, term by term: the sum of
    ``text.count(form)`` over a term's forms when none of them contains
    another, and otherwise the number of non-overlapping matches of a regex
    preferring the longest form, left to right (a stretch where forms nest is
    counted once). ``tests/test_speed_equivalence.py`` keeps that procedure
    and checks the two agree.

    One regex finds, at every position, the longest form of any term starting
    there (a lookahead, so occurrences may overlap). Every form that occurs at
    that position is a prefix of that longest one, so the positions of every
    form follow from a table of each form's prefixes that are forms too.
    Texts of :data:`helpers.segment.INDEX_MIN_CHARS` characters or more are
    scanned with :class:`helpers.segment.FormIndex` (numpy) instead of the
    regex: the same longest form per position, three to four times faster.
    """

    def __init__(self, term_forms: tuple[tuple[str, ...], ...], guards=()):
        self.guards = tuple(g for g in guards if any(g[0] in forms for forms in term_forms))
        self.guarded = {f for f, _, _ in self.guards}
        self.terms = [list(dict.fromkeys(f for f in forms if f)) for forms in term_forms]
        all_forms = sorted({f for forms in self.terms for f in forms})
        form_set = set(all_forms)
        self.prefixes = {f: [f[:k] for k in range(1, len(f) + 1) if f[:k] in form_set] for f in all_forms}
        self.overlapping = {f for f in all_forms if _self_overlaps(f)}
        self.nested = [any(a != b and a in b for a in forms for b in forms) for forms in self.terms]
        self.terms_of: dict[str, list[int]] = {}
        for j, forms in enumerate(self.terms):
            for f in forms:
                self.terms_of.setdefault(f, []).append(j)
        self.pattern = None
        if all_forms:
            # the first character (and, for longer forms, the second) must
            # fit before the trie is tried: most positions fail right there
            firsts = "".join(sorted({re.escape(f[0]) for f in all_forms if len(f) > 1}))
            seconds = "".join(sorted({re.escape(f[1]) for f in all_forms if len(f) > 1}))
            singles = "".join(sorted({re.escape(f) for f in all_forms if len(f) == 1}))
            heads = "|".join(h for h in (f"[{firsts}][{seconds}]" if firsts else "",
                                         f"[{singles}]" if singles else "") if h)
            self.pattern = re.compile(f"(?=(?:{heads}))(?=({trie_regex(all_forms, self.guards)}))")
        # the same longest-form-per-position scan with numpy, for texts of a few hundred characters or more
        self.forms = Forms(all_forms, self.guards)
        self.index = FormIndex.build(self.forms) if all_forms else None

    def starts(self, text: str) -> dict[int, int]:
        """{position: length of the longest form starting there}, ascending."""
        if self.pattern is None:
            return {}
        if self.index is not None and len(text) >= INDEX_MIN_CHARS:
            return self.index.starts(text)
        return {m.start(): len(m.group(1)) for m in self.pattern.finditer(text)}

    def positions(self, text: str, starts: dict[int, int] | None = None) -> dict[str, list[int]]:
        """Every start position of every form in ``text`` (ascending).

        ``starts`` is :meth:`starts` of ``text`` when the caller has it already
        (the pipeline shares one scan between segmentation and slogan counts).
        """
        found: dict[str, list[int]] = {}
        if starts is None:
            starts = self.starts(text)
        prefixes, guarded = self.prefixes, self.guarded
        for p, k in starts.items():
            for f in prefixes[text[p:p + k]]:
                if guarded and f in guarded and blocked(text, p, f, self.guards):
                    continue
                found.setdefault(f, []).append(p)
        return found

    def count(self, text: str, starts: dict[int, int] | None = None) -> dict[int, int]:
        """{term index: count} for the terms that occur in ``text``."""
        found = self.positions(text, starts)
        touched = sorted({j for f in found for j in self.terms_of[f]})
        out = {}
        for j in touched:
            forms = [f for f in self.terms[j] if f in found]
            if self.nested[j]:
                out[j] = _leftmost_longest(forms, found)
            else:
                out[j] = sum(_non_overlapping(found[f], len(f)) if f in self.overlapping else len(found[f])
                             for f in forms)
        return out


def _non_overlapping(positions: list[int], length: int) -> int:
    """``str.count``: occurrences taken left to right, skipping overlaps."""
    n, end = 0, -1
    for p in positions:
        if p >= end:
            n += 1
            end = p + length
    return n


def _leftmost_longest(forms: list[str], found: dict[str, list[int]]) -> int:
    """Matches of a regex over ``forms`` preferring the longest, left to right."""
    longest: dict[int, int] = {}
    for f in forms:
        for p in found[f]:
            if len(f) > longest.get(p, 0):
                longest[p] = len(f)
    n, end = 0, -1
    for p in sorted(longest):
        if p >= end:
            n += 1
            end = p + longest[p]
    return n


@functools.lru_cache(maxsize=16)
def term_counter(term_forms: tuple[tuple[str, ...], ...], guards=()) -> _TermCounter:
    """The :class:`_TermCounter` of these forms per term and ``not_in`` guards (the last few are kept)."""
    return _TermCounter(term_forms, guards)


def count_matrix(texts: list[str], term_forms, guards=()) -> np.ndarray:
    """docs × terms array of substring counts (see :class:`_TermCounter`; ``guards``: :func:`term_guards`)."""
    counts = np.zeros((len(texts), len(term_forms)), dtype=np.int64)
    if not texts or not term_forms:
        return counts
    counter = term_counter(tuple(tuple(forms) for _, _, forms in term_forms), tuple(guards))
    for i, text in enumerate(texts):
        for j, c in counter.count(text).items():
            counts[i, j] = c
    return counts


def per_10k(count, n_chars):
    """Rate per 10,000 Han characters (NaN where there are none)."""
    count = np.asarray(count, dtype=float)
    n_chars = np.asarray(n_chars, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n_chars > 0, count / n_chars * 10_000, np.nan)
