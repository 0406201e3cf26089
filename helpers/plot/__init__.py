"""Charts of formulations (being split into submodules; see issue 12)."""

from .style import *  # noqa: F401,F403
from .style import __all__  # noqa: F401
