"""Clean raw Chinese documents (being split into a package: see issue 12)."""

from .errata import *  # noqa: F401,F403
from .errata import __all__, CJK_PUNCT, HAN  # noqa: F401
