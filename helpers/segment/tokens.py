"""One text into tokens: :func:`tokenize`, :func:`tokenize_spans` and the fast path behind them.

The reference procedure (:mod:`helpers.segment.reference`) calls the engine
once per gap and handles every token in Python: about 20 times slower than
the engine itself. For rjieba, :class:`_Segmenter` gives the same tokens with
one engine call per document: every lexicon match, whitespace run and
"unsafe" character (one the reference splits off before calling the engine)
is replaced by a one-character whitespace sentinel. The engine treats
whitespace as a block boundary and returns each sentinel as a token of its
own, so the pieces between sentinels are cut exactly as the gaps are one by
one; the sentinels are then swapped back for the matched text. Tokens that
jieba's HMM step would re-split are looked up once per distinct token
(memoised). The test suite checks this path against the reference jieba
output.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import accumulate

from .._chars import HAN_RE
from .engines import ALNUM_RUN, get_tokenizer, resolve_engine
from .index import INDEX_MIN_CHARS, FormIndex
from .patterns import fixed_pattern, lexicon_forms, prepass_pattern
from .reference import reference_spans

# a token jieba's HMM step may re-split has a letter or digit next to one of +#&._%-
_RESPLIT_HINT = re.compile(r"[a-zA-Z0-9][+#&._%\-]|[+#&._%\-][a-zA-Z0-9]")
_FIXED = "\n"  # sentinel of a kept token (lexicon match, unsafe character, kept whitespace)
_DROPPED = " "  # sentinel of a dropped whitespace run


@lru_cache(maxsize=16)
def segmenter(forms: tuple[str, ...], engine: str, hmm: bool) -> "_Segmenter":
    """The (cached) segmenter of one setting: ``tokens``, ``spans`` and ``counts`` of a text."""
    return _Segmenter(forms, engine, hmm)


class _Segmenter:
    """tifa's segmentation for one (lexicon forms, engine, hmm); see :mod:`helpers.segment`."""

    def __init__(self, forms: tuple[str, ...], engine: str, hmm: bool):
        self.forms, self.engine, self.hmm = forms, engine, hmm
        self.tok = get_tokenizer(list(forms), engine=engine)
        self.pattern = prepass_pattern(forms)
        self.fixed = fixed_pattern(forms) if engine == "rjieba" else None
        self.index = FormIndex.build(forms) if engine == "rjieba" else None
        self._split: dict[str, list[str] | None] = {}

    def _resplit(self, t: str):
        """The pieces jieba's HMM step makes of token ``t``, or None to keep it."""
        try:
            return self._split[t]
        except KeyError:
            pass
        out = None
        if len(t) > 1 and not HAN_RE.search(t) and not ALNUM_RUN.fullmatch(t) and not self.tok.has_word(t):
            pieces = [x for x in ALNUM_RUN.split(t) if x]
            out = pieces if pieces != [t] else None
        self._split[t] = out
        return out

    def _matches(self, text: str, starts: dict[int, int] | None = None) -> list[tuple[int, int, bool]]:
        """(start, end, is_space) of every match of :func:`.patterns.fixed_pattern`, in order.

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
            return [t for t, _ in reference_spans(text, self.forms, self.engine, self.hmm, drop_whitespace)]
        toks, fixed = self._engine_tokens(text, not drop_whitespace)
        if not fixed:
            return [t for t in toks if t != _DROPPED]
        it = iter(fixed)
        return [next(it) if t == _FIXED else t for t in toks if t != _DROPPED]

    def spans(self, text: str, drop_whitespace: bool = True) -> tuple[list[str], list[int]]:
        """Tokens and their character offsets."""
        if self.fixed is None:
            spans = reference_spans(text, self.forms, self.engine, self.hmm, drop_whitespace)
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
