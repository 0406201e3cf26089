"""The engines: jieba and rjieba tokenizers with the lexicon forms added as user words.

:func:`get_tokenizer` gives a dedicated tokenizer per (lexicon, engine), never
jieba's global one; :func:`cutter` wraps it as the reference procedure calls
it, one gap at a time (with rjieba made to re-split non-Han runs as jieba's
HMM step does).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from .._chars import HAN_RE
from ..cache import load_user_words, store_user_words
from ..lexicon import lexicon_hash
from .patterns import lexicon_forms

ENGINES = ("jieba", "rjieba")
#: the engine ``engine="auto"`` resolves to (equivalence with jieba is tested)
AUTO_ENGINE = "rjieba"
# jieba.finalseg.re_skip: how jieba's HMM step splits non-Han runs
ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def _quiet_jieba():
    # lazy: importing jieba costs time and memory, and rjieba runs without it
    import jieba

    # jieba logs "Building prefix dict..." through its own logger only.
    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=1)
def stock_jieba():
    """A jieba tokenizer with its stock dictionary only (built once)."""
    return _new_stock_jieba()


def _new_stock_jieba():
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
    words = load_user_words(forms)
    if words is None:
        # unless it is loaded already, the stock dictionary is loaded for this only and let go (80 MB)
        stock = stock_jieba() if stock_jieba.cache_info().currsize else _new_stock_jieba()
        words = [(w, stock.suggest_freq(w, False)) for w in forms if not stock.FREQ.get(w)]
        store_user_words(forms, words)
    return words


_TOKENIZERS: dict[tuple[str, str], object] = {}


def resolve_engine(engine: str) -> str:
    """``"auto"`` -> :data:`AUTO_ENGINE`; any name not in :data:`ENGINES` is a ValueError."""
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
        The engine's tokenizer object. Use :func:`helpers.segment.tokenize`
        for tifa's tokens: the tokenizer alone keeps terms whole in most but
        not all contexts.

    Example:
        >>> tok = get_tokenizer(["全过程人民民主"], engine="jieba")
        >>> list(tok.cut("发展全过程人民民主"))
        ['发展', '全过程人民民主']
    """
    engine = resolve_engine(engine)
    forms = lexicon_forms(lexicon)
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
            # lazy: a compiled extension, loaded only when the engine is used
            import rjieba

            tok = rjieba.Jieba()
            for w, f in words:
                tok.add_word(w, f, None)
        _TOKENIZERS[key] = tok
    return _TOKENIZERS[key]


def cutter(lexicon, engine: str, hmm: bool):
    """A function cutting one gap as jieba would, with the lexicon forms as user words."""
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
            if len(t) > 1 and not HAN_RE.search(t) and not ALNUM_RUN.fullmatch(t) and not tok.has_word(t):
                out.extend(x for x in ALNUM_RUN.split(t) if x)
            else:
                out.append(t)
        return out

    return cut
