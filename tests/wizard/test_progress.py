"""A visitor who waits for a result while the engine downloads (a share link opened cold, or answers faster
than the download) sees the bytes received of the total, in the page's language, not only "Working out...".
The download is slowed by Chromium's network emulation, so that there is a wait to see."""

from __future__ import annotations

import re

import pytest

SHARE_LINK = "?application=cancellation&category=B&tax_bureau_unreachable=no"
WORDS = {"en": r"^ (\d+\.\d) of (\d+\.\d) MB downloaded$", "zh": r"^ 已下载 (\d+\.\d) / (\d+\.\d) MB$"}
WORKING = {"en": "Working out your result…", "zh": "正在得出结果……"}
PROGRESS = """() => {
  const status = document.querySelector(".wizard-status");
  const bar = status && status.querySelector("progress");
  const words = status && status.querySelector(".wizard-status__bytes");
  return bar && bar.hasAttribute("value") && words && words.textContent
    ? {value: bar.value, max: bar.max, words: words.textContent, valuetext: bar.getAttribute("aria-valuetext"),
       status: status.textContent, hidden: words.getAttribute("aria-hidden")}
    : null;
}"""


def on_the_wire(site_dir) -> int:
    """What the worker downloads, as nginx sends it to Chromium (brotli): the runtime and the engine."""
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (wheel,) = (site_dir / "assets" / "engine").glob("*/eligibility-*.whl")
    return sum((runtime / f"{name}.br").stat().st_size for name in ("pyodide.asm.wasm", "python_stdlib.zip")) \
        + wheel.with_name(f"{wheel.name}.br").stat().st_size  # a stored wheel, brotli on the wire


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_waiting_for_a_result_shows_the_bytes_received_of_the_total(visit, site_dir, lang):
    page = visit.page
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 40, "downloadThroughput": 4e6 / 8, "uploadThroughput": 4e6 / 8})
    visit.open(lang, SHARE_LINK)
    progress = page.wait_for_function(PROGRESS, timeout=60_000, polling=50).json_value()
    total = on_the_wire(site_dir)
    assert progress["max"] == total and 0 <= progress["value"] < total, progress
    received, of = re.match(WORDS[lang], progress["words"]).groups()
    assert of == f"{total / 1e6:.1f}" and float(received) <= float(of)
    assert progress["valuetext"] == progress["words"].strip()
    # The words are for the eye; the live region says what is going on once, not every step of the download.
    assert progress["hidden"] == "true" and WORKING[lang] in progress["status"]
    assert visit.outcomes()["tax_records"] == "required"
    assert page.locator(".wizard-status").is_hidden()
    visit.assert_clean()
