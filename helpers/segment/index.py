"""The form index: the fast path's lexicon matches found with numpy instead of the regex.

Texts of at least :data:`INDEX_MIN_CHARS` characters are scanned with
:class:`FormIndex` (tested equal to :func:`helpers.segment.patterns.fixed_pattern`);
:mod:`helpers.textstat` uses the same index for its slogan counts.
"""

from __future__ import annotations

import re

import numpy as np

from .patterns import RJIEBA_UNSAFE, blocked, guards_of

#: texts at least this long are scanned with :class:`FormIndex` (numpy), shorter ones with the regex
INDEX_MIN_CHARS = 256
# positions per numpy pass of :class:`FormIndex`
_INDEX_BLOCK = 1 << 20
# above this many (first, second character) cells, a lexicon is scanned with the regex
_INDEX_MAX_PAIRS = 1 << 22
# a run of the characters the fast path splits off (whitespace is among them);
# the pattern begins with a character class, so the regex engine skips to candidates
_UNSAFE_RUN = re.compile(f"{RJIEBA_UNSAFE.pattern}{RJIEBA_UNSAFE.pattern}*")
_WS_RUN = re.compile(r"\s+")
_MASK64 = (1 << 64) - 1
_HASH_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_HASH_INV = pow(_HASH_BASE, -1, 1 << 64)


class FormIndex:
    """The matches of :func:`.patterns.fixed_pattern`, found with numpy instead of the regex.

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
    split-off characters (:data:`.patterns.RJIEBA_UNSAFE`, a few per
    document) gives the regex's leftmost matches in order: a form first, else
    a whitespace run, else one split-off character. Tested equal to the regex.
    """

    def __init__(self, forms: tuple[str, ...]):
        self.guards = guards_of(forms)
        self.guarded = {f for f, _, _ in self.guards}
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
                if not (self.guarded and text[p] in self.guarded and blocked(text, p, text[p], self.guards)):
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
            if p not in found and text.startswith(forms[f], p) and not (
                    forms[f] in self.guarded and blocked(text, p, forms[f], self.guards)):
                found[p] = len(forms[f])

    def matches(self, text: str, starts: dict[int, int] | None = None) -> list[tuple[int, int, bool]]:
        """(start, end, is_space) of the leftmost matches, as ``fixed_pattern(...).finditer``.

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
