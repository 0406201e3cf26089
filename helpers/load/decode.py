"""Read documents and their metadata into a corpus DataFrame.

The corpus is one pandas DataFrame with one row per document; its columns are
listed in ``docs/architecture.md`` (and in :data:`CORPUS_COLUMNS`). The raw text
of every file is kept, untouched, beside the cleaned text.

Three public functions:

* :func:`read_text_file` decodes one file (UTF-8, UTF-8 with BOM, UTF-16,
  GB18030/GBK/GB2312 or Big5) and says which codec it used.
* :func:`read_metadata` reads a metadata CSV (the codebook) into a DataFrame
  with parsed dates.
* :func:`load_corpus` loads a bundled corpus (``"seeds"``, ``"gwr"``,
  ``"all"``) or a folder of ``.txt`` files.

Every problem with an input is a :class:`~helpers.errors.CorpusError` (a
``ValueError``) naming the file and the problem, or a
:class:`~helpers.errors.CorpusWarning` when the document can still be used.

Example:
    >>> from helpers.load import load_corpus
    >>> corpus = load_corpus("seeds", clean=False)  # doctest: +SKIP
    >>> corpus[["doc_id", "year", "level"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import unicodedata
import warnings
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Iterable

import pandas as pd

from .. import paths
from .._parallel import balanced_runs, file_sizes, in_order, mp_context, resolve_n_jobs
from ..clean import clean_text, detect_script
from ..dates import parse_date_precision
from ..errors import CorpusError, CorpusWarning

__all__ = ["load_corpus", "read_text_file", "read_metadata", "CORPUS_COLUMNS", "BUNDLED"]

#: Columns of the corpus DataFrame, in order (see docs/architecture.md).
CORPUS_COLUMNS = [
    "doc_id", "text", "raw", "encoding", "file", "corpus", "date", "date_precision",
    "year", "province", "city", "district", "level", "genre", "speaker", "title",
    "source_url", "script", "notes",
]
#: Names accepted by :func:`load_corpus` for the bundled data.
BUNDLED = ("seeds", "gwr", "all")

_STR_COLUMNS = [c for c in CORPUS_COLUMNS if c not in ("date", "year")]
_PROGRESS_THRESHOLD = 50
_SCORE_SAMPLE = 20_000  # characters scored when choosing between Chinese codecs
_MIN_SCORE = 0.5  # below this share of plausible characters the bytes are not text
_HTML_RE = re.compile(r"<\s*(?:html|body|head|p|div|br|span|table)\b[^<>]*>", re.IGNORECASE)
_YEAR_IN_NAME_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


# --------------------------------------------------------------------------
# decoding
# --------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Return the commonly used Chinese characters, simplified and traditional.

    GB2312 level 1 (lead bytes B0–D7) holds the 3,755 most frequent simplified
    characters; Big5 A440–C67E holds the 5,401 frequent traditional ones.
    Text decoded with the wrong codec is mostly *rare* characters, so the
    share of common ones tells the right codec apart.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Return the share of characters in ``text`` that look like Chinese prose."""
    sample = text[:_SCORE_SAMPLE]
    common = _common_chars()
    good = total = 0
    for ch in sample:
        if ch.isspace() and ch not in "\x1c\x1d\x1e\x1f\x85":  # those are control characters
            continue
        total += 1
        code = ord(ch)
        if (ch in common or 0x20 < code < 0x7F or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E
                or 0xC0 <= code <= 0x24F):  # Latin letters with accents: pinyin (xué), names
            good += 1
        elif ch in "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7\u2022\u25cf\u3010\u3011":
            good += 1
    return good / total if total else 1.0


def _utf16_without_bom(data: bytes, threshold: float) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 (either byte order) if it reads as Chinese text.

    NUL bytes alone do not give the byte order away: ASCII characters have a
    NUL high byte, but so do 一 (U+4E00) and the ideographic space (U+3000) in
    the *low* byte. So both orders are decoded and the more plausible wins.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _charset_normalizer_guess(data: bytes, codecs: Iterable[str]) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=list(codecs)).best()
    if best is None:
        return None
    name = best.encoding.replace("_", "-").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5hkscs": "big5", "cp950": "big5"}.get(name, name)


def _error(path, problem: str, hint: str) -> CorpusError:
    return CorpusError(f"{path}: {problem}. {hint}", path=path, problem=problem)


def _decode(data: bytes, path) -> tuple[str, str]:
    """Decode ``data`` (read from ``path``) and return ``(text, encoding)``."""
    save_hint = "Open it in a text editor and save it as UTF-8 text (.txt)."
    if not data:
        raise _error(path, "the file is empty", "Remove it from the folder or put the document's text in it.")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _error(path, f"the file starts with a UTF-8 BOM but is not valid UTF-8 (byte {exc.start})",
                         save_hint) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _error(path, f"the file starts with a UTF-16 BOM but is not valid UTF-16 (byte {exc.start})",
                         save_hint) from None
    if b"\x00" in data:
        decoded = _utf16_without_bom(data, 0.7)
        if decoded:
            return decoded
        raise _error(path, "the file contains NUL bytes: it looks like a binary file (PDF, Word, image…), not text",
                     "Export the document as plain text (.txt, UTF-8) and load that instead; if it is text "
                     "with stray NUL bytes, remove them in a text editor.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if _CONTROL_RE.search(text[:_SCORE_SAMPLE]):  # short BOM-less UTF-16 can be valid UTF-8
            decoded = _utf16_without_bom(data, 0.9)
            if decoded and _plausibility(text) < 0.9:
                return decoded
        return text, "utf-8"
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data) and utf8_error.start > 0:
        raise _error(path, "the file is truncated in the middle of a multi-byte UTF-8 character "
                     "(the last bytes are an incomplete character)",
                     "The download or copy was probably cut off: get the file again.")

    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        if codec.startswith("utf-16") and len(data) % 2:
            continue
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    scores = {codec: _plausibility(text) for codec, text in candidates.items()}
    scores = {codec: s for codec, s in scores.items() if s >= _MIN_SCORE}
    if not scores:
        for codec in ("gb18030", "big5"):
            try:
                data[:-1].decode(codec)
            except UnicodeDecodeError:
                continue
            if data[-1] >= 0x81:
                raise _error(path, f"the file is truncated in the middle of a multi-byte character: its last byte "
                             f"0x{data[-1]:02X} is the first half of a {codec.upper()} character",
                             "The download or copy was probably cut off: get the file again.")
        raise _error(path, "the file could not be decoded as UTF-8, UTF-16, GB18030/GBK or Big5: "
                     "it is binary or in an unsupported encoding", save_hint)
    best = max(scores.values())
    close = [codec for codec, s in scores.items() if s >= best - 0.02]
    if len(close) > 1:
        guess = _charset_normalizer_guess(data, close)
        codec = guess if guess in close else close[0]
    else:
        codec = close[0]
    return candidates[codec], codec


def _strip_html(text: str, path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    plain = soup.get_text("\n")
    plain = re.sub(r"[ \t\u3000]+\n", "\n", plain)
    plain = re.sub(r"\n{3,}", "\n\n", plain).strip() + "\n"
    warnings.warn(
        f"{path}: the file is an HTML page saved as .txt; its tags were removed and only the text kept. "
        "Check the text (menus and footers of the page may remain), or save the page as plain text.",
        CorpusWarning, stacklevel=3,
    )
    return plain


def read_text_file(path: str | os.PathLike) -> tuple[str, str]:
    """Read a text file in any common Chinese encoding.

    Tries, in order: UTF-8 with a BOM (``utf-8-sig``, BOM removed), UTF-16 with
    a BOM (``utf-16``), BOM-less UTF-16 recognised by its NUL bytes
    (``utf-16-le``/``utf-16-be``), strict UTF-8 (``utf-8``), then GB18030
    (covers GBK and GB2312), Big5 and BOM-less UTF-16 without NUL bytes. When
    several of these decode the bytes, the one whose text has the largest share
    of common Chinese characters wins (charset-normalizer breaks ties).

    An HTML page saved as ``.txt`` has its tags removed (with a
    :class:`~helpers.errors.CorpusWarning`); the returned text is then the
    page's text, not the file's bytes.

    Args:
        path: the file to read.

    Returns:
        ``(text, encoding)``: the decoded text and the codec's name, one of
        ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``, ``utf-16-be``,
        ``gb18030``, ``big5``.

    Raises:
        CorpusError: the file cannot be read (missing, permissions), is empty or
            whitespace-only, is binary (NUL bytes), is truncated in the middle of
            a character, or is in no supported encoding. The message names the
            file and says what to do.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "doc.txt"
        >>> _ = p.write_bytes("坚持以人民为中心的发展思想。".encode("gb18030"))
        >>> read_text_file(p)
        ('坚持以人民为中心的发展思想。', 'gb18030')
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise _error(path, "this is a folder, not a file", "Pass the path of a .txt file.") from None
    except FileNotFoundError:
        raise _error(path, "the file does not exist", "Check the spelling of the path.") from None
    except PermissionError:
        raise _error(path, "the file cannot be read (permission denied)",
                     "Give yourself read permission (e.g. `chmod u+r FILE`) or copy the file.") from None
    except OSError as exc:
        raise _error(path, f"the file cannot be read ({exc.strerror or exc})",
                     "Check that the disk or network share is available.") from None
    text, encoding = _decode(data, path)
    del data  # keep memory to one copy of the text
    if _HTML_RE.search(text):
        text = _strip_html(text, path)
    if not text.strip():
        problem = "the file is empty" if not text else "the file contains only whitespace"
        raise _error(path, problem, "Remove it from the folder or put the document's text in it.")
    return text, encoding


# --------------------------------------------------------------------------
# metadata
# --------------------------------------------------------------------------

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
        raise _error(path, "the metadata file does not exist", "Check the path, or pass metadata=None.") from None
    except OSError as exc:
        raise _error(path, f"the metadata file cannot be read ({exc.strerror or exc})",
                     "Check its permissions.") from None
    text, _ = _decode(data, path)
    if not text.strip():
        raise _error(path, "the metadata file is empty", "Write a header line with at least `doc_id` or `file`.")
    return text


def read_metadata(path: str | os.PathLike | pd.DataFrame, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read a metadata CSV (one row per document) and check it.

    The delimiter (``,``, ``;`` or tab) is detected from the header line; the
    file may be UTF-8 (with or without BOM), GB18030 or another encoding that
    :func:`read_text_file` understands. Every value is read as text.

    Checks and conversions:

    * at least one of the columns ``doc_id`` and ``file`` must exist; a missing
      ``doc_id`` is made from ``file`` (its path without the ``.txt`` suffix);
    * ``doc_id`` values must be unique;
    * ``date`` accepts ``2022-04-13``, ``2022年4月13日``, ``2022/4/13``,
      ``2022.4.13``, ``2022-04``, ``2022年4月``, ``2022``; ``date_precision``
      (``day``/``month``/``year``) is computed where absent or empty and
      ``year`` is filled from the date;
    * ``file`` values must be relative paths inside ``folder``: absolute paths,
      ``..`` and paths resolving outside ``folder`` are refused.

    Args:
        path: the CSV file (a DataFrame is accepted too and checked the same way).
        folder: the folder the ``file`` values are relative to (default: the
            CSV's own folder).

    Returns:
        The table with text columns as ``str`` ("" when empty), ``date`` as
        ``datetime64[ns]`` (NaT when unknown) and ``year`` as ``Int64``.

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
        source = "metadata table"
        table = path.copy()
        table.columns = [str(c).strip() for c in table.columns]
        table = table.astype(object).where(table.notna(), "")
        table = table.map(lambda v: "" if v is None else str(v))
    else:
        csv_path = Path(path)
        source = csv_path
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
        if folder is None:
            folder = csv_path.parent

    required = {"doc_id", "file"}
    if not required & set(table.columns):
        raise CorpusError(
            f"{source}: missing required column: the table needs `doc_id` or `file` (or both); "
            f"found columns: {', '.join(map(str, table.columns)) or 'none'}. "
            "Check the header line and the delimiter (comma, semicolon or tab).",
            path=_as_path(source), problem="missing required columns doc_id, file")
    table = table.reset_index(drop=True)
    for column in table.columns:
        table[column] = table[column].fillna("").astype(str).str.strip()
    rows = [i + 2 for i in range(len(table))]  # spreadsheet row numbers

    if "file" in table.columns:
        table["file"] = [
            _safe_relpath(v, source, row, Path(folder) if folder is not None else None) if v else ""
            for v, row in zip(table["file"], rows)
        ]
    if "doc_id" not in table.columns:
        table.insert(0, "doc_id", "")
    if "file" in table.columns:
        derived = table["file"].map(lambda f: str(PurePosixPath(f).with_suffix("")) if f else "")
        table["doc_id"] = table["doc_id"].where(table["doc_id"] != "", derived)
    empty = [row for row, v in zip(rows, table["doc_id"]) if not v]
    if empty:
        raise CorpusError(f"{source}: rows {', '.join(map(str, empty))} have neither a doc_id nor a file. "
                          "Give every row a doc_id or a file name.", path=_as_path(source), problem="empty doc_id")
    dup = table["doc_id"][table["doc_id"].duplicated(keep=False)]
    if len(dup):
        where = "; ".join(
            f"{doc_id!r} in rows {', '.join(str(rows[i]) for i in dup.index[dup == doc_id])}"
            for doc_id in dict.fromkeys(dup)
        )
        raise CorpusError(f"{source}: duplicate doc_id: {where}. Every document needs its own doc_id.",
                          path=_as_path(source), problem=f"duplicate doc_id: {', '.join(dict.fromkeys(dup))}")

    dates, precisions, years = [], [], []
    given_prec = table["date_precision"] if "date_precision" in table.columns else [""] * len(table)
    given_year = table["year"] if "year" in table.columns else [""] * len(table)
    given_date = table["date"] if "date" in table.columns else [""] * len(table)
    for row, value, prec, year in zip(rows, given_date, given_prec, given_year):
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
                    f"{source}: row {row}: date {value!r} is not a date. Use 2022-04-13, 2022年4月13日, "
                    "2022/4/13, 2022-04 or 2022.", path=_as_path(source), problem=f"invalid date {value!r}") from None
            if year_value is None:
                year_value = stamp.year
        elif year_value is not None:
            stamp, computed = pd.Timestamp(datetime(year_value, 1, 1)), "year"
        else:
            stamp, computed = pd.NaT, ""
        if prec and prec not in ("day", "month", "year"):
            raise CorpusError(f"{source}: row {row}: date_precision {prec!r} must be day, month or year.",
                              path=_as_path(source), problem=f"invalid date_precision {prec!r}")
        dates.append(stamp)
        precisions.append(prec or computed)
        years.append(year_value)
    table["date"] = pd.Series(pd.to_datetime(dates), index=table.index).astype("datetime64[ns]")
    table["date_precision"] = precisions
    table["year"] = pd.array(years, dtype="Int64")
    return table


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------

class Problems:
    """Collect problems; raise or warn depending on ``errors``.

    ``quiet``: never warn (the one-pass pipeline reports every group's
    problems once, in the caller's process and thread).
    """

    def __init__(self, errors: str, quiet: bool = False):
        self.errors = errors
        self.quiet = quiet
        self.records: list[dict[str, str]] = []

    def skip(self, file: str, problem: str, *, warn: bool = True, always_skip: bool = False,
             exc: CorpusError | None = None):
        """Record a file that is left out; raise it under errors='raise' unless ``always_skip``."""
        if self.errors == "raise" and not always_skip:
            raise exc or CorpusError(f"{file}: {problem}", path=file, problem=problem)
        self.records.append({"file": file, "problem": problem, "action": "skipped"})
        if warn and not self.quiet and (always_skip or self.errors == "warn"):
            warnings.warn(f"{file}: {problem}; the file was skipped.", CorpusWarning, stacklevel=4)

    def note(self, file: str, problem: str, action: str):
        self.records.append({"file": file, "problem": problem, "action": action})


def scan_folder(folder: Path, recursive: bool, problems: Problems, prefix: str = "") -> list[str]:
    """List the .txt files under ``folder`` as sorted POSIX paths relative to it."""
    root = folder.resolve()
    found: list[str] = []
    hidden: list[str] = []
    if recursive:
        walker = os.walk(folder, followlinks=False)
    else:
        walker = [(str(folder), [], [p.name for p in folder.iterdir() if not p.is_dir() or p.is_symlink()])]
    for dirpath, dirnames, filenames in walker:
        rel_dir = Path(dirpath).relative_to(folder)
        for name in list(dirnames):
            if (Path(dirpath) / name).is_symlink():
                dirnames.remove(name)  # os.walk does not follow it; say so rather than drop it silently
                problems.skip(f"{prefix}{(rel_dir / name).as_posix()}/",
                              "symbolic link to a folder: not followed (copy the folder in instead)",
                              always_skip=True)
            elif name.startswith("."):
                dirnames.remove(name)
                n = sum(1 for _, _, fs in os.walk(Path(dirpath) / name) for f in fs if f.lower().endswith(".txt"))
                if n:
                    hidden.append(f"{prefix}{(rel_dir / name).as_posix()}/ ({n} .txt files)")
        for name in filenames:
            if not name.lower().endswith(".txt"):
                continue
            rel = f"{prefix}{(rel_dir / name).as_posix()}"
            full = Path(dirpath) / name
            if name.startswith("."):
                hidden.append(rel)
                continue
            if full.is_symlink():
                if not full.exists():
                    problems.skip(rel, "broken symbolic link (its target does not exist)", always_skip=True)
                    continue
                target = full.resolve()
                if root not in target.parents:
                    problems.skip(rel, f"symbolic link pointing outside the corpus folder (to {target})",
                                  always_skip=True)
                    continue
            elif not full.is_file():
                continue
            found.append(rel)
    for rel in hidden:
        problems.note(rel, "hidden file or folder (name starts with '.')", "skipped")
    if hidden and not problems.quiet:
        warnings.warn(f"{folder}: skipped hidden files (names starting with '.'): {', '.join(hidden[:5])}"
                      + (" …" if len(hidden) > 5 else ""), CorpusWarning, stacklevel=3)
    return sorted(found)


def _empty_corpus(extra: list[str] = ()) -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([], dtype=str) for c in [*CORPUS_COLUMNS, *extra]})
    df["date"] = pd.Series([], dtype="datetime64[ns]")
    df["year"] = pd.Series([], dtype="Int64")
    return df


def metadata_frame(metadata, folder: Path) -> pd.DataFrame | None:
    if metadata is None:
        return None
    if isinstance(metadata, pd.DataFrame):
        return read_metadata(metadata, folder=folder)
    return read_metadata(Path(metadata), folder=folder)


def _year_from_name(rel: str) -> int | None:
    match = _YEAR_IN_NAME_RE.search(PurePosixPath(rel).name)
    return int(match.group(1)) if match else None


class _StrColumn:
    """Strings collected for a column, handed to Arrow in batches as they come.

    Converting a Python string to Arrow makes Python keep a UTF-8 copy of it
    beside its own; converting a whole corpus at the end therefore holds the
    text three times at once. Batches of a few documents keep that extra copy
    small: memory grows with the column itself.
    """

    BATCH = 32

    def __init__(self):
        self.chunks: list = []
        self.buf: list[str] = []
        self.arrow = _arrow_backed_str()

    def append(self, value: str) -> None:
        self.buf.append(value)
        if self.arrow and len(self.buf) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.buf:
            import pyarrow as pa

            self.chunks.append(pa.array(self.buf, type=pa.large_string()))
            self.buf = []

    def series(self) -> pd.Series:
        if not self.arrow:
            return pd.Series(self.buf, dtype=str)
        import pyarrow as pa

        self._flush()
        array = pa.chunked_array(self.chunks, type=pa.large_string())
        self.chunks = []
        return pd.Series(array, dtype=pd.Series([], dtype=str).dtype)


@functools.lru_cache(maxsize=1)
def _arrow_backed_str() -> bool:
    """Whether pandas' default ``str`` dtype stores its strings in Arrow (pandas 3 with pyarrow)."""
    dtype = pd.Series([], dtype=str).dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def build_corpus(root: Path, files: list[str], meta: pd.DataFrame | None, corpus_name: str, *,
           clean: bool, problems: Problems, progress: bool | None, strip_prefix: str = "",
           keep_raw: bool = True, consume=None, n_jobs: int = 1) -> pd.DataFrame:
    """Read ``files`` (relative to ``root``) and join them with ``meta``.

    ``consume``: a function called with each document's clean text, in row
    order, as soon as it is cleaned; the corpus then holds metadata only
    (``text`` and ``raw`` empty, ``script`` as the metadata gives it): the
    one-pass pipeline counts each text and lets it go.

    ``n_jobs`` > 1: files are read, decoded and cleaned by worker processes
    (:func:`_read_many`); the rows are the same.
    """
    meta_by_file: dict[str, dict] = {}
    meta_by_id: dict[str, dict] = {}
    extra: list[str] = []
    if meta is not None:
        extra = [c for c in meta.columns if c not in CORPUS_COLUMNS]
        for i, record in enumerate(meta.to_dict("records")):
            record["_row"] = i + 2
            if record.get("file"):
                meta_by_file[record["file"]] = record
            else:
                meta_by_id[record["doc_id"]] = record
        for rel, record in meta_by_file.items():
            if rel not in files:
                full = root / rel
                if full.is_file():
                    files = [*files, rel]  # listed explicitly: load it whatever its name
                else:
                    problems.skip(rel, f"metadata row {record['_row']} (doc_id {record['doc_id']!r}) names file "
                                  f"{rel!r}, which does not exist in {root}", exc=CorpusError(
                                      f"metadata row {record['_row']} (doc_id {record['doc_id']!r}): file {rel!r} "
                                      f"does not exist in {root}. Correct the file name in the metadata or add "
                                      "the file.", path=root / rel, problem="file listed in metadata is missing"))
        files = sorted(files)

    show = len(files) > _PROGRESS_THRESHOLD if progress is None else progress
    iterator = _read_many(root, files, clean=clean, keep_raw=keep_raw or consume is not None,
                          n_jobs=1 if consume is not None else n_jobs)
    if show:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, total=len(files), desc="Loading documents", unit="file")

    records, unmatched = [], []
    raws, texts = _StrColumn(), _StrColumn()  # the long columns go to Arrow as they come
    for rel, loaded, exc in iterator:
        if exc is not None:
            problems.skip(rel, exc.problem, exc=exc)
            continue
        raw, encoding, text, script = loaded
        doc_stem = rel[len(strip_prefix):] if strip_prefix and rel.startswith(strip_prefix) else rel
        default_id = str(PurePosixPath(doc_stem).with_suffix(""))
        record = meta_by_file.get(rel) or meta_by_id.get(default_id)
        if record is None and meta is not None:
            unmatched.append(rel)
        row = {c: "" for c in CORPUS_COLUMNS}
        row.update({c: "" for c in extra})
        row["date"], row["year"] = pd.NaT, None
        if record is None:
            year = _year_from_name(rel)
            row.update(doc_id=default_id, year=year)
            if year is not None:
                row.update(date=pd.Timestamp(datetime(year, 1, 1)), date_precision="year")
        else:
            row.update({k: v for k, v in record.items() if k != "_row" and k in row})
            if pd.isna(row["year"]):
                row["year"] = _year_from_name(rel)
            else:
                row["year"] = int(row["year"])
            if pd.isna(row["date"]) and row["year"] is not None:
                row.update(date=pd.Timestamp(datetime(row["year"], 1, 1)), date_precision="year")
        row.update(raw=raw, encoding=encoding, file=rel)
        row["corpus"] = row["corpus"] or corpus_name
        row["text"] = text
        if consume is not None:
            consume(row["text"])
            row["text"] = row["raw"] = ""
        elif not keep_raw:  # the script was told from the raw text, which is let go
            if not row.get("script"):
                row["script"] = script
            row["raw"] = ""
        del text
        raws.append(row.pop("raw"))
        texts.append(row.pop("text"))
        records.append(row)
        del raw

    for rel in unmatched:
        problems.note(rel, "no row in the metadata", "loaded without metadata")
    if unmatched and not problems.quiet:
        shown = ", ".join(unmatched[:10]) + (" …" if len(unmatched) > 10 else "")
        warnings.warn(f"{len(unmatched)} file(s) have no row in the metadata and were loaded with empty metadata "
                      f"(doc_id from the file name): {shown}. Add a row for each to the metadata CSV.",
                      CorpusWarning, stacklevel=3)

    if not records:
        return _empty_corpus(extra)
    # Column by column, letting go of each list of Python strings once it is
    # converted: the texts are never held more than once beside the result.
    data = {c: [r[c] for r in records] if c not in ("raw", "text") else None for c in [*CORPUS_COLUMNS, *extra]}
    del records
    columns = {}
    for column in data:
        values = data[column]
        data[column] = None
        if column in ("raw", "text"):
            columns[column] = (raws if column == "raw" else texts).series()
        elif column == "date":
            columns[column] = pd.Series(pd.to_datetime(values)).astype("datetime64[ns]")
        elif column == "year":
            columns[column] = pd.Series(pd.array([None if pd.isna(y) else int(y) for y in values], dtype="Int64"))
        else:
            if column not in ("raw", "text"):  # always str already
                values = ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
            columns[column] = pd.Series(values, dtype=str)
        del values
    return pd.DataFrame(columns)


#: folders holding fewer bytes of files are read in this process (starting workers costs more than it saves)
PARALLEL_MIN_BYTES = 5_000_000


def _read_clean(path: Path, clean: bool, keep_raw: bool):
    """Read, decode and clean one file: ``((raw, encoding, text, script), None)`` or ``(None, CorpusError)``.

    With ``keep_raw=False`` the script is told from the raw text
    (:func:`helpers.clean.detect_script`) and ``raw`` is returned as "".
    """
    try:
        raw, encoding = read_text_file(path)
    except CorpusError as exc:
        return None, exc
    text = raw
    if clean:
        text = clean_text(raw)
    script = ""
    if not keep_raw:
        script, raw = detect_script(raw), ""
    return (raw, encoding, text, script), None


def _read_chunk(paths: list[Path], clean: bool, keep_raw: bool) -> list:
    return [_read_clean(p, clean, keep_raw) for p in paths]


def _read_many(root: Path, files: list[str], *, clean: bool, keep_raw: bool, n_jobs: int | None = 1):
    """Yield ``(rel, loaded, error)`` for every file, in order (see :func:`_read_clean`).

    With ``n_jobs`` > 1 (``None`` = all cores) and at least
    :data:`PARALLEL_MIN_BYTES` of files, worker processes read and clean
    contiguous chunks of about 1 MB, a few chunks in flight at a time, so
    memory holds only those beyond the corpus itself.
    """
    n_jobs = resolve_n_jobs(n_jobs)
    sizes = file_sizes(root, files) if n_jobs > 1 and len(files) > 1 else []
    if sum(sizes) < PARALLEL_MIN_BYTES or not sizes:
        for rel in files:
            yield (rel, *_read_clean(root / rel, clean, keep_raw))
        return
    from concurrent.futures import ProcessPoolExecutor

    # contiguous runs of about 1 MB: small enough to balance, big enough to cost nothing
    chunks = [[files[i] for i in run] for run in balanced_runs(sizes, max(1, sum(sizes) // 1_000_000))]
    with ProcessPoolExecutor(max_workers=min(n_jobs, len(chunks)), mp_context=mp_context()) as pool:
        def submit(chunk):
            return pool.submit(_read_chunk, [root / rel for rel in chunk], clean, keep_raw)

        for chunk, future in in_order(chunks, submit, 2 * n_jobs):
            yield from ((rel, loaded, exc) for rel, (loaded, exc) in zip(chunk, future.result()))


def finish_corpus(df: pd.DataFrame, problems: Problems) -> pd.DataFrame:
    skipped = [p for p in problems.records if p["action"] == "skipped"]
    if problems.errors == "collect" and skipped and not problems.quiet:
        shown = "; ".join(f"{p['file']}: {p['problem']}" for p in skipped[:5])
        warnings.warn(f"{len(skipped)} file(s) could not be loaded and were skipped ({shown}"
                      f"{' …' if len(skipped) > 5 else ''}). See corpus.attrs['problems'].",
                      CorpusWarning, stacklevel=3)
    df = df.reset_index(drop=True)
    if "script" in df.columns and len(df):
        missing = df["script"].fillna("") == ""
        if missing.any():  # the codebook did not say: tell from the raw text itself
            df.loc[missing, "script"] = [detect_script(t) for t in df.loc[missing, "raw"]]
    df.attrs["problems"] = problems.records
    return df


def load_corpus(
    source: str | os.PathLike = "seeds",
    metadata: str | os.PathLike | pd.DataFrame | None = None,
    *,
    clean: bool = True,
    errors: str = "raise",
    recursive: bool = True,
    progress: bool | None = None,
    keep_raw: bool = True,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Load documents and their metadata into a corpus DataFrame.

    ``source`` is one of the bundled corpora — ``"seeds"`` (5 local documents),
    ``"gwr"`` (49 national Government Work Reports, 1954–2017) or ``"all"``
    (the seeds, then the reports) — described by ``data/metadata.csv``; or the
    path of a folder of ``.txt`` files (any case: ``.TXT`` too; a ``str`` that
    is not one of the bundled names, or any ``Path``).

    For a folder:

    * ``metadata`` is a CSV path or a DataFrame (see :func:`read_metadata`);
      when it is None and the folder has a ``metadata.csv``, that is used.
      Metadata rows are matched to files by ``file`` (relative to the folder),
      or by ``doc_id`` equal to the file's path without ``.txt``.
    * Without metadata, ``doc_id`` is the file's path relative to the folder
      without the suffix (``sub/2022-04-13_doc``), ``year`` comes from a
      four-digit year 1900–2099 in the file name (``date`` is then 1 January of
      that year, ``date_precision`` ``"year"``), ``script`` is detected from
      the text (:func:`helpers.clean.detect_script`), and the other columns
      are "".
    * Rows are in file-path order. Sub-folders are read when ``recursive``;
      hidden files and folders (``.ipynb_checkpoints``…) are skipped with a
      warning; symbolic links pointing outside the folder, and broken ones, are
      skipped with a warning (in every ``errors`` mode).
    * ``corpus`` is the folder's name unless the metadata gives one.

    Bundled corpora are sorted seeds first, then by date and doc_id; their
    ``file`` column is relative to ``data/raw/`` (``seeds/….txt``), as in the
    codebook.

    Args:
        source: ``"seeds"``, ``"gwr"``, ``"all"`` or a folder path.
        metadata: a metadata CSV path or DataFrame (default: the bundled
            codebook for bundled corpora, the folder's ``metadata.csv`` if any).
        clean: apply :func:`helpers.clean.clean_text` to make ``text``; with
            ``clean=False``, ``text`` equals ``raw``.
        errors: ``"raise"`` (default) stops at the first file that cannot be
            read; ``"collect"`` skips it, loads the others and warns once with a
            summary; ``"warn"`` is like collect with one warning per file.
        recursive: read sub-folders too.
        progress: show a progress bar (None: only for more than 50 files).
        keep_raw: keep the decoded file in ``raw`` (the default). With
            ``keep_raw=False`` the ``raw`` column holds "" and each file's raw
            text is released as soon as it is cleaned (``encoding`` and
            ``script`` are still taken from it): for big corpora, memory then
            holds the clean text once instead of the text twice.
        n_jobs: worker processes that read, decode and clean the files
            (``None`` = all cores; used only for folders of at least 5 MB of
            files); the corpus is identical for any value.

    Returns:
        One row per document with the columns of :data:`CORPUS_COLUMNS` in
        that order, then any extra metadata columns. Text columns use pandas'
        default string dtype (``str`` in pandas 3, ``object`` in pandas 2) and
        hold "" when missing, never NaN; ``date`` is ``datetime64[ns]`` (NaT
        when unknown); ``year`` is ``Int64``. ``corpus.attrs["problems"]`` is a
        list of ``{"file", "problem", "action"}`` records for every file that
        was skipped or loaded without metadata — ``pd.DataFrame(corpus.attrs
        ["problems"])`` shows it as a table. (A list rather than a DataFrame so
        that ``pd.concat`` of two corpora keeps working.)

    Raises:
        CorpusError: the folder does not exist or holds no ``.txt`` file; the
            metadata is invalid; a metadata row names a missing file; or (with
            ``errors="raise"``) a file cannot be read — see
            :func:`read_text_file`.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "speeches"
        >>> folder.mkdir()
        >>> _ = (folder / "2019_讲话.txt").write_text("坚持和完善人民代表大会制度。", encoding="utf-8")
        >>> corpus = load_corpus(folder, clean=False)
        >>> row = corpus.iloc[0]
        >>> row["doc_id"], int(row["year"]), row["corpus"], row["encoding"]
        ('2019_讲话', 2019, 'speeches', 'utf-8')
    """
    if errors not in ("raise", "collect", "warn"):
        raise ValueError(f"errors must be 'raise', 'collect' or 'warn', not {errors!r}")
    problems = Problems(errors)

    if isinstance(source, str) and source in BUNDLED:
        return _load_bundled(source, metadata, clean=clean, problems=problems, progress=progress,
                             keep_raw=keep_raw, n_jobs=n_jobs)

    folder = Path(source).expanduser()
    if not folder.exists():
        raise CorpusError(f"{folder}: the folder does not exist. Check the path (it is relative to "
                          f"{Path.cwd()}), or use one of the bundled corpora: {', '.join(BUNDLED)}.",
                          path=folder, problem="folder does not exist")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: this is a file, not a folder. Pass the folder that holds the .txt files, "
                          "or read one file with read_text_file().", path=folder, problem="not a folder")
    try:
        files = scan_folder(folder, recursive, problems)
    except PermissionError:
        raise CorpusError(f"{folder}: the folder cannot be read (permission denied). Check its permissions.",
                          path=folder, problem="folder cannot be read") from None
    if metadata is None and (folder / "metadata.csv").is_file():
        metadata = folder / "metadata.csv"
    meta = metadata_frame(metadata, folder)
    if not files and (meta is None or not (meta.get("file", pd.Series(dtype=str)) != "").any()):
        raise CorpusError(f"{folder}: no .txt files in this folder"
                          f"{' or its sub-folders' if recursive else ''}. Put one plain-text file per "
                          "document in it (UTF-8 .txt).", path=folder, problem="no .txt files")
    df = build_corpus(folder, files, meta, folder.resolve().name, clean=clean, problems=problems, progress=progress,
                keep_raw=keep_raw, n_jobs=n_jobs)
    return finish_corpus(df, problems)


def _load_bundled(source: str, metadata, *, clean: bool, problems: Problems, progress,
                  keep_raw: bool = True, n_jobs: int | None = None) -> pd.DataFrame:
    csv_path = paths.METADATA_CSV if metadata is None else metadata
    if isinstance(csv_path, (str, os.PathLike)) and not Path(csv_path).is_file():
        raise CorpusError(f"{csv_path}: the bundled metadata (codebook) is missing, so the bundled corpora "
                          "cannot be loaded. Reinstall tifa or restore data/metadata.csv from git.",
                          path=csv_path, problem="metadata.csv missing")
    meta = read_metadata(csv_path, folder=paths.RAW_DIR)
    parts = ["seeds", "gwr"] if source == "all" else [source]
    frames = []
    for part in parts:
        if "corpus" in meta.columns and (meta["corpus"] != "").any():
            mine = meta["corpus"] == part
        else:
            mine = meta["file"].str.startswith(f"{part}/")
        files = scan_folder(paths.RAW_DIR / part, True, problems, prefix=f"{part}/")
        df = build_corpus(paths.RAW_DIR, files, meta[mine], part, clean=clean, problems=problems,
                    progress=progress, strip_prefix=f"{part}/", keep_raw=keep_raw, n_jobs=n_jobs)
        frames.append(df.sort_values(["date", "doc_id"], kind="stable", na_position="last"))
    df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return finish_corpus(df, problems)
