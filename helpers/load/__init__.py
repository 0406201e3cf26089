"""Read documents and their metadata into a corpus DataFrame (being split into submodules)."""

from .decode import (BUNDLED, CORPUS_COLUMNS, PARALLEL_MIN_BYTES, Problems, build_corpus, finish_corpus,
                     load_corpus, metadata_frame, read_metadata, read_text_file, scan_folder)

__all__ = ["load_corpus", "read_text_file", "read_metadata", "CORPUS_COLUMNS", "BUNDLED"]
