"""The files the roster benchmark hands the checker, made up from the engine's own answer sets."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit.common import ROOT

WIZARD = ROOT / "wizard"
sys.path.insert(0, str(WIZARD))
import eligibility  # noqa: E402
from eligibility import roster, texts  # noqa: E402

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from line 1.
CSV_UTF8 = "44,34,76,1"
# The command line as a deployment runs it: no site-packages, the C locale.
CLI_ENV = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}

LIMIT_KINDS = {
    "dense": "a roster, every row an employee (English keys)",
    "chinese": "a roster in Chinese (GB18030, Chinese headers and labels; result in Chinese)",
    "blank": "one employee, blank lines, one more employee",
    "unclosed": "a quote that never closes, on line 2",
    "junk": "every answer different and wrong",
    "emoji": "the roster with one emoji in a name (Python then holds the text four bytes a character)",
}
BROWSER_KINDS = ("dense", "chinese", "blank", "unclosed")


def option(value) -> str | None:
    """An answer as the roster writes it: a key, yes/no for a boolean, nothing when not asked."""
    if value is None:
        return None
    return ("yes" if value else "no") if isinstance(value, bool) else value


def roster_csv(rows: int, seed: int = 6) -> bytes:
    """A roster of `rows` employees with answers drawn from every complete answer set."""
    sets = eligibility.complete_answer_sets()
    rng = random.Random(seed)
    keys = roster.TEMPLATE_KEYS[1:]
    lines = [",".join(roster.TEMPLATE_KEYS)]
    for i in range(rows):
        answers = rng.choice(sets)
        lines.append(",".join([f"E{i:06d}"] + [option(answers.get(k)) or "" for k in keys]))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def roster_xlsx(rows: int, seed: int = 7) -> bytes:
    """The same roster as roster_csv, as a spreadsheet program saves it: the CSV opened and saved as an Excel
    workbook by LibreOffice Calc, headless (shared strings and the sheet's dimension, as Excel and WPS write
    them too; openpyxl's own write-only files have neither, and cost its reader a second pass over the sheet)."""
    with tempfile.TemporaryDirectory(prefix="bench-xlsx-") as folder:
        source = Path(folder) / "staff.csv"
        source.write_bytes(roster_csv(rows, seed))
        done = subprocess.run(
            [SOFFICE, f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}", "--headless", "--norestore",
             f"--infilter=CSV:{CSV_UTF8}", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder,
             str(source)],
            capture_output=True, timeout=300)
        book = Path(folder) / "staff.xlsx"
        if done.returncode != 0 or not book.is_file():
            raise RuntimeError(f"LibreOffice did not save the workbook: {done.stderr.decode('utf-8', 'replace')}")
        return book.read_bytes()


def page_limit_mb() -> int:
    """The page's limit on a file, as wizard/frontend/roster.js sets it (MiB)."""
    text = (WIZARD / "frontend" / "roster.js").read_text(encoding="utf-8")
    return int(re.search(r"const MAX_MEGABYTES = (\d+);", text).group(1))


def limit_file(kind: str, size: int) -> bytes:
    """A file of about `size` bytes (never more) of one kind."""
    if kind == "blank":
        head = (",".join(roster.TEMPLATE_KEYS) + "\r\nE1,extension,C,,,yes,yes\r\n").encode()
        tail = b"E2,cancellation,B,,,no,\r\n"
        return head + b"\r\n" * ((size - len(head) - len(tail)) // 2) + tail
    if kind == "unclosed":
        head = (",".join(roster.TEMPLATE_KEYS) + '\r\nE1,"extension,C,,,no,\r\n').encode()
        line = b"E2,reissue,B,,no,,\r\n"
        return head + line * ((size - len(head)) // len(line))
    if kind == "emoji":
        return limit_file("dense", size - 4).replace(b"E0000000", "😀0000000".encode(), 1)
    return rows_up_to(kind, size)


def rows_up_to(kind: str, size: int) -> bytes:
    """Rows of a dense, Chinese or junk roster until the next would pass `size` bytes."""
    sets = eligibility.complete_answer_sets()
    rng = random.Random(8)
    lang, encoding = ("zh", "gb18030") if kind == "chinese" else ("en", "utf-8")
    lines = [",".join(roster.column_label(k, lang) for k in roster.TEMPLATE_KEYS).encode(encoding)]
    total, i = len(lines[0]) + 2, 0
    while True:
        if kind == "junk":
            line = b"E%07d,junk%d,X%d,,,," % (i, i, i)
        else:
            line = ",".join(employee(i, rng.choice(sets), lang)).encode(encoding)
        if total + len(line) + 2 > size:
            return b"\r\n".join(lines) + b"\r\n"
        lines.append(line)
        total += len(line) + 2
        i += 1


def employee(i: int, answers: dict, lang: str) -> list[str]:
    """One row: the employee's number, then each answer (in Chinese, the option's Chinese label)."""
    row = [f"员工{i:07d}" if lang == "zh" else f"E{i:07d}"]
    for key in roster.TEMPLATE_KEYS[1:]:
        value = option(answers.get(key))
        if value is None:
            row.append("")
        elif lang == "zh":
            row.append(texts.QUESTIONS[key]["options"][value]["label"]["zh"])
        else:
            row.append(value)
    return row
