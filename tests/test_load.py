"""Tests for helpers/load/ on the bundled data and on small folders."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

from helpers import paths
from helpers.errors import CorpusWarning
from helpers.load import CORPUS_COLUMNS, load_corpus, read_metadata, read_text_file

requires_metadata = pytest.mark.skipif(
    not paths.METADATA_CSV.is_file(),
    reason=f"{paths.METADATA_CSV} (the bundled codebook) does not exist yet",
)

STR_COLUMNS = [c for c in CORPUS_COLUMNS if c not in ("date", "year")]
GWR_FILES = sorted(p for p in paths.GWR_DIR.glob("*.txt"))
SEED_FILES = sorted(p for p in paths.SEEDS_DIR.glob("*.txt"))


def check_schema(df: pd.DataFrame) -> None:
    assert list(df.columns[: len(CORPUS_COLUMNS)]) == CORPUS_COLUMNS
    assert str(df["date"].dtype) == "datetime64[s]"
    assert str(df["year"].dtype) == "Int64"
    for column in STR_COLUMNS:
        assert pd.api.types.is_string_dtype(df[column]), column
        assert not df[column].isna().any(), f"{column} has missing values instead of ''"
        assert all(isinstance(v, str) for v in df[column]), column


# ---------------------------------------------------------------- bundled data

@pytest.fixture(scope="module")
def gwr():
    return load_corpus("gwr", clean=False)


@pytest.fixture(scope="module")
def every():
    # the 54 documents "all" held before the panel (issue 13): the seeds, then the national reports of gwr
    return pd.concat([load_corpus(name, clean=False, progress=False) for name in ("seeds", "gwr")],
                     ignore_index=True)


@requires_metadata
def test_gwr_has_49_reports_with_years_from_file_names(gwr):
    assert len(gwr) == 49 == len(GWR_FILES)
    expected = sorted(int(re.match(r"\d{4}", p.name).group()) for p in GWR_FILES)
    assert gwr["year"].tolist() == expected
    assert gwr["year"].min() == 1954 and gwr["year"].max() == 2017
    assert (gwr["corpus"] == "gwr").all()
    assert gwr["doc_id"].str.match(r"gwr-\d{4}$").all()
    assert gwr["date"].is_monotonic_increasing
    check_schema(gwr)


@requires_metadata
def test_seeds_has_5_documents():
    seeds = load_corpus("seeds", clean=False)
    assert len(seeds) == 5 == len(SEED_FILES)
    assert (seeds["corpus"] == "seeds").all()
    assert seeds["file"].str.startswith("seeds/").all()
    check_schema(seeds)


@requires_metadata
def test_all_is_seeds_then_gwr_by_date(every):
    assert len(every) == 54
    assert every["corpus"].tolist() == ["seeds"] * 5 + ["gwr"] * 49
    assert every["date"].iloc[5:].is_monotonic_increasing
    assert every["doc_id"].is_unique
    for column in ["doc_id", "level", "genre", "title"]:
        assert (every[column] != "").all(), f"empty {column}"
    assert every["date"].notna().all()
    assert every["year"].notna().all()
    assert set(every["date_precision"]) <= {"day", "month", "year"}
    assert (every["date"].dt.year == every["year"]).all()
    assert every.attrs["problems"] == []
    check_schema(every)


@requires_metadata
def test_all_matches_the_codebook(every):
    meta = read_metadata(paths.METADATA_CSV, folder=paths.RAW_DIR)
    merged = every.merge(meta[["doc_id", "file", "title"]], on="doc_id", suffixes=("", "_meta"))
    assert len(merged) == 54
    assert (merged["file"] == merged["file_meta"]).all()
    assert (merged["title"] == merged["title_meta"]).all()


@requires_metadata
def test_raw_round_trips_to_the_original_bytes(every):
    for row in every.itertuples():
        original = (paths.RAW_DIR / row.file).read_bytes()
        assert row.raw.encode(row.encoding) == original, row.file


@pytest.mark.parametrize("path", GWR_FILES + SEED_FILES, ids=lambda p: p.name)
def test_read_text_file_round_trips_every_bundled_file(path):
    text, encoding = read_text_file(path)
    assert text.encode(encoding) == path.read_bytes()


@requires_metadata
def test_clean_false_keeps_text_equal_to_raw(every):
    assert (every["text"] == every["raw"]).all()


def test_bundled_gwr_folder_without_metadata_takes_year_from_file_names():
    df = load_corpus(paths.GWR_DIR, clean=False, progress=False)
    assert len(df) == 49
    assert df["doc_id"].tolist() == [p.stem for p in GWR_FILES]
    assert df["year"].tolist() == [int(p.name[:4]) for p in GWR_FILES]
    assert (df["corpus"] == "gwr").all()
    check_schema(df)


# ---------------------------------------------------------------- user folders

def test_folder_without_metadata(write_doc, corpus_dir):
    write_doc("2019-03-05_讲话.txt", "坚持和完善人民代表大会制度。\n")
    write_doc("no_year.txt", "全过程人民民主。\n")
    write_doc("sub/1954政府工作报告_周恩来.txt", "第一届全国人民代表大会。\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no metadata is normal: no warning
        df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["2019-03-05_讲话", "no_year", "sub/1954政府工作报告_周恩来"]
    assert df["file"].tolist() == ["2019-03-05_讲话.txt", "no_year.txt", "sub/1954政府工作报告_周恩来.txt"]
    assert df["year"].tolist() == [2019, pd.NA, 1954]
    assert df["date"].iloc[0] == pd.Timestamp("2019-01-01")
    assert df["date_precision"].tolist() == ["year", "", "year"]
    assert pd.isna(df["date"].iloc[1])
    assert (df["corpus"] == "my_corpus").all()
    assert (df[["province", "title", "speaker", "level"]] == "").all().all()
    assert (df["text"] == df["raw"]).all()
    check_schema(df)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("1954政府工作报告_周恩来.txt", 1954),
        ("2022-04-13_hunan-yongzhou_interview.txt", 2022),
        ("report_2017.txt", 2017),
        ("第12345号.txt", None),  # five digits: not a year
        ("1899.txt", None),
        ("2100年.txt", None),
        ("no-year.txt", None),
    ],
)
def test_year_parsed_from_file_name(write_doc, corpus_dir, name, year):
    write_doc(name, "坚持和完善人民代表大会制度。")
    df = load_corpus(corpus_dir, clean=False)
    got = df["year"].iloc[0]
    assert (pd.isna(got) and year is None) or got == year


def test_folder_with_its_own_metadata_csv(write_doc, corpus_dir):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    write_doc("b.txt", "全过程人民民主。")
    write_doc("metadata.csv", "file,date,province,level,party\na.txt,2022年4月13日,湖南省,city,是\nb.txt,2021,,,\n")
    df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert df["date"].tolist() == [pd.Timestamp("2022-04-13"), pd.Timestamp("2021-01-01")]
    assert df["date_precision"].tolist() == ["day", "year"]
    assert df["province"].tolist() == ["湖南省", ""]
    assert list(df.columns) == [*CORPUS_COLUMNS, "party"]  # extra column appended
    assert df["party"].tolist() == ["是", ""]
    check_schema(df)


def test_metadata_as_dataframe_matched_by_doc_id(write_doc, corpus_dir):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    meta = pd.DataFrame({"doc_id": ["a"], "date": [pd.Timestamp("2020-05-22")], "title": ["标题"]})
    df = load_corpus(corpus_dir, meta, clean=False)
    assert df.loc[0, "title"] == "标题"
    assert df.loc[0, "year"] == 2020


def test_files_without_metadata_row_warn(write_doc, corpus_dir):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    write_doc("orphan.txt", "全过程人民民主。")
    write_doc("metadata.csv", "doc_id,file,title\nA,a.txt,标题\n")
    with pytest.warns(CorpusWarning, match="orphan.txt"):
        df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["A", "orphan"]
    assert {"file": "orphan.txt", "problem": "no row in the metadata",
            "action": "loaded without metadata"} in df.attrs["problems"]


def test_non_recursive_ignores_sub_folders(write_doc, corpus_dir):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    write_doc("sub/b.txt", "全过程人民民主。")
    assert load_corpus(corpus_dir, clean=False, recursive=False)["doc_id"].tolist() == ["a"]
    assert load_corpus(corpus_dir, clean=False)["doc_id"].tolist() == ["a", "sub/b"]


def test_concat_of_two_corpora_works(write_doc, corpus_dir):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    one = load_corpus(corpus_dir, clean=False)
    two = load_corpus(corpus_dir, clean=False)
    assert len(pd.concat([one, two])) == 2


def test_clean_true_uses_the_cleaner(write_doc, corpus_dir):
    from helpers import clean

    write_doc("a.txt", "坚持和完善人民代表大会制度。\n")
    df = load_corpus(corpus_dir)
    assert df.loc[0, "text"] == clean.clean_text(df.loc[0, "raw"])
    assert df.loc[0, "raw"] == "坚持和完善人民代表大会制度。\n"


def test_progress_bar_can_be_forced(write_doc, corpus_dir, capsys):
    write_doc("a.txt", "坚持和完善人民代表大会制度。")
    load_corpus(corpus_dir, clean=False, progress=True)
    assert "Loading documents" in capsys.readouterr().err
    load_corpus(corpus_dir, clean=False)
    assert "Loading documents" not in capsys.readouterr().err


# ---------------------------------------------------------------- property: decoding round-trips

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SIMPLIFIED_POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
_TRADITIONAL_POOL = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被干做必戰先回則任取據處隊南給色光門即保治北造百規熱領七海口東導器壓志世金增爭濟階油思術極交受聯什認六共權收證改清己美再採轉更單風切打白教速花帶安場身車例真務具萬每目至達走積示議聲報鬥完類八離華名確才科張信馬節話米整空元況今集溫傳土許步群廣石記需段研界拉林律叫且究觀越織裝影算低持音眾書布復容兒須際商非驗連斷深難近礦千周委素技備半辦青省列習響約支般史感勞便團往酸歷市克何除消構府稱太準精值號率族維劃選標寫存候毛親快效斯院查江型眼王按格養易置派層片始卻專狀育廠京識適屬圓包火住調滿縣局照參紅細引聽該鐵價嚴"
_PUNCT = "，。、；：！？“”《》（）\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_decoding_round_trips_for_generated_chinese_text(tmp_path, data, codec):
    pool = _TRADITIONAL_POOL if codec == "big5" else _SIMPLIFIED_POOL
    text = data.draw(st.text(alphabet=pool + _PUNCT, min_size=30, max_size=300).filter(lambda t: t.strip()))
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(codec))
    decoded, encoding = read_text_file(path)
    assert decoded == text
    assert encoding == codec


def test_script_is_detected_for_a_folder_without_metadata(tmp_path):
    from helpers import load_corpus

    (tmp_path / "a.txt").write_text("堅持黨的全面領導，發展全過程人民民主。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("坚持党的全面领导，发展全过程人民民主。", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert dict(zip(corpus["doc_id"], corpus["script"])) == {"a": "traditional", "b": "simplified"}


# --------------------------------------------------------------------------- issue 14: the one-pass reading


def test_reading_without_raw_cleans_exactly_as_clean_text():
    # the one-pass pipeline cleans step by step so that the raw text can go early: the same text, every document
    from helpers.load.files import _read_clean

    for path in [*SEED_FILES, *GWR_FILES]:
        (raw, _, text, *_), _ = _read_clean(path, True, True)
        (none, _, stepwise, script, *_), _ = _read_clean(path, True, None)
        assert stepwise == text, path.name
        assert none == script == ""


# ---------------------------------------------------------------- issue 14, section 4: dates of any year, every consumer

def test_documents_before_1677_go_through_every_date_consumer(write_doc, corpus_dir):
    """The corpus ``date`` is datetime64[s]: a 1644 document loads, sorts, counts and plots like a modern one."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import helpers

    write_doc("chongzhen.txt", "天下大乱。")
    write_doc("kangxi.txt", "两个确立。")
    write_doc("today.txt", "坚持两个确立，两个确立。")
    write_doc("metadata.csv", "file,date,province\nchongzhen.txt,1644年3月19日,北直隶\nkangxi.txt,1662,江南\n"
                              "today.txt,2022-10-16,全国\n")
    lex = pd.DataFrame({"term": ["两个确立"], "first_official_use": ["2021年11月"]})
    corpus = load_corpus(corpus_dir)
    check_schema(corpus)
    assert corpus["date"].dt.year.tolist() == [1644, 1662, 2022]
    slogans = helpers.count_slogans(corpus, lex).set_index("doc_id")
    assert slogans["before_first_use"].to_dict() == {"kangxi": True, "today": False}
    trends = helpers.slogan_trends(corpus, lexicon=lex)
    assert trends["year"].tolist() == [1644, 1662, 2022] and trends["count"].tolist() == [0, 1, 2]
    assert trends["count_before_first_use"].tolist() == [0, 1, 0]
    first = helpers.first_use(corpus, "两个确立", lexicon=lex)
    assert first["first_doc"].tolist() == ["kangxi"] and first["first_year"].tolist() == [1662]
    lag = helpers.adoption_lag(corpus, "两个确立", lexicon=lex)
    assert lag.set_index("province")["lag_years"].round().to_dict() == {"江南": -360.0, "全国": 1.0}
    diff = helpers.diffusion(corpus, "两个确立", lexicon=lex)
    assert diff["year"].tolist() == [1662, 2022]
    assert helpers.formulation_table(corpus, lex)["first_year"].tolist() == [1662]
    ax = helpers.plot.plot_diffusion(diff)
    assert pd.Timestamp(ax.lines[0].get_xdata()[1]).year == 1662
    helpers.plot.plot_trends(trends)
    plt.close("all")
    result = helpers.run_pipeline(corpus_dir, lexicon=lex, n_jobs=1)
    assert result.slogans.set_index("doc_id")["before_first_use"].to_dict() == slogans["before_first_use"].to_dict()
