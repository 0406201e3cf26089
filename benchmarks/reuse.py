"""Benchmark of ``helpers.text_reuse``: the provincial panel against the national reports, and planted passages.

(1) panel: every provincial report of ``lawtext_gov`` (about 815) against
    the State Council's report of the same year (``on="year"``), timed, with
    the peak RSS of the call (in a forked child, so the figure is its own);
(2) planted: passages of 20–200 Han characters from national reports
    2013–2026 planted into provincial reports of 1990–2002 (unrelated: other
    level, other decade), exact, with edit rates 0.05–0.2, and with their
    clauses reordered; recall and precision of the planted spans by length
    and edit rate, and what ``text_reuse`` finds between the same documents
    before planting (reuse between unrelated texts).

Usage:
    python benchmarks/reuse.py                  # both
    python benchmarks/reuse.py --per-cell 5     # fewer planted passages, quicker
    python benchmarks/reuse.py --skip-panel     # planted passages only
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import lawtext  # noqa: E402

from helpers.reuse import plant_passages, score_planted, text_reuse  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def panel_child(queue, shift: int) -> None:
    """Read the panel, then time text_reuse on it; put (seconds, rss before, rss after, summary) on ``queue``.

    ``shift``: each province of year Y is compared with the national report of year Y - shift.
    """
    provinces, national = lawtext.gov_panel()
    national = national[~national["file"].str.contains(r"/\d{4}-")]  # 1964-part / 1964-summary
    national = national.assign(year=national["year"] + shift)
    before = peak_rss_mb()
    start = time.perf_counter()
    passages, shares = text_reuse(national, provinces, on="year")
    seconds = time.perf_counter() - start
    by_year = shares.groupby("year")["share"].mean()
    summary = {"targets": len(provinces), "sources": len(national), "passages": len(passages),
               "pairs": len(shares), "mean_share": float(shares["share"].mean()),
               "by_year": by_year, "chars": int(provinces["text"].str.len().sum()),
               "lag": shares["lag_days"].median(), "top2024": shares[shares["year"] == 2024].nlargest(5, "share")[
                   ["province", "share", "lag_days"]].to_string(index=False)}
    queue.put((seconds, before, peak_rss_mb(), summary))


def run_panel(shift: int) -> None:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=panel_child, args=(queue, shift))
    child.start()
    seconds, before, after, s = queue.get()
    child.join()
    which = "of the same year" if shift == 0 else f"of {shift} year(s) before"
    print(f"(1) panel: {s['targets']} provincial reports ({s['chars'] / 1e6:.1f} M characters) against "
          f"{s['sources']} national reports {which}: {s['pairs']} pairs compared, median lag {s['lag']} days")
    print(f"    text_reuse: {seconds:.1f} s, {s['passages']} passages, mean share reused {s['mean_share']:.3f}")
    print(f"    peak RSS: {before:.0f} MB after reading the corpus, {after:.0f} MB after text_reuse "
          f"(+{after - before:.0f} MB)")
    years = s["by_year"]
    print("    mean share by year, 2000-2026: " + ", ".join(f"{y}: {v:.3f}" for y, v in years.items() if y >= 2000))
    print("    2024, highest shares:\n" + s["top2024"])


def planted_documents():
    provinces, national = lawtext.gov_panel()
    sources = national[(national["year"] >= 2013) & ~national["file"].str.contains(r"/\d{4}-")].reset_index(drop=True)
    targets = provinces[provinces["year"].between(1990, 2002)].reset_index(drop=True)
    return sources, targets, pd.concat([provinces, national], ignore_index=True)


def run_planted(per_cell: int, seed: int) -> pd.DataFrame:
    sources, targets, everything = planted_documents()
    base, _ = text_reuse(sources, targets, background=everything)
    found = int(base["target_end"].sub(base["target_start"]).sum())
    print(f"(2) unrelated: {len(sources)} national reports 2013-2026 against {len(targets)} provincial reports "
          f"1990-2002 ({targets['text'].str.len().sum() / 1e6:.1f} M characters): {len(base)} passages, "
          f"{found} characters ({found / max(targets['text'].str.len().sum(), 1):.5f} of the targets)")
    for row in base.head(8).itertuples():
        print(f"    {row.target_id} <- {row.source_id}: {row.target_text[:60]!r} ({row.similarity:.2f})")
    planted, truth = plant_passages(sources, targets, per_cell=per_cell, seed=seed)
    start = time.perf_counter()
    passages, _ = text_reuse(sources, planted, background=everything)
    print(f"    planted {len(truth)} passages into copies of the targets; text_reuse {time.perf_counter() - start:.1f} s")
    table = score_planted(passages, truth)
    print(markdown_table(table))
    return table


def markdown_table(df: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (floats with three decimals)."""
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in df.itertuples(index=False)]
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-cell", type=int, default=20, help="planted passages per length x edit rate x order")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-panel", action="store_true")
    parser.add_argument("--skip-planted", action="store_true")
    args = parser.parse_args(argv)
    if not lawtext.GOV.is_dir():
        print(f"{lawtext.GOV} not found: the benchmark needs ../shared/corpora/lawtext_gov")
        return 1
    print(f"machine: {platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}")
    if not args.skip_panel:
        run_panel(0)
        run_panel(1)
    if not args.skip_planted:
        run_planted(args.per_cell, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
