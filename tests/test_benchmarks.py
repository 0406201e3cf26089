"""benchmarks/pipeline.py runs end to end on a small corpus (figures printed, never asserted)."""

from __future__ import annotations

import importlib.util
import sys

from helpers import paths


def _load_script():
    path = paths.PROJECT_DIR / "benchmarks" / "pipeline.py"
    spec = importlib.util.spec_from_file_location("tifa_benchmark_pipeline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_script_runs_and_checks_agreement(capsys):
    bench = _load_script()
    assert bench.main(["--size-mb", "0.4", "--n-jobs", "2", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for line in ("(c) floor: rjieba.cut only", "(b) tifa: run_pipeline, n_jobs=1", "(b) tifa: run_pipeline, n_jobs=2",
                 "(b') tifa step by step", "(a) naive: jieba.lcut + Counter", "b/c time ratio", "peak RSS of (b)",
                 "top-200 agreement"):
        assert line in out, line
    # the script asserts that every tifa row gives (b)'s top terms and slogan total; it got this far
    assert "every other tifa row give the same top terms and slogan total" in out


def test_build_corpus_repeats_the_bundled_documents(tmp_path):
    bench = _load_script()
    folder = bench.build_corpus(0.5, tmp_path / "c")
    assert bench.folder_size(folder) >= 0.5e6
    seed = sorted(paths.SEEDS_DIR.glob("*.txt"))[0]
    assert (folder / f"0000_{seed.stem}.txt").read_bytes() == seed.read_bytes()


def test_reuse_benchmark_scores_planted_passages(capsys):
    """benchmarks/reuse.py (issue 18) on one planted passage per cell; skipped without ../shared."""
    import pytest

    if not paths.SHARED_CORPORA_DIR.joinpath("lawtext_gov").is_dir():
        pytest.skip("../shared/corpora/lawtext_gov is not present beside this checkout")
    path = paths.PROJECT_DIR / "benchmarks" / "reuse.py"
    spec = importlib.util.spec_from_file_location("tifa_benchmark_reuse", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--skip-panel", "--per-cell", "1"]) == 0
    out = capsys.readouterr().out
    assert "(2) unrelated:" in out and "| length | edit_rate | reordered | plants | recall |" in out
