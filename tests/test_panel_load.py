"""Tests for the bundled panel names of load_corpus: provinces, national, congress and all."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers import load_corpus, paths
from helpers.errors import CorpusWarning
from helpers.load.sources import list_files

PANEL = ("provinces", "national", "congress")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(paths.PANEL_METADATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in PANEL}


def _part(corpus: pd.DataFrame, name: str) -> pd.DataFrame:
    return corpus[corpus["corpus"] == name]


def test_all_is_every_bundled_document_once(bundled_all, tables):
    parts = bundled_all["corpus"].drop_duplicates().tolist()
    assert parts == ["seeds", "national", "provinces", "congress"]
    assert bundled_all["doc_id"].is_unique
    for name, table in tables.items():
        kept = table[table["duplicate_of"] == ""]
        assert sorted(_part(bundled_all, name)["doc_id"]) == sorted(kept["doc_id"]), name
    left_out = {p["file"] for p in bundled_all.attrs["problems"] if p["action"] == "duplicate left out"}
    assert left_out == {f for t in tables.values() for f in t.loc[t["duplicate_of"] != "", "file"]}


def test_panel_rows_carry_the_metadata_read_from_the_text(bundled_all, tables):
    provinces = _part(bundled_all, "provinces").set_index("doc_id")
    row = provinces.loc["广东省-2024"]
    assert (row["date"], row["speaker"], row["speaker_title"], row["congress"], row["session"]) == (
        pd.Timestamp("2024-01-23"), "王伟中", "省长", 14, 2)
    assert row["date_source"] == "delivery_line" and row["level"] == "province"
    assert provinces.loc["四川省-2011", "file"] == "provinces/四川省/2010.md"
    assert str(provinces["congress"].dtype) == "Int64"
    assert (provinces["date"].dt.year == provinces["year"]).all()


def test_national_runs_1954_to_2026(bundled_all):
    national = _part(bundled_all, "national")
    assert national["year"].min() == 1954 and national["year"].max() == 2026
    assert national["year"].is_unique and len(national) == 58
    assert set(national["province"]) == {"全国"} and set(national["level"]) == {"national"}


def test_congress_documents_have_number_date_and_genre(bundled_all):
    congress = _part(bundled_all, "congress").set_index("doc_id")
    report = congress.loc["congress-2022-二十大报告"]
    assert (report["congress"], report["genre"], report["speaker"]) == (20, "report", "习近平")
    assert report["date"] == pd.Timestamp("2022-10-16")
    assert set(congress["genre"]) >= {"report", "manifesto", "constitution", "ccdi_report", "resolution"}
    assert congress.loc["congress-1987-中央纪委工作报告", "genre"] == "ccdi_report"


@pytest.mark.parametrize("name", PANEL)
def test_each_panel_name_loads_alone(name, bundled_all):
    if name == "provinces":  # the biggest: its rows are checked through bundled_all; the name resolves
        assert len(list_files(name)[1]) == (_part(bundled_all, name)["file"].nunique())
        return
    corpus = load_corpus(name, progress=False)
    expected = _part(bundled_all, name).reset_index(drop=True)
    # "all" has the union of the parts' columns (front-matter keys of other parts): empty here
    others = [c for c in expected.columns if c not in corpus.columns]
    assert expected[others].isna().all().all(), others
    pd.testing.assert_frame_equal(corpus.reset_index(drop=True), expected[list(corpus.columns)])


def test_existing_names_keep_their_documents():
    assert len(load_corpus("seeds", progress=False)) == 5
    gwr = load_corpus("gwr", clean=False, progress=False)
    assert len(gwr) == 49 and gwr["doc_id"].str.match(r"gwr-\d{4}$").all()


def test_a_bundled_panel_name_wins_over_a_folder(tmp_path, monkeypatch):
    (tmp_path / "congress").mkdir()
    (tmp_path / "congress" / "x.txt").write_text("不是党代会文件。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus("congress", clean=False, progress=False)
    assert len(corpus) == 61 and (corpus["corpus"] == "congress").all()
    assert any(issubclass(w.category, CorpusWarning) and "names the bundled corpus" in str(w.message)
               for w in caught)


def test_run_pipeline_reads_a_panel_name_as_load_corpus_does(bundled_all):
    from helpers import count_slogans, run_pipeline

    result = run_pipeline("congress", progress=False)
    assert result.n_docs == len(_part(bundled_all, "congress"))
    stepwise = count_slogans(_part(bundled_all, "congress")).groupby("term")["count"].sum().sort_index()
    assert result.slogans.groupby("term")["count"].sum().sort_index().equals(stepwise)
    assert any(p["action"] == "duplicate left out" for p in result.problems)
