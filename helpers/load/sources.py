"""What a source names, for the one-pass pipeline: a bundled corpus, a folder, a glob or a list of files.

:func:`list_files` lists the files of a source; :func:`source_files` adds the
metadata, matched to the files as :func:`~helpers.load.corpus.load_corpus`
matches it (:func:`~helpers.load.match.match_metadata`). The rule for names
is the one of ``load_corpus``: a ``str`` that is a bundled name
(``"seeds"``, ``"gwr"``, ``"provinces"``, ``"national"``, ``"congress"``,
``"all"``: :data:`~helpers.load.corpus.BUNDLED`) is the bundled corpus, even when a folder
of that name is in the working directory (a warning says so); a ``Path`` or
``"./seeds"`` is a folder.

Example:
    >>> root, files = list_files("seeds")
    >>> root.name, len(files), files[0].startswith("seeds/")
    ('raw', 5, True)
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import CorpusError
from .corpus import add_metadata_notes, bundled_name, bundled_parts, corpus_folder
from .files import Problems, scan_folder
from .match import match_metadata
from .metadata import metadata_frame

__all__ = ["list_files", "source_files", "is_glob"]


def is_glob(source) -> bool:
    """Whether ``source`` is a glob pattern (``"archive/**/*.txt"``) rather than a folder or a list."""
    return not isinstance(source, (list, tuple)) and any(ch in str(source) for ch in "*?[")


def list_files(source, problems=None) -> tuple[Path, list[str]]:
    """Return ``(root, files relative to root)`` for a bundled name, a folder, a glob or a list of paths.

    A folder is read recursively (``.txt`` and ``.md``, any case), hidden files and
    folders skipped, as :func:`helpers.load.load_corpus` does; what is left
    out is recorded in ``problems`` (a :class:`helpers.load.files.Problems`) if given.
    A folder that does not exist (or is a file) is a
    :class:`~helpers.errors.CorpusError` naming it. A bundled name lists the
    bundled files, relative to ``data/raw/``.
    """
    problems = problems if problems is not None else Problems("collect")
    if isinstance(source, (list, tuple)):
        files = [Path(p).resolve() for p in source]
        root = Path(os.path.commonpath([str(p.parent) for p in files])) if files else Path.cwd()
        return root, sorted(p.relative_to(root).as_posix() for p in files)
    if bundled_name(source):
        return paths.RAW_DIR, [f for _, files, _ in bundled_parts(source, None, problems) for f in files]
    if is_glob(source):
        files = [Path(p).resolve() for p in glob.glob(str(source), recursive=True) if Path(p).is_file()]
        root = Path(os.path.commonpath([str(p.parent) for p in files])) if files else Path(str(source)).parent
        return root, sorted(p.relative_to(root).as_posix() for p in files)
    folder = corpus_folder(source, "or a list of files: run_pipeline([path])")
    return folder, scan_folder(folder, True, problems)


def source_files(source, metadata, problems: Problems) -> tuple[Path, list[str], pd.DataFrame | None]:
    """``(root, files, metadata)`` of a source, the metadata matched to the files.

    The metadata is ``metadata`` (a CSV path or a DataFrame), else a folder's
    ``metadata.csv``, else for a bundled name the bundled codebook. As in
    ``load_corpus``: a row naming a file that does not exist skips it
    (recorded in ``problems``); a row that matches no file, two files that
    would share a doc_id, renamed and unknown columns are recorded and warned
    about, once; every row that matches a file holds its ``file``.

    Raises:
        CorpusError: the folder does not exist; no file to read; the metadata
            is invalid (see :func:`~helpers.load.metadata.read_metadata`).
    """
    if bundled_name(source):
        parts = bundled_parts(source, metadata, problems)
        root, files = paths.RAW_DIR, [f for _, part_files, _ in parts for f in part_files]
        meta = pd.concat([m for _, _, m in parts])
    else:
        root, files = list_files(source, problems)
        is_folder = not isinstance(source, (list, tuple)) and not is_glob(source)
        if metadata is None and is_folder and (root / "metadata.csv").is_file():
            metadata = root / "metadata.csv"
        meta = metadata_frame(metadata, root)
        add_metadata_notes(meta, problems)
        matching = Problems("collect")  # not quiet: what does not fit is warned about now, once
        files, meta = match_metadata(root, files, meta, matching)
        problems.records.extend(matching.records)
    if not files:
        raise CorpusError(_no_files(source, root), path=root, problem="no .txt files")
    return root, files, meta


def _no_files(source, root: Path) -> str:
    """What to say when a source gives no file to read."""
    if isinstance(source, (list, tuple)):
        return "run_pipeline: the list of files is empty. Pass at least one .txt file."
    if is_glob(source):
        return f"{source}: no .txt files found (nor .md): no file matches this pattern (relative to {Path.cwd()})."
    return (f"{root}: no .txt files found (nor .md) in this folder or its sub-folders. Put one plain-text file "
            "per document in it (UTF-8 .txt, or Markdown .md).")
