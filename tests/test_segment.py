"""Tests for helpers.segment: lexicon terms are never split, output is lossless,
and the rjieba engine (used by engine="auto") gives the same tokens as jieba."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import paths
from helpers.segment.patterns import blocked, lexicon_forms
from helpers.segment import (
    AUTO_ENGINE,
    HAN_CLASS,
    count_han,
    get_tokenizer,
    is_word,
    lexicon_pattern,
    tokenize,
    tokenize_spans,
    tokens_table,
)

LEX = ["两个确立", "两个维护", "四个机关", "全过程人民民主", "中国特色社会主义",
       "习近平新时代中国特色社会主义思想", "四个全面", "四个全面战略布局", "·一带一路·"]


def bundled_corpus():
    """The bundled corpus (clean text); the codebook must be there."""
    from helpers.load import load_corpus

    assert paths.METADATA_CSV.exists(), "data/metadata.csv is missing"
    return pd.concat([load_corpus("seeds"), load_corpus("gwr")], ignore_index=True)


def bundled_lexicon():
    from helpers.lexicon import load_lexicon

    assert paths.LEXICON_CSV.exists(), "data/lexicon/tifa.csv is missing"
    return load_lexicon()


def test_plain_jieba_splits_what_tifa_keeps():
    import jieba
    plain = jieba.Tokenizer()
    assert "两个确立" not in list(plain.cut("坚定拥护两个确立"))
    for engine in ("jieba", "rjieba"):
        toks = tokenize("坚定拥护两个确立，发展全过程人民民主。", lexicon=LEX, engine=engine)
        assert "两个确立" in toks and "全过程人民民主" in toks


def test_longest_form_wins_and_leftmost_match():
    toks = tokenize("坚持习近平新时代中国特色社会主义思想和中国特色社会主义", lexicon=LEX)
    assert toks.count("习近平新时代中国特色社会主义思想") == 1
    assert toks.count("中国特色社会主义") == 1
    assert "四个全面战略布局" in tokenize("协调推进四个全面战略布局", lexicon=LEX)


def test_terms_with_non_han_characters_are_kept():
    assert "·一带一路·" in tokenize("推进·一带一路·建设", lexicon=LEX)


def test_punctuation_kept_whitespace_dropped():
    toks = tokenize("改革， 开放\n\n发展。", lexicon=[])
    assert toks == ["改革", "，", "开放", "发展", "。"]
    assert tokenize("改革 开放", lexicon=[], drop_whitespace=False) == ["改革", " ", "开放"]


def test_is_word_and_count_han():
    assert is_word("改革") and is_word("GDP") and is_word("2017")
    assert not is_word("，") and not is_word("——") and not is_word(" ")
    assert count_han("2017年GDP增长6.9%。") == 3
    assert count_han("𠀀㐀") == 2  # supplementary plane and extension A
    assert count_han("") == 0


def test_get_tokenizer_is_dedicated_and_cached():
    import jieba
    tok = get_tokenizer(LEX, engine="jieba")
    assert tok is not jieba.dt
    assert tok is get_tokenizer(list(reversed(LEX)), engine="jieba")
    assert get_tokenizer(LEX, engine="rjieba") is not tok
    # the global jieba dictionary is untouched
    assert not jieba.dt.FREQ.get("两个确立") if jieba.dt.initialized else True
    assert list(tok.cut("坚定拥护两个确立")) [-1] == "两个确立"


def test_unknown_engine():
    with pytest.raises(ValueError, match="engine"):
        tokenize("改革", lexicon=[], engine="thulac")


def test_jieba_initialises_quietly():
    code = ("from helpers.segment import tokenize;"
            "tokenize('测试', lexicon=['两个确立'], engine='jieba');"
            "tokenize('测试', lexicon=['两个确立'], engine='rjieba')")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.PROJECT_DIR)
    assert res.returncode == 0, res.stderr
    assert "prefix dict" not in res.stderr and "Loading model" not in res.stderr


# ---------------------------------------------------------------- losslessness

_PIECES = st.sampled_from(
    LEX + ["的", "改革", "开放", "2011-2020", "3.5%", "GDP", "www.gov.cn", "，", "。", "“", "”",
           " ", "\n", "\u3000", "\t", "两个", "确立", "全过程", "a", "1", "-", "·", "𠀀", "é",
           "(", ")", "[", "/", ":", "!", "?", "@", "~", "—", "…", "、", "；", "：", "（", "）", "《", "》",
           "【", "】", "！", "？", "％", "．", "Ａ", "１", "‘", "’", "㐀", "鿿", "①", "ⅱ", "😀"])
_TEXT = st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=60))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(["jieba", "rjieba"]), st.booleans())
def test_tokenize_is_lossless(text, engine, hmm):
    toks = tokenize(text, lexicon=LEX, engine=engine, hmm=hmm, drop_whitespace=False)
    assert "".join(toks) == text
    assert all(toks)
    kept = tokenize(text, lexicon=LEX, engine=engine, hmm=hmm)
    assert "".join(kept) == re.sub(r"\s", "", text)
    assert all(t.strip() for t in kept)
    spans = tokenize_spans(text, lexicon=LEX, engine=engine, hmm=hmm)
    assert all(text[s:s + len(t)] == t for t, s in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_engines_agree_on_mixed_text(text):
    """rjieba (with tifa's re-split of non-Han runs) matches jieba, HMM on."""
    assert tokenize(text, lexicon=LEX, engine="rjieba") == tokenize(text, lexicon=LEX, engine="jieba")


# ---------------------------------------------------------------- tokens_table

def small_corpus():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "text": ["坚持两个确立。", "", "发展 全过程人民民主，四个机关。", "改革开放\n\n再出发"],
    })


def test_tokens_table_columns_and_offsets():
    corpus = small_corpus()
    table = tokens_table(corpus, lexicon=LEX)
    assert list(table.columns) == ["doc_id", "position", "token", "char_start"]
    assert "b" not in set(table["doc_id"])  # empty document: no rows
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    for row in table.itertuples():
        assert texts[row.doc_id][row.char_start:row.char_start + len(row.token)] == row.token
    for _, grp in table.groupby("doc_id"):
        assert grp["position"].tolist() == list(range(len(grp)))
    assert table[table.doc_id == "c"]["token"].tolist()[:2] == ["发展", "全过程人民民主"]


def test_tokens_table_empty_corpus():
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=object), "text": pd.Series([], dtype=object)})
    table = tokens_table(empty, lexicon=LEX)
    assert len(table) == 0 and list(table.columns) == ["doc_id", "position", "token", "char_start"]


def test_tokens_table_n_jobs_identical():
    corpus = pd.concat([small_corpus()] * 3, ignore_index=True)
    corpus["doc_id"] = [f"d{i}" for i in range(len(corpus))]
    one = tokens_table(corpus, lexicon=LEX, n_jobs=1)
    two = tokens_table(corpus, lexicon=LEX, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_very_long_document():
    text = ("我们要坚持两个确立，坚决做到两个维护，发展全过程人民民主。" * 12000)[:350_000]
    assert len(text.encode("utf-8")) > 1_000_000
    toks = tokenize(text, lexicon=LEX)
    assert "".join(toks) == text
    assert toks.count("两个确立") == text.count("两个确立")


# ---------------------------------------------------------------- bundled data

def sentences_with(texts, form, limit=3):
    out = []
    for text in texts:
        start = 0
        while len(out) < limit:
            i = text.find(form, start)
            if i < 0:
                break
            a = max(text.rfind("。", 0, i), text.rfind("\n", 0, i)) + 1
            b = text.find("。", i + len(form))
            out.append((text[a:b + 1 if b >= 0 else len(text)], i - a))
            start = i + len(form)
        if len(out) >= limit:
            break
    return out


def covered(spans, start, length):
    return any(s <= start and start + length <= s + len(t) for t, s in spans)


def test_every_bundled_term_is_one_token_in_real_sentences():
    corpus = bundled_corpus()
    lex = bundled_lexicon()
    # the forms as the text is written (a variant with an ASCII comma is the term itself once normalised)
    forms = list(lexicon_forms(lex))
    protected = set(forms)
    guards = lexicon_forms(lex).guards
    texts = corpus["text"].tolist()
    found = 0
    for form in forms:
        contexts = sentences_with(texts, form) + [(f"我们要坚持{form}的要求。", 5), (f"{form}", 0)]
        for sentence, at in contexts:
            spans = tokenize_spans(sentence, lexicon=lex)
            # the occurrence lies inside one token (itself, or a longer lexicon
            # form) -- or it overlaps a lexicon form that starts further left
            # (中国特色社会主义|民主 vs 社会主义民主): tokens cannot overlap and the
            # leftmost form wins; count_slogans still counts both.
            # or it stands in one of its not_in strings (全面深化改革 in 全面深化改革开放), where it is not the term
            ok = covered(spans, at, len(form)) or any(
                t in protected and s < at < s + len(t) for t, s in spans) or blocked(sentence, at, form, guards)
            assert ok, (form, sentence, spans)
        found += len(contexts) > 2
    assert found > 50  # many terms really occur in the bundled documents


def test_pre_pass_agrees_with_lexicon_pattern_on_bundled_texts():
    corpus = bundled_corpus()
    lex = bundled_lexicon()
    pattern = lexicon_pattern(lex)
    text = corpus["text"].iloc[0]
    matches = [m.group() for m in pattern.finditer(text) if m.lastgroup == "term"]
    toks = tokenize(text, lexicon=lex)
    for m in set(matches):
        assert toks.count(m) == matches.count(m)


@pytest.mark.parametrize("hmm", [True, False])
def test_rjieba_identical_to_jieba_on_every_bundled_document(hmm):
    """engine="auto" uses rjieba only because of this test."""
    assert AUTO_ENGINE == "rjieba"
    corpus = bundled_corpus()
    lex = bundled_lexicon()
    assert len(corpus) >= 54
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        a = tokenize(text, lexicon=lex, engine="jieba", hmm=hmm)
        b = tokenize(text, lexicon=lex, engine="rjieba", hmm=hmm)
        assert a == b, doc_id


# ---------------------------------------------------------------- fast path

from collections import Counter  # noqa: E402

from helpers.segment import lexicon_forms, segmenter, segment_texts  # noqa: E402
from helpers.segment.reference import reference_spans as _reference_spans  # noqa: E402


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.booleans(), st.booleans())
def test_fast_path_equals_reference_procedure(text, hmm, drop_whitespace):
    """One engine call per document (sentinels) gives the per-gap reference tokens and offsets."""
    forms = lexicon_forms(LEX)
    ref = _reference_spans(text, forms, "rjieba", hmm, drop_whitespace)
    seg = segmenter(forms, "rjieba", hmm)
    toks, starts = seg.spans(text, drop_whitespace)
    assert list(zip(toks, starts)) == ref
    assert seg.tokens(text, drop_whitespace) == [t for t, _ in ref]
    if drop_whitespace:
        assert seg.counts(text) == Counter(t for t, _ in ref)


def test_fast_path_single_character_forms():
    lex = ["国", "两个确立"]
    text = "中国坚持两个确立，国家 GDP 2011-2020"
    forms = lexicon_forms(lex)
    assert tokenize_spans(text, lexicon=lex) == _reference_spans(text, forms, "rjieba", True, True)
    assert "国" in tokenize(text, lexicon=lex)


def test_segment_texts_counts_match_tokens():
    texts = small_corpus()["text"].tolist()
    counts = segment_texts(texts, lexicon=LEX, what="counts", n_jobs=1, cache=False)
    assert counts == [Counter(tokenize(t, lexicon=LEX)) for t in texts]
    with pytest.raises(ValueError, match="what"):
        segment_texts(texts, what="words")


def test_fast_path_identical_on_bundled_documents():
    corpus = bundled_corpus()
    lex = bundled_lexicon()
    forms = lexicon_forms(lex)
    seg = segmenter(forms, "rjieba", True)
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        toks, starts = seg.spans(text)
        assert list(zip(toks, starts)) == _reference_spans(text, forms, "rjieba", True, True), doc_id


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join), st.text(max_size=200))
def test_count_han_fast_path_equals_regex(a, b):
    text = a + b + "改" * 70  # long enough for the numpy path
    assert count_han(text) == len(re.findall(f"[{HAN_CLASS}]", text))


def test_docstring_examples_run():
    import doctest

    import importlib
    import pkgutil

    from helpers import segment
    modules = [segment] + [importlib.import_module(f"{segment.__name__}.{m.name}")
                           for m in pkgutil.iter_modules(segment.__path__)]
    results = [doctest.testmod(module, optionflags=doctest.ELLIPSIS) for module in modules]
    result = doctest.TestResults(sum(r.failed for r in results), sum(r.attempted for r in results))
    assert result.failed == 0 and result.attempted >= 8


# ---------------------------------------------------------------- numpy form index

from helpers import segment as _seg  # noqa: E402
from helpers.segment import FormIndex  # noqa: E402
from helpers.segment import index as _index  # noqa: E402
from helpers.segment import tokens as _tokens  # noqa: E402
from helpers.segment.patterns import RJIEBA_UNSAFE as _RJIEBA_UNSAFE  # noqa: E402
from helpers.segment.patterns import fixed_pattern as _fixed_pattern  # noqa: E402

# nested, overlapping, single-character and ASCII forms (a form never holds whitespace)
_INDEX_LEX = LEX + ["两个", "个确", "国", "·", "COVID-19", "2011-2020", "发展发展", "展发"]
_LONG_PIECES = st.sampled_from(
    _INDEX_LEX + ["的", "改革", "开放", "发展", "3.5%", "GDP", "，", "。", " ", "\n", "\u3000", "\t",
                  "两", "个", "确立", "a", "1", "-", "𠀀", "é", "、", "（", "）", "㐀", "鿿", "①", "😀",
                  "COVID", "19"])


def _regex_matches(forms, text):
    return [(m.start(), m.end(), m.lastgroup == "space") for m in _fixed_pattern(forms).finditer(text)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_LONG_PIECES, max_size=120).map("".join), st.text(max_size=80)),
       st.sampled_from([LEX, _INDEX_LEX, ["国"], [], ["ab", "abc", "bc"]]))
def test_form_index_equals_the_regex(text, lexicon):
    forms = lexicon_forms(lexicon)
    assert FormIndex(forms).matches(text) == _regex_matches(forms, text)


def test_form_index_equals_the_regex_on_bundled_documents():
    corpus = bundled_corpus()
    forms = lexicon_forms(bundled_lexicon())
    index = FormIndex(forms)
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        assert index.matches(text) == _regex_matches(forms, text), doc_id


def test_whitespace_is_split_off_by_the_fast_path():
    """The index takes whitespace runs inside runs of split-off characters: every \\s character is one."""
    spaces = [chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))]
    assert spaces and all(_RJIEBA_UNSAFE.match(ch) for ch in spaces)
    assert all(ch.isspace() for ch in spaces)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LONG_PIECES, min_size=60, max_size=200).map("".join), st.booleans())
def test_fast_path_equals_reference_on_long_texts(text, hmm):
    """Texts long enough for the numpy index: same tokens, offsets and counts as the reference."""
    text = text * (1 + _seg.INDEX_MIN_CHARS // max(1, len(text)))
    assert len(text) >= _seg.INDEX_MIN_CHARS
    forms = lexicon_forms(_INDEX_LEX)
    ref = _reference_spans(text, forms, "rjieba", hmm, True)
    seg = segmenter(forms, "rjieba", hmm)
    toks, starts = seg.spans(text)
    assert list(zip(toks, starts)) == ref
    assert seg.counts(text) == Counter(t for t, _ in ref)


def test_big_lexicon_falls_back_to_the_regex(monkeypatch):
    monkeypatch.setattr(_index, "_INDEX_MAX_PAIRS", 4)
    forms = lexicon_forms(LEX)
    seg = _tokens._Segmenter(forms, "rjieba", True)
    assert seg.index is None
    text = "坚持两个确立，发展全过程人民民主。" * 40
    assert seg.tokens(text) == [t for t, _ in _reference_spans(text, forms, "rjieba", True, True)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LONG_PIECES, max_size=120).map("".join), st.integers(1, 40))
def test_form_index_blocks_change_nothing(text, block):
    """Long texts are indexed in blocks of positions: a match across a block edge is found all the same."""
    forms = lexicon_forms(_INDEX_LEX)
    expected = _regex_matches(forms, text)
    saved = _index._INDEX_BLOCK
    try:
        _index._INDEX_BLOCK = block
        assert FormIndex(forms).matches(text) == expected
    finally:
        _index._INDEX_BLOCK = saved
