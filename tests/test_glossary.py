"""Issue 13 §1 (glossary): the reports' 名词解释 / 注释 kept out of the counted text, and available as a table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import CorpusError, cleaning_report, count_slogans, glossary, load_corpus
from helpers._chars import count_han
from helpers.clean import clean_text, glossary_entries, remove_glossary, split_glossary
from helpers.paths import SHARED_CORPORA_DIR

SPEECH = ("各位代表：\n\n现在，我代表省人民政府，向大会报告工作，请予审议。\n\n"
          "我们坚持以习近平新时代中国特色社会主义思想为指导，推进“双碳”工作，实施“千万工程”。\n\n"
          "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，为全面建设社会主义现代化国家而努力奋斗！\n\n")

GUANGDONG = SPEECH + ("**附件2**\n\n**名词解释**\n\n1.“千万工程”经验：习近平总书记在浙江工作时亲自谋划推动。\n\n"
                      "2.“双碳”：碳达峰、碳中和。\n")
HAINAN = SPEECH.replace("“双碳”工作", "“双碳”［1］工作").replace("“千万工程”", "“千万工程”[2]，引用文献[9]") + (
    "**注 释**\n\n**[1] 双碳：**碳达峰、碳中和。\n\n［2］千万工程：千村示范、万村整治。\n")
SICHUAN = SPEECH + "**名词解释和说明**\n\n（1）“四早”：早发现、早报告、早隔离、早治疗。\n\n（2）“四集中”：集中患者、集中专家。\n"
BEIJING = SPEECH + "**名词解释**\n\n城市病：是对人口过度集聚引起的问题的统称。\n\n云计算：是一种商业计算模型。\n"
NATIONAL = SPEECH + "---\n\n## 注释：\n\n1、“三网”融合：是指电信网、广播电视网和互联网融合发展。\n"
HENAN = SPEECH + ("**附：《政府工作报告》部分词语解释**\n\n**1.“四个着力”“四张牌”（《报告》第1页第13行）**\n\n"
                  "这是2014年5月习近平总书记视察指导河南工作时提出的重大要求。\n")


@pytest.mark.parametrize("text, entries", [
    (GUANGDONG, [(1, "“千万工程”经验", "习近平总书记在浙江工作时亲自谋划推动。"), (2, "双碳", "碳达峰、碳中和。")]),
    (HAINAN, [(1, "双碳", "碳达峰、碳中和。"), (2, "千万工程", "千村示范、万村整治。")]),
    (SICHUAN, [(1, "四早", "早发现、早报告、早隔离、早治疗。"), (2, "四集中", "集中患者、集中专家。")]),
    (BEIJING, [(1, "城市病", "是对人口过度集聚引起的问题的统称。"), (2, "云计算", "是一种商业计算模型。")]),
    (NATIONAL, [(1, "“三网”融合", "是指电信网、广播电视网和互联网融合发展。")]),
    (HENAN, [(1, "“四个着力”“四张牌”", "这是2014年5月习近平总书记视察指导河南工作时提出的重大要求。")]),
])
def test_glossaries_of_every_layout_are_split_off_and_parsed(text, entries):
    md = clean_text(text, steps=["remove_invisible", "strip_markdown", "normalize_unicode"], markup="markdown")
    body, rest = split_glossary(md)
    assert "各位代表！让我们更加紧密地团结" in body and "努力奋斗！" in body
    assert rest.strip() and "团结" not in rest
    assert glossary_entries(rest) == entries
    clean = clean_text(text, markup="markdown")
    assert "名词解释" not in clean and "注释" not in clean and "注 释" not in clean and "碳达峰" not in clean
    assert clean.endswith("为全面建设社会主义现代化国家而努力奋斗！")


def test_note_markers_of_the_glossary_are_removed_and_others_kept():
    clean = clean_text(HAINAN, markup="markdown")
    assert "推进“双碳”工作" in clean and "实施“千万工程”，引用文献[9]" in clean


def test_text_without_glossary_is_unchanged():
    for text in (SPEECH, "注释\n\n1.这一行在正文开头：不是附录。\n\n" + SPEECH * 3,
                 SPEECH + "本报告的注释：见附件。\n", SPEECH + "名词解释\n\n（完）\n"):
        assert remove_glossary(text) == text
    assert remove_glossary(SPEECH + "[1]与[2]") == SPEECH + "[1]与[2]"


def test_glossary_removal_is_counted_and_idempotent():
    report = cleaning_report({"gd": GUANGDONG}, markup="markdown").set_index("step")["changes"]
    assert report["remove_glossary"] == 4  # 附件2, the heading and two definitions
    assert cleaning_report({"hn": HAINAN}, markup="markdown").set_index("step").loc["remove_glossary", "changes"] \
        == 3 + 2  # heading, two definitions; two markers ([9] is no note of the glossary)
    once = clean_text(HAINAN, markup="markdown")
    assert clean_text(once) == once


def test_loaded_corpus_does_not_count_the_glossary_and_the_table_has_it(corpus_dir):
    (corpus_dir / "2024.md").write_text("---\ntitle: 广东省政府工作报告\ndate: 2024-01-23\n---\n" + GUANGDONG,
                                        encoding="utf-8")
    (corpus_dir / "plain.txt").write_text(SPEECH, encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    row = corpus.set_index("doc_id").loc["2024"]
    assert "名词解释" in row["raw"] and "名词解释" not in row["text"]
    assert count_han(row["text"]) == count_han(clean_text(SPEECH))
    lexicon = pd.DataFrame({"term": ["碳达峰"], "category": ["test"], "variants": [[]]})
    assert count_slogans(corpus, lexicon=lexicon)["count"].sum() == 0  # only in the glossary
    table = glossary(corpus)
    assert table[["doc_id", "n", "term"]].values.tolist() == [["2024", 1, "“千万工程”经验"], ["2024", 2, "双碳"]]
    assert set(table["title"]) == {"广东省政府工作报告"} and set(table["date"]) == {pd.Timestamp("2024-01-23")}
    assert list(table.columns[:4]) == ["doc_id", "n", "term", "definition"] and "province" in table.columns
    assert helpers.glossary is glossary


def test_glossary_needs_the_raw_text(corpus_dir):
    (corpus_dir / "a.md").write_text(GUANGDONG, encoding="utf-8")
    with pytest.raises(CorpusError, match="keep_raw=True"):
        glossary(load_corpus(corpus_dir, keep_raw=False))


# ------------------------------------------------------------------ the public collection (skipped when absent)

def _lawtext_gov() -> Path:
    folder = SHARED_CORPORA_DIR / "lawtext_gov"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present beside this checkout")
    return folder


@pytest.mark.parametrize("rel", ["政府工作报告-省自治区/广东省/2024.md", "政府工作报告-省自治区/海南省/2024.md",
                                 "政府工作报告-省自治区/四川省/2021.md", "政府工作报告-国务院/2010.md"])
def test_real_glossaries_lose_no_body_paragraph(rel):
    path = _lawtext_gov() / rel
    raw, _ = helpers.read_text_file(path)
    text = clean_text(raw, markup="markdown")
    entries = glossary(pd.DataFrame({"doc_id": [rel], "raw": [raw], "file": [path.name]}))
    # every numbered definition line after the heading is an entry, numbered as in the file
    heading = re.search(r"^\W*(?:名词解释(?:和说明)?|注\s*释)\W*$", raw, re.MULTILINE)
    numbered = re.findall(r"^\W{0,4}(\d{1,3})[\]］）)]?[.．、]?", raw[heading.end():], re.MULTILINE)
    assert entries["n"].tolist() == [int(n) for n in numbered]
    # every paragraph of the body is in the clean text, and none of the glossary's
    body = clean_text(raw[:heading.start()], markup="markdown")
    body = re.sub(r"\[\d+\]", "", body)
    for paragraph in body.split("\n"):
        assert paragraph.removesuffix("附件2") in text
    for definition in entries["definition"]:
        assert definition[:20] not in text
