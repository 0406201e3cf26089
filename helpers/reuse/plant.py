"""Measure text reuse detection on passages planted on purpose: recall and precision of the spans.

:func:`plant_passages` copies passages of known length (in Han characters)
from source documents into target documents, exactly, with an edit rate
(each Han character substituted, deleted or followed by an inserted one with
probability ``edit_rate``) and with their sentences reordered, and records
where each went. :func:`score_planted` compares what :func:`text_reuse`
found with that record.

Example:
    >>> import pandas as pd
    >>> from helpers.reuse import text_reuse
    >>> src = pd.DataFrame({"doc_id": ["s"], "text": ["坚持以人民为中心的发展思想，推动高质量发展，扎实推进共同富裕。" * 3]})
    >>> tgt = pd.DataFrame({"doc_id": ["t"], "text": ["今年粮食丰收。农民收入增加。乡村面貌改善。"]})
    >>> planted, truth = plant_passages(src, tgt, lengths=[25], edit_rates=[0.0], reorder=[False],
    ...                                  per_cell=2, seed=1)
    >>> passages, _ = text_reuse(src, planted)
    >>> score_planted(passages, truth)[["plants", "recall", "precision"]].values.tolist()
    [[2.0, 1.0, 1.0]]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .shingles import code_points, kept_characters

TRUTH_COLUMNS = ["target_id", "source_id", "target_start", "target_end", "source_start", "source_end",
                 "length", "edit_rate", "reordered", "planted_text"]
_SENTENCES = re.compile(r"(?<=[。；！？\n])")
_CLAUSES = re.compile(r"(?<=[，。；：！？、\n])")


def han_positions(text: str) -> np.ndarray:
    """Positions of the Han characters of ``text``."""
    cp = code_points(text)
    return np.flatnonzero(kept_characters(cp) & (cp >= 0x3400))


def pick_passage(text: str, length: int, rng: np.random.Generator) -> tuple[int, int] | None:
    """A random span of ``text`` holding ``length`` Han characters, or None if it has fewer."""
    han = han_positions(text)
    if len(han) < length:
        return None
    i = int(rng.integers(0, len(han) - length + 1))
    return int(han[i]), int(han[i + length - 1]) + 1


def edit_passage(passage: str, rate: float, pool: str, rng: np.random.Generator) -> str:
    """Substitute, delete or insert after each Han character with probability ``rate`` (half, a quarter, a quarter)."""
    out = []
    for ch in passage:
        if not ("\u3400" <= ch <= "\U0003134f") or rng.random() >= rate:
            out.append(ch)
            continue
        op = rng.choice(3, p=[0.5, 0.25, 0.25])
        new = pool[int(rng.integers(0, len(pool)))]
        out.append(new if op == 0 else (ch + new if op == 2 else ""))
    return "".join(out)


def reorder_passage(passage: str, rng: np.random.Generator) -> str:
    """The passage's sentences in another order (clauses when it has one sentence; else three pieces)."""
    pieces = [p for p in _SENTENCES.split(passage) if p]
    if len(pieces) < 2:
        pieces = [p for p in _CLAUSES.split(passage) if p]
    if len(pieces) < 2:
        third = max(1, len(passage) // 3)
        pieces = [passage[:third], passage[third:2 * third], passage[2 * third:]]
    order = list(range(len(pieces)))
    while order == sorted(order) and len(pieces) > 1:
        order = list(rng.permutation(len(pieces)))
    return "".join(pieces[i] for i in order)


def insertion_point(text: str, rng: np.random.Generator) -> int:
    """A random sentence boundary of ``text`` (after 。！？ or a line break; else its end)."""
    ends = [m.end() for m in re.finditer(r"[。！？\n]", text)]
    return int(ends[int(rng.integers(0, len(ends)))]) if ends else len(text)


def plant_one(source: pd.Series, target: pd.Series, length: int, rate: float, reordered: bool,
              rng: np.random.Generator) -> tuple[str, tuple] | None:
    """(new target text, truth row without the target_id) or None when the source is too short."""
    span = pick_passage(source["text"], length, rng)
    if span is None:
        return None
    passage = source["text"][span[0]:span[1]]
    pool = "".join(target["text"][i] for i in han_positions(target["text"])[:2000]) or passage
    if reordered:
        passage = reorder_passage(passage, rng)
    passage = edit_passage(passage, rate, pool, rng)
    at = insertion_point(target["text"], rng)
    text = target["text"][:at] + passage + target["text"][at:]
    return text, (source["doc_id"], at, at + len(passage), span[0], span[1], length, rate, reordered, passage)


def plant_passages(sources: pd.DataFrame, targets: pd.DataFrame, *, lengths=(20, 50, 100, 200),
                   edit_rates=(0.0, 0.05, 0.1, 0.2), reorder=(False, True), per_cell: int = 10,
                   seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plant passages of known length from ``sources`` into copies of ``targets``.

    For every length × edit rate × reordering, ``per_cell`` passages are
    planted, each from a random source into a new copy of a random target
    (doc_id ``<target>#plant<k>``, the other columns kept), at a sentence
    boundary.

    Args:
        sources, targets: corpus DataFrames (``doc_id``, ``text``); choose
            targets unrelated to the sources, so that what is found outside
            the planted spans is a false positive.
        lengths: passage lengths, in Han characters of the source.
        edit_rates: probability of an edit at each Han character.
        reorder: whether the passage's clauses are shuffled (both by default).
        per_cell: passages per combination.
        seed: random seed (the same seed plants the same passages).

    Returns:
        (planted targets, truth): the copies with their passage, and one row
        per planted passage: target_id, source_id, target_start, target_end
        (in the new text), source_start, source_end, length, edit_rate,
        reordered, planted_text.
    """
    for name, df in (("sources", sources), ("targets", targets)):
        if not len(df):
            raise ValueError(f"plant_passages(): {name} is empty; it needs at least one document")
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for length in lengths:
        for rate in edit_rates:
            for reordered in reorder:
                for _ in range(per_cell):
                    target = targets.iloc[int(rng.integers(0, len(targets)))]
                    planted = plant_one(sources.iloc[int(rng.integers(0, len(sources)))], target,
                                        int(length), float(rate), bool(reordered), rng)
                    if planted is None:
                        continue
                    doc_id = f"{target['doc_id']}#plant{len(rows)}"
                    rows.append(target.copy().to_dict() | {"doc_id": doc_id, "text": planted[0]})
                    truth.append((doc_id, *planted[1]))
    return pd.DataFrame(rows, columns=targets.columns), pd.DataFrame(truth, columns=TRUTH_COLUMNS)


def covered(start: int, end: int, spans) -> int:
    """Characters of [start, end) inside the union of ``spans``."""
    mask = np.zeros(max(end - start, 0), dtype=bool)
    for a, b in spans:
        mask[max(a, start) - start:max(min(b, end) - start, 0)] = True
    return int(mask.sum())


def score_plant(plant, passages: pd.DataFrame) -> tuple[int, int, int, int, int]:
    """Characters: planted, planted found from the true source, found in the target, found inside the
    plant, found in the passages that overlap the plant."""
    mine = passages[passages["target_id"] == plant.target_id]
    spans = list(zip(mine["target_start"], mine["target_end"]))
    true = mine[mine["source_id"] == plant.source_id]
    hit = covered(plant.target_start, plant.target_end, zip(true["target_start"], true["target_end"]))
    found = covered(0, max([b for _, b in spans], default=0), spans)
    inside = covered(plant.target_start, plant.target_end, spans)
    touching = [(a, b) for a, b in spans if a < plant.target_end and b > plant.target_start]
    near = covered(0, max([b for _, b in touching], default=0), touching)
    return plant.target_end - plant.target_start, hit, found, inside, near


def score_planted(passages: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Recall and precision of the planted spans, by length, edit rate and reordering.

    Recall: the share of the planted characters inside a passage found
    between the planted target and its true source. Precision: the share of
    the characters found in the planted targets (from any source) that lie
    inside the planted span. ``detected``: the share of plants at least half
    recovered. ``span_precision``: the share of the characters of the
    passages that overlap a plant that lie inside it (how well the
    boundaries are found; ``precision`` also counts what is found elsewhere
    in the target, i.e. reuse that was there before planting).

    Returns:
        One row per length × edit_rate × reordered: plants, recall,
        precision, span_precision, detected.
    """
    scores = [score_plant(p, passages) for p in truth.itertuples()]
    df = truth[["length", "edit_rate", "reordered"]].assign(
        planted=[s[0] for s in scores], hit=[s[1] for s in scores],
        found=[s[2] for s in scores], inside=[s[3] for s in scores], near=[s[4] for s in scores])
    df["detected"] = df["hit"] >= df["planted"] / 2
    out = df.groupby(["length", "edit_rate", "reordered"], sort=True).agg(
        plants=("planted", "size"), planted=("planted", "sum"), hit=("hit", "sum"),
        found=("found", "sum"), inside=("inside", "sum"), near=("near", "sum"),
        detected=("detected", "mean")).reset_index()
    out["recall"] = out["hit"] / out["planted"]
    out["precision"] = out["inside"] / out["found"].where(out["found"] > 0)
    out["span_precision"] = out["inside"] / out["near"].where(out["near"] > 0)
    return out[["length", "edit_rate", "reordered", "plants", "recall", "precision", "span_precision", "detected"]]
