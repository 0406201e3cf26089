"""The one date parser: metadata dates, lexicon dates, any year.

A date may be written ``2022-04-13``, ``2022年4月13日``, ``2022/4/13``,
``2022.4.13``, ``2022-04``, ``2022年4月``, ``2022`` or ``2022年`` (full-width
digits too); a year of fewer than four digits needs 年 (``644年``).
:func:`parse_date_precision` reads every form, :func:`period_bounds` and
:func:`parse_date` give the period a date names (first and last day).

Dates are held at second resolution (:data:`DATE_DTYPE`, ``datetime64[s]``):
pandas' default nanoseconds reach back only to 1677, and historical documents
are older. :func:`day` builds a timestamp of any year, :func:`date_column` a
column of them. This module is in the bottom layer (it imports nothing of
tifa), so that :mod:`helpers.lexicon` checks ``first_official_use`` with the
same parser as :mod:`helpers.load.metadata` and :mod:`helpers.dates` use.

Example:
    >>> parse_date_precision("1644年")
    (Timestamp('1644-01-01 00:00:00'), 'year')
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import numpy as np
import pandas as pd

__all__ = ["DATE_DTYPE", "DATE_FORMS", "day", "date_column", "parse_date_precision", "period_bounds", "parse_date"]

#: dtype of every date column of tifa (the corpus ``date``, the metadata ``date``)
DATE_DTYPE = "datetime64[s]"

#: the written forms, for error messages
DATE_FORMS = "2022-04-13, 2022年4月13日, 2022/4/13, 2022-04, 2022年4月 or 2022"

_YEAR = r"(\d{4}|\d{1,3}(?=\s*年))"
_DATE_PATTERNS = [
    (re.compile(rf"^{_YEAR}\s*年?$"), "year"),
    (re.compile(rf"^{_YEAR}\s*(?:[-/.]|年)\s*(\d{{1,2}})\s*月?$"), "month"),
    (re.compile(rf"^{_YEAR}\s*(?:[-/.]|年)\s*(\d{{1,2}})\s*(?:[-/.]|月)\s*(\d{{1,2}})\s*日?"
                r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"), "day"),
]


def day(year: int, month: int = 1, dom: int = 1) -> pd.Timestamp:
    """Return the timestamp of a day of any year (second resolution; ValueError if impossible).

    Example:
        >>> day(1644, 5).strftime("%Y-%m-%d")
        '1644-05-01'
    """
    return pd.Timestamp(datetime(year, month, dom)).as_unit("s")


def date_column(values, index=None) -> pd.Series:
    """Return ``values`` (timestamps, datetimes or NaT/None) as a :data:`DATE_DTYPE` column.

    Example:
        >>> date_column([day(1644), None]).tolist()
        [Timestamp('1644-01-01 00:00:00'), NaT]
    """
    nat = np.datetime64("NaT", "s")
    array = np.array([nat if v is None or pd.isna(v) else pd.Timestamp(v).as_unit("s").to_datetime64()
                      for v in values], dtype=DATE_DTYPE)
    return pd.Series(array, index=index, dtype=DATE_DTYPE)


def _match(value: str) -> tuple[tuple[int, int, int], str] | None:
    text = unicodedata.normalize("NFKC", value).strip()
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, dom = ([int(g) for g in match.groups()] + [1, 1])[:3]
            return (year, month, dom), precision
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
    (year, month, dom), precision = found
    if year < 1:
        raise ValueError(value)
    return day(year, month, dom), precision  # ValueError if impossible


def period_bounds(stamp: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a date of this precision stands for.

    Example:
        >>> [d.strftime("%m-%d") for d in period_bounds(pd.Timestamp("2024-02-01"), "month")]
        ['02-01', '02-29']
    """
    if precision == "year":
        return day(stamp.year), day(stamp.year, 12, 31)
    if precision == "month":
        first = day(stamp.year, stamp.month)
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
        if pd.isna(value):
            return None
        t = pd.Timestamp(value)
        return t, t
    if _match(str(value)) is None:
        return None
    return period_bounds(*parse_date_precision(str(value)))
