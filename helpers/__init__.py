"""tifa: read Chinese political documents with a computer.

Load documents with their metadata, clean them, segment them with jieba plus a
curated lexicon of official formulations (提法), and count, compare and plot.

Example:
    >>> import helpers
    >>> corpus = helpers.load_corpus("seeds")
    >>> counts = helpers.count_slogans(corpus)

Public names are imported on first use, so ``import helpers`` is quick and
jieba, OpenCC and matplotlib are only loaded when needed.
"""

from __future__ import annotations

import importlib

from .errors import CorpusError, CorpusWarning

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    # loading
    "load_corpus": "load",
    "read_text_file": "load",
    "read_metadata": "load",
    # cleaning
    "clean_text": "clean",
    "cleaning_report": "clean",
    "find_mojibake": "clean",
    "find_placeholders": "clean",
    "find_boilerplate": "clean",
    "find_ambiguous_conversions": "clean",
    "make_pipeline": "clean",
    "load_errata": "clean",
    "detect_script": "clean",
    "glossary": "clean",
    # lexicon
    "load_lexicon": "lexicon",
    "load_stopwords": "lexicon",
    "lexicon_terms": "lexicon",
    "add_terms": "lexicon_growth",
    # segmentation
    "tokenize": "segment",
    "tokens_table": "segment",
    "get_tokenizer": "segment",
    # cache of segmented documents
    "clear_cache": "cache",
    # the whole pipeline in one pass, on every core
    "run_pipeline": "pipeline",
    # analyses
    "count_slogans": "textstat",
    "term_frequencies": "textstat",
    "slogan_trends": "textstat",
    "keyness": "textstat",
    "kwic": "textstat",
    "collocations": "textstat",
    "dispersion": "textstat",
    "document_term_matrix": "textstat",
    "similarity": "textstat",
    "find_formulations": "textstat",
    "formulation_table": "textstat",
    # research (issue 8)
    "first_use": "research",
    "adoption_lag": "research",
    "diffusion": "research",
    "echo": "research",
    "echo_matrix": "research",
    "panel_rates": "research",
    "rank_provinces": "research",
    # text reuse (issue 18)
    "text_reuse": "reuse",
    "plant_passages": "reuse",
    "score_planted": "reuse",
    "reused_passages": "reuse",
    "reuse_by_year": "reuse",
    "segmentation_audit": "research",
    "temperature": "research",
    "load_calendar": "dates",
    # provenance
    "export_table": "provenance",
    "read_provenance": "provenance",
}

_SUBMODULES = {"cache", "clean", "dates", "errors", "lexicon", "lexicon_growth", "load", "paths", "pipeline", "plot", "provenance",
               "report", "research", "reuse", "scale", "segment", "textstat"}

__all__ = ["CorpusError", "CorpusWarning", "__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        if name in _SUBMODULES:
            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
