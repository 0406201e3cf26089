"""Stage directions of transcribed speeches: （鼓掌）, （掌声）, （笑声）, （全体起立，长时间热烈鼓掌）.

:func:`remove_stage_directions` is a default cleaning step: a direction is
the audience, not the speaker, and its characters would count in the
denominator of every rate (the 1959 Government Work Report holds 75 of them,
432 characters). ``cleaning_report`` counts the directions it
removed in each document (its ``changes``), and the ``raw`` column keeps
them: a study of applause reads them there, or cleans without this step
(``clean_text(text, steps=[...])``).
"""

from __future__ import annotations

import re

from .changes import cut_spans

__all__ = ["remove_stage_directions", "STAGE_WORDS", "STAGE_CORE_WORDS"]

#: What an audience does; a direction names at least one of them.
STAGE_CORE_WORDS = ("鼓掌", "掌声", "笑声", "欢呼", "喝彩", "欢笑", "大笑", "起立", "默哀")
#: The words a direction is made of (besides the core words): how long, how
#: loud, who. Taken from the directions of the 1959 report and the 1956 party
#: congress speeches (lawtext/gov, lawtext/cpc), e.g. （长时间地热烈鼓掌）,
#: （经久不息的掌声）, （暴风雨般的掌声）, （全体起立，默哀）.
STAGE_WORDS = STAGE_CORE_WORDS + (
    "长时间", "经久不息", "暴风雨般", "雷鸣般", "雷动", "热烈", "热情", "全场", "全体", "会场",
    "代表们", "响起", "再次", "持续", "阵阵", "一片", "齐声", "的", "地", "般",
)
#: Longest direction, in characters between the brackets (whitespace not counted).
MAX_DIRECTION = 30

_BRACKET_RE = re.compile(r"[（()）\n]")
_WS_RE = re.compile(r"\s+")
_CORE_RE = re.compile("|".join(STAGE_CORE_WORDS))
_DIRECTION_RE = re.compile(
    "(?:" + "|".join(sorted(STAGE_WORDS, key=len, reverse=True)) + r"|[，、,])++")


def _is_direction(content: str) -> bool:
    content = _WS_RE.sub("", content)
    return (len(content) <= MAX_DIRECTION and _CORE_RE.search(content) is not None
            and _DIRECTION_RE.fullmatch(content) is not None)


def _direction_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every direction, outermost, in order.

    Brackets are paired on a stack within each line. A pair is a direction
    when what stays between them once the directions inside are gone is one;
    a pair with a kept bracket inside never is (a bracket is no stage word),
    so it is not read again: every character is read at most once.
    """
    spans: list[list[int]] = []  # removed spans, merged when adjacent
    stack: list[list] = []  # [position of an open bracket, len(spans) then, a kept bracket inside]
    for m in _BRACKET_RE.finditer(text):
        ch, pos = m.group(), m.start()
        if ch == "\n":
            stack.clear()
        elif ch in "（(":
            stack.append([pos, len(spans), False])
        elif stack:
            start, k, tainted = stack.pop()
            if not tainted:
                edges = [start + 1, *(e for span in spans[k:] for e in span), pos]
                content = "".join(text[edges[j]:edges[j + 1]] for j in range(0, len(edges), 2))
                if _is_direction(content):
                    del spans[k:]
                    if spans and spans[-1][1] == start:
                        spans[-1][1] = pos + 1
                    else:
                        spans.append([start, pos + 1])
                    continue
            if stack:
                stack[-1][2] = True
    return [(a, b) for a, b in spans]


def remove_stage_directions_counted(text: str, count: bool = True) -> tuple[str, int]:
    if not _CORE_RE.search(text):
        return text, 0
    spans = _direction_spans(text)
    return cut_spans(text, spans), len(spans)


def remove_stage_directions(text: str) -> str:
    """Remove the stage directions of a transcribed speech: ``（鼓掌）``, ``（笑声）``.

    A direction is a bracketed run (within one line, at most
    :data:`MAX_DIRECTION` characters) made only of the words of
    :data:`STAGE_WORDS`, commas and spaces, and naming one of
    :data:`STAGE_CORE_WORDS`: （鼓掌）, （热烈鼓掌）, （掌声雷动）,
    （长时间地热烈鼓掌）, （全体起立，默哀）. Words of the speech stay, in
    brackets or not: 赢得了阵阵掌声, （大会代表鼓掌通过）. A default step
    (see :mod:`helpers.clean.stage`), counted in ``cleaning_report``.

    Args:
        text: the text to clean.

    Returns:
        The text without stage directions.

    Example:
        >>> remove_stage_directions("为实现中国梦而奋斗！（长时间热烈鼓掌）")
        '为实现中国梦而奋斗！'
        >>> remove_stage_directions("赢得了阵阵掌声（注：据会议记录）")
        '赢得了阵阵掌声（注：据会议记录）'
    """
    return remove_stage_directions_counted(text)[0]
