"""Load a corpus: a folder of ``.txt`` files or one of the bundled corpora.

:func:`load_corpus` is the entry point; :data:`BUNDLED` names the bundled corpora.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import CorpusError, CorpusWarning, user_stacklevel
from .build import build_corpus, finish_corpus
from .decode import check_decode_errors
from .files import Problems, scan_folder
from .match import match_metadata
from .metadata import metadata_frame, read_metadata

#: Names accepted by :func:`load_corpus` for the bundled data.
BUNDLED = ("seeds", "gwr", "all")


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
    decode_errors: str = "strict",
) -> pd.DataFrame:
    """Load documents and their metadata into a corpus DataFrame.

    ``source`` is one of the bundled corpora — ``"seeds"`` (5 local documents),
    ``"gwr"`` (49 national Government Work Reports, 1954–2017) or ``"all"``
    (the seeds, then the reports) — described by ``data/metadata.csv``; or the
    path of a folder of ``.txt`` files (any case: ``.TXT`` too; a ``str`` that
    is not one of the bundled names, or any ``Path``). A bundled name wins: if
    the working directory has a folder ``seeds``, ``load_corpus("seeds")``
    still reads the bundled seeds (and warns); pass ``Path("seeds")`` or
    ``"./seeds"`` to read the folder. ``run_pipeline`` follows the same rule.

    For a folder:

    * ``metadata`` is a CSV path or a DataFrame (see :func:`read_metadata`);
      when it is None and the folder has a ``metadata.csv``, that is used.
      Metadata rows are matched to files by ``file`` (relative to the folder),
      or by ``doc_id`` equal to the file's doc_id (below). Nothing is dropped
      silently: two rows naming one file are an error; a row naming a missing
      file is an error (skipped with ``errors="collect"``); a row that
      matches no file, and column names read case-insensitively (``Date``)
      or not in the codebook, are recorded in ``attrs["problems"]`` and
      warned about once.
    * Without metadata, ``doc_id`` is the file's path relative to the folder
      without the suffix (``sub/2022-04-13_doc``), in Unicode NFC; files
      whose names differ only in the case of the suffix or in Unicode
      normalisation (``a.txt``, ``a.TXT``) get ``a``, ``a~2``… (recorded and
      warned about; see :class:`~helpers.load.match.DocIds`), so doc_ids are
      always unique. ``year`` comes from a
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
        decode_errors: ``"strict"`` (default): a file with bytes that do not
            decode cannot be loaded (the error says where the first bad byte
            is). ``"replace"``: a file that is text but for a few bad bytes
            is loaded with each bad sequence replaced by U+FFFD (\ufffd); how
            many and where is recorded in ``corpus.attrs["problems"]``
            (action ``"loaded with replacement characters"``), with one
            warning. See :func:`read_text_file`.

    Returns:
        One row per document with the columns of :data:`CORPUS_COLUMNS` in
        that order, then any extra metadata columns. Text columns use pandas'
        default string dtype (``str`` in pandas 3, ``object`` in pandas 2) and
        hold "" when missing, never NaN; ``date`` is ``datetime64[s]`` (NaT
        when unknown; seconds, so that any year fits: 1644 as well as 2024);
        ``year`` is ``Int64``. ``corpus.attrs["problems"]`` is a
        list of ``{"file", "problem", "action"}`` records for every file that
        was skipped, loaded without metadata or given a suffixed doc_id, every
        metadata row not used and every column renamed or not in the codebook
        — ``pd.DataFrame(corpus.attrs
        ["problems"])`` shows it as a table. (A list rather than a DataFrame so
        that ``pd.concat`` of two corpora keeps working.)

    Raises:
        CorpusError: the folder does not exist or holds no ``.txt`` file; the
            metadata is invalid (two rows for one file or one doc_id, two
            columns that are one, a date that is not a date); a metadata
            doc_id is also the doc_id of a file without a row; a metadata row
            names a missing file; or (with ``errors="raise"``) a file cannot
            be read — see :func:`read_text_file`.

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
    check_decode_errors(decode_errors)
    problems = Problems(errors)

    if bundled_name(source):
        return _load_bundled(source, metadata, clean=clean, problems=problems, progress=progress,
                             keep_raw=keep_raw, n_jobs=n_jobs, decode_errors=decode_errors)

    folder = corpus_folder(source)
    try:
        files = scan_folder(folder, recursive, problems)
    except PermissionError:
        raise CorpusError(f"{folder}: the folder cannot be read (permission denied). Check its permissions.",
                          path=folder, problem="folder cannot be read") from None
    if metadata is None and (folder / "metadata.csv").is_file():
        metadata = folder / "metadata.csv"
    meta = metadata_frame(metadata, folder)
    _require_documents(folder, files, meta, recursive)
    add_metadata_notes(meta, problems)
    files, meta = match_metadata(folder, files, meta, problems)
    df = build_corpus(folder, files, meta, folder.resolve().name, clean=clean, problems=problems, progress=progress,
                      keep_raw=keep_raw, n_jobs=n_jobs, decode_errors=decode_errors)
    return finish_corpus(df, problems)


def bundled_name(source) -> str | None:
    """Return ``source`` when it names a bundled corpus (a ``str`` in :data:`BUNDLED`), else None.

    The bundled name wins over a folder of that name in the working directory
    (``./seeds``), for ``load_corpus`` and ``run_pipeline`` alike; a
    :class:`~helpers.errors.CorpusWarning` says so when such a folder exists.
    A ``Path`` (or ``"./seeds"``) always names a folder.
    """
    if not (isinstance(source, str) and source in BUNDLED):
        return None
    if Path(source).is_dir():
        warnings.warn(f"{source!r} names the bundled corpus {source!r}, which is what is read; the folder "
                      f"{Path(source).resolve()} in the working directory is not. To read that folder, pass "
                      f"Path({source!r}) or './{source}'.", CorpusWarning, stacklevel=user_stacklevel())
    return source


def corpus_folder(source: str | os.PathLike, single_file: str = "or read one file with read_text_file()") -> Path:
    """Return ``source`` as a folder path; refuse a missing folder or a file (``single_file``: what to do then)."""
    folder = Path(source).expanduser()
    if not folder.exists():
        raise CorpusError(f"{folder}: the folder does not exist. Check the path (it is relative to "
                          f"{Path.cwd()}), or use one of the bundled corpora: {', '.join(BUNDLED)}.",
                          path=folder, problem="folder does not exist")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: this is a file, not a folder. Pass the folder that holds the .txt files, "
                          f"{single_file}.", path=folder, problem="not a folder")
    return folder


def add_metadata_notes(meta: pd.DataFrame | None, problems: Problems) -> None:
    """Add what :func:`read_metadata` recorded about the table (renamed, unknown columns) to ``problems``."""
    if meta is not None:
        problems.records.extend(meta.attrs.get("problems", []))


def _require_documents(folder: Path, files: list[str], meta: pd.DataFrame | None, recursive: bool) -> None:
    """Refuse a folder without ``.txt`` files whose metadata names no file either."""
    if not files and (meta is None or not (meta.get("file", pd.Series(dtype=str)) != "").any()):
        raise CorpusError(f"{folder}: no .txt files in this folder"
                          f"{' or its sub-folders' if recursive else ''}. Put one plain-text file per "
                          "document in it (UTF-8 .txt).", path=folder, problem="no .txt files")


def bundled_parts(source: str, metadata, problems: Problems) -> list[tuple[str, list[str], pd.DataFrame]]:
    """``(part, files relative to data/raw/, its metadata matched to them)`` for each part of a bundled corpus.

    ``"all"`` is ``"seeds"`` then ``"gwr"``; ``metadata`` None means the
    bundled codebook, ``data/metadata.csv``.
    """
    csv_path = paths.METADATA_CSV if metadata is None else metadata
    if isinstance(csv_path, (str, os.PathLike)) and not Path(csv_path).is_file():
        raise CorpusError(f"{csv_path}: the bundled metadata (codebook) is missing, so the bundled corpora "
                          "cannot be loaded. Reinstall tifa or restore data/metadata.csv from git.",
                          path=csv_path, problem="metadata.csv missing")
    meta = read_metadata(csv_path, folder=paths.RAW_DIR)
    add_metadata_notes(meta, problems)
    out = []
    for part in ["seeds", "gwr"] if source == "all" else [source]:
        if "corpus" in meta.columns and (meta["corpus"] != "").any():
            mine = meta["corpus"] == part
        else:
            mine = meta["file"].str.startswith(f"{part}/")
        files = scan_folder(paths.RAW_DIR / part, True, problems, prefix=f"{part}/")
        files, sub = match_metadata(paths.RAW_DIR, files, meta[mine], problems, strip_prefix=f"{part}/")
        out.append((part, files, sub))
    return out


def _load_bundled(source: str, metadata, *, clean: bool, problems: Problems, progress,
                  keep_raw: bool = True, n_jobs: int | None = None, decode_errors: str = "strict") -> pd.DataFrame:
    """Load ``"seeds"``, ``"gwr"`` or ``"all"`` (seeds first), each part sorted by date and doc_id."""
    frames = []
    for part, files, meta in bundled_parts(source, metadata, problems):
        df = build_corpus(paths.RAW_DIR, files, meta, part, clean=clean, problems=problems,
                          progress=progress, strip_prefix=f"{part}/", keep_raw=keep_raw, n_jobs=n_jobs,
                          decode_errors=decode_errors)
        frames.append(df.sort_values(["date", "doc_id"], kind="stable", na_position="last"))
    df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return finish_corpus(df, problems)
