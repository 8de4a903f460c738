// Starting the engine's Web Worker (Pyodide and the eligibility wheel), shared by the wizard and the roster:
// one place that knows how the worker starts, how long it may take, and what counts as a failure.

export const LOAD_TIMEOUT_MS = 90_000;

// Calls onReady(ready) once the engine can answer (ready.start: "snapshot" or "fresh", also written to
// <html data-wizard-engine-start> for tests and benchmarks; ready.snapshotPending: a snapshot waits for
// saveSnapshot()), onFailed(reason) at most once if it cannot (no WebAssembly, the worker fails, a file is
// missing or altered, too slow), and onMessage(message) for every other message ("progress": {received,
// total} bytes on the wire while the runtime downloads, when `sizes` is given).
// `snapshot`: start able to snapshot the engine's memory for the next visit (worker.js says how); once stored,
// <html data-wizard-engine-snapshot="saved">.
// Returns the worker, or null when none could be started.
export function startEngineWorker({ runtime, engine, integrity, sizes, snapshot, onReady, onFailed, onMessage }) {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    onFailed("this browser has no WebAssembly or no Web Workers");
    return null;
  }
  let worker;
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    onFailed(String(error));
    return null;
  }
  let failed = false;
  const fail = (reason) => {
    clearTimeout(timer);
    if (failed) return;
    failed = true;
    worker.terminate();
    onFailed(reason);
  };
  const timer = setTimeout(() => fail("timeout"), LOAD_TIMEOUT_MS);
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(event.message || "worker error");
  });
  worker.addEventListener("message", ({ data: message }) => {
    if (message.type === "ready") {
      clearTimeout(timer);
      document.documentElement.dataset.wizardEngineStart = message.start;
      onReady(message);
    } else if (message.type === "failed") {
      fail(message.reason);
    } else if (message.type === "snapshot-saved" || message.type === "snapshot-not-saved") {
      document.documentElement.dataset.wizardEngineSnapshot = message.type === "snapshot-saved" ? "saved" : "not-saved";
    } else {
      onMessage(message);
    }
  });
  const absolute = (path) => new URL(path, document.baseURI).href;
  worker.postMessage({
    type: "start", runtime: absolute(runtime), engine: absolute(engine), integrity, sizes, snapshot: Boolean(snapshot),
  });
  return worker;
}

// Once the page is idle (a result on screen, the visitor reading it), let the worker store its snapshot:
// compressing 30 MB of memory then competes with nothing the visitor waits for.
export function saveSnapshotWhenIdle(worker) {
  const save = () => worker.postMessage({ type: "save-snapshot" });
  if (typeof requestIdleCallback === "function") requestIdleCallback(save, { timeout: 5000 });
  else setTimeout(save, 1000);
}
