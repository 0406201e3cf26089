"""The lexicon's local rows and its dates computed from the national documents (issue 17).

Two kinds of row in ``data/lexicon/tifa.csv`` make a claim a test can check
against the bundled texts:

* category ``local``: a formulation read in one local document; its ``source``
  is that document's doc_id, it must occur there, and it has no national
  ``first_official_use``;
* rows whose notes say the date is "the earliest bundled national document":
  ``first_official_use`` must be the date of the earliest national work report
  or congress document that contains the term or a variant.
"""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.lexicon import load_lexicon

COMPUTED = "earliest bundled national document"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def national():
    docs = pd.concat([helpers.load_corpus("national"), helpers.load_corpus("congress")], ignore_index=True)
    return docs.sort_values("date", kind="stable")


def _first_use(docs, forms):
    hits = docs[docs["text"].map(lambda text: any(form in text for form in forms))]
    return str(hits["date"].iloc[0])[:10] if len(hits) else ""


def test_local_rows_occur_in_their_source(lexicon):
    seeds = helpers.load_corpus("seeds").set_index("doc_id")["text"]
    local = lexicon[lexicon["category"] == "local"]
    assert len(local) >= 30
    for row in local.itertuples():
        assert row.source in seeds.index, f"{row.term}: source {row.source!r} is not a seed doc_id"
        assert any(form in seeds[row.source] for form in [row.term, *row.variants]), row.term
        assert row.first_official_use == "", row.term
        assert row.gloss, row.term


def test_computed_first_uses_are_the_earliest_national_document(lexicon, national):
    computed = lexicon[lexicon["notes"].str.contains(COMPUTED, regex=False)]
    assert len(computed) >= 20
    for row in computed.itertuples():
        forms = [row.term, *row.variants]
        assert row.first_official_use == _first_use(national, forms), row.term
        assert "报告" in row.source or "决议" in row.source, f"{row.term}: source names no national document"


@pytest.mark.parametrize("term, was", [
    ("人与自然和谐共生", "2024-02-05_chongqing-dazu_npcsc-work-report"),
    ("党的全面领导", "2022-04-13_hunan-yongzhou_interview"),
    ("十四五", "2023-11-28_sichuan-guangyuan-zhaohua_meeting-readout"),
    ("双减", "2024-02-05_chongqing-dazu_npcsc-work-report"),
])
def test_rows_once_dated_from_a_local_document_are_dated_nationally(lexicon, term, was):
    row = lexicon.set_index("term").loc[term]
    assert row["source"] != was
    assert row["first_official_use"]
