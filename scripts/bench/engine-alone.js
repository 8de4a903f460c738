// The "engine alone" page of scripts/bench_wizard.py (engine-alone.html): the site's own start.js (a copy, not
// inlined: the site's Content-Security-Policy allows no inline script it has not hashed) and engine.js, with
// nothing else. Like the wizard, it says ready on <html data-wizard-engine> and lets the worker store its memory
// snapshot once the page is idle, so that the return visit restores it.
import { connectEngine, saveSnapshotWhenIdle } from "__FRONTEND__engine.js";

const html = document.documentElement;
const engine = connectEngine({
  onReady({ snapshotPending }) {
    html.dataset.wizardEngine = "ready";
    // After this module has run: connectEngine may report a ready engine before it returns.
    if (snapshotPending) setTimeout(() => saveSnapshotWhenIdle(engine));
  },
  onFailed(reason) {
    console.error(reason);
    html.dataset.wizardEngine = "failed";
  },
  onMessage() {},
});
