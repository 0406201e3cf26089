"""The formulation lexicon (提法) and the stopword lists.

The lexicon is the list of official formulations tifa counts and protects from
the segmenter. It is a table with one row per term::

    term, category, variants, source, first_official_use, notes, gloss, concept, not_in

``variants`` is a list of other spellings counted together with the term (in
the CSV file they are separated by ``|``). Every term and variant is kept whole
by :func:`helpers.segment.tokenize` and is never a stopword. ``gloss`` is the
term's English translation (the one official English versions use, where there
is one), which charts draw with ``lang="en"``. ``concept`` names the concept
group a term belongs to (its terms are counted together on request);
``not_in`` lists longer strings in which the term does not count (全面深化改革
in 全面深化改革开放, which is 全面深化 + 改革开放). docs/matching.md has the rule.

Example:
    >>> lex = load_lexicon(["两个确立", "全过程人民民主"])
    >>> lex["term"].tolist()
    ['两个确立', '全过程人民民主']
    >>> "两个确立" in load_stopwords(general=False, political=False, extra=["两个确立", "的"], lexicon=lex)
    False
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import paths
from ._dateparse import DATE_FORMS, parse_date_precision
from ._encodings import decode_bytes, file_error
from .errors import CorpusError

__all__ = [
    "LEXICON_COLUMNS",
    "load_lexicon",
    "load_stopwords",
    "lexicon_terms",
    "lexicon_hash",
    "read_word_list",
]

LEXICON_COLUMNS = [
    "term", "category", "variants", "source", "first_official_use", "notes", "gloss", "concept", "not_in",
]

_WHITESPACE = re.compile(r"\s")
_CACHE: dict[tuple, pd.DataFrame] = {}


def _error(path, line: int | None, problem: str, hint: str) -> CorpusError:
    where = f"{path}, line {line}" if line is not None else f"{path}"
    return CorpusError(f"{where}: {problem}. {hint}", path=path, problem=problem)


def _split_variants(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        if isinstance(value, float) and value != value:  # NaN
            return []
        if str(value).strip() == "[]":  # an empty list written by DataFrame.to_csv
            return []
        items = str(value).split("|")
    return [str(v).strip() for v in items if str(v).strip()]


def _validate(rows: list[tuple[int | None, dict]], path) -> pd.DataFrame:
    """Check terms and variants; ``rows`` pairs a line number with a record."""
    seen: dict[str, int | None] = {}
    records = []
    for line, rec in rows:
        term = str(rec.get("term", "") or "").strip()
        if not term:
            raise _error(path, line, "empty term", "Fill in the term or delete the line.")
        variants = [v for v in _split_variants(rec.get("variants")) if v != term]
        for form in [term, *variants]:
            if _WHITESPACE.search(form):
                raise _error(
                    path, line, f"term {form!r} contains whitespace",
                    "Terms are matched in text without spaces; remove the space.",
                )
            if form in seen:
                first = seen[form]
                at = f" (first on line {first})" if first is not None else ""
                raise _error(
                    path, line, f"duplicate term {form!r}{at}",
                    "Each term or variant may appear only once; merge the rows.",
                )
            seen[form] = line
        not_in = _check_not_in(_split_variants(rec.get("not_in")), [term, *variants], path, line)
        out = {c: ("" if rec.get(c) is None else rec.get(c)) for c in LEXICON_COLUMNS}
        for c in ("category", "source", "first_official_use", "notes", "gloss", "concept"):
            v = out[c]
            out[c] = "" if (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v).strip()
        _check_date(out["first_official_use"], path, line, term)
        out["term"] = term
        out["variants"] = list(dict.fromkeys(variants))
        out["not_in"] = not_in
        records.append(out)
    return pd.DataFrame(records, columns=LEXICON_COLUMNS).astype(
        {c: object for c in LEXICON_COLUMNS}
    )


def _check_not_in(contexts: list[str], forms: list[str], path, line: int | None) -> list[str]:
    """The ``not_in`` strings of a term: each longer than, and holding, one of its forms."""
    for ctx in contexts:
        if not any(f in ctx and f != ctx for f in forms):
            raise _error(path, line, f"not_in {ctx!r} of term {forms[0]!r} does not contain the term or a variant",
                         "List in not_in only longer strings in which the term stands.")
    return list(dict.fromkeys(contexts))


def _check_date(value: str, path, line: int | None, term: str) -> None:
    """Refuse a ``first_official_use`` that the date parser cannot read (empty is fine)."""
    if not value:
        return
    try:
        parse_date_precision(value)
    except ValueError:
        raise _error(path, line, f"first_official_use {value!r} of term {term!r} is not a date",
                     f"Write it as {DATE_FORMS}, or leave it empty.") from None


def _read_text(path: Path) -> str:
    """The text of a lexicon or word-list file in any encoding metadata may have (UTF-8, GBK, UTF-16…).

    An empty file gives "" (the callers say what is missing).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise file_error(path, f"the lexicon file cannot be read ({exc.strerror or exc})",
                         "Check its permissions.") from None
    if not data:
        return ""
    text, _ = decode_bytes(data, path)
    return text.lstrip("\ufeff")


def _read_csv(path: Path) -> pd.DataFrame:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = None
    rows: list[tuple[int, dict]] = []
    for fields in reader:
        line = reader.line_num  # physical line where this record ends (1-based)
        if header is None:
            header = [h.strip() for h in fields]
            if "term" not in header:
                raise _error(
                    path, 1, "no 'term' column in the header",
                    "The first line must name the columns, e.g. 'term,category,variants'.",
                )
            continue
        if not fields or all(not f.strip() for f in fields):
            continue  # blank line
        if len(fields) != len(header):
            raise _error(
                path, line,
                f"expected {len(header)} fields but found {len(fields)}",
                "Quote fields that contain commas with double quotes.",
            )
        rows.append((line, dict(zip(header, fields))))
    if header is None:
        raise _error(path, None, "the file is empty", "Add a header line with a 'term' column.")
    return _validate(rows, path)


def read_word_list(path) -> list[tuple[int, str]]:
    """Read a word list: one word per line, ``#`` starts a comment line.

    Args:
        path: a text file (UTF-8, GBK/GB18030, Big5 or UTF-16, as metadata CSVs).

    Returns:
        (line number, word) pairs, blank and comment lines skipped.
    """
    out = []
    for i, raw in enumerate(_read_text(Path(path)).splitlines(), start=1):
        word = raw.strip()
        if word and not word.startswith("#"):
            out.append((i, word))
    return out


def load_lexicon(path=None) -> pd.DataFrame:
    """Load the formulation lexicon as a table.

    A file may be saved in any encoding a metadata CSV may have (UTF-8 with
    or without BOM, GBK/GB18030, Big5, UTF-16 as Excel writes it): it is
    decoded by :func:`helpers._encodings.decode_bytes`, as metadata is.
    ``first_official_use`` is read by the one date parser of tifa
    (:func:`helpers._dateparse.parse_date_precision`: ``2013-11-12``,
    ``2013年11月12日``, ``2013-11``, ``2013年``, ``1644``…).

    Args:
        path: ``None`` for the bundled ``data/lexicon/tifa.csv``; a CSV file with
            at least a ``term`` column; a ``.txt`` word list (one term per line,
            ``#`` comments); a DataFrame with a ``term`` column; or a list of
            strings.

    Returns:
        DataFrame with columns term, category, variants (list of str), source,
        first_official_use, notes, gloss (English), concept, not_in (list of
        str) (missing columns filled with ``""`` or an empty list).

    Raises:
        CorpusError: a malformed CSV line, an empty, duplicate or
            whitespace-containing term, a ``first_official_use`` that is not a
            date; the message names the file and line (the header is line 1).
            A file that is binary or in no supported encoding: the message
            names the file.

    Example:
        >>> lex = load_lexicon(pd.DataFrame({"term": ["四个全面"], "variants": ["“四个全面”|四个全面战略布局"]}))
        >>> lex.loc[0, "variants"]
        ['“四个全面”', '四个全面战略布局']
    """
    if isinstance(path, pd.DataFrame):
        if "term" not in path.columns:
            raise CorpusError("lexicon DataFrame has no 'term' column.", path=None)
        rows = [(i + 2, rec) for i, rec in enumerate(path.to_dict("records"))]
        return _validate(rows, "<DataFrame>")
    if isinstance(path, (list, tuple)):
        rows = [(i + 1, {"term": t}) for i, t in enumerate(path)]
        return _validate(rows, "<list>")
    path = Path(path) if path is not None else paths.LEXICON_CSV
    if not path.exists():
        raise CorpusError(
            f"{path}: lexicon file not found. Pass path= to a CSV or .txt word list.",
            path=path, problem="not found",
        )
    key = (str(path.resolve()), os.stat(path).st_mtime_ns)
    if key not in _CACHE:
        if path.suffix.lower() == ".csv":
            lex = _read_csv(path)
        else:
            lex = _validate([(n, {"term": w}) for n, w in read_word_list(path)], path)
        _CACHE[key] = lex
    return _CACHE[key].copy()


def as_lexicon(lexicon=None) -> pd.DataFrame:
    """Return ``lexicon`` as a lexicon table (anything :func:`load_lexicon` takes)."""
    if isinstance(lexicon, pd.DataFrame) and list(lexicon.columns) == LEXICON_COLUMNS:
        return lexicon
    if isinstance(lexicon, pd.DataFrame) and list(lexicon.columns) in (LEXICON_COLUMNS[:6], LEXICON_COLUMNS[:7]):
        # a ready table of an earlier tifa: without gloss, concept groups and not_in strings
        missing = {c: "" for c in ("gloss", "concept") if c not in lexicon.columns}
        return lexicon.assign(**missing, not_in=[[] for _ in range(len(lexicon))])[LEXICON_COLUMNS]
    return load_lexicon(lexicon)


def lexicon_terms(lexicon=None) -> list[str]:
    """List every term and variant of a lexicon.

    Args:
        lexicon: anything :func:`load_lexicon` accepts (``None`` = bundled).

    Returns:
        Terms and variants, each once, in lexicon order.

    Example:
        >>> lexicon_terms(pd.DataFrame({"term": ["中国梦"], "variants": ["中华民族伟大复兴的中国梦"]}))
        ['中国梦', '中华民族伟大复兴的中国梦']
    """
    lex = as_lexicon(lexicon)
    out: list[str] = []
    for term, variants in zip(lex["term"], lex["variants"]):
        out.append(term)
        out.extend(variants)
    return list(dict.fromkeys(out))


def lexicon_hash(lexicon=None) -> str:
    """Return a short SHA-256 of a lexicon's sorted terms and variants.

    Used as a cache key and recorded for provenance; two lexicons with the same
    forms have the same hash whatever their order or metadata.

    Example:
        >>> lexicon_hash(["乙", "甲"]) == lexicon_hash(["甲", "乙"])
        True
    """
    lex = as_lexicon(lexicon)
    forms = sorted(lexicon_terms(lex))
    # not_in strings change counts, so they change the hash (a lexicon without them keeps its old hash)
    forms += sorted(f"{t} not_in {c}" for t, cs in zip(lex["term"], lex["not_in"]) for c in cs)
    return hashlib.sha256("\n".join(forms).encode("utf-8")).hexdigest()[:12]


def load_stopwords(
    *,
    general: bool = True,
    political: bool = True,
    extra: Iterable[str] | None = None,
    lexicon=None,
) -> frozenset[str]:
    """Load stopwords, never including a lexicon term.

    Args:
        general: include ``data/stopwords/zh_general.txt`` (function words).
        political: include ``data/stopwords/zh_political.txt`` (boilerplate of
            official documents).
        extra: more stopwords.
        lexicon: terms removed from the result (anything :func:`load_lexicon`
            accepts; ``None`` = bundled lexicon when it exists).

    Returns:
        A frozenset of words.

    Example:
        >>> sorted(load_stopwords(general=False, political=False, extra=["的", "了"], lexicon=[]))
        ['了', '的']
    """
    words: set[str] = set()
    for wanted, name in ((general, "zh_general.txt"), (political, "zh_political.txt")):
        if wanted:
            file = paths.STOPWORDS_DIR / name
            if file.exists():
                words.update(w for _, w in read_word_list(file))
    if extra:
        words.update(str(w).strip() for w in extra if str(w).strip())
    if lexicon is None and not paths.LEXICON_CSV.exists():
        lexicon = []
    words.difference_update(lexicon_terms(lexicon))
    return frozenset(words)
