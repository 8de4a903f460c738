"""The wizard benchmark's report: medians of the visits, against the aims, as Markdown tables."""

from __future__ import annotations

from benchkit.common import fmt_bytes, fmt_ms, fmt_ms_fine, machine_line, median
from benchkit.wizard_visit import RETURN_LINE, VIEWPORT

AIM_FIRST_QUESTION_MS = 300
AIM_ENGINE_OVER_BARE = 1.10
AIM_RETURN_OVER_BARE = 0.30
AIM_RESULT_MS = 50
AIM_FIRST_VISIT_BYTES = 3.5e6
AIM_SHARE_LINK_MS = {"10 Mbit/s, 40 ms": 5_000, "1.6 Mbit/s, 150 ms": 20_000}
# The result's plain page (no engine): shown within 2 s and 150 kB on the slow line.
AIM_STATIC_RESULT_MS = {"1.6 Mbit/s, 150 ms": 2_000}
AIM_STATIC_RESULT_BYTES = {"1.6 Mbit/s, 150 ms": 150e3}
AIM_LAYOUT_SHIFT = 0.02

MEDIAN_KEYS = ("first_question_ms", "engine_ready_ms", "result_ms", "outcome_ms", "layout_shift", "bytes",
               "requests", "snapshot_bytes", "response_end_ms", "dom_content_loaded_ms", "shown_ms", "bytes_before")


def medians(raw: dict) -> dict:
    """{scenario: {visit kind: {figure: median}}}, as the table and wizard.json read them."""
    return {name: {kind: {k: median(results, k) for k in MEDIAN_KEYS} for kind, results in kinds.items()}
            for name, kinds in raw.items()}


def ratio_spread(raw: dict, name: str = "wizard") -> dict:
    """{visit kind: (lowest, highest)} of a scenario's (the wizard's) engine-ready time over the bare runtime's, run
    by run (the two run one after the other, so a run's pair saw the same load on the machine): how far one run
    can stray from the median on a shared machine."""
    spread = {}
    for kind in ("first", "return"):
        pairs = zip(raw.get(name, {}).get(kind, []), raw.get("bare", {}).get(kind, []))
        ratios = [w["engine_ready_ms"] / b["engine_ready_ms"] for w, b in pairs
                  if w.get("engine_ready_ms") is not None and b.get("engine_ready_ms")]
        spread[kind] = (min(ratios), max(ratios)) if ratios else None
    return spread


def fmt_shift(value):
    return "n/a" if value is None else f"{value:.3f}"


def versus(value, reference, aim: float, spread: tuple[float, float] | None = None) -> str:
    if value is None or not reference:
        return f"≤ {aim:.2f}× (n/a)"
    ratio = value / reference
    runs = f" (runs {spread[0]:.2f}–{spread[1]:.2f}×)" if spread else ""
    return f"≤ {aim:.2f}× bare: {ratio:.2f}× {'✓' if ratio <= aim else '✗'}{runs}"


def against(value, aim, fmt) -> str:
    if value is None:
        return f"≤ {fmt(aim)} (n/a)"
    return f"≤ {fmt(aim)} {'✓' if value <= aim else '✗'}"


def visits_table(m: dict, scenarios: list[str], spread: dict | None = None) -> list[str]:
    """First and return visits: the wizard, the engine alone, the bare runtime and the naive way side by side;
    `spread`: the run-by-run ratios (ratio_spread)."""
    spread = spread or {}
    w, b = m["wizard"], m["bare"]
    n = m.get("naive", {"first": {}, "return": {}})
    alone = m.get("engine alone", {"first": {}, "return": {}})
    rows = [
        ("first question answerable", fmt_ms, "first_question_ms",
         lambda kind: against(w[kind]["first_question_ms"], AIM_FIRST_QUESTION_MS, fmt_ms)),
        ("engine ready", fmt_ms, "engine_ready_ms",
         lambda kind: versus(w[kind]["engine_ready_ms"], b[kind]["engine_ready_ms"],
                             AIM_ENGINE_OVER_BARE if kind == "first" else AIM_RETURN_OVER_BARE,
                             spread.get(kind))),
        ("result after the last answer", fmt_ms_fine, "result_ms",
         lambda kind: against(w[kind]["result_ms"], AIM_RESULT_MS, fmt_ms_fine)),
        ("bytes on the wire", fmt_bytes, "bytes",
         lambda kind: against(w[kind]["bytes"], AIM_FIRST_VISIT_BYTES, fmt_bytes) if kind == "first" else "—"),
        ("layout shift until the engine is ready (CLS)", fmt_shift, "layout_shift",
         lambda kind: against(w[kind]["layout_shift"], AIM_LAYOUT_SHIFT, fmt_shift)),
        ("for reference: the page's DOMContentLoaded", fmt_ms, "dom_content_loaded_ms", lambda kind: "—"),
    ]
    out = ["| metric | visit | wizard | engine alone | bare `loadPyodide()` | naive | aim (wizard) |",
           "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for label, fmt, key, aim in rows:
        for kind in ("first", "return"):
            # The figures a page without the wizard has too (no question, no result).
            without_wizard = key in ("engine_ready_ms", "bytes", "dom_content_loaded_ms")
            bare = fmt(b[kind].get(key)) if without_wizard else ""
            engine_alone = fmt(alone[kind].get(key)) if without_wizard and "engine alone" in scenarios else ""
            naive = fmt(n[kind].get(key)) if "naive" in scenarios else ""
            visit_label = "first" if kind == "first" else "return (snapshot)" if key == "engine_ready_ms" else "return"
            out.append(f"| {label} | {visit_label} | {fmt(w[kind][key])} | {engine_alone} | {bare} | {naive} "
                       f"| {aim(kind)} |")
    return out


def engine_alone_lines(m: dict, spread: dict) -> list[str]:
    """The engine alone against the bare runtime: the ratios the wizard page could reach if the page cost
    nothing."""
    alone, bare = m["engine alone"], m["bare"]
    parts = []
    for kind, label in (("first", "first visit"), ("return", "return visit (snapshot)")):
        value, reference = alone[kind]["engine_ready_ms"], bare[kind]["engine_ready_ms"]
        if value is None or not reference:
            parts.append(f"{label} n/a")
            continue
        runs = f" (runs {spread[kind][0]:.2f}–{spread[kind][1]:.2f}×)" if spread.get(kind) else ""
        parts.append(f"{label} {fmt_ms(value)} = {value / reference:.2f}× bare{runs}")
    return ["", "Engine alone = the wizard's engine as built (its start, worker, runtime and snapshot) on a page "
                "with nothing else; engine ready: " + "; ".join(parts) + "."]


def line_table(intro: str, headings: list[str], lines: list[tuple], cells) -> list[str]:
    """One row per emulated line: its name, then `cells(line)`; the first heading is the line's, the others
    right-aligned figures but the last (the aim)."""
    out = ["", intro, "", "| " + " | ".join(headings) + " |",
           "| --- |" + " ---: |" * (len(headings) - 2) + " --- |"]
    out += [f"| {line[0]} | " + " | ".join(cells(line)) + " |" for line in lines]
    return out


def share_link_table(m: dict, lines: list[tuple]) -> list[str]:
    def cells(line):
        cold = m[f"share link, {line[0]}"]["cold"]
        aim = against(cold["outcome_ms"], AIM_SHARE_LINK_MS[line[0]], lambda v: f"{v / 1000:.0f} s")
        return [fmt_ms(cold["outcome_ms"]), fmt_ms(cold["engine_ready_ms"]), fmt_bytes(cold["bytes"]), aim]

    return line_table("Cold share link (fresh profile, the result's address opened directly), under Chromium's "
                      "network emulation:",
                      ["line", "result shown", "engine ready", "bytes on the wire", "aim (result shown)"], lines, cells)


def static_result_table(m: dict, lines: list[tuple]) -> list[str]:
    def cells(line):
        cold = m[f"static result, {line[0]}"]["cold"]
        aims = []
        if line[0] in AIM_STATIC_RESULT_MS:
            aims.append(against(cold["shown_ms"], AIM_STATIC_RESULT_MS[line[0]], lambda v: f"{v / 1000:.1f} s"))
            aims.append(against(cold["bytes_before"], AIM_STATIC_RESULT_BYTES[line[0]], fmt_bytes))
        return [fmt_ms(cold["shown_ms"]), fmt_bytes(cold["bytes_before"]), fmt_bytes(cold["bytes"]),
                "; ".join(aims) or "none"]

    return line_table("Cold static result (fresh profile, the same answers' plain result page, no engine), under the "
                      "same emulation; bytes before it = the page and what had arrived when the result first showed:",
                      ["line", "result shown", "bytes before it", "bytes on the wire", "aim"], lines, cells)


def slow_return_table(m: dict) -> list[str]:
    label = RETURN_LINE[0]
    back = m[f"return visit, {label}"]["return"]
    return ["", f"The wizard's return visit again (the same profile, its snapshot), on the {label} line:", "",
            "| line | first question answerable | engine ready | bytes on the wire |",
            "| --- | ---: | ---: | ---: |",
            f"| {label} | {fmt_ms(back['first_question_ms'])} | {fmt_ms(back['engine_ready_ms'])} | "
            f"{fmt_bytes(back['bytes'])} |"]


def table(m: dict, scenarios: list[str], lines: list[tuple], spread: dict | None = None,
          alone_spread: dict | None = None) -> str:
    parts = visits_table(m, scenarios, spread)
    if "engine alone" in scenarios:
        parts += engine_alone_lines(m, alone_spread or {})
    if lines:
        parts += share_link_table(m, lines) + static_result_table(m, lines) + slow_return_table(m)
    return "\n".join(parts)


def heading(environment: dict, snapshot_bytes) -> str:
    """What was measured and how, with the machine it ran on."""
    load = environment["load_average_1min"]["visits_median"] or environment["load_average_1min"]["end"]
    return (
        f"# Wizard benchmark\n\n"
        f"{environment['date']}; {environment['chromium']}; Pyodide {environment['pyodide']}; "
        f"{machine_line(load, 'median over the visits; other work on the machine slows every figure')}. "
        f"Served by nginx with the "
        f"shipped configuration (brotli), viewport {VIEWPORT['width']}×{VIEWPORT['height']}. Median of "
        f"{environment['runs']} runs; times are `performance.now()` in the page from navigation start; bytes are "
        f"what Chromium received (headers and encoded bodies), worker requests included. "
        f"Return visit = the same browser profile after a restart (runtime and engine in the HTTP cache as "
        f"immutable; the wizard's engine from the memory snapshot its first visit stored, "
        f"{fmt_bytes(snapshot_bytes)} gzip in Cache Storage). Bare = `loadPyodide()` of the npm package as it "
        f"comes (its whole, deflated standard library). Naive = Pyodide on the main thread + micropip.install of "
        f"the engine wheel, first question drawn after.\n"
    )
