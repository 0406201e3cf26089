"""Text reuse: which passages of a document copy another, and how much (issue 18).

``text_reuse(sources, targets)`` finds the passages of each target that
reuse a source: character n-grams of the clean text (Han characters and
digits), an index of rare n-grams (those in very many documents are the
boilerplate every report shares and are discounted, as passim does),
alignment of the passages across small edits. ``plant_passages`` and
``score_planted`` measure how well it does on passages planted on purpose.

The submodules: ``shingles`` (normalized text, offsets, n-gram hashes),
``index`` (document frequencies, boilerplate, candidate pairs, seeds),
``align`` (runs, extension, chaining, similarity), ``reuse``
(:func:`text_reuse`), ``plant`` (:func:`plant_passages`, :func:`score_planted`), ``passages``
(:func:`reused_passages`: the parts of a source that many targets reuse), ``summary``
(:func:`reuse_by_year`: one statistic of the shares per year).

Example:
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["a"], "text": ["全面推进乡村振兴，加快建设农业强国，扎实推动乡村产业发展。"]})
    >>> b = pd.DataFrame({"doc_id": ["b"], "text": ["今年要全面推进乡村振兴，加快建设农业强国，扎实推动乡村产业发展。"]})
    >>> text_reuse(a, b).shares[["target_id", "source_id", "share"]].round(2).values.tolist()
    [['b', 'a', 0.9]]
"""

from __future__ import annotations

from .passages import reused_passages
from .plant import plant_passages, score_planted
from .reuse import ReuseResult, text_reuse
from .summary import reuse_by_year

__all__ = ["ReuseResult", "plant_passages", "reuse_by_year", "reused_passages", "score_planted", "text_reuse"]
