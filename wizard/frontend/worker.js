// The engine's home in the browser: Pyodide and the eligibility wheel, off the main thread.
// Every answer stays on the device: the only requests are for the runtime and the engine, from this site.
// The roster page sends a whole CSV file or workbook (as bytes, never uploaded): {type: "roster", id, bytes, lang}.
//
// Python packages load the way Pyodide intends, through the site's lock file: the engine's folder
// (assets/engine/<hash of the lock file>/) holds pyodide-lock.json and the wheels it lists (the engine,
// openpyxl, et_xmlfile); pyodide.loadPackage fetches a wheel from there with the sha256 the lock file gives
// (the browser refuses other bytes), and nothing the lock file does not list can load by name. The engine is
// loaded at start; openpyxl (with et_xmlfile) only when the roster is given a workbook.
//
// It starts as soon as it runs, from the settings in its name (JSON: {runtime, engine, integrity, sizes,
// snapshot}; see start.js): a first message would wait for the page's busy main thread to hand it over.
//
// Starting, two ways (the page reads which in <html data-wizard-engine-start>):
// - "snapshot": this browser made a memory snapshot of the engine on an earlier visit (Pyodide's
//   makeMemorySnapshot, gzip, in Cache Storage under a key of the runtime's and the engine's addresses, which
//   carry the runtime's version and files' hash and the wheel's hash). Python's memory comes back as it was
//   once the engine had been imported and had answered one fixed question (WARM_UP): the engine is ready when
//   that question is answered again. The snapshot holds memory, not files: the engine's package is installed
//   again a second later (loadPackage; not before a share link's answer), or at once when the roster, whose
//   modules are imported on its first file, needs it. A snapshot that does not restore, or that belongs to
//   another runtime or engine, is deleted, and the engine starts afresh: the visitor sees no error.
// - "fresh": Pyodide starts from scratch. On the wizard page it starts able to snapshot itself: the memory is
//   copied once the engine is ready and before any message from the page is handled (so no visitor's answer
//   is in it), and stored when the page says it is idle, after the visitor's result is shown
//   ({type: "save-snapshot"}). Nothing is downloaded for it.
// The runtime's big files are fetched from the start; when nothing was restored (they may be downloading),
// {type: "progress", received, total} reports the bytes on the wire so far.

const SNAPSHOTS = "wizard-engine-snapshot";
// The stored snapshot: its memory's length, and which of its pages hold anything (a bitmap, base64; about
// half of a fresh Pyodide's memory is pages of zeros, which are not stored: less to compress and to inflate).
// The first bytes of every Pyodide snapshot ("\0snp").
const LENGTH_HEADER = "X-Snapshot-Bytes";
const PAGES_HEADER = "X-Snapshot-Pages";
const PAGE_BYTES = 1 << 16;
const SNAPSHOT_MAGIC = 0x706e7300;
// Rows judged between two progress messages (and two chances to hear of a newer file).
const ROSTER_CHUNK = 2000;
// A workbook (.xlsx) is a zip: its first bytes. Only then is openpyxl loaded.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const LOCK_NAME = "pyodide-lock.json";
// The engine's folder (assets/engine/<hash>/), once known: a deploy may have removed it since the page loaded.
let engineFolder = null;
// What the roster says when a package cannot load because the site was updated since the page was opened (its
// engine's folder is gone: a deploy keeps the previous one for a day): reload, not "try a smaller file".
const SITE_UPDATED = {
  message: {
    en: "This site was updated after this page was opened, and the part needed for this file is no longer there. Reload the page, then choose the file again.",
    zh: "本页面打开后，本网站已更新，自查此文件所需的部分已不在原处。请重新加载本页面，然后再次选择文件。",
  },
};

// True when the engine's folder this page was built with answers 404: the site was updated since.
async function siteUpdated() {
  if (!engineFolder) return false;
  try {
    const response = await fetch(`${engineFolder}${LOCK_NAME}`, { method: "HEAD", cache: "no-store" });
    return response.status === 404 || response.status === 410;
  } catch {
    return false; // no network: not known
  }
}
// Python run once the engine's files are in place, on either start: what the page calls.
const SETUP = `
import json
import eligibility
from eligibility.jsonapi import dump_json

def evaluate_params(text):
    return dump_json(eligibility.evaluate_query(json.loads(text)))

def workbook_to_read(data):
    # A zip the roster will read as a workbook (not damaged, no macros): only then is openpyxl worth loading.
    from eligibility.rosterbook import workbook_kind
    from eligibility.rosterfile import RosterError
    try:
        workbook_kind(data.to_bytes())
    except RosterError:
        return False
    return True

def roster_job(data, lang):
    from eligibility.roster import Job  # imported on the first file: the wizard never pays for it
    return Job(data.to_bytes(), lang)
`;
// One evaluation before saying "ready": the first call pays for imports and caches, not the visitor. After a
// restore it also proves the engine in the snapshot works.
const WARM_UP = { application: "extension", category: "A", tax_bureau_unreachable: "no" };
const PROGRESS_EVERY_MS = 100;
// After a restore, how long the engine's files wait to be installed again (see restored()).
const REINSTALL_AFTER_MS = 1000;
// How long a fresh start's memory copy waits for the page to say it is idle after a result.
const KEEP_SNAPSHOT_MS = 10 * 60_000;

let pyodideNow = null;
let evaluateParams = null;
let rosterJob = null;
let workbookToRead = null;
// The engine's files, installed (a promise): at start, or again after a restore (engineFilesInstalled()).
let engineFiles = null;
let currentRoster = 0;
const queue = [];
// A fresh start able to snapshot itself, its memory once copied (waiting for the page to be idle), and where
// it goes.
let snapshotWanted = false;
let snapshotMemory = null;
let snapshotKey = null;

// --- downloads ----------------------------------------------------------------------------------------------

// The runtime's big files are asked for at once, not when Pyodide gets to them, and handed to Pyodide when it
// fetches them (by URL object or string). `early`: their addresses. A response still unread when asked again
// (a start from a snapshot failed before reading it) is handed again: nothing is fetched twice.
// `integrity` ({absolute URL: SRI hash}): an early file fetched with its hash, handed to Pyodide only when Pyodide asks
// with the same hash (loadPackage asks with the lock file's: another hash fetches again, and fails, as it should).
// countProgress(sizes) ({absolute URL: size of the file as stored}), called when they may be downloading (not
// after a restore, when they come from the browser's cache): from then on, their bytes are counted as they
// arrive, through a copy of each response, and reported; a response sent with a Content-Encoding counts in the
// bytes of its Content-Length, in proportion to the file's bytes received. Returns countProgress.
function fetchEarly(early, integrity = {}) {
  const realFetch = self.fetch.bind(self);
  const downloads = new Map();
  let sizes = null;
  let lastPost = 0;
  const post = (force) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_EVERY_MS) return;
    if (downloads.size < Object.keys(sizes).length) return; // the total is not known yet
    lastPost = now;
    let received = 0;
    let total = 0;
    for (const d of downloads.values()) {
      received += Math.round(d.wire * Math.min(1, d.got / d.size));
      total += d.wire;
    }
    self.postMessage({ type: "progress", received, total });
  };
  const count = (url, response) => {
    const size = sizes?.[url];
    if (!size || !response.ok || !response.body || response.bodyUsed || downloads.has(url)) return response;
    const encoded = Number(response.headers.get("content-length")) || 0;
    const download = { size, wire: encoded && response.headers.get("content-encoding") ? encoded : size, got: 0 };
    downloads.set(url, download);
    post(true);
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        download.got += value.byteLength;
        post(download.got >= download.size);
      }
    })().catch(() => {}); // a failed download fails Pyodide's own read of it, which reports it
    return response;
  };
  const asked = new Map(early.map((url) => [url,
    realFetch(url, integrity[url] ? { integrity: integrity[url] } : undefined)]));
  const countProgress = (wanted) => {
    sizes = wanted;
    for (const [url, promise] of asked) promise.then((response) => count(url, response), () => {});
  };
  for (const promise of asked.values()) promise.catch(() => {}); // Pyodide reports it when it asks
  self.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const waiting = asked.get(url);
    if (waiting && (init?.integrity || "") === (integrity[url] || "")) {
      const response = await waiting;
      if (!response.bodyUsed) return response;
      asked.delete(url);
    }
    return count(url, await realFetch(input, init));
  };
  return countProgress;
}

// --- the snapshot in Cache Storage ----------------------------------------------------------------------------

async function openSnapshots() {
  if (typeof caches === "undefined" || typeof CompressionStream !== "function") return null;
  try {
    return await caches.open(SNAPSHOTS);
  } catch {
    return null; // storage refused (a private window, no quota): start afresh, make none
  }
}

// This runtime's and engine's snapshot as a gzip response, or null; every other snapshot is deleted.
async function findSnapshot(store, key) {
  let found = null;
  for (const request of await store.keys()) {
    if (request.url === key) found = await store.match(request);
    else await store.delete(request);
  }
  return found;
}

// Runs of pages that hold something: [first byte, end byte) pairs; `bitmap` has one bit per page.
function filledRuns(bitmap, length) {
  const runs = [];
  for (let page = 0; page * PAGE_BYTES < length; page++) {
    if (!(bitmap[page >> 3] & (1 << (page & 7)))) continue;
    const start = page * PAGE_BYTES;
    const end = Math.min(start + PAGE_BYTES, length);
    const last = runs[runs.length - 1];
    if (last && last[1] === start) last[1] = end;
    else runs.push([start, end]);
  }
  return runs;
}

function pagesBitmap(memory) {
  const bitmap = new Uint8Array(Math.ceil(memory.length / PAGE_BYTES / 8));
  for (let page = 0; page * PAGE_BYTES < memory.length; page++) {
    const words = new Uint32Array(memory.buffer, memory.byteOffset + page * PAGE_BYTES,
      Math.min(PAGE_BYTES, memory.length - page * PAGE_BYTES) >> 2);
    if (words.some((word) => word !== 0)) bitmap[page >> 3] |= 1 << (page & 7);
  }
  return bitmap;
}

const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

// The memory, checked: as long as when it was stored, its pages filled as they were, starting as Pyodide's
// snapshots do. Something else under the key (garbage, a cut-off write) fails here, before Pyodide sizes its
// memory on it.
async function unpack(response) {
  const length = Number(response.headers.get(LENGTH_HEADER));
  const runs = filledRuns(fromBase64(response.headers.get(PAGES_HEADER) || ""), length);
  const memory = new Uint8Array(length);
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  let chunk = new Uint8Array(0);
  let offset = 0;
  for (let [at, end] of runs) {
    while (at < end) {
      if (offset === chunk.length) {
        const { done, value } = await reader.read();
        if (done) throw new Error("not a snapshot of this site's engine (cut short)");
        [chunk, offset] = [value, 0];
      }
      const count = Math.min(end - at, chunk.length - offset);
      memory.set(chunk.subarray(offset, offset + count), at);
      [at, offset] = [at + count, offset + count];
    }
  }
  const rest = await reader.read();
  if (offset !== chunk.length || !rest.done || !length || new DataView(memory.buffer).getUint32(0, true) !== SNAPSHOT_MAGIC) {
    reader.cancel().catch(() => {});
    throw new Error("not a snapshot of this site's engine");
  }
  return memory;
}

// The filled pages, one after another, in pieces of at most a megabyte.
function filledPages(memory, runs, size = 1 << 20) {
  const pieces = runs.flatMap(([start, end]) => {
    const parts = [];
    for (let at = start; at < end; at += size) parts.push(memory.subarray(at, Math.min(at + size, end)));
    return parts;
  });
  return new ReadableStream({
    pull(controller) {
      if (pieces.length) controller.enqueue(pieces.shift());
      else controller.close();
    },
  });
}

async function saveSnapshot() {
  const memory = snapshotMemory;
  snapshotMemory = null;
  if (!memory) {
    self.postMessage({ type: "snapshot-not-saved" }); // the copy failed, or waited too long
    return;
  }
  try {
    const store = await caches.open(SNAPSHOTS);
    const bitmap = pagesBitmap(memory);
    const body = filledPages(memory, filledRuns(bitmap, memory.length)).pipeThrough(new CompressionStream("gzip"));
    const headers = {
      "Content-Type": "application/gzip", [LENGTH_HEADER]: String(memory.length), [PAGES_HEADER]: toBase64(bitmap),
    };
    await store.put(snapshotKey, new Response(body, { headers }));
    self.postMessage({ type: "snapshot-saved" });
  } catch (error) {
    console.warn("engine snapshot not saved:", String(error));
    self.postMessage({ type: "snapshot-not-saved" });
  }
}

// --- start ----------------------------------------------------------------------------------------------------

// A package the site's lock file lists, loaded by Pyodide (its sha256 checked); an Error when it did not load.
async function loadLocked(pyodide, name) {
  const problems = [];
  await pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
  if (!pyodide.loadedPackages[name]) throw new Error(`${name}: ${problems.join(" ") || "not loaded"}`);
}

// Pyodide with the engine in it: its package installed, the page's functions defined, one evaluation run.
async function boot(pyodide) {
  engineFiles = loadLocked(pyodide, "eligibility");
  await engineFiles;
  pyodide.runPython(SETUP);
  connect(pyodide);
}

// The page's functions, from Python's memory (defined by SETUP, here or before the snapshot), and the warm-up.
function connect(pyodide) {
  const evaluate = pyodide.globals.get("evaluate_params");
  JSON.parse(evaluate(JSON.stringify(WARM_UP)));
  evaluateParams = evaluate;
  rosterJob = pyodide.globals.get("roster_job");
  workbookToRead = pyodide.globals.get("workbook_to_read");
  pyodideNow = pyodide;
}

// After a restore: the engine answers from memory. Its files (a snapshot holds memory, not files) come back a
// moment later, once a share link's first answer is out of the way, or at once when the roster needs them.
function restored(pyodide) {
  connect(pyodide);
  engineFiles = null;
  setTimeout(() => engineFilesInstalled().catch(() => {}), REINSTALL_AFTER_MS);
}

// The engine's files in place (a promise); asked again after a failure.
function engineFilesInstalled() {
  if (!engineFiles) {
    engineFiles = loadLocked(pyodideNow, "eligibility");
    engineFiles.catch((error) => {
      console.warn("engine files not installed again:", String(error));
      engineFiles = null;
    });
  }
  return engineFiles;
}

// The fresh start's memory, copied for a later visit. Pyodide copies only a memory that refers to none of the
// page's JavaScript objects and whose record of loaded packages is as it was at start (empty): the engine's
// entry is set aside for the copy (a restore installs the package again, see restored()).
function copyMemory(pyodide) {
  const loaded = { ...pyodide.loadedPackages };
  for (const name of Object.keys(loaded)) delete pyodide.loadedPackages[name];
  try {
    snapshotMemory = pyodide.makeMemorySnapshot();
    // A visitor who never gets to a result: the copy (about 30 MB) does not stay in the tab's memory.
    setTimeout(() => { snapshotMemory = null; }, KEEP_SNAPSHOT_MS);
  } catch (error) {
    console.warn("engine snapshot not made:", String(error));
  } finally {
    Object.assign(pyodide.loadedPackages, loaded);
  }
}

async function start({ runtime, engine, integrity, sizes, snapshot: wantSnapshot }) {
  const stdLibURL = `${runtime}python_stdlib.zip`;
  const wasmURL = `${runtime}pyodide.asm.wasm`;
  const engineDir = new URL("./", engine).href;
  engineFolder = engineDir;
  // The engine's wheel is asked for at once too, with the hash the build wrote into the page (the lock file's).
  const countProgress = fetchEarly([wasmURL, stdLibURL, engine], { [engine]: integrity });
  const downloadSizes = sizes && {
    [wasmURL]: sizes.runtime["pyodide.asm.wasm"],
    [stdLibURL]: sizes.runtime["python_stdlib.zip"],
    [engine]: sizes.engine,
  };
  // The snapshot is read and inflated on this thread while the runtime's scripts load (a second worker to
  // inflate it was tried: starting it cost as much as it saved, the page's own scripts busy the other core).
  snapshotKey = new URL(`engine-snapshot?engine=${encodeURIComponent(engine)}`, runtime).href;
  const opening = openSnapshots();
  const found = opening.then((store) => store && findSnapshot(store, snapshotKey)).catch(() => null);
  const memory = found.then((saved) => saved && unpack(saved));
  memory.catch(() => {}); // a snapshot that is not one fails loadPyodide, caught below
  found.then((saved) => saved || countProgress(downloadSizes));
  // The runtime's big script is asked for now, not once pyodide.mjs has loaded and asks for it (same module).
  import(`${runtime}pyodide.asm.mjs`).catch(() => {}); // loadPyodide reports a failure when it imports it
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  const options = {
    indexURL: runtime,
    stdLibURL,
    lockFileURL: `${engineDir}${LOCK_NAME}`,
    packageBaseUrl: engineDir,
    stdout: () => {},
    stderr: () => {},
    // The site this worker was loaded from (assets/wizard/<hash>/worker.js): the roster's links to each
    // employee's full result start with it (eligibility/rosterresult.py reads SITE_URL).
    env: { SITE_URL: new URL("../../../", self.location.href).href },
  };
  const store = await opening;
  if (await found) {
    try {
      restored(await loadPyodide({ ...options, _loadSnapshot: memory }));
      return "snapshot";
    } catch (error) {
      console.warn("engine snapshot not restored, starting afresh:", String(error));
      evaluateParams = rosterJob = pyodideNow = null;
      countProgress(downloadSizes);
      await store.delete(snapshotKey).catch(() => {});
    }
  }
  snapshotWanted = Boolean(wantSnapshot && store);
  await boot(await loadPyodide({ ...options, _makeSnapshot: snapshotWanted }));
  return "fresh";
}

// --- answers --------------------------------------------------------------------------------------------------

function answer({ id, params }) {
  const text = evaluateParams(JSON.stringify(params));
  self.postMessage({ type: "result", id, result: JSON.parse(text) });
}

// A roster: read and checked, then judged chunk by chunk with a progress message after each; a newer file
// stops it. The result file comes back as bytes (CSV, UTF-8 with BOM; or a workbook for a workbook), exactly
// what the command line writes.
async function roster({ id, bytes, lang }) {
  let job = null;
  try {
    const data = new Uint8Array(bytes);
    await engineFilesInstalled(); // after a restore, the roster's modules are imported from them
    if (currentRoster !== id) return;
    if (ZIP_MAGIC.every((byte, i) => data[i] === byte) && workbookToRead(data)) {
      await loadLocked(pyodideNow, "openpyxl"); // with et_xmlfile, which the lock file says it needs
      if (currentRoster !== id) return;
    }
    job = rosterJob(data, lang);
    const start = JSON.parse(job.start_json());
    if (start.error) return self.postMessage({ type: "roster-error", id, error: start.error });
    self.postMessage({ type: "roster-info", id, info: start.info });
    for (;;) {
      const step = JSON.parse(job.next_json(ROSTER_CHUNK));
      // The engine ran out of memory (Pyodide's heap has a ceiling): its message, in both languages.
      if (step.error) return self.postMessage({ type: "roster-error", id, error: step.error });
      self.postMessage({ type: "roster-rows", id, ...step });
      if (step.finished) break;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (currentRoster !== id) return;
    }
    const proxy = job.csv_bytes();
    if (!proxy) return self.postMessage({ type: "roster-error", id, error: JSON.parse(job.error_json()).error });
    const csv = proxy.toJs();
    proxy.destroy();
    self.postMessage({ type: "roster-done", id, csv }, [csv.buffer]);
  } catch (error) {
    // A deploy since the page was opened (a package's folder gone): the visitor is told to reload.
    if (await siteUpdated()) return self.postMessage({ type: "roster-error", id, error: SITE_UPDATED, reason: String(error) });
    // Anything else (the tab's own memory, a broken runtime): the page's own words, never the raw error.
    self.postMessage({ type: "roster-error", id, reason: String(error) });
  } finally {
    if (job) job.destroy();
  }
}

function dispatch(message) {
  if (message.type !== "roster") answer(message);
  else if (message.id === currentRoster) roster(message); // a file replaced while waiting is skipped
}

function startEngine(settings) {
  start(settings)
    .then((how) => {
      self.postMessage({ type: "ready", start: how, snapshotPending: snapshotWanted });
      // Before the first message from the page is handled: the copy holds no visitor's answer.
      if (snapshotWanted) copyMemory(pyodideNow);
      queue.splice(0).forEach(dispatch);
    })
    .catch((error) => self.postMessage({ type: "failed", reason: String(error) }));
}

function onMessage(event) {
  const message = event.data;
  if (message.type === "save-snapshot") {
    saveSnapshot();
  } else if (message.type === "evaluate" || message.type === "roster") {
    if (message.type === "roster") currentRoster = message.id; // a file waiting for the engine: the newest wins
    if (evaluateParams) dispatch(message);
    else queue.push(message);
  }
}

function settingsFromName() {
  try {
    return JSON.parse(self.name);
  } catch {
    return null;
  }
}

self.onmessage = onMessage;
const settings = settingsFromName();
if (settings) startEngine(settings);
else self.postMessage({ type: "failed", reason: "the engine's worker was started without its settings (start.js)" });
