"""Traditional → simplified only where the text is traditional (issue 14, section 3)."""

from __future__ import annotations

import functools

import opencc
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import paths
from helpers.clean import clean_text, cleaning_report, find_ambiguous_conversions, to_simplified
from helpers.paths import SHARED_CORPORA_DIR

LAWTEXT_GOV = SHARED_CORPORA_DIR / "lawtext_gov"
ZHAOHUA = "2023-11-28_sichuan-guangyuan-zhaohua_meeting-readout"

# simplified lines of the provincial reports that OpenCC t2s corrupts (found in lawtext_gov)
SIMPLIFIED_LINES = [
    "加强皮洛、濛溪河、罗家坝等遗址保护。",        # 四川省 2024: t2s writes 蒙溪河
    "昇腾384超节点进入临床试验。",                 # 广东省 2026: 升腾
    "推动农安、乾安等4个县创建国家产业园。",        # 吉林省 2018: 干安
    "推进乾县、礼泉县文物保护利用。",                # 陕西: 干县
    "洪山菜薹、仙桃黄鳝等品牌做大做强。",            # 湖北省 2025: 菜苔
    "沈重集团成功研制大型盾构机。",                  # 辽宁省 2007: 沉重集团
    "培育一批覆盖面广、带动力强的龙头企业。",        # 安徽省 2002: 一批复盖面广 (phrase 批覆)
    "要发扬革命加拚命的精神。",                      # 1978: 拼命, a variant the text chose
]


@functools.lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


@pytest.mark.parametrize("line", SIMPLIFIED_LINES)
def test_simplified_text_comes_through_unchanged(line):
    assert _t2s().convert(line) != line  # the test can fail: t2s does change it
    assert to_simplified(line) == line
    assert clean_text(line) == line


def test_a_simplified_document_is_not_converted_and_the_report_says_so():
    report = cleaning_report({"d": "\n".join(SIMPLIFIED_LINES)})
    assert report.set_index("step").loc["to_simplified", "changes"] == 0


@pytest.mark.parametrize("raw, expected", [
    ("達", "达"),
    ("傳達", "传达"),
    ("創新", "创新"),
    ("堅決擁護「兩個確立」", "坚决拥护“两个确立”"),
    ("隨著經濟發展", "随著经济发展"),   # OpenCC keeps 著: listed for proofreading (see below)
])
def test_traditional_text_is_still_converted(raw, expected):
    assert to_simplified(raw) == expected


def _seed_lines(stem: str) -> list[str]:
    from helpers.clean import remove_pinyin_annotations

    text = (paths.SEEDS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    return [remove_pinyin_annotations(line) for line in text.split("\n") if line.strip()]


def test_mixed_document_converts_its_traditional_lines_only():
    traditional = _seed_lines(ZHAOHUA)[:6]
    lines = [line for pair in zip(traditional, SIMPLIFIED_LINES) for line in pair]
    out = to_simplified("\n".join(lines)).split("\n")
    assert len(out) == len(lines)
    for before, after in zip(lines, out):
        if before in SIMPLIFIED_LINES:
            assert after == before
        else:
            assert after != before and _t2s().convert(after) == after


def _lawtext_files():
    if not LAWTEXT_GOV.is_dir():
        pytest.skip(f"{LAWTEXT_GOV} is not present beside this checkout")
    return sorted(LAWTEXT_GOV.rglob("*.md"))


def test_no_character_of_the_provincial_reports_is_converted():
    changed = {}
    for path in _lawtext_files():
        text = path.read_text(encoding="utf-8")
        after = to_simplified(text)
        if after != text:
            changed[path.relative_to(LAWTEXT_GOV).as_posix()] = sum(a != b for a, b in zip(text, after))
    assert changed == {}


# --------------------------------------------------------------------------- what to proofread

COLUMNS = ["doc_id", "position", "char", "converted_to", "alternatives", "script", "context"]


def test_ambiguous_conversions_are_listed():
    assert helpers.find_ambiguous_conversions is find_ambiguous_conversions
    table = find_ambiguous_conversions({"t": "乾縣位於陝西，隨著乾(qián)隆年間", "s": "推进乾县文物保护。"})
    assert table.columns.tolist() == COLUMNS
    rows = {(r.doc_id, r.char, r.converted_to, r.script) for r in table.itertuples()}
    assert rows == {("t", "乾", "干", "traditional"), ("t", "於", "于", "traditional"),
                    ("t", "著", "著", "traditional"),
                    ("t", "乾", "乾", "traditional"),   # 乾隆, once the annotation is removed
                    ("s", "乾", "乾", "simplified")}
    assert set(table.loc[table.char == "乾", "alternatives"].str.split("/").map(frozenset)) == {frozenset("干乾")}
    assert set(table.loc[table.char == "著", "alternatives"]) == {"著/着"}
    raw = {"t": "乾縣位於陝西，隨著乾(qián)隆年間", "s": "推进乾县文物保护。"}
    assert all(raw[r.doc_id][r.position] == r.char for r in table.itertuples())


def test_ambiguous_conversions_of_the_seeds_point_into_the_raw_text():
    corpus = helpers.load_corpus("seeds")
    table = find_ambiguous_conversions(corpus)
    assert len(table) > 0
    raw = corpus.set_index("doc_id")["raw"]
    assert all(raw[r.doc_id][r.position] == r.char for r in table.itertuples())
    assert all(r.converted_to in r.alternatives.split("/") for r in table.itertuples())
    scripts = corpus.set_index("doc_id")["script"]
    assert (table.script == table.doc_id.map(scripts)).all()


def test_empty_inputs_give_an_empty_table():
    assert find_ambiguous_conversions("").columns.tolist() == COLUMNS
    assert find_ambiguous_conversions(pd.DataFrame({"doc_id": [], "raw": []})).empty


# --------------------------------------------------------------------------- idempotence whatever is removed

LINES = st.sampled_from([
    *SIMPLIFIED_LINES, "會議強調，要堅持黨的全面領導。", "傳達(dá)學(xué)習(xí)", "達", "濛溪河", "乾隆", "於是",
    "热门资讯", "熱門資訊", "登录", "分享到：微信 微博", "原文链接：http://a.cn", "相关新闻", "「兩個確立」", "",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=8))
def test_cleaning_is_idempotent_whatever_the_mix_of_scripts(lines):
    once = clean_text("\n".join(lines))
    assert clean_text(once) == once
    for line in SIMPLIFIED_LINES:
        if line in lines:
            assert line in once.split("\n")


# --------------------------------------------------------------------------- issue 14 §4: long texts in blocks

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=8), st.sampled_from([1, 2, 3, 7, 40]))
def test_a_long_text_is_judged_and_converted_block_by_block_as_a_whole(lines, block):
    # a long text is looked at in blocks of whole lines (memory: one block's code point arrays, not 22 bytes a
    # character of the whole text: a 30 MB file peaked at 495 MB in run_pipeline); blocks change nothing
    from helpers.clean import script

    text = "\n".join(lines)
    whole = [a.tolist() for a in script.traditional_lines(text)], script.convert_lines(text), to_simplified(text)
    old = script._BLOCK_CHARS
    try:
        script._BLOCK_CHARS = block
        blocks = [a.tolist() for a in script.traditional_lines(text)], script.convert_lines(text), to_simplified(text)
    finally:
        script._BLOCK_CHARS = old
    assert blocks == whole
