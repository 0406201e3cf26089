"""helpers.run_pipeline: one pass over a folder gives the step-by-step counts, for any n_jobs."""

from __future__ import annotations

import shutil
from collections import Counter

import pandas as pd
import pytest

import helpers
from helpers import paths
from helpers import pipeline as pl


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Twelve bundled documents (national reports and seeds), some in a sub-folder, with a metadata CSV."""
    out = tmp_path_factory.mktemp("pipeline") / "reports"
    files = sorted(paths.GWR_DIR.glob("*.txt"))[-10:] + sorted(paths.SEEDS_DIR.glob("*.txt"))[:2]
    rows = []
    for i, f in enumerate(files):
        rel = f"{'sub/' if i % 3 == 0 else ''}{f.name}"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, out / rel)
        year = int(f.name[:4]) if f.name[:4].isdigit() else 2021
        rows.append({"doc_id": f.stem, "file": rel, "date": f"{year}-03-05", "province": "全国"})
    pd.DataFrame(rows).to_csv(out / "metadata.csv", index=False)
    return out


def _expected(folder, **kw):
    corpus = helpers.load_corpus(folder)
    return (helpers.term_frequencies(corpus, by=None, n_jobs=1, cache=False, **kw),
            helpers.count_slogans(corpus, kw.get("lexicon")))


@pytest.fixture(scope="module")
def expected(folder):
    return _expected(folder)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_same_tables_as_the_step_by_step_path(folder, expected, n_jobs, monkeypatch):
    monkeypatch.setattr(pl, "GROUP_BYTES", 150_000)  # several groups, so workers and combining are exercised
    monkeypatch.setattr(pl, "MIN_GROUP_BYTES", 50_000)
    monkeypatch.setattr(pl, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pl, "_BATCH_DOCS", 3)
    result = helpers.run_pipeline(folder, n_jobs=n_jobs, progress=False)
    tf, slogans = expected
    assert len(pl._groups(folder, pl.list_files(folder)[1], n_jobs, pl.GROUP_BYTES)) > 2
    pd.testing.assert_frame_equal(result.term_frequencies, tf)
    pd.testing.assert_frame_equal(result.slogans, slogans)
    assert result.n_docs == 12 and result.problems == []
    assert result.slogans["before_first_use"].dtype == bool
    assert result.n_chars == sum(helpers.segment.count_han(t) for t in helpers.load_corpus(folder)["text"])


@pytest.mark.parametrize("by", ["year", ["province", "year"], "doc_id"])
def test_counts_by_metadata_equal_term_frequencies_by(folder, by, monkeypatch):
    monkeypatch.setattr(pl, "GROUP_BYTES", 150_000)  # a year's documents fall in several groups
    monkeypatch.setattr(pl, "MIN_GROUP_BYTES", 50_000)
    corpus = helpers.load_corpus(folder)
    expected = helpers.term_frequencies(corpus, by=by, n_jobs=1, cache=False)
    result = helpers.run_pipeline(folder, by=by, n_jobs=1)
    pd.testing.assert_frame_equal(result.term_frequencies, expected)


def test_documents_table_is_the_corpus_without_text(folder):
    corpus = helpers.load_corpus(folder)
    docs = helpers.run_pipeline(folder, n_jobs=1).documents
    assert "text" not in docs.columns and "raw" not in docs.columns
    assert docs["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert docs["n_chars"].tolist() == [helpers.segment.count_han(t) for t in corpus["text"]]
    same = [c for c in docs.columns if c not in ("n_chars", "script")]
    pd.testing.assert_frame_equal(docs[same], corpus[same])


def test_by_an_unknown_column_is_a_clear_error(folder):
    with pytest.raises(ValueError, match=r"by='provnce': not a metadata column; choose among .*province"):
        helpers.run_pipeline(folder, by="provnce")


def test_own_lexicon_and_stopwords(folder):
    lexicon = ["改革开放", "人民代表大会", "两个确立", "政府工作"]
    tf, slogans = _expected(folder, lexicon=lexicon, stopwords=["我们", "发展"])
    result = helpers.run_pipeline(folder, lexicon=lexicon, stopwords=["我们", "发展"], n_jobs=1)
    pd.testing.assert_frame_equal(result.term_frequencies, tf)
    pd.testing.assert_frame_equal(result.slogans, slogans)
    assert "我们" not in set(result.term_frequencies["term"])
    assert set(result.slogans["term"]) <= set(lexicon)


def test_one_scan_serves_segmentation_and_slogans():
    from helpers.lexicon import as_lexicon

    counter = pl._Counter(as_lexicon(None), True, "auto")
    assert counter.shared is not None  # the bundled lexicon's forms are the segmenter's forms
    text = "坚持两个确立，做到两个维护。" * 40
    words, slogans = counter(text)
    assert words == helpers.segment.segmenter(counter.seg.forms, counter.seg.engine, True).counts(text)
    names = [t for t, _, _ in counter.term_forms]
    assert slogans[names.index("两个确立")] == 40 and slogans[names.index("两个维护")] == 40


def test_glob_list_and_a_bad_file(folder, expected, tmp_path, monkeypatch):
    tf, slogans = expected
    by_glob = helpers.run_pipeline(str(folder / "**" / "*.txt"), n_jobs=1)
    # without the metadata CSV, doc_ids and dates come from the file names: the word counts do not change
    pd.testing.assert_frame_equal(by_glob.term_frequencies, tf)
    assert by_glob.slogans["count"].sum() == slogans["count"].sum()
    files = sorted(folder.rglob("*.txt"))
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.warns(helpers.CorpusWarning, match=r"1 file\(s\) were skipped \(.*empty.txt: the file is empty"):
        by_list = helpers.run_pipeline([*files, bad], n_jobs=2)  # under 2 MB: counted in this process
    monkeypatch.setattr(pl, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pl, "GROUP_BYTES", 200_000)
    with pytest.warns(helpers.CorpusWarning, match="empty.txt"):
        in_workers = helpers.run_pipeline([bad, *files], n_jobs=2)
    assert in_workers.problems == by_list.problems
    pd.testing.assert_frame_equal(in_workers.slogans, by_list.slogans)
    assert by_list.n_docs == 12
    assert len(by_list.problems) == 1 and by_list.problems[0]["file"].endswith("empty.txt")
    assert "empty" in by_list.problems[0]["problem"]
    pd.testing.assert_frame_equal(by_list.term_frequencies, tf)


def test_no_files(tmp_path):
    with pytest.raises(ValueError, match="no .txt files"):
        helpers.run_pipeline(tmp_path)


def test_groups_are_contiguous_bounded_and_shrinking(tmp_path, monkeypatch):
    monkeypatch.setattr(pl, "MIN_GROUP_BYTES", 100)
    sizes = [10, 500, 20, 20, 900, 5, *[60] * 30]
    for i, size in enumerate(sizes):
        (tmp_path / f"{i:02d}.txt").write_bytes(b"x" * size)
    files = sorted(p.name for p in tmp_path.glob("*.txt"))
    groups = pl._groups(tmp_path, files, 2, 600)
    assert [f for g in groups for f in g] == files
    size = [sum((tmp_path / f).stat().st_size for f in g) for g in groups]
    assert all(s <= 600 or len(g) == 1 for s, g in zip(size, groups))  # one file may be bigger than a group
    assert len(groups) >= 4 and size[-2] < size[1]
    assert pl._groups(tmp_path, files, 1, 10**9) == [files]
    assert len(pl._groups(tmp_path, files, 1, 600)) >= sum(sizes) // 600


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_progress_bar_counts_every_file(folder, capsys, monkeypatch, n_jobs):
    monkeypatch.setattr(pl, "PARALLEL_MIN_BYTES", 0)  # with n_jobs=2, workers report to a shared counter
    monkeypatch.setattr(pl, "GROUP_BYTES", 150_000)
    monkeypatch.setattr(pl, "MIN_GROUP_BYTES", 50_000)
    helpers.run_pipeline(folder, n_jobs=n_jobs, progress=True)
    err = capsys.readouterr().err
    assert "12/12" in err and "13/12" not in err


def test_docstring_examples_run():
    import doctest

    assert doctest.testmod(pl).failed == 0


def test_every_problem_reported_once_in_the_callers_process(tmp_path):
    (tmp_path / "a.txt").write_text("坚持两个确立。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("两个维护。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text("两个确立", encoding="utf-8")
    pd.DataFrame({"doc_id": ["a"], "file": ["a.txt"], "date": ["2021-01-01"]}).to_csv(tmp_path / "metadata.csv",
                                                                                    index=False)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = helpers.run_pipeline(tmp_path, lexicon=["两个确立", "两个维护"], n_jobs=1)
    messages = [str(w.message) for w in caught if issubclass(w.category, helpers.CorpusWarning)]
    assert len(messages) == 2, messages
    assert "2 file(s) were skipped" in messages[0] and ".hidden.txt" in messages[0] and "empty.txt" in messages[0]
    assert "1 file(s) have no row in the metadata" in messages[1] and "b.txt" in messages[1]
    actions = {p["file"]: p["action"] for p in result.problems}
    assert actions == {".hidden.txt": "skipped", "empty.txt": "skipped", "b.txt": "loaded without metadata"}
    assert all(w.filename == __file__ for w in caught)  # attributed to the caller's line
    assert result.n_docs == 2 and result.slogans["count"].sum() == 2


def test_merging_groups_as_they_arrive_equals_combining_them_at_once():
    import random

    rng = random.Random(0)
    words = [f"w{i}" for i in range(50)]

    def part(i):
        tf = Counter({w: rng.randint(1, 9) for w in rng.sample(words, rng.randint(0, 40))})
        return {"tf": tf, "df": Counter({w: 1 for w in tf}), "slogans": [i], "problems": [], "documents": [i],
                "tf_by": [], "n_chars": i, "n_docs": 1}

    parts = [part(i) for i in range(8)]
    expected = pl.combine_parts(parts)
    merged = None
    copies = [dict(p, tf=Counter(p["tf"]), df=Counter(p["df"]), slogans=list(p["slogans"]),
                   documents=list(p["documents"])) for p in parts]  # _merge changes its arguments
    for p in copies:
        merged = p if merged is None else pl._merge(merged, p)
    assert merged["tf"] == expected["tf"] and merged["df"] == expected["df"]
    assert merged["slogans"] == list(range(8)) == merged["documents"]
    assert merged["n_chars"] == sum(range(8)) and merged["n_docs"] == 8


def test_spawned_workers_as_on_macos_and_windows(folder, expected, monkeypatch):
    """macOS and Windows start workers with spawn (a fresh interpreter): what they are sent must pickle."""
    from helpers import _parallel, load, segment

    monkeypatch.setattr(_parallel, "START_METHOD", "spawn")
    monkeypatch.setattr(pl, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pl, "GROUP_BYTES", 300_000)
    monkeypatch.setattr(load.files, "PARALLEL_MIN_BYTES", 0)
    result = helpers.run_pipeline(folder, n_jobs=2, progress=False)
    tf, slogans = expected
    pd.testing.assert_frame_equal(result.term_frequencies, tf)
    pd.testing.assert_frame_equal(result.slogans, slogans)
    corpus = helpers.load_corpus(folder, n_jobs=2)
    pd.testing.assert_frame_equal(corpus, helpers.load_corpus(folder, n_jobs=1))
    monkeypatch.setattr(segment.corpus, "PARALLEL_MIN_CHARS", 0)
    pd.testing.assert_frame_equal(helpers.term_frequencies(corpus, by=None, n_jobs=2, cache=False), tf)


# --------------------------------------------------------------------------- issue 14: one big file, bounded memory


def test_one_big_file_stays_within_three_times_its_size_plus_300_mb(tmp_path):
    # one 30 MB document of report text: run_pipeline's peak RSS (a fresh child process) was 1.2 GB (40x the file)
    import runpy

    bench = runpy.run_path(str(paths.PROJECT_DIR / "benchmarks" / "memory.py"))
    big = bench["write_big_file"](tmp_path / "big.txt", 30)
    peak, counts = bench["peak_rss_of_pipeline"](big, n_jobs=1, timeout=300)
    assert counts["n_docs"] == 1 and counts["slogans"] > 0
    bound = bench["BOUND_FACTOR"] * big.stat().st_size + bench["BOUND_MB"] * bench["MB"]
    assert peak <= bound, f"peak {peak / 1e6:.0f} MB, bound {bound / 1e6:.0f} MB"


def test_a_long_document_counted_in_pieces_gives_the_counts_of_the_whole(folder, monkeypatch):
    from helpers import _counting as counting

    whole = pl.run_pipeline(folder, n_jobs=1, progress=False)
    monkeypatch.setattr(counting, "PIECE_CHARS", 300)  # every document is cut into many pieces
    pieces = pl.run_pipeline(folder, n_jobs=1, progress=False)
    pd.testing.assert_frame_equal(pieces.term_frequencies, whole.term_frequencies)
    pd.testing.assert_frame_equal(pieces.slogans, whole.slogans)
    assert pieces.n_chars == whole.n_chars


@pytest.mark.parametrize("size", [1, 5, 40, 1000])
def test_text_pieces_cut_after_line_breaks_or_full_stops_and_lose_nothing(size):
    from helpers._counting import text_pieces

    text = "坚持以人民为中心。发展全过程人民民主\n\n推进高质量发展。" * 7 + "没有句号的一长行" * 30
    pieces = list(text_pieces(text, size))
    assert "".join(pieces) == text
    assert all(p[-1] in "\n。" for p in pieces[:-1])
    assert all(len(p) <= 2 * size + len("没有句号的一长行" * 30) for p in pieces)


def test_a_file_with_a_stray_byte_is_skipped_with_its_place_or_counted_on_request(tmp_path):
    (tmp_path / "good.txt").write_text("坚持全过程人民民主。\n", encoding="utf-8")
    (tmp_path / "stray.txt").write_bytes("坚持全过程人民民主。\n".encode() * 2 + b"\xfe" + "全过程人民民主。\n".encode())
    with pytest.warns(helpers.CorpusWarning, match="skipped"):
        strict = pl.run_pipeline(tmp_path, n_jobs=1, progress=False)
    assert strict.n_docs == 1
    offset = len("坚持全过程人民民主。\n".encode()) * 2
    assert [p["file"] for p in strict.problems] == ["stray.txt"]
    assert f"byte offset {offset}, line 3: FE" in strict.problems[0]["problem"]
    with pytest.warns(helpers.CorpusWarning, match="changed as they were read"):
        replaced = pl.run_pipeline(tmp_path, n_jobs=1, progress=False, decode_errors="replace")
    assert replaced.n_docs == 2
    assert replaced.problems == [{"file": "stray.txt", "action": "loaded with replacement characters",
                                  "problem": replaced.problems[0]["problem"]}]
    counts = replaced.slogans.groupby("doc_id")["count"].sum()
    assert counts["stray"] == 3 and counts["good"] == 1


# ---------------------------------------------------------------- issue 14, section 4: the same metadata rules as load_corpus

def _docs(tmp_path, names):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, name in enumerate(names):
        (folder / name).write_text("坚持两个确立。" * (i + 1) * 200, encoding="utf-8")
    return folder


def test_metadata_with_doc_id_only_is_matched_and_unused_rows_reported(tmp_path):
    folder = _docs(tmp_path, ["a.txt", "b.txt"])
    meta = pd.DataFrame({"doc_id": ["a", "b", "zzz"], "title": ["甲", "乙", "丙"]})
    with pytest.warns(helpers.CorpusWarning, match="match no file.*zzz"):
        result = helpers.run_pipeline(folder, metadata=meta, lexicon=["两个确立"], n_jobs=1, progress=False)
    assert result.documents["title"].tolist() == ["甲", "乙"]
    assert [p["action"] for p in result.problems] == ["metadata row not used"]
    assert "zzz" in result.problems[0]["problem"]


def test_a_missing_folder_is_named(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(helpers.CorpusError, match="does not exist") as info:
        helpers.run_pipeline(missing, n_jobs=1)
    assert "nowhere" in str(info.value) and info.value.path == missing


def test_two_metadata_rows_naming_one_file_are_an_error(tmp_path):
    folder = _docs(tmp_path, ["a.txt"])
    meta = pd.DataFrame({"doc_id": ["A", "A2"], "file": ["a.txt", "a.txt"]})
    with pytest.raises(helpers.CorpusError, match="duplicate file: 'a.txt' in rows 2, 3"):
        helpers.run_pipeline(folder, metadata=meta, n_jobs=1)


def test_a_metadata_row_naming_a_missing_file_is_reported(tmp_path):
    folder = _docs(tmp_path, ["a.txt"])
    meta = pd.DataFrame({"doc_id": ["A", "C"], "file": ["a.txt", "c.txt"]})
    with pytest.warns(helpers.CorpusWarning, match="c.txt"):
        result = helpers.run_pipeline(folder, metadata=meta, lexicon=["两个确立"], n_jobs=1)
    assert result.n_docs == 1
    assert [(p["file"], p["action"]) for p in result.problems] == [("c.txt", "skipped")]


def test_doc_ids_are_those_of_load_corpus_in_every_group(tmp_path, monkeypatch):
    """a.txt and a.TXT in different groups (one per file) still get different ids, the ids load_corpus gives."""
    monkeypatch.setattr(pl, "GROUP_BYTES", 1)
    monkeypatch.setattr(pl, "MIN_GROUP_BYTES", 1)
    folder = _docs(tmp_path, ["a.TXT", "a.Txt", "a.txt", "b.txt"])
    with pytest.warns(helpers.CorpusWarning, match="share a doc_id"):
        corpus = helpers.load_corpus(folder)
    with pytest.warns(helpers.CorpusWarning, match="share a doc_id"):
        result = helpers.run_pipeline(folder, lexicon=["两个确立"], n_jobs=1, progress=False)
    assert len(pl._groups(folder, sorted(p.name for p in folder.iterdir()), 1, 1)) == 4
    assert result.documents["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert result.slogans["doc_id"].is_unique
    assert result.problems == corpus.attrs["problems"]


def test_headers_in_any_case_and_years_before_1677(tmp_path):
    folder = _docs(tmp_path, ["a.txt", "b.txt"])
    (folder / "metadata.csv").write_text("File,Date,Province\na.txt,1644,甲\nb.txt,2021年11月,乙\n", encoding="utf-8")
    with pytest.warns(helpers.CorpusWarning, match="read as 'date'"):
        result = helpers.run_pipeline(folder, lexicon=["两个确立"], by="year", n_jobs=1)
    assert result.documents["year"].tolist() == [1644, 2021]
    assert result.documents["province"].tolist() == ["甲", "乙"]
    assert str(result.documents["date"].dtype) == "datetime64[s]"
    assert sorted(result.term_frequencies["year"].unique()) == [1644, 2021]


def test_bundled_names_read_the_bundled_corpus_even_beside_a_folder_of_that_name(tmp_path, monkeypatch):
    """load_corpus("seeds") and run_pipeline("seeds") read one corpus: the bundled one; a Path reads the folder."""
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "local.txt").write_text("坚持两个确立。", encoding="utf-8")
    with pytest.warns(helpers.CorpusWarning, match="names the bundled corpus"):
        corpus = helpers.load_corpus("seeds", clean=False)
    with pytest.warns(helpers.CorpusWarning, match="names the bundled corpus"):
        result = helpers.run_pipeline("seeds", n_jobs=1, progress=False)
    assert len(corpus) == 5 and result.n_docs == 5
    assert sorted(result.documents["doc_id"]) == sorted(corpus["doc_id"])
    assert sorted(result.documents["file"]) == sorted(corpus["file"])
    assert helpers.run_pipeline(Path("seeds"), n_jobs=1).n_docs == 1
    assert helpers.load_corpus("./seeds")["doc_id"].tolist() == ["local"]
