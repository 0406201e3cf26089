"""One document's words and slogans, with one lexicon scan for both: the kernel of :mod:`helpers.pipeline`.

:class:`DocumentCounter` segments and counts one clean text at a time; a long
text is counted in pieces (:func:`text_pieces`), so that memory holds the
engine's tokens of one piece, not of the whole document. :func:`counter_for`
keeps the last few counters (building one loads dictionaries and compiles the
lexicon scan).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pandas as pd

from ._chars import count_han
from .segment.engines import resolve_engine
from .segment.index import INDEX_MIN_CHARS
from .segment.patterns import guards_of, lexicon_forms
from .segment.tokens import segmenter
from .textstat.match import forms_of_terms, term_counter, term_guards
from .textstat.words import word_filter

__all__ = ["DocumentCounter", "counter_for", "text_pieces", "PIECE_CHARS"]

#: longer texts are segmented and counted in pieces of about this many characters (memory stays flat)
PIECE_CHARS = 250_000


class DocumentCounter:
    """Words and slogans of one document at a time, with one lexicon scan for both."""

    def __init__(self, lex, stopwords, engine: str):
        self.term_forms = forms_of_terms(lex)
        self.seg = segmenter(lexicon_forms(lex), resolve_engine(engine), True)
        self.terms = term_counter(tuple(tuple(forms) for _, _, forms in self.term_forms), term_guards(lex))
        self.keep = word_filter(stopwords, lex)
        # the segmenter and the slogan counter look for the same forms: share the scan
        same = set(self.seg.forms) - {""} == set(self.terms.forms) and guards_of(self.seg.forms) == self.terms.guards
        self.shared = self.seg.index if same and self.terms.index is not None else None
        # a form holding a line break or 。 could span two pieces: such a lexicon is counted text by text
        self.crosses_lines = any("\n" in f or "。" in f for f in (*self.seg.forms, *self.terms.forms))

    def __call__(self, text: str):
        """(token Counter, {term index: count}) of one clean text."""
        starts = self.shared.starts(text) if self.shared is not None and len(text) >= INDEX_MIN_CHARS else None
        return self.seg.counts(text, starts), self.terms.count(text, starts)

    def document(self, text: str):
        """(token Counter, {term index: count}, Han characters) of one document, piece by piece.

        A text longer than :data:`PIECE_CHARS` is counted in pieces cut after
        a line break or a 。 (:func:`text_pieces`): the engine's tokens, the
        lexicon scan and the code points of one piece at a time are all that
        memory holds beyond the text, whatever the size of the document. No
        token or lexicon form spans a line break or a 。, so the counts are
        those of the whole text (tested).
        """
        if len(text) <= PIECE_CHARS or self.crosses_lines:
            return (*self(text), count_han(text))
        words, slogans, n_han = Counter(), Counter(), 0
        for piece in text_pieces(text, PIECE_CHARS):
            w, s = self(piece)
            words.update(w)
            slogans.update(s)
            n_han += count_han(piece)
        return words, dict(slogans), n_han


def text_pieces(text: str, size: int):
    """Yield ``text`` in pieces of about ``size`` characters, each cut just after a line break.

    Where no line break follows within ``size`` characters, the piece is cut
    after the first line break or full stop 。 instead; a longer stretch with
    neither stays whole.
    Both are boundaries for the segmentation engine (jieba and rjieba cut
    their blocks there too).

    Example:
        >>> list(text_pieces("一二\\n三四。五六\\n七", 2))
        ['一二\\n', '三四。', '五六\\n', '七']
    """
    start = 0
    while start < len(text):
        low = start + size - 1
        cut = text.find("\n", low, low + size)
        if cut < 0:  # no line break nearby: the first line break or 。 from there on
            cut = min((c for c in (text.find("\n", low), text.find("。", low)) if c >= 0), default=-1)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


def counter_for(lexicon: pd.DataFrame, stopwords, engine: str) -> DocumentCounter:
    """The :class:`DocumentCounter` of a lexicon table, stopwords and engine (the last few are kept)."""
    return _counter(_Key(lexicon), _hashable(stopwords), engine)


@lru_cache(maxsize=4)
def _counter(lex_key, stopwords, engine: str) -> DocumentCounter:
    return DocumentCounter(lex_key.frame, stopwords, engine)


class _Key:
    """A hashable wrapper of a lexicon table (by its forms and metadata), for :func:`_counter`'s cache."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._h = hash(pd.util.hash_pandas_object(frame.astype(str), index=False).sum())

    def __hash__(self):
        return self._h

    def __eq__(self, other):
        return isinstance(other, _Key) and self._h == other._h and self.frame.equals(other.frame)


def _hashable(stopwords):
    return stopwords if isinstance(stopwords, bool) else frozenset(stopwords)
