"""Read documents and their metadata into a corpus DataFrame.

The corpus is one pandas DataFrame with one row per document; its columns are
listed in ``docs/architecture.md`` (and in :data:`CORPUS_COLUMNS`). The raw text
of every file is kept, untouched, beside the cleaned text.

Three public functions:

* :func:`read_text_file` decodes one file (UTF-8, UTF-8 with BOM, UTF-16,
  GB18030/GBK/GB2312 or Big5) and says which codec it used.
* :func:`read_metadata` reads a metadata CSV (the codebook) into a DataFrame
  with parsed dates.
* :func:`load_corpus` loads a bundled corpus (``"seeds"``, ``"gwr"``,
  ``"provinces"``, ``"national"``, ``"congress"``, ``"all"``) or a folder of
  ``.txt`` files.

Every problem with an input is a :class:`~helpers.errors.CorpusError` (a
``ValueError``) naming the file and the problem, or a
:class:`~helpers.errors.CorpusWarning` when the document can still be used.

The submodules, each importing only those above it in this list:

* :mod:`~helpers.load.frame`: the corpus DataFrame's columns
  (:data:`CORPUS_COLUMNS`);
* :mod:`~helpers.load.html`: HTML pages told from text that mentions a tag;
* :mod:`~helpers.load.decode`: reading bytes (regular files only), stripping
  HTML (:func:`read_text_file`; the codec is chosen, and undecodable bytes
  located or replaced on request, ``decode_errors="replace"``, by
  :mod:`helpers._encodings`);
* :mod:`~helpers.load.metadata`: the metadata table (:func:`read_metadata`);
* :mod:`~helpers.load.files`: listing a folder's files and reading many of
  them, in worker processes for big folders (:data:`PARALLEL_MIN_BYTES`);
* :mod:`~helpers.load.match`: metadata rows matched to files, unique doc_ids,
  what does not fit recorded (one rule for :func:`load_corpus` and
  :mod:`helpers.pipeline`);
* :mod:`~helpers.load.build`: files and metadata rows joined into a corpus
  (also used by :mod:`helpers.pipeline`);
* :mod:`~helpers.load.corpus`: :func:`load_corpus` and the bundled corpora;
* :mod:`~helpers.load.sources`: what a source of :func:`helpers.run_pipeline`
  names (a bundled name, a folder, a glob, a list of files).

Example:
    >>> from helpers.load import load_corpus
    >>> corpus = load_corpus("seeds", clean=False)  # doctest: +SKIP
    >>> corpus[["doc_id", "year", "level"]].head(2)  # doctest: +SKIP
"""

from .corpus import BUNDLED, load_corpus
from .decode import read_text_file
from .frame import CORPUS_COLUMNS
from .metadata import read_metadata

# the internal names other stages use (Problems, scan_folder, build_corpus, ...) are imported
# from the submodule that owns them, as helpers.pipeline does; PARALLEL_MIN_BYTES is read in
# helpers.load.files (patch it there)
__all__ = ["load_corpus", "read_text_file", "read_metadata", "CORPUS_COLUMNS", "BUNDLED"]
