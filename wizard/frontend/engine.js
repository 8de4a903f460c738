// The engine's Web Worker (Pyodide and the eligibility wheel), shared by the wizard and the roster: one place
// that knows how long the worker may take to start and what counts as a failure.
//
// The worker is started from the top of the page's head, before this module arrives: partials/engine-start.html
// puts the start's settings in <script type="application/json" id="engine-start"> ({worker, runtime, engine,
// integrity, sizes, snapshot}) and inlines start.js, which starts the worker and keeps what it says until this
// module takes it over (window.wizardEngineStart). The page's own script connects later with connectEngine();
// what the worker said before that is kept and handed over then, in order.

export const LOAD_TIMEOUT_MS = 90_000;
const SETTINGS_ID = "engine-start";

class Engine {
  // `started`: what start.js left ({worker, heard} or {error}), or nothing when it could not start a worker.
  constructor(started) {
    this.worker = null;
    this.failed = false;
    this.handlers = null;
    this.waiting = []; // [handler name, argument], until the page connects
    if (!started) {
      this.fail("this browser has no WebAssembly or no Web Workers");
      return;
    }
    if (started.error) {
      this.fail(started.error);
      return;
    }
    this.worker = started.worker;
    this.timer = setTimeout(() => this.fail("timeout"), LOAD_TIMEOUT_MS);
    this.worker.onmessage = this.worker.onerror = null;
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(event.message || "worker error");
    });
    this.worker.addEventListener("message", ({ data }) => this.receive(data));
    for (const event of started.heard.splice(0)) {
      if (event.type === "error") this.fail(event.message || "worker error");
      else this.receive(event.data);
    }
  }

  receive(message) {
    const html = document.documentElement;
    if (message.type === "ready") {
      clearTimeout(this.timer);
      html.dataset.wizardEngineStart = message.start;
      this.emit("onReady", message);
    } else if (message.type === "failed") {
      this.fail(message.reason);
    } else if (message.type === "snapshot-saved" || message.type === "snapshot-not-saved") {
      html.dataset.wizardEngineSnapshot = message.type === "snapshot-saved" ? "saved" : "not-saved";
    } else {
      this.emit("onMessage", message);
    }
  }

  fail(reason) {
    clearTimeout(this.timer);
    if (this.failed) return;
    this.failed = true;
    if (this.worker) this.worker.terminate();
    this.emit("onFailed", reason);
  }

  emit(name, argument) {
    if (this.handlers) this.handlers[name](argument);
    else this.waiting.push([name, argument]);
  }

  connect(handlers) {
    this.handlers = handlers;
    for (const [name, argument] of this.waiting.splice(0)) handlers[name](argument);
    return this.failed ? null : this.worker;
  }
}

// Taken over when this module first runs; null on a page without the engine's settings.
const engine = document.getElementById(SETTINGS_ID) ? new Engine(window.wizardEngineStart) : null;

// The page's handlers: onReady(ready) once the engine can answer (ready.start: "snapshot" or "fresh", also
// written to <html data-wizard-engine-start> for tests and benchmarks; ready.snapshotPending: a snapshot waits
// for saveSnapshotWhenIdle()), onFailed(reason) at most once if it cannot (no WebAssembly, the worker fails, a
// file is missing or altered, too slow), and onMessage(message) for every other message ("progress":
// {received, total} bytes on the wire while the runtime downloads). Once stored, a snapshot is
// <html data-wizard-engine-snapshot="saved">. Returns the worker, or null when there is none.
export function connectEngine(handlers) {
  if (!engine) {
    handlers.onFailed(`the page has no #${SETTINGS_ID} settings`);
    return null;
  }
  return engine.connect(handlers);
}

// Once the page is idle (a result on screen, the visitor reading it), let the worker store its snapshot:
// compressing 30 MB of memory then competes with nothing the visitor waits for.
export function saveSnapshotWhenIdle(worker) {
  const save = () => worker.postMessage({ type: "save-snapshot" });
  if (typeof requestIdleCallback === "function") requestIdleCallback(save, { timeout: 5000 });
  else setTimeout(save, 1000);
}
