"""All paths used by tifa come from here; notebooks never hard-code a path.

``TIFA_DATA`` overrides the bundled data folder; ``TIFA_CACHE`` the cache
folder; ``TIFA_REPORTS`` the folder the main job writes to.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "PACKAGE_DIR", "PROJECT_DIR", "DATA_DIR", "RAW_DIR", "SEEDS_DIR", "GWR_DIR",
    "METADATA_CSV", "ERRATA_CSV", "LEXICON_CSV", "STOPWORDS_DIR", "FONTS_DIR",
    "PROVINCES_DIR", "NATIONAL_DIR", "CONGRESS_DIR", "PANEL_METADATA_DIR", "PANEL_READINGS_CSV", "PANEL_MISSING_CSV",
    "NOTEBOOKS_DIR", "REPORTS_DIR", "CACHE_DIR", "SHARED_CORPORA_DIR",
]

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(os.environ.get("TIFA_DATA", PROJECT_DIR / "data"))
RAW_DIR = DATA_DIR / "raw"
SEEDS_DIR = RAW_DIR / "seeds"
GWR_DIR = RAW_DIR / "gwr"
PROVINCES_DIR = RAW_DIR / "provinces"
NATIONAL_DIR = RAW_DIR / "national"
CONGRESS_DIR = RAW_DIR / "congress"
METADATA_CSV = DATA_DIR / "metadata.csv"
# The metadata of the panel (provinces, national, congress), built from the texts.
PANEL_METADATA_DIR = DATA_DIR / "metadata"
PANEL_READINGS_CSV = PANEL_METADATA_DIR / "readings.csv"
# Province-years of the panel without a report: missing, not zero.
PANEL_MISSING_CSV = PANEL_METADATA_DIR / "missing.csv"
ERRATA_CSV = DATA_DIR / "errata.csv"
LEXICON_CSV = DATA_DIR / "lexicon" / "tifa.csv"
STOPWORDS_DIR = DATA_DIR / "stopwords"
FONTS_DIR = PACKAGE_DIR / "fonts"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = Path(os.environ.get("TIFA_REPORTS", PROJECT_DIR / "reports"))
CACHE_DIR = Path(os.environ.get("TIFA_CACHE", PROJECT_DIR / ".cache"))
# Public corpora that sit beside a checkout (used by tests and benchmarks only).
SHARED_CORPORA_DIR = PROJECT_DIR.parent / "shared" / "corpora"
