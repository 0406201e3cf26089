"""Formulations the text marks itself: patterned forms and parallel lists.

The candidates of :func:`helpers.textstat.find_formulations` besides the
numbered phrases and quotations of :mod:`helpers.textstat.candidates`:

* **patterned** forms, counted or built on a fixed frame: numbered pairs
  (一镇一品, 一企一办, 两学一做, 三攻坚一盘活, 一报告两评议, 一府一委两院), X+Y
  (党建+, 人工智能+, 线上+线下) and number codes (“33618”, “3+5”);
* **parallel** lists: equal-length phrases joined by 、 (稳进增效、除险清患、
  改革求变、惠民有感), quoted as one slogan, or unquoted when every item
  shares a character at the same place (以学铸魂、以学增智、以学正风、以学促干),
  with the collective name the text gives right after the quotation
  (…”工作导向, …”的总要求).

Each function takes one clean text and yields ``(candidate, kind, name)``
for each occurrence; ``name`` is the collective name ("" when none), and
``kind`` is ``patterned`` or ``parallel``, prefixed with :data:`BARE` when
the form is not quoted (a numbered pair or a list in running text: weaker
evidence, needing as many occurrences as a numbered phrase).
"""

from __future__ import annotations

import re

from .._chars import HAN

BARE = "bare "
_NUM = "一二两三四五六七八九十"
# a numbered pair: numeral + 1-3 Han characters, at least twice (一镇一品, 三攻坚一盘活, 一报告两评议)
_QUOTED_PAIR = re.compile(f"“((?:[{_NUM}][{HAN}]{{1,3}}){{2,4}})”")
# unquoted: numeral + one character, two to four times (一镇一品, 两学一做, 一府一委两院, 三去一降一补)
_BARE_PAIR = re.compile(f"(?<![{_NUM}第])((?:[{_NUM}][{HAN}]){{2,4}})")
_PLUS = re.compile(f"“([{HAN}0-9A-Za-z]{{1,8}}\\+(?:[{HAN}0-9A-Za-z]{{1,8}})?)”"
                   f"|(?<![{HAN}])([{HAN}]{{2,6}}\\+)(?![{HAN}0-9A-Za-z])")
_CODE = re.compile(r"“(\d{3,8})”")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUOTE = re.compile("“([^“”]{3,40})”")
_LIST_SEP = re.compile("[、，,]")
# the first item of an unquoted list is cut to the others' length (落实|以学铸魂、以学增智…)
_BARE_LIST = re.compile(f"([{HAN}]{{3,}})((?:、[{HAN}]{{3,7}}){{2,7}})(?![{HAN}])")
_NAME_AFTER = re.compile(f"的?([{HAN}]{{2,6}})(?=[，。；：、！？）]|$)")
# characters after a numeral that make a date, a quantity or an ordinal (一年一度, 一天一次)
_NOT_COUNTED = set("年月日天时分秒次号些点元万亿倍岁个")
# what a collective name ends with (…”工作导向, …”的总要求, …”五字诀); anything else after a
# quotation is the sentence going on (…”密切配合, …”取得新成效)
_NAME_ENDS = ("导向", "要求", "机制", "模式", "战略", "工程", "行动", "格局", "体系", "理念", "方针",
              "原则", "思路", "目标", "定位", "品牌", "路径", "举措", "任务", "字诀", "精神", "布局",
              "制度", "改革", "工作法", "工作")


def _pair_parts(form: str) -> list[str]:
    return re.findall(f"[{_NUM}][^{_NUM}]+", form)


def _is_pair(form: str, idioms: set[str]) -> bool:
    """Whether ``form`` counts things (一镇一品), not a date or an idiom (一年一度, 一心一意)."""
    parts = _pair_parts(form)
    if len(parts) < 2 or "".join(parts) != form or form in idioms:
        return False
    return not any(p[1] in _NOT_COUNTED for p in parts)


def patterned_forms(text: str, idioms: set[str]):
    """Yield the numbered pairs, X+Y forms and number codes of ``text``.

    ``idioms`` are words that look like numbered pairs and are not
    formulations (一心一意, 一草一木): jieba's idioms.

    Example:
        >>> t = "助力“一镇一品”，形成“3+5”资料，强化“党建+”，打造“33618”体系，落实一企一办，一年一度。"
        >>> [c for c, kind, _ in patterned_forms(t, set()) if kind == "patterned"]
        ['一镇一品', '3+5', '党建+', '33618']
        >>> [c for c, kind, _ in patterned_forms(t, set()) if kind.startswith(BARE)]
        ['一企一办']
    """
    quoted_spans = []
    for m in _QUOTED_PAIR.finditer(text):
        if _is_pair(m.group(1), idioms):
            quoted_spans.append(m.span(1))
            yield m.group(1), "patterned", _name_after(text, m.end())
    for m in _BARE_PAIR.finditer(text):
        if any(s <= m.start(1) < e for s, e in quoted_spans):
            continue
        if _is_pair(m.group(1), idioms):
            yield m.group(1), BARE + "patterned", ""
    for m in _PLUS.finditer(text):
        yield m.group(1) or m.group(2), "patterned", _name_after(text, m.end()) if m.group(1) else ""
    for m in _CODE.finditer(text):
        if not _YEAR.fullmatch(m.group(1)):
            yield m.group(1), "patterned", _name_after(text, m.end())


def _name_after(text: str, end: int) -> str:
    """The collective name right after a closing quotation mark (…”工作导向，), or ""."""
    m = _NAME_AFTER.match(text, end, end + 8)
    return m.group(1) if m and m.group(1).endswith(_NAME_ENDS) else ""


def _equal_items(items: list[str], slack: int) -> bool:
    lengths = {len(i) for i in items}
    return len(items) >= 2 and all(len(i) >= 2 for i in items) and max(lengths) - min(lengths) <= slack


def _shares_a_place(items: list[str]) -> bool:
    """Whether every item has the same character at the same place (以学铸魂、以学增智)."""
    first = items[0]
    return any(all(len(i) > k and i[k] == first[k] for i in items)
               for k in range(len(first)))


def parallel_lists(text: str):
    """Yield the parallel lists of ``text``: quoted equal-length phrases, or unquoted ones that share a place.

    Example:
        >>> t = "聚焦“稳进增效、除险清患、改革求变、惠民有感”工作导向，落实以学铸魂、以学增智、以学正风、以学促干。"
        >>> list(parallel_lists(t))  # doctest: +NORMALIZE_WHITESPACE
        [('稳进增效、除险清患、改革求变、惠民有感', 'parallel', '工作导向'),
         ('以学铸魂、以学增智、以学正风、以学促干', 'bare parallel', '')]
    """
    quoted_spans = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        items = _LIST_SEP.split(inner)
        if len(items) > 6 or not all(re.fullmatch(f"[{HAN}]{{2,8}}", i) for i in items):
            continue
        if _equal_items(items, slack=1):
            quoted_spans.append(m.span(1))
            yield inner, "parallel", _name_after(text, m.end())
    for m in _BARE_LIST.finditer(text):
        if any(s <= m.start(1) < e for s, e in quoted_spans):
            continue
        rest = m.group(2)[1:].split("、")
        items = [m.group(1)[-len(rest[0]):], *rest]
        if _equal_items(items, slack=0) and _shares_a_place(items):
            yield "、".join(items), BARE + "parallel", ""


def marked_forms(text: str, idioms: set[str]):
    """Every patterned form and parallel list of ``text`` (see the module's docstring)."""
    yield from patterned_forms(text, idioms)  # bare pairs among them
    yield from parallel_lists(text)
