"""Errors and warnings raised by tifa.

Every problem with a user's input is reported as :class:`CorpusError`, a
``ValueError`` whose message names the file (and row or line where there is
one) and says what to do about it.
"""

from __future__ import annotations

__all__ = ["CorpusError", "CorpusWarning"]


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
