"""The Parquet token cache: same results, invalidated by text or lexicon, corrupt files rebuilt."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import cache, segment

LEX = ["两个确立", "全过程人民民主"]


@pytest.fixture(autouse=True)
def tmp_cache(monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TIFA_CACHE", str(folder))
    return folder / "tokens"


@pytest.fixture
def corpus():
    return pd.DataFrame({"doc_id": ["a", "b", "c"],
                         "text": ["坚持两个确立，发展全过程人民民主。", "改革开放 2011-2020 GDP", ""]})


def files(folder):
    return sorted(folder.rglob("*.parquet"))


def test_cache_location_follows_tifa_cache(tmp_cache):
    assert cache.cache_dir() == tmp_cache


def test_cached_results_equal_uncached(tmp_cache, corpus):
    plain = segment.tokens_table(corpus, lexicon=LEX, cache=False)
    assert not files(tmp_cache)
    cold = segment.tokens_table(corpus, lexicon=LEX, cache=True)
    assert len(files(tmp_cache)) == 3  # one per document (the empty one too)
    warm = segment.tokens_table(corpus, lexicon=LEX, cache=True)
    pd.testing.assert_frame_equal(plain, cold)
    pd.testing.assert_frame_equal(plain, warm)
    tf = helpers.term_frequencies(corpus, lexicon=LEX, cache=False)
    pd.testing.assert_frame_equal(tf, helpers.term_frequencies(corpus, lexicon=LEX, cache=True))


def test_warm_cache_does_not_segment(tmp_cache, corpus, monkeypatch):
    segment.tokens_table(corpus, lexicon=LEX, cache=True)

    def fail(*args, **kwargs):
        raise AssertionError("segmented although cached")

    monkeypatch.setattr(segment.tokens._Segmenter, "spans", fail)
    segment.tokens_table(corpus, lexicon=LEX, cache=True)


def test_changed_text_or_lexicon_is_a_new_entry(tmp_cache, corpus):
    segment.tokens_table(corpus, lexicon=LEX, cache=True)
    before = set(files(tmp_cache))
    changed = corpus.assign(text=corpus["text"].str.replace("改革", "开放"))
    out = segment.tokens_table(changed, lexicon=LEX, cache=True)
    assert "改革" not in set(out["token"])
    assert len(set(files(tmp_cache)) - before) == 1
    # another lexicon: 两个确立 is no longer kept whole, another folder is used
    other = segment.tokens_table(corpus, lexicon=["全过程人民民主"], cache=True)
    assert "两个确立" not in set(other["token"])
    assert len({p.parent.parent for p in files(tmp_cache)}) == 2
    pd.testing.assert_frame_equal(other, segment.tokens_table(corpus, lexicon=["全过程人民民主"], cache=False))


def test_engine_and_hmm_are_part_of_the_key():
    a = cache.CacheKey.for_segmenter(("两个确立",), "rjieba", True)
    assert a != cache.CacheKey.for_segmenter(("两个确立",), "rjieba", False)
    assert a != cache.CacheKey.for_segmenter(("两个确立",), "jieba", True)
    assert a == cache.CacheKey.for_segmenter(("两个确立",), "rjieba", True)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other_text"])
def test_corrupt_cache_file_is_rebuilt_not_used(tmp_cache, corpus, damage):
    plain = segment.tokens_table(corpus, lexicon=LEX, cache=False)
    segment.tokens_table(corpus, lexicon=LEX, cache=True)
    key = cache.CacheKey.for_segmenter(segment.lexicon_forms(LEX), "rjieba", True)
    path = key.path(cache.text_hash(corpus["text"][0]))
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"PAR1" + b"\x00" * 50 + b"PAR1")
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a valid file, but of another document
        path.write_bytes(key.path(cache.text_hash(corpus["text"][1])).read_bytes())
    assert cache.load_tokens(key, corpus["text"][0]) is None
    assert not path.exists()  # removed
    segment.tokens_table(corpus, lexicon=LEX, cache=True)
    assert path.exists()  # rebuilt
    pd.testing.assert_frame_equal(plain, segment.tokens_table(corpus, lexicon=LEX, cache=True))


def test_tampered_tokens_fail_the_checksum(tmp_cache, corpus):
    import pyarrow as pa
    import pyarrow.parquet as pq

    segment.tokens_table(corpus, lexicon=LEX, cache=True)
    key = cache.CacheKey.for_segmenter(segment.lexicon_forms(LEX), "rjieba", True)
    path = key.path(cache.text_hash(corpus["text"][0]))
    table = pq.read_table(path)
    tokens = table.column("token").to_pylist()
    tokens[0] = "假"
    bad = pa.table({"token": tokens, "char_start": table.column("char_start")}).replace_schema_metadata(
        table.schema.metadata)
    pq.write_table(bad, path)
    assert cache.load_tokens(key, corpus["text"][0]) is None


def test_clear_cache(tmp_cache, corpus):
    assert helpers.clear_cache() == 0
    segment.tokens_table(corpus, lexicon=LEX, cache=True)
    assert helpers.clear_cache() == 3
    assert not files(tmp_cache)


def test_auto_cache_only_for_big_corpora(tmp_cache, corpus, monkeypatch):
    segment.tokens_table(corpus, lexicon=LEX)
    assert not files(tmp_cache)
    monkeypatch.setattr(cache, "AUTO_CACHE_CHARS", 1)
    segment.tokens_table(corpus, lexicon=LEX)
    assert files(tmp_cache)


def test_unwritable_cache_does_not_fail(monkeypatch, tmp_path, corpus):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TIFA_CACHE", str(blocker))  # a file: the folder cannot be made
    out = segment.tokens_table(corpus, lexicon=LEX, cache=True)
    pd.testing.assert_frame_equal(out, segment.tokens_table(corpus, lexicon=LEX, cache=False))


def test_user_words_are_cached_and_checked(tmp_cache):
    from helpers.segment import stock_jieba
    from helpers.segment.engines import _user_words

    forms = ("两个确立", "全过程人民民主", "改革")
    words = _user_words(forms)
    stock = stock_jieba()
    assert words == [(w, stock.suggest_freq(w, False)) for w in forms if not stock.FREQ.get(w)]
    assert cache.load_user_words(forms) == words
    assert cache.load_user_words(("两个确立",)) is None  # another lexicon
    path = next(tmp_cache.rglob("*.json"))
    path.write_text("{not json", encoding="utf-8")
    assert cache.load_user_words(forms) is None
    assert _user_words(forms) == words  # rebuilt


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(cache, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 5
