"""Metadata of the bundled panel (provincial and national reports, party congress documents), from the texts.

:func:`report_row` reads one government work report with
:func:`~helpers.load.delivery.parse_delivery` and says how each value was
established (``*_source`` columns); :func:`panel_metadata` does it for every
file of a bundled folder, applies the hand-checked readings
(``data/metadata/readings.csv``: what a person established by reading the
text where the parser cannot) and marks duplicates; :func:`missing_years`
lists the province-years without a report. ``scripts/build_panel_metadata.py``
writes the tables to ``data/metadata/``; ``tests/test_panel.py`` checks that
the committed tables are what this module reads from the committed texts.

Example:
    >>> text = "---\\ntitle: 2024年政府工作报告\\n---\\n——2024年1月23日在广东省第十四届人民代表大会第二次会议上\\n\\n广东省省长 王伟中\\n\\n各位代表："
    >>> row = report_row("provinces/广东省/2024.md", text)
    >>> row["doc_id"], row["year"], row["congress"], row["speaker"], row["date_source"], row["year_source"]
    ('广东省-2024', 2024, 14, '王伟中', 'delivery_line', 'delivery_line')
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .delivery import chinese_number, front_matter_fields, parse_delivery

__all__ = ["PANEL_COLUMNS", "SOURCE_VALUES", "report_row", "congress_row", "panel_metadata", "read_readings", "apply_readings",
           "mark_duplicates", "missing_years"]

#: The columns of the panel metadata tables, in order: the corpus columns, then what the codebook adds.
PANEL_COLUMNS = [
    "doc_id", "file", "corpus", "date", "date_precision", "year", "province", "city", "district", "level",
    "genre", "speaker", "title", "source_url", "script", "notes",
    "speaker_title", "congress", "session", "file_year", "duplicate_of",
    "date_source", "year_source", "session_source", "speaker_source",
]
#: How a value was established (the ``*_source`` columns).
SOURCE_VALUES = ("delivery_line", "heading", "title", "review_heading", "front_matter", "file_name", "reading", "")

_YEAR_IN_NAME = re.compile(r"^(\d{4})")


def file_year(file: str) -> int | None:
    """The year a file name gives (``provinces/四川省/2010.md`` → 2010), a hint only.

    Example:
        >>> file_year("national/1964-part.md"), file_year("congress/2022-二十大报告.md")
        (1964, 2022)
    """
    match = _YEAR_IN_NAME.match(Path(file).name)
    return int(match.group(1)) if match else None


def _date_fields(found: dict, hint: int | None) -> dict:
    """date, date_precision, year and their sources from what the parser found (else the review heading, the name)."""
    date = found["date"]
    if date:
        precision = {10: "day", 7: "month", 4: "year"}[len(date)]
        return {"date": date, "date_precision": precision, "year": int(date[:4]),
                "date_source": found["date_source"], "year_source": found["date_source"]}
    if found.get("reviewed_year"):
        year, source = found["reviewed_year"] + 1, "review_heading"
    else:
        year, source = hint, "file_name"
    return {"date": str(year), "date_precision": "year", "year": year, "date_source": source, "year_source": source}


def report_row(file: str, text: str) -> dict:
    """Return the metadata row of one bundled government work report (``file`` relative to ``data/raw``).

    ``provinces/<province>/<year>.md`` is a provincial report (level
    ``province``), ``national/<year>.md`` a State Council report (province
    ``全国``, level ``national``). The file name gives only ``province`` and
    ``file_year``; date, year, session and speaker come from the text (see
    :func:`~helpers.load.delivery.parse_delivery`), each with its ``*_source``.
    """
    found = parse_delivery(text)
    parts = Path(file).parts
    national = parts[0] == "national"
    province = "全国" if national else parts[1]
    hint = file_year(file)
    row = {"doc_id": "", "file": file, "corpus": parts[0], "province": province, "city": "", "district": "",
           "level": "national" if national else "province", "genre": "work_report",
           "speaker": found["speaker"], "speaker_title": found["speaker_title"],
           "title": found["title"] or "政府工作报告", "source_url": found["source"], "script": "simplified",
           "notes": "", "congress": found["congress"], "session": found["session"], "file_year": hint,
           "duplicate_of": "", "session_source": found["session_source"] if found["congress"] else "",
           "speaker_source": found["speaker_source"]}
    row.update(_date_fields(found, hint))
    row["doc_id"] = report_doc_id(row)
    return row


def report_doc_id(row: dict) -> str:
    """``<province>-<year>`` for a provincial report, ``national-<year>`` for a State Council report.

    Example:
        >>> report_doc_id({"corpus": "provinces", "province": "四川省", "year": 2011})
        '四川省-2011'
    """
    return f"{'national' if row['corpus'] == 'national' else row['province']}-{row['year']}"


_GENRES = [  # (pattern in the title or file name, genre), first match wins
    ("纪律检查委员会|中央纪委", "ccdi_report"), ("顾问委员会|中顾委", "cac_report"), ("说明|意见", "explanation"),
    ("决议(?!案)", "resolution"), ("宣言", "manifesto"), ("修改.*报告", "report"),
    ("章程|党章|党纲|纲领", "constitution"), ("开幕词|闭幕词|发言", "speech"), ("报告", "report"),
]
_CONGRESS_NUMBER = re.compile(r"第([一二三四五六七八九十]{1,3})次全国代表大会")
_CONGRESS_TAG = re.compile(r"(?:^|; )([一二三四五六七八九十]{1,3})大(?:; |$)")  # tags joined as metadata values are


def congress_genre(name: str) -> str:
    """The genre of a party document from its title or file name.

    Example:
        >>> congress_genre("中共中央纪律检查委员会向党的第十三次全国代表大会的工作报告"), congress_genre("1922-中国共产党二大宣言")
        ('ccdi_report', 'manifesto')
    """
    return next((genre for pattern, genre in _GENRES if re.search(pattern, name)), "other")


def congress_row(file: str, text: str) -> dict:
    """Return the metadata row of one party congress document: date, congress number, genre, authors.

    The date and authors are the front matter's (upstream took them from the
    documents' sources); the congress number comes from the title
    (第二十次全国代表大会), else the tags (二十大); the genre from the title.
    """
    fields, _ = front_matter_fields(text)
    title = fields.get("title", "") or Path(file).stem
    number = _CONGRESS_NUMBER.search(title) or _CONGRESS_TAG.search(fields.get("tags", ""))
    date = fields.get("date", "")
    row = {"doc_id": f"congress-{Path(file).stem}", "file": file, "corpus": "congress", "province": "全国",
           "city": "", "district": "", "level": "national", "genre": congress_genre(title + Path(file).stem),
           "speaker": fields.get("authors", ""), "speaker_title": "", "title": title,
           "source_url": fields.get("link", "") or fields.get("source", ""), "script": "simplified", "notes": "",
           "congress": chinese_number(number.group(1)) if number else None, "session": None,
           "file_year": file_year(file), "duplicate_of": "",
           "session_source": ("title" if _CONGRESS_NUMBER.search(title) else "front_matter") if number else "",
           "speaker_source": "front_matter" if fields.get("authors") else ""}
    if date:
        row.update(date=date, date_precision="day", year=int(date[:4]), date_source="front_matter",
                   year_source="front_matter")
    else:
        row.update(date=str(row["file_year"]), date_precision="year", year=row["file_year"],
                   date_source="file_name", year_source="file_name")
    return row


#: Columns a reading may set, and the ``*_source`` column it marks ``reading``.
READABLE = {"date": "date_source", "year": "year_source", "congress": "session_source",
            "session": "session_source", "speaker": "speaker_source", "speaker_title": "speaker_source",
            "duplicate_of": None, "notes": None}


READINGS_COLUMNS = ["file", "column", "value", "reason"]


def read_readings(path: Path) -> pd.DataFrame:
    """Read ``readings.csv`` (file, column, value, reason); an empty table when it does not exist."""
    if not Path(path).is_file():
        return pd.DataFrame(columns=READINGS_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(table.columns) != READINGS_COLUMNS or (table["reason"] == "").any():
        raise ValueError(f"{path}: the columns must be {', '.join(READINGS_COLUMNS)} and every reading "
                         "needs a reason.")
    return table


def apply_readings(rows: list[dict], readings: pd.DataFrame) -> list[dict]:
    """Set the values a person established by reading the text (``readings``: file, column, value, reason).

    A reading of ``date`` sets ``date``, ``date_precision`` and ``year`` (all
    ``reading``); ``notes`` gets the reason of every reading of the row. A
    reading naming a file or a column that does not exist is an error (a
    reading must never be lost silently).
    """
    by_file = {row["file"]: row for row in rows}
    for reading in readings.itertuples(index=False):
        if reading.file not in by_file or reading.column not in READABLE:
            raise ValueError(f"data/metadata/readings.csv: the reading {reading.file} / {reading.column} names "
                             f"no bundled file or a column that cannot be read ({', '.join(READABLE)}).")
        row = by_file[reading.file]
        value = reading.value
        if reading.column == "date":
            precision = {10: "day", 7: "month", 4: "year"}[len(value)]
            row.update(date=value, date_precision=precision, year=int(value[:4]), date_source="reading",
                       year_source="reading")
        elif reading.column in ("year", "congress", "session"):
            row[reading.column] = int(value) if value else None
        elif reading.column != "notes":
            row[reading.column] = value
        if READABLE[reading.column] and reading.column != "date":
            row[READABLE[reading.column]] = "reading" if value else ""
        row["notes"] = f"{row['notes']} {reading.reason}".strip()
    return rows


def mark_duplicates(rows: list[dict]) -> list[dict]:
    """Give every row a unique doc_id: of rows sharing one, those marked ``duplicate_of`` (or, unmarked, all
    but the one whose file name agrees with its year) become ``<doc_id>~2``, ``~3``… with ``duplicate_of``."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        row["doc_id"] = report_doc_id(row) if row["corpus"] != "congress" else row["doc_id"]
        groups.setdefault(row["doc_id"], []).append(row)
    for doc_id, group in groups.items():
        if len(group) == 1 and not group[0]["duplicate_of"]:
            continue
        group.sort(key=lambda r: (bool(r["duplicate_of"]), r["file_year"] != r["year"], r["file"]))
        for number, row in enumerate(group[1:], start=2):
            row["doc_id"], row["duplicate_of"] = f"{doc_id}~{number}", doc_id
    return rows


def panel_metadata(raw_dir: Path, corpus: str, readings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read every ``.md`` of ``raw_dir/<corpus>`` and return its metadata table (:data:`PANEL_COLUMNS`).

    ``corpus`` is ``provinces``, ``national`` or ``congress``. Rows are sorted
    by province, year and doc_id.

    Example:
        >>> from helpers import paths
        >>> table = panel_metadata(paths.RAW_DIR, "national")
        >>> row = table.set_index("doc_id").loc["national-2024"]
        >>> row["date"], row["speaker"], int(row["congress"]), int(row["session"])
        ('2024-03-05', '李强', 14, 2)
    """
    reader = congress_row if corpus == "congress" else report_row
    files = sorted((raw_dir / corpus).rglob("*.md"))
    rows = [reader(path.relative_to(raw_dir).as_posix(), path.read_text(encoding="utf-8")) for path in files]
    if readings is not None:
        rows = apply_readings(rows, readings[readings["file"].str.startswith(f"{corpus}/")])
    rows = mark_duplicates(rows)
    table = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    for column in ("year", "congress", "session", "file_year"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(["province", "year", "doc_id"], kind="stable").reset_index(drop=True)


def missing_years(table: pd.DataFrame, last_year: int = 2026, first_year: int = 2003) -> pd.DataFrame:
    """List the province-years without a report (duplicates do not count): province, year.

    The panel of a province runs from ``first_year`` (or its first report,
    when earlier: 浙江省 from 1979) to ``last_year``; a year in it without a
    report is missing (not zero).

    Example:
        >>> table = pd.DataFrame({"province": ["甲省", "甲省"], "year": [2003, 2005], "duplicate_of": ["", ""]})
        >>> missing_years(table, 2006, 2002).values.tolist()
        [['甲省', 2002], ['甲省', 2004], ['甲省', 2006]]
    """
    kept = table[table["duplicate_of"] == ""]
    rows = []
    for province, years in kept.groupby("province")["year"]:
        have = set(int(y) for y in years.dropna())
        rows += [(province, year) for year in range(min(min(have), first_year), last_year + 1) if year not in have]
    return pd.DataFrame(rows, columns=["province", "year"])
