// Inlined at the top of the head of the pages that run the engine (overrides/partials/engine-start.html), as a
// classic script. It decides when the engine's Web Worker starts, and starts it:
// - at once when the address carries answers (a share link): the visitor waits for the engine's result, so the
//   runtime should be on its way while the page is still being parsed;
// - at once when this browser holds a memory snapshot of this engine (a hint in localStorage, kept by
//   engine.js: the engine's address when a snapshot was stored or restored): restoring it is short work;
// - otherwise once the page is parsed (DOMContentLoaded): the visitor reads the first question first (in the
//   page's HTML), and downloading and compiling the runtime at the same time would delay its first paint.
// The start's settings travel in the worker's name, which the worker reads as it starts: a message posted to a
// worker that is still loading waits for the page's main thread to hand it over, and that thread is busy with
// the page. engine.js takes the worker over (window.wizardEngineStart: {worker, heard, error,
// onStart, hint}) with what it said meanwhile. No WebAssembly or no Web Workers: nothing starts; engine.js says so.
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  // The engine can run here: wizard.css hides the first question's plain links (overrides/wizard.html), which a
  // browser without scripts, or without what the engine needs, follows to the wizard's plain pages instead.
  document.documentElement.classList.add("wizard-engine");
  const settings = JSON.parse(document.getElementById("engine-start").textContent);
  const absolute = (path) => new URL(path, document.baseURI).href;
  const engine = absolute(settings.engine);
  const hint = { key: "wizard-engine-snapshot", engine };
  const state = { worker: null, heard: [], error: null, onStart: null, hint };
  window.wizardEngineStart = state;
  const start = () => {
    const name = JSON.stringify({
      runtime: absolute(settings.runtime), engine, integrity: settings.integrity, sizes: settings.sizes,
      snapshot: Boolean(settings.snapshot),
    });
    try {
      state.worker = new Worker(absolute(settings.worker), { type: "module", name });
      state.worker.onmessage = state.worker.onerror = (event) => {
        if (event.type === "error") event.preventDefault(); // engine.js reports it
        state.heard.push(event);
      };
    } catch (error) {
      state.error = String(error);
    }
    if (state.onStart) state.onStart();
  };
  // Answers: in the fragment (#application=...), or in the query of an older share link.
  const answers = location.hash.includes("=") || location.search.length > 1;
  // Until wizard.js takes it over, the first question in the page's HTML is a plain form, whose Continue would
  // send the answer to the server in a query: it goes into the fragment instead, which stays on the device
  // (the page loads again with it, as the form's own navigation would have).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-static")) return;
    event.preventDefault();
    const fragment = new URLSearchParams(new FormData(form)).toString();
    if (!fragment) return;
    history.pushState(null, "", `${location.pathname}#${fragment}`);
    location.reload();
  });
  // The wizard's first question is in its page's HTML (wizard.html): wizard.css shows it from here on, where the
  // engine can run, and only when the address holds no answers.
  if (!answers) document.documentElement.classList.add("wizard-no-answers");
  let snapshotHere = false;
  try {
    snapshotHere = localStorage.getItem(hint.key) === hint.engine;
  } catch {
    // storage refused: no hint
  }
  if (answers || snapshotHere) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
