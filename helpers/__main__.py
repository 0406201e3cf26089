"""Command line: ``python -m helpers clean FILE`` and ``python -m helpers report``.

Examples::

    python -m helpers clean data/raw/seeds/2024-04-25_chongqing_meeting-readout.txt
    python -m helpers clean my_doc.txt --no-errata --report > my_doc.clean.txt
    python -m helpers clean damaged.txt --decode-errors replace
    python -m helpers clean 2024.md
    python -m helpers report

``clean`` prints the cleaned text of a file in any supported encoding (UTF-8,
UTF-16, GB18030/GBK, Big5) as UTF-8 (a ``.md`` file without its front matter
and Markdown markup), whatever the terminal's locale; with
``--report`` the per-step cleaning report goes to stderr; with
``--decode-errors replace`` a file with a few undecodable bytes is cleaned
with each replaced by U+FFFD (how many and where is said on stderr). A named
pipe or device is refused, not read. ``report`` runs
:func:`helpers.report.build_report`. Problems with the input are reported on
stderr with exit code 2, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import report
from .clean import clean_text, cleaning_report, is_markdown
from .errors import CorpusError
from .load.decode import DECODE_ERRORS, read_document
from .load.frontmatter import read_front_matter

__all__ = ["main"]

EXIT_USAGE = 2


def _write_stdout(text: str) -> None:
    data = text.encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # replaced stdout (e.g. in a notebook): write text
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()


def _write_stderr(text: str) -> None:
    buffer = getattr(sys.stderr, "buffer", None)
    if buffer is None:
        sys.stderr.write(text)
    else:
        sys.stderr.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _error(message: str) -> int:
    _write_stderr(f"tifa: error: {message}\n")
    return EXIT_USAGE


def _cmd_clean(args: argparse.Namespace) -> int:
    try:
        raw, encoding, notes = read_document(args.file, args.decode_errors)
        front, _ = read_front_matter(raw, args.file)  # a bad front matter of a .md file is an error
    except CorpusError as exc:
        return _error(str(exc))
    except (OSError, UnicodeError) as exc:  # read_document reports these as CorpusError; be safe
        return _error(f"{args.file}: cannot read the file ({exc}).")
    for problem, action in notes:  # bad bytes replaced, HTML removed: say so, on stderr
        _write_stderr(f"tifa: warning: {args.file}: {problem}; {action}.\n")
    errata = False if args.no_errata else None
    markup = "markdown" if is_markdown(str(args.file), front.get("markup", "")) else None
    try:
        text = clean_text(raw, errata=errata, markup=markup)
    except CorpusError as exc:  # a malformed errata file
        return _error(str(exc))
    _write_stdout(text if text.endswith("\n") or not text else text + "\n")
    if args.report:
        report = cleaning_report({str(args.file): raw}, errata=errata, markup=markup or "plain")
        _write_stderr(f"# {args.file} (decoded as {encoding})\n"
                      + report.drop(columns="doc_id").to_string(index=False) + "\n")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    try:
        result = report.build_report()
    except report.ReportError as exc:
        _write_stderr(f"tifa: report written with failures:\n{exc}\n")
        return 1
    if result is not None:
        _write_stdout(f"{result}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tifa",
        description="Read Chinese political documents: clean a file or build the reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    clean = sub.add_parser("clean", help="print the cleaned text of a file (UTF-8)",
                           description="Decode FILE (UTF-8, UTF-16, GB18030/GBK or Big5), clean it "
                                       "and print the clean text as UTF-8.")
    clean.add_argument("file", metavar="FILE", help="the text file to clean")
    clean.add_argument("--no-errata", action="store_true",
                       help="do not apply the bundled errata (data/errata.csv)")
    clean.add_argument("--report", action="store_true",
                       help="also write the per-step cleaning report to stderr")
    clean.add_argument("--decode-errors", choices=DECODE_ERRORS, default="strict",
                       help="strict (default): refuse a file with undecodable bytes and say where they are; "
                            "replace: replace each bad byte sequence by U+FFFD and say how many on stderr")
    clean.set_defaults(func=_cmd_clean)

    report = sub.add_parser("report", help="run the notebooks and write the reports",
                            description="Run helpers.report.build_report().")
    report.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``tifa`` command line and return its exit code.

    Args:
        argv: the arguments (without the program name); ``None`` uses
            ``sys.argv[1:]``.

    Returns:
        0 on success, 1 when the report was written but a notebook failed,
        2 for a usage error or a file that cannot be read.

    Example:
        >>> main(["clean", "no/such/file.txt"])  # doctest: +SKIP
        2
    """
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m helpers clean f | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
