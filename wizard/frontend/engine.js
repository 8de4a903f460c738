// Starting the engine's Web Worker (Pyodide and the eligibility wheel), shared by the wizard and the roster:
// one place that knows how the worker starts, how long it may take, and what counts as a failure.

export const LOAD_TIMEOUT_MS = 90_000;

// Calls onReady() once the engine can answer, onFailed(reason) at most once if it cannot (no WebAssembly,
// the worker fails, a file is missing or altered, too slow), and onMessage(message) for every other message.
// Returns the worker, or null when none could be started.
export function startEngineWorker({ runtime, engine, integrity, onReady, onFailed, onMessage }) {
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
      onReady();
    } else if (message.type === "failed") {
      fail(message.reason);
    } else {
      onMessage(message);
    }
  });
  const absolute = (path) => new URL(path, document.baseURI).href;
  worker.postMessage({ type: "start", runtime: absolute(runtime), engine: absolute(engine), integrity });
  return worker;
}
