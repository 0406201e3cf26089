"""data/lexicon/additions.csv (issue 17): rows to join tifa.csv once the lexicon's new format has landed."""

from __future__ import annotations

import pandas as pd

import helpers
from helpers import paths
from helpers.lexicon import lexicon_terms, load_lexicon

ADDITIONS = paths.LEXICON_CSV.parent / "additions.csv"
CORRECTIONS = paths.LEXICON_CSV.parent / "corrections.csv"


def _national_documents():
    docs = pd.concat([helpers.load_corpus("national"), helpers.load_corpus("congress")], ignore_index=True)
    return docs.sort_values("date")


def _first_use(docs, term):
    hits = docs[docs["text"].str.contains(term, regex=False)]
    return str(hits["date"].iloc[0])[:10] if len(hits) else ""


def test_additions_load_and_are_new():
    add = load_lexicon(ADDITIONS)
    assert not set(lexicon_terms(add)) & set(lexicon_terms())
    assert (add["gloss"] != "").all() and (add["source"] != "").all()
    grown = helpers.add_terms(add)
    assert len(grown) == len(load_lexicon()) + len(add)


def test_local_rows_occur_in_their_source_and_national_first_uses_are_verified():
    add = load_lexicon(ADDITIONS)
    seeds = helpers.load_corpus("seeds").set_index("doc_id")["text"]
    docs = _national_documents()
    for row in add.itertuples():
        if row.category == "local":
            assert row.term in seeds[row.source], row.term
            assert row.first_official_use == ""
        else:
            assert row.first_official_use == _first_use(docs, row.term), row.term
    corrections = pd.read_csv(CORRECTIONS, dtype=str)
    for row in corrections.itertuples():
        assert row.first_official_use == _first_use(docs, row.term), row.term
