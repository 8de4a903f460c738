"""The command line: python3 -m eligibility evaluate|next|catalog|status [--status FILE].

Reads stdin as bytes (so invalid UTF-8 is an invalid_json error, not a
crash), writes UTF-8 whatever the locale, and never shows a traceback for
bad input or usage: every message is in English and Chinese.

Exit status: 0 a result, 2 invalid answers or usage, 1 an invalid status file.
"""

import sys

from . import __version__, texts
from .jsonapi import COMMANDS, handle
from .status import StatusError, load_status_file


def _both(key, **values):
    text = texts.CLI[key]
    return texts.fill(text["en"], **values) + "\n" + texts.fill(text["zh"], **values) + "\n"


def _parse_args(argv):
    """-> (command, status_path, problem); problem is a message or None."""
    command = status_path = None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            return "help", None, None
        if arg == "--version":
            return "version", None, None
        if arg == "--status" and args:
            status_path = args.pop(0)
        elif arg.startswith("--status="):
            status_path = arg[len("--status="):]
        elif arg.startswith("-") or command is not None:
            return None, None, _both("bad_option", command=arg)
        else:
            command = arg
    if command is None:
        return None, None, _both("no_command")
    if command not in COMMANDS:
        return None, None, _both("unknown_command", command=command)
    return command, status_path, None


def run(argv, stdin=b""):
    """Run the command line without touching the real streams: (stdout, stderr, exit).

    `stdin` is the input (bytes or text), or a function that reads it, so
    that commands which need no input do not wait for any.
    """
    command, status_path, problem = _parse_args(argv)
    usage = _both("usage")
    if command == "help":
        return usage, "", 0
    if command == "version":
        return __version__ + "\n", "", 0
    if problem:
        return "", problem + usage, 2
    try:
        status = load_status_file(status_path) if status_path else None
        data = ""
        if command in ("evaluate", "next"):
            data = stdin() if callable(stdin) else stdin
        out, code = handle(command, data, status)
    except StatusError as error:
        return "", _both("status_error") + str(error) + "\n", 1
    return out, "", code


def _write(stream, text):
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
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
    out, err, code = run(argv, _read_stdin)
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
