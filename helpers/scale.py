"""Run tifa's pipeline on Dask, for corpora too big for one process or one machine.

:func:`run_pipeline` reads a folder (or a glob, or a list) of ``.txt`` files
with a ``dask.bag``: each partition of files is read and decoded
(:func:`helpers.load.read_text_file`), cleaned, segmented, and reduced to word
counts and slogan counts; only those counts travel back and are summed. The
raw text of the whole corpus is never in one place. The results are the same
tidy DataFrames as the single-process path, row for row:

* ``term_frequencies``: as ``helpers.term_frequencies(corpus, by=None)``;
* ``slogans``: as ``helpers.count_slogans(corpus)`` (one row per document × term);

where ``corpus = helpers.load_corpus(folder)``.

On one machine, a ``LocalCluster`` uses every core::

    from dask.distributed import Client, LocalCluster
    from helpers.scale import run_pipeline

    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
        result = run_pipeline("my_corpus/", client=client)
    result.term_frequencies.head()

On a real cluster, connect to its scheduler by address instead (the files must
be readable by every worker at the same path, e.g. a shared file system)::

    client = Client("tcp://scheduler:8786")
    result = run_pipeline("/shared/archive/**/*.txt", client=client)

Every worker needs tifa installed (``pip install tifa`` in the workers'
environment, the same version as the client), because the tasks call its
functions. Without ``client``, Dask's default scheduler is used (the active
``Client`` if there is one, otherwise threads in this process).

Example:
    >>> result = run_pipeline(paths.SEEDS_DIR, npartitions=2)  # doctest: +SKIP
    >>> result.slogans.groupby("term")["count"].sum().nlargest(3)  # doctest: +SKIP
"""

from __future__ import annotations

import glob as _glob
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from . import paths  # noqa: F401 - used in the docstring example

__all__ = ["run_pipeline", "PipelineResult", "list_files"]


@dataclass
class PipelineResult:
    """What :func:`run_pipeline` returns.

    Attributes:
        term_frequencies: term, count, rate_per_10k, n_docs (whole corpus).
        slogans: doc_id, term, category, count, n_chars, rate_per_10k, ... (per document).
        n_docs: documents read.
        n_chars: Han characters of clean text (the denominator of the rates).
        problems: ``{"file", "problem", "action"}`` records of skipped files.
    """

    term_frequencies: pd.DataFrame
    slogans: pd.DataFrame
    n_docs: int
    n_chars: int
    problems: list = field(default_factory=list)


def list_files(source) -> tuple[Path, list[str]]:
    """Return ``(root, files relative to root)`` for a folder, a glob or a list of paths.

    A folder is read recursively (``.txt``, any case), hidden files and
    folders skipped, as :func:`helpers.load.load_corpus` does.
    """
    if isinstance(source, (list, tuple)):
        files = [Path(p).resolve() for p in source]
        root = Path(os.path.commonpath([str(p.parent) for p in files])) if files else Path.cwd()
        return root, sorted(p.relative_to(root).as_posix() for p in files)
    text = str(source)
    if any(ch in text for ch in "*?["):
        files = [Path(p).resolve() for p in _glob.glob(text, recursive=True) if Path(p).is_file()]
        root = Path(os.path.commonpath([str(p.parent) for p in files])) if files else Path(text).parent
        return root, sorted(p.relative_to(root).as_posix() for p in files)
    from .load import _Problems, _scan

    folder = Path(source).expanduser()
    return folder, _scan(folder, True, _Problems("collect"))


def _partition(files, *, root, corpus_name, meta, lexicon, stopwords, engine, clean):
    """Read, clean, segment and count one partition's files (runs on a worker)."""
    from .load import _build, _finish, _Problems
    from .segment import count_han
    from .textstat import _word_counts, count_slogans

    files = list(files)
    problems = _Problems("collect")
    sub = None
    if meta is not None:
        ids = {str(PurePosixPath(f).with_suffix("")) for f in files}
        sub = meta[meta["file"].isin(files) | ((meta["file"] == "") & meta["doc_id"].isin(ids))]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # problems are returned, and reported once by the client
        # counts only: the raw text is let go as soon as each file is cleaned
        corpus = _finish(_build(root, files, sub, corpus_name, clean=clean, problems=problems, progress=False,
                                keep_raw=False), problems)
    wc = _word_counts(corpus, lexicon=lexicon, stopwords=stopwords, engine=engine, n_jobs=1, cache=False,
                      progress=False)
    count = np.bincount(wc.tid, weights=wc.n, minlength=len(wc.terms)).astype(np.int64)
    n_docs = np.bincount(wc.tid, minlength=len(wc.terms))  # (doc, term) pairs are unique
    present = np.flatnonzero(count)
    tf = Counter(dict(zip(wc.terms[present].tolist(), count[present].tolist())))
    df = Counter(dict(zip(wc.terms[present].tolist(), n_docs[present].tolist())))
    slogans = count_slogans(corpus, lexicon)
    n_chars = sum(count_han(t) for t in corpus["text"])
    return [{"tf": tf, "df": df, "slogans": [slogans], "n_chars": n_chars, "n_docs": len(corpus),
             "problems": problems.records}]


def _combine(parts):
    tf: Counter = Counter()
    df: Counter = Counter()
    slogans, problems, n_chars, n_docs = [], [], 0, 0
    for p in parts:
        tf.update(p["tf"])
        df.update(p["df"])
        slogans.extend(p["slogans"])
        problems.extend(p["problems"])
        n_chars += p["n_chars"]
        n_docs += p["n_docs"]
    return {"tf": tf, "df": df, "slogans": slogans, "n_chars": n_chars, "n_docs": n_docs, "problems": problems}


def run_pipeline(
    source,
    *,
    metadata=None,
    lexicon=None,
    stopwords=True,
    engine: str = "auto",
    clean: bool = True,
    npartitions: int | None = None,
    client=None,
) -> PipelineResult:
    """Count words and slogans in a folder of files with Dask.

    Args:
        source: a folder (read recursively), a glob (``"archive/**/*.txt"``)
            or a list of file paths.
        metadata: a metadata CSV or DataFrame for a folder, as in
            :func:`helpers.load.load_corpus` (default: the folder's
            ``metadata.csv`` if there is one).
        lexicon, stopwords, engine: as in :func:`helpers.textstat.term_frequencies`.
        clean: clean the text (:func:`helpers.clean.clean_text`) as ``load_corpus`` does.
        npartitions: file groups (tasks); default about 4 per core, at most one
            per file.
        client: a ``dask.distributed.Client`` (``Client("tcp://scheduler:8786")``
            for a cluster); ``None`` = Dask's default scheduler.

    Returns:
        :class:`PipelineResult` with ``term_frequencies`` (as
        ``term_frequencies(corpus, by=None)``) and ``slogans`` (as
        ``count_slogans(corpus)``). Files that cannot be read are skipped and
        listed in ``problems``.

    Example:
        >>> result = run_pipeline(paths.SEEDS_DIR, npartitions=2)  # doctest: +SKIP
    """
    import dask.bag as db

    from .lexicon import as_lexicon
    from .load import _metadata_frame
    from .textstat import _rate

    root, files = list_files(source)
    if not files:
        raise ValueError(f"{source}: no .txt files found")
    is_folder = not isinstance(source, (list, tuple)) and not any(ch in str(source) for ch in "*?[")
    if metadata is None and is_folder and (root / "metadata.csv").is_file():
        metadata = root / "metadata.csv"
    meta = _metadata_frame(metadata, root) if metadata is not None else None
    lex = as_lexicon(lexicon)
    n = npartitions or min(len(files), 4 * (os.cpu_count() or 1))
    bag = db.from_sequence(files, npartitions=max(1, min(n, len(files))))
    parts = bag.map_partitions(_partition, root=root, corpus_name=root.resolve().name, meta=meta,
                               lexicon=lex, stopwords=stopwords, engine=engine, clean=clean)
    total = parts.reduction(_combine, _combine)
    out = client.compute(total).result() if client is not None else total.compute()

    cols = ["term", "count", "rate_per_10k", "n_docs"]
    if out["tf"]:
        terms = list(out["tf"])
        tf = pd.DataFrame({
            "term": pd.Series(terms, dtype=str),
            "count": np.fromiter((out["tf"][t] for t in terms), dtype=np.int64, count=len(terms)),
            "n_docs": np.fromiter((out["df"][t] for t in terms), dtype=np.int64, count=len(terms)),
        })
        tf["rate_per_10k"] = _rate(tf["count"], out["n_chars"])
        tf = tf.sort_values(["count", "term"], ascending=[False, True])[cols].reset_index(drop=True)
    else:
        tf = pd.DataFrame(columns=cols)
    slogans = [s for s in out["slogans"] if len(s)]
    slogans = pd.concat(slogans, ignore_index=True) if slogans else out["slogans"][0].iloc[:0]
    return PipelineResult(tf, slogans.reset_index(drop=True), out["n_docs"], out["n_chars"], out["problems"])
