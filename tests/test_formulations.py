"""The formulation finder of issue 17: patterned forms, parallel lists, glossaries, distinctiveness, add_terms."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import paths
from helpers import textstat as ts
from helpers.lexicon import lexicon_terms

MARKED = paths.PACKAGE_DIR.parent / "benchmarks" / "formulations" / "seeds_marked.csv"


def _docs(*texts, raws=None):
    out = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))],
                        "year": [2020 + i for i in range(len(texts))], "text": list(texts)})
    if raws is not None:
        out["raw"] = raws
    return out


def _found(corpus, **kw):
    out = ts.find_formulations(corpus, [], **kw)
    return out.set_index("candidate")


def test_every_marked_formulation_of_the_seeds_is_known_or_proposed():
    """The formulations a careful reader marks in the five seeds (benchmarks/formulations/seeds_marked.csv)."""
    corpus = helpers.load_corpus("seeds")
    marked = pd.read_csv(MARKED)
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    assert all(f in texts[d] for d, f in marked.itertuples(index=False)), "a marked form is not in its document"
    known = set(lexicon_terms())
    found = ts.find_formulations(corpus)
    proposed = set(found["candidate"])
    missing = [f for f in marked["formulation"] if f not in known and f not in proposed]
    assert not missing
    # with the bundled lexicon, 五彩田园 is known (a local row read in the seed); with none it is proposed
    row = ts.find_formulations(corpus, []).set_index("candidate").loc["五彩田园"]
    assert row.first_doc == "2024-02-05_chongqing-dazu_npcsc-work-report" and "五彩田园" in row.example


def test_patterned_forms():
    c = _docs("助力擦亮“一镇一品”乡村品牌，将奖补模式优化为“一企一办”，推进“人工智能+”行动，紧扣“33618”体系，"
              "形成“3+5”模块，一年一度，一心一意，锚定“2035”。",
              "推进两学一做学习教育，落实一府一委两院，一步一个脚印。",
              "深化两学一做，强化党建+，开展“一报告两评议”。")
    found = _found(c)
    for cand in ["一镇一品", "一企一办", "人工智能+", "33618", "3+5", "两学一做", "一报告两评议"]:
        assert found.loc[cand, "kind"] in ("patterned", "numbered"), cand
    assert found.loc["一镇一品", "name"] == "乡村品牌"
    # dates and idioms, a year, a pair seen once in running text, a counting phrase
    assert not set(found.index) & {"一年一度", "一心一意", "2035", "一府一委", "一步一个"}


def test_parallel_lists_and_their_collective_name():
    c = _docs("聚焦“稳进增效、除险清患、改革求变、惠民有感”工作导向，完善“群众点单、代表定单、政府买单、人大验单”机制。",
              "全面落实以学铸魂、以学增智、以学正风、以学促干。关注教育、医保、养老。",
              "做到以学铸魂、以学增智、以学正风、以学促干。推动产业发展、基层治理、乡村振兴。")
    found = _found(c)
    assert found.loc["稳进增效、除险清患、改革求变、惠民有感", "kind"] == "parallel"
    assert found.loc["稳进增效、除险清患、改革求变、惠民有感", "name"] == "工作导向"
    assert found.loc["群众点单、代表定单、政府买单、人大验单", "name"] == "机制"
    # unquoted: the first item cut to the others' length, kept when seen twice (the items share 以学)
    assert found.loc["以学铸魂、以学增智、以学正风、以学促干", "count"] == 2
    # an enumeration: items of two characters, or items that share nothing
    assert not [c for c in found.index if "医保" in c or "基层治理" in c]


def test_glossary_terms_are_proposed_with_their_definition():
    body = "坚持稳中求进，推进“人工智能+”。各位代表！让我们团结奋斗。"
    raw = body + "\n\n**名词解释**\n\n1．“双碳”：碳达峰、碳中和。\n2．一网通办：政务服务一网通办。\n"
    c = _docs(body, raws=[raw])
    found = _found(c)
    assert found.loc["双碳", "kind"] == "glossary" and found.loc["双碳", "example"] == "碳达峰、碳中和。"
    assert found.loc["一网通办", "kind"] == "glossary"
    assert "双碳" not in _found(c, glossary=False).index


def test_reference_ranks_distinctive_candidates_first():
    local = ["推进“季会制”，落实“发展工作”，实施“学法日”。", "推广“季会制”，落实“发展工作”。"]
    national = pd.DataFrame({"doc_id": ["n1", "n2", "n3"],
                             "text": ["落实“发展工作”。", "落实“发展工作”，推进改革。", "“发展工作”要抓好。"]})
    found = ts.find_formulations(_docs(*local), [], reference=national)
    order = found["candidate"].tolist()
    assert order.index("季会制") < order.index("学法日") < order.index("发展工作")
    assert found.set_index("candidate").loc["发展工作", "ref_docs"] == 3
    assert found["score"].is_monotonic_decreasing


def test_ordinary_words_never_surface_on_the_national_reports():
    national = helpers.load_corpus("national")
    recent = national[national["year"] >= 2024]
    found = ts.find_formulations(recent, reference=national[national["year"] < 2024])
    top = set(found.head(50)["candidate"])
    assert not top & {"发展", "工作", "改革", "建设", "经济"}
    assert (found.head(20)["ref_docs"] <= 3).all()


def test_add_terms_records_the_source():
    found = ts.find_formulations(_docs("试行“季会制”。", "推行“季会制”，用好“学法日”。"), [])
    lex = helpers.add_terms(found[found["candidate"] == "季会制"], ["两个确立"])
    row = lex.set_index("term").loc["季会制"]
    assert (row.category, row.source) == ("local", "d0")
    assert "quoted" in row.notes and "2 occurrences" in row.notes
    again = helpers.add_terms(["季会制", "学法日"], lex, source="dazu-2024", category="people_congress")
    assert again.attrs["skipped"] == [{"term": "季会制", "reason": "already in the lexicon"}]
    assert again.set_index("term").loc["学法日", "source"] == "dazu-2024"
    assert helpers.count_slogans(_docs("用好学法日。"), again).set_index("term").loc["学法日", "count"] == 1
    with pytest.raises(ValueError, match="candidate"):
        helpers.add_terms(pd.DataFrame({"x": [1]}))
