"""The fast paths give exactly the outputs of the simple implementations.

Cleaning: :func:`helpers.clean.clean_text` skips counting changes and skips
steps that cannot apply; the cleaning report counts. Both must produce the
same text, and the rewritten steps must match the earlier line-by-line or
character-by-character versions kept here as references.

Slogan counting: one scan per document must give the numbers of one
``str.count`` (or one trie regex) per lexicon form, as before.

No test here asserts on time.
"""

from __future__ import annotations

import difflib
import functools
import re

import opencc
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import _chars, clean, paths
from helpers.load import read_text_file

HAN = clean.HAN


@functools.lru_cache(maxsize=1)
def _raw_documents() -> tuple[str, ...]:
    files = sorted(paths.SEEDS_DIR.glob("*.txt")) + sorted(paths.GWR_DIR.glob("*.txt"))
    return tuple(read_text_file(p)[0] for p in files)


# --------------------------------------------------------------------------- reference cleaning steps


def _ref_normalize_whitespace(text: str) -> tuple[str, int]:
    """The line-by-line version of helpers.clean.whitespace.normalize_whitespace_counted."""
    hspace = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
    number_space = re.compile(rf"(?<=[0-9]) (?=[0-9.%‰{HAN}])|(?<=[.%‰]) (?=[0-9])|(?<=[{HAN}]) (?=[0-9])")
    n = 0
    text, k = clean.characters.LINE_BREAKS_RE.subn("\n", text)
    n += k
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped != line:
            n += 1
        stripped, k = hspace.subn(" ", stripped)
        n += k
        stripped, k = number_space.subn("", stripped)
        n += k
        lines[i] = stripped
    text = "\n".join(lines)
    text, k = re.subn(r"\n{3,}", "\n\n", text)
    n += k
    stripped = text.strip("\n")
    return stripped, n + (stripped != text)


def _ref_normalize_unicode(text: str) -> tuple[str, int]:
    """The character-by-character version of helpers.clean.characters.normalize_unicode_counted."""
    import unicodedata

    table = clean.characters._width_table()
    n = sum(1 for ch in text if ord(ch) in table)
    text = text.translate(table)
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        sm = difflib.SequenceMatcher(None, text, nfc, autojunk=False)
        n += sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
        text = nfc
    return text, n


@functools.lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def _ref_t2s(line: str) -> str:
    for _ in range(4):
        converted = _converter().convert(line)
        if converted == line:
            break
        line = converted
    return line.translate(str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"}))


def _ref_to_simplified(text: str) -> tuple[str, int]:
    """Each line judged by a plain count, OpenCC t2s on every traditional line (no skipping), corner quotes."""
    if not re.search(f"[{HAN}]", text):
        return text, 0
    tables = clean.variants.script_tables()
    lines = text.split("\n")
    t = [sum(c in tables.traditional_only for c in line) for line in lines]
    s = [sum(c in tables.simplified_only for c in line) for line in lines]
    traditional = [a > b for a, b in zip(t, s)]
    simplified = [b >= a and b > 0 for a, b in zip(t, s)]
    document = sum(a for a, x in zip(t, traditional) if x) > sum(b for b, y in zip(s, simplified) if y)
    out = "\n".join(_ref_t2s(line) if x or (document and not y) else line
                    for line, x, y in zip(lines, traditional, simplified))
    if len(out) == len(text):
        return out, sum(1 for a, b in zip(text, out) if a != b)
    sm = difflib.SequenceMatcher(None, text, out, autojunk=False)
    return out, sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def _ref_remove_invisible(text: str) -> tuple[str, int]:
    """Both regexes run on every text."""
    text, n = clean.characters.LINE_BREAKS_RE.subn("\n", text)
    removed = sum(len(m.group()) for m in clean.characters._invisible_re().finditer(text))
    return clean.characters._invisible_re().sub("", text), n + removed


def _ref_remove_boilerplate(text: str) -> tuple[str, int]:
    """The definition, line by line with plain loops: a chrome line goes unless its kind is weak and
    an anchor (a sentence of body text) stands both before and after it (the first anchor not followed by a
    line of strong chrome, the last not preceded by one, else the first and last anchor); in the tail, a headline goes
    when a tail marker precedes it and only chrome and headlines follow that marker, and a button
    between two chrome lines or in the run of chrome and buttons that ends the document. (The reference
    of the earlier union-regex version encoded the tail rule that swallowed body lines, issue 14.)"""
    lines_ = clean.chrome_lines
    blocks = clean.chrome_blocks
    lines = text.split("\n")
    kinds = [lines_.line_kind(line) for line in lines]
    anchors = [i for i, line in enumerate(lines) if kinds[i] is None and blocks.is_anchor(line)]
    filled = [j for j in range(len(lines)) if lines[j].strip()]

    def neighbour_is_body(a, step):  # not a line of strong chrome
        k = filled.index(a) + step
        return not (0 <= k < len(filled) and kinds[filled[k]] is not None
                    and kinds[filled[k]] not in lines_.WEAK_KINDS)

    heads = [a for a in anchors if neighbour_is_body(a, 1)] or anchors[:1]
    first = heads[0] if heads else len(lines)
    tails = [a for a in anchors if a >= first and neighbour_is_body(a, -1)] or anchors[-1:]
    last = tails[-1] if tails else -1
    anchors = [first, last] if anchors else []

    def in_tail_list(i):
        if kinds[i] is not None or not lines[i].strip() or any(a >= i for a in anchors):
            return False
        return any(kinds[m] in clean.TAIL_MARKERS and all(
            kinds[j] is not None or not lines[j].strip() or blocks.is_headline(lines[j])
            for j in range(m + 1, len(lines))) for m in range(i))

    def in_tail_buttons(i):
        tail = [j for j in range(len(lines)) if lines[j].strip() and all(a < j for a in anchors)]
        k = tail.index(i) if i in tail else -1
        if k < 0 or kinds[i] is not None or not blocks.is_button(lines[i]):
            return False
        if 0 < k < len(tail) - 1 and kinds[tail[k - 1]] is not None and kinds[tail[k + 1]] is not None:
            return True
        # the run of chrome and buttons that ends the document, begun by a chrome line
        def fits(j):
            return kinds[j] is not None or blocks.is_button(lines[j])
        if not all(fits(j) for j in tail[k:]):
            return False
        first = k
        while first > 0 and fits(tail[first - 1]):
            first -= 1
        return kinds[tail[first]] is not None

    def removed(i):
        if in_tail_list(i) or in_tail_buttons(i):
            return True
        if kinds[i] is None:
            return False
        inside = any(a < i for a in anchors) and any(a > i for a in anchors)
        return kinds[i] not in lines_.WEAK_KINDS or not inside

    drop = [i for i in range(len(lines)) if removed(i)]
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return ("\n".join(kept) if drop else text), len(drop)


# horizontal whitespace: every space that is no line boundary (normalize_whitespace makes each a space)
_REF_SPACES = {c for c in map(chr, range(0x110000)) if c.isspace() and len(f"a{c}b".splitlines()) == 1}


def _ref_normalize_punctuation(text: str) -> tuple[str, int]:
    """The character-by-character version of helpers.clean.punctuation.normalize_punctuation_counted."""
    if not any(c in text for c in ',;!:?()"'):
        return text, 0
    n = 0
    if '"' in text:
        lines = text.split("\n")
        for k, line in enumerate(lines):
            count = line.count('"')
            if count and count % 2 == 0:
                parts = line.split('"')
                rebuilt = [parts[0]]
                for q in range(1, len(parts), 2):
                    inner, after = parts[q], parts[q + 1]
                    if _chars.HAN_RE.search(inner):
                        rebuilt.append(f"“{inner}”{after}")
                        n += 2
                    else:
                        rebuilt.append(f'"{inner}"{after}')
                lines[k] = "".join(rebuilt)
        text = "\n".join(lines)
    urls = [m.span() for m in clean.punctuation._URL_RE.finditer(text)]

    def paren(m):
        nonlocal n
        if _chars.HAN_RE.search(m.group(1)) and not any(a <= m.start() < b for a, b in urls):
            n += 2
            return f"（{m.group(1)}）"
        return m.group()

    text = clean.punctuation._PAREN_RE.sub(paren, text)
    urls = [m.span() for m in clean.punctuation._URL_RE.finditer(text)]
    out: list[str] = []
    i = 0
    length = len(text)
    while i < length:
        ch = text[i]
        if ch in clean.punctuation._ASCII_TO_FULL and not any(a <= i < b for a, b in urls):
            prev = next((c for c in reversed(out) if c not in _REF_SPACES), "")
            nxt = text[i + 1] if i + 1 < length else ""
            if clean.punctuation._is_chinese_context(prev) or _chars.is_han(nxt):
                out.append(clean.punctuation._ASCII_TO_FULL[ch])
                n += 1
                j = i + 1
                while j < length and text[j] in _REF_SPACES:
                    j += 1
                i = j if (j > i + 1 and j < length and clean.punctuation._is_chinese_context(text[j])) else i + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out), n


REFERENCES = {
    "remove_invisible": (clean.characters.remove_invisible_counted, _ref_remove_invisible),
    "remove_boilerplate": (clean.boilerplate.remove_boilerplate_counted, _ref_remove_boilerplate),
    "normalize_punctuation": (clean.punctuation.normalize_punctuation_counted, _ref_normalize_punctuation),
    "normalize_whitespace": (clean.whitespace.normalize_whitespace_counted, _ref_normalize_whitespace),
    "normalize_unicode": (clean.characters.normalize_unicode_counted, _ref_normalize_unicode),
    "to_simplified": (clean.script.to_simplified_counted, _ref_to_simplified),
}

# text made of the characters the steps care about
_ALPHABET = (
    " \t\u3000\u00a0\n\r\x0b\x1f"  # whitespace, line breaks
    "0123456789.%‰,:;!?()\"abcāáǎàüABC"  # ASCII, tone marks
    "０１２３％．－／ＡＢＣ！（），￣￥｡｢"  # full-width
    "\u0065\u0301\u00e9\u212b"  # NFC material
    "人民代表大会达到年「」『』“”，。"
    "\u200b\ufeff\u00ad\x00\u2028\x85\x0c"  # invisible characters, other line breaks
    "|｜>登录分享热门资讯原文链接:http://www.x"  # boilerplate, URLs  # simplified, quotes
    "會議傳達學習堅持黨領導憑藉覆蓋么麼沈瞭彷甦哩俱衹壞"  # traditional, phrase-only changes
)
_texts = st.text(alphabet=_ALPHABET, max_size=80)


@given(_texts)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rewritten_steps_match_their_reference(text):
    for name, (fast, ref) in REFERENCES.items():
        assert fast(text) == ref(text), name
        assert fast(text, count=False)[0] == ref(text)[0], name


@given(st.lists(st.sampled_from(["憑藉", "深沈", "覆蓋", "甚麼", "什么", "瞭解", "彷彿", "复苏", "甦醒",
                                 "人民", "，", " ", "\n", "坏", "壞", "衹是", "哩", "俱乐部", "干", "乾隆"]), max_size=12))
@settings(max_examples=300, deadline=None)
def test_t2s_skip_never_skips_a_text_opencc_changes(parts):
    text = "".join(parts)
    # every line converted: the lines without a changeable character are skipped, as OpenCC leaves them
    assert clean.script.convert_lines(text) == "\n".join(_ref_t2s(line) for line in text.split("\n"))
    assert clean.script.to_simplified_counted(text) == _ref_to_simplified(text)


def test_tone_mark_gate_matches_the_same_characters_as_the_ignorecase_regex():
    every = "".join(map(chr, range(0x110000)))
    cased = re.findall(f"[{clean.pinyin._TONE_MARK_CASED}]", every)
    assert cased == re.findall(f"[{clean.pinyin.TONE_MARKS}]", every, re.IGNORECASE)


def test_horizontal_space_class_is_every_space_but_the_line_feed():
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{clean.whitespace._HSPACE}]", every) == re.findall(r"[^\S\n]", every)


def test_t2s_changeable_holds_characters_changed_only_inside_phrases():
    changeable = clean.variants.script_tables().changeable
    assert changeable is not None, "the opencc wheel's opencc_dict tool was not found"
    assert set("藉沈覆么瞭") <= changeable
    assert "人" not in changeable and "的" not in changeable


@pytest.mark.parametrize("name", list(REFERENCES))
def test_rewritten_steps_match_their_reference_on_bundled_documents(name):
    fast, ref = REFERENCES[name]
    for raw in _raw_documents():
        text = raw
        for step_name, func in clean.DEFAULT_STEPS:  # the text this step sees in clean_text
            if step_name == name:
                break
            text = func(text)
        assert fast(text) == ref(text)


def test_clean_text_equals_the_counting_path_on_bundled_documents():
    for raw in _raw_documents():
        counted = raw
        for _, func in clean.DEFAULT_STEPS:
            counted = clean.steps._run_step(func, counted, None, None, count=True)[0]
        assert clean.clean_text(raw) == counted


@given(_texts)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_clean_text_equals_the_counting_path(text):
    counted = text
    for _, func in clean.DEFAULT_STEPS:
        counted = clean.steps._run_step(func, counted, None, None, count=True)[0]
    assert clean.clean_text(text) == counted


def test_detect_script_matches_a_plain_count():
    for raw in _raw_documents():
        han = len(re.findall(f"[{HAN}]", raw))
        if not han:
            assert clean.detect_script(raw) == ""
            continue
        converted = _converter().convert(raw)
        if len(converted) == len(raw):
            changed = sum(1 for a, b in zip(raw, converted) if a != b)
        else:
            changed = clean.changes.diff_changes(raw, converted)
        # _t2s runs t2s to a fixpoint; one pass is enough on these documents
        assert clean.script.convert_lines(raw) == converted
        expected = "traditional" if changed / han > 0.02 else "simplified"
        assert clean.detect_script(raw) == expected


# --------------------------------------------------------------------------- slogan counts

from helpers.segment import trie_regex  # noqa: E402
from helpers.segment import INDEX_MIN_CHARS  # noqa: E402
from helpers.lexicon import as_lexicon  # noqa: E402
from helpers.textstat.match import corpus_texts, count_matrix, forms_of_terms  # noqa: E402


def _ref_form_counter(forms):
    """The simple counter: str.count per form, or a longest-first regex when forms nest."""
    forms = list(dict.fromkeys(f for f in forms if f))
    nested = any(a != b and a in b for a in forms for b in forms)
    if not nested:
        return lambda text: sum(text.count(f) for f in forms)
    pattern = re.compile(trie_regex(forms))
    return lambda text: sum(1 for _ in pattern.finditer(text))


def _ref_count_matrix(texts, term_forms):
    import numpy as np

    counts = np.zeros((len(texts), len(term_forms)), dtype=np.int64)
    for j, (_, _, forms) in enumerate(term_forms):
        counter = _ref_form_counter(forms)
        for i, text in enumerate(texts):
            counts[i, j] = counter(text)
    return counts


def test_slogan_counts_equal_the_simple_counter_on_bundled_documents():
    from helpers import load_corpus

    corpus = pd.concat([load_corpus("seeds"), load_corpus("gwr")], ignore_index=True)
    term_forms = forms_of_terms(as_lexicon(None))
    texts = corpus_texts(corpus)
    fast = count_matrix(texts, term_forms)
    assert fast.sum() > 1000
    assert (fast == _ref_count_matrix(texts, term_forms)).all()


def _lexicon_pieces() -> list[str]:
    forms = [f for _, _, fs in forms_of_terms(as_lexicon(None)) for f in fs]
    pieces = set(forms[:60])
    for f in forms[:60]:
        pieces.update({f[:2], f[: len(f) // 2], f[len(f) // 2:], f[1:]})
    return sorted(p for p in pieces if p)


# small terms whose forms nest, overlap themselves or each other
_TOY_TERMS = [
    ("哈哈", "", ["哈哈"]),
    ("哈哈哈", "", ["哈哈哈", "哈哈"]),
    ("两个", "", ["两个", "两个确立", "两个维护"]),
    ("确立", "", ["确立", "立两"]),
    ("abab", "", ["abab", "ba"]),
    ("a", "", ["a", "aa", ""]),
    ("空", "", [""]),
    ("重", "", ["重复", "重复", "复重"]),
    ("中国", "", ["中国特色", "国特", "特色社会主义", "中国"]),
]


@given(st.lists(st.one_of(st.sampled_from(_lexicon_pieces() if paths.LEXICON_CSV.exists() else ["改革"]),
                          st.sampled_from(["哈", "哈哈", "两个", "确立", "维护", "ab", "a", "b", "重复", "复",
                                           "中国", "特色", "社会主义", "，", "。", " ", "\n"])),
                max_size=40),
       st.integers(min_value=0, max_value=len(_TOY_TERMS)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_slogan_counts_equal_the_simple_counter(parts, n_toys):
    text = "".join(parts)
    term_forms = forms_of_terms(as_lexicon(None)) + _TOY_TERMS[:n_toys]
    # the last one is long enough for the numpy scan (FormIndex), the others take the regex
    texts = [text, text + text, "", text[::-1], text * (1 + INDEX_MIN_CHARS // max(1, len(text)))]
    assert (count_matrix(texts, term_forms) == _ref_count_matrix(texts, term_forms)).all()
