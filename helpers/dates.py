"""Dates: one parser for metadata and lexicon dates, first-use dates, the calendar.

A date may be written ``2022-04-13``, ``2022年4月13日``, ``2022/4/13``,
``2022.4``, ``2022-04`` or ``2022``: :func:`parse_date_precision` reads every
form (as ``load_corpus`` reads the codebook), and :func:`parse_date` turns one
into the period it names (first and last day). A document's date is taken from
``date`` (with ``date_precision``) or, without it, from ``year``. A document
counts as *before* a term's first official use only when it is certainly
earlier: its latest possible date (end of its year or month when the date is
imprecise) falls before the first day of the first-use period.

Example:
    >>> [d.strftime("%Y-%m-%d") for d in parse_date("2013年11月")]
    ['2013-11-01', '2013-11-30']
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import numpy as np
import pandas as pd

from .lexicon import as_lexicon
from .paths import DATA_DIR

__all__ = [
    "CALENDAR_CSV", "load_calendar", "parse_date", "parse_date_precision", "period_bounds",
    "document_periods", "first_use_dates", "before_first_use",
]

#: The political calendar bundled with tifa (see data/README.md).
CALENDAR_CSV = DATA_DIR / "calendar.csv"

_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})年?$"), "year"),
    (re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$"), "month"),
    (re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
                r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"), "day"),
]


def _match(value: str) -> tuple[tuple[int, int, int], str] | None:
    text = unicodedata.normalize("NFKC", value).strip()
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = ([int(g) for g in match.groups()] + [1, 1])[:3]
            return (year, month, day), precision
    return None


def parse_date_precision(value: str) -> tuple[pd.Timestamp, str]:
    """Parse a written date into ``(timestamp, precision)``.

    ``precision`` is ``"day"``, ``"month"`` or ``"year"``; a month- or
    year-precise date is the first day of its period. Raises ``ValueError``
    on anything that is not a date (or an impossible one, such as 2022-02-30).

    Example:
        >>> parse_date_precision("2022年4月")
        (Timestamp('2022-04-01 00:00:00'), 'month')
    """
    found = _match(value)
    if found is None:
        raise ValueError(value)
    (year, month, day), precision = found
    return pd.Timestamp(datetime(year, month, day)), precision  # ValueError if impossible


def period_bounds(stamp: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a date of this precision stands for.

    Example:
        >>> [d.strftime("%m-%d") for d in period_bounds(pd.Timestamp("2024-02-01"), "month")]
        ['02-01', '02-29']
    """
    if precision == "year":
        return pd.Timestamp(stamp.year, 1, 1), pd.Timestamp(stamp.year, 12, 31)
    if precision == "month":
        first = pd.Timestamp(stamp.year, stamp.month, 1)
        return first, first + pd.offsets.MonthEnd(0)
    return stamp, stamp


def parse_date(value) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Parse a date into (first day, last day) of the period it names.

    Accepts every form :func:`parse_date_precision` reads, and timestamps;
    returns None for an empty or missing value or text that is not a date.

    Example:
        >>> [d.strftime("%Y-%m-%d") for d in parse_date("2013-11")]
        ['2013-11-01', '2013-11-30']
        >>> parse_date("") is None
        True
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "year") and not isinstance(value, str):
        t = pd.Timestamp(value)
        return t, t
    if _match(str(value)) is None:
        return None
    return period_bounds(*parse_date_precision(str(value)))


def document_periods(corpus: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest possible date of each document (NaT when unknown).

    Example:
        >>> early, late = document_periods(pd.DataFrame({"year": [2014]}))
        >>> str(late[0])[:10]
        '2014-12-31'
    """
    n = len(corpus)
    early = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    late = early.copy()
    if "date" in corpus.columns:
        dates = pd.to_datetime(corpus["date"], errors="coerce")
        prec = (corpus["date_precision"].astype(str) if "date_precision" in corpus.columns
                else pd.Series(["day"] * n, index=corpus.index))
        for i, (d, p) in enumerate(zip(dates, prec)):
            if not pd.isna(d):
                early[i], late[i] = period_bounds(d, p)
    if "year" in corpus.columns:
        years = pd.to_numeric(corpus["year"], errors="coerce").to_numpy()
        for i, y in enumerate(years):
            if np.isnat(early[i]) and not np.isnan(y):
                early[i], late[i] = pd.Timestamp(int(y), 1, 1), pd.Timestamp(int(y), 12, 31)
    return early, late


def first_use_dates(terms, lexicon=None) -> dict[str, pd.Timestamp | None]:
    """First day of each term's ``first_official_use`` period (None when the lexicon gives none).

    Example:
        >>> first_use_dates(["全面深化改革", "不在词表"])["全面深化改革"].strftime("%Y-%m")
        '2013-11'
    """
    lex = as_lexicon(lexicon)
    table = dict(zip(lex["term"], lex["first_official_use"]))
    out = {}
    for t in ([terms] if isinstance(terms, str) else terms):
        parsed = parse_date(table.get(t, ""))
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
