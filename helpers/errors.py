"""Errors and warnings raised by tifa.

Every problem with a user's input is reported as :class:`CorpusError`, a
``ValueError`` whose message names the file (and row or line where there is
one) and says what to do about it.
"""

from __future__ import annotations

import os
import sys

__all__ = ["CorpusError", "CorpusWarning"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


class CorpusError(ValueError):
    """A problem with an input file, folder, metadata table or lexicon.

    Attributes:
        path: the file or folder concerned (``None`` when there is none).
        problem: a short description of what is wrong.
    """

    def __init__(self, message: str, *, path=None, problem: str | None = None):
        super().__init__(message)
        self.path = path
        self.problem = problem or message


class CorpusWarning(UserWarning):
    """Something in the input was unusual but the document could still be used."""


def user_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning issued by the calling function name the first line outside tifa.

    However deep in tifa the warning is raised (``load_corpus`` or
    ``run_pipeline``, through any helpers), it is attributed to the user's
    line that called tifa.
    """
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    return level
