"""What a scholar should proofread after the traditional → simplified conversion.

:func:`find_ambiguous_conversions` lists, per document, the characters whose
simplified form was a choice: in a traditional line, a character with more
than one simplified form (乾 → 干 or 乾, 於 → 于 or 於, 著 → 著 or 着), with the
form :func:`helpers.clean.to_simplified` chose; in a simplified line, which
is left as it is, every character OpenCC ``t2s`` would have changed (乾县,
昇腾, 拚命, or the 於 of a careless scrape), kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .changes import code_points, cut_spans
from .diagnose import corpus_documents
from .pinyin import pinyin_note_spans
from .script import convert_lines, traditional_lines
from .variants import script_tables

__all__ = ["find_ambiguous_conversions"]

_COLUMNS = ["doc_id", "position", "char", "converted_to", "alternatives", "script", "context"]


def _without_notes(text: str) -> tuple[str, np.ndarray | None]:
    """The text without its pinyin annotations, and the position in ``text`` of each character kept."""
    spans = pinyin_note_spans(text)
    if not spans:
        return text, None
    keep = np.ones(len(text), dtype=bool)
    for a, b in spans:
        keep[a:b] = False
    return cut_spans(text, spans), np.flatnonzero(keep)


def _changed(a: str, b: str) -> np.ndarray:
    """A boolean per character of ``a``: does ``b`` (its conversion) differ there."""
    ca, cb = code_points(a), code_points(b)
    return ca != cb if len(ca) == len(cb) else np.zeros(len(ca), dtype=bool)


def _context(text: str, i: int, width: int) -> str:
    """``width`` characters on each side of ``text[i]``, within its line."""
    a, b = max(0, i - width, text.rfind("\n", 0, i) + 1), text.find("\n", i)
    return text[a:min(i + width + 1, len(text) if b < 0 else b)]


def _document_rows(text: str, width: int) -> list[tuple]:
    plain, where = _without_notes(text)
    codes = code_points(plain)
    lines = traditional_lines(plain)[2]
    traditional = lines[np.cumsum(codes == 10)]  # per character
    converted = convert_lines(plain, lines)
    would = convert_lines(plain, ~lines)  # what t2s would make of the simplified lines
    tables = script_tables()
    ambiguous = traditional & tables.table("alternatives")[codes]
    kept = ~traditional & _changed(plain, would)
    rows = []
    for i in np.flatnonzero(ambiguous | kept).tolist():
        ch = plain[i]
        to = converted[i] if traditional[i] else ch
        forms = [*tables.alternatives.get(ch, "")] if traditional[i] else [ch, *tables.alternatives.get(ch, ""), would[i]]
        rows.append((int(where[i]) if where is not None else i, ch, to, "/".join(dict.fromkeys(forms)),
                     "traditional" if traditional[i] else "simplified", _context(plain, i, width)))
    return rows


def find_ambiguous_conversions(corpus, *, width: int = 10, column: str = "raw") -> pd.DataFrame:
    """List the characters to proofread after the traditional → simplified conversion.

    Each line is judged as :func:`helpers.clean.to_simplified` judges it
    (after the pinyin annotations are removed, as the cleaner does: they would
    break OpenCC's phrases, 乾(qián)隆). Listed are:

    * in a traditional line, every character with more than one simplified
      form (乾 → 干 or 乾, 於 → 于 or 於, 覆 → 复 or 覆, 著 → 著 or 着, and the
      others of OpenCC's dictionaries), with the form chosen;
    * in a simplified line, which is left unchanged, every character OpenCC
      ``t2s`` would have changed (乾县, 昇腾, 拚命, a stray 於), kept as it is.

    Args:
        corpus: a str, a mapping ``{doc_id: text}`` or a corpus DataFrame.
        width: characters of context on each side.
        column: the DataFrame column to read (``raw`` by default: the clean
            ``text`` is converted already; ``text`` when there is no ``raw``).

    Returns:
        A DataFrame with one row per character: doc_id (``"text"`` for a str),
        position (index in the text given), char, converted_to (the character
        in the clean text), alternatives (its simplified forms joined by
        ``/``, OpenCC's default first; for a simplified line the character
        itself first), script (of the line: ``traditional`` or
        ``simplified``), context (the text around it in its line,
        annotations removed, before conversion).

    Example:
        >>> table = find_ambiguous_conversions("乾縣位於陝西，乾隆年間\\n乾县位于陕西", width=2)
        >>> table[["position", "char", "converted_to", "alternatives", "script"]].values.tolist()[:2]
        [[0, '乾', '干', '干/乾', 'traditional'], [3, '於', '于', '于/於', 'traditional']]
        >>> table[["position", "char", "converted_to", "script", "context"]].values.tolist()[2:]
        [[7, '乾', '乾', 'traditional', '西，乾隆年'], [12, '乾', '乾', 'simplified', '乾县位']]
    """
    if isinstance(corpus, pd.DataFrame) and column not in corpus.columns and "text" in corpus.columns:
        column = "text"
    docs = corpus_documents(corpus, column if isinstance(corpus, pd.DataFrame) else None)
    rows = [(doc_id, *row) for doc_id, text in docs for row in _document_rows(text, width)]
    table = pd.DataFrame(rows, columns=_COLUMNS)
    return table.astype({c: ("int64" if c == "position" else str) for c in _COLUMNS})
