"""Tests for helpers.lexicon: loading, validation, stopwords, hashing."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.errors import CorpusError
from helpers.lexicon import (
    LEXICON_COLUMNS,
    lexicon_hash,
    lexicon_terms,
    load_lexicon,
    load_stopwords,
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_all_columns(tmp_path):
    path = write(tmp_path, "lex.csv",
                 "term,category,variants,source,first_official_use,notes\n"
                 "两个确立,party,,决议,2021-11-11,\n"
                 "中国梦,ideology,中华民族伟大复兴的中国梦|伟大中国梦,讲话,2012-11-29,\"a, b\"\n")
    lex = load_lexicon(path)
    assert list(lex.columns) == LEXICON_COLUMNS
    assert lex["term"].tolist() == ["两个确立", "中国梦"]
    assert lex.loc[0, "variants"] == []
    assert lex.loc[1, "variants"] == ["中华民族伟大复兴的中国梦", "伟大中国梦"]
    assert lex.loc[1, "notes"] == "a, b"


def test_csv_with_term_only_fills_missing_columns(tmp_path):
    lex = load_lexicon(write(tmp_path, "lex.csv", "term\n四个机关\n全过程人民民主\n"))
    assert list(lex.columns) == LEXICON_COLUMNS
    assert lex["category"].tolist() == ["", ""]
    assert lex["variants"].tolist() == [[], []]


def test_txt_word_list_with_comments(tmp_path):
    lex = load_lexicon(write(tmp_path, "words.txt", "# my terms\n两个确立\n\n  四个机关  \n#x\n"))
    assert lex["term"].tolist() == ["两个确立", "四个机关"]


def test_dataframe_and_list_inputs():
    assert load_lexicon(["甲乙", "丙丁"])["term"].tolist() == ["甲乙", "丙丁"]
    lex = load_lexicon(pd.DataFrame({"term": ["四个全面"], "variants": [["四个全面战略布局"]]}))
    assert lex.loc[0, "variants"] == ["四个全面战略布局"]
    assert len(load_lexicon([])) == 0


@pytest.mark.parametrize("body, line, word", [
    ("term,category\n两个确立,party\n四个机关,party,extra\n", 3, "fields"),
    ("term,category\n两个确立,party\n,party\n", 3, "empty term"),
    ("term,category\n两个确立,party\n四个机关,party\n两个确立,x\n", 4, "duplicate"),
    ("term,category\n两个 确立,party\n", 2, "whitespace"),
    ("term,variants\n中国梦,梦\n梦,\n", 3, "duplicate"),
])
def test_csv_errors_name_file_and_line(tmp_path, body, line, word):
    path = write(tmp_path, "bad.csv", body)
    with pytest.raises(CorpusError) as err:
        load_lexicon(path)
    msg = str(err.value)
    assert "bad.csv" in msg and f"line {line}" in msg and word in msg


def test_multiline_quoted_field_line_numbers(tmp_path):
    path = write(tmp_path, "bad.csv", 'term,notes\n甲乙,"two\nlines"\n甲乙,x\n')
    with pytest.raises(CorpusError, match="line 4"):
        load_lexicon(path)


def test_txt_duplicate_reports_line(tmp_path):
    path = write(tmp_path, "w.txt", "# c\n甲乙\n丙丁\n甲乙\n")
    with pytest.raises(CorpusError, match=r"w\.txt, line 4"):
        load_lexicon(path)


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_lexicon(tmp_path / "nope.csv")


def test_cache_follows_mtime(tmp_path):
    import os
    path = write(tmp_path, "lex.csv", "term\n甲乙\n")
    assert load_lexicon(path)["term"].tolist() == ["甲乙"]
    path.write_text("term\n丙丁\n", encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert load_lexicon(path)["term"].tolist() == ["丙丁"]
    # the cached table is not shared with callers
    lex = load_lexicon(path)
    lex.loc[0, "term"] = "改了"
    assert load_lexicon(path).loc[0, "term"] == "丙丁"


def test_lexicon_terms_and_hash():
    lex = pd.DataFrame({"term": ["中国梦", "两个确立"], "variants": ["伟大中国梦", ""]})
    assert lexicon_terms(lex) == ["中国梦", "伟大中国梦", "两个确立"]
    h = lexicon_hash(lex)
    assert len(h) == 12 and h == lexicon_hash(["两个确立", "伟大中国梦", "中国梦"])
    assert h != lexicon_hash(["两个确立"])


def test_stopwords_never_contain_lexicon_terms():
    stop = load_stopwords(extra=["两个确立", "的"], lexicon=["两个确立"])
    assert "两个确立" not in stop and "的" in stop
    assert isinstance(stop, frozenset)


@pytest.mark.skipif(not paths.LEXICON_CSV.exists(), reason="bundled data/lexicon/tifa.csv not there yet")
def test_bundled_lexicon_and_stopwords():
    lex = load_lexicon()
    assert len(lex) >= 200
    assert list(lex.columns) == LEXICON_COLUMNS
    stop = load_stopwords()
    assert len(stop) > 100
    assert not stop & set(lexicon_terms(lex))
    assert "的" in stop


# ---------------------------------------------------------------- issue 14, section 4: encodings and dates of a lexicon

LEXICON_BODY = "term,category,first_official_use\n全过程人民民主,民主,2019年11月\n两个确立,党建,2021年\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_csv_saved_by_excel_in_any_encoding_loads(tmp_path, encoding):
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(LEXICON_BODY.encode(encoding))
    lex = load_lexicon(path)
    assert lex["term"].tolist() == ["全过程人民民主", "两个确立"]
    assert lex["first_official_use"].tolist() == ["2019年11月", "2021年"]


def test_txt_word_list_in_gbk_loads(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes("# 注释\n两个确立\n全过程人民民主\n".encode("gbk"))
    assert load_lexicon(path)["term"].tolist() == ["两个确立", "全过程人民民主"]


def test_undecodable_csv_names_the_file(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"term\n" + bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(CorpusError, match="broken.csv"):
        load_lexicon(path)


@pytest.mark.parametrize(("value", "first"), [("1990年1月1日", "1990-01-01"), ("1990年", "1990-01-01"),
                                              ("1990年6月", "1990-06-01"), ("1990-06-15", "1990-06-15"),
                                              ("１９９０年", "1990-01-01"), ("1644", "1644-01-01")])
def test_first_official_use_in_every_form_of_the_date_parser(tmp_path, value, first):
    from helpers.dates import first_use_dates

    path = write(tmp_path, "lex.csv", f"term,first_official_use\n甲乙,{value}\n")
    got = first_use_dates(["甲乙"], load_lexicon(path))["甲乙"]
    assert f"{got.year:04d}-{got.month:02d}-{got.day:02d}" == first


@pytest.mark.parametrize("value", ["去年", "1990-13", "1990年2月30日", "90"])
def test_first_official_use_that_is_not_a_date_names_file_and_line(tmp_path, value):
    path = write(tmp_path, "lex.csv", f"term,first_official_use\n甲乙,1990\n丙丁,{value}\n")
    with pytest.raises(CorpusError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert "lex.csv, line 3" in message and repr(value) in message and "丙丁" in message


def test_first_official_use_that_is_not_a_date_in_a_ready_table_is_an_error():
    from helpers.dates import first_use_dates

    table = pd.DataFrame({"term": ["甲乙"], "category": [""], "variants": [[]], "source": [""],
                          "first_official_use": ["去年"], "notes": [""]})
    with pytest.raises(CorpusError, match="'甲乙'.*'去年'"):
        first_use_dates(["甲乙"], table)


@pytest.mark.parametrize("as_date", [False, True], ids=["year", "date"])
def test_before_first_use_with_documents_and_terms_before_1677(as_date):
    from helpers._dateparse import date_column, day
    from helpers.dates import before_first_use

    lex = pd.DataFrame({"term": ["甲乙", "丙丁"], "first_official_use": ["1650", "1990年1月1日"]})
    years = [1644, 1700, 2000]
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["", "", ""], "year": years})
    if as_date:
        corpus["date"] = date_column([day(y, 3, 19) for y in years])
        corpus["date_precision"] = "day"
    assert before_first_use(corpus, ["甲乙", "丙丁"], lex).tolist() == [[True, True], [False, True], [False, False]]
