"""Benchmark: peak memory of ``run_pipeline`` on one big file.

The README promises that memory stays bounded by a small multiple of the
largest file (3 × the file + 300 MB). This script writes one file of
``--size-mb`` MB by repeating the text of the bundled Government Work Reports
(one report after another, as a badly split archive or a concatenated
download would be), runs ``helpers.run_pipeline([file])`` in a fresh child
process and prints that process's peak resident memory
(its own ``VmHWM`` from ``/proc/self/status``, or ``ru_maxrss`` where there
is no ``/proc``; and that of its worker processes), so the parent's memory
does not count), the bound, and the counts (documents, Han
characters, slogan total) so that two runs can be compared.

Usage:
    python benchmarks/memory.py                  # 200 MB, one core
    python benchmarks/memory.py --size-mb 30     # quicker
    python benchmarks/memory.py --n-jobs 2       # worker processes (one file: still one group)
    python benchmarks/memory.py --file BIG.txt   # your own file
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import paths  # noqa: E402

MB = 1_000_000
#: the README's promise: peak RSS at most this multiple of the largest file, plus ``BOUND_MB``
BOUND_FACTOR = 3
BOUND_MB = 300

_CHILD = """
import json, resource, sys
import helpers
result = helpers.run_pipeline([sys.argv[1]], n_jobs=int(sys.argv[2]), progress=False)
def own_peak_kb():
    # VmHWM belongs to this process's memory since exec; ru_maxrss may carry the peak of the process that
    # forked it (Linux keeps it across exec): a child of a big pytest process would report the parent's size
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak = max(own_peak_kb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"peak_kb": peak, "n_docs": result.n_docs, "n_chars": result.n_chars,
                  "slogans": int(result.slogans["count"].sum()), "terms": len(result.term_frequencies)}))
"""


def write_big_file(path: Path, size_mb: float) -> Path:
    """Write ``path``: the bundled national reports one after another, repeated to ``size_mb`` MB (UTF-8)."""
    reports = [p.read_bytes() for p in sorted(paths.GWR_DIR.glob("*.txt"))]
    target = int(size_mb * MB)
    written = 0
    with open(path, "wb") as out:
        while written < target:
            for data in reports:
                out.write(data + b"\n\n")
                written += len(data) + 2
                if written >= target:
                    break
    return path


def peak_rss_of_pipeline(path: Path, n_jobs: int = 1, timeout: float | None = None) -> tuple[int, dict]:
    """Run ``run_pipeline([path])`` in a child process: ``(peak RSS in bytes, counts)``.

    The child is a fresh interpreter (not a fork of this one), so its peak is
    its own: imports, dictionaries, the file and what the pipeline makes of
    it. It reports its own peak (``VmHWM``: Linux keeps ``ru_maxrss`` across
    ``exec``, so a child of a big process would report its parent's size)
    and that of its worker processes, if any.
    """
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(n_jobs)], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=paths.PROJECT_DIR)
    if done.returncode:
        raise RuntimeError(f"run_pipeline failed:\n{done.stderr[-3000:]}")
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    return counts.pop("peak_kb") * 1024, counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=200.0, help="size of the generated file (default 200)")
    parser.add_argument("--file", type=Path, help="measure this file instead of a generated one")
    parser.add_argument("--n-jobs", type=int, default=1, help="n_jobs of run_pipeline (default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or write_big_file(Path(tmp) / "big.txt", args.size_mb)
        size = path.stat().st_size
        start = time.perf_counter()
        peak, counts = peak_rss_of_pipeline(path, args.n_jobs)
        seconds = time.perf_counter() - start
    bound = BOUND_FACTOR * size + BOUND_MB * MB
    print(f"file: {size / MB:.1f} MB; run_pipeline(n_jobs={args.n_jobs}): {seconds:.1f} s")
    print(f"peak RSS: {peak / MB:.0f} MB ({peak / size:.2f} x the file); "
          f"bound {BOUND_FACTOR} x file + {BOUND_MB} MB = {bound / MB:.0f} MB: "
          f"{'within' if peak <= bound else 'EXCEEDED'}")
    print("counts:", json.dumps(counts))
    return 0 if peak <= bound else 1


if __name__ == "__main__":
    sys.exit(main())
