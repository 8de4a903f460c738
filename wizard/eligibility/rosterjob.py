"""The browser's handle on a roster file: the roster page's Web Worker (wizard/frontend/worker.js, through
`from eligibility.roster import Job`) makes a `Job` for each file it is given and gets JSON text back, never an
exception for bad input; running out of memory is an error like any other. json is imported when a job first
answers.
"""

from .rosterfile import RosterError, megabytes
from .rosterresult import CHUNK, XLSX


def _dump(value):
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Job:
    """The browser worker's handle on one file. Text in (bytes), JSON text out; bad input is never an exception.

        job = Job(data, lang)
        job.start_json()        {"info": {...}} or {"error": {"code", "message": {"en", "zh"}}}
        job.next_json(count)    {"rows": [...], "done", "total", "finished", "summary"} or {"error": ...}
        job.csv_bytes()         the result file, byte for byte what the command line writes (once; None:
        job.error_json()        {"error": ...}, after running out of memory)

    Running out of memory (Pyodide's heap has a ceiling) is the error "out_of_memory", in both languages.
    """

    def __init__(self, data, lang="en", status=None, output=None):
        self.roster = self.error = None
        self.size = len(data)
        # Imported here, not at the top: roster.py imports this module (it re-exports Job).
        from .roster import Roster

        try:
            self.roster = Roster(data, lang, status, output)
        except RosterError as error:
            self.error = error
        except MemoryError:
            pass  # said below, once the half-read file is let go
        if self.roster is None and self.error is None:
            self._out_of_memory()

    def _out_of_memory(self):
        self.roster = None
        self.error = RosterError("out_of_memory", size=megabytes(self.size))

    def error_json(self):
        return _dump({"error": self.error.to_dict()})

    def start_json(self):
        if self.error is not None:
            return self.error_json()
        return _dump({"info": self.roster.info()})

    def next_json(self, count=CHUNK):
        roster = self.roster
        try:
            rows = roster.judge(count)
        except MemoryError:
            rows = None
        if rows is None:
            self._out_of_memory()
            return self.error_json()
        return _dump({"rows": rows, "done": roster.done, "total": roster.total, "finished": roster.finished,
                      "summary": roster.summary()})

    def csv_bytes(self):
        """The result file, as a bytearray filled piece by piece, each piece let go once copied in (Pyodide's heap
        never shrinks: the result is not held twice); a workbook's result is the workbook. Once."""
        try:
            if self.roster.output == XLSX:
                return self.roster.xlsx_bytes()
            result = bytearray()
            for piece in self.roster.stream():
                result += piece
            return result
        except MemoryError:
            result = None
        self._out_of_memory()
        return None
