"""Benchmark: tifa's pipeline against the usual notebook pipeline and the segmenter alone.

Builds a corpus of at least ``--size-mb`` MB by repeating the bundled documents
(or takes ``--folder``) and times, side by side:

(a) naive: read each file, ``jieba.lcut`` it, ``collections.Counter`` of tokens;
(b) tifa: ``helpers.run_pipeline`` (read, decode, clean, segment with the
    lexicon kept whole, term frequencies and slogan counts in one pass), on
    one core (``n_jobs=1``) and on every core;
(b') tifa step by step, as in a notebook: ``load_corpus``, ``term_frequencies``
    and ``count_slogans`` (one core unless ``--n-jobs-steps``, which is passed
    to the first two), timed by step;
(c) floor: raw segmentation with the fastest engine alone (rjieba, no counting).

Each stage runs in a forked child so that its peak RSS is its own. Prints MB/s
for each, the ratios b/a and b/c, peak RSS, checks that (b) and (b') give the
same top terms and slogan total, and shows how the top-200 terms of (a) and
(b) differ (the documented difference: lexicon terms kept whole by tifa, and
clean text vs raw text).

Usage:
    python benchmarks/pipeline.py                 # 50 MB built from data/raw
    python benchmarks/pipeline.py --size-mb 10    # quicker
    python benchmarks/pipeline.py --folder DIR    # your own .txt and .md files (UTF-8)
    python benchmarks/pipeline.py --skip-naive    # without (a), the slowest stage
    python benchmarks/pipeline.py --repeat 3      # best of three runs per stage (a shared machine is noisy)
    python benchmarks/pipeline.py --dask 2        # also helpers.scale on a 2-worker LocalCluster
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import paths  # noqa: E402

TOP = 200
DEPTH = 400  # terms returned by each stage, to tell "just below the cut" from "absent"



def documents(folder) -> list[Path]:
    """The documents of a folder as tifa reads them: .txt and .md files, in sorted order."""
    return sorted([*Path(folder).rglob("*.txt"), *Path(folder).rglob("*.md")])

def build_corpus(target_mb: float, out_dir: Path) -> Path:
    """Write copies of the bundled raw documents into ``out_dir`` until it holds ``target_mb`` MB."""
    sources = sorted(paths.SEEDS_DIR.glob("*.txt")) + sorted(paths.GWR_DIR.glob("*.txt"))
    blobs = [(p.stem, p.read_bytes()) for p in sources]
    out_dir.mkdir(parents=True, exist_ok=True)
    total, i = 0, 0
    while total < target_mb * 1e6:
        stem, data = blobs[i % len(blobs)]
        (out_dir / f"{i // len(blobs):04d}_{stem}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return out_dir


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in documents(folder))


def stage_naive(folder: str):
    import jieba

    jieba.setLogLevel(60)
    counts: collections.Counter = collections.Counter()
    for p in documents(folder):
        counts.update(jieba.lcut(p.read_text(encoding="utf-8")))
    words = {t: c for t, c in counts.items() if _is_word(t)}
    return collections.Counter(words).most_common(DEPTH)


def stage_tifa(folder: str, n_jobs: int):
    import helpers

    result = helpers.run_pipeline(folder, stopwords=False, n_jobs=n_jobs, progress=False)
    top = result.term_frequencies.head(DEPTH)  # sorted by count, then term
    return list(zip(top["term"], top["count"])), int(result.slogans["count"].sum())


def stage_steps(folder: str, n_jobs: int, cache: bool):
    import helpers

    steps = {}
    t0 = time.perf_counter()
    # keep_raw=False: a big corpus holds its clean text once, not raw + clean
    corpus = helpers.load_corpus(folder, progress=False, keep_raw=False, n_jobs=n_jobs)
    steps["load+clean"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # cache=False by default: the benchmark corpus repeats documents, and a
    # cache hit on a repeated text would flatter tifa
    tf = helpers.term_frequencies(corpus, by=None, stopwords=False, n_jobs=n_jobs, cache=cache, progress=False)
    steps["tokenize+tf"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    slogans = helpers.count_slogans(corpus)
    steps["slogans"] = time.perf_counter() - t0
    top = tf.head(DEPTH)
    return list(zip(top["term"], top["count"])), int(slogans["count"].sum()), steps


def stage_dask(folder: str, n_workers: int):
    from dask.distributed import Client, LocalCluster

    from helpers.scale import run_pipeline

    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        result = run_pipeline(folder, client=client, stopwords=False)
    top = result.term_frequencies.head(DEPTH)
    return list(zip(top["term"], top["count"])), int(result.slogans["count"].sum())


def stage_floor(folder: str):
    import rjieba

    n = 0
    for p in documents(folder):
        n += len(rjieba.cut(p.read_text(encoding="utf-8"), True))
    return n


def _is_word(token: str) -> bool:
    from helpers.segment import is_word

    return is_word(token)


def _child(conn, func, args):
    t0 = time.perf_counter()
    result = func(*args)
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    conn.send((seconds, peak_kb * 1024, result))
    conn.close()


REPEAT = 1  # set by --repeat: rounds of every stage


def _run_once(func, args):
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, args))
    proc.start()
    child.close()
    out = parent.recv()
    proc.join()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes of the all-cores run of (b) (default: all cores)")
    parser.add_argument("--n-jobs-steps", type=int, default=1, help="n_jobs of (b') (default 1)")
    parser.add_argument("--skip-naive", action="store_true", help="skip (a), the slowest stage")
    parser.add_argument("--skip-steps", action="store_true", help="skip (b'), the step-by-step path")
    parser.add_argument("--cache", action="store_true", help="let (b') use the token cache (off by default)")
    parser.add_argument("--dask", type=int, metavar="N", default=0,
                        help="also run helpers.scale.run_pipeline on a LocalCluster of N worker processes")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every stage N times and report the best time (default 1)")
    args = parser.parse_args(argv)
    global REPEAT
    REPEAT = max(1, args.repeat)

    tmp = None
    if args.folder:
        folder = args.folder
    else:
        tmp = Path(tempfile.mkdtemp(prefix="tifa-bench-"))
        folder = build_corpus(args.size_mb, tmp / "corpus")
    size = folder_size(folder)
    mb = size / 1e6
    n_files = len(documents(folder))
    print(f"corpus: {folder} — {n_files} files, {mb:.1f} MB")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")

    try:
        # stage key -> (label, function, arguments); run round-robin, so that the best of each
        # stage comes from the same stretch of time on a machine shared with other jobs
        stages = {"c": ("(c) floor: rjieba.cut only, one core", stage_floor, (str(folder),)),
                  "b": ("(b) tifa: run_pipeline, n_jobs=1", stage_tifa, (str(folder), 1))}
        if args.n_jobs > 1:
            stages["bn"] = (f"(b) tifa: run_pipeline, n_jobs={args.n_jobs}", stage_tifa, (str(folder), args.n_jobs))
        if not args.skip_steps:
            stages["s"] = (f"(b') tifa step by step, n_jobs={args.n_jobs_steps}", stage_steps,
                           (str(folder), args.n_jobs_steps, args.cache))
        if args.dask:
            stages["d"] = (f"(d) helpers.scale on a LocalCluster, {args.dask} workers", stage_dask,
                           (str(folder), args.dask))
        if not args.skip_naive:
            stages["a"] = ("(a) naive: jieba.lcut + Counter, one core", stage_naive, (str(folder),))
        runs = {k: [] for k in stages}
        for _ in range(REPEAT):
            for k, (_, func, fargs) in stages.items():
                runs[k].append(_run_once(func, fargs))
        best = {k: min(r, key=lambda x: x[0]) for k, r in runs.items()}
        sec = {k: v[0] for k, v in best.items()}
        rss = {k: max(x[1] for x in r) for k, r in runs.items()}
        n_tokens = best["c"][2]
        b_top, n_slogans = best["b"][2]
        rows = [(stages[k][0], sec[k], rss[k]) for k in stages]
        if "bn" in best:
            assert best["bn"][2] == (b_top, n_slogans), "n_jobs changed the counts"
        steps = None
        if "s" in best:
            s_top, s_slogans, steps = best["s"][2]
            assert (s_top, s_slogans) == (b_top, n_slogans), "run_pipeline disagrees with the step-by-step path"
        if "d" in best:
            assert best["d"][2] == (b_top, n_slogans), "the Dask pipeline disagrees with (b)"
        a_top = best["a"][2] if "a" in best else None
        a_sec = sec.get("a")
        c_sec, b_sec, b_rss, bn_sec = sec["c"], sec["b"], rss["b"], sec.get("bn")

        if REPEAT > 1:
            print(f"\nbest of {REPEAT} rounds per stage, the stages taking turns (peak RSS: the highest); "
                  "every round's seconds in brackets")
        print(f"\n{'stage':58s} {'seconds':>8s} {'MB/s':>7s} {'peak RSS':>10s}")
        for k, (name, t, r) in zip(stages, rows):
            spread = f"  [{', '.join(f'{x[0]:.1f}' for x in runs[k])}]" if REPEAT > 1 else ""
            print(f"{name:58s} {t:8.1f} {mb / t:7.2f} {r / 1e6:8.0f} MB{spread}")
        if steps:
            print("(b') by step: " + ", ".join(f"{k} {v:.1f} s ({mb / v:.1f} MB/s)" for k, v in steps.items()))
        if args.dask:
            print("(d) peak RSS is the client's only; the workers are separate processes")
        print(f"\nsegmenter tokens (c): {n_tokens:,}; slogan matches (b): {n_slogans:,}; "
              "(b), (b') and every other tifa row give the same top terms and slogan total")
        budget = 3 * size + 300e6
        print(f"peak RSS of (b): {b_rss / 1e6:.0f} MB; budget 3 x corpus + 300 MB = {budget / 1e6:.0f} MB "
              f"({'ok' if b_rss <= budget else 'OVER'})")
        print(f"(b) throughput on one core: {mb / b_sec:.1f} MB/s (target >= 10 MB/s)")
        tifa_runs = [("one core", "b")] + ([(f"{args.n_jobs} cores", "bn")] if bn_sec else [])
        for label, k in tifa_runs:
            t = sec[k]
            line = f"(b) on {label}: {mb / t:.1f} MB/s; b/c time ratio {t / c_sec:.2f} (target <= 2)"
            if a_top is not None:
                line += f"; speed-up over (a) {a_sec / t:.1f}x (target >= 10x)"
            if REPEAT > 1:  # the same ratios within each round
                line += "; by round: b/c " + ", ".join(f"{x[0] / y[0]:.2f}" for x, y in zip(runs[k], runs["c"]))
                if a_top is not None:
                    line += ", a/b " + ", ".join(f"{y[0] / x[0]:.1f}" for x, y in zip(runs[k], runs["a"]))
            print(line)
        if a_top is not None:
            compare_top(a_top, b_top)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def compare_top(a_top, b_top) -> None:
    """Print how the top-200 terms of the naive and the tifa pipelines differ, and why."""
    from helpers.lexicon import lexicon_terms

    lexicon = set(lexicon_terms())
    a_rank = {t: i for i, (t, _) in enumerate(a_top)}
    b_rank = {t: i for i, (t, _) in enumerate(b_top)}
    a_terms = {t for t, i in a_rank.items() if i < TOP}
    b_terms = {t for t, i in b_rank.items() if i < TOP}
    only_b, only_a = b_terms - a_terms, a_terms - b_terms
    print(f"\ntop-{TOP} agreement: {len(a_terms & b_terms)} terms in both")
    kept_whole = {t for t in only_b if t in lexicon}
    pieces = {t for t in only_a if any(t in term for term in lexicon)}
    clean_only = {t for t in only_a if t.isdigit() and not t.isascii()}  # full-width digits: the cleaner folds them
    near_b = {t for t in only_b - kept_whole if a_rank.get(t, DEPTH) < DEPTH}
    near_a = {t for t in only_a - pieces - clean_only if b_rank.get(t, DEPTH) < DEPTH}
    print(f"only in tifa ({len(only_b)}): lexicon terms kept whole {sorted(kept_whole)}; "
          f"ranked {TOP + 1}-{DEPTH} by naive (pushed in as pieces and digits left) {sorted(near_b)}; "
          f"other {sorted(only_b - kept_whole - near_b)}")
    print(f"only in naive ({len(only_a)}): pieces of lexicon terms (fewer once terms are kept whole) "
          f"{sorted(pieces)}; full-width digits (folded by the cleaner) {sorted(clean_only)}; "
          f"ranked {TOP + 1}-{DEPTH} by tifa {sorted(near_a)}; other {sorted(only_a - pieces - clean_only - near_a)}")


if __name__ == "__main__":
    raise SystemExit(main())
