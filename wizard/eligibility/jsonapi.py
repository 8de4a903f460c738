"""JSON text in, JSON text out: the entry points of the command line and the browser.

One string in, one string out, so that Pyodide can call them directly:

    evaluate_json('{"application": "extension", "category": "C", ...}')

Output is `json.dumps(obj, ensure_ascii=False, sort_keys=True)` plus a newline,
byte for byte the same on CPython and Pyodide. Input that is not one JSON
object in UTF-8 (an array, a number, NaN, invalid UTF-8 ...) gives the
`invalid_json` error, never an exception. A key given twice in the object
(`{"category": "A", "category": "B"}`) is the error `duplicate_field` for that
key (an extension of the contract's codes), not "the last one wins".
"""

import json

from .answers import INVALID_JSON
from .catalog import catalog
from .engine import error, errors_result, evaluate, exit_code, next_question
from .status import resolve_status

COMMANDS = ("evaluate", "next", "catalog", "status")
DUPLICATE_FIELD = "duplicate_field"


class _NotJSON(Exception):
    pass


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python-only extensions


class _Object(dict):
    """A JSON object as read: its first value for each key, and `duplicates`, the keys it gives more than once."""

    __slots__ = ("duplicates",)


def _object(pairs):
    value = _Object()
    value.duplicates = []
    for key, item in pairs:
        if key not in value:
            value[key] = item
        elif key not in value.duplicates:
            value.duplicates.append(key)
    return value


def parse_json(data):
    """A JSON object from text or UTF-8 bytes; raises _NotJSON otherwise."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise _NotJSON from None
    if not isinstance(data, str):
        raise _NotJSON
    if data.startswith("\ufeff"):  # tolerate a byte order mark (Windows editors)
        data = data[1:]
    try:
        value = json.loads(data, parse_constant=_reject_constant, object_pairs_hook=_object)
    except (ValueError, RecursionError):  # also too-long integers, deep nesting
        raise _NotJSON from None
    if type(value) is not _Object:
        raise _NotJSON
    return value


def dump_json(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"


def _with_parsed(function, data, *args):
    try:
        value = parse_json(data)
    except _NotJSON:
        return errors_result([(None, INVALID_JSON)])
    result = function(dict(value), *args)
    if not value.duplicates:
        return result
    # Which of its values a key given twice meant is unknown: that key's own error is that it is given twice
    # (an unknown key stays unknown too); every other problem is listed as well.
    others = [e for e in result.get("errors", ())
              if e["field"] not in value.duplicates or e["code"] == "unknown_field"]
    return {"errors": [error(key, DUPLICATE_FIELD) for key in value.duplicates] + others}


def evaluate_json(data, status=None):
    return dump_json(_with_parsed(evaluate, data, status))


def next_json(data):
    return dump_json(_with_parsed(next_question, data))


def catalog_json():
    return dump_json(catalog())


def handle(command, data="", status=None):
    """Run one command on input text or bytes: returns (output text, exit status).

    Raises KeyError for an unknown command and status.StatusError for bad
    status data; the command line turns both into messages.
    """
    if command == "evaluate":
        result = _with_parsed(evaluate, data, status)
    elif command == "next":
        result = _with_parsed(next_question, data)
    elif command == "catalog":
        return catalog_json(), 0  # (its "errors" key holds messages, not errors)
    elif command == "status":
        return dump_json(resolve_status(status).to_dict()), 0
    else:
        raise KeyError(command)
    return dump_json(result), exit_code(result)
