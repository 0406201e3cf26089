"""How many lexicon forms occur in the 31 provincial reports of 2026, before and after data/lexicon/additions.csv (issue 17).

    .venv/bin/python benchmarks/formulations/coverage.py
"""

from __future__ import annotations

import helpers
from helpers import paths
from helpers.lexicon import lexicon_terms, load_lexicon


def occurring(forms, texts):
    return [f for f in forms if any(f in t for t in texts)]


def main() -> None:
    provinces = helpers.load_corpus("provinces")
    texts = provinces[provinces["year"] == 2026]["text"].tolist()
    base = load_lexicon()
    grown = helpers.add_terms(load_lexicon(paths.LEXICON_CSV.parent / "additions.csv"), base)
    for label, lex in (("tifa.csv", base), ("tifa.csv + additions.csv", grown)):
        forms = lexicon_terms(lex)
        terms = lex["term"].tolist()
        print(f"{label}: {len(terms)} terms, {len(occurring(terms, texts))} occur in the {len(texts)} reports of 2026; "
              f"{len(forms)} forms, {len(occurring(forms, texts))} occur")


if __name__ == "__main__":
    main()
