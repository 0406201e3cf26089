"""Front matter as metadata: the YAML block at the top of a ``.md`` file gives the document's columns.

:func:`read_front_matter` parses the block of one file (strictly for
Markdown: a bad block is a :class:`~helpers.errors.CorpusError` naming the
file and the line) and turns it into column values, named as the metadata
CSV's headers are (:func:`~helpers.load.metadata.column_key`: ``Title`` is
``title``) and with dates read by the one date parser;
:func:`merge_front_matter` puts them in a document's row, where a metadata
table's value wins and each conflict is recorded.

Example:
    >>> values, notes = read_front_matter("---\\nTitle: 报告\\ndate: 2024-01-23\\n---\\n正文", "a.md")
    >>> values["title"], values["date"].date(), values["date_precision"], values["year"]
    ('报告', datetime.date(2024, 1, 23), 'day', 2024)
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd

from ..clean.frontmatter import FrontMatterError, find_front_matter
from ..clean.markdown import is_markdown
from ..errors import CorpusError
from .metadata import FROM_FILE, column_key, row_date

__all__ = ["read_front_matter", "merge_front_matter", "metadata_value", "NOT_FROM_FRONT_MATTER"]

#: keys a front matter may not set: the document's identity and what is made from the file
NOT_FROM_FRONT_MATTER = ("doc_id", "file", *FROM_FILE)
_DATE_KEYS = ("date", "date_precision", "year")


def _key_line(raw: str, key) -> int:
    """The line (1-based) of ``key:`` in the front matter of ``raw``, else 2."""
    m = re.search(rf"^[ \t]*['\"]?{re.escape(str(key))}['\"]?[ \t]*:", raw, re.MULTILINE)
    return raw.count("\n", 0, m.start()) + 1 if m else 2


def metadata_value(value):
    """A YAML value as a metadata value (str), or None when it is not one value or a list of values.

    Example:
        >>> metadata_value(["https://a.cn/1", "https://b.cn/2"]), metadata_value({"a": 1})
        ('https://a.cn/1; https://b.cn/2', None)
    """
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                       for v in value):
        return "; ".join(str(v).strip() for v in value)
    return None


def _dates(values: dict, raw: str, where: str) -> None:
    """Read ``date``, ``date_precision`` and ``year`` (in place) as the metadata reader does."""
    given = {k: values.pop(k, "") for k in _DATE_KEYS}
    if not any(given.values()):
        return
    try:
        stamp, precision, year = row_date(where, 0, given["date"], given["date_precision"], given["year"])
    except CorpusError as exc:
        key = next((k for k in _DATE_KEYS if given[k] and repr(given[k]) in str(exc)), "date")
        line = _key_line(raw, key)
        problem = str(exc).split(": ", 2)[-1]
        raise CorpusError(f"{where}, line {line} (front matter): {problem}", path=where,
                          problem=f"front matter {key}: {given[key]!r} (line {line})") from None
    values.update(date=stamp, date_precision=precision, year=year)


def read_front_matter(raw: str, path, *, markup: str = "") -> tuple[dict, list[dict]]:
    """Return the column values of the front matter of ``raw`` (the text of file ``path``) and notes.

    A Markdown file (by suffix or ``markup``) with a bad block (not closed,
    not YAML, not a mapping, a date that is not a date) is a CorpusError
    naming the file and the line. A plain-text file whose first line is
    ``---`` is read as front matter only when the block is valid; otherwise
    it is read as text, and a note says so. Keys a front matter may not set
    (:data:`NOT_FROM_FRONT_MATTER`) and values that are neither one value nor
    a list of values (a nested mapping) are left out, with a note.

    Returns:
        ``(values, notes)``: column -> value (``date`` a Timestamp, ``year``
        an int, other values str; lists joined with ``"; "``), and
        ``{"file", "problem", "action"}`` records.
    """
    where = str(path)
    strict = is_markdown(Path(where).name, markup)
    try:
        fm = find_front_matter(raw, strict=strict)
    except FrontMatterError as exc:
        raise CorpusError(f"{where}, line {exc.line}: {exc.problem}.", path=where,
                          problem=f"bad front matter (line {exc.line})") from None
    notes: list[dict] = []
    if fm is None:
        if not strict and re.match(r"---[ \t]*\r?\n", raw):
            notes.append({"file": where, "problem": "the file begins with a '---' line but has no valid YAML "
                          "front matter after it", "action": "read as text (no front matter)"})
        return {}, notes
    values: dict = {}
    for key, value in fm.data.items():
        column = column_key(key)
        text = None if value is None else metadata_value(value)
        if column in NOT_FROM_FRONT_MATTER or (text is None and value is not None):
            why = "is made from the file" if column in NOT_FROM_FRONT_MATTER else "is not a single value or a list"
            notes.append({"file": where, "problem": f"front matter key {key!r} (line {_key_line(raw, key)}) {why}",
                          "action": "front matter value not used"})
        elif text:
            values[column] = text
    _dates(values, raw, where)
    return values, notes


def _differs(a, b) -> bool:
    if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
        return pd.Timestamp(a) != pd.Timestamp(b)
    return str(a).strip() != str(b).strip()


def _given(record: dict | None, key: str) -> bool:
    """Whether the metadata ``record`` gives a value for ``key``."""
    if record is None or key not in record:
        return False
    value = record[key]
    return not (value is None or (not isinstance(value, str) and pd.isna(value)) or value == "")


_FINER = {"day": 0, "month": 1, "year": 2}


def _refines(record: dict, values: dict) -> bool:
    """Whether the front matter date is more precise than the metadata's and within its period (2024 → 2024-01-23)."""
    mine, theirs = values.get("date_precision", ""), record.get("date_precision", "")
    if mine not in _FINER or theirs not in _FINER or _FINER[mine] >= _FINER[theirs]:
        return False
    a, b = pd.Timestamp(record["date"]), pd.Timestamp(values["date"])
    return a.year == b.year and (theirs == "year" or a.month == b.month)


def merge_front_matter(row: dict, record: dict | None, values: dict, rel: str, problems,
                       extra: list[str]) -> int:
    """Put the front matter ``values`` into ``row`` (in place); return the number of conflicts recorded.

    A value the metadata ``record`` gives wins; when the front matter gives
    another, the conflict is recorded (file, key, both values; action
    ``"metadata value kept"``, in ``problems``, a
    :class:`~helpers.load.files.Problems`). The date is one value: a metadata date keeps
    its precision, unless the front matter's date is more precise and within
    it (metadata 2024, front matter 2024-01-23: the day is taken). A key that is no column yet is appended to ``extra``
    (the corpus gets that column; "" for the other documents).
    """
    conflicts = 0
    meta_date = _given(record, "date")
    if meta_date and "date" in values and _refines(record, values):
        row.update(date=values["date"], date_precision=values["date_precision"])
        values = {k: v for k, v in values.items() if k not in ("date", "date_precision")}
    for key, value in values.items():
        if key not in row:
            extra.append(key)
            row[key] = ""
        if key == "date_precision" and meta_date:
            continue
        if _given(record, key):
            if _differs(record[key], value):
                conflicts += 1
                shown = record[key].date() if isinstance(record[key], pd.Timestamp) else record[key]
                mine = value.date() if isinstance(value, pd.Timestamp) else value
                problems.note(rel, f"front matter {key}: {str(mine)!r} differs from the metadata's {str(shown)!r}",
                              "metadata value kept")
            continue
        row[key] = value
    return conflicts
