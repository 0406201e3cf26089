"""Find the files of a corpus folder and read them, in worker processes for big folders.

:class:`Problems` collects what is skipped; :func:`scan_folder` lists a folder's
``.txt`` and ``.md`` files (:data:`TEXT_SUFFIXES`); :func:`read_many` reads,
decodes and cleans them in order, reading each file's front matter
(:func:`~helpers.load.frontmatter.read_front_matter`) and removing Markdown
markup from the Markdown ones.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .._parallel import balanced_runs, file_sizes, in_order, mp_context, resolve_n_jobs
from ..clean import clean_text, detect_script
from ..clean.markdown import MARKDOWN_SUFFIXES, is_markdown
from ..errors import CorpusError, CorpusWarning
from .decode import read_text_file
from .frontmatter import read_front_matter

#: suffixes (lower case) of the files a corpus folder is read for
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)


def is_text_file(name: str) -> bool:
    """Whether a file name has one of the :data:`TEXT_SUFFIXES` (any case).

    Example:
        >>> is_text_file("2024.MD"), is_text_file("notes.docx")
        (True, False)
    """
    return name.lower().endswith(TEXT_SUFFIXES)


class Problems:
    """Collect problems; raise or warn depending on ``errors``.

    ``quiet``: never warn (the one-pass pipeline reports every group's
    problems once, in the caller's process and thread).
    """

    def __init__(self, errors: str, quiet: bool = False):
        self.errors = errors
        self.quiet = quiet
        self.records: list[dict[str, str]] = []

    def skip(self, file: str, problem: str, *, warn: bool = True, always_skip: bool = False,
             exc: CorpusError | None = None):
        """Record a file that is left out; raise it under errors='raise' unless ``always_skip``."""
        if self.errors == "raise" and not always_skip:
            raise exc or CorpusError(f"{file}: {problem}", path=file, problem=problem)
        self.records.append({"file": file, "problem": problem, "action": "skipped"})
        if warn and not self.quiet and (always_skip or self.errors == "warn"):
            warnings.warn(f"{file}: {problem}; the file was skipped.", CorpusWarning, stacklevel=4)

    def note(self, file: str, problem: str, action: str):
        self.records.append({"file": file, "problem": problem, "action": action})


def scan_folder(folder: Path, recursive: bool, problems: Problems, prefix: str = "") -> list[str]:
    """List the .txt and .md files under ``folder`` as sorted POSIX paths relative to it."""
    root = folder.resolve()
    found: list[str] = []
    hidden: list[str] = []
    if recursive:
        walker = os.walk(folder, followlinks=False)
    else:
        walker = [(str(folder), [], [p.name for p in folder.iterdir() if not p.is_dir() or p.is_symlink()])]
    for dirpath, dirnames, filenames in walker:
        rel_dir = Path(dirpath).relative_to(folder)
        for name in list(dirnames):
            if (Path(dirpath) / name).is_symlink():
                dirnames.remove(name)  # os.walk does not follow it; say so rather than drop it silently
                problems.skip(f"{prefix}{(rel_dir / name).as_posix()}/",
                              "symbolic link to a folder: not followed (copy the folder in instead)",
                              always_skip=True)
            elif name.startswith("."):
                dirnames.remove(name)
                inside = [f for _, _, fs in os.walk(Path(dirpath) / name) for f in fs if is_text_file(f)]
                if inside:
                    kinds = ".txt" if all(f.lower().endswith(".txt") for f in inside) else ".txt/.md"
                    hidden.append(f"{prefix}{(rel_dir / name).as_posix()}/ ({len(inside)} {kinds} files)")
        for name in filenames:
            if not is_text_file(name):
                continue
            rel = f"{prefix}{(rel_dir / name).as_posix()}"
            full = Path(dirpath) / name
            if name.startswith("."):
                hidden.append(rel)
                continue
            if full.is_symlink():
                if not full.exists():
                    problems.skip(rel, "broken symbolic link (its target does not exist)", always_skip=True)
                    continue
                target = full.resolve()
                if root not in target.parents:
                    problems.skip(rel, f"symbolic link pointing outside the corpus folder (to {target})",
                                  always_skip=True)
                    continue
            elif not full.is_file():
                continue
            found.append(rel)
    for rel in hidden:
        problems.note(rel, "hidden file or folder (name starts with '.')", "skipped")
    if hidden and not problems.quiet:
        warnings.warn(f"{folder}: skipped hidden files (names starting with '.'): {', '.join(hidden[:5])}"
                      + (" …" if len(hidden) > 5 else ""), CorpusWarning, stacklevel=3)
    return sorted(found)


#: folders holding fewer bytes of files are read in this process (starting workers costs more than it saves)
PARALLEL_MIN_BYTES = 5_000_000


def _read_clean(path: Path, clean: bool, keep_raw: bool, markup: str = ""):
    """Read, decode and clean one file: ``((raw, encoding, text, script, front), None)`` or ``(None, CorpusError)``.

    ``front`` is ``(values, notes)`` of the file's front matter
    (:func:`~helpers.load.frontmatter.read_front_matter`). The file is
    Markdown by ``markup`` (the metadata's), else its front matter's
    ``markup``, else its suffix. With ``keep_raw=False`` the script is told
    from the raw text (:func:`helpers.clean.detect_script`) and ``raw`` is
    returned as "".
    """
    try:
        raw, encoding = read_text_file(path)
        front = read_front_matter(raw, path, markup=markup)
    except CorpusError as exc:
        return None, exc
    text = raw
    if clean:
        markdown = is_markdown(path.name, markup or front[0].get("markup", ""))
        text = clean_text(raw, markup="markdown" if markdown else None)
    script = ""
    if not keep_raw:
        script, raw = detect_script(raw), ""
    return (raw, encoding, text, script, front), None


def _read_chunk(paths: list[Path], clean: bool, keep_raw: bool, markups: list[str]) -> list:
    return [_read_clean(p, clean, keep_raw, m) for p, m in zip(paths, markups)]


def read_many(root: Path, files: list[str], *, clean: bool, keep_raw: bool, n_jobs: int | None = 1,
              markups: dict[str, str] | None = None):
    """Yield ``(rel, loaded, error)`` for every file, in order (see :func:`_read_clean`).

    ``markups``: file -> the metadata's ``markup`` value, for the files that have one.

    With ``n_jobs`` > 1 (``None`` = all cores) and at least
    :data:`PARALLEL_MIN_BYTES` of files, worker processes read and clean
    contiguous chunks of about 1 MB, a few chunks in flight at a time, so
    memory holds only those beyond the corpus itself.
    """
    n_jobs = resolve_n_jobs(n_jobs)
    markups = markups or {}
    sizes = file_sizes(root, files) if n_jobs > 1 and len(files) > 1 else []
    if sum(sizes) < PARALLEL_MIN_BYTES or not sizes:
        for rel in files:
            yield (rel, *_read_clean(root / rel, clean, keep_raw, markups.get(rel, "")))
        return
    from concurrent.futures import ProcessPoolExecutor  # looked up at call time: tests spy on it

    # contiguous runs of about 1 MB: small enough to balance, big enough to cost nothing
    chunks = [[files[i] for i in run] for run in balanced_runs(sizes, max(1, sum(sizes) // 1_000_000))]
    with ProcessPoolExecutor(max_workers=min(n_jobs, len(chunks)), mp_context=mp_context()) as pool:
        def submit(chunk):
            return pool.submit(_read_chunk, [root / rel for rel in chunk], clean, keep_raw,
                               [markups.get(rel, "") for rel in chunk])

        for chunk, future in in_order(chunks, submit, 2 * n_jobs):
            yield from ((rel, loaded, exc) for rel, (loaded, exc) in zip(chunk, future.result()))
