"""Load a corpus: a folder of ``.txt`` and ``.md`` files or one of the bundled corpora.

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
BUNDLED = ("seeds", "gwr", "provinces", "national", "congress", "all")
#: The bundled corpora described by their own table in ``data/metadata/`` (built from the texts).
PANEL = ("provinces", "national", "congress")
#: What ``"all"`` loads, in this order: every bundled corpus, the national reports once (``gwr`` is
#: the second edition of 1954-2017, see the codebook).
ALL_PARTS = ("seeds", "national", "provinces", "congress")
#: The panel tables' columns beyond the corpus columns, and the integer ones among them.
PANEL_INT_COLUMNS = ("congress", "session", "file_year")


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
    ``"gwr"`` (49 national Government Work Reports, 1954–2017, the edition of
    quanteda's vignette), described by ``data/metadata.csv``; ``"provinces"``
    (the government work reports of the 31 provinces, regions and
    municipalities, 1979–2026), ``"national"`` (the State Council's reports
    1954–2026), ``"congress"`` (party congress reports, constitutions, CCDI
    reports, history resolutions), described by ``data/metadata/<name>.csv``
    with their date, session and speaker read from each text (duplicates left
    out and recorded in ``attrs["problems"]``); or ``"all"`` (seeds, national,
    provinces, congress: every bundled document once) — or the
    path of a folder of ``.txt`` and Markdown ``.md`` files (any case: ``.TXT`` too; a ``str`` that
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
    * A YAML front matter (``---`` … ``---`` as a file's first lines) gives
      metadata: its keys are columns named as metadata.csv headers are
      (``Title`` → ``title``; other keys become extra columns), ``date`` is
      parsed as in the metadata. A metadata value wins; each conflict is
      recorded (action ``"metadata value kept"``) and warned about once. A
      ``.md`` file's bad front matter is a CorpusError naming the file and
      the line; a ``.txt`` whose block is not valid is read as text (noted).
      ``raw`` keeps the whole file; ``text`` has no front matter, and no
      Markdown markup for ``.md`` files (or a ``markup`` value ``markdown``):
      see :func:`helpers.clean.strip_markdown`. The glossary after a
      report's body is not in ``text`` either (:func:`helpers.glossary`).

    Bundled corpora are sorted part by part (for ``"all"``: seeds, national,
    provinces, congress), each by date and doc_id; their ``file`` column is
    relative to ``data/raw/`` (``seeds/….txt``, ``provinces/广东省/2024.md``),
    as in the codebook. The panel corpora have the codebook's extra columns
    (``speaker_title``, ``congress`` and ``session`` as Int64, ``file_year``,
    ``duplicate_of``, ``date_source``… see ``data/README.md``).

    Args:
        source: a name of :data:`BUNDLED` or a folder path.
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
    """Refuse a folder without ``.txt`` or ``.md`` files whose metadata names no file either."""
    if not files and (meta is None or not (meta.get("file", pd.Series(dtype=str)) != "").any()):
        raise CorpusError(f"{folder}: no .txt files (nor .md files) in this folder"
                          f"{' or its sub-folders' if recursive else ''}. Put one plain-text file per "
                          "document in it (UTF-8 .txt, or Markdown .md).", path=folder, problem="no .txt files")


def bundled_parts(source: str, metadata, problems: Problems) -> list[tuple[str, list[str], pd.DataFrame]]:
    """``(part, files relative to data/raw/, its metadata matched to them)`` for each part of a bundled corpus.

    ``"all"`` is the parts of :data:`ALL_PARTS`; ``metadata`` None means the
    bundled codebook: ``data/metadata.csv`` for the seeds and gwr,
    ``data/metadata/<part>.csv`` for the panel (:data:`PANEL`).
    """
    out = []
    meta = None
    for part in ALL_PARTS if source == "all" else [source]:
        if part in PANEL and metadata is None:
            out.append(_panel_part(part, problems))
            continue
        if meta is None:
            meta = _bundled_codebook(metadata, problems)
        if "corpus" in meta.columns and (meta["corpus"] != "").any():
            mine = meta["corpus"] == part
        else:
            mine = meta["file"].str.startswith(f"{part}/")
        files = scan_folder(paths.RAW_DIR / part, True, problems, prefix=f"{part}/")
        files, sub = match_metadata(paths.RAW_DIR, files, meta[mine], problems, strip_prefix=f"{part}/")
        out.append((part, files, sub))
    return out


def _bundled_codebook(metadata, problems: Problems) -> pd.DataFrame:
    """The metadata of the seeds and gwr: ``data/metadata.csv`` (or the table the user passed)."""
    csv_path = paths.METADATA_CSV if metadata is None else metadata
    if isinstance(csv_path, (str, os.PathLike)) and not Path(csv_path).is_file():
        raise CorpusError(f"{csv_path}: the bundled metadata (codebook) is missing, so the bundled corpora "
                          "cannot be loaded. Reinstall tifa or restore data/metadata.csv from git.",
                          path=csv_path, problem="metadata.csv missing")
    meta = read_metadata(csv_path, folder=paths.RAW_DIR)
    add_metadata_notes(meta, problems)
    return meta


def _panel_part(part: str, problems: Problems) -> tuple[str, list[str], pd.DataFrame]:
    """``(part, files, metadata)`` of a panel corpus, from ``data/metadata/<part>.csv``.

    Its extra columns (speaker_title, congress, session, the ``*_source``
    columns…) are the codebook's (``data/README.md``), so they are not
    reported as unknown. Duplicates (``duplicate_of`` set) are left out and
    recorded in ``problems`` (action ``"duplicate left out"``).
    """
    csv_path = paths.PANEL_METADATA_DIR / f"{part}.csv"
    if not csv_path.is_file():
        raise CorpusError(f"{csv_path}: the metadata of the bundled corpus {part!r} is missing. Restore it from git "
                          "or rebuild it: python scripts/build_panel_metadata.py.", path=csv_path,
                          problem="panel metadata missing")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*not in the codebook", category=CorpusWarning)
        meta = read_metadata(csv_path, folder=paths.RAW_DIR)
    meta.attrs["problems"] = [n for n in meta.attrs.get("problems", []) if n["action"] != "kept as extra columns"]
    add_metadata_notes(meta, problems)
    duplicate = meta["duplicate_of"] != ""
    for row in meta[duplicate].itertuples():
        problems.note(row.file, f"duplicate of {row.duplicate_of} (see data/README.md)", "duplicate left out")
    meta = meta[~duplicate]
    files, meta = match_metadata(paths.RAW_DIR, [], meta, problems, strip_prefix=f"{part}/")
    return part, files, meta


def _load_bundled(source: str, metadata, *, clean: bool, problems: Problems, progress,
                  keep_raw: bool = True, n_jobs: int | None = None, decode_errors: str = "strict") -> pd.DataFrame:
    """Load a bundled corpus (:data:`BUNDLED`), part by part, each part sorted by date and doc_id."""
    frames = []
    for part, files, meta in bundled_parts(source, metadata, problems):
        df = build_corpus(paths.RAW_DIR, files, meta, part, clean=clean, problems=problems,
                          progress=progress, strip_prefix=f"{part}/", keep_raw=keep_raw, n_jobs=n_jobs,
                          decode_errors=decode_errors)
        for column in PANEL_INT_COLUMNS:
            if column in df.columns:
                df[column] = pd.to_numeric(df[column].replace("", None)).astype("Int64")
        frames.append(df.sort_values(["date", "doc_id"], kind="stable", na_position="last"))
    df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return finish_corpus(df, problems)
