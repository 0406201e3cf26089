"""Pinyin annotations without tone marks (issue 14, section 2): removed when they read the Han characters before them."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from helpers.clean import clean_text, cleaning_report, remove_pinyin_annotations
from helpers.paths import SHARED_CORPORA_DIR

LAWTEXT_GOV = SHARED_CORPORA_DIR / "lawtext_gov"


@pytest.mark.parametrize("raw, expected", [
    ("发生的(de)历史性变革", "发生的历史性变革"),
    ("发生的（de）历史性变革", "发生的历史性变革"),
    ("发生的( de )历史性变革", "发生的历史性变革"),
    ("学习(xue xi)贯彻", "学习贯彻"),
    ("学习(xue2 xi2)贯彻", "学习贯彻"),
    ("学(xue2)习(xi2)贯彻", "学习贯彻"),
    ("创新(chuangxin)驱动", "创新驱动"),
    ("创新(chuang-xin)驱动", "创新驱动"),
    ("西安(xi'an)市", "西安市"),
    ("绿(lv)色", "绿色"),
    ("绿(lu:4)色", "绿色"),
    ("妇女(fu nu)工作", "妇女工作"),
    ("银行(yin hang)贷款", "银行贷款"),      # 行: xing or hang, every reading counts
    ("重庆(chong qing)市", "重庆市"),
    ("不(bu2)断", "不断"),                   # tone sandhi: the tone number is not checked
    ("學習(xue xi)", "学习"),                 # traditional characters have their readings too
    ("中(zhong)国(zhong guo)人民", "中国人民"),  # read with the annotation before removed
    ("中华人民共和国(zhong hua ren min gong he guo)", "中华人民共和国"),
    ("發(fa1)展", "发展"),
])
def test_toneless_annotations_are_removed(raw, expected):
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected


@pytest.mark.parametrize("text", [
    "国内生产总值(GDP)增长5%",
    "细颗粒物(PM2.5)浓度下降",
    "世界贸易组织(WTO)",
    "国家主席习近平(Xi Jinping)出席",     # a capitalised romanisation is the document's own gloss
    "北京(Beijing)",
    "可持续发展(sustainable development)",
    "治理(governance)能力",
    "条例(试行)",
    "2023年(2023)",
    "产业中心(A型)",
    "中国(zhong)",                       # not a reading of the character right before it (国)
    "学习(xue xu)",                      # xu is no reading of 习
    "发展(fa)",                          # one syllable, but 展 is not read fa
    "(de)历史",                          # no Han character before the bracket
    "的 (de)",                           # a space before the bracket: not an annotation
    "合作伙伴(ok)",
])
def test_other_brackets_are_kept(text):
    assert remove_pinyin_annotations(text) == text


def test_tone_marked_annotations_removed_as_before():
    assert remove_pinyin_annotations("會議傳達(dá)學(xué)習(xí)") == "會議傳達學習"
    assert remove_pinyin_annotations("創新(chuàng xīn)") == "創新"
    assert remove_pinyin_annotations("綠(lǜ)色") == "綠色"


def test_removals_are_counted_in_the_cleaning_report():
    report = cleaning_report({"d": "发生的(de)历史性变革，学习(xue xi)，增加值(GDP)，习近平(Xi Jinping)"})
    row = report.set_index("step").loc["remove_pinyin_annotations"]
    assert row["changes"] == 2
    assert row["removed"] == len("(de)") + len("(xue xi)")


@pytest.mark.parametrize("raw", ["麼(mi)", "什麼(shen mi)", "乾(gan)", "乾(qian)", "覆(fu)", "著(zhe)", "發(fa)展"])
def test_a_note_is_judged_alike_before_and_after_to_simplified(raw):
    # 麼 becomes 么, whose forms include 幺 and readings mi: the readings of every form a character
    # may take, and of their forms in turn, count, or the second cleaning removes what the first kept
    # (麼(mi) -> 么(mi) -> 么 before simplified_forms was a closure)
    once = clean_text(raw)
    assert "(" not in once
    assert clean_text(once) == once


# --------------------------------------------------------------------------- generated annotations

WORDS = ["发展", "改革", "创新", "人民", "政府", "工作", "报告", "经济", "社会", "建设", "绿色", "协调", "开放",
         "共享", "的", "了", "和", "重要", "行业", "银行", "重庆", "长江", "音乐", "女性", "旅游", "历史性变革"]
STYLES = {
    "tone marks": lambda w: lazy_pinyin(w, style=Style.TONE),
    "tone numbers": lambda w: lazy_pinyin(w, style=Style.TONE3, neutral_tone_with_five=True),
    "plain": lambda w: lazy_pinyin(w, style=Style.NORMAL),
    "plain v": lambda w: lazy_pinyin(w, style=Style.NORMAL, v_to_u=False),
}


def _annotate(word: str, style: str, joiner: str, bracket: str) -> str:
    syllables = STYLES[style](word)
    return f"{word}{bracket[0]}{joiner.join(syllables)}{bracket[1]}"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans(), st.sampled_from(sorted(STYLES)),
                          st.sampled_from([" ", "", "-"]), st.sampled_from(["()", "（）"]),
                          st.sampled_from(["", "，", "。\n", "(GDP)", "（试行）"])), max_size=12))
def test_generated_annotations_are_removed_and_nothing_else(parts):
    raw = "".join((_annotate(w, s, j, b) if note else w) + tail for w, note, s, j, b, tail in parts)
    plain = "".join(w + tail for w, _, _, _, _, tail in parts)
    assert remove_pinyin_annotations(raw) == plain
    once = clean_text(raw)
    assert once == clean_text(plain)
    assert clean_text(once) == once


# --------------------------------------------------------------------------- unseen documents


def _lawtext_reports(n: int) -> list[Path]:
    if not LAWTEXT_GOV.is_dir():
        pytest.skip(f"{LAWTEXT_GOV} is not present beside this checkout")
    files = sorted(LAWTEXT_GOV.rglob("*.md"))
    return random.Random(14).sample(files, n)


def test_no_bracket_of_the_provincial_reports_is_taken_for_an_annotation():
    # their brackets after Han characters hold abbreviations, English, numbers (GDP, REITs, Wi-Fi, 2015-2020)
    for path in _lawtext_reports(120):
        text = path.read_text(encoding="utf-8")
        assert remove_pinyin_annotations(text) == text, path


def test_toneless_annotations_inserted_into_unseen_reports_are_all_removed():
    rng = random.Random(2026)
    word_re = re.compile("[\u4e00-\u9fff]{2,4}")
    for path in _lawtext_reports(15):
        text = path.read_text(encoding="utf-8")
        pieces, pos, inserted = [], 0, 0
        for m in word_re.finditer(text):
            if rng.random() < 0.05:
                style = rng.choice(["tone numbers", "plain", "plain v"])
                pieces += [text[pos:m.start()], _annotate(m.group(), style, rng.choice([" ", ""]), "()")]
                pos, inserted = m.end(), inserted + 1
        corrupted = "".join(pieces) + text[pos:]
        assert inserted > 10
        assert remove_pinyin_annotations(corrupted) == text, path


# --------------------------------------------------------------------------- time linear in the text

ADVERSARIAL = [
    "的(" + "a" * 20000,
    "的(a" * 5000,
    "的(" + "a " * 10000 + ")",
    "的(de)" * 5000,
    "的" + "(de)" * 5000,
    "的(" * 10000,
    "的(" + " " * 20000 + "de)",
    "的(de" + "5" * 20000 + ")",
    "中" * 20000 + "(" + "zhong" * 2000 + ")",
]


def test_adversarial_lines_finish():
    code = ("import sys; from helpers.clean import clean_text\n"
            "for line in sys.stdin.read().split('\\x00'):\n"
            "    clean_text(line)\n")
    # a guard against a hang: no timing is asserted, only that it finishes
    subprocess.run([sys.executable, "-c", code], input="\x00".join(ADVERSARIAL), text=True,
                   check=True, timeout=60)
