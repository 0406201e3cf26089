"""Tests for the bundled data: metadata.csv agrees with the raw files and the codebook.

The codebook is data/README.md. Raw files are immutable: where the public
corpora sit beside the checkout (``../shared``), the bundled copies must be
byte-for-byte identical to them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import (
    DATA_DIR, ERRATA_CSV, GWR_DIR, METADATA_CSV, SEEDS_DIR, SHARED_CORPORA_DIR,
)

RAW_DIR = DATA_DIR / "raw"
# ../shared beside the checkout (relative to the repository, never absolute).
SHARED_DIR = SHARED_CORPORA_DIR.parent

COLUMNS = [
    "doc_id", "file", "corpus", "date", "date_precision", "year", "province",
    "city", "district", "level", "genre", "speaker", "title", "source_url",
    "script", "notes",
]
REQUIRED = ["doc_id", "file", "corpus", "date", "year", "level", "genre", "title", "script"]
ALLOWED = {
    "corpus": {"seeds", "gwr"},
    "date_precision": {"day", "month", "year"},
    "level": {"national", "province", "city", "county"},
    "genre": {"work_report", "npcsc_work_report", "speech", "meeting_readout", "interview"},
    "script": {"traditional", "simplified"},
}
DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
GWR_NAME = re.compile(r"^(\d{4})政府工作报告_([^_.]+)(?:_摘要)?\.txt$")

# The one report whose speaker is not the name in its file name (see data/README.md).
SPEAKER_EXCEPTIONS = {"gwr-1991": ("李鹏", "邹家华")}

# Original seed ids in ../shared/seeds -> bundled names (see data/README.md).
SEED_ORIGINALS = {
    "000_291b611f2fa27556.txt": "2024-04-25_chongqing_meeting-readout.txt",
    "001_5323fe0370861518.txt": "2023-11-28_sichuan-guangyuan-zhaohua_meeting-readout.txt",
    "002_24d22fd751546d7f.txt": "2024-02-05_chongqing-dazu_npcsc-work-report.txt",
    "003_445c21b2a28776a6.txt": "2022-02_shaanxi-district_speech.txt",
    "004_4f87a2706376c085.txt": "2022-04-13_hunan-yongzhou_interview.txt",
}


@pytest.fixture(scope="module")
def meta() -> pd.DataFrame:
    return pd.read_csv(METADATA_CSV, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def gwr_files() -> dict[int, tuple[str, str]]:
    """Map year -> (file name, speaker in the file name) for every GWR text."""
    out = {}
    for path in sorted(GWR_DIR.glob("*.txt")):
        match = GWR_NAME.match(path.name)
        assert match, f"unexpected GWR file name {path.name}"
        out[int(match.group(1))] = (path.name, match.group(2))
    return out


def test_columns_in_order(meta):
    assert list(meta.columns) == COLUMNS


def test_one_row_per_document(meta):
    assert len(meta) == 54
    assert meta["doc_id"].is_unique
    assert meta["file"].is_unique
    assert (meta["corpus"].value_counts().to_dict()) == {"gwr": 49, "seeds": 5}


def test_every_file_exists(meta):
    missing = [f for f in meta["file"] if not (RAW_DIR / f).is_file()]
    assert not missing, f"metadata rows without a file under data/raw/: {missing}"


def test_every_raw_text_has_a_row(meta):
    on_disk = {p.relative_to(RAW_DIR).as_posix() for d in (SEEDS_DIR, GWR_DIR) for p in d.glob("*.txt")}
    assert on_disk == set(meta["file"])


def test_file_lives_in_its_corpus_folder(meta):
    for row in meta.itertuples():
        assert row.file.startswith(f"{row.corpus}/"), row.doc_id


def test_seed_doc_id_is_file_stem(meta):
    seeds = meta[meta["corpus"] == "seeds"]
    for row in seeds.itertuples():
        assert row.file == f"seeds/{row.doc_id}.txt"


@pytest.mark.parametrize("column", REQUIRED)
def test_required_columns_non_empty(meta, column):
    empty = meta.loc[meta[column].str.strip() == "", "doc_id"].tolist()
    assert not empty, f"{column} is empty for {empty}"


@pytest.mark.parametrize("column", sorted(ALLOWED))
def test_allowed_values(meta, column):
    bad = set(meta[column]) - ALLOWED[column]
    assert not bad, f"{column} has values outside the codebook: {bad}"


def test_date_parses_with_its_precision_and_matches_year(meta):
    for row in meta.itertuples():
        parsed = pd.to_datetime(row.date, format=DATE_FORMATS[row.date_precision])
        assert parsed.year == int(row.year), row.doc_id


def test_national_documents(meta):
    national = meta[meta["level"] == "national"]
    assert set(national["corpus"]) == {"gwr"}
    assert set(national["province"]) == {"全国"}
    assert set(national["city"]) == {""} and set(national["district"]) == {""}


def test_subnational_documents_name_a_province(meta):
    local = meta[meta["level"] != "national"]
    assert (local["province"].str.endswith(("省", "市", "自治区"))).all()


def test_gwr_years_match_file_names(meta, gwr_files):
    gwr = meta[meta["corpus"] == "gwr"]
    assert len(gwr_files) == 49
    assert sorted(gwr["year"].astype(int)) == sorted(gwr_files)
    for row in gwr.itertuples():
        year = int(row.year)
        assert row.doc_id == f"gwr-{year}"
        assert row.file == f"gwr/{gwr_files[year][0]}"


def test_gwr_speakers_match_file_names(meta, gwr_files):
    for row in meta[meta["corpus"] == "gwr"].itertuples():
        in_name = gwr_files[int(row.year)][1]
        if row.doc_id in SPEAKER_EXCEPTIONS:
            assert (in_name, row.speaker) == SPEAKER_EXCEPTIONS[row.doc_id]
            assert in_name in row.notes and row.speaker in row.notes
        else:
            assert row.speaker == in_name, row.doc_id


def test_gwr_source_is_the_manifest_provenance(meta):
    manifest = pd.read_csv(GWR_DIR / "MANIFEST.csv", dtype=str, keep_default_na=False)
    provenance = dict(zip("gwr/" + manifest["file"], manifest["source_path"]))
    gwr = meta[meta["corpus"] == "gwr"]
    assert dict(zip(gwr["file"], gwr["source_url"])) == provenance


def test_two_day_reports_use_the_first_day_and_say_so(meta):
    rows = meta.set_index("doc_id")
    for doc_id, date in {"gwr-1955": "1955-07-05", "gwr-1964": "1964-12-21", "gwr-1981": "1981-11-30"}.items():
        assert rows.loc[doc_id, "date"] == date
        assert "first day" in rows.loc[doc_id, "notes"]


def test_corrected_dates_are_explained(meta):
    row = meta.set_index("doc_id").loc["gwr-1954"]
    assert row["date"] == "1954-09-23"
    assert "1954年5月23日" in row["notes"]


def _shared(subdir: str) -> Path:
    folder = SHARED_DIR / subdir
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present beside this checkout")
    return folder


def test_seeds_identical_to_shared_originals():
    shared = _shared("seeds")
    assert sorted(p.name for p in shared.glob("*.txt")) == sorted(SEED_ORIGINALS)
    for original, bundled in SEED_ORIGINALS.items():
        assert (shared / original).read_bytes() == (SEEDS_DIR / bundled).read_bytes(), bundled


def test_gwr_identical_to_shared_corpus():
    shared = _shared("corpora/gwr_national_1954_2017")
    names = sorted(p.name for p in shared.glob("*.txt"))
    assert names == sorted(p.name for p in GWR_DIR.glob("*.txt"))
    for name in names:
        assert (shared / name).read_bytes() == (GWR_DIR / name).read_bytes(), name


def test_errata_rows_point_at_exactly_one_raw_span(meta):
    errata = pd.read_csv(ERRATA_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(errata.columns) == ["doc_id", "corrupted", "repaired", "reasoning"]
    files = dict(zip(meta["doc_id"], meta["file"]))
    for row in errata.itertuples():
        assert row.doc_id in files, f"errata doc_id {row.doc_id} is not in metadata.csv"
        raw = (RAW_DIR / files[row.doc_id]).read_text(encoding="utf-8")
        assert raw.count(row.corrupted) == 1, (row.doc_id, row.corrupted)
        assert row.repaired and row.reasoning
