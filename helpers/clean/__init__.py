"""Clean raw Chinese documents: small text-in/text-out steps and a pipeline.

Every step is a plain function ``str -> str`` that changes as little as
possible; :func:`clean_text` runs them in the order of :data:`DEFAULT_STEPS`:

1. :func:`apply_errata` - replace human-verified corrupted spans (``data/errata.csv``).
2. :func:`remove_invisible` - zero-width characters, BOM, soft hyphen, control
   characters; every line ending becomes ``\\n``.
3. :func:`strip_front_matter` - a YAML front matter block (``---`` … ``---``)
   at the very top (its keys are metadata: the loader reads them).
4. :func:`strip_markdown` - Markdown markup (``**bold**``, ``#`` headings,
   ``<!-- -->`` comments, links, images, lists, tables), only on Markdown
   documents (``.md`` files, ``clean_text(..., markup="markdown")``).
5. :func:`normalize_unicode` - full-width letters/digits/symbols to ASCII
   (Chinese punctuation ，。：；！？（） kept), then NFC.
6. :func:`remove_pinyin_annotations` - ``達(dá)`` → ``達``, ``的(de)`` → ``的``:
   tone-marked pinyin, or syllables that spell readings of the Han characters
   before them (``(GDP)``, ``(Xi Jinping)``, English glosses stay).
7. :func:`to_simplified` - OpenCC ``t2s`` on the lines that are traditional;
   simplified lines are left as they are (乾县 stays 乾县).
8. :func:`remove_stage_directions` - （鼓掌）, （笑声）, （全体起立，长时间热烈鼓掌）
   of transcribed speeches (counted; the raw text keeps them).
9. :func:`remove_boilerplate` - whole lines of page chrome, recognised by what
   they are made of (share, print and login words, URLs, dates, counters,
   separators, page fields, copyright and ICP numbers, link lists,
   disclaimers, licence footers) and where they stand (head and tail of the
   document); a line with body text is never removed.
   :func:`find_boilerplate` lists the lines it removes. It runs after pinyin
   removal and t2s, so that 熱門資訊 or 热门资讯(À) is recognised as the
   heading it is (and cleaning stays idempotent), and after Markdown
   removal, so that it reads ``首页 > 要闻``, not ``[首页](/) > 要闻``.
10. :func:`remove_glossary` - the glossary after the body (名词解释, 注释:
    numbered definitions) and the note markers ``[1]`` that refer to it;
    :func:`glossary` lists its definitions as a table. It runs after
    :func:`remove_boilerplate`, so that a page's footer below the glossary
    is not read as part of its last definition.
11. :func:`normalize_punctuation` - ASCII ``, ; ! : ?``, brackets and straight
    quotes in Chinese context to their full-width forms.
12. :func:`normalize_whitespace` - strip indentation, collapse spaces, keep
    paragraphs.

The raw text is never modified in place: the loader keeps it beside the clean
text. :func:`cleaning_report` says what each step did to each document and
:func:`find_mojibake` points at spans that still look garbled;
:func:`find_placeholders` lists the rare-character placeholders (``ｆú＠①``)
left by the web source of some Government Work Reports;
:func:`find_ambiguous_conversions` lists the characters to proofread after the
traditional → simplified conversion (乾 → 干 or 乾, 於 → 于 or 於).

The submodules, lowest layer first (each imports only ones listed before it):
``changes`` (how a step's changes are counted), ``errata``, ``frontmatter``,
``markdown``, ``glossary`` (the glossary step and its definitions),
``characters`` (line breaks, invisible characters, width folding, NFC),
``variants`` (OpenCC's dictionaries: which characters belong to one script,
which have a choice), ``pinyin``, ``script`` (OpenCC ``t2s`` line by line,
:func:`detect_script`), ``stage`` (stage directions), ``chrome_words`` (the
vocabulary of page chrome), ``chrome_patterns``, ``chrome_lines`` (what kind
of chrome a line is), ``chrome_blocks`` (which lines to look at, body
lines), ``boilerplate`` (which lines of a document go), ``punctuation``,
``whitespace``, ``diagnose`` (mojibake, placeholders), ``proofread``
(:func:`find_ambiguous_conversions`), ``steps`` (:data:`DEFAULT_STEPS`,
:func:`clean_text`, :func:`cleaning_report`, :func:`make_pipeline`,
:func:`find_boilerplate`) and ``glossary_table`` (:func:`glossary`).

Example:
    >>> clean_text("會議傳達(dá)學(xué)習(xí)了講話精神,要求全面落實。")
    '会议传达学习了讲话精神，要求全面落实。'
"""

from __future__ import annotations

from .._chars import CJK_PUNCT, HAN
from .boilerplate import BOILERPLATE_PATTERNS, TAIL_MARKERS, remove_boilerplate
from .characters import KEEP_FULLWIDTH, normalize_unicode, remove_invisible
from .diagnose import (
    CIRCLED_NUMBERS,
    COMMON_CHAR_MIN_FREQ,
    PLACEHOLDER_RE,
    RARE_RUN_MIN,
    find_mojibake,
    find_placeholders,
)
from .errata import apply_errata, load_errata
from .frontmatter import FrontMatterError, find_front_matter, strip_front_matter
from .glossary import glossary_entries, remove_glossary, split_glossary
from .glossary_table import glossary
from .markdown import MARKDOWN_SUFFIXES, is_markdown, strip_markdown
from .pinyin import remove_pinyin_annotations
from .proofread import find_ambiguous_conversions
from .punctuation import normalize_punctuation
from .script import detect_script, to_simplified
from .stage import remove_stage_directions
from .steps import DEFAULT_STEPS, clean_text, cleaning_report, find_boilerplate, make_pipeline
from .whitespace import normalize_whitespace

__all__ = [
    "DEFAULT_STEPS",
    "BOILERPLATE_PATTERNS",
    "TAIL_MARKERS",
    "apply_errata",
    "remove_invisible",
    "normalize_unicode",
    "remove_boilerplate",
    "remove_stage_directions",
    "find_boilerplate",
    "strip_front_matter",
    "strip_markdown",
    "remove_glossary",
    "split_glossary",
    "glossary_entries",
    "glossary",
    "is_markdown",
    "find_front_matter",
    "FrontMatterError",
    "MARKDOWN_SUFFIXES",
    "remove_pinyin_annotations",
    "to_simplified",
    "detect_script",
    "normalize_punctuation",
    "normalize_whitespace",
    "make_pipeline",
    "clean_text",
    "cleaning_report",
    "find_mojibake",
    "find_placeholders",
    "find_ambiguous_conversions",
    "load_errata",
    # constants the docstrings refer to, and the character classes
    "PLACEHOLDER_RE",
    "CIRCLED_NUMBERS",
    "COMMON_CHAR_MIN_FREQ",
    "RARE_RUN_MIN",
    "KEEP_FULLWIDTH",
    "HAN",
    "CJK_PUNCT",
]
