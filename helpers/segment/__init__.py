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
alone would be), and the sentinels are swapped back (:mod:`.tokens`; the
tests check it against the per-gap procedure of :mod:`.reference`). On texts
of 256 characters or more the lexicon matches are found with numpy
(:class:`FormIndex`, tested equal to the regex) rather than the regex. Segmentation plus counting runs at
about 13 MB/s on one core, against 1.6 MB/s for plain jieba and 28 MB/s for
the engine alone (see ``benchmarks/README.md``).

Corpus-level functions (:func:`tokens_table`, :func:`segment_texts`,
:func:`iter_segments`, and the token counts of :mod:`helpers.textstat`) take
``n_jobs`` (default: all cores; worker processes only for corpora of at least
:data:`PARALLEL_MIN_CHARS` characters, same result for any value),
``progress`` (a tqdm bar, by default only above :data:`PROGRESS_MIN_CHARS`)
and ``cache`` (the Parquet token cache of :mod:`helpers.cache`).

The package, in layers (a module imports only modules listed above it):

* :mod:`.patterns`: the pre-pass regular expressions (a character trie of the forms);
* :mod:`.engines`: jieba and rjieba tokenizers with the lexicon as user words;
* :mod:`.index`: :class:`FormIndex`, the lexicon matches found with numpy;
* :mod:`.reference`: the reference procedure, one engine call per gap;
* :mod:`.tokens`: :func:`tokenize`, :func:`tokenize_spans` and the fast path;
* :mod:`.corpus`: many texts (:func:`iter_segments`, :func:`segment_texts`,
  :func:`tokens_table`), in worker processes and with the token cache.

Example:
    >>> tokenize("坚持两个确立，发展全过程人民民主。", lexicon=["两个确立", "全过程人民民主"])
    ['坚持', '两个确立', '，', '发展', '全过程人民民主', '。']
"""

from __future__ import annotations

from .._chars import HAN as HAN_CLASS
from .._chars import count_han, is_word
from .._parallel import default_n_jobs
from .corpus import PARALLEL_MIN_CHARS, PROGRESS_MIN_CHARS, iter_segments, segment_texts, tokens_table
from .engines import AUTO_ENGINE, ENGINES, get_tokenizer, resolve_engine, stock_jieba
from .index import INDEX_MIN_CHARS, FormIndex
from .patterns import lexicon_forms, lexicon_pattern, trie_regex
from .tokens import segmenter, tokenize, tokenize_spans

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
    # used by the other stages (helpers.textstat, helpers.pipeline, ...)
    "FormIndex",
    "INDEX_MIN_CHARS",
    "PARALLEL_MIN_CHARS",
    "PROGRESS_MIN_CHARS",
    "lexicon_forms",
    "resolve_engine",
    "segmenter",
    "stock_jieba",
    "trie_regex",
]
