// The engine's Web Worker (Pyodide and the eligibility wheel), shared by the wizard and the roster: one place
// that knows how long the worker may take to start and what counts as a failure.
//
// start.js, inlined at the top of the page's head by partials/engine-start.html, starts the worker (at once for
// a share link or a snapshot to restore, else once the page is parsed) from the settings in
// <script type="application/json" id="engine-start"> ({worker, runtime, engine, integrity, sizes, snapshot}),
// and keeps what it says until this module takes it over (window.wizardEngineStart). The page's own script
// connects with connectEngine(); what the worker said before that is kept and handed over then, in order.

export const LOAD_TIMEOUT_MS = 90_000;
const SETTINGS_ID = "engine-start";

class Engine {
  // `started`: start.js's state ({worker, heard, error, onStart, hint}); none when it could not start a worker.
  constructor(started) {
    this.worker = null;
    this.failed = false;
    this.handlers = null;
    this.waiting = []; // [handler name, argument], until the page connects
    this.outbox = []; // [message, transfer], until the worker has started
    if (!started) {
      this.fail("this browser has no WebAssembly or no Web Workers");
    } else if (started.worker || started.error) {
      this.adopt(started);
    } else {
      started.onStart = () => this.adopt(started); // start.js starts it once the page is parsed
    }
  }

  // The worker start.js started, with what it has said so far.
  adopt({ worker, heard, error, hint }) {
    this.hint = hint;
    if (error) {
      this.fail(error);
      return;
    }
    this.worker = worker;
    this.timer = setTimeout(() => this.fail("timeout"), LOAD_TIMEOUT_MS);
    worker.onmessage = worker.onerror = null;
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(event.message || "worker error");
    });
    worker.addEventListener("message", ({ data }) => this.receive(data));
    for (const event of heard.splice(0)) {
      if (event.type === "error") this.fail(event.message || "worker error");
      else this.receive(event.data);
    }
    for (const [message, transfer] of this.outbox.splice(0)) this.postMessage(message, transfer);
  }

  // What the page sends the worker; kept until it has started.
  postMessage(message, transfer = []) {
    if (this.failed) return;
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.outbox.push([message, transfer]);
  }

  terminate() {
    if (this.worker) this.worker.terminate();
  }

  receive(message) {
    const html = document.documentElement;
    if (message.type === "ready") {
      clearTimeout(this.timer);
      html.dataset.wizardEngineStart = message.start;
      this.remember(message.start === "snapshot");
      this.emit("onReady", message);
    } else if (message.type === "failed") {
      this.fail(message.reason);
    } else if (message.type === "snapshot-saved" || message.type === "snapshot-not-saved") {
      html.dataset.wizardEngineSnapshot = message.type === "snapshot-saved" ? "saved" : "not-saved";
      if (message.type === "snapshot-saved") this.remember(true);
    } else {
      this.emit("onMessage", message);
    }
  }

  // start.js's hint that this browser holds a snapshot of this engine (so that the next visit starts at once).
  remember(snapshotHere) {
    try {
      if (snapshotHere) localStorage.setItem(this.hint.key, this.hint.engine);
      else localStorage.removeItem(this.hint.key);
    } catch {
      // storage refused: the next visit starts once its page is parsed
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
    return this.failed ? null : this;
  }
}

// Taken over when this module first runs; null on a page without the engine's settings.
const engine = document.getElementById(SETTINGS_ID) ? new Engine(window.wizardEngineStart) : null;

// The page's handlers: onReady(ready) once the engine can answer (ready.start: "snapshot" or "fresh", also
// written to <html data-wizard-engine-start> for tests and benchmarks; ready.snapshotPending: a snapshot waits
// for saveSnapshotWhenIdle()), onFailed(reason) at most once if it cannot (no WebAssembly, the worker fails, a
// file is missing or altered, too slow), and onMessage(message) for every other message ("progress":
// {received, total} bytes on the wire while the runtime downloads). Once stored, a snapshot is
// <html data-wizard-engine-snapshot="saved">. Returns the engine (postMessage(message, transfer), kept until
// the worker has started; terminate()), or null when there is none.
export function connectEngine(handlers) {
  if (!engine) {
    handlers.onFailed(`the page has no #${SETTINGS_ID} settings`);
    return null;
  }
  return engine.connect(handlers);
}

// Once the page is idle (a result on screen, the visitor reading it), let the worker store its snapshot:
// compressing 30 MB of memory then competes with nothing the visitor waits for.
export function saveSnapshotWhenIdle(engine) {
  const save = () => engine.postMessage({ type: "save-snapshot" });
  if (typeof requestIdleCallback === "function") requestIdleCallback(save, { timeout: 5000 });
  else setTimeout(save, 1000);
}
