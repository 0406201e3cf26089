"""Build the panel metadata tables in ``data/metadata/`` from the bundled texts.

Run from the repository root: ``.venv/bin/python scripts/build_panel_metadata.py``.
Re-runnable: it reads every file of ``data/raw/{provinces,national,congress}``
with :mod:`helpers.load.panel`, applies ``data/metadata/readings.csv`` (what
was established by reading the texts) and writes ``provinces.csv``,
``national.csv``, ``congress.csv`` and ``missing.csv`` (province-years without
a report). ``tests/test_panel.py`` fails when the committed tables are not
what this script writes.
"""

from __future__ import annotations

from helpers import paths
from helpers.load.panel import missing_years, panel_metadata, read_readings

CORPORA = ("provinces", "national", "congress")


def main() -> None:
    readings = read_readings(paths.PANEL_READINGS_CSV)
    paths.PANEL_METADATA_DIR.mkdir(parents=True, exist_ok=True)
    for corpus in CORPORA:
        table = panel_metadata(paths.RAW_DIR, corpus, readings)
        table.to_csv(paths.PANEL_METADATA_DIR / f"{corpus}.csv", index=False, lineterminator="\n")
        print(f"{corpus}: {len(table)} rows, {(table['duplicate_of'] != '').sum()} duplicates")
        if corpus == "provinces":
            missing = missing_years(table)
            missing.to_csv(paths.PANEL_METADATA_DIR / "missing.csv", index=False, lineterminator="\n")
            print(f"missing province-years: {len(missing)}")


if __name__ == "__main__":
    main()
