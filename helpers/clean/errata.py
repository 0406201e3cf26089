"""Errata: human-verified repairs of corrupted spans, read from a CSV table.

:func:`load_errata` reads a table (the bundled ``data/errata.csv`` by default,
cached on the file's path and modification time); :func:`apply_errata`, the
first cleaning step, replaces each ``corrupted`` string by its ``repaired``
one.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import CorpusError

__all__ = ["load_errata", "apply_errata"]


def load_errata(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read an errata table of human-verified repairs.

    The file is a UTF-8 CSV with a header and the columns ``doc_id``,
    ``corrupted``, ``repaired`` and (optionally) ``reasoning``. Each row says
    that the exact string ``corrupted`` should be replaced by ``repaired``.

    Args:
        path: the CSV file; ``None`` reads the bundled ``data/errata.csv``.

    Returns:
        A DataFrame with columns doc_id, corrupted, repaired, reasoning (str).

    Raises:
        CorpusError: the file is missing, not UTF-8, lacks a required column,
            has a row with the wrong number of fields or an empty ``corrupted``
            cell. The message names the file and the line.

    Example:
        >>> errata = load_errata()
        >>> list(errata.columns)
        ['doc_id', 'corrupted', 'repaired', 'reasoning']
    """
    path = Path(paths.ERRATA_CSV if path is None else path)
    return _load_errata_cached(str(path.resolve()), _mtime(path)).copy()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@functools.lru_cache(maxsize=16)
def _load_errata_cached(path_str: str, mtime: float) -> pd.DataFrame:
    path = Path(path_str)
    fix = "Fix the file, or pass errata=False to skip errata."
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CorpusError(f"{path}: errata file not found. {fix}", path=path, problem="not found") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: errata file is not UTF-8 ({exc.reason} at byte {exc.start}). "
                          "Save it as UTF-8.", path=path, problem="not UTF-8") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read errata file ({exc.strerror}).", path=path,
                          problem="unreadable") from None
    required = ["doc_id", "corrupted", "repaired"]
    reader = csv.reader(text.splitlines(keepends=True))
    rows = []
    try:
        header = next(reader, None)
        if header is None:
            raise CorpusError(f"{path}, line 1: errata file is empty; it needs the header "
                              f"{','.join(required)},reasoning. {fix}", path=path, problem="empty")
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise CorpusError(f"{path}, line 1: errata header lacks column(s) {', '.join(missing)} "
                              f"(found {', '.join(header)}). {fix}", path=path, problem="missing column")
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CorpusError(f"{path}, line {line}: expected {len(header)} fields "
                                  f"({','.join(header)}), found {len(row)}. Quote cells that contain "
                                  f"commas. {fix}", path=path, problem="wrong number of fields")
            record = dict(zip(header, row))
            if not record["corrupted"]:
                raise CorpusError(f"{path}, line {line}: the 'corrupted' cell is empty. {fix}",
                                  path=path, problem="empty corrupted")
            rows.append({"doc_id": record["doc_id"].strip(), "corrupted": record["corrupted"],
                         "repaired": record["repaired"], "reasoning": record.get("reasoning", "")})
    except csv.Error as exc:
        raise CorpusError(f"{path}, line {reader.line_num}: malformed CSV ({exc}). {fix}",
                          path=path, problem="malformed CSV") from None
    return pd.DataFrame(rows, columns=["doc_id", "corrupted", "repaired", "reasoning"], dtype=str)


def _errata_pairs(errata, doc_id: str | None = None) -> list[tuple[str, str]]:
    """Turn any accepted errata argument into a list of (corrupted, repaired)."""
    if errata is False:
        return []
    if errata is None or isinstance(errata, (str, os.PathLike)):
        path = Path(paths.ERRATA_CSV if errata is None else errata)
        return list(_file_errata_pairs(str(path.resolve()), _mtime(path), doc_id))
    if isinstance(errata, pd.DataFrame):
        missing = {"corrupted", "repaired"} - set(errata.columns)
        if missing:
            raise CorpusError(f"errata DataFrame lacks column(s) {', '.join(sorted(missing))}; "
                              "it needs corrupted and repaired (and optionally doc_id).",
                              problem="missing column")
        table = errata
        if doc_id is not None and "doc_id" in table.columns:
            ids = table["doc_id"].fillna("").astype(str)
            table = table[(ids == str(doc_id)) | (ids == "")]
        return [(str(c), str(r)) for c, r in zip(table["corrupted"], table["repaired"]) if str(c)]
    if isinstance(errata, Mapping):
        return [(str(c), str(r)) for c, r in errata.items() if str(c)]
    return [(str(c), str(r)) for c, r in errata if str(c)]


@functools.lru_cache(maxsize=64)
def _file_errata_pairs(path_str: str, mtime: float, doc_id: str | None) -> tuple[tuple[str, str], ...]:
    """The pairs of an errata file, cached on its path and modification time."""
    return tuple(_errata_pairs(_load_errata_cached(path_str, mtime), doc_id))


def apply_errata_counted(text: str, errata=None, *, doc_id: str | None = None,
                  count: bool = True) -> tuple[str, int]:
    n = 0
    for corrupted, repaired in _errata_pairs(errata, doc_id):
        if count:
            k = text.count(corrupted)
            if k:
                text = text.replace(corrupted, repaired)
                n += k
        elif corrupted in text:
            text = text.replace(corrupted, repaired)
    return text, n


def apply_errata(text: str, errata=None, *, doc_id: str | None = None) -> str:
    """Replace known corrupted spans by their human-verified repairs.

    Replacement is by exact string match of ``corrupted`` → ``repaired``, in
    the order of the table. The bundled corrupted strings occur nowhere else,
    so by default every row is applied to any text.

    Args:
        text: the text to repair.
        errata: ``None`` for the bundled ``data/errata.csv``; a path to a CSV
            (see :func:`load_errata`); a DataFrame with columns ``corrupted``,
            ``repaired`` (and optionally ``doc_id``); a mapping
            ``{corrupted: repaired}``; or ``False`` to apply none.
        doc_id: when given, only rows whose ``doc_id`` is this id (or empty)
            are applied.

    Returns:
        The repaired text.

    Example:
        >>> apply_errata("持續推進全過程人民民主市域?qū)嵺`。")
        '持續推進全過程人民民主市域實踐。'
        >>> apply_errata("乱码X", {"X": "码"})
        '乱码码'
    """
    return apply_errata_counted(text, errata, doc_id=doc_id, count=False)[0]
