"""Tests for the bundled panel: raw files byte for byte, and metadata read from every text.

The provincial and national government work reports and the party congress
documents sit in ``data/raw/{provinces,national,congress}``, copied from
lawtext/gov and lawtext/cpc (``data/provenance/``). Their metadata
(``data/metadata/*.csv``) is built by ``scripts/build_panel_metadata.py``;
these tests check that the committed tables are what the parser reads from
the committed texts, file by file.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from helpers import paths
from helpers.load.delivery import find_date, find_session, find_speaker, front_matter_fields, parse_delivery
from helpers.load.panel import (
    PANEL_COLUMNS, SOURCE_VALUES, apply_readings, missing_years, panel_metadata, read_readings, report_row,
)

CORPORA = ("provinces", "national", "congress")
PROVENANCE_DIR = paths.DATA_DIR / "provenance"
UPSTREAM = {"lawtext/gov": "lawtext_gov", "lawtext/cpc": "lawtext_cpc"}


@pytest.fixture(scope="module")
def manifest() -> pd.DataFrame:
    return pd.read_csv(PROVENANCE_DIR / "MANIFEST.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def committed() -> dict[str, pd.DataFrame]:
    return {corpus: pd.read_csv(paths.PANEL_METADATA_DIR / f"{corpus}.csv", dtype=str, keep_default_na=False)
            for corpus in CORPORA}


@pytest.fixture(scope="module")
def rebuilt() -> dict[str, pd.DataFrame]:
    readings = read_readings(paths.PANEL_READINGS_CSV)
    return {corpus: panel_metadata(paths.RAW_DIR, corpus, readings) for corpus in CORPORA}


def test_raw_files_are_the_manifest_files(manifest):
    on_disk = {p.relative_to(paths.RAW_DIR).as_posix() for c in CORPORA for p in (paths.RAW_DIR / c).rglob("*")
               if p.is_file()}
    assert on_disk == set(manifest["file"])
    assert len(manifest) == 815 + 59 + 63
    for row in manifest.itertuples():
        data = (paths.RAW_DIR / row.file).read_bytes()
        assert len(data) == int(row.bytes) and hashlib.sha256(data).hexdigest() == row.sha256, row.file


def test_raw_files_identical_to_the_shared_originals(manifest):
    if not paths.SHARED_CORPORA_DIR.is_dir():
        pytest.skip(f"{paths.SHARED_CORPORA_DIR} is not present beside this checkout")
    for row in manifest.itertuples():
        upstream = row.upstream_path.removeprefix("content/")
        original = paths.SHARED_CORPORA_DIR / UPSTREAM[row.repo] / upstream
        assert original.read_bytes() == (paths.RAW_DIR / row.file).read_bytes(), row.file


def test_provenance_is_kept(manifest):
    for collection in UPSTREAM.values():
        assert (PROVENANCE_DIR / collection / "PROVENANCE.md").is_file()
        assert (PROVENANCE_DIR / collection / "UPSTREAM_README.md").is_file()
    assert set(manifest["commit"]) == {"fc1a2f67a589763dc905aaa90f2b1ba356bbccde",
                                       "6d979b318e952a3734eafa6b0992eee5c346d85c"}


@pytest.mark.parametrize("corpus", CORPORA)
def test_committed_metadata_is_what_every_text_says(corpus, committed, rebuilt):
    table = rebuilt[corpus].astype(object)
    table = table.where(table.notna(), "").astype(str)
    assert list(committed[corpus].columns) == PANEL_COLUMNS
    pd.testing.assert_frame_equal(committed[corpus], table, check_dtype=False)


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_value_says_how_it_was_established(corpus, committed):
    table = committed[corpus]
    assert table["doc_id"].is_unique and table["file"].is_unique
    for column in ("date_source", "year_source", "session_source", "speaker_source"):
        assert set(table[column]) <= set(SOURCE_VALUES), column
    assert (table["year"] != "").all() and (table["date_source"] != "").all()
    assert ((table["speaker"] == "") == (table["speaker_source"] == "")).all()
    assert ((table["congress"] == "") == (table["session_source"] == "")).all()


def test_delivery_line_values_are_in_the_text(committed):
    """Where the metadata says ``delivery_line``, the text's delivery line gives that date and session."""
    table = committed["provinces"]
    for row in table[table["date_source"] == "delivery_line"].itertuples():
        found = parse_delivery((paths.RAW_DIR / row.file).read_text(encoding="utf-8"))
        assert found["line"] and found["date"] == row.date, row.file
        assert find_session(found["line"]) == (int(row.congress), int(row.session)), row.file


def test_province_spelling_is_the_tile_maps(committed):
    tiles = pd.read_csv(paths.DATA_DIR / "geo" / "province_tiles.csv", dtype=str)
    mainland = set(tiles.loc[tiles["mainland"] == "True", "province"])
    assert set(committed["provinces"]["province"]) == mainland and len(mainland) == 31
    assert set(committed["provinces"]["level"]) == {"province"}
    assert set(committed["national"]["level"]) == {"national"}
    assert set(committed["national"]["province"]) == {"全国"}


def test_sichuan_files_named_by_the_year_reviewed(committed):
    rows = committed["provinces"].set_index("file")
    for name_year in range(2003, 2019):
        row = rows.loc[f"provinces/四川省/{name_year}.md"]
        assert int(row["year"]) == name_year + 1 and row["doc_id"] == f"四川省-{name_year + 1}"
    assert rows.loc["provinces/四川省/2010.md", "date"] == "2011-01-18"


def test_duplicates_are_marked_and_listed(committed):
    rows = committed["provinces"].set_index("file")
    assert rows.loc["provinces/四川省/2019.md", "duplicate_of"] == "四川省-2020"
    assert rows.loc["provinces/四川省/2019.md", "doc_id"] == "四川省-2020~2"
    assert rows.loc["provinces/四川省/2020.md", "duplicate_of"] == ""
    national = committed["national"].set_index("file")
    assert national.loc["national/1964-summary.md", "duplicate_of"] == "national-1964"
    for table in committed.values():
        duplicates = table[table["duplicate_of"] != ""]
        assert set(duplicates["duplicate_of"]) <= set(table["doc_id"])
        assert duplicates["notes"].str.len().gt(0).all()


def test_missing_province_years_are_listed(committed):
    missing = pd.read_csv(paths.PANEL_METADATA_DIR / "missing.csv", dtype={"year": int})
    table = committed["provinces"].assign(year=lambda t: t["year"].astype(int))
    assert missing.values.tolist() == missing_years(table).values.tolist()
    pairs = set(map(tuple, missing.values.tolist()))
    known = {(p, 2008) for p in ("云南省", "吉林省", "新疆维吾尔自治区", "海南省", "西藏自治区", "青海省")}
    known |= {("福建省", 2013), ("福建省", 2014), ("福建省", 2015), ("山西省", 2004), ("青海省", 2011)}
    assert known <= pairs
    kept = table[table["duplicate_of"] == ""]
    assert not pairs & set(zip(kept["province"], kept["year"]))


def test_every_reading_is_used_and_explained(committed):
    readings = read_readings(paths.PANEL_READINGS_CSV)
    every = pd.concat(committed.values())
    notes = dict(zip(every["file"], every["notes"]))
    for reading in readings.itertuples():
        assert reading.reason in notes[reading.file], reading.file


def test_a_reading_of_a_missing_file_is_an_error():
    rows = [report_row("provinces/甲省/2020.md", "——2020年1月1日在甲省第一届人民代表大会第一次会议上")]
    bad = pd.DataFrame([{"file": "provinces/乙省/2020.md", "column": "date", "value": "2020", "reason": "x"}])
    with pytest.raises(ValueError, match="乙省/2020.md"):
        apply_readings(rows, bad)


@pytest.mark.parametrize(("line", "date", "session"), [
    ("——2024年1月23日在广东省第十四届人民代表大会第二次会议上", "2024-01-23", (14, 2)),
    ("**——二〇二四年一月二十一日在北京市第十六届人民代表大会第二次会议上**", "2024-01-21", (16, 2)),
    ("——二0一四年一月十五日在内蒙古自治区第十二届人民代表大会第二次会议上", "2014-01-15", (12, 2)),
    ("在四川省第十一届人民代表大会第四次会议上（2011年1月18日）", "2011-01-18", (11, 4)),
    ("2013年1月26日在新疆维吾尔自治区第十二届人民代表大会一次会议上", "2013-01-26", (12, 1)),
    ("——2017年1月10日西藏自治区十届人大五次会议上", "2017-01-10", (10, 5)),
    ("政府工作报告（2010年1月19日在吉林省第十一届人民代表大会第三次会议上 代省长 王儒林）", "2010-01-19", (11, 3)),
])
def test_delivery_line_variants(line, date, session):
    assert find_date(line) == date
    assert find_session(line) == session


@pytest.mark.parametrize(("line", "expected"), [
    ("广东省省长 王伟中", ("省长", "王伟中")), ("**省 长 吴晓军**", ("省长", "吴晓军")),
    ("北京市代市长 殷 勇", ("代市长", "殷勇")), ("自治区代主席 咸辉", ("代主席", "咸辉")),
    ("国务院副总理兼财政部长　李先念", ("副总理", "李先念")), ("四川省人民政府省长蒋巨峰", ("省长", "蒋巨峰")),
    ("**河北省省长 钮茂生（2002年1月24日）**", ("省长", "钮茂生")), ("各位代表：", None),
])
def test_speaker_line_variants(line, expected):
    assert find_speaker(line) == expected


def test_speaker_inside_the_delivery_line():
    text = "政府工作报告（2010年1月19日在吉林省第十一届人民代表大会第三次会议上 代省长 王儒林）\n各位代表："
    found = parse_delivery(text)
    assert (found["speaker_title"], found["speaker"], found["speaker_source"]) == ("代省长", "王儒林", "delivery_line")


def test_without_a_delivery_line_the_review_heading_gives_the_year():
    row = report_row("provinces/甲省/2010.md", "各位代表：\n现在……\n**一、2010年工作回顾**\n")
    assert (row["year"], row["year_source"], row["date_precision"], row["file_year"]) == (2011, "review_heading",
                                                                                           "year", 2010)


def test_national_editions_compared_for_every_gwr_year():
    table = pd.read_csv(paths.PANEL_METADATA_DIR / "national_editions.csv", keep_default_na=False)
    assert sorted(table["year"]) == sorted(int(p.name[:4]) for p in paths.GWR_DIR.glob("*.txt"))
    rows = table.set_index("year")
    assert set(rows["canonical"]) == {"national"} and (rows["why"] != "").all()
    same = rows[~rows.index.isin([1964, 1991, 2010, 2012, 2016, 2017])]
    assert (same["han_diff_pct"].abs() <= 0.5).all() and (same["terms_differ"] == 0).all()
    assert rows.loc[1991, "han_gwr"] >= 1.9 * rows.loc[1991, "han_national"]
    gwr_1991 = next(paths.GWR_DIR.glob("1991*.txt")).read_text(encoding="utf-8")
    assert gwr_1991.count("国务院根据中共中央《建议》精神") == 2
    for year in (2010, 2012, 2016, 2017):  # the national edition only adds: a glossary, or revisions
        assert rows.loc[year, "han_national"] > rows.loc[year, "han_gwr"]


def test_the_review_heading_agrees_with_the_delivery_date():
    """The evidence for dating reports by their review heading: where a report has both, they agree."""
    both, disagree = 0, []
    for path in sorted([*paths.PROVINCES_DIR.rglob("*.md"), *paths.NATIONAL_DIR.glob("*.md")]):
        found = parse_delivery(path.read_text(encoding="utf-8"))
        if found["date"] and found["reviewed_year"]:
            both += 1
            if int(found["date"][:4]) != found["reviewed_year"] + 1:
                disagree.append(path.relative_to(paths.RAW_DIR).as_posix())
    assert both > 400
    assert disagree == ["provinces/北京市/2000.md"]  # the date of a draft, see readings.csv


def test_a_title_naming_the_session_gives_the_year_and_speaker():
    text = "---\ntitle: 杨雄市长在上海市第十四届人民代表大会第一次会议上的政府工作报告（2013年）\n---\n各位代表：\n"
    row = report_row("provinces/上海市/2013.md", text)
    assert (row["year"], row["year_source"], row["congress"], row["session"], row["speaker"]) == (
        2013, "title", 14, 1, "杨雄")
    misnamed = report_row("provinces/四川省/2010.md", "---\ntitle: 2010年四川省人民政府工作报告\n---\n各位代表：\n")
    assert misnamed["year_source"] == "file_name"  # a title with only a year is not evidence


def test_every_source_url_of_the_front_matter_is_in_the_metadata():
    # the panel's own front-matter reader missed YAML lists at column 0 (source:\n- https://…):
    # 河北 2006, 广东 2008/2009, 重庆 2025 had an empty source_url
    table = pd.read_csv(paths.PANEL_METADATA_DIR / "provinces.csv", dtype=str, keep_default_na=False)
    missing = []
    for row in table.itertuples():
        fields, _ = front_matter_fields((paths.RAW_DIR / row.file).read_text(encoding="utf-8"))
        if fields.get("source", "").startswith("http") and not row.source_url:
            missing.append(row.doc_id)
    assert missing == []
