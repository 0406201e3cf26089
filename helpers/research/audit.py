"""Segmentation audit: how plain jieba and tifa segment every occurrence of a term."""

from __future__ import annotations

import bisect
import re
from collections import Counter

import pandas as pd

from ..lexicon import as_lexicon
from ..segment import lexicon_pattern
from ..segment.patterns import trie_regex
from ..segment.engines import stock_jieba
from ..textstat.match import corpus_texts, forms_of_terms, term_guards


def segmentation_audit(corpus: pd.DataFrame, terms=None, *, lexicon=None, top: int = 3) -> pd.DataFrame:
    """Show how plain jieba and tifa segment every occurrence of each tracked term.

    Plain jieba is a fresh ``jieba.Tokenizer()`` with its stock dictionary
    (never the global instance, never tifa's lexicon), run on the sentence that
    holds each occurrence (jieba segments each run of Han characters on its
    own, so this equals segmenting the whole text). tifa keeps every lexicon
    term whole unless it sits inside a longer lexicon term (then the longer one
    is the token).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        terms: terms to audit (default: every lexicon term that occurs).
        lexicon: tifa's lexicon (``None`` = bundled); terms are counted with
            their variants.
        top: how many different jieba segmentations to list per term.

    Returns:
        One row per term that occurs: term, occurrences (substring matches),
        jieba_whole (occurrences plain jieba returns as exactly one token),
        split_by_jieba (a token boundary inside the term: 两个/确立),
        merged_by_jieba (a token runs past the term's edge, e.g. 改革开放是 as
        one token; marked ``+`` in the segmentation), miscounted_without_lexicon
        (occurrences − jieba_whole: what a token count would miss),
        tifa_whole (occurrences tifa returns as one token), tifa_inside_longer
        (occurrences inside a longer lexicon form, which is the token: 八项规定
        in 中央八项规定), tifa_crossed (occurrences cut by a lexicon form that
        starts earlier and ends inside them; tifa_whole + tifa_inside_longer +
        tifa_crossed = occurrences, docs/matching.md), jieba_segmentations
        (the ``top`` most frequent, e.g. ``两个/确立 (5); 两个确立 (1)``).
        Sorted by miscounted_without_lexicon, then occurrences.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立，做到两个维护。"]})
        >>> audit = segmentation_audit(corpus, ["两个确立"], lexicon=["两个确立"])
        >>> audit.loc[0, ["occurrences", "split_by_jieba", "tifa_whole"]].tolist()
        [1, 1, 1]
        >>> audit.loc[0, "jieba_segmentations"]
        '两个/确立 (1)'
    """
    lex = as_lexicon(lexicon)
    if isinstance(terms, str):
        terms = [terms]
    tf = forms_of_terms(lex, terms)
    # terms audited but missing from the lexicon are still whole in tifa's eyes
    # only if the lexicon has them; tifa's token spans come from its pattern
    pattern = lexicon_pattern(lex)
    stock = stock_jieba()
    texts = corpus_texts(corpus)
    tifa_spans = [[(m.start(), m.end()) for m in pattern.finditer(t) if m.lastgroup == "term"]
                  for t in texts]
    tifa_starts = [[s for s, _ in spans] for spans in tifa_spans]
    guards = term_guards(lex)
    cut_cache: dict[str, list[tuple[int, int]]] = {}

    def token_bounds(sentence: str) -> list[tuple[int, int]]:
        if sentence not in cut_cache:
            out, pos = [], 0
            for tok in stock.cut(sentence):
                out.append((pos, pos + len(tok)))
                pos += len(tok)
            cut_cache[sentence] = out
        return cut_cache[sentence]

    rows = []
    for term, _, forms in tf:
        rx = re.compile(trie_regex([f for f in forms if f], guards) or "(?!)")
        occ = jieba_whole = split = merged = 0
        tifa = Counter()
        shapes: Counter = Counter()
        for k, text in enumerate(texts):
            for m in rx.finditer(text):
                s, e = m.span()
                occ += 1
                tifa[_tifa_view(tifa_spans[k], tifa_starts[k], s, e)] += 1
                a, b = _sentence_span(text, s, e)
                sent = text[a:b]
                pieces, over, shape = _jieba_view(token_bounds(sent), sent, s - a, e - a)
                if pieces and (len(pieces) > 1):
                    split += 1
                if over:
                    merged += 1
                if len(pieces) == 1 and not over:
                    jieba_whole += 1
                shapes[shape] += 1
        if occ == 0 and terms is None:
            continue
        rows.append({
            "term": term, "occurrences": occ, "jieba_whole": jieba_whole,
            "split_by_jieba": split, "merged_by_jieba": merged,
            "miscounted_without_lexicon": occ - jieba_whole, "tifa_whole": tifa["whole"],
            "tifa_inside_longer": tifa["inside"], "tifa_crossed": tifa["crossed"],
            "jieba_segmentations": "; ".join(f"{s} ({n})" for s, n in shapes.most_common(top)),
        })
    cols = ["term", "occurrences", "jieba_whole", "split_by_jieba", "merged_by_jieba",
            "miscounted_without_lexicon", "tifa_whole", "tifa_inside_longer", "tifa_crossed",
            "jieba_segmentations"]
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values(["miscounted_without_lexicon", "occurrences"], ascending=False,
                              kind="stable")
    return out.reset_index(drop=True)


def _tifa_view(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> str:
    """``whole``, ``inside`` (a longer lexicon token holds it) or ``crossed``: tifa's token for ``text[s:e]``."""
    i = bisect.bisect_right(starts, s) - 1
    if i >= 0 and spans[i] == (s, e):
        return "whole"
    if i >= 0 and spans[i][1] >= e:
        return "inside"
    return "crossed"


def _sentence_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Start and end of the sentence around ``text[s:e]`` (terms with 、 span several runs)."""
    a = max(text.rfind(ch, 0, s) for ch in "。！？；\n") + 1
    b = min([x for x in (text.find(ch, e) for ch in "。！？；\n") if x != -1] or [len(text)])
    return a, b


def _jieba_view(bounds: list[tuple[int, int]], sent: str, ls: int, le: int) -> tuple[list[str], bool, str]:
    """How jieba's tokens (``bounds`` in ``sent``) cut the occurrence ``sent[ls:le]``.

    Returns the pieces of the occurrence, whether a token runs past its edge,
    and its shape: the pieces joined by ``/``, with ``+`` on an edge a token
    runs past (``两个/确立``, ``改革开放+``).
    """
    pieces, over = [], False
    for ts, te in bounds:
        if te <= ls or ts >= le:
            continue
        pieces.append(sent[max(ts, ls):min(te, le)])
        over = over or ts < ls or te > le
    shape = "/".join(pieces)
    if over:
        shape = ("+" if any(ts < ls < te for ts, te in bounds) else "") + shape
        shape += "+" if any(ts < le < te for ts, te in bounds) else ""
    return pieces, over, shape
