"""A small reader for the lawtext corpora of ``../shared/corpora`` (benchmarks and tests only).

``lawtext_gov`` holds ``<folder>/<province>/<year>.md`` (and
``政府工作报告-国务院/<year>.md`` for the State Council), ``lawtext_cpc``
``党代会报告/<year>-<title>.md``: UTF-8 Markdown with a YAML front matter.
The front matter and the Markdown markup (``**``, headings' ``#``, HTML
comments) are dropped, the body cleaned with :func:`helpers.clean_text`;
the date is the first ``YYYY年M月D日`` of the title or the delivery line
(else 1 January of the file's year, precision ``year``). Until
``load_corpus`` reads these folders (issue 13), this is how the benchmark
and the tests get them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import clean_text, paths  # noqa: E402

SHARED = paths.SHARED_CORPORA_DIR
GOV = SHARED / "lawtext_gov"
CPC = SHARED / "lawtext_cpc"
NATIONAL_FOLDER = "政府工作报告-国务院"
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MARKUP = re.compile(r"\*\*|^#+[ \t]*|<!--.*?-->", re.M | re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter as a dict of strings, body)."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip("'\"")
    return meta, text[m.end():]


def read_md(path: Path, root: Path) -> dict:
    """One document row: doc_id, text, date, date_precision, year, province, level, title, file."""
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    year = int(re.match(r"\d{4}", path.stem).group())
    found = _DATE.search(meta.get("title", "") + "\n" + body[:600])
    date, precision = pd.Timestamp(year=year, month=1, day=1), "year"
    if found and abs(int(found.group(1)) - year) <= 1:
        try:
            date, precision = pd.Timestamp(*map(int, found.groups())), "day"
        except ValueError:
            pass
    rel = path.relative_to(root)
    national = rel.parts[0] == NATIONAL_FOLDER or root.name == "lawtext_cpc"
    province = "全国" if national else rel.parts[1]
    return {"doc_id": str(rel.with_suffix("")), "text": clean_text(_MARKUP.sub("", body)), "date": date,
            "date_precision": precision, "year": year, "province": province,
            "level": "national" if national else "province", "title": meta.get("title", path.stem),
            "file": str(rel)}


def read_lawtext(root: Path = GOV) -> pd.DataFrame:
    """Every .md document under ``root`` (``_index.md`` and the notes excepted), as a corpus DataFrame."""
    files = sorted(p for p in root.rglob("*.md")
                   if p.name[0].isdigit() and p.name != "PROVENANCE.md")
    df = pd.DataFrame([read_md(p, root) for p in files])
    return df.astype({"date": "datetime64[s]", "year": "Int64"})


def gov_panel() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(provincial reports, national reports) of lawtext_gov."""
    corpus = read_lawtext(GOV)
    national = corpus[corpus["level"] == "national"].reset_index(drop=True)
    return corpus[corpus["level"] == "province"].reset_index(drop=True), national
