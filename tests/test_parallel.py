"""n_jobs gives identical results: worker processes are forced on a small corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import segment, textstat

LEX = ["两个确立", "两个维护", "全过程人民民主", "中国特色社会主义"]
TEXTS = [
    "坚持两个确立，坚决做到两个维护。发展全过程人民民主。",
    "",
    "2011-2020年GDP增长6.9%，www.gov.cn 发布。\n\n中国特色社会主义进入新时代。",
    "改革开放再出发，改革开放是决定当代中国命运的关键一招。",
    "𠀀㐀 混合文字 abc-def 与“两个确立”。",
] * 3


@pytest.fixture
def corpus():
    return pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(TEXTS))], "text": TEXTS,
                         "year": [2000 + i % 4 for i in range(len(TEXTS))]})


@pytest.fixture
def always_parallel(monkeypatch, tmp_path):
    monkeypatch.setattr(segment.corpus, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setenv("TIFA_CACHE", str(tmp_path / "cache"))


def test_segment_texts_uses_processes_and_keeps_order(always_parallel, monkeypatch):
    started = []
    real = segment.corpus.ProcessPoolExecutor

    def spy(*args, **kwargs):
        started.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(segment.corpus, "ProcessPoolExecutor", spy)
    one = segment.segment_texts(TEXTS, lexicon=LEX, n_jobs=1, cache=False)
    two = segment.segment_texts(TEXTS, lexicon=LEX, n_jobs=2, cache=False)
    assert started == [2]
    assert one == two
    assert segment.segment_texts(TEXTS, lexicon=LEX, what="counts", n_jobs=2, cache=False) == \
        segment.segment_texts(TEXTS, lexicon=LEX, what="counts", n_jobs=1, cache=False)


def test_small_corpus_stays_in_process(monkeypatch):
    monkeypatch.setattr(segment.corpus, "ProcessPoolExecutor", None)  # would fail if used
    assert segment.segment_texts(TEXTS, lexicon=LEX, n_jobs=2, cache=False)


@pytest.mark.parametrize("cache", [False, True])
def test_tokens_table_identical_for_any_n_jobs(always_parallel, corpus, cache):
    one = segment.tokens_table(corpus, lexicon=LEX, n_jobs=1, cache=cache)
    two = segment.tokens_table(corpus, lexicon=LEX, n_jobs=2, cache=cache)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("by", ["doc_id", None, "year"])
def test_term_frequencies_identical_for_any_n_jobs(always_parallel, corpus, by):
    one = textstat.term_frequencies(corpus, by=by, lexicon=LEX, n_jobs=1)
    two = textstat.term_frequencies(corpus, by=by, lexicon=LEX, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_other_token_counts_identical_for_any_n_jobs(always_parallel, corpus):
    target = corpus["year"] == 2000
    pd.testing.assert_frame_equal(textstat.keyness(corpus, target, lexicon=LEX, n_jobs=1),
                                  textstat.keyness(corpus, target, lexicon=LEX, n_jobs=2))
    a = textstat.document_term_matrix(corpus, lexicon=LEX, n_jobs=1)
    b = textstat.document_term_matrix(corpus, lexicon=LEX, n_jobs=2)
    assert a.vocabulary == b.vocabulary and (a.matrix != b.matrix).nnz == 0
    pd.testing.assert_frame_equal(textstat.collocations(corpus, lexicon=LEX, min_count=1, n_jobs=1),
                                  textstat.collocations(corpus, lexicon=LEX, min_count=1, n_jobs=2))
    pd.testing.assert_frame_equal(textstat.similarity(corpus, lexicon=LEX, n_jobs=1),
                                  textstat.similarity(corpus, lexicon=LEX, n_jobs=2))


def test_progress_bar_only_when_asked(corpus, capsys):
    segment.segment_texts(TEXTS, lexicon=LEX, n_jobs=1, cache=False)
    assert "Segmenting" not in capsys.readouterr().err
    segment.segment_texts(TEXTS, lexicon=LEX, n_jobs=1, cache=False, progress=True)
    assert "Segmenting" in capsys.readouterr().err
    textstat.term_frequencies(corpus, lexicon=LEX, progress=False)
    assert "Segmenting" not in capsys.readouterr().err


def test_default_n_jobs_is_all_cores():
    import os

    assert segment.default_n_jobs() == (os.cpu_count() or 1)


def test_series_input_and_bounded_chunks(always_parallel):
    texts = pd.Series(TEXTS * 4)  # more chunks than are sent at once
    one = segment.segment_texts(texts.tolist(), lexicon=LEX, n_jobs=1, cache=False)
    two = segment.segment_texts(texts, lexicon=LEX, n_jobs=2, cache=False)
    assert one == two


@pytest.fixture
def pools_started(monkeypatch):
    """The max_workers of every ProcessPoolExecutor started (imported from concurrent.futures at call time)."""
    import concurrent.futures

    started = []
    real = concurrent.futures.ProcessPoolExecutor

    def spy(*args, **kwargs):
        started.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    return started


@pytest.mark.parametrize("keep_raw", [True, False])
def test_load_corpus_identical_for_any_n_jobs(tmp_path, monkeypatch, keep_raw, pools_started):
    """Worker processes read, decode and clean the files: the same corpus, problems and row order."""
    import helpers
    from helpers import load

    folder = tmp_path / "c"
    (folder / "sub").mkdir(parents=True)
    texts = ["坚持两个确立。（ｑｕè）", "發展全過程人民民主。", "改革开放\r\n\r\n再出发 ", "两个维护" * 500]
    for i in range(24):
        t = texts[i % len(texts)] + str(i)
        name = folder / ("sub" if i % 5 == 0 else "") / f"{2000 + i}_d{i:02d}.txt"
        name.write_bytes(t.encode("gb18030" if i % 3 == 0 else "utf-8"))
    (folder / "2030_empty.txt").write_bytes(b"")
    (folder / "2031_bad.txt").write_bytes(b"\x00\x01\x02" * 10)
    monkeypatch.setattr(load.files, "PARALLEL_MIN_BYTES", 0)
    with pytest.warns(helpers.CorpusWarning):
        one = helpers.load_corpus(folder, errors="collect", keep_raw=keep_raw, n_jobs=1)
    assert pools_started == []
    with pytest.warns(helpers.CorpusWarning):
        two = helpers.load_corpus(folder, errors="collect", keep_raw=keep_raw, n_jobs=2)
    assert pools_started == [1]  # the files are small: one chunk, so one worker
    pd.testing.assert_frame_equal(one, two)
    assert one.attrs["problems"] == two.attrs["problems"]
    assert len(one) == 24 and {p["file"] for p in one.attrs["problems"]} == {"2030_empty.txt", "2031_bad.txt"}
    with pytest.raises(helpers.CorpusError, match="2030_empty.txt"):
        helpers.load_corpus(folder, n_jobs=2)  # errors="raise" stops at the first bad file, in order


def test_load_corpus_chunks_go_to_several_workers(tmp_path, monkeypatch, pools_started):
    import helpers
    from helpers import load

    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"第{i}篇。" + "两个确立。" * 80_000, encoding="utf-8")  # 1.2 MB each
    monkeypatch.setattr(load.files, "PARALLEL_MIN_BYTES", 0)
    serial = helpers.load_corpus(tmp_path, n_jobs=1)
    parallel = helpers.load_corpus(tmp_path, n_jobs=2)
    assert pools_started == [2]  # six chunks of one file each, shared by two workers
    pd.testing.assert_frame_equal(serial, parallel)
    assert parallel["text"].str.startswith("第").all() and parallel["doc_id"].tolist() == [str(i) for i in range(6)]
