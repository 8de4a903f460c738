"""The wizard benchmark's report (scripts/benchkit/wizard_table.py): the ratios against the bare runtime."""

from benchkit.wizard_table import medians, ratio_spread, table
from benchkit.wizard_visit import LINES, RETURN_LINE


def run(ready):
    return {"engine_ready_ms": ready, "first_question_ms": 200, "result_ms": 20, "bytes": 3.4e6,
            "layout_shift": 0, "dom_content_loaded_ms": 200}


RAW = {
    "wizard": {"first": [run(2100), run(2300), run(2000)], "return": [run(600), run(700), run(650)]},
    "bare": {"first": [run(2000), run(1900), run(2000)], "return": [run(1500), run(1400), run(1600)]},
}


def test_the_ratio_rows_give_the_median_ratio_and_the_run_by_run_spread():
    text = table(medians(RAW), ["wizard", "bare"], [], ratio_spread(RAW))
    first = next(line for line in text.splitlines() if line.startswith("| engine ready | first |"))
    back = next(line for line in text.splitlines() if line.startswith("| engine ready | return (snapshot) |"))
    # Medians 2100 / 2000; run by run 1.05, 1.21, 1.00.
    assert "≤ 1.10× bare: 1.05× ✓ (runs 1.00–1.21×)" in first
    # Medians 650 / 1500; run by run 0.40, 0.50, 0.41.
    assert "≤ 0.30× bare: 0.43× ✗ (runs 0.40–0.50×)" in back


def test_a_failed_run_leaves_its_pair_out():
    raw = {"wizard": {"first": [run(None), run(2200)], "return": []},
           "bare": {"first": [run(2000), run(2000)], "return": []}}
    assert ratio_spread(raw) == {"first": (1.1, 1.1), "return": None}


def test_with_the_lines_the_report_has_the_share_links_and_the_return_visit_on_the_slow_line():
    raw = dict(RAW)
    raw.update({f"share link, {line[0]}": {"cold": [dict(run(4000), outcome_ms=4100)]} for line in LINES})
    raw.update({f"static result, {line[0]}": {"cold": [{"shown_ms": 900, "bytes_before": 90e3, "bytes": 120e3}]}
                for line in LINES})
    raw[f"return visit, {RETURN_LINE[0]}"] = {"return": [run(900), dict(run(800), first_question_ms=600)]}
    text = table(medians(raw), ["wizard", "bare"], LINES, ratio_spread(raw))
    assert "| 1.6 Mbit/s, 150 ms | 4,100 ms | 4,000 ms | 3.40 MB | ≤ 20 s ✓ |" in text
    assert "| 1.6 Mbit/s, 150 ms | 400 ms | 850 ms | 3.40 MB |" in text  # medians of the two return visits
    # The plain result page, against its aims on the slow line only.
    assert "| 1.6 Mbit/s, 150 ms | 900 ms | 90.0 kB | 120.0 kB | ≤ 2.0 s ✓; ≤ 150.0 kB ✓ |" in text
    assert "| 10 Mbit/s, 40 ms | 900 ms | 90.0 kB | 120.0 kB | none |" in text


def test_the_engine_alone_has_its_column_and_its_ratios_to_the_bare_runtime():
    raw = dict(RAW, **{"engine alone": {"first": [run(2050), run(2100), run(2000)],
                                        "return": [run(450), run(500), run(480)]}})
    text = table(medians(raw), ["wizard", "engine alone", "bare"], [], ratio_spread(raw),
                 ratio_spread(raw, "engine alone"))
    back = next(line for line in text.splitlines() if line.startswith("| engine ready | return (snapshot) |"))
    assert back.startswith("| engine ready | return (snapshot) | 650 ms | 480 ms | 1,500 ms |")
    # Medians 480 / 1500 = 0.32; run by run 0.30, 0.36, 0.30.
    assert "return visit (snapshot) 480 ms = 0.32× bare (runs 0.30–0.36×)" in text
    assert "first visit 2,050 ms = 1.02× bare (runs 1.00–1.11×)" in text
