"""One batch of engine calls, run unchanged on CPython and inside Pyodide.

The parity test builds a list of jobs, runs this file's `run` on both sides
with the engine loaded from the same wheel, and compares the outputs as text.
It only calls the engine's public entry points and keeps their output as is.

A job is a JSON object:

    {"call": "evaluate", "text": "..."}      evaluate_json(text)
    {"call": "evaluate", "hex": "7b22..."}   evaluate_json(bytes): the bytes a user might send
    {"call": "evaluate", ..., "status": "TOML text"}   with that measure status (parse_status)
    {"call": "next", "text" | "hex": ...}     next_json(...)
    {"call": "catalog"}                       catalog_json()
    {"call": "query", "text": "{...}"}        the browser worker's call:
                                              dump_json(evaluate_query(json.loads(text)))
    {"call": "roster", "hex": "...", "lang": "en"}   the roster page's worker calls on a file's bytes:
                                              roster.Job(data, lang): start_json(), next_json() in
                                              chunks of 2, and the result file's bytes (as hex)

`run(jobs_text)` returns ASCII JSON text: {"outputs": [one string per job],
"python": facts about the interpreter}. An exception in a job becomes an
output starting with "EXCEPTION " (the test fails on it) instead of stopping
the batch. On CPython: `python -S parity_driver.py < jobs.json`.
"""

import json
import sys
import traceback

import eligibility
from eligibility.jsonapi import dump_json

_statuses = {}


def _data(job):
    return bytes.fromhex(job["hex"]) if "hex" in job else job["text"]


def _status(job):
    if "status" not in job:
        return None
    text = job["status"]
    if text not in _statuses:
        _statuses[text] = eligibility.parse_status(text)
    return _statuses[text]


def _roster(job):
    from eligibility.roster import Job

    handle = Job(bytes.fromhex(job["hex"]), job["lang"])
    steps = [handle.start_json()]
    if handle.error is None:
        while True:
            steps.append(handle.next_json(2))
            if json.loads(steps[-1])["finished"]:
                break
        result = handle.csv_bytes()
        # A workbook's bytes carry the time it was made: its cells and their look are compared.
        result = _workbook(result) if bytes(result[:4]) == b"PK\x03\x04" else result.hex()
    else:
        result = None
    return dump_json({"roster": {"steps": steps, "csv_hex": result}})


def _workbook(data):
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(bytes(data))).worksheets[0]
    # A date stays a date in a result workbook (its checked_on, and the input's own dates): compared as text.
    cells = [[(c.value.isoformat() if hasattr(c.value, "isoformat") else c.value, c.data_type, bool(c.font.b),
               c.fill.fill_type, bool(c.quotePrefix)) for c in row]
             for row in sheet.iter_rows()]
    return {"title": sheet.title, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
            "widths": {k: v.width for k, v in sorted(sheet.column_dimensions.items())}, "cells": cells}


CALLS = {
    "evaluate": lambda job: eligibility.evaluate_json(_data(job), _status(job)),
    "next": lambda job: eligibility.next_json(_data(job)),
    "catalog": lambda job: eligibility.catalog_json(),
    "query": lambda job: dump_json(eligibility.evaluate_query(json.loads(job["text"]), _status(job))),
    "roster": _roster,
}


def interpreter():
    return {
        "version_info": list(sys.version_info[:3]),
        "platform": sys.platform,
        "implementation": sys.implementation.name,
        "engine_file": eligibility.__file__,
        "engine_version": eligibility.__version__,
    }


def run(jobs_text):
    outputs = []
    for job in json.loads(jobs_text):
        try:
            output = CALLS[job["call"]](job)
        except Exception as exc:  # reported as an output: the test shows it and fails
            output = "EXCEPTION " + "".join(traceback.format_exception_only(type(exc), exc))
        outputs.append(output)
    return json.dumps({"outputs": outputs, "python": interpreter()}, ensure_ascii=True)


if __name__ == "__main__":
    sys.stdout.write(run(sys.stdin.read()))
