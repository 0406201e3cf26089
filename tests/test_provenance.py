"""Tests for helpers.provenance: the record, CSV sidecars and Parquet metadata."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import provenance as prov
from helpers.lexicon import lexicon_hash


def test_record_has_versions_hashes_and_steps():
    r = prov.provenance()
    assert r["tifa_version"]
    assert r["lexicon"]["hash"] == lexicon_hash(None)
    assert r["lexicon"]["file_sha256"] and r["lexicon"]["n_terms"] > 300
    assert r["segmentation"]["engine"] in ("jieba", "rjieba")
    assert r["segmentation"]["jieba"] and r["segmentation"]["rjieba"]
    assert set(r["stopwords"]) == {"zh_general.txt", "zh_political.txt"}
    assert r["normalisation"][0] == "apply_errata" and "to_simplified" in r["normalisation"]
    json.dumps(r)  # JSON-ready


def test_record_for_user_lexicon_and_engine():
    r = prov.provenance(lexicon=["两个确立", "两个维护"], engine="jieba", stopwords=False,
                        extra={"corpus": "seeds"})
    assert r["lexicon"]["n_terms"] == 2 and r["lexicon"]["file_sha256"] is None
    assert r["lexicon"]["hash"] == lexicon_hash(["两个维护", "两个确立"])
    assert r["segmentation"]["engine"] == "jieba"
    assert r["stopwords"] == {} and r["extra"] == {"corpus": "seeds"}


def test_export_csv_writes_sidecar(tmp_path):
    df = pd.DataFrame({"term": ["两个确立"], "count": [3]})
    out = prov.export_table(df, tmp_path / "sub" / "counts.csv")
    assert pd.read_csv(out).equals(df)
    side = tmp_path / "sub" / "counts.csv.provenance.json"
    assert json.loads(side.read_text(encoding="utf-8")) == prov.read_provenance(out)


def test_export_parquet_keeps_record_in_schema(tmp_path):
    df = pd.DataFrame({"term": ["两个确立"], "count": [3]})
    record = {"tifa_version": "x", "lexicon": {"hash": "abc"}}
    out = prov.export_table(df, tmp_path / "counts.parquet", record=record)
    assert pd.read_parquet(out).equals(df)
    assert prov.read_provenance(out) == record


def test_export_rejects_other_formats(tmp_path):
    with pytest.raises(ValueError, match="csv or .parquet"):
        prov.export_table(pd.DataFrame({"a": [1]}), tmp_path / "t.xlsx")


def test_caption_is_one_short_line():
    line = prov.provenance_caption()
    assert "\n" not in line and line.startswith("tifa ") and "lexicon" in line


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(prov, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
