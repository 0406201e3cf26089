"""Recall and precision of find_formulations on provincial reports it was never tuned on (issue 17).

The held-out set: the 2026 reports of the provinces whose reports end with a
glossary (四川, 广东, 江西, 海南). Recall: of the terms the glossaries define
(the reports' own formulations), how many the finder proposes *without*
reading the glossary (``glossary=False``), or the lexicon already has; the
top candidates (ranked against the national reports) are printed for
judging precision by hand.

    .venv/bin/python benchmarks/formulations/heldout.py
"""

from __future__ import annotations

import re
import sys

import pandas as pd

import helpers
from helpers.lexicon import lexicon_terms

PROVINCES = ["四川省", "广东省", "江西省", "海南省"]


def main(top: int = 40) -> None:
    provinces = helpers.load_corpus("provinces")
    held = provinces[(provinces["year"] == 2026) & provinces["province"].isin(PROVINCES)]
    national = helpers.load_corpus("national")
    gloss = helpers.glossary(held)
    terms = sorted(set(gloss["term"]) - {""})
    known = set(lexicon_terms())
    found = helpers.find_formulations(held, reference=national, glossary=False)
    proposed = set(found["candidate"])
    # a glossary term counts as found when it, or the quoted core it names (“11431”基层治理体系:
    # 11431), is a candidate or in the lexicon
    def cores(term):
        return re.findall("“([^”]+)”", term) or [term]

    hit = [t for t in terms if t in known | proposed or any(c in known | proposed for c in cores(t))]
    print(f"documents: {len(held)}, glossary terms: {len(terms)}")
    print(f"in the lexicon: {sum(any(c in known for c in cores(t)) for t in terms)}; proposed or known: {len(hit)} "
          f"({len(hit) / max(len(terms), 1):.0%})")
    print("missed:", ", ".join(t for t in terms if t not in hit))
    print(f"candidates: {len(found)}; top {top} by distinctiveness:")
    with pd.option_context("display.width", 200, "display.max_colwidth", 30):
        print(found.head(top)[["candidate", "kind", "count", "n_docs", "ref_docs", "score"]].to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
