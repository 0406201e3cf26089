"""The whole pipeline in one pass over a folder, on every core of this machine.

:func:`run_pipeline` reads a folder (or a glob, or a list) of ``.txt`` files
and, group of files by group of files, decodes, cleans, segments and counts
them: word counts and slogan counts are all that a group leaves behind, so
memory grows with the results, not with the corpus. Groups run in worker
processes (``n_jobs``, default all cores). The results are the same tidy
DataFrames as the step-by-step path, row for row (tested)::

    corpus = helpers.load_corpus(folder)
    helpers.term_frequencies(corpus, by=None)   # == result.term_frequencies
    helpers.count_slogans(corpus)               # == result.slogans

This is the fast way through a big archive: each document is scanned for
lexicon forms once, and that scan serves both the segmentation (which keeps
lexicon terms whole) and the slogan counts. ``helpers.scale.run_pipeline``
runs the same groups on a Dask cluster.

Example:
    >>> result = run_pipeline(paths.SEEDS_DIR, n_jobs=1, progress=False)
    >>> result.n_docs
    5
"""

from __future__ import annotations

import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as Timeout
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from . import paths  # noqa: F401 - used in the docstring example
from ._parallel import file_sizes, in_order, mp_context, progress_bar, resolve_n_jobs
from ._counting import DocumentCounter, counter_for
from .errors import CorpusWarning
from .lexicon import as_lexicon
from .load.build import build_corpus, finish_corpus
from .load.decode import check_decode_errors
from .load.files import Problems, changed_message, changed_records
from .load.frame import CORPUS_COLUMNS
from .load.sources import list_files, source_files
from .textstat.match import per_10k
from .textstat.slogans import slogan_frame
from .textstat.words import CountCoder

__all__ = ["run_pipeline", "PipelineResult", "list_files"]

#: a group of files (one task) holds at most this many bytes of raw text (a single file may hold more)
GROUP_BYTES = 16_000_000
#: and, but for the last, at least this many: each group starts its word table afresh
MIN_GROUP_BYTES = 1_000_000
#: documents cleaned before they are segmented and counted
_BATCH_DOCS = 16
#: smaller corpora are counted in this process (starting workers costs more than it saves)
PARALLEL_MIN_BYTES = 2_000_000


@dataclass
class PipelineResult:
    """What :func:`run_pipeline` (and ``helpers.scale.run_pipeline``) return.

    Attributes:
        term_frequencies: as ``term_frequencies(corpus, by=by)``: the ``by``
            column(s) if any, term, count, rate_per_10k, n_docs.
        slogans: doc_id, term, category, count, n_chars, rate_per_10k,
            before_first_use (one row per document × term), as
            ``count_slogans(corpus)``.
        n_docs: documents read.
        n_chars: Han characters of clean text (the denominator of the rates).
        problems: ``{"file", "problem", "action"}`` records of skipped files.
        documents: one row per document: the corpus columns of
            :func:`helpers.load.load_corpus` but ``text`` and ``raw``, and
            ``n_chars``; join it to ``slogans`` on ``doc_id`` to group the
            counts by any metadata. ``script`` is empty unless the metadata
            gives it (this pass does not detect it).
    """

    term_frequencies: pd.DataFrame
    slogans: pd.DataFrame
    n_docs: int
    n_chars: int
    problems: list = field(default_factory=list)
    documents: pd.DataFrame | None = None


def setup_run(source, metadata, lexicon, by):
    """``(root, files, metadata frame or None, lexicon table, by, scan problems)`` for a source.

    The files and the metadata are found and matched by
    :func:`helpers.load.sources.source_files`, as ``load_corpus`` matches
    them: what does not fit is warned about there, once. What the folder scan
    leaves out (hidden files…) is collected quietly in the returned
    ``Problems``, and reported with the groups' problems by :func:`to_result`.
    """
    scan = Problems("collect", quiet=True)
    root, files, meta = source_files(source, metadata, scan)
    return root, files, meta, as_lexicon(lexicon), _by(by, meta), scan


#: one document's words and slogans (the name it had when it lived here)
_Counter = DocumentCounter

#: in a worker process of :func:`run_pipeline` with a progress bar: the shared count of documents done
_DONE = None


def _init_worker(done) -> None:
    global _DONE
    _DONE = done


def _tick_shared(n: int) -> None:
    with _DONE.get_lock():
        _DONE.value += n


def count_partition(files, *, root, corpus_name, meta, lexicon, stopwords, engine, clean, by=(), tick=None,
                    decode_errors="strict"):
    """Read, clean, segment and count one group of files (in a worker, or here).

    ``tick(n)`` is called as every few documents are counted (a progress
    bar); in a worker of :func:`run_pipeline` with a bar, the documents are
    added to a counter shared with the caller.
    """
    if tick is None and _DONE is not None:
        tick = _tick_shared
    files = list(files)
    problems = Problems("collect", quiet=True)  # reported once, by the caller
    sub = None
    if meta is not None:
        ids = {str(PurePosixPath(f).with_suffix("")) for f in files}
        sub = meta[meta["file"].isin(files) | ((meta["file"] == "") & meta["doc_id"].isin(ids))]
    count = counter_for(lexicon, stopwords, engine)
    coder = CountCoder(count.keep)
    found: list[dict[int, int]] = []
    n_han: list[int] = []
    batch: list[str] = []

    def count_batch() -> None:
        # a few documents cleaned, then segmented, in turn: each step finds its tables in the CPU cache
        for text in batch:
            words, slogans, han = count.document(text)
            coder.add(words)
            found.append(slogans)
            n_han.append(han)
        if tick is not None:
            tick(len(batch))
        batch.clear()

    def consume(text: str) -> None:
        batch.append(text)
        if len(batch) >= _BATCH_DOCS:
            count_batch()

    # each file is counted soon after it is cleaned; the corpus keeps its metadata only
    corpus = finish_corpus(build_corpus(root, files, sub, corpus_name, clean=clean, problems=problems, progress=False,
                            keep_raw=False, consume=consume, decode_errors=decode_errors), problems)
    count_batch()
    matrix = np.zeros((len(found), len(count.term_forms)), dtype=np.int64)
    for i, slogans in enumerate(found):
        for j, c in slogans.items():
            matrix[i, j] = c
    n_chars = np.array(n_han, dtype=np.int64)
    wc = coder.result()
    total = np.bincount(wc.tid, weights=wc.n, minlength=len(wc.terms)).astype(np.int64)
    n_docs = np.bincount(wc.tid, minlength=len(wc.terms))  # (doc, term) pairs are unique
    present = np.flatnonzero(total)
    terms = wc.terms[present].tolist()
    tf = Counter(dict(zip(terms, total[present].tolist())))
    df = Counter(dict(zip(terms, n_docs[present].tolist())))
    slogans = slogan_frame(corpus, matrix, n_chars, count.term_forms, lexicon)
    documents = corpus.drop(columns=["text", "raw"]).assign(n_chars=n_chars)
    return [{"tf": tf, "df": df, "slogans": [slogans], "n_chars": int(n_chars.sum()), "n_docs": len(corpus),
             "problems": problems.records, "documents": [documents],
             "tf_by": [_grouped_counts(wc, corpus, list(by))] if by else []}]


def _grouped_counts(wc, corpus: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """by…, term, count, n_docs of one group of documents (as ``term_frequencies(by=by)`` aggregates)."""
    long = pd.DataFrame({"_doc": wc.doc, "_tid": wc.tid, "count": wc.n.astype(np.int64)})
    for c in by:
        long[c] = corpus[c].take(wc.doc).reset_index(drop=True)
    agg = long.groupby([*by, "_tid"], dropna=True).agg(count=("count", "sum"), n_docs=("_doc", "size")).reset_index()
    agg.insert(len(by), "term", pd.Series(wc.terms[agg["_tid"].to_numpy()], dtype=str))
    return agg.drop(columns="_tid")


def _merge(acc: dict, part: dict, *, reuse: bool = True) -> dict:
    """Add one group's counts to the running total ``acc`` (changed in place) and return it.

    With ``reuse`` (the one-process and worker-process paths, which merge each
    group as it arrives and drop it), ``part`` may be used up: the smaller
    Counter is added to the larger. Without it, ``part`` is left as it was.
    """
    for key in ("tf", "df"):
        if reuse and len(part[key]) > len(acc[key]):
            acc[key], part[key] = part[key], acc[key]  # the addition is commutative: order does not matter
        acc[key].update(part[key])
    for key in ("slogans", "problems", "documents", "tf_by"):
        acc[key].extend(part[key])
    acc["n_chars"] += part["n_chars"]
    acc["n_docs"] += part["n_docs"]
    return acc


def combine_parts(parts):
    """The counts of several groups added up, the groups left as they were (Dask's reduction step)."""
    out = {"tf": Counter(), "df": Counter(), "slogans": [], "n_chars": 0, "n_docs": 0, "problems": [],
           "documents": [], "tf_by": []}
    for p in parts:
        _merge(out, p, reuse=False)
    return out


def to_result(out, by, scan) -> PipelineResult:
    """The tidy tables from the combined counts of every group (``scan``: the folder scan's problems)."""
    out["problems"] = scan.records + out["problems"]
    by = list(by)
    documents = pd.concat(out["documents"], ignore_index=True)
    cols = [*by, "term", "count", "rate_per_10k", "n_docs"]
    if by:
        tf = _grouped_table(out["tf_by"], documents, by) if out["tf_by"] else pd.DataFrame(columns=cols)
    elif out["tf"]:
        terms = list(out["tf"])
        tf = pd.DataFrame({
            "term": pd.Series(terms, dtype=str),
            "count": np.fromiter((out["tf"][t] for t in terms), dtype=np.int64, count=len(terms)),
            "n_docs": np.fromiter((out["df"][t] for t in terms), dtype=np.int64, count=len(terms)),
        })
        tf["rate_per_10k"] = per_10k(tf["count"], out["n_chars"])
        tf = tf.sort_values(["count", "term"], ascending=[False, True])[cols].reset_index(drop=True)
    else:
        tf = pd.DataFrame(columns=cols)
    slogans = [s for s in out["slogans"] if len(s)]
    slogans = pd.concat(slogans, ignore_index=True) if slogans else out["slogans"][0].iloc[:0]
    _report(out["problems"])
    return PipelineResult(tf, slogans.reset_index(drop=True), out["n_docs"], out["n_chars"], out["problems"],
                          documents)


def _report(problems: list[dict]) -> None:
    """One warning for the skipped files and one for files without metadata (the rest is in ``problems``)."""
    skipped = [p for p in problems if p["action"] == "skipped"]
    if skipped:
        shown = "; ".join(f"{p['file']}: {p['problem']}" for p in skipped[:5])
        warnings.warn(f"{len(skipped)} file(s) were skipped ({shown}"
                      f"{' …' if len(skipped) > 5 else ''}). See result.problems.", CorpusWarning, stacklevel=4)
    changed = changed_records(problems)
    if changed:
        warnings.warn(changed_message(changed, "result.problems"), CorpusWarning, stacklevel=4)
    bare = [p["file"] for p in problems if p["action"] == "loaded without metadata"]
    if bare:
        warnings.warn(f"{len(bare)} file(s) have no row in the metadata and were counted with empty metadata "
                      f"(doc_id from the file name): {', '.join(bare[:10])}{' …' if len(bare) > 10 else ''}. "
                      "See result.problems.", CorpusWarning, stacklevel=4)


def _grouped_table(parts: list[pd.DataFrame], documents: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """``term_frequencies(corpus, by=by)`` from the groups' partial counts."""
    long = pd.concat(parts, ignore_index=True)
    out = long.groupby([*by, "term"], dropna=True, sort=False).agg(count=("count", "sum"),
                                                                   n_docs=("n_docs", "sum")).reset_index()
    chars = documents.groupby(by, dropna=True)["n_chars"].sum().rename("_n_chars").reset_index()
    out = out.merge(chars, on=by, how="left")
    out["rate_per_10k"] = per_10k(out["count"], out["_n_chars"])
    out = out.sort_values([*by, "count", "term"], ascending=[True] * len(by) + [False, True])
    return out[[*by, "term", "count", "rate_per_10k", "n_docs"]].astype({"count": "int64", "n_docs": "int64"}) \
        .reset_index(drop=True)


def _groups(root: Path, files: list[str], n_jobs: int, max_bytes: int, sizes=None) -> list[list[str]]:
    """Contiguous runs of files for ``n_jobs`` workers, largest first.

    Each group takes 1/(2 n_jobs) of the bytes still to share (between
    :data:`MIN_GROUP_BYTES` and ``max_bytes``), so the groups shrink towards
    the end and the workers finish together; one worker gets groups of
    ``max_bytes``.
    """
    if sizes is None:
        sizes = file_sizes(root, files)
    remaining = sum(sizes)

    def target() -> float:
        share = remaining if n_jobs <= 1 else remaining / (2 * n_jobs)
        return min(max_bytes, max(MIN_GROUP_BYTES, share))

    out, cur, acc, limit = [], [], 0, target()
    for f, k in zip(files, sizes):
        if cur and acc + k > limit:  # full: this file starts the next group
            out.append(cur)
            remaining -= acc
            cur, acc, limit = [], 0, target()
        cur.append(f)
        acc += k
    if cur:
        out.append(cur)
    return out


def run_pipeline(
    source,
    *,
    metadata=None,
    lexicon=None,
    stopwords=True,
    engine: str = "auto",
    clean: bool = True,
    by=None,
    n_jobs: int | None = None,
    progress: bool | None = None,
    decode_errors: str = "strict",
) -> PipelineResult:
    """Count words and slogans in a folder of files, in one pass, on every core.

    The same counts as loading the folder and counting step by step (see the
    module docstring), without holding the corpus in memory: each group of
    files is read, cleaned, segmented and counted, and only the counts are
    kept. Files that cannot be read are skipped, listed in ``problems`` and
    reported in one :class:`helpers.CorpusWarning`.

    Args:
        source: a folder (read recursively), a glob (``"archive/**/*.txt"``),
            a list of file paths, or a bundled name (``"seeds"``, ``"gwr"``,
            ``"all"``, with the bundled codebook: the corpus ``load_corpus``
            reads by that name, even when a folder of that name is in the
            working directory; pass ``Path("seeds")`` for the folder).
        metadata: a metadata CSV or DataFrame, as in
            :func:`helpers.load.load_corpus` (default: the folder's
            ``metadata.csv`` if there is one).
        lexicon, stopwords, engine: as in :func:`helpers.textstat.term_frequencies`.
        clean: clean the text (:func:`helpers.clean.clean_text`) as ``load_corpus`` does.
        by: metadata column(s) to count words by (``"year"``,
            ``["province", "year"]``), as in ``term_frequencies``; ``None``
            for the whole corpus.
        n_jobs: worker processes (``None`` = all cores, ``1`` = this process;
            corpora under 2 MB are always counted in this process); the
            result is identical for any value.
        progress: a tqdm progress bar over files (``None``: for more than 200 files).
        decode_errors: ``"replace"`` reads a file with a few undecodable
            bytes with each replaced by U+FFFD and records it in ``problems``
            (see :func:`helpers.load.load_corpus`); ``"strict"`` skips it.

    Returns:
        :class:`PipelineResult`.

    Example:
        >>> result = run_pipeline(paths.SEEDS_DIR, n_jobs=1, progress=False)
        >>> result.slogans.groupby("term")["count"].sum().nlargest(1).index[0]
        '全过程人民民主'
    """
    check_decode_errors(decode_errors)
    root, files, meta, lex, by, scan = setup_run(source, metadata, lexicon, by)
    n_jobs = resolve_n_jobs(n_jobs)
    sizes = file_sizes(root, files)
    if sum(sizes) < PARALLEL_MIN_BYTES:
        n_jobs = 1  # starting workers would cost more than it saves
    groups = _groups(root, files, n_jobs, GROUP_BYTES, sizes)
    kwargs = dict(root=root, corpus_name=root.resolve().name, meta=meta, lexicon=lex, stopwords=stopwords,
                  engine=engine, clean=clean, by=by, decode_errors=decode_errors)
    show = len(files) > 200 if progress is None else bool(progress)
    bar = progress_bar(None, show, len(files), "Counting", unit="file") if show else None
    # built here: forked workers inherit the loaded dictionaries and the lexicon scan
    counter_for(lex, stopwords, engine)
    out = None  # the running total: each group's counts are merged as they arrive
    if n_jobs == 1 or len(groups) == 1:
        for g in groups:
            part = count_partition(g, **kwargs, tick=bar.update if bar is not None else None)[0]
            out = part if out is None else _merge(out, part)
    else:
        ctx = mp_context()
        # with a bar, the workers add the documents they count to a shared counter, read here
        done = ctx.Value("q", 0) if bar is not None else None
        with ProcessPoolExecutor(max_workers=min(n_jobs, len(groups)), mp_context=ctx,
                                 initializer=_init_worker, initargs=(done,)) as pool:
            # a few groups in flight per worker: results come back in order, memory stays flat
            for g, future in in_order(groups, lambda g: pool.submit(count_partition, g, **kwargs), 2 * n_jobs):
                while True:
                    try:
                        part = future.result(timeout=None if done is None else 0.25)[0]
                        break
                    except Timeout:
                        bar.update(done.value - bar.n)
                out = part if out is None else _merge(out, part)
                if bar is not None:
                    bar.update(done.value - bar.n)
    if bar is not None:
        bar.update(len(files) - bar.n)  # files skipped as unreadable
        bar.close()
    return to_result(out, by, scan)


def _by(by, meta) -> tuple[str, ...]:
    """``by`` as a tuple of metadata column names; a clear error for anything else."""
    cols = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    known = [c for c in dict.fromkeys([*CORPUS_COLUMNS, *(meta.columns if meta is not None else [])])
             if c not in ("text", "raw", "file", "_row")]
    for c in cols:
        if c not in known:
            raise ValueError(f"by={c!r}: not a metadata column; choose among {', '.join(known)}")
    return cols
