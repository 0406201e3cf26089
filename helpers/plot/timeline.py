"""The political calendar behind a year axis: leaders' terms, party congresses, NPC sessions."""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..dates import load_calendar

_CN_NUM = "〇一二三四五六七八九"
_CONGRESS_RED = "#b03a2e"
_NPC_GREY = "#555555"


def _cn_number(n: int) -> str:
    """1 → 一, 13 → 十三, 20 → 二十 (for congress labels such as 十三大)."""
    if n < 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return (_CN_NUM[tens] if tens > 1 else "") + "十" + (_CN_NUM[ones] if ones else "")


def _decimal_year(d) -> float:
    d = pd.Timestamp(d)
    return d.year + (d.day_of_year - 1) / (366 if d.is_leap_year else 365)


def _leader_bands(ax: Axes, cal: pd.DataFrame, leaders: str, lang: str, trans) -> None:
    """Shade each leader's term in light alternating bands, named along the top."""
    lo, hi = ax.get_xlim()
    bands = ("#e8eef6", "#f7efe6")  # light blue / light sand, alternating
    terms = cal[cal["event_type"] == leaders].sort_values("start")
    for k, r in enumerate(terms.itertuples()):
        a = _decimal_year(r.start)
        b = _decimal_year(r.end) if pd.notna(r.end) else hi
        if b < lo or a > hi:
            continue
        a, b = max(a, lo), min(b, hi)
        ax.axvspan(a, b, color=bands[k % 2], zorder=-2, linewidth=0)
        if b - a > (hi - lo) * 0.035:  # name only where it fits
            name = r.name if lang == "zh" else (r.name_en or r.name)
            ax.text((a + b) / 2, 1.01, name, transform=trans, ha="center", va="bottom",
                    fontsize=8, color=_NPC_GREY, clip_on=False)


def _ordinal(n: int) -> str:
    """1 → 1st, 2 → 2nd, 13 → 13th, 22 → 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label_width(ax: Axes, label: str, fontsize: float = 7) -> float:
    """About how wide ``label`` is in x-data units (generous: the layout may narrow the Axes later)."""
    ems = sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in label) + 1.0  # + the box's padding
    width_in = ax.get_position().width * ax.figure.get_figwidth() * 0.8
    lo, hi = ax.get_xlim()
    return ems * fontsize / 72 / max(width_in, 0.1) * (hi - lo)


def _congress_lines(ax: Axes, cal: pd.DataFrame, lang: str, trans) -> None:
    """Mark each party congress with a dashed line labelled 十三大 (13th PC)."""
    lo, hi = ax.get_xlim()
    edge = (hi - lo) * 0.02
    last, row = None, 0
    for r in cal[cal["event_type"] == "party_congress"].sort_values("start").itertuples():
        x = _decimal_year(r.start)
        if lo <= x <= hi:
            label = f"{_cn_number(int(r.number))}大" if lang == "zh" else f"{_ordinal(int(r.number))} PC"
            # a label that would touch the one before it goes one row lower
            row = (1 - row) if last is not None and x - last < _label_width(ax, label) else 0
            last = x
            ax.axvline(x, color=_CONGRESS_RED, linestyle=(0, (3, 3)), linewidth=0.9, zorder=1, alpha=0.8)
            # near an edge the label hangs inwards instead of being cut by the frame
            ha = "right" if x > hi - edge else "left" if x < lo + edge else "center"
            ax.text(x, 0.985 - 0.075 * row, label, transform=trans, ha=ha, va="top", fontsize=7,
                    color=_CONGRESS_RED, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6,
                                               "alpha": 0.85}, zorder=3)


def _npc_ticks(ax: Axes, cal: pd.DataFrame, y: float, marker: str) -> None:
    """Mark the opening of each NPC session with a small triangle at height ``y`` (axes fraction)."""
    lo, hi = ax.get_xlim()
    npc = cal[cal["event_type"] == "npc_session"]
    xs = [_decimal_year(d) for d in npc["start"]]
    xs = [x for x in xs if lo <= x <= hi]
    if xs:
        trans = matplotlib.transforms.blended_transform_factory(ax.transData, ax.transAxes)
        ax.plot(xs, [y] * len(xs), transform=trans, linestyle="none", marker=marker,
                markersize=4, color=_NPC_GREY, clip_on=False, zorder=4, label="_npc")


def npc_marks(strip: Axes, calendar) -> None:
    """Mark the NPC sessions of ``calendar`` along the top of the documents strip ``strip``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> _, strip = plt.subplots()
        >>> _ = strip.set_xlim(2010, 2020)
        >>> npc_marks(strip, True)
        >>> len(strip.lines[0].get_xdata())
        10
        >>> plt.close("all")
    """
    cal = load_calendar() if calendar is True else calendar
    _npc_ticks(strip, cal, 1.0, "v")


def calendar_overlay(ax: Axes, calendar, leaders: str, lang: str, *,
                     npc_on_axis: bool = True) -> list[Line2D]:
    """Shade leaders' terms, mark party congresses and NPC sessions on a year axis.

    Args:
        ax: an Axes whose x axis is in (decimal) years, its limits already set.
        calendar: ``True`` for the bundled calendar, or a calendar table
            (``helpers.dates.load_calendar``).
        leaders: the ``event_type`` whose terms are shaded.
        lang: ``"zh"`` or ``"en"``.
        npc_on_axis: mark the NPC sessions on the x axis of ``ax`` (False when
            :func:`npc_marks` puts them in the documents strip instead).

    Returns:
        Legend handles for the congress lines and the NPC-session marks.
    """
    cal = load_calendar() if calendar is True else calendar
    trans = matplotlib.transforms.blended_transform_factory(ax.transData, ax.transAxes)
    _leader_bands(ax, cal, leaders, lang, trans)
    # headroom, so that the congress labels along the top never sit on the data
    y0, y1 = ax.get_ylim()
    ax.set_ylim(y0, y1 + (y1 - y0) * 0.08)
    _congress_lines(ax, cal, lang, trans)
    if npc_on_axis:
        _npc_ticks(ax, cal, 0.012, "^")
    return [Line2D([], [], color=_CONGRESS_RED, linestyle=(0, (3, 3)),
                   label="党代会" if lang == "zh" else "Party congress"),
            Line2D([], [], color=_NPC_GREY, marker="^" if npc_on_axis else "v", linestyle="none",
                   markersize=4, label="全国人大会议" if lang == "zh" else "NPC session")]
