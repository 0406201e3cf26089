"""The report's pages: the cleaning report of the bundled corpus and the index."""

from __future__ import annotations

import datetime as _dt
import html
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import __version__, paths
from ..clean import cleaning_report
from ..load import load_corpus

__all__ = ["NotebookRun", "write_cleaning_report", "index_html"]


def write_cleaning_report(out_dir: str | os.PathLike | None = None):
    """Write the cleaning report of the bundled corpus and return ``(csv_path, table)``.

    The table has one row per document and cleaning step (doc_id, step,
    changes, chars_before, chars_after), computed from the raw files with
    :func:`helpers.cleaning_report`.
    """
    out_dir = Path(out_dir) if out_dir is not None else paths.REPORTS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    # the cleaning material: the seeds and the gwr edition of the national reports (not the whole panel)
    corpus = pd.concat([load_corpus(name, clean=False) for name in ("seeds", "gwr")], ignore_index=True)
    table = cleaning_report(corpus)
    csv_path = out_dir / "cleaning_report.csv"
    table.to_csv(csv_path, index=False, encoding="utf-8")
    return csv_path, table


def _cleaning_summary_html(table) -> str:
    """A per-document summary (rows) × step (columns) table of changes, as HTML."""
    if table is None or len(table) == 0:
        return "<p>The cleaner made no changes.</p>"
    steps = list(dict.fromkeys(table["step"]))
    docs = list(dict.fromkeys(table["doc_id"]))
    changes = (
        table.pivot_table(index="doc_id", columns="step", values="changes", aggfunc="sum", fill_value=0)
        .reindex(index=docs, columns=steps, fill_value=0)
    )
    grouped = table.groupby("doc_id", sort=False)
    summary = pd.DataFrame({
        "chars before": grouped["chars_before"].first(),
        "chars after": grouped["chars_after"].last(),
    }).reindex(docs)
    summary = pd.concat([summary, changes], axis=1)
    # mojibake_detected counts suspicious spans left over, not edits
    edits = [step for step in steps if step != "mojibake_detected"]
    summary["total changes"] = changes[edits].sum(axis=1)
    totals = summary.sum(numeric_only=True).to_frame("all documents").T
    summary = pd.concat([summary, totals])
    summary.index.name = "doc_id"
    summary = summary.astype("int64")
    return summary.to_html(classes="cleaning", border=0, justify="left")


@dataclass
class NotebookRun:
    """One notebook of the report: where it is, how it ran, what it wrote."""

    path: Path
    title: str = ""
    seconds: float = 0.0
    html: Path | None = None
    figures: list[Path] = field(default_factory=list)
    error: str | None = None
    captions: list[str] = field(default_factory=list)


_CSS = """
body { font-family: "tifa CJK", system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.5; }
h1 { margin-bottom: .2rem; } .meta { color: #666; font-size: .9rem; }
.nb { border-top: 1px solid #ddd; padding: 1rem 0; }
.nb h2 { margin: 0 0 .3rem; font-size: 1.2rem; }
.fail { color: #b00020; } .ok { color: #1b5e20; }
.figs { display: flex; flex-wrap: wrap; gap: .8rem; margin-top: .5rem; }
.figs figure { margin: 0; width: 15rem; }
.figs a img { max-height: 140px; max-width: 100%; border: 1px solid #ccc; background: white; }
.figs figcaption { font-size: .8rem; color: #444; line-height: 1.3; }
.table-wrap { max-width: 100%; overflow-x: auto; }
pre.err { background: #fff4f4; border-left: 3px solid #b00020; padding: .5rem; overflow-x: auto;
          white-space: pre-wrap; font-size: .85rem; }
table.cleaning { border-collapse: collapse; font-size: .75rem; }
table.cleaning th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
                    vertical-align: bottom; }
table.cleaning tbody th, table.cleaning thead th:first-child { writing-mode: horizontal-tb; transform: none; }
table.cleaning th, table.cleaning td { padding: .2rem .5rem; border-bottom: 1px solid #eee;
                                       text-align: right; }
table.cleaning th:first-child, table.cleaning td:first-child { text-align: left; }
"""


def index_html(results: list[NotebookRun], cleaning_table, cleaning_error: str | None, out_dir: Path) -> str:
    esc = html.escape
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>tifa report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>tifa report</h1>",
        f'<p class="meta">tifa {esc(__version__)} · Python {esc(sys.version.split()[0])} · built {esc(now)}</p>',
        "<h2>Notebooks</h2>",
    ]
    if not results:
        parts.append("<p>No notebooks were found.</p>")
    for r in results:
        status = (
            f'<span class="fail">failed</span>' if r.error
            else f'<span class="ok">ok</span> in {r.seconds:.1f} s'
        )
        title = esc(r.title or r.path.stem)
        link = f'<a href="{esc(r.html.name)}">{title}</a>' if r.html else title
        parts.append('<div class="nb">')
        parts.append(f"<h2>{link}</h2>")
        n_figs = len(r.figures)
        parts.append(
            f'<p class="meta">{esc(r.path.name)} · {status} · {n_figs} figure{"s" if n_figs != 1 else ""}</p>'
        )
        if r.error:
            parts.append(f'<pre class="err">{esc(r.error)}</pre>')
        if r.figures:
            parts.append('<div class="figs">')
            captions = [*r.captions, *[""] * len(r.figures)]
            for fig, caption in zip(r.figures, captions):
                rel = fig.relative_to(out_dir).as_posix()
                words = caption or fig.name
                parts.append(f'<figure><a href="{esc(rel)}" title="{esc(fig.name)}"><img src="{esc(rel)}" '
                             f'alt="{esc(words)}"></a><figcaption>{esc(words)} '
                             f'<span class="meta">({esc(fig.name)})</span></figcaption></figure>')
            parts.append("</div>")
        parts.append("</div>")

    parts.append("<h2>Cleaning report of the bundled corpus</h2>")
    if cleaning_error:
        parts.append(f'<pre class="err">{esc(cleaning_error)}</pre>')
    else:
        parts.append(
            "<p>Changes made by each step of the cleaner to each raw document "
            "(seeds and national government work reports). The full table is "
            '<a href="cleaning_report.csv">cleaning_report.csv</a> '
            "(doc_id, step, changes, chars_before, chars_after).</p>"
        )
        parts.append(f'<div class="table-wrap">{_cleaning_summary_html(cleaning_table)}</div>')
    parts.append("</body></html>")
    return "\n".join(parts)

