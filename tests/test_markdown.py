"""Issue 13 §2: Markdown files and YAML front matter, for any folder."""

from __future__ import annotations

import threading
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import CorpusError, CorpusWarning, cleaning_report, load_corpus, run_pipeline
from helpers._chars import count_han
from helpers.__main__ import main
from helpers.clean import clean_text, strip_front_matter, strip_markdown
from helpers.load import read_text_file

FRONT = ("---\nTitle: 2024年广东省政府工作报告\nsource: https://www.gd.gov.cn/a.html\ndate: 2024-01-23\n"
         "Party: 中国共产党\ntags: [报告, 广东]\n---\n")
BODY = ("**政府工作报告**\n\n## 一、2023年工作回顾\n\n坚持以[人民](https://www.gov.cn)为中心<!-- 校对 -->，"
        "推进*高质量发展*。\n\n- 全过程人民民主\n")


def md_corpus(corpus_dir, text=FRONT + BODY, name="2024.md", **kwargs):
    (corpus_dir / name).write_text(text, encoding="utf-8")
    return load_corpus(corpus_dir, **kwargs)


# ------------------------------------------------------------------ reading .md with front matter

def test_md_file_is_read_with_front_matter_as_metadata(corpus_dir):
    df = md_corpus(corpus_dir)
    row = df.iloc[0]
    assert row["file"] == "2024.md" and row["doc_id"] == "2024"
    assert row["title"] == "2024年广东省政府工作报告"  # `Title` lower-cased as a CSV header is
    assert row["party"] == "中国共产党" and row["source"] == "https://www.gd.gov.cn/a.html"
    assert row["tags"] == "报告; 广东"
    assert row["date"] == pd.Timestamp("2024-01-23") and row["date_precision"] == "day" and row["year"] == 2024
    assert str(df["date"].dtype) == "datetime64[s]"


def test_raw_keeps_the_file_and_text_drops_front_matter_and_markup(corpus_dir):
    df = md_corpus(corpus_dir)
    row = df.iloc[0]
    assert row["raw"].encode(row["encoding"]) == (corpus_dir / "2024.md").read_bytes()
    text = row["text"]
    for markup in ("---", "Title", "**", "##", "](", "<!--", "*高", "- 全"):
        assert markup not in text
    assert text.startswith("政府工作报告\n\n一、2023年工作回顾")
    assert "坚持以人民为中心，推进高质量发展。" in text and "全过程人民民主" in text


def test_md_without_front_matter_loads_with_markup_removed(corpus_dir):
    df = md_corpus(corpus_dir, BODY, name="2019_讲话.md")
    assert df.iloc[0]["year"] == 2019  # from the file name, as for .txt
    assert "**" not in df.iloc[0]["text"] and "title" in df.columns and df.iloc[0]["title"] == ""
    assert df.attrs["problems"] == []


def test_md_with_inline_html_is_not_read_as_an_html_page(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("第一段<br>第二段\n\n<div>附件</div>\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        raw, encoding = read_text_file(path)
    assert raw.encode(encoding) == path.read_bytes()
    assert clean_text(raw, markup="markdown") == "第一段\n第二段\n\n附件"


def test_md_beside_txt_of_the_same_name_gets_its_own_doc_id(corpus_dir):
    (corpus_dir / "a.txt").write_text("人民", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="suffix"):
        df = md_corpus(corpus_dir, "人民", name="a.md")
    assert dict(zip(df["file"], df["doc_id"])) == {"a.txt": "a", "a.md": "a~2"}


# ------------------------------------------------------------------ metadata.csv wins, conflicts recorded

def test_metadata_csv_wins_and_each_conflict_is_recorded_once_warned(corpus_dir):
    (corpus_dir / "metadata.csv").write_text("file,title,date,province\n2024.md,政府工作报告,2024-01-24,\n",
                                             encoding="utf-8")
    with pytest.warns(CorpusWarning, match="front matter") as caught:
        df = md_corpus(corpus_dir)
    assert sum("front matter" in str(w.message) for w in caught) == 1
    row = df.iloc[0]
    assert row["title"] == "政府工作报告" and row["date"] == pd.Timestamp("2024-01-24")
    assert row["party"] == "中国共产党"  # no metadata value: the front matter's
    conflicts = [p for p in df.attrs["problems"] if p["action"] == "metadata value kept"]
    assert len(conflicts) == 2
    assert all(p["file"] == "2024.md" for p in conflicts)
    title = next(p for p in conflicts if "title" in p["problem"])["problem"]
    assert "2024年广东省政府工作报告" in title and "'政府工作报告'" in title
    assert any("2024-01-23" in p["problem"] and "2024-01-24" in p["problem"] for p in conflicts)


def test_a_more_precise_front_matter_date_within_the_metadata_year_is_no_conflict(corpus_dir):
    (corpus_dir / "metadata.csv").write_text("file,year\n2024.md,2024\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        df = md_corpus(corpus_dir)
    assert df.iloc[0]["date"] == pd.Timestamp("2024-01-23") and df.iloc[0]["date_precision"] == "day"


def test_front_matter_may_not_set_doc_id_or_file(corpus_dir):
    df = md_corpus(corpus_dir, "---\ndoc_id: x\nfile: y.md\ntitle: 报告\n---\n人民")
    assert df.iloc[0]["doc_id"] == "2024" and df.iloc[0]["title"] == "报告"
    assert [p["action"] for p in df.attrs["problems"]] == ["front matter value not used"] * 2


# ------------------------------------------------------------------ bad front matter

@pytest.mark.parametrize("text, line, what", [
    ("---\ntitle: 报告\n各位代表：\n", 1, "never closed"),
    ("---\ntitle: 报告\nsource: [unclosed\n---\n正文", 3, "not valid YAML"),
    ("---\ntitle: 报告\n  bad: indent\n---\n正文", 3, "not valid YAML"),
    ("---\n- 一\n- 二\n---\n正文", 2, "not a mapping"),
    ("---\ntitle: 报告\ndate: 上个月\n---\n正文", 3, "not a date"),
])
def test_bad_front_matter_is_an_error_naming_file_and_line(corpus_dir, text, line, what):
    with pytest.raises(CorpusError, match=what) as info:
        md_corpus(corpus_dir, text)
    assert "2024.md" in str(info.value) and f"line {line}" in str(info.value)


def test_bad_front_matter_is_skipped_with_errors_collect(corpus_dir):
    (corpus_dir / "ok.md").write_text("人民", encoding="utf-8")
    with pytest.warns(CorpusWarning):
        df = md_corpus(corpus_dir, "---\ntitle: [\n---\n", errors="collect")
    assert df["file"].tolist() == ["ok.md"]
    assert "line" in df.attrs["problems"][0]["problem"]


def test_txt_with_front_matter_gets_the_same_treatment(corpus_dir):
    df = md_corpus(corpus_dir, "---\ntitle: 讲话\n---\n坚持**稳中求进**，3*4。", name="a.txt")
    assert df.iloc[0]["title"] == "讲话"
    assert df.iloc[0]["text"] == "坚持**稳中求进**，3*4。"  # no Markdown stripping in a .txt


def test_txt_beginning_with_dashes_but_no_front_matter_is_read_as_text(corpus_dir):
    df = md_corpus(corpus_dir, "---\n各位代表：\n现在，我代表省人民政府。\n", name="a.txt")
    assert "各位代表" in df.iloc[0]["text"] and "---" in df.iloc[0]["text"]
    assert df.attrs["problems"][0]["action"] == "read as text (no front matter)"


# ------------------------------------------------------------------ strip_markdown

@pytest.mark.parametrize("markdown, plain", [
    ("**粗体**和__粗体__", "粗体和粗体"),
    ("*强调*与_强调_", "强调与强调"),
    ("# 标题\n## 二级 ##\n标题二\n======", "标题\n二级\n标题二\n"),
    ("前<!-- 一\n二 -->后", "前后"),
    ("见[国务院](https://www.gov.cn/a_(b).html \"t\")与[参考][1]\n[1]: https://x.cn", "见国务院与参考\n"),
    ("![图片](a.png)图注", "图注"),
    ("用`代码`和``双`引``", "用代码和双`引"),
    ("> 引文\n> > 嵌套", "引文\n嵌套"),
    ("- 一\n* 二\n+ 三\n1. 四", "一\n二\n三\n1. 四"),
    ("上\n\n---\n\n***\n下", "上\n\n\n\n\n下"),
    ("| 年份 | 增长 |\n|:---|---:|\n| 2024 | 5% |", "年份 增长\n\n2024 5%"),
    ("```\n**不动**\n```", "\n**不动**\n"),
    ("3*4*5与a_b_c，\\*号", "3*4*5与a_b_c，*号"),
    ("#1号文件，第#号，注*", "#1号文件，第#号，注*"),
])
def test_strip_markdown(markdown, plain):
    assert strip_markdown(markdown) == plain


def test_plain_text_files_keep_stars_and_hashes(corpus_dir):
    text = "#1号文件：3*4=12，第#号令，**未完，__init__，[1]注。"
    df = md_corpus(corpus_dir, text, name="a.txt")
    assert df.iloc[0]["text"] == clean_text(text) and "3*4" in df.iloc[0]["text"] and "**未完" in df.iloc[0]["text"]


def test_markup_column_decides(corpus_dir):
    (corpus_dir / "a.txt").write_text("**坚持**", encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text("file,markup\na.txt,markdown\n2024.md,plain\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="markup"):  # not a codebook column: kept as an extra column
        df = md_corpus(corpus_dir, "**发展**")
    assert dict(zip(df["file"], df["text"])) == {"2024.md": "**发展**", "a.txt": "坚持"}


@given(st.text(alphabet="*_#>-+`[]()!<>|~\\ \n人民发展3a", max_size=60))
def test_strip_markdown_never_removes_han(text):
    assert count_han(strip_markdown(text)) == count_han(text)


ADVERSARIAL = [
    "**a " * 40_000, "*" * 200_000, "_a" * 80_000, "[" * 200_000, "[a](" * 50_000, "![" * 100_000,
    "<!--" * 50_000, "`" * 200_000, "``a" * 60_000, "<a " * 60_000, "](" * 100_000, "[a](b" + "(" * 100_000,
    "|" * 100_000, "\\" * 100_000, ("人民*" * 20_000 + "\n") * 5, "> " * 100_000, "# " * 100_000,
]


def _finishes(func, arg, seconds=60) -> bool:
    done = []
    thread = threading.Thread(target=lambda: done.append(func(arg)), daemon=True)
    thread.start()
    thread.join(seconds)
    return bool(done)


def test_strip_markdown_is_linear_on_adversarial_lines():
    # a generous guard against catastrophic backtracking (each input is ~200 000 characters)
    assert _finishes(lambda texts: [strip_markdown(t) for t in texts], ADVERSARIAL)


def test_strip_front_matter_keeps_text_without_valid_front_matter():
    assert strip_front_matter("---\n正文\n") == "---\n正文\n"
    assert strip_front_matter("---\na: 1\n---\r\n正文") == "正文"
    assert strip_front_matter("正文\n---\na: 1\n---\n") == "正文\n---\na: 1\n---\n"


# ------------------------------------------------------------------ counted, and everywhere

def test_cleaning_report_counts_the_markdown_steps_for_md_rows_only(corpus_dir):
    (corpus_dir / "b.txt").write_text("**坚持**", encoding="utf-8")
    df = md_corpus(corpus_dir)
    report = cleaning_report(df).set_index(["doc_id", "step"])["changes"]
    assert report[("2024", "strip_front_matter")] == 7  # 5 key lines and 2 rules
    assert report[("2024", "strip_markdown")] == 6  # ** pair, ##, link, comment, * pair, bullet
    assert report[("b", "strip_markdown")] == 0 and report[("b", "strip_front_matter")] == 0


def test_run_pipeline_reads_md_with_front_matter(corpus_dir):
    md_corpus(corpus_dir)
    (corpus_dir / "b.txt").write_text("坚持全过程人民民主。", encoding="utf-8")
    result = run_pipeline(corpus_dir, n_jobs=1, progress=False)
    assert result.n_docs == 2
    docs = result.documents.set_index("doc_id")
    assert docs.loc["2024", "title"] == "2024年广东省政府工作报告" and docs.loc["b", "title"] == ""
    corpus = load_corpus(corpus_dir)
    assert result.n_chars == sum(count_han(t) for t in corpus["text"])


def test_cli_clean_md(tmp_path, capsysbinary):
    doc = tmp_path / "a.md"
    doc.write_text(FRONT + BODY, encoding="utf-8")
    assert main(["clean", str(doc)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("政府工作报告\n") and "Title" not in out and "**" not in out
    doc.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert main(["clean", str(doc)]) == 2
    err = capsysbinary.readouterr().err.decode("utf-8")
    assert "a.md" in err and "line 2" in err


# ------------------------------------------------------------------ with issue 14: decoding, HTML, near names, chrome

#: a Markdown fragment that main's HTML rule alone would call a page (10+ element tags, most lines tagged)
HTML_IN_MD = "".join(f"<div>第{i}段：坚持稳中求进<br>推动高质量发展</div>\n" for i in range(1, 8))


def test_md_full_of_inline_html_is_not_read_as_a_page_but_a_txt_is(corpus_dir):
    from helpers.load.html import looks_like_html

    assert looks_like_html(HTML_IN_MD)
    (corpus_dir / "a.md").write_text(FRONT + HTML_IN_MD, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(HTML_IN_MD, encoding="utf-8")
    with pytest.warns(CorpusWarning, match="changed as they were read"):
        df = load_corpus(corpus_dir)
    rows = df.set_index("doc_id")
    assert rows.loc["a", "raw"].encode("utf-8") == (corpus_dir / "a.md").read_bytes()
    assert rows.loc["a", "title"] == "2024年广东省政府工作报告"
    assert "<" not in rows.loc["a", "text"] and "第7段：坚持稳中求进\n推动高质量发展" in rows.loc["a", "text"]
    assert [p["file"] for p in df.attrs["problems"] if p["action"] == "loaded without its HTML tags"] == ["b.txt"]


def _with_stray_byte(text: str) -> bytes:
    data = text.encode("utf-8")
    cut = data.index("坚持".encode("utf-8"))
    return data[:cut] + b"\xff" + data[cut:]


def test_md_with_a_stray_byte_is_read_with_decode_errors_replace(corpus_dir, tmp_path, capsysbinary):
    (corpus_dir / "2024.md").write_bytes(_with_stray_byte(FRONT + BODY))
    with pytest.raises(CorpusError, match="decode_errors"):
        load_corpus(corpus_dir)
    with pytest.warns(CorpusWarning, match="changed as they were read"):
        df = load_corpus(corpus_dir, decode_errors="replace")
    row = df.iloc[0]
    assert row["title"] == "2024年广东省政府工作报告" and row["date"] == pd.Timestamp("2024-01-23")
    assert row["text"].startswith("政府工作报告\n\n一、2023年工作回顾") and "\ufffd坚持以人民为中心" in row["text"]
    assert [p["action"] for p in df.attrs["problems"]] == ["loaded with replacement characters"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        result = run_pipeline(corpus_dir, n_jobs=1, progress=False, decode_errors="replace")
    assert result.documents.iloc[0]["title"] == "2024年广东省政府工作报告"
    assert result.n_chars == count_han(row["text"])
    assert main(["clean", str(corpus_dir / "2024.md"), "--decode-errors", "replace"]) == 0
    out = capsysbinary.readouterr()
    assert out.out.decode("utf-8") == row["text"] + "\n"
    assert "replacement characters" in out.err.decode("utf-8")


def test_the_one_pass_reading_cleans_a_md_as_load_corpus_does(corpus_dir):
    from helpers.load.files import _read_clean

    path = corpus_dir / "2024.md"
    path.write_text(FRONT + BODY, encoding="utf-8")
    (raw, _, text, _, notes, front), _ = _read_clean(path, True, True)
    (none, _, stepwise, script, notes2, front2), _ = _read_clean(path, True, None)
    assert stepwise == text and text.startswith("政府工作报告") and none == script == ""
    assert front == front2 and front["title"] == "2024年广东省政府工作报告" and notes == notes2 == ()
    (_, _, plain, *_), _ = _read_clean(path, True, None, "strict", "plain")  # markup: plain from metadata
    assert plain.startswith("**政府工作报告**")


def test_the_default_steps_in_order():
    from helpers.clean import DEFAULT_STEPS

    assert [name for name, _ in DEFAULT_STEPS] == [
        "apply_errata", "remove_invisible", "strip_front_matter", "strip_markdown", "normalize_unicode",
        "remove_pinyin_annotations", "to_simplified", "remove_stage_directions", "remove_boilerplate",
        "remove_glossary", "normalize_punctuation", "normalize_whitespace"]


def test_find_boilerplate_of_a_md_counts_front_matter_lines_and_strips_markup(corpus_dir):
    from helpers.clean import find_boilerplate

    page = FRONT + "[首页](/) > [政府工作报告](/gwr)\n字号：大 中 小\n\n" + BODY + "\n责任编辑：张三\n"
    (corpus_dir / "2024.md").write_text(page, encoding="utf-8")
    df = load_corpus(corpus_dir)
    found = find_boilerplate(df)
    raw_lines = page.splitlines()
    assert found["line_no"].tolist() == [8, 9, len(raw_lines)]
    assert found["line"].tolist() == ["首页 > 政府工作报告", "字号：大 中 小", "责任编辑：张三"]
    report = cleaning_report(df).set_index("step")["changes"]
    assert report["remove_boilerplate"] == len(found)
    assert "首页" not in df.iloc[0]["text"] and "责任编辑" not in df.iloc[0]["text"]
