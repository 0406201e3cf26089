"""Decode one file: read its bytes, choose the codec, strip HTML.

:func:`read_text_file` reads a file in any common Chinese encoding; the codec
is chosen by :func:`helpers._encodings.decode_bytes` (imported here, with
:func:`~helpers._encodings.file_error`, for :mod:`helpers.load.metadata`), which
the lexicon reader shares.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from .._encodings import decode_bytes, file_error
from ..clean.markdown import MARKDOWN_SUFFIXES
from ..errors import CorpusWarning

__all__ = ["read_text_file", "decode_bytes", "file_error"]

_HTML_RE = re.compile(r"<\s*(?:html|body|head|p|div|br|span|table)\b[^<>]*>", re.IGNORECASE)


def _strip_html(text: str, path) -> str:
    from bs4 import BeautifulSoup  # lazy: only HTML pages saved as .txt need it

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    plain = soup.get_text("\n")
    plain = re.sub(r"[ \t\u3000]+\n", "\n", plain)
    plain = re.sub(r"\n{3,}", "\n\n", plain).strip() + "\n"
    warnings.warn(
        f"{path}: the file is an HTML page saved as .txt; its tags were removed and only the text kept. "
        "Check the text (menus and footers of the page may remain), or save the page as plain text.",
        CorpusWarning, stacklevel=3,
    )
    return plain


def read_text_file(path: str | os.PathLike) -> tuple[str, str]:
    """Read a text file in any common Chinese encoding.

    Tries, in order: UTF-8 with a BOM (``utf-8-sig``, BOM removed), UTF-16 with
    a BOM (``utf-16``), BOM-less UTF-16 recognised by its NUL bytes
    (``utf-16-le``/``utf-16-be``), strict UTF-8 (``utf-8``), then GB18030
    (covers GBK and GB2312), Big5 and BOM-less UTF-16 without NUL bytes. When
    several of these decode the bytes, the one whose text has the largest share
    of common Chinese characters wins (charset-normalizer breaks ties).

    An HTML page saved as ``.txt`` has its tags removed (with a
    :class:`~helpers.errors.CorpusWarning`); the returned text is then the
    page's text, not the file's bytes. A Markdown file (``.md``,
    ``.markdown``) is returned as it is, front matter and inline HTML
    included (the cleaning steps remove them from the clean text).

    Args:
        path: the file to read.

    Returns:
        ``(text, encoding)``: the decoded text and the codec's name, one of
        ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``, ``utf-16-be``,
        ``gb18030``, ``big5``.

    Raises:
        CorpusError: the file cannot be read (missing, permissions), is empty or
            whitespace-only, is binary (NUL bytes), is truncated in the middle of
            a character, or is in no supported encoding. The message names the
            file and says what to do.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "doc.txt"
        >>> _ = p.write_bytes("坚持以人民为中心的发展思想。".encode("gb18030"))
        >>> read_text_file(p)
        ('坚持以人民为中心的发展思想。', 'gb18030')
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise file_error(path, "this is a folder, not a file", "Pass the path of a .txt file.") from None
    except FileNotFoundError:
        raise file_error(path, "the file does not exist", "Check the spelling of the path.") from None
    except PermissionError:
        raise file_error(path, "the file cannot be read (permission denied)",
                         "Give yourself read permission (e.g. `chmod u+r FILE`) or copy the file.") from None
    except OSError as exc:
        raise file_error(path, f"the file cannot be read ({exc.strerror or exc})",
                         "Check that the disk or network share is available.") from None
    text, encoding = decode_bytes(data, path)
    del data  # keep memory to one copy of the text
    if _HTML_RE.search(text) and path.suffix.lower() not in MARKDOWN_SUFFIXES:  # Markdown may hold HTML tags
        text = _strip_html(text, path)
    if not text.strip():
        problem = "the file is empty" if not text else "the file contains only whitespace"
        raise file_error(path, problem, "Remove it from the folder or put the document's text in it.")
    return text, encoding
