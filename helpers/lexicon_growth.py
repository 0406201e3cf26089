"""Grow a lexicon from a candidate table in one call (:func:`add_terms`).

The candidates come from :func:`helpers.find_formulations` (or any table
with a ``candidate`` or ``term`` column, or a list of strings); the scholar
keeps the rows they accept and adds them, each with its source recorded.
"""

from __future__ import annotations

import pandas as pd

from .lexicon import LEXICON_COLUMNS, as_lexicon, lexicon_terms, load_lexicon

__all__ = ["add_terms"]


def _candidate_table(candidates) -> pd.DataFrame:
    """The candidates as a table with a ``term`` column (from ``candidate`` or a list of strings)."""
    if isinstance(candidates, str):
        candidates = [candidates]
    if not isinstance(candidates, pd.DataFrame):
        return pd.DataFrame({"term": [str(c) for c in candidates]})
    if "term" not in candidates.columns:
        if "candidate" not in candidates.columns:
            raise ValueError("add_terms: the candidate table has neither a 'candidate' nor a 'term' column.")
        candidates = candidates.rename(columns={"candidate": "term"})
    return candidates


def _evidence_note(row: dict) -> str:
    """What :func:`helpers.find_formulations` saw, as a note (kind, count, documents, name)."""
    parts = []
    if row.get("kind"):
        parts.append(f"proposed by find_formulations ({row['kind']}")
        if pd.notna(row.get("count")):
            parts[-1] += f", {row['count']} occurrences in {row.get('n_docs')} documents"
        parts[-1] += ")"
    if row.get("name"):
        parts.append(f"collective name: {row['name']}")
    return "; ".join(parts)


def add_terms(candidates, lexicon=None, *, category: str = "local", source: str | None = None,
              gloss: str = "") -> pd.DataFrame:
    """Add accepted candidates to a lexicon, each with its source recorded.

    Args:
        candidates: the rows of :func:`helpers.find_formulations` to accept
            (a DataFrame with ``candidate``, and ideally ``first_doc``,
            ``kind``, ``count``, ``n_docs``, ``name``), a table with the
            lexicon's columns (``term`` …), or a list of strings.
        lexicon: the lexicon to grow (``None`` = the bundled one; anything
            :func:`helpers.load_lexicon` takes).
        category: the category of rows that do not give one.
        source: the source of every new row; ``None``: each candidate's
            ``first_doc`` (the document it was found in first).
        gloss: the English gloss of rows that do not give one.

    Returns:
        The lexicon with the new rows at the end (checked as
        :func:`helpers.load_lexicon` checks a file). Candidates already in
        the lexicon (as a term or a variant) or given twice are not added:
        ``attrs["skipped"]`` lists them as ``{"term", "reason"}`` dicts.

    Example:
        >>> found = pd.DataFrame({"candidate": ["季会制", "两个确立"], "kind": ["quoted", "quoted"],
        ...                       "count": [2, 1], "n_docs": [1, 1], "first_doc": ["dazu-2024", "dazu-2024"]})
        >>> lex = add_terms(found, ["两个确立"])
        >>> lex[["term", "category", "source"]].values.tolist()
        [['两个确立', '', ''], ['季会制', 'local', 'dazu-2024']]
        >>> lex.attrs["skipped"]
        [{'term': '两个确立', 'reason': 'already in the lexicon'}]
    """
    lex = as_lexicon(lexicon)
    known = set(lexicon_terms(lex))
    rows, skipped = [], []
    for row in _candidate_table(candidates).to_dict("records"):
        term = str(row["term"]).strip()
        if term in known:
            skipped.append({"term": term, "reason": "already in the lexicon"})
            continue
        known.add(term)
        new = {c: row.get(c, "") for c in LEXICON_COLUMNS}
        new.update(term=term, category=row.get("category") or category,
                   source=source if source is not None else (row.get("source") or row.get("first_doc") or ""),
                   notes=row.get("notes") or _evidence_note(row), gloss=row.get("gloss") or gloss)
        rows.append(new)
    grown = load_lexicon(pd.concat([lex, pd.DataFrame(rows, columns=LEXICON_COLUMNS)], ignore_index=True))
    grown.attrs["skipped"] = skipped
    return grown
