"""The cleaning pipeline: the default steps in order, clean_text and cleaning_report.

:data:`DEFAULT_STEPS` names the steps of the sibling modules in the order
:func:`clean_text` runs them; :func:`cleaning_report` runs the same steps
through their counting twins (``<step>_counted(text, count=True)``, which
return the text and the number of changes) and says what each did to each
document; :func:`make_pipeline` composes any ``str -> str`` functions.

A new cleaning step goes in the submodule of its kind (or a new one), then in
:data:`DEFAULT_STEPS` (and :data:`_COUNTERS` when it can count its own changes
faster than a comparison of the texts before and after).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from .boilerplate import boilerplate_lines, remove_boilerplate, remove_boilerplate_counted
from .changes import count_char_changes
from .characters import normalize_unicode, normalize_unicode_counted, remove_invisible, remove_invisible_counted
from .diagnose import corpus_documents, find_mojibake
from .errata import apply_errata, apply_errata_counted
from .frontmatter import strip_front_matter, strip_front_matter_counted
from .glossary import remove_glossary, remove_glossary_counted
from .markdown import is_markdown, markdown_flags, strip_markdown, strip_markdown_counted
from .pinyin import remove_pinyin_annotations, remove_pinyin_annotations_counted
from .punctuation import normalize_punctuation, normalize_punctuation_counted
from .script import to_simplified, to_simplified_counted
from .stage import remove_stage_directions, remove_stage_directions_counted
from .whitespace import normalize_whitespace, normalize_whitespace_counted

__all__ = ["DEFAULT_STEPS", "make_pipeline", "clean_text", "cleaning_report", "find_boilerplate"]

#: The cleaning steps in the order :func:`clean_text` applies them.
DEFAULT_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("apply_errata", apply_errata),
    ("remove_invisible", remove_invisible),
    ("strip_front_matter", strip_front_matter),
    ("strip_markdown", strip_markdown),
    ("normalize_unicode", normalize_unicode),
    ("remove_pinyin_annotations", remove_pinyin_annotations),
    ("to_simplified", to_simplified),
    ("remove_stage_directions", remove_stage_directions),
    ("remove_boilerplate", remove_boilerplate),
    ("remove_glossary", remove_glossary),
    ("normalize_punctuation", normalize_punctuation),
    ("normalize_whitespace", normalize_whitespace),
)

_STEP_BY_NAME = dict(DEFAULT_STEPS)
_COUNTERS: dict[Callable, Callable[..., tuple[str, int]]] = {
    remove_invisible: remove_invisible_counted,
    strip_front_matter: strip_front_matter_counted,
    strip_markdown: strip_markdown_counted,
    remove_glossary: remove_glossary_counted,
    normalize_unicode: normalize_unicode_counted,
    remove_boilerplate: remove_boilerplate_counted,
    remove_stage_directions: remove_stage_directions_counted,
    remove_pinyin_annotations: remove_pinyin_annotations_counted,
    to_simplified: to_simplified_counted,
    normalize_punctuation: normalize_punctuation_counted,
    normalize_whitespace: normalize_whitespace_counted,
}


def make_pipeline(*funcs: Callable[[str], str]) -> Callable[[str], str]:
    """Compose text-in/text-out functions into one, applied left to right.

    Args:
        *funcs: functions ``str -> str``.

    Returns:
        A function ``str -> str`` that applies ``funcs`` in order.

    Example:
        >>> clean = make_pipeline(remove_pinyin_annotations, to_simplified)
        >>> clean("傳達(dá)學(xué)習(xí)")
        '传达学习'
    """
    funcs = tuple(funcs)
    for f in funcs:
        if not callable(f):
            raise TypeError(f"make_pipeline() takes functions, got {f!r}")

    def pipeline(text: str) -> str:
        for f in funcs:
            text = f(text)
        return text

    pipeline.steps = funcs
    return pipeline


def _resolve_steps(steps) -> list[tuple[str, Callable]]:
    if steps is None:
        return list(DEFAULT_STEPS)
    if isinstance(steps, str) or callable(steps):
        steps = [steps]
    resolved = []
    for step in steps:
        if isinstance(step, str):
            if step not in _STEP_BY_NAME:
                raise ValueError(f"unknown cleaning step {step!r}; choose from {', '.join(_STEP_BY_NAME)}")
            resolved.append((step, _STEP_BY_NAME[step]))
        elif callable(step):
            resolved.append((getattr(step, "__name__", repr(step)), step))
        else:
            raise TypeError(f"a cleaning step is a name or a function, got {step!r}")
    return resolved


def _run_step(func: Callable, text: str, errata, doc_id: str | None, *, count: bool = True,
              markdown: bool = False) -> tuple[str, int]:
    """Run one step; with ``count=False`` skip counting its changes (0 is returned).

    :func:`strip_markdown` runs only on a Markdown document (``markdown``).
    """
    if func is strip_markdown and not markdown:
        return text, 0
    if func is apply_errata:
        return apply_errata_counted(text, errata, doc_id=doc_id, count=count)
    counter = _COUNTERS.get(func)
    if counter is not None:
        return counter(text, count=count)
    out = func(text)
    if not isinstance(out, str):
        raise TypeError(f"cleaning step {func!r} returned {type(out).__name__}, not str")
    return out, (count_char_changes(text, out) if count else 0)


def clean_text(text: str, *, steps: Sequence[str | Callable[[str], str]] | None = None,
               errata=None, markup: str | None = None) -> str:
    """Clean one raw document.

    Runs the steps of :data:`DEFAULT_STEPS` in order (or the ``steps`` you
    choose). The result has no pinyin annotations, no web boilerplate, no
    traditional lines (simplified lines keep every character, 乾县 stays
    乾县; :func:`find_ambiguous_conversions` lists what to proofread),
    Chinese punctuation, tidy whitespace with paragraphs kept, and cleaning
    it again changes nothing. A YAML front matter at the top and a glossary
    after the body (名词解释, 注释: :func:`remove_glossary`) are left out;
    Markdown markup is removed only when ``markup="markdown"``
    (:func:`strip_markdown`; the loader says so for ``.md`` files).

    Args:
        text: the raw text.
        steps: names (see :data:`DEFAULT_STEPS`) or functions ``str -> str``
            to run in this order; ``None`` runs all default steps.
        errata: passed to :func:`apply_errata`: ``None`` for the bundled
            errata, a path, a DataFrame, a mapping, or ``False`` for none.
        markup: ``"markdown"`` (or ``"md"``) for a Markdown document: only
            then does :func:`strip_markdown` run; anything else is plain text.

    Returns:
        The clean text.

    Raises:
        TypeError: ``text`` is not a string.

    Example:
        >>> clean_text("\\u3000\\u3000會議強調(diào),要堅持黨的全面領導(dǎo)。")
        '会议强调，要坚持党的全面领导。'
        >>> clean_text("傳達(dá)", steps=["remove_pinyin_annotations"])
        '傳達'
        >>> clean_text("## 坚持**稳中求进**，3*4", markup="markdown"), clean_text("## 坚持**稳中求进**，3*4")
        ('坚持稳中求进，3*4', '## 坚持**稳中求进**，3*4')
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text() takes a str, got {type(text).__name__}")
    markdown = is_markdown(markup=markup or "plain")
    for _, func in _resolve_steps(steps):
        text = _run_step(func, text, errata, None, count=False, markdown=markdown)[0]
    return text


def cleaning_report(corpus, *, steps: Sequence[str | Callable[[str], str]] | None = None,
                    errata=None, markup: str | None = None) -> pd.DataFrame:
    """Say what each cleaning step did to each document.

    Args:
        corpus: a corpus DataFrame (its ``raw`` column is cleaned; ``text`` is
            used when there is no ``raw``), a mapping ``{doc_id: raw text}`` or
            a single str (doc_id ``"text"``).
        steps: as in :func:`clean_text`.
        errata: as in :func:`clean_text`; a table's ``doc_id`` column is ignored
            (every row is applied to every document, like :func:`clean_text`).
        markup: as in :func:`clean_text`, for every document; None (the
            default): for a corpus DataFrame, each row's ``markup`` column
            when it has a value, else its ``file`` suffix (``.md`` is
            Markdown: :func:`is_markdown`); for a mapping or a str, plain text.

    Returns:
        A DataFrame with one row per document and step, in order, and a last
        row per document named ``mojibake_detected``. Columns: doc_id, step,
        changes (edits the step made: errata applied, characters removed or
        converted, boilerplate lines removed, annotations removed, punctuation
        marks converted...; for ``mojibake_detected`` the number of suspicious
        spans :func:`find_mojibake` finds in the clean text, unrepaired
        rare-character placeholders included), chars_before, chars_after
        (lengths before and after the step), removed (``chars_before -
        chars_after``: the characters the step deleted, negative if it
        inserted some). Summed over a document's steps,
        ``removed`` is the length of the raw text minus that of the clean text.

    Example:
        >>> report = cleaning_report({"doc": "傳達(dá)學(xué)習(xí)"})
        >>> report.loc[report.changes > 0, ["step", "changes", "removed"]].values.tolist()
        [['remove_pinyin_annotations', 3, 13], ['to_simplified', 4, 0]]
    """
    resolved = _resolve_steps(steps)
    rows = []
    for (doc_id, text), markdown in zip(corpus_documents(corpus), markdown_flags(corpus, markup)):
        for name, func in resolved:
            before = len(text)
            text, changes = _run_step(func, text, errata, None, markdown=markdown)
            rows.append((doc_id, name, changes, before, len(text), before - len(text)))
        hits = find_mojibake(text)
        rows.append((doc_id, "mojibake_detected", len(hits), len(text), len(text), 0))
    df = pd.DataFrame(rows, columns=["doc_id", "step", "changes", "chars_before", "chars_after", "removed"])
    df["doc_id"] = df["doc_id"].astype(str)
    df["step"] = df["step"].astype(str)
    for col in ("changes", "chars_before", "chars_after", "removed"):
        df[col] = df[col].astype("int64")
    return df


def _before_boilerplate(text: str, errata, markdown: bool) -> tuple[str, int]:
    """``text`` as :func:`remove_boilerplate` sees it in :func:`clean_text` (after the steps before it),
    and the number of front matter lines removed from its top."""
    offset = 0
    for _, func in DEFAULT_STEPS:
        if func is remove_boilerplate:
            break
        before = text
        text = _run_step(func, text, errata, None, count=False, markdown=markdown)[0]
        if func is strip_front_matter:
            offset = before.count("\n", 0, len(before) - len(text))
    return text, offset


def find_boilerplate(corpus, *, errata=None, markup: str | None = None):
    """List the lines of page chrome that cleaning removes, with their kind.

    The lines are those :func:`remove_boilerplate` removes when
    :func:`clean_text` runs its default steps: the raw text goes through the
    steps before it (errata, invisible characters, front matter, Markdown
    markup of a Markdown document, width, pinyin, t2s, stage directions) and
    is then read line by line.

    Args:
        corpus: a str, or a corpus DataFrame (its ``raw`` column, else
            ``text``) or a mapping ``{doc_id: raw text}``.
        errata: as in :func:`clean_text`.
        markup: as in :func:`cleaning_report` (a DataFrame's rows say which
            documents are Markdown by their ``markup`` and ``file``).

    Returns:
        For a str, a list of ``(line_no, kind, line)``; for a corpus, a
        DataFrame with columns doc_id, line_no, kind, line. ``line_no``
        counts the lines of the raw text from 1 (as ``str.splitlines``
        does), front matter lines included (in a Markdown document, a
        comment over several lines or a ``<br>`` shifts the lines after it:
        they are counted as the markup's removal leaves them);
        ``kind`` says what the line is (``chrome``, ``meta``,
        ``breadcrumb``, ``copyright``, ``link_list``, ``link_item``,
        ``source``, ``disclaimer``, ``licence``…, see
        :mod:`helpers.clean.chrome_lines`); ``line`` is the line as removed.
        The number of rows of a document is the ``changes`` of
        ``remove_boilerplate`` in :func:`cleaning_report`.

    Example:
        >>> find_boilerplate("首页 > 要闻\\n坚持稳中求进工作总基调，推动高质量发展。\\n责任编辑：张三")
        [(1, 'breadcrumb', '首页 > 要闻'), (3, 'editor', '责任编辑：张三')]
        >>> find_boilerplate({"doc": "字号：大 中 小\\n坚持稳中求进工作总基调，推动高质量发展。"}).values.tolist()
        [['doc', 1, 'meta', '字号：大 中 小']]
        >>> find_boilerplate("---\\ntitle: 报告\\n---\\n[首页](/) > 要闻\\n坚持稳中求进工作总基调。", markup="markdown")
        [(4, 'breadcrumb', '首页 > 要闻')]
    """
    if isinstance(corpus, str):
        text, offset = _before_boilerplate(corpus, errata, is_markdown(markup=markup or "plain"))
        return [(offset + i + 1, kind, line) for i, kind, line in boilerplate_lines(text)]
    rows = [(doc_id, *found)
            for (doc_id, text), markdown in zip(corpus_documents(corpus), markdown_flags(corpus, markup))
            for found in find_boilerplate(text, errata=errata, markup="markdown" if markdown else "plain")]
    df = pd.DataFrame(rows, columns=["doc_id", "line_no", "kind", "line"])
    return df.astype({"doc_id": str, "line_no": "int64", "kind": str, "line": str})
