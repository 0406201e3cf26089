"""Cache of segmented documents, as Parquet files, so re-running a notebook does not re-segment.

Location: ``$TIFA_CACHE/tokens/`` when the ``TIFA_CACHE`` environment variable
is set, otherwise ``helpers.paths.CACHE_DIR / "tokens"`` (``.cache/tokens/`` in
the project folder). Delete it with :func:`clear_cache` (or ``rm -r``); nothing
else is ever stored there.

Also kept there: ``userwords/``, the frequencies jieba suggests for the
lexicon forms missing from its dictionary (one small JSON file per lexicon and
jieba version), so that the rjieba engine never has to load jieba's own
dictionary.

One file per document and segmentation setting::

    tokens/<engine>-<engine version>-jieba<jieba version>-hmm<0|1>-v<format>-<code hash>/<lexicon hash>/<ab>/<text sha256>.parquet

* the **text hash** is the SHA-256 of the document's text (UTF-8): a changed
  text has another key, so its old entry is simply never read again;
* the **lexicon hash** is the SHA-256 of the sorted lexicon forms: a changed
  lexicon (a term added, a variant removed) uses another folder;
* the **engine** part names the engine, its version, jieba's version (user
  words get jieba's frequencies), the HMM switch, the cache format and a hash
  of tifa's segmentation code (``segment/*.py``, ``cache.py``), so that a new
  version of tifa never reads tokens made by an older one.

Each file holds the columns ``token`` (string) and ``char_start`` (int64), and
in its Parquet metadata the row count, the text hash and a SHA-256 of the
tokens. A file that pyarrow cannot read (truncated, not Parquet), or whose row
count, text hash or checksum does not match, is deleted and rebuilt, never
used. Files are written to a temporary name and renamed, so an interrupted run
leaves no half-written entry behind.

Which calls use it: :func:`helpers.segment.tokens_table` and the token counts
of :mod:`helpers.textstat` take ``cache=`` — ``True``, ``False``, or ``None``
(the default: on for corpora of at least :data:`AUTO_CACHE_CHARS` characters
of text, where segmenting takes long enough for the cache to pay off).

Example:
    >>> import os, tempfile
    >>> saved = os.environ.get("TIFA_CACHE")
    >>> os.environ["TIFA_CACHE"] = tempfile.mkdtemp()
    >>> key = CacheKey.for_segmenter(("两个确立",), "rjieba", True)
    >>> store_tokens(key, "坚持两个确立", ["坚持", "两个确立"], [0, 2])
    >>> load_tokens(key, "坚持两个确立")
    (['坚持', '两个确立'], [0, 2])
    >>> clear_cache()
    1
    >>> _ = os.environ.pop("TIFA_CACHE") if saved is None else os.environ.update(TIFA_CACHE=saved)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths

__all__ = ["cache_dir", "clear_cache", "CacheKey", "load_tokens", "store_tokens", "text_hash",
           "load_user_words", "store_user_words", "AUTO_CACHE_CHARS"]

#: bump when the file layout or tifa's segmentation rules change
FORMAT_VERSION = 1
#: ``cache=None`` turns the cache on for corpora with at least this many characters
AUTO_CACHE_CHARS = 1_000_000


def cache_dir() -> Path:
    """Return the folder of the token cache (``$TIFA_CACHE/tokens`` or ``paths.CACHE_DIR/tokens``)."""
    root = os.environ.get("TIFA_CACHE")
    return Path(root).expanduser() / "tokens" if root else Path(paths.CACHE_DIR) / "tokens"


def clear_cache() -> int:
    """Delete the whole cache; return how many segmented documents were removed.

    Example:
        >>> n = clear_cache()  # doctest: +SKIP
    """
    folder = cache_dir()
    if not folder.exists():
        return 0
    n = sum(1 for p in folder.rglob("*.parquet"))
    shutil.rmtree(folder, ignore_errors=True)
    return n


def text_hash(text: str) -> str:
    """Return the SHA-256 (hex) of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _tokens_hash(tokens) -> str:
    return hashlib.sha256("\x00".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=8)
def _engine_version(engine: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(engine)
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A short hash of tifa's segmentation code: any change to it starts a new cache."""
    h = hashlib.sha256()
    segment = sorted(f"segment/{p.name}" for p in (paths.PACKAGE_DIR / "segment").glob("*.py"))
    for name in (*segment, "cache.py"):
        try:
            h.update((paths.PACKAGE_DIR / name).read_bytes())
        except OSError:  # pragma: no cover - zipped install
            h.update(name.encode())
    return h.hexdigest()[:8]


@dataclass(frozen=True)
class CacheKey:
    """Where the tokens of one (lexicon, engine, hmm) setting live."""

    engine_id: str
    lexicon_id: str

    @classmethod
    def for_segmenter(cls, forms: tuple[str, ...], engine: str, hmm: bool) -> "CacheKey":
        engine_id = (f"{engine}-{_engine_version(engine)}-jieba{_engine_version('jieba')}"
                     f"-hmm{int(bool(hmm))}-v{FORMAT_VERSION}-{_code_version()}")
        # the not_in guards of the forms (helpers.segment.patterns.Forms) change tokens too
        guards = "".join(f"\n{g}" for g in getattr(forms, "guards", ()))
        lexicon_id = hashlib.sha256(("\n".join(sorted(forms)) + guards).encode("utf-8")).hexdigest()[:24]
        return cls(engine_id, lexicon_id)

    def path(self, digest: str) -> Path:
        return cache_dir() / self.engine_id / self.lexicon_id / digest[:2] / f"{digest}.parquet"


def load_tokens(key: CacheKey, text: str, digest: str | None = None):
    """Return ``(tokens, char_starts)`` cached for ``text``, or None.

    A missing entry gives None; an unreadable or inconsistent one is deleted
    and gives None too (the caller segments again and stores the result).
    """
    digest = digest or text_hash(text)
    path = key.path(digest)
    if not path.is_file():
        return None
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
        meta = table.schema.metadata or {}
        tokens = table.column("token").to_pylist()
        starts = table.column("char_start").to_pylist()
        ok = (
            int(meta.get(b"tifa_rows", b"-1")) == len(tokens) == len(starts)
            and meta.get(b"tifa_text_sha256", b"").decode() == digest
            and meta.get(b"tifa_tokens_sha256", b"").decode() == _tokens_hash(tokens)
            and (not starts or starts[-1] + len(tokens[-1]) <= len(text))
        )
    except Exception:  # noqa: BLE001 - any failure to read means: rebuild
        ok = False
    if not ok:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return tokens, starts


def store_tokens(key: CacheKey, text: str, tokens: list[str], starts: list[int],
                 digest: str | None = None) -> None:
    """Write the tokens of ``text`` to the cache (atomically; errors are ignored)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    digest = digest or text_hash(text)
    path = key.path(digest)
    meta = {
        b"tifa_rows": str(len(tokens)).encode(),
        b"tifa_text_sha256": digest.encode(),
        b"tifa_tokens_sha256": _tokens_hash(tokens).encode(),
    }
    table = pa.table({"token": pa.array(tokens, pa.string()), "char_start": pa.array(starts, pa.int64())})
    table = table.replace_schema_metadata(meta)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a read-only or full disk, odd text: never stop the analysis
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _user_words_path(forms: tuple[str, ...]) -> Path:
    digest = hashlib.sha256("\n".join(sorted(forms)).encode("utf-8")).hexdigest()[:24]
    return cache_dir() / "userwords" / f"jieba{_engine_version('jieba')}-v{FORMAT_VERSION}" / f"{digest}.json"


def load_user_words(forms: tuple[str, ...]):
    """Return the cached ``[(word, freq), ...]`` for a lexicon's forms, or None."""
    import json

    path = _user_words_path(forms)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["forms"] != hashlib.sha256("\n".join(sorted(forms)).encode("utf-8")).hexdigest():
            return None
        return [(str(w), int(f)) for w, f in data["words"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_user_words(forms: tuple[str, ...], words) -> None:
    """Write the user words of a lexicon to the cache (atomically; errors are ignored)."""
    import json

    path = _user_words_path(forms)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    data = {"forms": hashlib.sha256("\n".join(sorted(forms)).encode("utf-8")).hexdigest(),
            "words": [[w, int(f)] for w, f in words]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
