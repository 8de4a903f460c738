// Offline use: once the engine has loaded on this page, the wizard or the roster check (so the runtime and the
// engine are already in the browser's HTTP cache), register the service worker, `sw.js` at the site's root
// (generated at build time, scripts/hooks/offline.py). It keeps the wizard and roster pages, the runtime and
// the engine for a visit with no network.
// If the engine could not load, nothing is registered: there would be nothing worth keeping.
const root = new URL("../../../", import.meta.url); // assets/wizard/<hash>/offline.js -> the site's root

function register() {
  if (!("serviceWorker" in navigator) || !navigator.onLine) return;
  navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.pathname })
    .catch((error) => console.warn("offline use unavailable:", String(error)));
}

const html = document.documentElement;
const engine = () => html.dataset.wizardEngine || html.dataset.rosterEngine;
if (engine() === "ready") {
  register();
} else {
  const watch = new MutationObserver(() => {
    if (engine() === "ready") register();
    if (engine()) watch.disconnect();
  });
  watch.observe(html, { attributes: true, attributeFilter: ["data-wizard-engine", "data-roster-engine"] });
}
