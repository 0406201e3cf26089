"""OpenCC's dictionaries as tables: which characters belong to one script, and which have a choice.

Internal to :mod:`helpers.clean`. :func:`script_tables` reads the dictionaries
of OpenCC's ``t2s`` (traditional → simplified) and ``s2t`` configurations once
and says, for every character:

* whether ``t2s`` can change it at all (``changeable``: a text without such a
  character is left as it is, so the conversion can be skipped);
* whether it is written in one script only: ``traditional_only`` characters are
  always changed by ``t2s`` (們 → 们, 國 → 国), ``simplified_only`` ones always by
  ``s2t`` (们 → 們). Characters that are valid in both scripts (乾, 於, 昇, 干,
  台, 后) are evidence of neither. :mod:`helpers.clean.script` counts them to tell
  a traditional line from a simplified one;
* which simplified forms it may take (``alternatives``, only when there is more
  than one: 乾 → 干 or 乾, 於 → 于 or 於, 覆 → 复 or 覆), for proofreading.

Example:
    >>> tables = script_tables()
    >>> "們" in tables.traditional_only, "们" in tables.simplified_only, "乾" in tables.traditional_only
    (True, True, False)
    >>> tables.alternatives["乾"], tables.alternatives["著"]
    ('干乾', '著着')
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["t2s_converter", "s2t_converter", "script_tables", "simplified_forms", "ScriptTables"]

#: Simplified forms OpenCC does not know about: it never changes 著, although
#: in traditional texts it also writes the particle 着 (隨著 → 随着, 意味著 → 意味着).
EXTRA_ALTERNATIVES = {"著": "著着"}


@functools.lru_cache(maxsize=1)
def t2s_converter():
    """The OpenCC ``t2s`` converter, made once (also used by :mod:`helpers.clean.diagnose`)."""
    return _converter("t2s")


@functools.lru_cache(maxsize=1)
def s2t_converter():
    """The OpenCC ``s2t`` converter, made once."""
    return _converter("s2t")


def _converter(config: str):
    import opencc  # lazy: a compiled extension, needed only when a text is converted

    try:
        return opencc.OpenCC(config)
    except Exception:  # older packages want the file name
        return opencc.OpenCC(f"{config}.json")


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process
class ScriptTables:
    """What OpenCC's dictionaries say about each character (see the module docstring)."""

    #: every character ``t2s`` can change, in some context; ``None`` when unknown
    changeable: frozenset[str] | None
    traditional_only: frozenset[str]
    simplified_only: frozenset[str]
    #: character -> its simplified forms (OpenCC's default first), when there is more than one
    alternatives: dict[str, str] = field(default_factory=dict)

    def table(self, kind: str) -> np.ndarray:
        """A boolean per code point: is it in ``changeable``, ``traditional_only`` or ``simplified_only``."""
        return _code_point_table(self, kind)


@functools.lru_cache(maxsize=4)
def _code_point_table(tables: ScriptTables, kind: str) -> np.ndarray:
    chars = getattr(tables, kind)
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    if chars:
        table[[ord(ch) for ch in chars]] = True
    return table


def _dictionary_entries(config: str) -> list[tuple[str, list[str]]] | None:
    """The entries ``(source, [targets])`` of every dictionary of an OpenCC configuration.

    Dumped with the ``opencc_dict`` tool shipped in the ``opencc`` wheel;
    ``None`` without it (another OpenCC package or layout).
    """
    try:
        import opencc  # lazy, as in _converter

        root = Path(opencc.__file__).parent / "clib"
        tool, share = root / "bin" / "opencc_dict", root / "share" / "opencc"
        settings = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))
        files = re.findall(r'"file":\s*"([^"]+)"', json.dumps(settings))
        if not files or not tool.is_file():
            return None
        entries = []
        with tempfile.TemporaryDirectory() as tmp:
            for name in files:
                out = Path(tmp) / "dict.txt"
                subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", name.rsplit(".", 1)[-1],
                                "-t", "text"], check=True, capture_output=True, timeout=60)
                for line in out.read_text(encoding="utf-8").splitlines():
                    src, _, targets = line.partition("\t")
                    entries.append((src, targets.split(" ")))
    except Exception:  # no tool, another layout or format
        return None
    return entries


def _one_script_chars(converter) -> set[str]:
    """Han characters the converter changes when they stand alone (one call on all of them)."""
    chars = [chr(i) for lo, hi in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)) for i in range(lo, hi + 1)]
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return set()
    return {a for a, b in zip(chars, converted) if a != b}


def _forms_of(entries) -> tuple[dict[str, list[str]], set[str], set[str]]:
    """Per character, the forms the entries give it (in order); the characters an entry may keep;
    and those an entry keeps whole (乾隆 → 乾隆, 八濛山 → 八濛山: a name OpenCC protects)."""
    forms: dict[str, list[str]] = {}
    kept: set[str] = set()
    protected: set[str] = set()
    for src, targets in entries:
        for target in targets:
            if len(target) != len(src):
                continue
            if target == src:
                protected.update(src)
            for a, b in zip(src, target):
                if a == b:
                    kept.add(a)
                if len(src) == 1 or a != b:
                    options = forms.setdefault(a, [])
                    if b not in options:
                        options.append(b)
    return forms, kept, protected


def _alternatives(forms: dict[str, list[str]], protected: set[str]) -> dict[str, str]:
    """Character -> its simplified forms, OpenCC's default first, when there is more than one.

    The rare glyph variants of OpenCC's extension table (開 → 𫔭, 戰 → 𢧐: outside
    the basic block of CJK Unified Ideographs, often without a font) are left out
    unless they are the default.
    """
    alternatives = dict(EXTRA_ALTERNATIVES)
    convert = t2s_converter().convert
    for a, options in forms.items():
        default = convert(a)
        ordered = [default, *(b if b == a else convert(b) for b in options), *([a] if a in protected else [])]
        ordered = list(dict.fromkeys(b for b in ordered if b == default or "\u4e00" <= b <= "\u9fff"))
        if len(ordered) > 1 and a not in alternatives:
            alternatives[a] = "".join(ordered)
    return alternatives


@functools.lru_cache(maxsize=1)
def script_tables() -> ScriptTables:
    """Read OpenCC's dictionaries once (see the module docstring).

    Without the ``opencc_dict`` tool, a character belongs to one script when the
    converter changes it on its own, ``changeable`` is ``None`` (every
    traditional line is converted) and only :data:`EXTRA_ALTERNATIVES` are known.
    """
    t2s_alone, s2t_alone = _one_script_chars(t2s_converter()), _one_script_chars(s2t_converter())
    ts, st = _dictionary_entries("t2s"), _dictionary_entries("s2t")
    if ts is None or st is None:
        return ScriptTables(None, frozenset(t2s_alone - s2t_alone), frozenset(s2t_alone - t2s_alone),
                            dict(EXTRA_ALTERNATIVES))
    ts_forms, ts_kept, ts_protected = _forms_of(ts)
    st_kept = _forms_of(st)[1]
    changeable = frozenset(a for a, options in ts_forms.items() if any(b != a for b in options))
    traditional_only = t2s_alone - ts_kept
    simplified_only = s2t_alone - st_kept - traditional_only
    return ScriptTables(changeable, frozenset(traditional_only - simplified_only), frozenset(simplified_only),
                        _alternatives(ts_forms, ts_protected))


@functools.lru_cache(maxsize=65536)
def simplified_forms(ch: str) -> str:
    """Every form ``ch`` may take after ``t2s``, itself included, and theirs in turn.

    The closure: a character's forms include the forms of its forms (壞 → 坏,
    and 坏 may be 坯), so that whatever ``to_simplified`` makes of it has no
    form that ``ch`` lacks.

    Example:
        >>> simplified_forms("乾"), simplified_forms("國"), simplified_forms("人")
        ('乾干', '國国', '人')
    """
    alternatives, convert = script_tables().alternatives, t2s_converter().convert
    forms, todo = [ch], [ch]
    while todo and len(forms) < 16:
        form = todo.pop()
        for other in (*alternatives.get(form, ""), convert(form)):  # convert: the chains, 薴 → 苧 → 苎
            if other not in forms:
                forms.append(other)
                todo.append(other)
    return "".join(forms)
