"""Match metadata rows to files, by one rule for ``load_corpus`` and ``run_pipeline``: nothing lost, ids unique.

:class:`DocIds` gives the doc_id of a file without a metadata row;
:func:`match_metadata` joins the metadata to the list of files once, before
any file is read, and records what does not fit: a row whose file is
missing, a row that matches no file, two files that would share a doc_id.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "a.TXT", "b.txt"):
    ...     _ = (folder / name).write_text("人民", encoding="utf-8")
    >>> ids = DocIds(folder)
    >>> [ids(name) for name in ("a.txt", "a.TXT", "b.txt")]
    ['a', 'a~2', 'b']
"""

from __future__ import annotations

import os
import posixpath
import unicodedata
import warnings
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, CorpusWarning, user_stacklevel
from .files import Problems, is_text_file
from .metadata import doc_stem

__all__ = ["DocIds", "match_metadata"]


def _canonical_first(name: str) -> tuple[bool, str]:
    """Sort key: a name ending in lower-case ``.txt`` and in NFC comes first, then by name (``a.md`` before ``a.MD``)."""
    return (not (name.endswith(".txt") and unicodedata.normalize("NFC", name) == name), name)


class DocIds:
    """The doc_id of a file without a metadata row: :func:`doc_stem` of its path, unique in its folder.

    Files of one folder whose names differ only in the suffix
    (``a.txt``, ``a.TXT``, ``a.md``) or in Unicode normalisation (``café`` written
    with é or with e and a combining accent) would share a doc_id: the first
    (a lower-case ``.txt`` name in NFC first, then in name order) keeps it, each other gets
    ``~2``, ``~3``… (skipping ids other files have). The rule reads the
    folder's listing, not the list of files being loaded, so that every group
    of files of ``run_pipeline`` finds the same ids.

    Args:
        root: the corpus folder the paths are relative to.
        strip_prefix: left out of the ids (``"seeds/"`` for the bundled seeds).
    """

    def __init__(self, root: Path, strip_prefix: str = ""):
        self.root = Path(root)
        self.prefix = strip_prefix
        self._folders: dict[str, dict[str, tuple[str, str]]] = {}

    def __call__(self, rel: str) -> str:
        return self.resolve(rel)[0]

    def resolve(self, rel: str) -> tuple[str, str, str]:
        """``(doc_id, plain id, the file that keeps the plain id)``; the last is "" when the file keeps it."""
        parent, name = posixpath.split(rel)
        stripped = rel[len(self.prefix):] if self.prefix and rel.startswith(self.prefix) else rel
        plain = doc_stem(stripped)
        suffix, keeper = self._renamed(parent).get(name, ("", ""))
        return plain + suffix, plain, keeper and posixpath.join(parent, keeper)

    def _renamed(self, parent: str) -> dict[str, tuple[str, str]]:
        """name -> (suffix, name that keeps the plain id), for the renamed ``.txt``/``.md`` files of one folder."""
        if parent not in self._folders:
            try:
                names = sorted(n for n in os.listdir(self.root / parent)
                               if is_text_file(n) and not n.startswith("."))
            except OSError:
                names = []
            groups: dict[str, list[str]] = {}
            for n in names:
                groups.setdefault(doc_stem(n), []).append(n)
            taken, out = set(groups), {}
            for stem, members in groups.items():
                members.sort(key=_canonical_first)
                k = 1
                for n in members[1:]:
                    k += 1
                    while f"{stem}~{k}" in taken:
                        k += 1
                    taken.add(f"{stem}~{k}")
                    out[n] = (f"~{k}", members[0])
            self._folders[parent] = out
        return self._folders[parent]


def match_metadata(root: Path, files: list[str], meta: pd.DataFrame | None, problems: Problems, *,
                   strip_prefix: str = "") -> tuple[list[str], pd.DataFrame | None]:
    """Join ``meta`` to ``files`` (paths relative to ``root``) and record what does not fit.

    * A row naming a file that exists but is not in ``files`` (another
      suffix): the file is added. A row naming a missing file: the file is
      skipped (``problems.skip``: an error under ``errors="raise"``).
    * A row without ``file`` is matched to the file whose doc_id
      (:class:`DocIds`) is its ``doc_id`` and that no row names; its ``file``
      is filled in. A row that matches no file is recorded (action
      ``"metadata row not used"``) and warned about once.
    * A file renamed by :class:`DocIds` (``a.TXT`` beside ``a.txt``) is
      recorded and warned about once.
    * Two documents with one doc_id (a row's doc_id equal to the id of a
      file without a row) are a :class:`CorpusError` naming both files.

    Returns:
        ``(files, meta)``: the files to read, sorted, and the metadata with
        every row that matches a file holding its ``file`` (a copy).
    """
    ids = DocIds(root, strip_prefix)
    where = str(meta.attrs.get("source", "the metadata")) if meta is not None else ""
    if meta is not None:
        meta = meta.copy()
        if "file" not in meta.columns:
            meta.insert(1, "file", "")
        files = _listed_files(root, files, meta, problems)
        _match_ids(files, meta, ids, problems, where)
    rows = {} if meta is None else {f: (i + 2, d) for i, f, d in zip(meta.index, meta["file"], meta["doc_id"]) if f}
    _report_renamed(files, rows, ids, problems)
    _refuse_shared_ids(files, rows, ids)
    return files, meta


def _listed_files(root: Path, files: list[str], meta: pd.DataFrame, problems: Problems) -> list[str]:
    """``files`` with the existing files the metadata names added; the missing ones skipped."""
    known = set(files)
    for i, rel, doc_id in zip(meta.index, meta["file"], meta["doc_id"]):
        if not rel or rel in known:
            continue
        if (root / rel).is_file():
            files = [*files, rel]  # listed explicitly: load it whatever its name
            known.add(rel)
        else:
            problems.skip(rel, f"metadata row {i + 2} (doc_id {doc_id!r}) names file {rel!r}, which does not "
                          f"exist in {root}", exc=CorpusError(
                              f"metadata row {i + 2} (doc_id {doc_id!r}): file {rel!r} does not exist in {root}. "
                              "Correct the file name in the metadata or add the file.", path=root / rel,
                              problem="file listed in metadata is missing"))
    return sorted(files)


def _match_ids(files: list[str], meta: pd.DataFrame, ids: DocIds, problems: Problems, where: str) -> None:
    """Fill in (in place) the ``file`` of each row given by ``doc_id`` only; record the rows that match no file."""
    named = set(meta["file"]) - {""}
    by_id = {ids(rel): rel for rel in files if rel not in named}
    unused = []
    for i in meta.index[meta["file"] == ""]:
        doc_id = meta.at[i, "doc_id"]
        if doc_id in by_id:
            meta.at[i, "file"] = by_id.pop(doc_id)
        else:
            unused.append(f"row {i + 2} (doc_id {doc_id!r})")
            problems.note(where, f"metadata row {i + 2} (doc_id {doc_id!r}) has no file and no file has that "
                          "doc_id", "metadata row not used")
    if unused and not problems.quiet:
        warnings.warn(f"{where}: {len(unused)} metadata row(s) match no file and are not used: "
                      f"{', '.join(unused[:10])}{' …' if len(unused) > 10 else ''}. A row without a `file` "
                      "matches the file whose path without suffix is its doc_id; add a `file` column or correct "
                      "the doc_id.", CorpusWarning, stacklevel=user_stacklevel())


def _report_renamed(files: list[str], rows: dict, ids: DocIds, problems: Problems) -> None:
    """Record (and warn once about) the files without a row whose doc_id got a ``~N`` suffix."""
    renamed = []
    for rel in files:
        doc_id, plain, keeper = ids.resolve(rel)
        if keeper and rel not in rows:
            renamed.append(f"{rel} → {doc_id!r}")
            problems.note(rel, f"doc_id {plain!r} is that of {keeper} already (the names differ only in the case "
                          "of the suffix or in Unicode normalisation)", f"doc_id {doc_id!r}")
    if renamed and not problems.quiet:
        warnings.warn(f"{len(renamed)} file(s) would share a doc_id with another file and got a suffix: "
                      f"{', '.join(renamed[:10])}{' …' if len(renamed) > 10 else ''}. Rename the files, or give "
                      "them doc_ids in the metadata.", CorpusWarning, stacklevel=user_stacklevel())


def _refuse_shared_ids(files: list[str], rows: dict, ids: DocIds) -> None:
    """Refuse two documents with one doc_id (a metadata doc_id equal to a file's own id)."""
    owner: dict[str, str] = {}
    for rel in files:
        row, doc_id = rows.get(rel, (None, ids(rel)))
        if doc_id in owner:
            first = owner[doc_id]
            raise CorpusError(
                f"doc_id {doc_id!r} is that of two documents: {first} and {rel} (one is given it by a metadata row, "
                f"the other by its file name). Give each its own doc_id in the metadata.", path=rel,
                problem=f"doc_id {doc_id!r} of two documents")
        owner[doc_id] = rel
