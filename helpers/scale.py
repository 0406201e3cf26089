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

On one machine, :func:`helpers.run_pipeline` (:mod:`helpers.pipeline`) runs the
same groups in worker processes without Dask, and is the quicker choice. With
Dask, a ``LocalCluster`` uses every core::

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

import os

from . import paths  # noqa: F401 - used in the docstring example
from .pipeline import PipelineResult, combine_parts, count_partition, list_files, setup_run, to_result

__all__ = ["run_pipeline", "PipelineResult", "list_files"]


def run_pipeline(
    source,
    *,
    metadata=None,
    lexicon=None,
    stopwords=True,
    engine: str = "auto",
    clean: bool = True,
    by=None,
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
        by: metadata column(s) to count words by, as in :func:`helpers.run_pipeline`.
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
    import dask.bag as db  # imported here: Dask is optional (pip install "tifa[dask]")

    root, files, meta, lex, by, scan = setup_run(source, metadata, lexicon, by)
    n = npartitions or min(len(files), 4 * (os.cpu_count() or 1))
    bag = db.from_sequence(files, npartitions=max(1, min(n, len(files))))
    parts = bag.map_partitions(count_partition, root=root, corpus_name=root.resolve().name, meta=meta,
                               lexicon=lex, stopwords=stopwords, engine=engine, clean=clean, by=by)
    total = parts.reduction(combine_parts, combine_parts)
    out = client.compute(total).result() if client is not None else total.compute()
    return to_result(out, by, scan)
