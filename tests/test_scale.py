"""helpers.scale: the Dask pipeline gives the same counts as the single-process path."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import helpers
from helpers import paths

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Ten bundled documents, one of them in a sub-folder."""
    out = tmp_path_factory.mktemp("scale") / "reports"
    files = sorted(paths.GWR_DIR.glob("*.txt"))[-9:] + sorted(paths.SEEDS_DIR.glob("*.txt"))[:1]
    assert len(files) == 10
    for i, f in enumerate(files):
        target = out / ("sub" if i == 0 else "") / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, target)
    return out


@pytest.fixture(scope="module")
def expected(folder):
    corpus = helpers.load_corpus(folder)
    return (helpers.term_frequencies(corpus, by=None, n_jobs=1, cache=False),
            helpers.count_slogans(corpus))


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_local_cluster_gives_the_single_process_counts(folder, expected, client):
    from helpers.scale import run_pipeline

    result = run_pipeline(folder, client=client, npartitions=4)
    tf, slogans = expected
    pd.testing.assert_frame_equal(result.term_frequencies, tf)
    pd.testing.assert_frame_equal(result.slogans, slogans)
    assert result.n_docs == 10 and result.problems == []


def test_default_scheduler_glob_and_list(folder, expected):
    from helpers.scale import run_pipeline

    tf, slogans = expected
    by_glob = run_pipeline(str(folder / "**" / "*.txt"), npartitions=3)
    pd.testing.assert_frame_equal(by_glob.term_frequencies, tf)
    files = sorted(folder.rglob("*.txt"))
    by_list = run_pipeline(files, npartitions=1)
    pd.testing.assert_frame_equal(by_list.term_frequencies, tf)
    assert by_list.slogans["count"].sum() == slogans["count"].sum()


def test_unreadable_file_is_skipped_and_reported(tmp_path):
    from helpers.scale import run_pipeline

    (tmp_path / "good.txt").write_text("坚持两个确立。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(helpers.CorpusWarning, match="empty.txt"):
        result = run_pipeline(tmp_path, npartitions=2, lexicon=["两个确立"])
    assert result.n_docs == 1
    assert [p["file"] for p in result.problems] == ["empty.txt"]
    assert result.slogans["count"].tolist() == [1]


def test_no_files(tmp_path):
    from helpers.scale import run_pipeline

    with pytest.raises(ValueError, match="no .txt files"):
        run_pipeline(str(tmp_path / "*.txt"))


def test_keep_raw_false_keeps_everything_but_raw(folder):
    full = helpers.load_corpus(folder)
    light = helpers.load_corpus(folder, keep_raw=False)
    assert (light["raw"] == "").all()
    pd.testing.assert_frame_equal(full.drop(columns="raw"), light.drop(columns="raw"))


def test_docstring_examples_run():
    import doctest

    from helpers import scale
    assert doctest.testmod(scale).failed == 0


def test_threaded_workers_do_not_leak_warnings(folder, tmp_path):
    """With threads (a LocalCluster with processes=False, as in notebook 06), problems still come back once."""
    import warnings

    from helpers.scale import run_pipeline

    for f in sorted(folder.rglob("*.txt")):
        shutil.copy(f, tmp_path / f.name)
    for i in range(4):
        (tmp_path / f"empty{i}.txt").write_bytes(b"")
    import dask

    with warnings.catch_warnings(record=True) as caught, dask.config.set(scheduler="threads"):
        warnings.simplefilter("always")
        result = run_pipeline(tmp_path, npartitions=6)
    corpus_warnings = [w for w in caught if issubclass(w.category, helpers.CorpusWarning)]
    assert len(corpus_warnings) == 1, [str(w.message) for w in corpus_warnings]
    assert "4 file(s) were skipped" in str(corpus_warnings[0].message)
    assert result.n_docs == 10
