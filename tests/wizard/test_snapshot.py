"""The engine's memory snapshot (wizard/frontend/worker.js), in real Chromium with the real engine in Pyodide.

A first visit starts the engine from scratch and, once the result is shown and the page is idle, stores a
snapshot of its memory (gzip of the pages that are not all zeros, with the memory's length and a bitmap of
those pages in headers; Cache Storage, under a key of the runtime's and the engine's addresses). The next
visit restores from it: <html data-wizard-engine-start="snapshot">. A snapshot that cannot be restored, or
that belongs to another runtime or engine, is deleted and the engine starts afresh, with no error for the
visitor; a new deploy never restores the old engine.
"""

from __future__ import annotations

import base64
import gzip
import os
from urllib.parse import unquote

import nginx_run
import pytest

from pages.test_generated_tables import build_copy
from roster.helpers import EXPECTED, fixture

from .conftest import DRAWN_FORM, HeldScripts, Visit
from .test_journeys import CATEGORY_A_POINTS_IN_CHINA, EXTENSION_WITH_EXEMPTION

SNAPSHOTS = "wizard-engine-snapshot"
SHARE_LINK = "?application=extension&category=C&tax_bureau_unreachable=yes&has_withholding_screenshot=yes"

ENTRIES = """async () => {
  const store = await caches.open("wizard-engine-snapshot");
  const found = {};
  for (const request of await store.keys()) {
    found[request.url] = (await (await store.match(request)).arrayBuffer()).byteLength;
  }
  return found;
}"""
# Writes bytes (base64) under a key, with the headers the worker writes (or none), as another page, a broken
# disk or an older version might have left them.
WRITE = """async ([key, data, headers]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const store = await caches.open("wizard-engine-snapshot");
  await store.put(key, new Response(bytes, {headers}));
}"""
READ = """async (key) => {
  const store = await caches.open("wizard-engine-snapshot");
  const bytes = new Uint8Array(await (await store.match(key)).arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}"""

HEADERS = """async (key) => {
  const headers = (await (await caches.open("wizard-engine-snapshot")).match(key)).headers;
  return {"X-Snapshot-Bytes": headers.get("X-Snapshot-Bytes"), "X-Snapshot-Pages": headers.get("X-Snapshot-Pages")};
}"""
PAGE_BYTES = 1 << 16
PYODIDE_SNAPSHOT_START = b"\0snp"


def read(page, key) -> bytes:
    return base64.b64decode(page.evaluate(READ, key))


def write(page, key, data: bytes, headers: dict | None) -> None:
    page.evaluate(WRITE, [key, base64.b64encode(data).decode(), headers or {}])


def filled_pages(bitmap: bytes, length: int) -> list[int]:
    return [p for p in range(-(-length // PAGE_BYTES)) if bitmap[p >> 3] & (1 << (p & 7))]


def unpack(stored: bytes, headers: dict) -> bytes:
    """The memory a stored snapshot holds, as the worker puts it back together."""
    length = int(headers["X-Snapshot-Bytes"])
    filled = gzip.decompress(stored)
    memory = bytearray(length)
    at = 0
    for page in filled_pages(base64.b64decode(headers["X-Snapshot-Pages"]), length):
        piece = filled[at:at + min(PAGE_BYTES, length - page * PAGE_BYTES)]
        memory[page * PAGE_BYTES:page * PAGE_BYTES + len(piece)] = piece
        at += len(piece)
    assert at == len(filled)
    return bytes(memory)


def pack(memory: bytes) -> tuple[bytes, dict]:
    """What the worker stores for a memory: (gzip of its filled pages, headers)."""
    bitmap = bytearray(-(-len(memory) // PAGE_BYTES // 8) or 1)
    pieces = []
    for page in range(-(-len(memory) // PAGE_BYTES)):
        piece = memory[page * PAGE_BYTES:(page + 1) * PAGE_BYTES]
        if piece.count(0) != len(piece):
            bitmap[page >> 3] |= 1 << (page & 7)
            pieces.append(piece)
    headers = {"X-Snapshot-Bytes": str(len(memory)), "X-Snapshot-Pages": base64.b64encode(bitmap).decode()}
    return gzip.compress(b"".join(pieces)), headers


def engine_start(page) -> str:
    return page.evaluate("() => document.documentElement.dataset.wizardEngineStart")


def wait_until_saved(page) -> dict[str, int]:
    """Wait for the snapshot to be stored (the result is on screen and the page idle); return the entries."""
    page.wait_for_function("() => document.documentElement.dataset.wizardEngineSnapshot", timeout=60_000)
    assert page.evaluate("() => document.documentElement.dataset.wizardEngineSnapshot") == "saved"
    return page.evaluate(ENTRIES)


def journey(visit: Visit, lang: str, steps) -> dict[str, str]:
    visit.open(lang)
    for key, value in steps:
        visit.answer(key, value)
    return visit.outcomes()


def first_visit(visit: Visit) -> str:
    """A visit that starts afresh, shows a result and stores the snapshot; the snapshot's key."""
    visit.open("en", SHARE_LINK)
    assert visit.outcomes() == EXTENSION_WITH_EXEMPTION[1]
    assert engine_start(visit.page) == "fresh"
    entries = wait_until_saved(visit.page)
    (key,) = entries
    return key


def this_build_key(site_dir, base_url) -> str:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (wheel,) = (site_dir / "assets" / "engine").glob("*/eligibility-*.whl")
    return (f"{base_url}/assets/pyodide/{runtime.name}/engine-snapshot?engine="
            f"{base_url}/{wheel.relative_to(site_dir).as_posix()}")


@pytest.fixture
def visit(browser, base_url):
    # A mobile viewport, as the wizard's own fixture; requests are recorded to check what a restore fetches.
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    visit = Visit(page, base_url)
    visit.requests = []
    context.on("request", lambda r: visit.requests.append(r.url))
    yield visit
    context.close()


def test_a_second_visit_restores_the_engine_from_its_snapshot(visit, site_dir, base_url):
    key = first_visit(visit)
    # The key names this build's runtime (its version and files' hash) and engine (the wheel's hash).
    assert unquote(key) == this_build_key(site_dir, base_url)
    size = visit.page.evaluate(ENTRIES)[key]
    assert 1_000_000 < size < 20_000_000  # gzip of about 30 MB of memory

    visit.requests.clear()
    visit.page.reload()
    visit.wait_for_engine()
    assert engine_start(visit.page) == "snapshot"
    assert journey(visit, "en", EXTENSION_WITH_EXEMPTION[0]) == EXTENSION_WITH_EXEMPTION[1]
    # The other language, on a page never opened in this tab: the same snapshot.
    assert journey(visit, "zh", CATEGORY_A_POINTS_IN_CHINA[0]) == CATEGORY_A_POINTS_IN_CHINA[1]
    assert engine_start(visit.page) == "snapshot"
    # The snapshot is made on the device: nothing like it is ever asked of the network.
    assert not [u for u in visit.requests if "snapshot" in u]
    # A restored engine makes no new snapshot: the one stored stays as it was.
    assert visit.page.evaluate(ENTRIES) == {key: size}
    visit.assert_clean()


# Records the type of every message the engine's worker sends the page (an init script: before start.js).
HEAR_THE_WORKER = """(() => {
  const Real = window.Worker;
  window.__workerSaid = [];
  window.Worker = function (...args) {
    const worker = new Real(...args);
    worker.addEventListener("message", ({ data }) => window.__workerSaid.push(data.type));
    return worker;
  };
})()"""


def test_a_restore_downloads_nothing_and_shows_no_download(visit):
    """Download progress is for a runtime on its way; after a restore everything comes from the device."""
    first_visit(visit)
    visit.page.context.add_init_script(HEAR_THE_WORKER)
    visit.page.reload()
    visit.wait_for_engine()
    assert engine_start(visit.page) == "snapshot"
    said = visit.page.evaluate("() => window.__workerSaid")
    assert "ready" in said and "progress" not in said, said
    assert visit.page.locator("progress[value]").count() == 0
    visit.assert_clean()


def test_a_fresh_start_reports_its_download(visit):
    visit.page.context.add_init_script(HEAR_THE_WORKER)
    visit.open("en")
    visit.wait_for_engine()
    assert engine_start(visit.page) == "fresh"
    said = visit.page.evaluate("() => window.__workerSaid")
    assert "progress" in said and said.index("progress") < said.index("ready"), said
    visit.assert_clean()


HINT = "() => localStorage.getItem('wizard-engine-snapshot')"
UNREGISTER_SERVICE_WORKERS = """async () => {
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
}"""


def test_with_a_snapshot_here_the_engine_starts_at_once(visit, base_url, site_dir):
    """Restoring is short work: a visit to the plain wizard (no answers in the address) starts the engine from
    the head, before the page's own scripts arrive, when this browser holds a snapshot of this engine."""
    first_visit(visit)
    page = visit.page
    (wheel,) = (site_dir / "assets" / "engine").glob("*/eligibility-*.whl")
    assert page.evaluate(HINT) == f"{base_url}/{wheel.relative_to(site_dir).as_posix()}"
    # The page's scripts are kept for a year (their folder is named after their hash) and the first visit's
    # service worker serves them from its cache: without it they come over the network, where they are held.
    page.evaluate(UNREGISTER_SERVICE_WORKERS)
    held = HeldScripts(page.context)
    with page.context.expect_event("request", lambda r: r.url.endswith("/worker.js"), timeout=30_000):
        page.goto(f"{base_url}/wizard/", wait_until="commit")
    assert "wizard.js" in held.asked() and page.locator(DRAWN_FORM).count() == 0
    held.release()
    visit.wait_for_engine()
    assert engine_start(page) == "snapshot"
    visit.assert_clean()


def test_a_hint_without_its_snapshot_only_starts_early(visit, base_url):
    """The hint can outlive the snapshot (storage cleared, another tab's start): the engine then starts afresh,
    early, and the hint goes until a snapshot is stored again."""
    key = first_visit(visit)
    page = visit.page
    page.evaluate("async (key) => (await caches.open('wizard-engine-snapshot')).delete(key)", key)
    assert page.evaluate(HINT)
    page.goto(f"{base_url}/wizard/")
    visit.wait_for_engine()
    assert engine_start(page) == "fresh"
    assert page.evaluate(HINT) is None
    assert journey(visit, "en", CATEGORY_A_POINTS_IN_CHINA[0]) == CATEGORY_A_POINTS_IN_CHINA[1]
    assert list(wait_until_saved(page)) == [key]
    assert page.evaluate(HINT)
    visit.assert_clean()


def test_the_snapshot_holds_no_answer_of_the_visitor(visit):
    """The memory is copied once the engine is ready, before the page's first message: a share link's answers
    (here an unusual date) are never in what is stored on the device."""
    visit.open("en", SHARE_LINK + "&as_of=2031-07-19")
    assert visit.outcomes()
    (key,) = wait_until_saved(visit.page)
    memory = unpack(read(visit.page, key), visit.page.evaluate(HEADERS, key))
    assert memory.startswith(PYODIDE_SNAPSHOT_START)
    assert b"has_withholding_screenshot" in memory  # the engine's own words are there, as plain bytes
    assert b"2031-07-19" not in memory
    visit.assert_clean()


def test_the_roster_works_after_a_restore(visit):
    first_visit(visit)
    page = visit.page
    page.goto(f"{visit.base_url}/roster/")
    page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=60_000)
    assert engine_start(page) == "snapshot"
    # The roster's code was never imported in the snapshot's memory: it comes from the wheel, unpacked again.
    page.set_input_files("#roster-file", files=[{"name": "staff.csv", "mimeType": "text/csv",
                                                 "buffer": fixture("utf8.csv")}])
    page.wait_for_selector("#roster-results:has-text('staff.csv')", timeout=60_000)
    rows = page.locator("table.roster-results tbody tr")
    assert rows.count() == 3
    for i, expected in enumerate(EXPECTED):
        cells = rows.nth(i).locator("[data-outcome]")
        assert {cells.nth(j).get_attribute("data-outcome"): cells.nth(j).get_attribute("data-result")
                for j in range(cells.count())} == expected
    visit.assert_clean()


def _another_build(memory: bytes) -> bytes:
    """A snapshot as another build of the runtime would have made it: its build id (bytes 16 to 48) differs."""
    return memory[:16] + bytes(b ^ 0xFF for b in memory[16:48]) + memory[48:]


# What may be found under this build's key instead of its snapshot: (stored bytes, headers), from the real ones.
BROKEN = {
    "not gzip": lambda real, headers, memory: (os.urandom(300_000), headers),
    "cut short": lambda real, headers, memory: (real[: len(real) // 2], headers),
    "gzip of something else": lambda real, headers, memory: (gzip.compress(os.urandom(300_000)), headers),
    "written without its headers": lambda real, headers, memory: (real, None),
    "pages that are not the memory's": lambda real, headers, memory: (
        real, {**headers, "X-Snapshot-Pages": base64.b64encode(b"\x01").decode()}),
    "another build of the runtime": lambda real, headers, memory: pack(_another_build(memory)),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_snapshot_that_does_not_restore_is_deleted_and_the_engine_starts_afresh(visit, kind):
    key = first_visit(visit)
    page = visit.page
    real, headers = read(page, key), page.evaluate(HEADERS, key)
    broken, broken_headers = BROKEN[kind](real, headers, unpack(real, headers))
    write(page, key, broken, broken_headers)
    visit.errors.clear()
    page.reload()
    visit.wait_for_engine()
    assert engine_start(page) == "fresh"
    # The visitor sees nothing of it: the share link's result, and no error logged.
    assert visit.outcomes() == EXTENSION_WITH_EXEMPTION[1]
    assert not visit.errors, visit.errors
    # The broken entry is gone; the fresh start stored a good one once the result was shown, which restores.
    assert list(wait_until_saved(page)) == [key]
    memory = unpack(read(page, key), page.evaluate(HEADERS, key))
    assert memory.startswith(PYODIDE_SNAPSHOT_START)
    page.reload()
    visit.wait_for_engine()
    assert engine_start(page) == "snapshot"
    assert journey(visit, "en", CATEGORY_A_POINTS_IN_CHINA[0]) == CATEGORY_A_POINTS_IN_CHINA[1]
    visit.assert_clean()


def test_a_snapshot_of_another_runtime_or_engine_is_deleted(visit):
    key = first_visit(visit)
    page = visit.page
    real, headers = read(page, key), page.evaluate(HEADERS, key)
    runtime, engine = key.split("engine-snapshot?engine=")
    foreign = [
        # The same memory under another engine's key and another runtime's: never theirs to restore.
        runtime + "engine-snapshot?engine=" + engine.replace("assets%2Fengine%2F", "assets%2Fengine%2F0000"),
        runtime.replace("/assets/pyodide/", "/assets/pyodide/0.0.0-") + "engine-snapshot?engine=" + engine,
    ]
    for other in foreign:
        write(page, other, real, headers)
    page.evaluate("async (key) => (await caches.open('wizard-engine-snapshot')).delete(key)", key)
    assert set(page.evaluate(ENTRIES)) == set(foreign)
    page.reload()
    visit.wait_for_engine()
    assert engine_start(page) == "fresh"
    # Deleted before the engine started; the only snapshot there may be now is this build's own, made afresh.
    assert set(page.evaluate(ENTRIES)) <= {key}
    assert set(wait_until_saved(page)) == {key}
    visit.assert_clean()


@pytest.fixture(scope="module")
def rebuilt_engine(tmp_path_factory):
    """The site as the next deploy would build it: the engine changed, so its wheel, its address and its key."""
    return build_copy(tmp_path_factory.mktemp("rebuilt-engine"),
                      {"wizard/eligibility/__init__.py": lambda text: text + "\n# The next release.\n"})


def test_a_rebuilt_engine_never_restores_the_old_snapshot(browser, site_dir, rebuilt_engine):
    server = nginx_run.Server(site_dir)
    context = browser.new_context()
    try:
        visit = Visit(context.new_page(), server.url)
        old_key = first_visit(visit)

        # Deploy: the same address now serves the new build.
        server.stop()
        server = nginx_run.Server(rebuilt_engine, port=server.port)
        (new_wheel,) = (rebuilt_engine / "assets" / "engine").glob("*/eligibility-*.whl")
        assert new_wheel.parent.name not in unquote(old_key)
        visit.page.reload()
        visit.wait_for_engine()
        assert engine_start(visit.page) == "fresh"
        assert old_key not in visit.page.evaluate(ENTRIES)  # the old engine's snapshot is gone, unused
        assert visit.outcomes() == EXTENSION_WITH_EXEMPTION[1]
        (new_key,) = wait_until_saved(visit.page)
        assert new_wheel.parent.name in unquote(new_key) and new_key != old_key
        # The next visit restores the new engine's snapshot.
        visit.page.reload()
        visit.wait_for_engine()
        assert engine_start(visit.page) == "snapshot"
        assert journey(visit, "en", EXTENSION_WITH_EXEMPTION[0]) == EXTENSION_WITH_EXEMPTION[1]
        visit.assert_clean()
    finally:
        context.close()
        server.stop()
