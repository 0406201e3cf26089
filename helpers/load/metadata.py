"""Read the metadata table (the codebook) and check it.

:func:`read_metadata` reads and checks a metadata CSV or DataFrame;
:func:`metadata_frame` is what the loaders call; :func:`year_from_name` finds a
year in a file name when no metadata row gives one; :func:`doc_stem` is the
doc_id a file name gives.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import warnings
from pathlib import Path, PurePosixPath

import pandas as pd

from .._dateparse import DATE_FORMS, date_column, day, parse_date_precision
from ..errors import CorpusError, CorpusWarning, user_stacklevel
from .decode import decode_bytes, file_error
from .frame import CORPUS_COLUMNS

#: columns made from the file itself: a metadata table's values for them are not used
FROM_FILE = ("text", "raw", "encoding")
#: the columns of the codebook (a metadata table's other columns are kept as extra columns)
METADATA_COLUMNS = [c for c in CORPUS_COLUMNS if c not in FROM_FILE]

_YEAR_IN_NAME_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def doc_stem(rel: str) -> str:
    """Return the doc_id a file name gives: its path without the suffix, in Unicode NFC.

    Example:
        >>> doc_stem("sub/2022-04-13_doc.TXT")
        'sub/2022-04-13_doc'
    """
    return unicodedata.normalize("NFC", str(PurePosixPath(rel).with_suffix("")))


def _as_path(source):
    """Return ``source`` as the error's path, or None for an in-memory table."""
    return None if isinstance(source, str) else source


def _safe_relpath(value: str, csv_path, row: int, folder: Path | None) -> str:
    """Normalise a metadata ``file`` value and refuse paths leaving the folder."""
    rel = value.strip().replace("\\", "/")
    hint = "Write the file name relative to the corpus folder, e.g. `sub/2022-04-13_doc.txt`."
    if rel.startswith("/") or re.match(r"^[A-Za-z]:", rel) or Path(rel).is_absolute():
        raise CorpusError(f"{csv_path}: row {row}: file {value!r} is an absolute path; it is refused. {hint}",
                          path=_as_path(csv_path), problem=f"absolute path in file column: {value!r}")
    if ".." in PurePosixPath(rel).parts:
        raise CorpusError(f"{csv_path}: row {row}: file {value!r} contains '..'; it is refused. {hint}",
                          path=_as_path(csv_path), problem=f"'..' in file column: {value!r}")
    rel = str(PurePosixPath(rel))
    if folder is not None:
        root = Path(folder).resolve()
        target = (root / rel).resolve()
        if target != root and root not in target.parents:
            raise CorpusError(f"{csv_path}: row {row}: file {value!r} resolves outside {root} "
                              f"(through a symbolic link); it is refused. {hint}",
                              path=_as_path(csv_path), problem=f"file outside the folder: {value!r}")
    return rel


def _read_csv_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise file_error(path, "the metadata file does not exist", "Check the path, or pass metadata=None.") from None
    except OSError as exc:
        raise file_error(path, f"the metadata file cannot be read ({exc.strerror or exc})",
                         "Check its permissions.") from None
    text, _ = decode_bytes(data, path)
    if not text.strip():
        raise file_error(path, "the metadata file is empty", "Write a header line with at least `doc_id` or `file`.")
    return text


def read_metadata(path: str | os.PathLike | pd.DataFrame, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read a metadata CSV (one row per document) and check it.

    The delimiter (``,``, ``;`` or tab) is detected from the header line; the
    file may be UTF-8 (with or without BOM), GB18030 or another encoding that
    :func:`read_text_file` understands. Every value is read as text.

    Checks and conversions:

    * column names are matched to the codebook's ignoring case, surrounding
      spaces and full-width forms (``Date``, `` Province ``, ``ＤＡＴＥ``,
      ``Source URL``); each renamed column is recorded, and so are the columns
      the codebook does not know (kept as extra columns) and ``text``, ``raw``
      or ``encoding`` columns (made from the files: their values are not
      used): one :class:`~helpers.errors.CorpusWarning` says so, and the
      records are in ``table.attrs["problems"]`` (``{"file", "problem",
      "action"}``, as ``corpus.attrs["problems"]``, which they join);
    * at least one of the columns ``doc_id`` and ``file`` must exist; a missing
      ``doc_id`` is made from ``file`` (its path without the suffix, see
      :func:`doc_stem`);
    * ``doc_id`` values must be unique, and so must ``file`` values: two rows
      describing one file are an error naming both rows;
    * ``date`` accepts ``2022-04-13``, ``2022年4月13日``, ``2022/4/13``,
      ``2022.4.13``, ``2022-04``, ``2022年4月``, ``2022``, any year
      (``1644``, ``644年``); ``date_precision`` (``day``/``month``/``year``)
      is computed where absent or empty and ``year`` is filled from the date;
    * ``file`` values must be relative paths inside ``folder``: absolute paths,
      ``..`` and paths resolving outside ``folder`` are refused.

    Args:
        path: the CSV file (a DataFrame is accepted too and checked the same way).
        folder: the folder the ``file`` values are relative to (default: the
            CSV's own folder).

    Returns:
        The table with text columns as ``str`` ("" when empty), ``date`` as
        ``datetime64[s]`` (NaT when unknown; seconds, so that any year fits)
        and ``year`` as ``Int64``; ``attrs["problems"]`` lists what was
        renamed or not recognised.

    Raises:
        CorpusError: naming the file, the (spreadsheet) row number — the header
            is row 1 — and the offending value.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "metadata.csv"
        >>> _ = p.write_text("file;date\\na.txt;2022年4月13日\\n", encoding="utf-8")
        >>> read_metadata(p)[["doc_id", "date", "date_precision", "year"]]
          doc_id       date date_precision  year
        0      a 2022-04-13            day  2022
    """
    if isinstance(path, pd.DataFrame):
        source, table = "metadata table", _table_from_frame(path)
    else:
        source = Path(path)
        table = _table_from_csv(source)
        if folder is None:
            folder = source.parent
    notes = _canonical_columns(table, source)
    _require_id_column(table, source)
    table = table.reset_index(drop=True)
    for column in table.columns:
        table[column] = table[column].fillna("").astype(str).str.strip()
    rows = [i + 2 for i in range(len(table))]  # spreadsheet row numbers
    _fill_files_and_ids(table, source, rows, folder)
    _refuse_duplicates(table, "doc_id", source, rows)
    _refuse_duplicates(table, "file", source, rows)
    _fill_dates(table, source, rows)
    table.attrs["problems"] = notes
    table.attrs["source"] = str(source)
    if notes:
        warnings.warn(f"{source}: " + "; ".join(f"{n['problem']} ({n['action']})" for n in notes) + ".",
                      CorpusWarning, stacklevel=user_stacklevel())
    return table


def column_key(name: str) -> str:
    """A column name as the codebook would write it: NFKC, no surrounding spaces, lower case, ``_`` for spaces."""
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", str(name)).strip().lower())


def _canonical_columns(table: pd.DataFrame, source) -> list[dict[str, str]]:
    """Rename (in place) the columns that are codebook columns but for case, spaces or width; return the notes."""
    known = {*METADATA_COLUMNS, *FROM_FILE}
    names: dict[str, str] = {}  # new name -> the header it comes from
    for column in table.columns:
        key = column_key(column)
        name = key if key in known else column
        if name in names:
            raise CorpusError(f"{source}: the columns {names[name]!r} and {column!r} are both the column {name!r} "
                              "(names are matched ignoring case, spaces and full-width forms). Keep one of them.",
                              path=_as_path(source), problem=f"two columns named {name!r}")
        names[name] = column
    renamed = {old: new for new, old in names.items() if old != new}
    table.columns = [renamed.get(c, c) for c in table.columns]
    where, notes = str(source), []
    if renamed:
        notes.append({"file": where, "problem": "column names " + ", ".join(f"{a!r} read as {b!r}" for a, b in
                      renamed.items()) + " (matched ignoring case, spaces and full-width forms)",
                      "action": "columns renamed"})
    ignored = [c for c in table.columns if c in FROM_FILE]
    if ignored:
        notes.append({"file": where, "problem": f"column(s) {', '.join(ignored)} are made from the files",
                      "action": "metadata values not used"})
    unknown = [str(c) for c in table.columns if c not in known]
    if unknown:
        notes.append({"file": where, "problem": f"column(s) not in the codebook: {', '.join(unknown)} (the codebook "
                      f"columns are {', '.join(METADATA_COLUMNS)})", "action": "kept as extra columns"})
    return notes


def _table_from_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A metadata DataFrame with stripped column names and every value as text."""
    table = frame.copy()
    table.columns = [str(c).strip() for c in table.columns]
    table = table.astype(object).where(table.notna(), "")
    return table.map(lambda v: "" if v is None else str(v))


def _table_from_csv(csv_path: Path) -> pd.DataFrame:
    """Read the CSV with the delimiter its header line uses, every value as text."""
    text = _read_csv_text(csv_path)
    header = text.lstrip("\ufeff").splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        table = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=delimiter, dtype=str,
                            keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, ValueError) as exc:
        raise CorpusError(f"{csv_path}: the metadata file is not a valid CSV table ({exc}). "
                          "Check that every row has the same number of fields as the header; "
                          "quote values that contain the delimiter.",
                          path=csv_path, problem="invalid CSV") from None
    table.columns = [str(c).strip().lstrip("\ufeff") for c in table.columns]
    return table


def _require_id_column(table: pd.DataFrame, source) -> None:
    required = {"doc_id", "file"}
    if not required & set(table.columns):
        raise CorpusError(
            f"{source}: missing required column: the table needs `doc_id` or `file` (or both); "
            f"found columns: {', '.join(map(str, table.columns)) or 'none'}. "
            "Check the header line and the delimiter (comma, semicolon or tab).",
            path=_as_path(source), problem="missing required columns doc_id, file")


def _fill_files_and_ids(table: pd.DataFrame, source, rows: list[int], folder) -> None:
    """Check the ``file`` values (in place) and make the missing ``doc_id`` values from them."""
    if "file" in table.columns:
        table["file"] = [
            _safe_relpath(v, source, row, Path(folder) if folder is not None else None) if v else ""
            for v, row in zip(table["file"], rows)
        ]
    if "doc_id" not in table.columns:
        table.insert(0, "doc_id", "")
    if "file" in table.columns:
        derived = table["file"].map(lambda f: doc_stem(f) if f else "")
        table["doc_id"] = table["doc_id"].where(table["doc_id"] != "", derived)


def _refuse_duplicates(table: pd.DataFrame, column: str, source, rows: list[int]) -> None:
    """Refuse empty ``doc_id`` values, and duplicate ``doc_id`` or ``file`` values, naming their rows."""
    if column not in table.columns:
        return
    if column == "doc_id":
        empty = [row for row, v in zip(rows, table["doc_id"]) if not v]
        if empty:
            raise CorpusError(f"{source}: rows {', '.join(map(str, empty))} have neither a doc_id nor a file. "
                              "Give every row a doc_id or a file name.", path=_as_path(source),
                              problem="empty doc_id")
    values = table[column]
    dup = values[values.duplicated(keep=False) & (values != "")]
    if len(dup):
        where = "; ".join(
            f"{value!r} in rows {', '.join(str(rows[i]) for i in dup.index[dup == value])}"
            for value in dict.fromkeys(dup)
        )
        hint = ("Every document needs its own doc_id." if column == "doc_id" else
                "One row per file: merge the rows (the metadata of one of them would be lost).")
        raise CorpusError(f"{source}: duplicate {column}: {where}. {hint}",
                          path=_as_path(source), problem=f"duplicate {column}: {', '.join(dict.fromkeys(dup))}")


def _fill_dates(table: pd.DataFrame, source, rows: list[int]) -> None:
    """Parse ``date``, compute ``date_precision`` and ``year`` (in place)."""
    dates, precisions, years = [], [], []
    given_prec = table["date_precision"] if "date_precision" in table.columns else [""] * len(table)
    given_year = table["year"] if "year" in table.columns else [""] * len(table)
    given_date = table["date"] if "date" in table.columns else [""] * len(table)
    for row, value, prec, year in zip(rows, given_date, given_prec, given_year):
        stamp, precision, year_value = row_date(source, row, value, prec, year)
        dates.append(stamp)
        precisions.append(precision)
        years.append(year_value)
    table["date"] = date_column(dates, index=table.index)
    table["date_precision"] = precisions
    table["year"] = pd.array(years, dtype="Int64")


def row_date(source, row: int, value: str, prec: str, year: str):
    """Return one row's ``(date, date_precision, year)`` from its given values."""
    year_value = None
    if year:
        try:
            year_value = int(float(unicodedata.normalize("NFKC", year).rstrip("年")))
        except ValueError:
            raise CorpusError(f"{source}: row {row}: year {year!r} is not a year. Write it as four digits, "
                              "e.g. 2022.", path=_as_path(source), problem=f"invalid year {year!r}") from None
    if value:
        try:
            stamp, computed = parse_date_precision(value)
        except ValueError:
            raise CorpusError(
                f"{source}: row {row}: date {value!r} is not a date. Use {DATE_FORMS}.",
                path=_as_path(source), problem=f"invalid date {value!r}") from None
        if year_value is None:
            year_value = stamp.year
    elif year_value is not None:
        try:
            stamp, computed = day(year_value), "year"
        except ValueError:
            raise CorpusError(f"{source}: row {row}: year {year!r} is not a year of the calendar (1 to 9999).",
                              path=_as_path(source), problem=f"invalid year {year!r}") from None
    else:
        stamp, computed = pd.NaT, ""
    if prec and prec not in ("day", "month", "year"):
        raise CorpusError(f"{source}: row {row}: date_precision {prec!r} must be day, month or year.",
                          path=_as_path(source), problem=f"invalid date_precision {prec!r}")
    return stamp, prec or computed, year_value


def metadata_frame(metadata, folder: Path) -> pd.DataFrame | None:
    """Read ``metadata`` (None, a CSV path or a DataFrame) with ``file`` values relative to ``folder``."""
    if metadata is None:
        return None
    if isinstance(metadata, pd.DataFrame):
        return read_metadata(metadata, folder=folder)
    return read_metadata(Path(metadata), folder=folder)


def year_from_name(rel: str) -> int | None:
    """Return the four-digit year 1900–2099 in the file name of ``rel``, or None."""
    match = _YEAR_IN_NAME_RE.search(PurePosixPath(rel).name)
    return int(match.group(1)) if match else None
