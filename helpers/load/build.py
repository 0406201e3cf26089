"""Build a corpus DataFrame from files and their metadata rows.

:func:`build_corpus` reads the files (through :func:`~helpers.load.files.read_many`)
and joins each with its metadata row; :func:`finish_corpus` reports what was
skipped and fills the missing ``script`` values. Both serve
:func:`~helpers.load.corpus.load_corpus` and the one-pass pipeline
(:mod:`helpers.pipeline`).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from ..clean import detect_script
from .._dateparse import day
from ..errors import CorpusWarning
from .files import Problems, read_many
from .frame import CORPUS_COLUMNS, StrColumn, columns_frame, empty_corpus
from .frontmatter import merge_front_matter
from .match import DocIds
from .metadata import year_from_name

_PROGRESS_THRESHOLD = 50


def build_corpus(root: Path, files: list[str], meta: pd.DataFrame | None, corpus_name: str, *,
                 clean: bool, problems: Problems, progress: bool | None, strip_prefix: str = "",
                 keep_raw: bool = True, consume=None, n_jobs: int = 1,
                 decode_errors: str = "strict") -> pd.DataFrame:
    """Read ``files`` (relative to ``root``) and join them with ``meta``.

    ``consume``: a function called with each document's clean text, in row
    order, as soon as it is cleaned; the corpus then holds metadata only
    (``text`` and ``raw`` empty, ``script`` as the metadata gives it): the
    one-pass pipeline counts each text and lets it go.

    ``meta`` is matched to the files by :func:`~helpers.load.match.match_metadata`
    first (the callers do it once for the whole corpus: what is missing or
    unused is reported there); here a file takes the row naming it, else the
    row whose ``doc_id`` is the file's own (:class:`~helpers.load.match.DocIds`).

    ``n_jobs`` > 1: files are read, decoded and cleaned by worker processes
    (:func:`~helpers.load.files.read_many`); the rows are the same.
    ``decode_errors``: as in :func:`~helpers.load.decode.read_text_file`;
    what reading changed (bad bytes replaced, HTML removed) is recorded in
    ``problems``.

    A file's front matter fills its row where the metadata gives no value
    (:func:`~helpers.load.frontmatter.merge_front_matter`); its other keys
    become extra columns; conflicts are recorded and warned about once.
    """
    meta_by_file, meta_by_id, extra = _index_metadata(meta)
    ids = DocIds(root, strip_prefix)
    show = len(files) > _PROGRESS_THRESHOLD if progress is None else progress
    markups = {rel: str(r["markup"]) for rel, r in meta_by_file.items() if r.get("markup")}
    iterator = read_many(root, files, clean=clean, keep_raw=None if consume is not None else keep_raw,
                         n_jobs=1 if consume is not None else n_jobs, decode_errors=decode_errors,
                         markups=markups)
    if show:
        from tqdm.auto import tqdm  # lazy: loaded only when a bar is shown

        iterator = tqdm(iterator, total=len(files), desc="Loading documents", unit="file")

    records, unmatched, conflicts = [], [], []
    raws, texts = StrColumn(), StrColumn()  # the long columns go to Arrow as they come
    for rel, loaded, exc in iterator:
        if exc is not None:
            problems.skip(rel, exc.problem, exc=exc)
            continue
        raw, encoding, text, script, notes, front = loaded
        for problem, action in notes:  # bad bytes replaced, HTML removed, front matter keys left out: recorded
            problems.note(rel, problem, action)
        default_id = ids(rel)
        record = meta_by_file.get(rel) or meta_by_id.get(default_id)
        if record is None and meta is not None:
            unmatched.append(rel)
        row = _metadata_row(rel, record, default_id, extra)
        if front and merge_front_matter(row, record, front, rel, problems, extra):
            conflicts.append(rel)
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

    _report_unmatched(unmatched, problems)
    _report_conflicts(conflicts, problems)
    problems.warn_changed()
    if not records:
        return empty_corpus(extra)
    data = {c: [r.get(c, "") for r in records] if c not in ("raw", "text") else None
            for c in [*CORPUS_COLUMNS, *extra]}
    del records
    return columns_frame(data, raws, texts)


def _index_metadata(meta: pd.DataFrame | None) -> tuple[dict[str, dict], dict[str, dict], list[str]]:
    """Return the metadata records by ``file`` and (rows without a file) by ``doc_id``, and the extra columns.

    Each record remembers its spreadsheet row number in ``_row``.
    """
    meta_by_file: dict[str, dict] = {}
    meta_by_id: dict[str, dict] = {}
    extra: list[str] = []
    if meta is not None:
        extra = [c for c in meta.columns if c not in CORPUS_COLUMNS]
        for i, record in zip(meta.index, meta.to_dict("records")):
            record["_row"] = i + 2
            if record.get("file"):
                meta_by_file[record["file"]] = record
            else:
                meta_by_id[record["doc_id"]] = record
    return meta_by_file, meta_by_id, extra


def _metadata_row(rel: str, record: dict | None, default_id: str, extra: list[str]) -> dict:
    """Return a row's metadata columns: from its metadata ``record``, else from the file name."""
    row = {c: "" for c in CORPUS_COLUMNS}
    row.update({c: "" for c in extra})
    row["date"], row["year"] = pd.NaT, None
    if record is None:
        year = year_from_name(rel)
        row.update(doc_id=default_id, year=year)
        if year is not None:
            row.update(date=day(year), date_precision="year")
    else:
        row.update({k: v for k, v in record.items() if k != "_row" and k in row})
        if pd.isna(row["year"]):
            row["year"] = year_from_name(rel)
        else:
            row["year"] = int(row["year"])
        if pd.isna(row["date"]) and row["year"] is not None:
            row.update(date=day(row["year"]), date_precision="year")
    return row


def _report_unmatched(unmatched: list[str], problems: Problems) -> None:
    """Record the files without a metadata row and warn once, pointing at the code that called build_corpus's caller."""
    for rel in unmatched:
        problems.note(rel, "no row in the metadata", "loaded without metadata")
    if unmatched and not problems.quiet:
        shown = ", ".join(unmatched[:10]) + (" …" if len(unmatched) > 10 else "")
        warnings.warn(f"{len(unmatched)} file(s) have no row in the metadata and were loaded with empty metadata "
                      f"(doc_id from the file name): {shown}. Add a row for each to the metadata CSV.",
                      CorpusWarning, stacklevel=4)


def _report_conflicts(conflicts: list[str], problems: Problems) -> None:
    """Warn once about the files whose front matter disagrees with the metadata (each conflict is recorded)."""
    if conflicts and not problems.quiet:
        shown = ", ".join(conflicts[:10]) + (" …" if len(conflicts) > 10 else "")
        warnings.warn(f"{len(conflicts)} file(s) have front matter values that differ from the metadata's, which "
                      f"were kept: {shown}. See corpus.attrs['problems'] (action 'metadata value kept').",
                      CorpusWarning, stacklevel=4)


def finish_corpus(df: pd.DataFrame, problems: Problems) -> pd.DataFrame:
    """Warn once about skipped files (errors='collect'), detect missing scripts, attach the problems."""
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
