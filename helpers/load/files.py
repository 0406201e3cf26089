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
from ..clean import DEFAULT_STEPS, clean_text, detect_script
from ..clean.markdown import MARKDOWN_SUFFIXES, is_markdown
from ..errors import CorpusError, CorpusWarning
from .decode import CHANGED_ACTIONS, read_document
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

    def warn_changed(self, stacklevel: int = 4) -> None:
        """One warning for the files whose text was changed as they were read (bad bytes replaced, HTML removed)."""
        changed = changed_records(self.records)
        if changed and not self.quiet:
            warnings.warn(changed_message(changed, "corpus.attrs['problems']"), CorpusWarning, stacklevel=stacklevel)


def changed_records(records: list[dict]) -> list[dict]:
    """The records of files loaded with their text changed as they were read."""
    return [r for r in records if r["action"] in CHANGED_ACTIONS]


def changed_message(changed: list[dict], where: str) -> str:
    shown = "; ".join(f"{r['file']}: {r['problem']}" for r in changed[:5])
    return (f"{len(changed)} file(s) were loaded with their text changed as they were read ({shown}"
            f"{' …' if len(changed) > 5 else ''}). See {where}.")


def near_text_name(name: str) -> bool:
    """Whether a file name looks meant as a document (:data:`TEXT_SUFFIXES`) but does not end in one.

    ``a.txt.bak``, ``a.txt~``, ``a.TXT `` (a trailing space), ``a.text``,
    ``a.md.bak`` and ``a.md~`` are not loaded (backups would count a document
    twice, and a name that only looks like ``.txt`` or ``.md`` may be
    anything): the folder scan records them.

    Example:
        >>> [near_text_name(n) for n in ("a.txt.bak", "a.TXT ", "a.text", "a.md.bak", "a.markdown~")]
        [True, True, True, True, True]
        >>> [near_text_name(n) for n in ("a.txt", "notes.md", "a.Markdown", "metadata.csv", "a.mdx")]
        [False, False, False, False, False]
    """
    lower = name.lower()
    if lower.endswith(TEXT_SUFFIXES):
        return False
    return (lower.rstrip(" \t.~").endswith(TEXT_SUFFIXES) or lower.endswith(".text")
            or any(f"{suffix}." in lower for suffix in TEXT_SUFFIXES))


def scan_folder(folder: Path, recursive: bool, problems: Problems, prefix: str = "") -> list[str]:
    """List the .txt and .md files under ``folder`` as sorted POSIX paths relative to it."""
    root = folder.resolve()
    found: list[str] = []
    hidden: list[str] = []
    near: list[str] = []
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
            rel = f"{prefix}{(rel_dir / name).as_posix()}"
            if not is_text_file(name):
                if near_text_name(name) and not name.startswith("."):
                    near.append(rel)
                continue
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
            if not full.is_file() and full.exists():  # a named pipe, device or socket: reading it could block
                problems.skip(rel, "not a regular file (a named pipe, device or socket): reading it could wait "
                              "forever", always_skip=True)
                continue
            found.append(rel)
    _note_left_out(folder, problems, hidden, near)
    return sorted(found)


def _note_left_out(folder: Path, problems: Problems, hidden: list[str], near: list[str]) -> None:
    """Record the hidden files and the near-.txt/.md names a scan left out, with one warning for each kind."""
    for rel in hidden:
        problems.note(rel, "hidden file or folder (name starts with '.')", "skipped")
    for rel in near:
        problems.note(rel, "the name does not end in .txt or .md (a backup, or a typo?): not read; rename it to "
                      "end in .txt or .md to load it", "skipped")
    for names, what in ((hidden, "hidden files (names starting with '.')"),
                        (near, "files whose names look like .txt or .md but do not end in it")):
        if names and not problems.quiet:
            warnings.warn(f"{folder}: skipped {what}: {', '.join(names[:5])}" + (" …" if len(names) > 5 else ""),
                          CorpusWarning, stacklevel=4)


#: folders holding fewer bytes of files are read in this process (starting workers costs more than it saves)
PARALLEL_MIN_BYTES = 5_000_000


def _read_clean(path: Path, clean: bool, keep_raw: bool | None, decode_errors: str = "strict",
                markup: str = ""):
    """Read, decode and clean one file: ``((raw, encoding, text, script, notes, front), None)`` or ``(None, CorpusError)``.

    ``notes``: what reading changed and what of the front matter was not
    used, ``(problem, action)`` pairs (see
    :func:`~helpers.load.decode.read_document` and
    :func:`~helpers.load.frontmatter.read_front_matter`); ``front``: the
    column values of the file's front matter. The file is Markdown by
    ``markup`` (the metadata's), else its front matter's ``markup``, else its
    suffix. With ``keep_raw=False`` the script is told from the raw text
    (:func:`helpers.clean.detect_script`) and ``raw`` is returned as "".
    With ``keep_raw=None`` neither is kept (the one-pass pipeline): the raw
    text is let go during cleaning, as soon as a step has changed it, so that
    memory holds at most two copies of a big document's text instead of three.
    """
    try:
        text, encoding, notes = read_document(path, decode_errors)
        front, front_notes = read_front_matter(text, path, markup=markup)
    except CorpusError as exc:
        return None, exc
    notes = (*notes, *((note["problem"], note["action"]) for note in front_notes))
    kind = "markdown" if is_markdown(path.name, markup or front.get("markup", "")) else None
    if keep_raw is None:
        if clean:  # clean_text one step at a time: `text` is the only name the raw text has
            for name, _ in DEFAULT_STEPS:
                text = clean_text(text, steps=[name], markup=kind)
        return ("", encoding, text, "", notes, front), None
    raw = text
    if clean:
        text = clean_text(raw, markup=kind)
    script = ""
    if not keep_raw:
        script, raw = detect_script(raw), ""
    return (raw, encoding, text, script, notes, front), None


def _read_chunk(paths: list[Path], clean: bool, keep_raw: bool | None, decode_errors: str,
                markups: list[str]) -> list:
    return [_read_clean(p, clean, keep_raw, decode_errors, m) for p, m in zip(paths, markups)]


def read_many(root: Path, files: list[str], *, clean: bool, keep_raw: bool | None, n_jobs: int | None = 1,
              decode_errors: str = "strict", markups: dict[str, str] | None = None):
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
            yield (rel, *_read_clean(root / rel, clean, keep_raw, decode_errors, markups.get(rel, "")))
        return
    from concurrent.futures import ProcessPoolExecutor  # looked up at call time: tests spy on it

    # contiguous runs of about 1 MB: small enough to balance, big enough to cost nothing
    chunks = [[files[i] for i in run] for run in balanced_runs(sizes, max(1, sum(sizes) // 1_000_000))]
    with ProcessPoolExecutor(max_workers=min(n_jobs, len(chunks)), mp_context=mp_context()) as pool:
        def submit(chunk):
            return pool.submit(_read_chunk, [root / rel for rel in chunk], clean, keep_raw, decode_errors,
                               [markups.get(rel, "") for rel in chunk])

        for chunk, future in in_order(chunks, submit, 2 * n_jobs):
            yield from ((rel, loaded, exc) for rel, (loaded, exc) in zip(chunk, future.result()))
