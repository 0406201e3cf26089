"""Dates: document periods, first-use dates, the calendar.

A date may be written ``2022-04-13``, ``2022年4月13日``, ``2022/4/13``,
``2022.4``, ``2022-04``, ``2022`` or ``1644年``: :func:`parse_date_precision`
reads every form (as ``load_corpus`` reads the codebook and ``load_lexicon``
the ``first_official_use`` column: the parser is :mod:`helpers._dateparse`,
re-exported here), and :func:`parse_date` turns one into the period it names
(first and last day). Dates of any year are held at second resolution
(``datetime64[s]``). A document's date is taken from
``date`` (with ``date_precision``) or, without it, from ``year``. A document
counts as *before* a term's first official use only when it is certainly
earlier: its latest possible date (end of its year or month when the date is
imprecise) falls before the first day of the first-use period.

Example:
    >>> [d.strftime("%Y-%m-%d") for d in parse_date("2013年11月")]
    ['2013-11-01', '2013-11-30']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._dateparse import DATE_DTYPE, DATE_FORMS, day, parse_date, parse_date_precision, period_bounds
from .errors import CorpusError
from .lexicon import as_lexicon
from .paths import DATA_DIR

__all__ = [
    "CALENDAR_CSV", "load_calendar", "parse_date", "parse_date_precision", "period_bounds",
    "document_periods", "first_use_dates", "before_first_use",
]

#: The political calendar bundled with tifa (see data/README.md).
CALENDAR_CSV = DATA_DIR / "calendar.csv"

def document_periods(corpus: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest possible date of each document (NaT when unknown).

    Example:
        >>> early, late = document_periods(pd.DataFrame({"year": [2014]}))
        >>> str(late[0])[:10]
        '2014-12-31'
    """
    n = len(corpus)
    early = np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE)
    late = early.copy()
    if "date" in corpus.columns:
        dates = corpus["date"]
        if not pd.api.types.is_datetime64_any_dtype(dates):
            dates = pd.to_datetime(dates, errors="coerce")
        prec = (corpus["date_precision"].astype(str) if "date_precision" in corpus.columns
                else pd.Series(["day"] * n, index=corpus.index))
        for i, (d, p) in enumerate(zip(dates, prec)):
            if not pd.isna(d):
                early[i], late[i] = period_bounds(d, p)
    if "year" in corpus.columns:
        years = pd.to_numeric(corpus["year"], errors="coerce").to_numpy()
        for i, y in enumerate(years):
            if np.isnat(early[i]) and not np.isnan(y):
                early[i], late[i] = day(int(y)), day(int(y), 12, 31)
    return early, late


def first_use_dates(terms, lexicon=None) -> dict[str, pd.Timestamp | None]:
    """First day of each term's ``first_official_use`` period (None when the lexicon gives none).

    A value that is not a date is an error naming the term (``load_lexicon``
    refuses it already, naming the file and line; this catches tables built
    by hand).

    Example:
        >>> first_use_dates(["全面深化改革", "不在词表"])["全面深化改革"].strftime("%Y-%m")
        '2013-11'
    """
    lex = as_lexicon(lexicon)
    table = dict(zip(lex["term"], lex["first_official_use"]))
    out = {}
    for t in ([terms] if isinstance(terms, str) else terms):
        value = table.get(t, "")
        parsed = parse_date(value)
        if parsed is None and str(value).strip():
            raise CorpusError(f"lexicon term {t!r}: first_official_use {value!r} is not a date. Write it as "
                              f"{DATE_FORMS}.", problem=f"invalid first_official_use {value!r}")
        out[t] = parsed[0] if parsed else None
    return out


def before_first_use(corpus: pd.DataFrame, terms, lexicon=None) -> np.ndarray:
    """Return a documents × terms boolean array: True where the document is certainly older than the term's first official use.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [1989, 2014], "text": ["", ""]})
        >>> before_first_use(corpus, ["全面深化改革"]).ravel().tolist()
        [True, False]
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    dates = first_use_dates(terms, lexicon)
    _, late = document_periods(corpus)
    out = np.zeros((len(corpus), len(terms)), dtype=bool)
    for j, t in enumerate(terms):
        d = dates[t]
        if d is not None:
            out[:, j] = ~np.isnat(late) & (late < np.datetime64(d))
    return out


def load_calendar(path=None, *, event_types=None) -> pd.DataFrame:
    """Load the political calendar: congresses, plenums, NPC sessions, leaders' terms.

    Args:
        path: a CSV with the same columns (default: ``data/calendar.csv``).
        event_types: keep only these (``"party_congress"``, ``"plenum"``,
            ``"npc_session"``, ``"premier_term"``, ``"party_leader_term"``).

    Returns:
        DataFrame event_type, name, name_en, start, end (datetime64; ``end``
        is NaT for a term still running), number (Int64), body (the
        congress, Central Committee or NPC it belongs to, or the office),
        source, notes.

    Example:
        >>> cal = load_calendar(event_types="party_congress")
        >>> cal.loc[cal["number"] == 19, "start"].dt.strftime("%Y-%m-%d").tolist()
        ['2017-10-18']
    """
    cal = pd.read_csv(path or CALENDAR_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    cal["start"] = pd.to_datetime(cal["start"], format="%Y-%m-%d")
    cal["end"] = pd.to_datetime(cal["end"].replace("", None), format="%Y-%m-%d")
    cal["number"] = pd.array(pd.to_numeric(cal["number"], errors="coerce"), dtype="Int64")
    if event_types is not None:
        wanted = [event_types] if isinstance(event_types, str) else list(event_types)
        cal = cal[cal["event_type"].isin(wanted)]
    return cal.reset_index(drop=True)
