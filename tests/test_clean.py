"""Tests for helpers.clean: the bundled documents, examples, and properties."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import opencc
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import clean, paths
from helpers.clean import (
    DEFAULT_STEPS,
    apply_errata,
    clean_text,
    cleaning_report,
    find_mojibake,
    find_placeholders,
    load_errata,
    make_pipeline,
    normalize_punctuation,
    normalize_unicode,
    normalize_whitespace,
    remove_boilerplate,
    remove_invisible,
    remove_pinyin_annotations,
    to_simplified,
)
from helpers.clean.script import traditional_lines
from helpers.errors import CorpusError

CHONGQING = "2024-04-25_chongqing_meeting-readout"
ZHAOHUA = "2023-11-28_sichuan-guangyuan-zhaohua_meeting-readout"
DAZU = "2024-02-05_chongqing-dazu_npcsc-work-report"
YONGZHOU = "2022-04-13_hunan-yongzhou_interview"
SHAANXI = "2022-02_shaanxi-district_speech"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# written independently of the implementation: Han + bracketed tone-marked pinyin
PINYIN_ANNOTATION = re.compile(
    rf"[{HAN}][(（][a-z{TONES} ]*[{TONES}][a-z{TONES} ]*[)）]", re.IGNORECASE)
BOILERPLATE_LINE = re.compile(
    r"^\s*(?:.*(?:账号|帐号|手机)\s*\+\s*密码登录.*|还没有账号.*|立即注册|原文链接.*|[\[【]?免责声明.*"
    r"|最新加入|热门资讯|[|｜\s]+)\s*$", re.MULTILINE)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _raw_docs() -> dict[str, str]:
    docs = {p.stem: _read(p) for p in sorted(paths.SEEDS_DIR.glob("*.txt"))}
    docs.update({p.stem: _read(p) for p in sorted(paths.GWR_DIR.glob("*.txt"))})
    return docs


@functools.lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """doc_id (as in metadata.csv and errata.csv, e.g. gwr-1983) -> file stem."""
    meta = pd.read_csv(paths.METADATA_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    return {doc_id: Path(file).stem for doc_id, file in zip(meta.doc_id, meta.file)}


def _raw_of(doc_id: str) -> str:
    return _raw_docs()[_stems()[doc_id]]


@functools.lru_cache(maxsize=1)
def _clean_docs() -> dict[str, str]:
    return {k: clean_text(v) for k, v in _raw_docs().items()}


@functools.lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _scripts() -> dict[str, str]:
    """file stem -> script of the raw text, as the codebook says."""
    meta = pd.read_csv(paths.METADATA_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    return {Path(file).stem: script for file, script in zip(meta.file, meta.script)}


def _t2s_changed(text: str) -> list[str]:
    """The characters OpenCC t2s would change, in order."""
    return [a for a, b in zip(text, _t2s().convert(text)) if a != b]


ALL_DOCS = sorted(p.stem for d in (paths.SEEDS_DIR, paths.GWR_DIR) for p in d.glob("*.txt"))


def test_bundled_corpus_is_all_there():
    assert len([d for d in ALL_DOCS if not d[0:4].isdigit() or "政府工作报告" not in d]) == 5
    assert len(ALL_DOCS) == 54


# --------------------------------------------------------------------------- every bundled document


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_bundled_document_cleans_completely(doc_id):
    text = _clean_docs()[doc_id]
    assert text.strip(), "clean text is empty"
    assert PINYIN_ANNOTATION.findall(text) == []
    # the only suspicious spans left are the placeholders no source could repair
    assert [pos for pos, _ in find_mojibake(text)] == [p["position"] for p in find_placeholders(text)]
    assert BOILERPLATE_LINE.findall(text) == []
    if _scripts()[doc_id] == "traditional":
        assert _t2s().convert(text) == text, "traditional characters left"
    else:  # a simplified document keeps its characters, those t2s would change included (issue 14)
        assert _t2s_changed(text) == _t2s_changed(_raw_docs()[doc_id])
    assert clean_text(text) == text, "cleaning is not idempotent"
    assert "\u3000" not in text and "\r" not in text and "\ufeff" not in text
    assert not re.search(r"[０-９Ａ-Ｚａ-ｚ]", text), "full-width letters or digits left"


def test_raw_seeds_do_have_the_defects():
    """The checks above can fail: the raw documents fail them."""
    raw = _raw_docs()
    assert PINYIN_ANNOTATION.findall(raw[CHONGQING])
    assert _t2s().convert(raw[ZHAOHUA]) != raw[ZHAOHUA]
    assert BOILERPLATE_LINE.findall(raw[DAZU])
    assert BOILERPLATE_LINE.findall(raw[YONGZHOU])
    assert BOILERPLATE_LINE.findall(raw[SHAANXI])
    assert find_mojibake(raw[ZHAOHUA])


def test_errata_spots_are_repaired():
    docs = _clean_docs()
    assert "全过程人民民主市域实践" in docs[CHONGQING]
    assert "“一府一委两院”要切实增强由人大产生" in docs[ZHAOHUA]
    assert "专项报告落实情况" in docs[ZHAOHUA]
    assert "各方面。“一府一委两院”" in docs[ZHAOHUA]


def test_errata_spots_are_flagged_without_errata():
    raw = _raw_docs()
    for doc_id, n_spots in ((CHONGQING, 1), (ZHAOHUA, 2)):
        hits = find_mojibake(clean_text(raw[doc_id], errata=False))
        assert len(hits) == n_spots, hits
        assert len(find_mojibake(raw[doc_id])) >= n_spots
    errata = load_errata()
    for doc_id, corrupted in zip(errata.doc_id, errata.corrupted):
        text = _raw_of(doc_id)
        start = text.index(corrupted)
        spans = [pos for pos, _ in find_mojibake(text)]
        assert any(start - 3 <= pos <= start + len(corrupted) for pos in spans), corrupted


def test_t2s_changes_only_a_variant_in_the_government_work_reports():
    changed = set()
    for doc_id, raw in _raw_docs().items():
        if "政府工作报告" not in doc_id:
            continue
        converted = _t2s().convert(raw)
        assert len(converted) == len(raw)
        changed |= {(a, b) for a, b in zip(raw, converted) if a != b}
    assert changed == {("拚", "拼")}


# --------------------------------------------------------------------------- nothing of the body lost


def _raw_body(doc_id: str, raw: str) -> str:
    """The raw text minus the boilerplate we know about (written by hand)."""
    lines = raw.split("\n")
    if doc_id == DAZU:
        assert lines[-4:] == ["账号+密码登录", "手机+密码登录", "还没有账号?", "立即注册"], lines[-4:]
        lines = lines[:-4]
    elif doc_id == YONGZHOU:
        cut = next(i for i, line in enumerate(lines) if line.startswith("原文链接"))
        lines = lines[:cut]
    elif doc_id == SHAANXI:
        assert lines[-1].strip() in {"|", ""}
        lines = [line for line in lines if line.strip() != "|"]
    return "\n".join(lines)


# stage directions (（鼓掌）) are not body text either: a default step removes them (issue 14)
_TRANSFORM = make_pipeline(remove_invisible, normalize_unicode, remove_pinyin_annotations,
                           to_simplified, clean.remove_stage_directions, normalize_punctuation, normalize_whitespace)


def _missing_sentences(raw_body: str, clean: str) -> list[str]:
    body = apply_errata(raw_body)  # errata spans cross sentence boundaries: apply them first
    target = re.sub(r"\s+", "", clean)
    missing = []
    for sentence in re.findall(r"[^。！？]+[。！？]?", body):
        if not sentence.strip():
            continue
        expected = _TRANSFORM("。" + sentence)[1:]  # "。" gives the sentence its Chinese context
        expected = re.sub(r"\s+", "", expected)
        if expected and expected not in target:
            missing.append(sentence)
    return missing


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_no_body_sentence_is_lost(doc_id):
    raw = _raw_docs()[doc_id]
    assert _missing_sentences(_raw_body(doc_id, raw), _clean_docs()[doc_id]) == []


def test_lost_body_check_can_fail():
    raw, text = _raw_docs()[DAZU], _clean_docs()[DAZU]
    paragraphs = text.split("\n")
    damaged = "\n".join(paragraphs[:10] + paragraphs[11:])
    assert _missing_sentences(_raw_body(DAZU, raw), damaged)
    assert _missing_sentences(raw, text)  # the boilerplate is not in the clean text


def test_boilerplate_lines_removed_from_seeds():
    docs = _clean_docs()
    assert docs[DAZU].endswith("作出新的更大贡献！")
    assert docs[YONGZHOU].endswith("宣传人大工作实践。")
    assert "http" not in docs[YONGZHOU]
    assert docs[YONGZHOU].startswith("市州人大常委会主任谈 | 艾可知：抓实“四大工程”")
    assert "\n前言" in docs[YONGZHOU]
    assert docs[SHAANXI].endswith("建设依法履职的“权力机关”")


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("text", [
    "贯彻落实《中国共产党问责条例（试行）》。",
    "2022年(2022)工作要点",
    "共接待群众1,000人次",
    "诉前调解成功率同比增长24.78%。",
    "原文见 http://www.hnrd.gov.cn/content/2022/04/13/11117339.html?a=1,b=2 。",
    "时间12:30开会",
])
def test_examples_left_untouched(text):
    assert clean_text(text) == text


@pytest.mark.parametrize("raw, expected", [
    ("達(dá)", "达"),
    ("傳達(dá)學(xué)習(xí)", "传达学习"),
    ("傳達（dá）學（xué）", "传达学"),
    ("創新(chuàng xīn)", "创新"),
    ("綠(lǜ)色", "绿色"),
    ("達(dá)(dá)", "达"),
    ("代表,人民", "代表，人民"),
    ("代表;人民!代表?人民:会议", "代表；人民！代表？人民：会议"),
    ("同志们: 春节前", "同志们：春节前"),
    ("代表之家(站、点)", "代表之家（站、点）"),
    ("城市快轨大足线(C3线)", "城市快轨大足线（C3线）"),
    ("昭化區(區)", "昭化区（区）"),
    ("(2022)", "(2022)"),
    ('落实"互联网+"行动计划', "落实“互联网+”行动计划"),
    ("——１９６４年１２月２１日", "——1964年12月21日"),
    ("增长１２．５％，（摘要）", "增长12.5%，（摘要）"),
    ("　　各位代表：\r\n\r\n\r\n　　现在，", "各位代表：\n\n现在，"),
    ("\ufeff人民\u200b代表\u00ad大会\x07", "人民代表大会"),
    ("——1 9 9 8 年3 月5 日，增长8 ．8 ％", "——1998年3月5日，增长8.8%"),
    ("发扬拚搏精神", "发扬拚搏精神"),  # simplified text is not converted (issue 14): 拚 is kept
])
def test_examples_cleaned(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("text", [
    "我们要认真阅读免责声明和原文链接的说明。",
    "把分享到微信的文章也算上，热门资讯不能代替调查研究。",
    "最新加入的代表要尽快熟悉工作。",
    "会议听取了相关新闻报道的情况汇报。",
])
def test_boilerplate_words_inside_sentences_are_kept(text):
    assert remove_boilerplate(text) == text
    assert clean_text(text) == text


def test_boilerplate_lines_are_removed():
    text = "\n".join(["分享到： 微信 | 微博", "正文第一段。", "责任编辑：张三", "上一篇：某某新闻",
                      "打印本页 | 关闭窗口", "|", "正文第二段。"])
    assert remove_boilerplate(text) == "正文第一段。\n正文第二段。"


def test_tail_block_is_conservative():
    body = "这是正文第一段，内容很长很长很长很长很长很长很长很长很长很长很长很长。"
    tail = "\n".join(["相关新闻", "某地召开会议...", "2024-11-27", "另一条标题..."])
    assert remove_boilerplate(body + "\n" + tail) == body
    # a body paragraph after the marker: the block is not debris, keep the paragraph
    later = "相关新闻\n" + body
    assert body in remove_boilerplate(later)
    assert remove_boilerplate(later) == body


def test_steps_can_be_chosen_and_reordered():
    raw = "　傳達(dá),學習"
    assert clean_text(raw, steps=["remove_pinyin_annotations"]) == "　傳達,學習"
    assert clean_text(raw, steps=[to_simplified, "normalize_whitespace"]) == "传达(dá),学习"
    assert clean_text(raw, steps=[]) == raw
    with pytest.raises(ValueError, match="unknown cleaning step"):
        clean_text(raw, steps=["no_such_step"])
    assert [name for name, _ in DEFAULT_STEPS][0] == "apply_errata"
    assert DEFAULT_STEPS.index(("apply_errata", apply_errata)) < [n for n, _ in DEFAULT_STEPS].index(
        "remove_pinyin_annotations")


def test_make_pipeline_composes_in_order():
    pipeline = make_pipeline(remove_pinyin_annotations, to_simplified, normalize_punctuation)
    assert pipeline("傳達(dá),學習") == "传达，学习"
    assert make_pipeline()("文本") == "文本"
    with pytest.raises(TypeError):
        make_pipeline("not a function")


def test_clean_text_rejects_non_text():
    with pytest.raises(TypeError):
        clean_text(None)


# --------------------------------------------------------------------------- errata


def test_load_errata_default():
    errata = load_errata()
    assert list(errata.columns) == ["doc_id", "corrupted", "repaired", "reasoning"]
    assert len(errata) == 4
    raw = _raw_docs()
    for doc_id, corrupted in zip(errata.doc_id, errata.corrupted):
        assert _raw_of(doc_id).count(corrupted) == 1
        assert sum(text.count(corrupted) for text in raw.values()) == 1


def test_errata_argument_forms(tmp_path):
    text = "甲乙丙"
    assert clean_text(text, errata={"乙": "丁"}) == "甲丁丙"
    assert clean_text(text, errata=pd.DataFrame({"corrupted": ["乙"], "repaired": ["戊"]})) == "甲戊丙"
    csv = tmp_path / "errata.csv"
    csv.write_text("doc_id,corrupted,repaired,reasoning\nx,乙,己,because\n", encoding="utf-8")
    assert clean_text(text, errata=csv) == "甲己丙"
    assert clean_text(text, errata=str(csv)) == "甲己丙"
    raw = _raw_docs()[CHONGQING]
    assert "市域实践" not in clean_text(raw, errata=False)
    assert apply_errata("x", errata=False) == "x"
    assert apply_errata("乙乙", {"乙": "丁"}) == "丁丁"
    table = pd.DataFrame({"doc_id": ["a", "b"], "corrupted": ["乙", "丙"], "repaired": ["1", "2"]})
    assert apply_errata("乙丙", table, doc_id="a") == "1丙"


@pytest.mark.parametrize("content, line", [
    ("doc_id,corrupted,repaired,reasoning\na,b,c,d\na,b,c\n", 3),
    ("doc_id,wrong,repaired\na,b,c\n", 1),
    ("doc_id,corrupted,repaired,reasoning\na,b,c,d\na,,c,d\n", 3),
    ("", 1),
])
def test_malformed_errata_names_file_and_line(tmp_path, content, line):
    path = tmp_path / "bad_errata.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"bad_errata\.csv, line {line}\b"):
        load_errata(path)
    with pytest.raises(CorpusError, match="bad_errata"):
        clean_text("文本", errata=path)


def test_missing_or_non_utf8_errata(tmp_path):
    with pytest.raises(CorpusError, match="nope.csv"):
        load_errata(tmp_path / "nope.csv")
    path = tmp_path / "gbk.csv"
    path.write_bytes("doc_id,corrupted,repaired\na,乙,丁\n".encode("gb18030"))
    with pytest.raises(CorpusError, match="gbk.csv"):
        load_errata(path)


# --------------------------------------------------------------------------- find_mojibake


@pytest.mark.parametrize("text", ["乱码\ufffd文本", "市域?qū)嵺`。", "项目袑嵲鰪进展", "æ–°é—»", "锟斤拷"])
def test_find_mojibake_flags(text):
    hits = find_mojibake(text)
    assert hits and all(isinstance(p, int) and isinstance(c, str) for p, c in hits)


def test_find_mojibake_corpus_form():
    corpus = pd.DataFrame({"doc_id": ["ok", "bad"], "text": ["人民代表大会。", "乱码\ufffd文本"]})
    df = find_mojibake(corpus)
    assert list(df.columns) == ["doc_id", "position", "context"]
    assert df.doc_id.tolist() == ["bad"] and df.position.tolist() == [2]
    assert find_mojibake({"a": "正常文本"}).empty


# --------------------------------------------------------------------------- find_placeholders

# every rare-character placeholder in the raw files: doc_id -> (placeholder, pinyin hint, repaired?)
PLACEHOLDERS = {
    "gwr-1956": [("＠①", "", False), ("ｘī＠②", "xī", False)],
    "gwr-1958": [("＠①", "", False)],
    "gwr-1983": [("ｆú＠①", "fú", True)],
}


@pytest.mark.parametrize("text, expected", [
    ("赵春娥、栾ｆú＠①、张华", [(5, "ｆú＠①", "fú")]),       # raw form: full-width letters and ＠
    ("赵春娥、栾fú@①、张华", [(5, "fú@①", "fú")]),           # after normalize_unicode
    ("硫＠①增长９％，ｘī＠②铜片", [(1, "＠①", ""), (8, "ｘī＠②", "xī")]),  # no hint; second one
    ("油@⑳河与Ｘǐ＠㉑河", [(1, "@⑳", ""), (5, "Ｘǐ＠㉑", "Xǐ")]),
    ("发邮件至a@b.cn，见注①。人民@代表①", []),                # an at sign or a circled number alone
    ("", []),
])
def test_find_placeholders_on_examples(text, expected):
    found = find_placeholders(text, width=3)
    assert [(p["position"], p["placeholder"], p["hint"]) for p in found] == expected
    for p in found:
        assert text[p["position"]:p["position"] + len(p["placeholder"])] == p["placeholder"]
        assert p["placeholder"] in p["context"]
        assert len(p["context"]) <= len(p["placeholder"]) + 6
    # find_mojibake flags them too (near ones in one span)
    spans = clean.diagnose._find_mojibake_spans(text)
    assert all(any(a <= pos < b for a, b in spans) for pos, *_ in expected)
    assert bool(spans) == bool(expected)


def test_find_placeholders_corpus_form():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "raw": ["栾ｆú＠①、张华", "人民代表大会"]})
    df = find_placeholders(corpus)  # no text column: the raw column is scanned
    assert list(df.columns) == ["doc_id", "position", "placeholder", "hint", "context"]
    assert df.values.tolist() == [["a", 1, "ｆú＠①", "fú", "栾ｆú＠①、张华"]]
    assert find_placeholders({"x": "正常文本"}).empty
    assert list(find_placeholders({}).columns) == ["doc_id", "position", "placeholder", "hint", "context"]


def test_every_placeholder_of_the_bundled_files_is_found_and_the_repaired_ones_are_gone():
    # written independently of the implementation: ＠ followed by a circled number
    at_raw = {doc_id: len(re.findall("＠[①-⑳]", _raw_of(doc_id))) for doc_id in _stems()}
    assert {doc_id: n for doc_id, n in at_raw.items() if n} == {k: len(v) for k, v in PLACEHOLDERS.items()}
    for doc_id in _stems():
        raw = _raw_of(doc_id)
        found = [(p["placeholder"], p["hint"]) for p in find_placeholders(raw)]
        expected = PLACEHOLDERS.get(doc_id, [])
        assert found == [(ph, hint) for ph, hint, _ in expected], doc_id
        clean = _clean_docs()[_stems()[doc_id]]
        left = [p["hint"] for p in find_placeholders(clean)]
        assert left == [hint for _, hint, repaired in expected if not repaired], doc_id
        assert len(re.findall("[＠@][①-⑳]", clean)) == len(left), doc_id
        # without errata every placeholder survives cleaning (as ASCII)
        assert len(find_placeholders(clean_text(raw, errata=False))) == len(expected), doc_id
    clean_1983 = _clean_docs()[_stems()["gwr-1983"]]
    assert "赵春娥、栾茀、张华、蒋筑英" in clean_1983 and "fú" not in clean_1983
    # the repairs of placeholders are the errata rows of these documents
    errata = load_errata()
    repaired = errata[errata.corrupted.str.contains("＠")]
    assert sorted(repaired.doc_id) == sorted(k for k, v in PLACEHOLDERS.items() for *_, r in v if r)
    for row in repaired.itertuples():
        assert "http" in row.reasoning  # every repair cites the source it was established from


def test_cleaning_report_counts_unrepaired_placeholders():
    docs = {doc_id: _raw_of(doc_id) for doc_id in ("gwr-1956", "gwr-1958", "gwr-1983", "gwr-2017")}
    report = cleaning_report(docs)
    _check_report(report, docs, len(DEFAULT_STEPS))
    left = report[report.step == "mojibake_detected"].set_index("doc_id").changes.to_dict()
    assert left == {"gwr-1956": 2, "gwr-1958": 1, "gwr-1983": 0, "gwr-2017": 0}
    changes = report.pivot(index="doc_id", columns="step", values="changes")
    assert changes.loc["gwr-1983", "apply_errata"] == 1


# --------------------------------------------------------------------------- cleaning_report


def _check_report(report: pd.DataFrame, docs: dict[str, str], n_steps: int):
    assert list(report.columns) == ["doc_id", "step", "changes", "chars_before", "chars_after", "removed"]
    assert len(report) == len(docs) * (n_steps + 1)
    for doc_id, group in report.groupby("doc_id", sort=False):
        raw = docs[doc_id]
        clean = clean_text(raw)
        assert group.step.iloc[-1] == "mojibake_detected"
        assert group.chars_before.iloc[0] == len(raw)
        assert (group.chars_after.iloc[:-1].to_numpy() == group.chars_before.iloc[1:].to_numpy()).all()
        assert group.chars_after.iloc[-1] == len(clean)
        assert group.removed.sum() == len(raw) - len(clean)
        assert (group.removed == group.chars_before - group.chars_after).all()
        assert (group.changes >= 0).all()


def test_cleaning_report_on_seeds():
    docs = {k: v for k, v in _raw_docs().items() if "政府工作报告" not in k}
    corpus = pd.DataFrame({"doc_id": list(docs), "raw": list(docs.values()), "text": ""})
    report = cleaning_report(corpus)
    _check_report(report, docs, len(DEFAULT_STEPS))
    changes = report.pivot(index="doc_id", columns="step", values="changes")
    assert changes.loc[CHONGQING, "apply_errata"] == 1
    assert changes.loc[ZHAOHUA, "apply_errata"] == 2
    assert changes.loc[CHONGQING, "remove_pinyin_annotations"] > 100
    assert changes.loc[ZHAOHUA, "remove_pinyin_annotations"] > 100
    assert changes.loc[DAZU, "remove_boilerplate"] == 4
    assert changes.loc[SHAANXI, "remove_boilerplate"] == 1
    assert changes.loc[YONGZHOU, "remove_boilerplate"] >= 20
    assert (changes["mojibake_detected"] == 0).all()
    assert changes.loc[DAZU, "to_simplified"] == 0


def test_cleaning_report_input_forms():
    one = cleaning_report("傳達(dá),學習")
    assert one.doc_id.unique().tolist() == ["text"]
    two = cleaning_report({"a": "傳達(dá)", "b": "人民"}, steps=["remove_pinyin_annotations"])
    assert two.step.tolist() == ["remove_pinyin_annotations", "mojibake_detected"] * 2
    assert two.changes.tolist() == [1, 0, 0, 0]
    with pytest.raises(TypeError):
        cleaning_report(42)


# --------------------------------------------------------------------------- properties

SPECIAL = list("()（）[]【】《》“”\"',;!:?，。；！？：、…—|｜ \u3000\n\t\r\ufeff\u200b") + list(TONES) + [
    "(dá)", "(xué)", "（lǜ）", "(chuàng xīn)", "(2022)", "(C3线)", "原文链接:", "免责声明", "热门资讯",
    "相关新闻", "立即注册", "还没有账号?", "账号+密码登录", "...", "2024-11-27", "http://a.cn/?x=1,2",
    "１２", "ＡＢ", "\ufffd", "拚", "薴",
    "\xa0", "\u2003", "(de)", "(xue2 xi2)", "(Xi Jinping)", "乾县", "乾縣", "於", "著", "「", "』",  # issue 14
    # the shapes of chrome_shapes (issue 14, held-out sites)
    "记者 张三", "编辑 ", "实习生", "+1", "#两会", "报料：021-962866", "电话", "2024年第3期", "（总第512期）",
    "人民政府公报", "新闻", "APP内阅读", "我要", "举报", "Android版 iPhone版", " | ", "（本文来自", "许可证：沪B2-2017116",
]
HAN_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ANY_TEXT = st.lists(st.one_of(st.text(max_size=4), st.text(HAN_CHARS, max_size=4), st.sampled_from(SPECIAL)),
                    max_size=25).map("".join)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(ANY_TEXT)
def test_clean_text_never_raises_and_is_idempotent(text):
    once = clean_text(text)
    assert isinstance(once, str)
    assert clean_text(once) == once
    assert PINYIN_ANNOTATION.findall(once) == []
    # every line judged traditional is converted; simplified lines keep their characters (issue 14)
    lines = once.split("\n")
    assert all(_t2s().convert(line) == line for line, trad in zip(lines, traditional_lines(once)[2]) if trad)
    find_mojibake(once)


@pytest.mark.parametrize("text", ["（\xa0,", "一\xa0,", "一\u2003;"])
def test_a_mark_after_any_horizontal_space_is_converted_at_once(text):
    # found by hypothesis (issue 14): normalize_whitespace turned the no-break space into a space
    # after normalize_punctuation had judged the mark, so a second cleaning converted it
    once = clean_text(text)
    assert once[-1] in "，；"
    assert clean_text(once) == once


def _safe_han() -> list[str]:
    """Common Han characters that appear in no boilerplate pattern and no erratum."""
    banned = set("".join(rx.pattern for _, rx in clean.BOILERPLATE_PATTERNS))
    banned |= set("".join(load_errata().corrupted))
    text = _clean_docs()["2017政府工作报告_李克强"]
    return sorted({c for c in text if "\u4e00" <= c <= "\u9fff"} - banned)[:600]


SAFE_HAN = _safe_han()
BODY_TEXT = st.text(alphabet=st.one_of(st.sampled_from(SAFE_HAN),
                                       st.sampled_from(list("，。、；：！？,;:!?()（）“”\" \u3000\n0123456789"))),
                    max_size=120)


def _han_count(text: str) -> int:
    return len(re.findall(f"[{HAN}]", text))


@PROPERTY
@given(BODY_TEXT)
def test_clean_text_keeps_every_han_character(text):
    out = clean_text(text)
    assert _han_count(out) == _han_count(text)
    assert out == clean_text(out)


SYLLABLES = ["dá", "xué", "xí", "qiáng", "lǜ", "nǚ", "zhōng", "guó", "chuàng xīn", "rén mín"]


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(SAFE_HAN), st.sampled_from(SYLLABLES + [""]),
                          st.sampled_from(["()", "（）", "(）"]), st.sampled_from(["", "，", " ", "。\n"])),
                max_size=30))
def test_no_pinyin_annotation_survives(parts):
    text = "".join(h + (f"{b[0]}{s}{b[1]}" if s else "") + sep for h, s, b, sep in parts)
    out = clean_text(text)
    assert PINYIN_ANNOTATION.findall(out) == []
    assert not re.search(f"[{TONES}]", out)
    assert _han_count(out) == _han_count(text)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=5), ANY_TEXT, max_size=3))
def test_cleaning_report_is_consistent_on_any_text(docs):
    report = cleaning_report(docs)
    _check_report(report, docs, len(DEFAULT_STEPS))


def test_detect_script_on_bundled_documents_agrees_with_the_codebook():
    import pandas as pd

    from helpers import paths
    from helpers.clean import detect_script

    meta = pd.read_csv(paths.METADATA_CSV, dtype=str, keep_default_na=False)
    for row in meta.itertuples():
        raw = (paths.RAW_DIR / row.file).read_text(encoding="utf-8")
        assert detect_script(raw) == row.script, row.doc_id


def test_corner_quotes_become_mainland_quotes_when_simplifying():
    from helpers.clean import clean_text

    assert clean_text("堅決擁護「兩個確立」、做到『兩個維護』") == "坚决拥护“两个确立”、做到‘两个维护’"


@pytest.mark.parametrize("text", ["热门资讯(À)", "熱門資訊", "正文。\n熱門資訊\n某某新闻标题...\n2020-07-09"])
def test_boilerplate_is_recognised_after_pinyin_removal_and_t2s(text):
    # found by hypothesis: a heading hidden behind an annotation or in traditional script
    once = clean_text(text)
    assert "热门资讯" not in once
    assert clean_text(once) == once
