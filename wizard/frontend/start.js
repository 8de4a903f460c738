// Inlined at the top of the head of the pages that run the engine (overrides/partials/engine-start.html), as a
// classic script: it starts the engine's Web Worker while the parser is still on the head, instead of once an
// external script has arrived and the page's main thread is free to run it (about 100 ms later on a phone).
// The start's settings travel in the worker's name, which the worker reads as it starts: a message posted to
// a worker that is still loading waits for the page's main thread to hand it over, and that thread is busy
// with the page. assets/wizard/engine.js takes the worker over (window.wizardEngineStart) with what it said
// meanwhile. No WebAssembly or no Web Workers: nothing starts, and engine.js reports it.
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  const settings = JSON.parse(document.getElementById("engine-start").textContent);
  const absolute = (path) => new URL(path, document.baseURI).href;
  const start = {
    runtime: absolute(settings.runtime), engine: absolute(settings.engine), integrity: settings.integrity,
    sizes: settings.sizes, snapshot: Boolean(settings.snapshot),
  };
  const heard = [];
  try {
    const worker = new Worker(absolute(settings.worker), { type: "module", name: JSON.stringify(start) });
    worker.onmessage = worker.onerror = (event) => {
      if (event.type === "error") event.preventDefault(); // engine.js reports it
      heard.push(event);
    };
    window.wizardEngineStart = { worker, heard };
  } catch (error) {
    window.wizardEngineStart = { error: String(error) };
  }
})();
