"""Every docstring example of every helpers module runs (the house style: runnable examples)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import helpers

MODULES = sorted(m.name for m in pkgutil.walk_packages(helpers.__path__, "helpers.") if m.name != "helpers.__main__")


def test_every_stage_package_is_walked():
    assert {"helpers.clean.steps", "helpers.load.corpus", "helpers.segment.tokens", "helpers.textstat.slogans",
            "helpers.research.adoption", "helpers.report.build", "helpers.dates"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
