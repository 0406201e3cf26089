"""Copy the public corpora of ``../shared/corpora`` into ``data/raw/``, byte for byte.

Run from the repository root: ``.venv/bin/python scripts/bundle_corpora.py``.
Re-runnable: it copies every file again and rewrites
``data/provenance/MANIFEST.csv`` (bundled file, upstream repository, commit,
upstream path, size, SHA-256). Raw files are never edited; what the texts say
about themselves goes into the metadata (``scripts/build_panel_metadata.py``).

Layout:

* ``lawtext_gov/政府工作报告-省自治区/<省>/<year>.md`` and
  ``lawtext_gov/政府工作报告-主要城市/<市>/<year>.md`` →
  ``data/raw/provinces/<province>/<year>.md`` (the 27 provinces and regions
  and the 4 municipalities side by side: all 31 are province-level);
* ``lawtext_gov/政府工作报告-国务院/<year>.md`` → ``data/raw/national/<year>.md``;
* ``lawtext_cpc/党代会报告/<year>-<title>.md`` → ``data/raw/congress/<year>-<title>.md``;
* each collection's ``PROVENANCE.md``, ``UPSTREAM_README.md`` (and
  lawtext_cpc's ``_index.md``, a site index page, not a document) →
  ``data/provenance/<collection>/``.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
RAW = ROOT / "data" / "raw"
PROVENANCE = ROOT / "data" / "provenance"

UPSTREAM = {
    "lawtext_gov": ("lawtext/gov", "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"),
    "lawtext_cpc": ("lawtext/cpc", "6d979b318e952a3734eafa6b0992eee5c346d85c"),
}
# upstream folder (relative to the collection) -> bundled folder (relative to data/raw)
FOLDERS = [
    ("lawtext_gov", "政府工作报告-省自治区", "provinces", True),
    ("lawtext_gov", "政府工作报告-主要城市", "provinces", True),
    ("lawtext_gov", "政府工作报告-国务院", "national", False),
    ("lawtext_cpc", "党代会报告", "congress", False),
]
NOT_DOCUMENTS = {"_index.md"}
MANIFEST_COLUMNS = ["file", "repo", "commit", "upstream_path", "bytes", "sha256"]


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_documents(collection: str, upstream_folder: str, target: str, nested: bool) -> list[dict]:
    """Copy one upstream folder's documents; return their manifest rows."""
    repo, commit = UPSTREAM[collection]
    source_root = SHARED / collection / upstream_folder
    rows = []
    for source in sorted(source_root.rglob("*.md")):
        if source.name in NOT_DOCUMENTS:
            continue
        relative = source.relative_to(source_root)
        if not nested and len(relative.parts) != 1:
            raise SystemExit(f"{source}: unexpected sub-folder in {upstream_folder}")
        destination = RAW / target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        rows.append({"file": destination.relative_to(RAW).as_posix(), "repo": repo, "commit": commit,
                     "upstream_path": f"{upstream_folder}/{relative.as_posix()}"
                     if collection == "lawtext_gov" else f"content/{upstream_folder}/{relative.as_posix()}",
                     "bytes": destination.stat().st_size, "sha256": sha256(destination)})
        if rows[-1]["sha256"] != sha256(source):
            raise SystemExit(f"{destination}: the copy differs from {source}")
    return rows


def copy_provenance(collection: str) -> None:
    """Copy a collection's provenance notes (and lawtext_cpc's site index) into data/provenance/."""
    target = PROVENANCE / collection
    target.mkdir(parents=True, exist_ok=True)
    for name in ["PROVENANCE.md", "UPSTREAM_README.md"]:
        shutil.copyfile(SHARED / collection / name, target / name)
    for source in (SHARED / collection).rglob("_index.md"):
        shutil.copyfile(source, target / source.name)


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is not present: the public corpora must sit beside the checkout")
    rows = []
    for collection, upstream_folder, target, nested in FOLDERS:
        rows += copy_documents(collection, upstream_folder, target, nested)
    for collection in UPSTREAM:
        copy_provenance(collection)
    with open(PROVENANCE / "MANIFEST.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["file"]))
    print(f"copied {len(rows)} files into {RAW}; manifest in {PROVENANCE / 'MANIFEST.csv'}")


if __name__ == "__main__":
    main()
