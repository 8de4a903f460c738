#!/usr/bin/env python3
"""Benchmark the eligibility engine: answer sets evaluated per second on this Python.

    python3 scripts/bench_engine.py [--repeat N]

Evaluates every complete answer set of the flow (the exhaustive set), N times,
through `evaluate` (dict in, dict out) and `evaluate_json` (text in, text out,
what the browser calls), and prints one line for each. Not a test: the aim
is 20,000 answer sets a second or more for `evaluate` on CPython.
"""

import argparse
import json
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wizard"))

import eligibility  # noqa: E402


def rate(function, inputs, repeat):
    function(inputs[0])  # warm the caches (status file, imports) outside the timing
    best = float("inf")
    for _ in range(3):  # best of three: the least disturbed run
        start = time.perf_counter()
        for _ in range(repeat):
            for item in inputs:
                function(item)
        best = min(best, time.perf_counter() - start)
    return len(inputs) * repeat / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="passes over the exhaustive set")
    args = parser.parse_args()
    answer_sets = eligibility.complete_answer_sets()
    texts = [json.dumps(a) for a in answer_sets]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    per_second = rate(eligibility.evaluate, answer_sets, args.repeat)
    print(
        f"evaluate: {per_second:,.0f} answer sets/s "
        f"({len(answer_sets)} answer sets x {args.repeat}, best of 3, {python})"
    )
    per_second = rate(eligibility.evaluate_json, texts, args.repeat)
    print(f"evaluate_json: {per_second:,.0f} answer sets/s (JSON text in and out, {python})")


if __name__ == "__main__":
    main()
