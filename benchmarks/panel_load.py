"""Benchmark: loading the bundled panel, cold and warm.

Each measurement runs in a fresh child process (so imports, jieba and OpenCC
start cold, as in a new notebook kernel): ``load_corpus(NAME)`` once (cold:
the first call of the session; the files may still be in the OS page cache),
then again in the same process (warm), then ``term_frequencies`` on it twice
with a fresh token cache (first: tokenize and fill the cache; second: read
the Parquet cache). Prints the seconds of each step and the corpus size.

Usage:
    python benchmarks/panel_load.py                  # provinces
    python benchmarks/panel_load.py --name all
    python benchmarks/panel_load.py --no-tokens      # loading only
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from helpers import load_corpus, term_frequencies
t1 = time.perf_counter()
corpus = load_corpus({name!r}, progress=False)
t2 = time.perf_counter()
load_corpus({name!r}, progress=False)
t3 = time.perf_counter()
out = {{"name": {name!r}, "documents": len(corpus), "mb": round(sum(len(t.encode()) for t in corpus["text"]) / 1e6, 1),
        "import_s": round(t1 - t0, 2), "load_cold_s": round(t2 - t1, 2), "load_warm_s": round(t3 - t2, 2)}}
if {tokens!r}:
    term_frequencies(corpus)
    t4 = time.perf_counter()
    term_frequencies(corpus)
    t5 = time.perf_counter()
    out.update(tokens_cold_cache_s=round(t4 - t3, 2), tokens_warm_cache_s=round(t5 - t4, 2))
print(json.dumps(out, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="provinces")
    parser.add_argument("--no-tokens", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, TIFA_CACHE=tempfile.mkdtemp(prefix="tifa-bench-cache-"))
    code = _CHILD.format(root=str(ROOT), name=args.name, tokens=not args.no_tokens)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    print(json.loads(result.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
