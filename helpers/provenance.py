"""Record how a table or figure was made, and write it beside every export.

A number from tifa depends on the text, the cleaner, the segmenter, the lexicon
and the stopword lists. :func:`provenance` collects all of these in one
dictionary; :func:`export_table` writes a table with that record (a JSON
sidecar for CSV, the schema metadata for Parquet); ``helpers.plot.save_figure``
puts it in a PNG's metadata and, on request, in a caption line under the figure.

Example:
    >>> import json, os, tempfile
    >>> import pandas as pd
    >>> out = export_table(pd.DataFrame({"term": ["两个确立"], "count": [3]}),
    ...                    os.path.join(tempfile.mkdtemp(), "counts.csv"))
    >>> record = json.loads(out.with_name("counts.csv.provenance.json").read_text(encoding="utf-8"))
    >>> sorted(record)[:3]
    ['created', 'lexicon', 'matching']
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import __version__, paths
from .clean import DEFAULT_STEPS
from .clean.query import QUERY_STEPS
from .lexicon import as_lexicon, lexicon_hash, lexicon_terms
from .segment.engines import resolve_engine
from .segment.patterns import MATCHING_RULE

__all__ = ["provenance", "provenance_caption", "export_table", "read_provenance", "SIDECAR_SUFFIX"]

#: Suffix of the JSON file written beside a CSV: ``counts.csv.provenance.json``.
SIDECAR_SUFFIX = ".provenance.json"
_PARQUET_KEY = b"tifa_provenance"


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _file_hash(path: Path) -> str | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def provenance(*, lexicon=None, engine: str = "auto", stopwords: bool = True,
               steps=None, extra: dict | None = None) -> dict:
    """Return a record of how tifa's numbers are made, as a JSON-ready dict.

    Args:
        lexicon: the lexicon used (anything ``load_lexicon`` accepts; ``None``
            = bundled). Its hash is ``helpers.lexicon.lexicon_hash`` (terms and
            variants only, order-free); ``file_sha256`` is the bundled file's.
        engine: segmentation engine asked for (``"auto"`` is resolved).
        stopwords: whether the bundled stopword lists were used.
        steps: cleaning steps (default: ``helpers.clean.DEFAULT_STEPS``).
        extra: anything else to record (e.g. ``{"corpus": "gwr"}``).

    Returns:
        dict with tifa_version, created (UTC, ISO), python, lexicon (n_terms,
        hash, file_sha256), matching (the version of the matching rule of
        docs/matching.md, the steps queries and lexicon entries go through,
        concept groups and not_in strings of the lexicon), segmentation (engine, jieba, rjieba versions,
        dictionary), stopwords (file → sha256 and word count), normalisation
        (cleaning steps in order), packages (pandas, numpy, matplotlib,
        opencc), and ``extra``.

    Example:
        >>> record = provenance(lexicon=["两个确立"])
        >>> record["lexicon"]["n_terms"], record["segmentation"]["engine"] in ("jieba", "rjieba")
        (1, True)
    """
    lex = as_lexicon(lexicon)
    bundled = lexicon is None
    stop_files = {}
    if stopwords:
        for name in ("zh_general.txt", "zh_political.txt"):
            f = paths.STOPWORDS_DIR / name
            if f.is_file():
                words = [w for w in f.read_text(encoding="utf-8").splitlines()
                         if w.strip() and not w.startswith("#")]
                stop_files[name] = {"sha256": _file_hash(f), "n_words": len(words)}
    if steps is None:
        step_names = [name for name, _ in DEFAULT_STEPS]
    else:
        step_names = [s if isinstance(s, str) else getattr(s, "__name__", repr(s)) for s in steps]
    record = {
        "tifa_version": _version("tifa") or __version__,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "lexicon": {
            "source": "bundled data/lexicon/tifa.csv" if bundled else "user-supplied",
            "n_terms": int(len(lex)),
            "n_forms": len(lexicon_terms(lex)),
            "hash": lexicon_hash(lex),
            "file_sha256": _file_hash(paths.LEXICON_CSV) if bundled else None,
        },
        "segmentation": {
            "engine": resolve_engine(engine),
            "jieba": _version("jieba"),
            "rjieba": _version("rjieba"),
            "dictionary": "jieba stock dictionary + lexicon terms as user words",
        },
        "stopwords": stop_files,
        "normalisation": step_names,
        "matching": {"rule": MATCHING_RULE, "document": "docs/matching.md",
                     "queries_normalised_by": [name for name, _ in QUERY_STEPS],
                     "n_concepts": int(lex.loc[lex["concept"] != "", "concept"].nunique()),
                     "n_not_in": int(sum(len(v) for v in lex["not_in"]))},
        "packages": {p: _version(p) for p in ("pandas", "numpy", "matplotlib", "opencc-python-reimplemented", "OpenCC")
                     if _version(p)},
    }
    if extra:
        record["extra"] = dict(extra)
    return record


def provenance_caption(record: dict | None = None) -> str:
    """Return a one-line summary of a provenance record, for a figure caption.

    Example:
        >>> provenance_caption({"tifa_version": "0.1.0", "lexicon": {"hash": "abc", "n_terms": 3},
        ...                     "segmentation": {"engine": "jieba", "jieba": "0.42.1"}, "created": "2025-01-01T00:00:00+00:00"})
        'tifa 0.1.0 · lexicon abc (3 terms) · jieba 0.42.1 · 2025-01-01'
    """
    r = record or provenance()
    seg = r.get("segmentation", {})
    engine = seg.get("engine", "")
    lex = r.get("lexicon", {})
    parts = [f"tifa {r.get('tifa_version', '?')}",
             f"lexicon {lex.get('hash', '?')} ({lex.get('n_terms', '?')} terms)",
             f"{engine} {seg.get(engine) or ''}".strip()]
    if r.get("created"):
        parts.append(str(r["created"])[:10])
    return " · ".join(parts)


def export_table(df: pd.DataFrame, path, *, record: dict | None = None, index: bool = False,
                 **provenance_kwargs) -> Path:
    """Write a table with its provenance record.

    ``.csv``: UTF-8 CSV plus a sidecar ``<path>.provenance.json``.
    ``.parquet``: the record as JSON in the schema metadata (key
    ``tifa_provenance``); read it back with :func:`read_provenance`.

    Args:
        df: the table.
        path: ``.csv`` or ``.parquet`` file to write (folders are created).
        record: a record from :func:`provenance` (default: a new one).
        index: write the DataFrame index.
        **provenance_kwargs: passed to :func:`provenance` when ``record`` is None.

    Returns:
        The path written.

    Example:
        >>> import os, tempfile
        >>> out = export_table(pd.DataFrame({"a": [1]}), os.path.join(tempfile.mkdtemp(), "t.parquet"))
        >>> read_provenance(out)["lexicon"]["n_terms"] > 0
        True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = record if record is not None else provenance(**provenance_kwargs)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        df.to_csv(path, index=index, encoding="utf-8")
        Path(str(path) + SIDECAR_SUFFIX).write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif suffix in (".parquet", ".pq"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=index)
        meta = dict(table.schema.metadata or {})
        meta[_PARQUET_KEY] = json.dumps(record, ensure_ascii=False).encode("utf-8")
        pq.write_table(table.replace_schema_metadata(meta), path)
    else:
        raise ValueError(f"export_table() writes .csv or .parquet, not {path.suffix!r} ({path})")
    return path


def read_provenance(path) -> dict:
    """Read the provenance record of a table written by :func:`export_table` or a PNG from ``save_figure``.

    Example:
        >>> import os, tempfile
        >>> out = export_table(pd.DataFrame({"a": [1]}), os.path.join(tempfile.mkdtemp(), "t.csv"))
        >>> "segmentation" in read_provenance(out)
        True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return json.loads(Path(str(path) + SIDECAR_SUFFIX).read_text(encoding="utf-8"))
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        meta = pq.read_schema(path).metadata or {}
        if _PARQUET_KEY not in meta:
            raise ValueError(f"{path} has no tifa provenance in its metadata")
        return json.loads(meta[_PARQUET_KEY].decode("utf-8"))
    if suffix == ".png":
        from PIL import Image

        with Image.open(path) as im:
            text = im.info.get("tifa_provenance")
        if text is None:
            raise ValueError(f"{path} has no tifa provenance in its PNG metadata")
        return json.loads(text)
    raise ValueError(f"read_provenance() reads .csv, .parquet or .png, not {path.suffix!r}")
