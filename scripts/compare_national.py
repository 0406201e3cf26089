"""Compare the two editions of the national reports 1954-2017, text by text.

Run from the repository root: ``.venv/bin/python scripts/compare_national.py``.
The ``gwr`` edition (``data/raw/gwr/``, ropensci/textworkshop17, the corpus of
quanteda's vignette) and the ``national`` edition (``data/raw/national/``,
lawtext/gov) hold the same reports. For every year this writes
``data/metadata/national_editions.csv``: Han characters of each (the
front matter and Markdown markup of the lawtext files left out), their
difference, the lexicon's term counts (``helpers.count_slogans`` on the clean
texts) and how many terms differ, and the paragraphs found in one edition only
(compared on their Han characters, so punctuation and digit width do not count).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers import clean_text, count_slogans, paths
from helpers.load.delivery import front_matter_fields

HAN = re.compile(r"[\u4e00-\u9fff]")
GWR_YEAR = re.compile(r"^(\d{4})政府工作报告")


def han(text: str) -> str:
    """The Han characters of a text, in order."""
    return "".join(HAN.findall(text))


def paragraphs(text: str) -> set[str]:
    """The Han characters of each paragraph of at least 10 of them."""
    return {h for h in (han(line) for line in text.splitlines()) if len(h) >= 10}


def editions() -> pd.DataFrame:
    """One row per year: the clean text of each edition (lawtext: body after the front matter)."""
    gwr = {int(GWR_YEAR.match(p.name).group(1)): p for p in paths.GWR_DIR.glob("*.txt")}
    rows = []
    for year, path in sorted(gwr.items()):
        name = "1964-summary.md" if year == 1964 else f"{year}.md"
        body = front_matter_fields((paths.NATIONAL_DIR / name).read_text(encoding="utf-8"))[1]
        rows.append({"year": year, "gwr_file": f"gwr/{path.name}", "national_file": f"national/{name}",
                     "gwr": clean_text(path.read_text(encoding="utf-8")), "national": clean_text(body)})
    return pd.DataFrame(rows)


def term_differences(table: pd.DataFrame) -> pd.DataFrame:
    """Per year: lexicon terms counted in either edition, and how many of them differ in count."""
    corpus = pd.concat([table.assign(doc_id=table["year"].astype(str) + "/" + edition, text=table[edition])
                        for edition in ("gwr", "national")])[["doc_id", "text"]]
    counts = count_slogans(corpus).pivot_table(index="term", columns="doc_id", values="count", fill_value=0)
    rows = []
    for year in table["year"]:
        pair = counts.reindex(columns=[f"{year}/gwr", f"{year}/national"], fill_value=0)
        differ = pair[pair.iloc[:, 0] != pair.iloc[:, 1]]
        rows.append({"year": year, "terms_counted": int((pair.sum(axis=1) > 0).sum()), "terms_differ": len(differ),
                     "term_count_gwr": int(pair.iloc[:, 0].sum()), "term_count_national": int(pair.iloc[:, 1].sum()),
                     "terms_differ_list": "; ".join(f"{t} {int(a)}/{int(b)}" for t, (a, b) in differ.iterrows())})
    return pd.DataFrame(rows)


# Why the national (lawtext/gov) edition is canonical where the two differ in more than punctuation; read
# from the paragraph diff and a character-level diff of the Han characters (see data/README.md).
WHY = {
    1964: "gwr has only Xinhua's news summary (= national/1964-summary.md); national/1964-part.md is the report "
          "itself (建国以来重要文献选编, foreign-affairs section left out by the book): canonical",
    1991: "gwr/1991 holds the whole report twice (its opening paragraph occurs 2 times), doubling every count",
    2010: "national adds the report's glossary (## 注释： 7 numbered definitions, 941 Han); without it the texts agree",
    2012: "national adds the report's glossary (## 附注： 9 numbered definitions, 912 Han); without it the texts agree",
    2016: "gwr is the text as delivered on 5 March; national the final published text, revised after the NPC's "
          "deliberation: 80 insertions (520 Han, e.g. 股市汇市异常波动等), no deletion",
    2017: "gwr is the text as delivered on 5 March; national the final published text, revised after the NPC's "
          "deliberation: 87 insertions (557 Han, e.g. 遏制热点城市房价过快上涨), no deletion",
}
SAME = "same text (Han characters differ by at most 0.5%: punctuation, digit width, a variant character)"


def compare() -> pd.DataFrame:
    """The comparison table, one row per year 1954-2017."""
    table = editions()
    rows = []
    for row in table.itertuples():
        a, b = paragraphs(row.gwr), paragraphs(row.national)
        rows.append({"year": row.year, "gwr_file": row.gwr_file, "national_file": row.national_file,
                     "han_gwr": len(han(row.gwr)), "han_national": len(han(row.national)),
                     "identical_han": han(row.gwr) == han(row.national),
                     "paragraphs_only_gwr": len(a - b), "paragraphs_only_national": len(b - a),
                     "han_only_gwr": sum(map(len, a - b)), "han_only_national": sum(map(len, b - a))})
    out = pd.DataFrame(rows)
    out["han_diff_pct"] = ((out["han_national"] - out["han_gwr"]) / out["han_gwr"] * 100).round(2)
    out = out.merge(term_differences(table), on="year")
    out["canonical"] = "national"
    out["why"] = [WHY.get(year, SAME) for year in out["year"]]
    return out


if __name__ == "__main__":
    result = compare()
    result.to_csv(paths.PANEL_METADATA_DIR / "national_editions.csv", index=False, lineterminator="\n")
    print(result.drop(columns=["terms_differ_list", "gwr_file", "national_file"]).to_string())
