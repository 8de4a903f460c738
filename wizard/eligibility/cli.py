"""The command line: python3 -m eligibility evaluate|next|catalog|status [--status FILE].

Reads stdin as bytes (so invalid UTF-8 is an invalid_json error, not a
crash), writes UTF-8 whatever the locale, and never shows a traceback for
bad input or usage: every message is in English and Chinese.

Exit status: 0 a result, 2 invalid answers or usage, 1 an invalid status file.

    python3 -m eligibility roster IN.csv|IN.xlsx [-o OUT.csv|OUT.xlsx] [--lang en|zh] [--status FILE]

judges every row of a CSV file or an Excel workbook (roster.py, rosterbook.py; IN may be - for stdin) and
writes the result to OUT or stdout, with a summary on stderr. The result is a workbook when -o ends in .xlsx,
CSV when it ends in .csv, else in the input's format. A workbook needs openpyxl (imported only then; without
it, exit 2 with a message in both languages). Exit status: 0 every row judged, 1 some rows have
errors (every row is still written), 2 the file cannot be read (nothing is written).
"""

import os
import sys

from . import __version__, texts
from .jsonapi import COMMANDS, handle
from .status import StatusError, load_status_file


def _both(key, **values):
    text = texts.CLI[key]
    return texts.fill(text["en"], **values) + "\n" + texts.fill(text["zh"], **values) + "\n"


def _parse_args(argv):
    """-> (command, options, problem); problem is a message or None.

    options: "status" (a path or None); for roster also "input", "output" and "lang".
    """
    command = None
    options = {"status": None, "input": None, "output": None, "lang": "en"}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            return "help", options, None
        if arg == "--version":
            return "version", options, None
        if arg == "--status" and args:
            options["status"] = args.pop(0)
        elif arg.startswith("--status="):
            options["status"] = arg[len("--status="):]
        elif command == "roster" and arg in ("-o", "--output", "--lang") and args:
            options["lang" if arg == "--lang" else "output"] = args.pop(0)
        elif command == "roster" and arg.startswith(("--output=", "--lang=")):
            name, value = arg[2:].split("=", 1)
            options[name] = value
        elif command == "roster" and options["input"] is None and (arg == "-" or not arg.startswith("-")):
            options["input"] = arg
        elif arg.startswith("-") or command is not None:
            return None, options, _both("bad_option", command=arg)
        else:
            command = arg
    if command is None:
        return None, options, _both("no_command")
    if command not in COMMANDS and command != "roster":
        return None, options, _both("unknown_command", command=command)
    if command == "roster":
        if options["input"] is None:
            return None, options, _roster_both("no_input")
        if options["lang"] not in ("en", "zh"):
            return None, options, _roster_both("bad_lang", command=options["lang"])
    return command, options, None


def run(argv, stdin=b"", stdout=None):
    """Run the command line without touching the real streams: (stdout, stderr, exit).

    stdout is text, or bytes for the roster's result file.

    `stdin` is the input (bytes or text), or a function that reads it, so
    that commands which need no input do not wait for any. `stdout`, a
    binary stream, is where the roster writes its result file as it judges
    it (main passes the real one): then it is never held whole.
    """
    command, options, problem = _parse_args(argv)
    status_path = options["status"]
    usage = _both("usage")
    if command == "help":
        return usage, "", 0
    if command == "version":
        return __version__ + "\n", "", 0
    if problem:
        return "", problem + usage, 2
    out = None
    try:
        status = load_status_file(status_path) if status_path else None
        if command == "roster":
            return _roster(options, stdin, status, stdout)
        data = ""
        if command in ("evaluate", "next"):
            data = stdin() if callable(stdin) else stdin
        out, code = handle(command, data, status)
    except StatusError as error:
        return "", _both("status_error") + error.bilingual(), 1
    except MemoryError:
        pass  # said below, once the exception (and what its frames hold) is let go
    if out is None:
        return "", _both("out_of_memory"), 2
    return out, "", code


OUTPUT_EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx"}


def _roster_both(key, **values):
    """A roster message in English, then Chinese; a value is a string or a dict by language."""
    text = texts.ROSTER[key]
    return "".join(texts.fill(text[lang], **{k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()})
                   + "\n" for lang in ("en", "zh"))


def _os_error(error):
    """Why a file cannot be read or written, in the project's words in both languages (never Python's)."""
    import errno

    name = errno.errorcode.get(error.errno or 0)
    words = texts.ROSTER["os_errors"]
    if name in words:
        return dict(words[name])
    return {lang: texts.fill(words["other"][lang], code=name or type(error).__name__) for lang in ("en", "zh")}


def _roster(options, stdin, status, stdout=None):
    """The roster command: (result bytes or "", stderr text, exit status 0, 1 or 2).

    Running out of memory anywhere (a file too large for this computer) is exit 2 with a message, too.
    """
    import csv  # noqa: F401  (what reading a file needs, imported before the file takes the memory)
    import io  # noqa: F401
    import unicodedata  # noqa: F401

    from .roster import Roster, RosterError
    from .rosterfile import megabytes

    path = options["input"]
    size = None
    try:
        if path == "-":
            data = stdin() if callable(stdin) else stdin
        else:
            try:
                with open(path, "rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    data = handle.read()
            except OSError as error:
                return "", _roster_both("cannot_read", path=path, detail=_os_error(error)), 2
        size = len(data)
        output = options["output"]
        to_file = output is not None and output != "-"
        # The result's format: -o's extension, else the input's.
        wanted = OUTPUT_EXTENSIONS.get(os.path.splitext(output)[1].lower()) if to_file else None
        try:
            if wanted == "xlsx":
                from .rosterbook import require_openpyxl

                require_openpyxl()  # before judging: a missing openpyxl is said at once
            roster = Roster(data, options["lang"], status, output=wanted)
        except RosterError as error:
            return "", error.message("en") + "\n" + error.message("zh") + "\n", 2
        del data  # the roster holds the text: the bytes can go
        if roster.output == "xlsx":  # a workbook is made whole, then written
            pieces = [roster.xlsx_bytes()]
        else:  # judged as it is written: the result is never held whole
            pieces = roster.stream()
        if not to_file:
            result = b"".join(pieces) if stdout is None else _write_stream(stdout, pieces)
        else:
            result, problem = "", _write_file(output, pieces)
            if problem is not None:
                return "", _roster_both("cannot_write", path=output, detail=problem), 2
        err = "".join(n["message"]["en"] + "\n" + n["message"]["zh"] + "\n" for n in roster.notices())
        err += _roster_both("summary", **{k: str(v) for k, v in roster.summary().items()})
        err += roster.status_summary("en") + "\n" + roster.status_summary("zh") + "\n"
        failed = [str(row) for row in roster.failed_rows[:50]]
        if failed:
            err += _roster_both("failed_rows", rows=", ".join(failed) + (" …" if roster.failed > 50 else ""))
        return result, err, roster.exit_code
    except MemoryError:
        pass  # said below, once the exception (and the file its frames hold) is let go
    if size is None:
        return "", _both("out_of_memory"), 2
    error = RosterError("out_of_memory", size=megabytes(size))
    return "", error.message("en") + "\n" + error.message("zh") + "\n", 2


def _write_stream(stream, pieces):
    """Write the pieces to standard output as they come; a reader that goes away (`| head`) stops the writing,
    not the judging (the summary still counts every row). Returns "": nothing left to write."""
    for piece in pieces:
        if stream is not None:
            try:
                stream.write(piece)
            except BrokenPipeError:
                stream = None
    if stream is not None:
        try:
            stream.flush()
        except BrokenPipeError:
            pass
    return ""


def _write_file(path, pieces):
    """Write the pieces to a file: None, or why not (by language). A file left half-written is removed."""
    try:
        handle = open(path, "wb")
    except OSError as error:
        return _os_error(error)
    try:
        with handle:
            for piece in pieces:
                handle.write(piece)
    except BaseException as error:
        try:
            os.remove(path)
        except OSError:
            pass
        if isinstance(error, OSError):
            return _os_error(error)
        raise
    return None


def _write(stream, text):
    buffer = getattr(stream, "buffer", None)
    if isinstance(text, bytes):  # the roster's result file, already encoded
        if buffer is not None:
            buffer.write(text)
            buffer.flush()
        else:
            stream.write(text.decode("utf-8"))
    elif buffer is not None:
        buffer.write(text.encode("utf-8", "backslashreplace"))  # argv may hold undecodable bytes
        buffer.flush()
    else:
        stream.write(text)


def _read_stdin():
    if sys.stdin is None:  # no stdin at all (e.g. pythonw): same as empty input
        return b""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out, err, code = run(argv, _read_stdin, getattr(sys.stdout, "buffer", None))
    try:
        if out:
            _write(sys.stdout, out)
        if err:
            _write(sys.stderr, err)
    except BrokenPipeError:
        # The reader went away (`... | head`): nothing left to say, and no traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code
