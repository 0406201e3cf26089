"""Page chrome and stage directions (issue 14, section 1): remove all of it, and only it.

Each test here failed on the cleaner of 3ded4dc: patterns that hang on a
90-character line, rules that delete body paragraphs, and other sites' chrome
left in the text. Tests that read ``../shared/corpora`` skip when it is absent.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import re
import runpy
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import clean, load_corpus, paths
from helpers.clean import DEFAULT_STEPS, clean_text, cleaning_report, find_boilerplate, remove_boilerplate

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
LAWTEXT_GOV = paths.SHARED_CORPORA_DIR / "lawtext_gov"
LAWTEXT_CPC = paths.SHARED_CORPORA_DIR / "lawtext_cpc"


def _han(text: str) -> str:
    """The Han characters of ``text``, in order (written independently of the cleaner)."""
    return "".join(re.findall(f"[{HAN}]", text))


@functools.lru_cache(maxsize=1)
def _evaluation() -> SimpleNamespace:
    """benchmarks/chrome.py (the evaluation of other sites' chrome), as a namespace."""
    return SimpleNamespace(**runpy.run_path(str(paths.PROJECT_DIR / "benchmarks" / "chrome.py")))


def _shared(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present beside this checkout")
    return folder


# --------------------------------------------------------------------------- no hang

ADVERSARIAL = {
    "share words": "分享 " * 26 + "x",  # exponential backtracking in the old chrome pattern
    "separator bar": "| " * 10_000 + "x",  # 20,000 characters: quadratic (1.6 s on 3ded4dc)
    "prompt and spaces": "没有账号" + " " * 20_000 + "x",  # quadratic (13 s on 3ded4dc)
    # the same ten times longer: a hundred times slower when the time is quadratic (minutes on 3ded4dc)
    "long separator bar": "| " * 100_000 + "x",
    "prompt and many spaces": "没有账号" + " " * 200_000 + "x",
    "bar and spaces": "| " + " " * 200_000 + "x",
    "overlapping chrome words": "微信扫一扫" * 40 + "x",
    "share words without spaces": "分享到" * 2_000 + "x",
    "labels": "来源：" * 5_000 + "x",
    "breadcrumb": "当前位置：" + "首页>" * 5_000 + "x",
    "digits": "1" * 20_000 + "号",
    "dots": "." * 20_000,
    "dates": "2024-01-01 " * 2_000,
    "url": "http://" + "a." * 10_000,
    "nested directions": "（" * 10_000 + "鼓掌" + "）" * 10_000,
    "interleaved directions": "(鼓" * 5_000 + "掌)" * 5_000,
    "nested non-directions": "(" * 10_000 + "a" + "(鼓掌)" * 5_000 + ")" * 10_000,
    "chrome lines": "相关新闻\n" * 5_000 + "正文。",
    "headline lines": "相关新闻\n" + "某地召开会议\n" * 10_000,
}


def _run_all(text: str, folder: str) -> None:
    remove_boilerplate(text)
    clean_text(text)
    load_corpus(folder, progress=False)


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_adversarial_lines_finish(name, tmp_path):
    """remove_boilerplate, clean_text and load_corpus on a folder finish (a guard of 60 s, in a
    forked process that is killed when it runs over; no timing is asserted otherwise)."""
    text = ADVERSARIAL[name]
    (tmp_path / "doc.txt").write_text("正文第一段，内容写完了。\n" + text + "\n正文最后一段。", encoding="utf-8")
    proc = mp.get_context("fork").Process(target=_run_all, args=(text, str(tmp_path)))
    proc.start()
    proc.join(60)
    if proc.is_alive():
        proc.kill()
        proc.join()
        pytest.fail(f"{name}: still running after 60 s")
    assert proc.exitcode == 0, f"{name}: the process failed"


# --------------------------------------------------------------------------- body text stays

PARAGRAPH = "我国经济发展处于重要战略机遇期。"


@pytest.mark.parametrize("start", ["当前位置：", "您的位置：", "免责声明：", "上一篇：", "下一篇：", "原文地址：",
                                   "本文链接：", "【免责声明】", "原文链接：", "责任编辑：", "来源："])
def test_paragraph_after_a_chrome_label_is_kept(start):
    assert clean_text(start + PARAGRAPH) == start + PARAGRAPH
    assert remove_boilerplate(start + PARAGRAPH) == start + PARAGRAPH


def test_body_lines_after_a_link_list_heading_are_kept():
    text = "第五条 国家建立健全相关制度。\n相关文章\n第六条 各级人民政府应当加强领导\n第七条 本法自公布之日起施行"
    assert remove_boilerplate(text) == "第五条 国家建立健全相关制度。\n第六条 各级人民政府应当加强领导\n第七条 本法自公布之日起施行"


def test_weak_chrome_inside_the_body_is_kept():
    body = ["全年地区生产总值增长百分之六点五，经济运行总体平稳。", "来源：国家统计局", "2024-01-05",
            "· 重点项目", "各项社会事业全面发展，人民生活水平不断提高。"]
    assert remove_boilerplate("\n".join(body)) == "\n".join(body)
    # the same lines in the head or the tail of the document are chrome
    assert remove_boilerplate("\n".join(body[1:4] + body[:1] + body[4:] + body[1:4])) == body[0] + "\n" + body[4]


def _paragraphs(texts) -> list[str]:
    """Real paragraphs: sentences of 20 Han characters or more, and numbered headings of 10 or more
    (a shorter line glued to a field label, 来源：王鸿举, is a field: see the README)."""
    found = []
    for text in texts:
        for line in text.split("\n"):
            line, han = line.strip(), len(_han(line))
            if (han >= 20 and re.search("[。！？]", line)) or (han >= 10 and NUMBERED.match(line)):
                found.append(line)
    return found


NUMBERED = re.compile(r"[*#\s]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章条])")


BUNDLED_PARAGRAPHS = _paragraphs(p.read_text(encoding="utf-8") for p in sorted(paths.GWR_DIR.glob("*.txt")))[::7]
CHROME_WORDS = ["当前位置：", "您的位置：", "免责声明：", "【免责声明】", "上一篇：", "下一篇：", "原文地址：", "本文链接：",
                "分享 ", "分享到：", "来源：", "责任编辑：", "字号：", "发布时间：", "首页 > ", "打印 ", "相关文章 ",
                "版权所有 ", "Copyright © ", "http://www.gov.cn ", "2024-01-01 ", "· ", "【打印】", "作者：", "...",
                "【关闭】", "转载", "本站", "（鼓掌）", "相关新闻", "字号：大 中 小", "分享 " * 26, "| " * 30]
CHROME_LINES = ["分享到：微信 微博", "相关新闻", "来源：新华网", "2024-01-05", "责任编辑：张三", "【打印】【关闭】",
                "首页 > 要闻", "京ICP备05070218号", "某地召开会议...", "版权所有：某某网"]
LAYOUT = st.tuples(st.sampled_from(["", *CHROME_WORDS]), st.sampled_from(["", *CHROME_WORDS]),
                   st.lists(st.sampled_from(CHROME_LINES), max_size=3), st.lists(st.sampled_from(CHROME_LINES), max_size=3))
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _keeps_paragraph(paragraph: str, layout) -> None:
    prefix, suffix, head, tail = layout
    for doc in ("\n".join([*head, prefix + paragraph + suffix, *tail]),   # alone, in a page
                f"{PARAGRAPH}\n{prefix}{paragraph}{suffix}\n{PARAGRAPH}"):  # between two paragraphs
        out = clean_text(doc)
        assert _han(clean_text(paragraph)) in _han(out), doc
        assert clean_text(out) == out


@PROPERTY
@given(st.sampled_from(BUNDLED_PARAGRAPHS), LAYOUT)
def test_no_han_character_of_a_bundled_paragraph_is_lost(paragraph, layout):
    _keeps_paragraph(paragraph, layout)


@pytest.fixture(scope="module")
def lawtext_paragraphs():
    folder = _shared(LAWTEXT_GOV)
    reports = sorted(folder.glob("政府工作报告-省自治区/*/*.md"))[::9]
    return _paragraphs(_evaluation().read_report(p) for p in reports)[::5]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_han_character_of_an_unseen_paragraph_is_lost(lawtext_paragraphs, data):
    _keeps_paragraph(data.draw(st.sampled_from(lawtext_paragraphs)), data.draw(LAYOUT))


# --------------------------------------------------------------------------- chrome goes

def test_other_sites_chrome_is_removed_from_bundled_reports():
    """Every bundled national report wrapped in the head and tail chrome of eight site styles."""
    ev = _evaluation()
    result = ev.evaluate(sorted(paths.GWR_DIR.glob("*.txt"))[::4])
    assert result["chrome_lines_added"] > 1000
    assert result["body_han_lost"] == 0, result["lost"][:5]
    assert result["chrome_lines_left"] == 0, result["left"][:5]


def test_other_sites_chrome_is_removed_from_unseen_reports():
    """Held-out provincial reports (5 provinces x 3 years of lawtext_gov) in the same eight styles."""
    _shared(LAWTEXT_GOV)
    ev = _evaluation()
    result = ev.evaluate(ev.held_out_reports())
    assert result["documents"] == 15
    assert result["body_han_lost"] == 0, result["lost"][:5]
    assert result["chrome_lines_left"] == 0, result["left"][:5]


def test_unseen_documents_lose_only_their_chrome():
    """Cleaned as they are, the 874 reports of lawtext_gov and the party documents of lawtext_cpc lose
    only the source lines some Hebei reports end with and empty Markdown quote lines."""
    _shared(LAWTEXT_GOV)
    found = _evaluation().removed_from_plain([LAWTEXT_GOV, _shared(LAWTEXT_CPC)])
    assert found, "the Hebei reports end with 来源：河北新闻网"
    assert {(kind, line) for kind, line in found if not line.startswith("来源：河北") and line != ">"} == set()


def test_head_and_tail_chrome_of_a_page():
    page = ["首页 | 简 | 繁 | EN | 登录 | 邮箱 | 无障碍", "当前位置：首页 > 政策 > 政府工作报告", "政府工作报告",
            "发布时间：2024-01-25 10:36　来源：省政府办公厅　浏览次数：1234", "【字体：大 中 小】 打印",
            "各位代表：", "现在，我代表省人民政府向大会报告工作，请予审议。", "让我们团结奋斗，为实现今年目标任务而努力！",
            "（责编：李某、张某）", "分享让更多人看到", "相关新闻", "全省经济运行总体平稳", "重点项目建设加快推进",
            "版权所有：某某省人民政府办公厅", "网站标识码4400000064　粤ICP备05070829号　粤公网安备 44010402000101号"]
    assert clean_text("\n".join(page)) == "\n".join(page[2:3] + page[5:8])


# --------------------------------------------------------------------------- what goes is listed

def test_find_boilerplate_lists_what_cleaning_removes():
    docs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(paths.SEEDS_DIR.glob("*.txt"))}
    table = find_boilerplate(docs)
    assert list(table.columns) == ["doc_id", "line_no", "kind", "line"]
    report = cleaning_report(docs)
    counted = report[report.step == "remove_boilerplate"].set_index("doc_id").changes
    assert table.groupby("doc_id").size().reindex(counted.index, fill_value=0).tolist() == counted.tolist()
    dazu = table[table.doc_id == "2024-02-05_chongqing-dazu_npcsc-work-report"]
    raw = docs["2024-02-05_chongqing-dazu_npcsc-work-report"].splitlines()
    assert dazu.line.tolist() == raw[-4:] and dazu.line_no.tolist() == list(range(len(raw) - 3, len(raw) + 1))
    for line in table.line:
        assert line not in clean_text(docs[table.doc_id[table.line == line].iloc[0]]).split("\n")
    assert helpers.find_boilerplate is find_boilerplate


def test_find_boilerplate_on_a_text_and_a_dataframe():
    text = "字号：大 中 小\n坚持稳中求进工作总基调，推动高质量发展。\n來源：新華網"
    assert find_boilerplate(text) == [(1, "meta", "字号：大 中 小"), (3, "source", "来源：新华网")]
    frame = find_boilerplate(pd.DataFrame({"doc_id": ["a"], "raw": [text], "text": [""]}))
    assert frame.values.tolist() == [["a", 1, "meta", "字号：大 中 小"], ["a", 3, "source", "来源：新华网"]]
    assert find_boilerplate("坚持稳中求进工作总基调，推动高质量发展。") == []


# --------------------------------------------------------------------------- stage directions

@pytest.mark.parametrize("raw, expected", [
    ("为实现中国梦而奋斗！（长时间热烈鼓掌）", "为实现中国梦而奋斗！"),
    ("同志们！（鼓掌）我们的事业是正义的。（笑声）", "同志们！我们的事业是正义的。"),
    ("（全体起立，长时间暴风雨般的掌声）", ""),
    ("（经久不息的掌声）\n下一段。", "下一段。"),
    ("赢得了阵阵掌声。", "赢得了阵阵掌声。"),
    ("（大会代表鼓掌通过）", "（大会代表鼓掌通过）"),
    ("（注：见附件）", "（注：见附件）"),
])
def test_stage_directions_are_removed(raw, expected):
    assert clean_text(raw) == expected


def test_stage_directions_step_is_named_and_counted():
    names = [name for name, _ in DEFAULT_STEPS]
    assert names.index("to_simplified") < names.index("remove_stage_directions") < names.index("remove_boilerplate")
    raw = next(paths.GWR_DIR.glob("1959*.txt")).read_text(encoding="utf-8")
    directions = re.findall(r"（[^（）\n]{0,20}(?:鼓掌|掌声|笑声)[^（）\n]{0,20}）", raw)  # counted independently
    assert len(directions) > 50
    report = cleaning_report({"gwr-1959": raw})
    assert report.set_index("step").loc["remove_stage_directions", "changes"] == len(directions)
    text = clean_text(raw)
    assert "鼓掌）" not in text and "掌声）" not in text
    assert clean_text(raw, steps=[s for s in names if s != "remove_stage_directions"]).count("（鼓掌）") > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["（", "）", "(", ")", "鼓掌", "掌声", "热烈", "的", "，", " ", "\n", "注", "代表"]),
                max_size=30).map("".join))
def test_stage_directions_removal_is_idempotent(text):
    once = clean.remove_stage_directions(text)
    assert clean.remove_stage_directions(once) == once
    assert clean_text(clean_text(text)) == clean_text(text)


ADVERSARIAL_PIECES = ["分享 ", "| ", "没有账号", "  ", "来源：", "当前位置：", "首页>", "（鼓掌）", "(鼓", "掌)",
                      "相关新闻\n", "某地召开会议...\n", "2024-01-01", "http://a.cn/?x=1,2", "\n", "。", "正文内容在这里。",
                      "第六条 各级人民政府应当加强领导", "【打印】", "版权所有", "京ICP备05070218号", "1.", "（一）"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ADVERSARIAL_PIECES), max_size=30).map("".join))
def test_clean_text_is_idempotent_on_chrome_material(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert remove_boilerplate(remove_boilerplate(text)) == remove_boilerplate(text)


# chrome of sites the rules were not tuned on (benchmarks/chrome_unseen.py): the generic rules it prompted

_REPORT = ["现在，我代表省人民政府，向大会报告工作，请予审议。", "过去一年，全省经济运行总体平稳，稳中有进。",
           "各项社会事业全面发展，人民生活水平不断提高。"]


@pytest.mark.parametrize("line", [
    "扫一扫，分享到手机",            # a short line mostly made of chrome words, with a comma
    "关注公众号：人民网财经",
    "百度文库 > 行业资料 > 政务民生",  # a bare arrow path, no home word
])
def test_short_chrome_phrases_go_in_the_head_and_tail_only(line):
    text = "\n".join([line, *_REPORT, line])
    assert remove_boilerplate(text) == "\n".join(_REPORT)
    inside = "\n".join([_REPORT[0], line, *_REPORT[1:]])
    assert remove_boilerplate(inside) == inside


def test_a_row_of_app_buttons_is_chrome_wherever_it_stands():
    inside = "\n".join([_REPORT[0], "打开APP 阅读全文", *_REPORT[1:]])
    assert remove_boilerplate(inside) == "\n".join(_REPORT)


def test_a_lone_welcome_sentence_does_not_start_the_body():
    head = ["您好，欢迎访问某省人民政府门户网站！今天是2024年1月30日", "首页 | 政务公开 | 政务服务 | 互动交流",
            "微信扫一扫 分享给好友"]
    assert remove_boilerplate("\n".join([*head, *_REPORT])) == "\n".join([head[0], *_REPORT])


def test_a_disclaimer_of_a_news_agency_is_chrome_but_a_labelled_sentence_is_not():
    notice = "本网站所刊载信息，不代表新华社观点。 刊用本网站稿件，务经书面授权。"
    assert remove_boilerplate("\n".join([*_REPORT, notice])) == "\n".join(_REPORT)
    labelled = "免责声明：按照这个总体要求，今年要着重做好以下八个方面工作。版权所有"
    assert remove_boilerplate(labelled) == labelled


def test_the_buttons_and_files_at_the_end_of_a_page_go_but_not_a_closing_line_of_the_report():
    tail = ["【返回顶部】", "政府工作报告（全文）.pdf", "建议使用1920×1080分辨率 IE10以上浏览器", "写留言", "留言", "暂无留言",
            "阅读 3.2万"]
    assert remove_boilerplate("\n".join([*_REPORT, *tail])) == "\n".join(_REPORT)
    # short lines that end a report without any chrome before them stay (a signature, a date in words)
    ending = [*_REPORT, "省人民政府", "二〇二四年一月"]
    assert remove_boilerplate("\n".join(ending)) == "\n".join(ending)


def test_a_repeated_label_is_not_a_row_of_page_fields():
    # found by the property test: 七七:0七七:0 was taken for a row of unknown page fields
    assert remove_boilerplate("七七：0七七：0") == "七七：0七七：0"
    assert remove_boilerplate("七七：0七万：0") == "七七：0七万：0"
    assert remove_boilerplate("世东：0世世：0") == "世东：0世世：0"
    assert remove_boilerplate("文档格式：.doc 文档页数：12页\n" + "\n".join(_REPORT)) == "\n".join(_REPORT)
