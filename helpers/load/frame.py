"""The corpus DataFrame: its columns, and string columns handed to Arrow in batches.

:data:`CORPUS_COLUMNS` lists the columns in order; :class:`StrColumn` collects a
long text column; :func:`columns_frame` turns the collected rows into the
DataFrame and :func:`empty_corpus` is the corpus without documents.
"""

from __future__ import annotations

import functools

import pandas as pd

from .._dateparse import DATE_DTYPE, date_column

#: Columns of the corpus DataFrame, in order (see docs/architecture.md).
CORPUS_COLUMNS = [
    "doc_id", "text", "raw", "encoding", "file", "corpus", "date", "date_precision",
    "year", "province", "city", "district", "level", "genre", "speaker", "title",
    "source_url", "script", "notes",
]

#: the text columns (every column but ``date`` and ``year``)
_STR_COLUMNS = [c for c in CORPUS_COLUMNS if c not in ("date", "year")]


class StrColumn:
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
            import pyarrow as pa  # lazy: only with pandas' Arrow-backed strings

            self.chunks.append(pa.array(self.buf, type=pa.large_string()))
            self.buf = []

    def series(self) -> pd.Series:
        if not self.arrow:
            return pd.Series(self.buf, dtype=str)
        import pyarrow as pa  # lazy: as in _flush

        self._flush()
        array = pa.chunked_array(self.chunks, type=pa.large_string())
        self.chunks = []
        return pd.Series(array, dtype=pd.Series([], dtype=str).dtype)


@functools.lru_cache(maxsize=1)
def _arrow_backed_str() -> bool:
    """Whether pandas' default ``str`` dtype stores its strings in Arrow (pandas 3 with pyarrow)."""
    dtype = pd.Series([], dtype=str).dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def empty_corpus(extra: list[str] = ()) -> pd.DataFrame:
    """Return the corpus without rows: every column of :data:`CORPUS_COLUMNS`, then ``extra``."""
    df = pd.DataFrame({c: pd.Series([], dtype=str) for c in [*CORPUS_COLUMNS, *extra]})
    df["date"] = pd.Series([], dtype=DATE_DTYPE)
    df["year"] = pd.Series([], dtype="Int64")
    return df


def columns_frame(data: dict[str, list | None], raws: StrColumn, texts: StrColumn) -> pd.DataFrame:
    """Build the corpus from ``data`` (column -> values; None for ``raw`` and ``text``, given as columns).

    Column by column, letting go of each list of Python strings once it is
    converted (``data`` is emptied as it goes): the texts are never held more
    than once beside the result.
    """
    columns = {}
    for column in data:
        values = data[column]
        data[column] = None
        if column in ("raw", "text"):
            columns[column] = (raws if column == "raw" else texts).series()
        elif column == "date":
            columns[column] = date_column(values)
        elif column == "year":
            columns[column] = pd.Series(pd.array([None if pd.isna(y) else int(y) for y in values], dtype="Int64"))
        else:
            if column not in ("raw", "text"):  # always str already
                values = ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
            columns[column] = pd.Series(values, dtype=str)
        del values
    return pd.DataFrame(columns)
