"""Segmentation: jieba (or rjieba) plus a lexicon pre-pass that keeps 提法 whole.

Plain jieba splits official formulations (两个/确立, 全过程/人民/民主), so every
count built on its tokens is wrong. tifa therefore segments in two steps, and
this two-step procedure is the *reference* definition of a tifa token:

1. **Lexicon pre-pass.** The text is scanned left to right with one compiled
   regular expression (a character trie of every lexicon term and variant, so
   that at each position the *longest* form wins; the leftmost match wins over a
   later, overlapping one). Every match is emitted as one token. Every maximal
   run of whitespace is one token (dropped by default).
2. **Engine on the gaps.** Each stretch of text between two matches is split
   as jieba itself does first: every run of the characters jieba's dictionary
   step handles (``jieba.re_han_default``: U+4E00–U+9FD5, ASCII letters and
   digits, ``+#&._%-``) is cut by the engine, ``cut(run, HMM=hmm)``; every
   other character is a token on its own. The engine uses its stock
   dictionary plus every lexicon form not already in it, added with the
   frequency ``jieba.Tokenizer.suggest_freq(form)`` computed on the stock
   dictionary (the same numbers for both engines). With ``hmm=True``, a
   non-Han run that jieba's HMM step would re-split (``2011-2020`` ->
   ``2011``, ``-``, ``2020``) is re-split the same way for rjieba.

A gap never contains a whole lexicon form (the scan would have matched it), so
the added words only matter when a tokenizer from :func:`get_tokenizer` is used
directly. Terms are therefore never split, whatever their context, and the
output is lossless: joining the tokens gives back the text (without whitespace
when ``drop_whitespace=True``).

Engines: ``"jieba"`` (the reference, pure Python) and ``"rjieba"`` (the Rust
jieba-rs binding). ``"auto"`` means rjieba, chosen because the test suite checks
that it gives token-for-token the same output as jieba, with ``hmm=True``, on
every bundled document (and on random mixed text); see :data:`AUTO_ENGINE`.

For rjieba, tifa does not call the engine once per gap: every lexicon match,
whitespace run and character split off in step 2 is replaced by a
one-character whitespace sentinel, the whole document is cut in one call (the
engine treats whitespace as a block boundary, so each piece is cut as its gap
alone would be), and the sentinels are swapped back (:class:`_Segmenter`; the
tests check it against the per-gap procedure). On texts of 256 characters or
more the lexicon matches are found with numpy (:class:`FormIndex`, tested
equal to the regex) rather than the regex. Segmentation plus counting runs at
about 13 MB/s on one core, against 1.6 MB/s for plain jieba and 28 MB/s for
the engine alone (see ``benchmarks/README.md``).

Corpus-level functions (:func:`tokens_table`, :func:`segment_texts`,
:func:`iter_segments`, and the token counts of :mod:`helpers.textstat`) take
``n_jobs`` (default: all cores; worker processes only for corpora of at least
:data:`PARALLEL_MIN_CHARS` characters, same result for any value),
``progress`` (a tqdm bar, by default only above :data:`PROGRESS_MIN_CHARS`)
and ``cache`` (the Parquet token cache of :mod:`helpers.cache`).

Example:
    >>> tokenize("坚持两个确立，发展全过程人民民主。", lexicon=["两个确立", "全过程人民民主"])
    ['坚持', '两个确立', '，', '发展', '全过程人民民主', '。']
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import Counter, deque
from itertools import accumulate, islice
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import Iterator

import numpy as np
import pandas as pd

from ._chars import HAN as HAN_CLASS
from ._chars import HAN_RE as _HAN_RE
from ._chars import count_han, is_word
from ._parallel import balanced_runs, default_n_jobs, in_order, mp_context, progress_bar, resolve_n_jobs
from .lexicon import as_lexicon, lexicon_hash, lexicon_terms

__all__ = [
    "AUTO_ENGINE",
    "ENGINES",
    "HAN_CLASS",
    "get_tokenizer",
    "tokenize",
    "tokenize_spans",
    "tokens_table",
    "is_word",
    "count_han",
    "lexicon_pattern",
    "segment_texts",
    "iter_segments",
    "default_n_jobs",
]

ENGINES = ("jieba", "rjieba")
#: the engine ``engine="auto"`` resolves to (equivalence with jieba is tested)
AUTO_ENGINE = "rjieba"
# jieba.re_han_default: the characters jieba segments with its dictionary
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")
# characters whose handling by rjieba is checked to be the same as jieba's
_RJIEBA_UNSAFE = re.compile(
    r"[^\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-!-/:-@\[-`{-~\u2010-\u2027\u3001-\u3011\uFF01-\uFF5E]"
)
# jieba.finalseg.re_skip: how jieba's HMM step splits non-Han runs
_ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


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
def _compiled(forms: tuple[str, ...]) -> re.Pattern:
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
    return _compiled(tuple(sorted(lexicon_terms(lexicon))))


def _quiet_jieba():
    import jieba

    # jieba logs "Building prefix dict..." through its own logger only.
    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=1)
def stock_jieba():
    jieba = _quiet_jieba()
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _user_words(forms: tuple[str, ...]) -> list[tuple[str, int]]:
    """Lexicon forms missing from the stock dictionary, with their frequency.

    Computing them needs jieba's stock dictionary (80 MB, half a second), so
    the result is kept in the cache folder (:mod:`helpers.cache`) and rjieba
    runs without loading jieba at all.
    """
    from .cache import load_user_words, store_user_words

    words = load_user_words(forms)
    if words is None:
        stock = stock_jieba()
        words = [(w, stock.suggest_freq(w, False)) for w in forms if not stock.FREQ.get(w)]
        store_user_words(forms, words)
    return words


_TOKENIZERS: dict[tuple[str, str], object] = {}


def resolve_engine(engine: str) -> str:
    if engine == "auto":
        return AUTO_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"engine must be 'auto', 'jieba' or 'rjieba', not {engine!r}")
    return engine


def get_tokenizer(lexicon=None, *, engine: str = "jieba"):
    """Return a dedicated segmenter instance with the lexicon added as user words.

    Never the global jieba instance, so one corpus's dictionary cannot leak into
    another. Instances are cached per (lexicon hash, engine).

    Args:
        lexicon: anything :func:`helpers.lexicon.load_lexicon` accepts
            (``None`` = bundled lexicon).
        engine: ``"jieba"`` (a ``jieba.Tokenizer``), ``"rjieba"`` (an
            ``rjieba.Jieba``) or ``"auto"``.

    Returns:
        The engine's tokenizer object. Use :func:`tokenize` for tifa's tokens:
        the tokenizer alone keeps terms whole in most but not all contexts.

    Example:
        >>> tok = get_tokenizer(["全过程人民民主"], engine="jieba")
        >>> list(tok.cut("发展全过程人民民主"))
        ['发展', '全过程人民民主']
    """
    engine = resolve_engine(engine)
    forms = tuple(sorted(lexicon_terms(lexicon)))
    key = (lexicon_hash(list(forms)), engine)
    if key not in _TOKENIZERS:
        words = _user_words(forms)
        if engine == "jieba":
            jieba = _quiet_jieba()
            tok = jieba.Tokenizer()
            tok.initialize()
            for w, f in words:
                tok.add_word(w, freq=f)
        else:
            import rjieba

            tok = rjieba.Jieba()
            for w, f in words:
                tok.add_word(w, f, None)
        _TOKENIZERS[key] = tok
    return _TOKENIZERS[key]


def _cutter(lexicon, engine: str, hmm: bool):
    tok = get_tokenizer(lexicon, engine=engine)
    if engine == "jieba":
        return lambda s: tok.cut(s, HMM=hmm)
    if not hmm:
        return lambda s: tok.cut(s, False)

    def cut(s: str) -> list[str]:
        # jieba's HMM step re-splits a run of non-Han characters that is not a
        # dictionary word with its ``re_skip`` rule ("2011-2020" ->
        # "2011", "-", "2020"); jieba-rs keeps the run whole. Do as jieba does.
        out = []
        for t in tok.cut(s, True):
            if len(t) > 1 and not _HAN_RE.search(t) and not _ALNUM_RUN.fullmatch(t) and not tok.has_word(t):
                out.extend(x for x in _ALNUM_RUN.split(t) if x)
            else:
                out.append(t)
        return out

    return cut


# ---------------------------------------------------------------- fast path
#
# The reference procedure above calls the engine once per gap and handles
# every token in Python: about 20 times slower than the engine itself. For
# rjieba, :class:`_Segmenter` gives the same tokens with one engine call per
# document: every lexicon match, whitespace run and "unsafe" character (one
# the reference splits off before calling the engine) is replaced by a
# one-character whitespace sentinel. The engine treats whitespace as a block
# boundary and returns each sentinel as a token of its own, so the pieces
# between sentinels are cut exactly as the gaps are one by one; the sentinels
# are then swapped back for the matched text. Tokens that jieba's HMM step
# would re-split are looked up once per distinct token (memoised). The test
# suite checks this path against the reference jieba output.

# a token jieba's HMM step may re-split has a letter or digit next to one of +#&._%-
_RESPLIT_HINT = re.compile(r"[a-zA-Z0-9][+#&._%\-]|[+#&._%\-][a-zA-Z0-9]")
_FIXED = "\n"  # sentinel of a kept token (lexicon match, unsafe character, kept whitespace)
_DROPPED = " "  # sentinel of a dropped whitespace run


@lru_cache(maxsize=32)
def _fixed_pattern(forms: tuple[str, ...]) -> re.Pattern:
    alt = trie_regex(forms) or "(?!)"
    unsafe = _RJIEBA_UNSAFE.pattern
    # A lookahead on the first two characters of a form (or a single-character
    # form) rejects most positions before the trie is tried: 4x faster.
    firsts = _char_class(f[0] for f in forms if len(f) > 1)
    seconds = _char_class(f[1] for f in forms if len(f) > 1)
    singles = _char_class(f for f in forms if len(f) == 1)
    heads = [f"[{firsts}][{seconds}]" if firsts else "", f"[{singles}]" if singles else "", "\\s", unsafe]
    look = "|".join(h for h in heads if h)
    return re.compile(f"(?={look})(?:(?P<term>{alt})|(?P<space>\\s+)|(?P<other>{unsafe}))")


#: texts at least this long are scanned with :class:`FormIndex` (numpy), shorter ones with the regex
INDEX_MIN_CHARS = 256
# positions per numpy pass of :class:`FormIndex`
_INDEX_BLOCK = 1 << 20
# above this many (first, second character) cells, a lexicon is scanned with the regex
_INDEX_MAX_PAIRS = 1 << 22
# a run of the characters the fast path splits off (whitespace is among them);
# the pattern begins with a character class, so the regex engine skips to candidates
_UNSAFE_RUN = re.compile(f"{_RJIEBA_UNSAFE.pattern}{_RJIEBA_UNSAFE.pattern}*")
_WS_RUN = re.compile(r"\s+")
_MASK64 = (1 << 64) - 1
_HASH_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_HASH_INV = pow(_HASH_BASE, -1, 1 << 64)


class FormIndex:
    """The matches of :func:`_fixed_pattern`, found with numpy instead of the regex.

    The regex tries its lookahead at every character and then walks a trie of
    some 400 forms wherever the first two characters fit (a million positions
    at 20 MB): half as slow as the engine itself. Here, for a whole text at
    once: the code points whose character and next character are the first
    two of some form (lookup tables), then, for each such position and each
    form with those two characters, a polynomial hash of the text at that
    position (prefix sums modulo 2**64) compared with the form's. Hash hits
    are checked with ``str.startswith``, so a collision can never make a
    match; the longest checked form at a position wins, as in the trie. Then
    one pass in Python over the matches and the runs of whitespace and other
    split-off characters (:data:`_RJIEBA_UNSAFE`, a few per document) gives
    the regex's leftmost matches in order: a form first, else a whitespace
    run, else one split-off character. Tested equal to the regex.
    """

    def __init__(self, forms: tuple[str, ...]):
        multi = sorted({f for f in forms if len(f) >= 2}, key=lambda f: (f[:2], -len(f), f))
        self.forms = multi
        singles = sorted({f for f in forms if len(f) == 1})
        firsts = sorted({f[0] for f in multi})
        seconds = sorted({f[1] for f in multi})
        top = max((ord(ch) for ch in [*firsts, *seconds, *singles]), default=0) + 1
        # lookup tables over code points; the last entry (0) is what a larger code point clips to
        self.first = np.zeros(top + 1, dtype=np.int32)
        self.first[[ord(ch) for ch in firsts]] = np.arange(1, len(firsts) + 1)
        self.second = np.zeros(top + 1, dtype=np.int32)
        self.second[[ord(ch) for ch in seconds]] = np.arange(1, len(seconds) + 1)
        self.width = len(seconds) + 1
        self.single = np.zeros(top + 1, dtype=bool)
        self.single[[ord(ch) for ch in singles]] = True
        self.has_singles = bool(singles)
        pairs = sorted({f[:2] for f in multi})
        self.pair = np.zeros((len(firsts) + 1) * self.width, dtype=np.int64)
        first_of = {ch: i + 1 for i, ch in enumerate(firsts)}
        second_of = {ch: i + 1 for i, ch in enumerate(seconds)}
        for k, pr in enumerate(pairs):
            self.pair[first_of[pr[0]] * self.width + second_of[pr[1]]] = k + 1
        # forms grouped by their first two characters, longest first
        index = {pr: k for k, pr in enumerate(pairs)}
        cnt = np.zeros(len(pairs), dtype=np.int64)
        for f in multi:
            cnt[index[f[:2]]] += 1
        self.pair_cnt = cnt
        self.pair_off = np.cumsum(cnt) - cnt
        self.length = np.array([len(f) for f in multi], dtype=np.int64)
        self.hash = np.array([_form_hash(f) for f in multi], dtype=np.uint64)
        self.reach = max((len(f) for f in multi), default=1) - 1  # characters a match runs past its start
        self._pow = np.ones(1, dtype=np.uint64)
        self._inv = np.ones(1, dtype=np.uint64)

    @classmethod
    def build(cls, forms: tuple[str, ...]) -> "FormIndex | None":
        """The index, or None (the regex is used) when its pair table would be too big."""
        multi = [f for f in forms if len(f) >= 2]
        n_pairs = (len({f[0] for f in multi}) + 1) * (len({f[1] for f in multi}) + 1)
        return cls(forms) if n_pairs <= _INDEX_MAX_PAIRS else None

    def _powers(self, n: int):
        """B**j and B**-j modulo 2**64 for j < n."""
        if len(self._pow) < n:
            m = max(n, 2 * len(self._pow))
            pw = np.full(m, _HASH_BASE, dtype=np.uint64)
            pw[0] = 1
            inv = np.full(m, _HASH_INV, dtype=np.uint64)
            inv[0] = 1
            self._pow, self._inv = np.cumprod(pw), np.cumprod(inv)  # wraps modulo 2**64
        return self._pow, self._inv

    def starts(self, text: str) -> dict[int, int]:
        """{position: length of the longest form starting there}, in position order."""
        n = len(text)
        found: dict[int, int] = {}
        if n < 1:
            return found
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        if self.forms and n >= 2:
            # blocks of positions (with the longest form's reach past them): the arrays,
            # and the powers kept between calls, stay small for a book-length text
            for w0 in range(0, n - 1, _INDEX_BLOCK):
                self._block(text, cp[w0:w0 + _INDEX_BLOCK + self.reach], w0, found)
        if self.has_singles:
            for p in np.flatnonzero(self.single.take(cp, mode="clip")).tolist():
                found.setdefault(p, 1)
            found = dict(sorted(found.items()))
        return found

    def _block(self, text: str, cp: np.ndarray, w0: int, found: dict[int, int]) -> None:
        """Add to ``found`` the forms starting at ``w0 + i`` for ``i < _INDEX_BLOCK``."""
        m = len(cp)
        a = self.first.take(cp[:min(m - 1, _INDEX_BLOCK)], mode="clip")
        at = np.flatnonzero(a)
        if not len(at):
            return
        b = self.second.take(cp[at + 1], mode="clip")
        pid = self.pair[a[at].astype(np.int64) * self.width + b]
        ok = pid > 0
        at, pid = at[ok], pid[ok] - 1
        if not len(at):
            return
        # one row per (position, form with the position's first two characters)
        cnt = self.pair_cnt[pid]
        rows = int(cnt.sum())
        pos = np.repeat(at, cnt)
        form = np.arange(rows, dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt - self.pair_off[pid], cnt)
        end = pos + self.length[form]
        fits = end <= m
        pos, form, end = pos[fits], form[fits], end[fits]
        pw, inv = self._powers(m)
        prefix = np.zeros(m + 1, dtype=np.uint64)
        np.cumsum(cp.astype(np.uint64) * pw[:m], out=prefix[1:])
        hit = (prefix[end] - prefix[pos]) * inv[pos] == self.hash[form]
        forms = self.forms
        for p, f in zip((pos[hit] + w0).tolist(), form[hit].tolist()):
            # rows of a position come longest form first: the first checked one wins
            if p not in found and text.startswith(forms[f], p):
                found[p] = len(forms[f])

    def matches(self, text: str, starts: dict[int, int] | None = None) -> list[tuple[int, int, bool]]:
        """(start, end, is_space) of the leftmost matches, as ``_fixed_pattern(...).finditer``.

        ``starts``: :meth:`starts` of ``text``, when the caller has it already.
        """
        terms = self.starts(text) if starts is None else starts
        runs = [m.span() for m in _UNSAFE_RUN.finditer(text)]
        out = []
        if not runs:
            pos = 0
            for p, k in terms.items():
                if p >= pos:
                    out.append((p, p + k, False))
                    pos = p + k
            return out
        pos = 0  # everything before pos is consumed
        term_at = list(terms.items())
        ti, nt = 0, len(term_at)
        for s, e in runs:
            # terms starting before this run (and after pos)
            while ti < nt and term_at[ti][0] < s:
                p, k = term_at[ti]
                ti += 1
                if p >= pos:
                    out.append((p, p + k, False))
                    pos = p + k
            # inside the run: a term first, else a whitespace run, else one character
            q = max(s, pos)
            while q < e:
                while ti < nt and term_at[ti][0] < q:
                    ti += 1
                if ti < nt and term_at[ti][0] == q:
                    k = term_at[ti][1]
                    ti += 1
                    out.append((q, q + k, False))
                    q += k
                    continue
                m = _WS_RUN.match(text, q)
                if m is not None:
                    out.append((q, m.end(), True))
                    q = m.end()
                else:
                    out.append((q, q + 1, False))
                    q += 1
            pos = max(pos, q)
        while ti < nt:
            p, k = term_at[ti]
            ti += 1
            if p >= pos:
                out.append((p, p + k, False))
                pos = p + k
        return out


def _form_hash(form: str) -> int:
    h, b = 0, 1
    for ch in form:
        h = (h + ord(ch) * b) & _MASK64
        b = (b * _HASH_BASE) & _MASK64
    return h


def _char_class(chars) -> str:
    return "".join(re.escape(ch) for ch in sorted(set(chars)))


def lexicon_forms(lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon_terms(lexicon)))


@lru_cache(maxsize=16)
def segmenter(forms: tuple[str, ...], engine: str, hmm: bool) -> "_Segmenter":
    return _Segmenter(forms, engine, hmm)


class _Segmenter:
    """tifa's segmentation for one (lexicon forms, engine, hmm); see the module docstring."""

    def __init__(self, forms: tuple[str, ...], engine: str, hmm: bool):
        self.forms, self.engine, self.hmm = forms, engine, hmm
        self.tok = get_tokenizer(list(forms), engine=engine)
        self.pattern = _compiled(forms)
        self.fixed = _fixed_pattern(forms) if engine == "rjieba" else None
        self.index = FormIndex.build(forms) if engine == "rjieba" else None
        self._split: dict[str, list[str] | None] = {}

    def _resplit(self, t: str):
        """The pieces jieba's HMM step makes of token ``t``, or None to keep it."""
        try:
            return self._split[t]
        except KeyError:
            pass
        out = None
        if len(t) > 1 and not _HAN_RE.search(t) and not _ALNUM_RUN.fullmatch(t) and not self.tok.has_word(t):
            pieces = [x for x in _ALNUM_RUN.split(t) if x]
            out = pieces if pieces != [t] else None
        self._split[t] = out
        return out

    def _matches(self, text: str, starts: dict[int, int] | None = None) -> list[tuple[int, int, bool]]:
        """(start, end, is_space) of every match of :func:`_fixed_pattern`, in order.

        ``starts``: ``self.index.starts(text)``, when the caller has it already
        (only used for texts the index scans).
        """
        if len(text) >= INDEX_MIN_CHARS and self.index is not None:
            return self.index.matches(text, starts)
        return [(m.start(), m.end(), m.lastgroup == "space") for m in self.fixed.finditer(text)]

    def _engine_tokens(self, text: str, keep_ws: bool, resplit: bool = True, starts=None):
        """(engine tokens with sentinels, fixed tokens in order).

        With ``resplit=False`` the tokens jieba's HMM step would re-split are
        left whole (:meth:`counts` re-splits the distinct ones itself).
        """
        pieces, fixed, pos = [], [], 0
        for s, e, space in self._matches(text, starts):
            if s > pos:
                pieces.append(text[pos:s])
            if space and not keep_ws:
                pieces.append(_DROPPED)
            else:
                pieces.append(_FIXED)
                fixed.append(text[s:e])
            pos = e
        if pos == 0:
            joined = text
        else:
            pieces.append(text[pos:])
            joined = "".join(pieces)
        toks = self.tok.cut(joined, self.hmm) if joined else []
        if resplit and self._may_resplit(joined):
            # only an ASCII token mixing letters/digits with +#&._%- can be re-split
            bad = [t for t in set(toks) if t.isascii() and self._resplit(t) is not None]
            if bad:
                split = self._split
                out = []
                for t in toks:
                    p = split.get(t)
                    if p is None:
                        out.append(t)
                    else:
                        out.extend(p)
                toks = out
        return toks, fixed

    def _may_resplit(self, joined: str) -> bool:
        return self.hmm and _RESPLIT_HINT.search(joined) is not None

    def tokens(self, text: str, drop_whitespace: bool = True) -> list[str]:
        if self.fixed is None:
            return [t for t, _ in _reference_spans(text, self.forms, self.engine, self.hmm, drop_whitespace)]
        toks, fixed = self._engine_tokens(text, not drop_whitespace)
        if not fixed:
            return [t for t in toks if t != _DROPPED]
        it = iter(fixed)
        return [next(it) if t == _FIXED else t for t in toks if t != _DROPPED]

    def spans(self, text: str, drop_whitespace: bool = True) -> tuple[list[str], list[int]]:
        """Tokens and their character offsets."""
        if self.fixed is None:
            spans = _reference_spans(text, self.forms, self.engine, self.hmm, drop_whitespace)
            return [t for t, _ in spans], [s for _, s in spans]
        toks = self.tokens(text, drop_whitespace=False)
        starts = [0, *accumulate(map(len, toks))][:-1] if toks else []
        if drop_whitespace:
            keep = [i for i, t in enumerate(toks) if not t.isspace()]
            if len(keep) < len(toks):
                toks = [toks[i] for i in keep]
                starts = [starts[i] for i in keep]
        return toks, starts

    def counts(self, text: str, starts: dict[int, int] | None = None) -> Counter:
        """Token counts (whitespace dropped).

        ``starts``: ``self.index.starts(text)`` when the caller has it already.

        The same counts as ``Counter(self.tokens(text))``: the engine's tokens
        are counted first (in C), then the few distinct tokens jieba's HMM step
        would re-split are replaced by their pieces, and the sentinels by the
        matched text.
        """
        if self.fixed is None:
            return Counter(self.tokens(text))
        toks, fixed = self._engine_tokens(text, False, resplit=False, starts=starts)
        counts = Counter(toks)
        del toks
        counts.pop(_DROPPED, None)
        n_fixed = counts.pop(_FIXED, None)
        # a token to re-split holds one of +#&._%- next to a letter or digit, so the text does too
        if self.hmm and _RESPLIT_HINT.search(text):
            bad = [t for t in filter(str.isascii, counts) if self._resplit(t) is not None]
            for t in bad:
                k = counts.pop(t)
                for piece in self._split[t]:
                    counts[piece] += k
        if n_fixed:
            counts.update(fixed)
        return counts


def tokenize_spans(
    text: str,
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    drop_whitespace: bool = True,
) -> list[tuple[str, int]]:
    """Segment ``text`` and return (token, character offset) pairs.

    Same arguments as :func:`tokenize`.

    Example:
        >>> tokenize_spans("两个确立 决定性意义", lexicon=["两个确立"])
        [('两个确立', 0), ('决定性', 5), ('意义', 8)]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    engine = resolve_engine(engine)
    seg = segmenter(lexicon_forms(lexicon), engine, bool(hmm))
    return list(zip(*seg.spans(text, drop_whitespace)))


def _reference_spans(text: str, forms: tuple[str, ...], engine: str, hmm: bool,
                     drop_whitespace: bool) -> list[tuple[str, int]]:
    """The reference procedure (module docstring), one engine call per gap."""
    pattern = _compiled(forms)
    cut = _cutter(list(forms), engine, hmm)
    out: list[tuple[str, int]] = []

    def block(start: int, end: int) -> None:
        pos = start
        for tok in cut(text[start:end]):
            out.append((tok, pos))
            pos += len(tok)

    def gap(start: int, end: int) -> None:
        # jieba's own first step: cut only runs of its block characters; every
        # other character is a token by itself. jieba.cut does this itself, and
        # rjieba does the same for ASCII and common CJK punctuation; for any
        # other character (e.g. Han outside U+4E00-U+9FD5) split here first.
        if engine == "jieba" or not _RJIEBA_UNSAFE.search(text, start, end):
            block(start, end)
            return
        pos = start
        for m in _JIEBA_BLOCK.finditer(text, start, end):
            s, e = m.span()
            out.extend((text[i], i) for i in range(pos, s))
            block(s, e)
            pos = e
        out.extend((text[i], i) for i in range(pos, end))

    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        if s > pos:
            gap(pos, s)
        if m.lastgroup == "term" or not drop_whitespace:
            out.append((m.group(), s))
        pos = e
    if pos < len(text):
        gap(pos, len(text))
    return out


def tokenize(
    text: str,
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    drop_whitespace: bool = True,
) -> list[str]:
    """Segment ``text`` into tokens, keeping every lexicon term whole.

    Args:
        text: the text (clean text from ``load_corpus`` is expected).
        lexicon: anything :func:`helpers.lexicon.load_lexicon` accepts
            (``None`` = bundled lexicon).
        engine: ``"jieba"`` (reference), ``"rjieba"`` or ``"auto"`` (rjieba,
            tested identical to jieba).
        hmm: let jieba's HMM join unknown words (jieba's default, ``True``).
        drop_whitespace: drop whitespace tokens (each whitespace run is one
            token when kept). Punctuation is kept; filter with :func:`is_word`.

    Returns:
        Tokens in text order; ``"".join(tokens)`` is the text (minus whitespace
        when ``drop_whitespace``).

    Example:
        >>> tokenize("坚持“两个确立”", lexicon=["两个确立"], engine="jieba")
        ['坚持', '“', '两个确立', '”']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return segmenter(lexicon_forms(lexicon), resolve_engine(engine), bool(hmm)).tokens(text, drop_whitespace)


#: corpora with fewer characters of text are segmented in this process
#: (starting worker processes costs more than it saves)
PARALLEL_MIN_CHARS = 2_000_000
#: ``progress=None`` shows a bar for corpora with more characters than this
PROGRESS_MIN_CHARS = 5_000_000


def _segment_chunk(args):
    """Segment a chunk of texts in a worker (or here); results in input order."""
    texts, forms, engine, hmm, what, cache = args
    seg = segmenter(forms, engine, hmm)
    key = None
    if cache:
        from .cache import CacheKey

        key = CacheKey.for_segmenter(forms, engine, hmm)
    out = []
    for text in texts:
        if key is not None:
            out.append(_cached_spans(seg, key, text, what))
        elif what == "counts":
            out.append(seg.counts(text))
        else:
            out.append(seg.spans(text))
    return out


def _cached_spans(seg, key, text, what):
    from .cache import load_tokens, store_tokens, text_hash

    digest = text_hash(text)
    hit = load_tokens(key, text, digest)
    if hit is None:
        hit = seg.spans(text)
        store_tokens(key, text, hit[0], hit[1], digest)
    return Counter(hit[0]) if what == "counts" else hit


def segment_texts(
    texts: list[str],
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    what: str = "spans",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> list:
    """Segment many texts; the engine room of every corpus-level operation.

    Args:
        texts: the texts.
        lexicon, engine, hmm: see :func:`tokenize`.
        what: ``"spans"`` (a ``(tokens, char_starts)`` pair per text,
            whitespace dropped) or ``"counts"`` (a ``Counter`` of tokens).
        n_jobs: worker processes (``None`` = :func:`default_n_jobs`); they are
            started only for corpora of at least :data:`PARALLEL_MIN_CHARS`
            characters. Results are identical for any value.
        progress: tqdm progress bar; ``None`` = only above
            :data:`PROGRESS_MIN_CHARS` characters.
        cache: use the Parquet token cache (:mod:`helpers.cache`); ``None`` =
            only for at least :data:`helpers.cache.AUTO_CACHE_CHARS` characters.

    Returns:
        One result per text, in order.

    Example:
        >>> segment_texts(["坚持两个确立"], lexicon=["两个确立"], what="counts", n_jobs=1)
        [Counter({'坚持': 1, '两个确立': 1})]
    """
    return list(iter_segments(texts, lexicon=lexicon, engine=engine, hmm=hmm, what=what, n_jobs=n_jobs,
                              progress=progress, cache=cache))


def iter_segments(
    texts: list[str],
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    what: str = "spans",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> Iterator:
    """Segment many texts, yielding one result per text in order (see :func:`segment_texts`).

    Results are produced as documents are segmented, so a caller that reduces
    them at once (counting) never holds every document's tokens.

    Example:
        >>> next(iter_segments(["改革开放"], lexicon=[], what="counts", n_jobs=1))
        Counter({'改革开放': 1})
    """
    if what not in ("spans", "counts"):
        raise ValueError("what must be 'spans' or 'counts'")
    engine = resolve_engine(engine)
    forms = lexicon_forms(lexicon)
    hmm = bool(hmm)
    n_chars = int(texts.str.len().sum()) if isinstance(texts, pd.Series) else sum(map(len, texts))
    if cache is None:
        from .cache import AUTO_CACHE_CHARS

        cache = n_chars >= AUTO_CACHE_CHARS
    if progress is None:
        progress = n_chars > PROGRESS_MIN_CHARS
    n_jobs = resolve_n_jobs(n_jobs)
    parallel = n_jobs > 1 and len(texts) > 1 and n_chars >= PARALLEL_MIN_CHARS
    seg = segmenter(forms, engine, hmm)  # built here, so forked workers inherit it
    if not parallel:
        # one document per step: the progress bar moves, results stay in order
        if cache:
            for t in progress_bar(texts, progress, len(texts), "Segmenting"):
                yield _segment_chunk(([t], forms, engine, hmm, what, cache))[0]
            return
        step = seg.counts if what == "counts" else seg.spans
        for t in progress_bar(texts, progress, len(texts), "Segmenting"):
            yield step(t)
        return
    # Chunks are contiguous runs of documents, sent a few at a time: only the
    # chunks in flight exist as lists of Python strings.
    lengths = texts.str.len().tolist() if isinstance(texts, pd.Series) else [len(t) for t in texts]
    groups = balanced_runs(lengths, n_jobs * 8)

    def args(g):
        a, b = g[0], g[-1] + 1
        part = texts.iloc[a:b].tolist() if isinstance(texts, pd.Series) else list(texts[a:b])
        return part, forms, engine, hmm, what, cache

    ctx = mp_context()
    with ProcessPoolExecutor(max_workers=min(n_jobs, len(groups)), mp_context=ctx) as pool:
        bar = progress_bar(None, progress, len(lengths), "Segmenting") if progress else None
        for g, future in in_order(groups, lambda g: pool.submit(_segment_chunk, args(g)), 2 * n_jobs):
            yield from future.result()
            if bar is not None:
                bar.update(len(g))
        if bar is not None:
            bar.close()


def tokens_table(
    corpus: pd.DataFrame,
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Segment every document of a corpus into a long table of tokens.

    Args:
        corpus: a DataFrame with ``doc_id`` and ``text`` columns.
        lexicon: see :func:`tokenize`.
        engine: see :func:`tokenize`.
        hmm: see :func:`tokenize`.
        n_jobs: worker processes (``None`` = all cores; processes are started
            only for corpora of at least 2 million characters); the result is
            identical for any value.
        progress: show a tqdm progress bar (``None``: only for corpora above
            5 million characters).
        cache: read and write the Parquet token cache (:mod:`helpers.cache`);
            ``None``: only for corpora of at least a million characters.

    Returns:
        DataFrame with columns doc_id, position (0-based token index within the
        document, whitespace excluded), token, char_start (offset of the token
        in ``text``).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立"]})
        >>> tokens_table(corpus, lexicon=["两个确立"]).to_dict("records")
        [{'doc_id': 'a', 'position': 0, 'token': '坚持', 'char_start': 0}, {'doc_id': 'a', 'position': 1, 'token': '两个确立', 'char_start': 2}]
    """
    doc_ids = corpus["doc_id"].astype(str).tolist() if len(corpus) else []
    texts = corpus["text"].fillna("").astype(str).tolist() if len(corpus) else []
    spans = segment_texts(texts, lexicon=lexicon, engine=engine, hmm=hmm, what="spans",
                          n_jobs=n_jobs, progress=progress, cache=cache)
    lengths = np.fromiter((len(t) for t, _ in spans), dtype=np.int64, count=len(spans))
    n = int(lengths.sum())
    ids = np.repeat(np.array(doc_ids, dtype=object), lengths) if n else np.array([], dtype=object)
    ends = np.cumsum(lengths)
    position = np.arange(n, dtype=np.int64) - np.repeat(ends - lengths, lengths)
    tokens = np.empty(n, dtype=object)
    starts = np.empty(n, dtype=np.int64)
    for (toks, st), e, k in zip(spans, ends, lengths):
        if k:
            tokens[e - k:e] = toks
            starts[e - k:e] = st
    return pd.DataFrame({
        "doc_id": pd.Series(ids, dtype=object),
        "position": position,
        "token": pd.Series(tokens, dtype=object),
        "char_start": starts,
    })
