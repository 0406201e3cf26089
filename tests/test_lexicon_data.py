"""Checks on the bundled data files: the formulation lexicon and the stopword lists.

These tests read the files directly (csv, pandas, opencc, re) so that a broken
data file is reported even when the library code that loads it is broken too.
Seed texts are compared after converting traditional to simplified script
(OpenCC t2s) and removing the pinyin annotations such as ``傳達(dá)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import opencc
import pandas as pd
import pytest

from helpers.paths import GWR_DIR, LEXICON_CSV, SEEDS_DIR, STOPWORDS_DIR

COLUMNS = ["term", "category", "variants", "source", "first_official_use", "notes", "gloss", "concept", "not_in"]
CATEGORIES = {
    "party_leadership", "ideology", "people_congress", "democracy_law", "governance",
    "development", "economy", "reform", "society", "ecology", "security", "foreign",
    "campaign", "regional", "local",
}
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(r"\((?=[^)]*[" + TONED + r"])[a-zü" + TONED + r"]+\)")

# Formulations read off the five seed documents (checked by hand, 2024 wording).
# Each must be a lexicon term and must occur (as the term or one of its variants)
# in at least one seed text, so this list fails loudly if it drifts from the documents.
SEED_FORMULATIONS = [
    # party leadership and ideology
    "两个确立", "两个维护", "四个意识", "四个自信", "以习近平同志为核心的党中央",
    "党中央集中统一领导", "党的全面领导", "全面从严治党", "管党治党", "第一议题",
    "重大事项请示报告制度", "把方向、管大局、保落实", "政治判断力、政治领悟力、政治执行力",
    "政治站位", "以政治建设为统领", "新时代党的建设总要求", "关于党的建设的重要思想",
    "党建统领", "党管干部", "党内政治生活", "政治纪律和政治规矩", "政治生态", "正风肃纪",
    "以案促改", "中央八项规定", "四下基层", "红岩先锋", "变革型组织", "党的创新理论",
    "学懂弄通做实", "学思践悟", "听党话、跟党走、感党恩", "守正创新", "国之大者",
    "一张蓝图干到底", "习近平新时代中国特色社会主义思想", "习近平法治思想",
    "中国特色社会主义", "制度自信", "民主自信", "中国方案", "中国智慧",
    # people's congress, democracy and law
    "四个机关", "政治机关", "权力机关", "人民代表大会制度", "坚持和完善人民代表大会制度",
    "关于坚持和完善人民代表大会制度的重要思想", "中央人大工作会议", "党对人大工作的全面领导",
    "一府一委两院", "由人大产生、对人大负责、受人大监督", "六个必须", "八个能否",
    "四个要看", "四个更要看", "清廉人大", "数字人大", "两联一述", "三联三助", "双联",
    "民生实事项目人大代表票决制", "代表之家", "代表联络站", "主任接待日", "议事代表会议制度",
    "基层立法联系点", "备案审查", "连心桥", "全国两会", "全过程人民民主", "人民当家作主",
    "党的领导、人民当家作主、依法治国有机统一", "社会主义民主政治",
    "中国特色社会主义政治发展道路", "吸纳民意、汇集民智", "问政于民、问需于民、问计于民",
    "依法治国", "法治政府", "宪法宣誓", "有件必备、有备必审、有错必纠",
    # development, economy, regional
    "高质量发展", "新质生产力", "乡村振兴", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
    "宜居宜业和美乡村", "全面建设社会主义现代化国家", "第二个百年奋斗目标", "十四五",
    "全面深化改革", "四梁八柱", "营商环境", "成渝地区双城经济圈", "西部陆海新通道",
    "西部大开发", "长江经济带", "国家战略腹地", "三个作用", "三攻坚一盘活", "一号工程",
    "现代化新重庆", "唯实争先", "总书记有号令、党中央有部署，重庆见行动", "数字赋能、整体智治",
    "三篇大文章", "三高四新", "四大工程", "培根铸魂工程", "民意直通工程", "一线创业工程",
    "争先创优工程", "四城新区", "拼经济搞建设", "人民对美好生活的向往", "厕所革命", "双减",
    "基层治理", "生态文明", "人与自然和谐共生", "绿色发展", "无废城市", "粮食安全",
    # campaigns
    "主题教育", "学习贯彻习近平新时代中国特色社会主义思想主题教育",
    "学思想、强党性、重实践、建新功", "以学铸魂、以学增智、以学正风、以学促干",
    "党纪学习教育", "党史教育", "争先创优", "大学习",
]

_T2S = opencc.OpenCC("t2s")


_HAN_COMMA = re.compile(r"(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])")


def normalise_seed(text: str) -> str:
    """Strip pinyin annotations like ``(dá)``, convert to simplified script, and write
    an ASCII comma between Han characters as ``，`` (as the cleaner's punctuation step does)."""
    return _HAN_COMMA.sub("，", _T2S.convert(PINYIN.sub("", text)))


@pytest.fixture(scope="module")
def lexicon() -> pd.DataFrame:
    return pd.read_csv(LEXICON_CSV, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {p.stem: normalise_seed(p.read_text(encoding="utf-8")) for p in sorted(SEEDS_DIR.glob("*.txt"))}


@pytest.fixture(scope="module")
def corpus(seeds) -> dict[str, str]:
    docs = dict(seeds)
    for p in sorted(GWR_DIR.glob("*.txt")):
        docs[f"gwr-{p.name[:4]}"] = p.read_text(encoding="utf-8")
    return docs


def forms(row) -> list[str]:
    return [row["term"], *[v for v in row["variants"].split("|") if v]]


def test_corpora_are_there(seeds, corpus):
    assert len(seeds) == 5
    assert len(corpus) == 5 + 49
    # the pinyin annotations are gone after normalisation
    assert not any(PINYIN.search(t) for t in seeds.values())
    assert "传达学习" in seeds["2024-04-25_chongqing_meeting-readout"]


def test_columns_and_size(lexicon):
    assert list(lexicon.columns) == COLUMNS
    assert len(lexicon) >= 200


def test_every_term_has_an_english_gloss(lexicon):
    """Charts drawn with lang="en" name each formulation by its gloss: English, one line, no Han."""
    gloss = lexicon["gloss"].str.strip()
    assert (gloss != "").all(), f"no gloss: {lexicon['term'][gloss == ''].tolist()}"
    has_han = gloss.str.contains(r"[\u4e00-\u9fff]")
    assert not has_han.any(), f"Chinese in a gloss: {gloss[has_han].tolist()}"
    assert not gloss.str.contains(r"[\n\t]").any()
    assert gloss.str.len().max() <= 140
    # the standard translations of official English versions, spot-checked
    by_term = dict(zip(lexicon["term"], gloss))
    assert by_term["全过程人民民主"] == "whole-process people's democracy"
    assert by_term["改革开放"] == "reform and opening up"
    assert by_term["一国两制"] == "One Country, Two Systems"
    assert by_term["新质生产力"] == "new quality productive forces"


def test_terms_unique_and_filled(lexicon):
    assert (lexicon["term"].str.strip() != "").all()
    assert (lexicon["category"].str.strip() != "").all()
    dup = lexicon["term"][lexicon["term"].duplicated()].tolist()
    assert not dup, f"duplicate terms: {dup}"
    assert not lexicon["term"].str.contains(r"\s").any()
    assert not lexicon["term"].str.contains("[“”\"]").any(), "write terms without quotation marks"


def test_categories(lexicon):
    bad = lexicon.loc[~lexicon["category"].isin(CATEGORIES), ["term", "category"]]
    assert bad.empty, bad.to_string()


def test_first_official_use_parses(lexicon):
    for term, value in zip(lexicon["term"], lexicon["first_official_use"]):
        if not value:
            continue
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value), (term, value)
        parts = [int(x) for x in value.split("-")] + [1, 1]
        dt.date(parts[0], parts[1], parts[2])  # raises on 2021-13 or 2021-02-30
        assert 1949 <= parts[0] <= dt.date.today().year, (term, value)


def test_variants_rule(lexicon):
    """Variants are other spellings: never another row's term, never repeated,
    never nested in (or containing) their own term, so counts do not double."""
    terms = set(lexicon["term"])
    seen: dict[str, str] = {}
    for _, row in lexicon.iterrows():
        variants = [v for v in row["variants"].split("|") if v]
        for v in variants:
            assert v not in terms, f"variant {v!r} of {row['term']!r} is also a term"
            assert v not in seen, f"variant {v!r} appears under {seen[v]!r} and {row['term']!r}"
            seen[v] = row["term"]
            assert v not in row["term"] and row["term"] not in v, (row["term"], v)
            assert not re.search(r"\s", v)
        for a in variants:
            for b in variants:
                assert a == b or a not in b, (row["term"], a, b)


def test_every_term_is_attested_or_cited(lexicon, corpus):
    missing = []
    for _, row in lexicon.iterrows():
        in_corpus = any(f in text for text in corpus.values() for f in forms(row))
        cited = bool(row["source"]) and row["source"] not in corpus
        if not (in_corpus or cited):
            missing.append(row["term"])
    assert not missing, f"neither in the bundled corpora nor cited: {missing}"


def test_doc_id_sources_contain_the_term(lexicon, corpus):
    bad = []
    for _, row in lexicon.iterrows():
        src = row["source"]
        if src in corpus and not any(f in corpus[src] for f in forms(row)):
            bad.append((row["term"], src))
        if re.fullmatch(r"(gwr-\d{4}|\d{4}-\d{2}(-\d{2})?_[a-z0-9_-]+)", src):
            assert src in corpus, f"source {src!r} of {row['term']!r} looks like an unknown doc_id"
    assert not bad, bad


def test_seed_formulations_in_lexicon_and_documents(lexicon, seeds):
    assert len(SEED_FORMULATIONS) >= 30
    assert len(set(SEED_FORMULATIONS)) == len(SEED_FORMULATIONS)
    by_term = {row["term"]: row for _, row in lexicon.iterrows()}
    absent = [t for t in SEED_FORMULATIONS if t not in by_term]
    assert not absent, f"seed formulations missing from the lexicon: {absent}"
    unseen = [t for t in SEED_FORMULATIONS if not any(f in s for s in seeds.values() for f in forms(by_term[t]))]
    assert not unseen, f"not found in any seed document: {unseen}"


def _read_stopwords(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    words = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return header, words


STOPWORD_FILES = ["zh_general.txt", "zh_political.txt"]


@pytest.mark.parametrize("name", STOPWORD_FILES)
def test_stopword_file(name, lexicon):
    header, words = _read_stopwords(STOPWORDS_DIR / name)
    text = "\n".join(header).lower()
    assert "licence" in text or "license" in text, f"{name}: no licence line in the # header"
    assert "source" in text, f"{name}: no source line in the # header"
    assert words, f"{name}: no entries"
    assert not [w for w in words if re.search(r"\s", w)], f"{name}: entry with whitespace"
    lexicon_forms = {f for _, row in lexicon.iterrows() for f in forms(row)}
    clash = sorted(set(words) & lexicon_forms)
    assert not clash, f"{name} contains lexicon terms: {clash}"


def test_political_stopwords_size():
    _, words = _read_stopwords(STOPWORDS_DIR / "zh_political.txt")
    assert 30 <= len(words) <= 80
    assert len(set(words)) == len(words)


def test_lexicon_parses_with_csv_module():
    with open(LEXICON_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert all(len(r) == len(COLUMNS) for r in rows)
