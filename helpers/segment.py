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
On the 54 bundled documents (3.2 MB) rjieba runs at about 5 MB/s and jieba at
about 1.5 MB/s (hmm=True).

Example:
    >>> tokenize("坚持两个确立，发展全过程人民民主。", lexicon=["两个确立", "全过程人民民主"])
    ['坚持', '两个确立', '，', '发展', '全过程人民民主', '。']
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

import pandas as pd

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
]

ENGINES = ("jieba", "rjieba")
#: the engine ``engine="auto"`` resolves to (equivalence with jieba is tested)
AUTO_ENGINE = "rjieba"
#: Han characters: CJK Unified Ideographs, Extension A, compatibility
#: ideographs and the supplementary planes (Extensions B–H)
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
# jieba.re_han_default: the characters jieba segments with its dictionary
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")
# characters whose handling by rjieba is checked to be the same as jieba's
_RJIEBA_UNSAFE = re.compile(
    r"[^\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-!-/:-@\[-`{-~\u2010-\u2027\u3001-\u3011\uFF01-\uFF5E]"
)
# jieba.finalseg.re_skip: how jieba's HMM step splits non-Han runs
_ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def count_han(text: str) -> int:
    """Count the Han characters in ``text`` (the denominator of every rate).

    Example:
        >>> count_han("2017年GDP增长6.9%。")
        3
    """
    return len(_HAN_RE.findall(text)) if text else 0


def is_word(token: str) -> bool:
    """Return True when a token contains a Han character, a letter or a digit.

    Punctuation and whitespace tokens are not words.

    Example:
        >>> [is_word(t) for t in ["改革", "，", "GDP", "2017", "——"]]
        [True, False, True, True, False]
    """
    return any(ch.isalnum() for ch in token)


def _trie_regex(words) -> str:
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
    alt = _trie_regex(forms)
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
def _stock_jieba():
    jieba = _quiet_jieba()
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _user_words(forms: tuple[str, ...]) -> list[tuple[str, int]]:
    """Lexicon forms missing from the stock dictionary, with their frequency."""
    stock = _stock_jieba()
    return [(w, stock.suggest_freq(w, False)) for w in forms if not stock.FREQ.get(w)]


_TOKENIZERS: dict[tuple[str, str], object] = {}


def _resolve_engine(engine: str) -> str:
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
    engine = _resolve_engine(engine)
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
    engine = _resolve_engine(engine)
    lex = as_lexicon(lexicon)
    pattern = lexicon_pattern(lex)
    cut = _cutter(lex, engine, hmm)
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
    return [t for t, _ in tokenize_spans(
        text, lexicon=lexicon, engine=engine, hmm=hmm, drop_whitespace=drop_whitespace
    )]


def _tokens_chunk(args) -> list[tuple[str, int, str, int]]:
    doc_ids, texts, lex, engine, hmm = args
    rows = []
    for doc_id, text in zip(doc_ids, texts):
        spans = tokenize_spans(text or "", lexicon=lex, engine=engine, hmm=hmm)
        rows.extend((doc_id, i, tok, start) for i, (tok, start) in enumerate(spans))
    return rows


def _progress(iterable, progress, total, desc):
    if progress:
        from tqdm.auto import tqdm

        return tqdm(iterable, total=total, desc=desc)
    return iterable


def tokens_table(
    corpus: pd.DataFrame,
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Segment every document of a corpus into a long table of tokens.

    Args:
        corpus: a DataFrame with ``doc_id`` and ``text`` columns.
        lexicon: see :func:`tokenize`.
        engine: see :func:`tokenize`.
        hmm: see :func:`tokenize`.
        n_jobs: worker processes (documents are split into chunks); the result
            is identical for any value.
        progress: show a tqdm progress bar.

    Returns:
        DataFrame with columns doc_id, position (0-based token index within the
        document, whitespace excluded), token, char_start (offset of the token
        in ``text``).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立"]})
        >>> tokens_table(corpus, lexicon=["两个确立"]).to_dict("records")
        [{'doc_id': 'a', 'position': 0, 'token': '坚持', 'char_start': 0}, {'doc_id': 'a', 'position': 1, 'token': '两个确立', 'char_start': 2}]
    """
    engine = _resolve_engine(engine)
    lex = as_lexicon(lexicon)
    doc_ids = corpus["doc_id"].astype(str).tolist() if len(corpus) else []
    texts = corpus["text"].fillna("").astype(str).tolist() if len(corpus) else []
    n_jobs = max(1, int(n_jobs or 1))
    if n_jobs == 1 or len(doc_ids) < 2:
        chunks = [([d], [t], lex, engine, hmm) for d, t in zip(doc_ids, texts)]
        rows = []
        for part in _progress(map(_tokens_chunk, chunks), progress, len(chunks), "tokenizing"):
            rows.extend(part)
    else:
        size = max(1, -(-len(doc_ids) // (n_jobs * 4)))
        chunks = [
            (doc_ids[i:i + size], texts[i:i + size], lex, engine, hmm)
            for i in range(0, len(doc_ids), size)
        ]
        rows = []
        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            for part in _progress(pool.map(_tokens_chunk, chunks), progress, len(chunks), "tokenizing"):
                rows.extend(part)
    table = pd.DataFrame(rows, columns=["doc_id", "position", "token", "char_start"])
    return table.astype({"doc_id": object, "position": "int64", "token": object, "char_start": "int64"})
