"""Decode one file: refuse what is not a regular file, read its bytes, strip HTML.

:func:`read_text_file` reads a file in any common Chinese encoding;
:func:`read_document` does the same without warning and says what it did
(for the loader, which records it in the problems). The codec is chosen, and
bad bytes are located or, on request, replaced, by
:func:`helpers._encodings.decode_document` (imported here, with
:func:`~helpers._encodings.decode_bytes` and
:func:`~helpers._encodings.file_error`, for :mod:`helpers.load.metadata`),
which the lexicon reader shares; HTML is told from text by
:mod:`helpers.load.html` (never in a Markdown file, whose inline HTML is
markup that the ``strip_markdown`` cleaning step removes).
"""

from __future__ import annotations

import os
import stat
import warnings
from pathlib import Path
from typing import NamedTuple

from .._encodings import DECODE_ERRORS, check_decode_errors, decode_bytes, decode_document, file_error
from ..clean.markdown import MARKDOWN_SUFFIXES
from ..errors import CorpusWarning
from .html import looks_like_html, strip_html

__all__ = ["read_text_file", "read_document", "decode_bytes", "file_error", "check_decode_errors",
           "DECODE_ERRORS", "REPLACED", "HTML_REMOVED", "CHANGED_ACTIONS"]

#: the ``action`` of a problem record for a file whose text reading changed (it is loaded, not skipped)
REPLACED = "loaded with replacement characters"
HTML_REMOVED = "loaded without its HTML tags"
CHANGED_ACTIONS = (REPLACED, HTML_REMOVED)


class Document(NamedTuple):
    """A decoded file: its text, the codec, and what was done to it (``(problem, action)`` pairs)."""

    text: str
    encoding: str
    notes: tuple[tuple[str, str], ...] = ()


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``; a :class:`CorpusError` for a missing, unreadable or non-regular file.

    A named pipe, device or socket is refused before it is opened (reading
    one can wait forever, or never end).
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
            raise file_error(path, f"this is {kind}, not a regular file: reading it could wait forever",
                             "Save the document as an ordinary .txt file and load that.")
        return path.read_bytes()
    except IsADirectoryError:
        raise file_error(path, "this is a folder, not a file", "Pass the path of a .txt or .md file.") from None
    except FileNotFoundError:
        raise file_error(path, "the file does not exist", "Check the spelling of the path.") from None
    except PermissionError:
        raise file_error(path, "the file cannot be read (permission denied)",
                         "Give yourself read permission (e.g. `chmod u+r FILE`) or copy the file.") from None
    except OSError as exc:
        raise file_error(path, f"the file cannot be read ({exc.strerror or exc})",
                         "Check that the disk or network share is available.") from None


def read_document(path: str | os.PathLike, decode_errors: str = "strict") -> Document:
    """Read and decode one file, as :func:`read_text_file` does, without warning: what was done is in ``notes``."""
    path = Path(path)
    check_decode_errors(decode_errors)
    data = read_file_bytes(path)
    text, encoding, damage = decode_document(data, path, decode_errors)
    del data  # keep memory to one copy of the text
    notes = []
    if damage is not None:
        notes.append((f"{damage.describe()}: each replaced by \ufffd", REPLACED))
    if path.suffix.lower() not in MARKDOWN_SUFFIXES and looks_like_html(text):  # Markdown may hold HTML tags
        text = strip_html(text)
        notes.append(("an HTML page saved as .txt: its tags were removed and only its text kept (menus and "
                      "footers of the page may remain; or save the page as plain text)", HTML_REMOVED))
    if not text.strip():
        problem = "the file is empty" if not text else "the file contains only whitespace"
        raise file_error(path, problem, "Remove it from the folder or put the document's text in it.")
    return Document(text, encoding, tuple(notes))


def read_text_file(path: str | os.PathLike, *, decode_errors: str = "strict") -> tuple[str, str]:
    """Read a text file in any common Chinese encoding.

    Tries, in order: UTF-8 with a BOM (``utf-8-sig``, BOM removed), UTF-16 with
    a BOM (``utf-16``), BOM-less UTF-16 recognised by its NUL bytes
    (``utf-16-le``/``utf-16-be``), strict UTF-8 (``utf-8``), then GB18030
    (covers GBK and GB2312), Big5 and BOM-less UTF-16 without NUL bytes. When
    several of these decode the bytes, the one whose text has the largest share
    of common Chinese characters wins; when they tie (short texts), the one
    whose characters are the more frequent in Chinese text
    (:mod:`helpers._plausible`), then charset-normalizer.

    An HTML page saved as ``.txt`` (a document beginning with ``<!DOCTYPE
    html>`` or ``<html>``, or a fragment made of markup:
    :func:`helpers.load.html.looks_like_html`) has its tags removed, with a
    :class:`~helpers.errors.CorpusWarning`; the returned text is then the
    page's text, not the file's bytes. Plain text that mentions ``<p>`` or
    ``<br>`` is left as it is. A Markdown file (``.md``, ``.markdown``) is
    returned as it is, front matter and inline HTML included (the cleaning
    steps remove them from the clean text).

    Args:
        path: the file to read.
        decode_errors: ``"strict"`` (default): a file with bytes that do not
            decode is refused, and the error says where the first one is
            (byte offset, line, the bytes). ``"replace"``: a file that is
            text but for a few bad bytes (at most 1%) is read with each bad
            sequence replaced by U+FFFD (\ufffd), with a warning saying how
            many and where.

    Returns:
        ``(text, encoding)``: the decoded text and the codec's name, one of
        ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``, ``utf-16-be``,
        ``gb18030``, ``big5``.

    Raises:
        CorpusError: the file cannot be read (missing, permissions), is not a
            regular file (a named pipe, a device: reading it could wait
            forever), is empty or whitespace-only, is binary (NUL bytes), is
            truncated in the middle of a character, or is in no supported
            encoding. The message names the file and says what to do.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "doc.txt"
        >>> _ = p.write_bytes("坚持以人民为中心的发展思想。".encode("gb18030"))
        >>> read_text_file(p)
        ('坚持以人民为中心的发展思想。', 'gb18030')
    """
    document = read_document(path, decode_errors)
    for problem, action in document.notes:
        warnings.warn(f"{path}: {problem}; {action}.", CorpusWarning, stacklevel=2)
    return document.text, document.encoding
