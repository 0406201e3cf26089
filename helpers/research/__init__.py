"""Research recipes: the political calendar, first use, adoption lag, diffusion,
echo of the centre, segmentation audit and discourse temperature.

Every function returns a tidy DataFrame and counts formulations the way
:func:`helpers.textstat.count_slogans` does: non-overlapping substring matches
of a lexicon term or any of its variants in the clean text (plain strings that
are not in the lexicon are counted as they are).

Dates: a document's date is taken from ``date`` (with ``date_precision``) or,
without it, from ``year``. A lexicon's ``first_official_use`` may be ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``. A document counts as *before* a first use only
when it is certainly earlier: its latest possible date (end of its year or
month when the date is imprecise) falls before the first day of the first-use
period. The dates and the calendar live in :mod:`helpers.dates` and are
re-exported here.

The submodules: ``adoption`` (:func:`first_use`, :func:`adoption_lag`,
:func:`diffusion`), ``echo`` (:func:`echo`, :func:`echo_matrix`), ``panel`` (the province ×
year panel: :func:`panel_rates`, :func:`rank_provinces`), ``audit``
(:func:`segmentation_audit`) and ``temperature`` (:data:`TEMPERATURE_TIERS`,
:func:`temperature`). They build on :mod:`helpers.textstat`, never the reverse.

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["甲", "乙", "甲"],
    ...                        "year": [2019, 2021, 2022], "text": ["两个确立", "无", "两个确立"]})
    >>> first_use(corpus, ["两个确立"], by="province", lexicon=[])[["province", "first_doc"]].values.tolist()
    [['甲', 'a'], ['乙', '']]
"""

from __future__ import annotations

from ..dates import CALENDAR_CSV, before_first_use, first_use_dates, load_calendar, parse_date
from .adoption import adoption_lag, diffusion, first_use
from .audit import segmentation_audit
from .echo import echo, echo_matrix
from .panel import panel_rates, period_labels, rank_provinces, read_missing
from .temperature import TEMPERATURE_TIERS, temperature

__all__ = [
    "CALENDAR_CSV", "TEMPERATURE_TIERS", "load_calendar", "parse_date", "first_use_dates",
    "before_first_use", "first_use", "adoption_lag", "diffusion", "echo", "echo_matrix",
    "segmentation_audit", "temperature", "panel_rates", "rank_provinces", "read_missing", "period_labels",
]
