"""Shared fixtures for the tifa test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so that a landing is reproducible;
# local runs draw new examples each time and keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long-running test, run only when TIFA_SLOW=1")
    # The suite starts from an empty token cache of its own and never writes to
    # the user's .cache/ (tests of the cache itself point TIFA_CACHE elsewhere).
    if "TIFA_CACHE" not in os.environ:
        import tempfile

        os.environ["TIFA_CACHE"] = tempfile.mkdtemp(prefix="tifa-test-cache-")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("TIFA_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow test: set TIFA_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    """An empty folder named ``my_corpus`` to put test documents in."""
    folder = tmp_path / "my_corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def write_doc(corpus_dir):
    """Return ``write(name, content, encoding="utf-8")`` writing a file into ``corpus_dir``.

    ``content`` may be ``str`` (encoded with ``encoding``) or ``bytes`` (written
    as is); ``name`` may contain sub-folders. Returns the file's path.
    """

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = corpus_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return write



@pytest.fixture(scope="session")
def bundled_all():
    """Every bundled document (``load_corpus("all")``: seeds, national, provinces, congress), loaded once.

    Tests that need the whole panel share this one load (about 50 MB of text).
    """
    from helpers import load_corpus

    return load_corpus("all", progress=False)
