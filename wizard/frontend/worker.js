// The engine's home in the browser: Pyodide and the eligibility wheel, off the main thread.
// Every answer stays on the device: the only requests are for the runtime and the engine, from this site.
// The roster page sends a whole CSV file (as bytes, never uploaded): {type: "roster", id, bytes, lang}.

let evaluateParams = null;
let rosterJob = null;
let currentRoster = 0;
const queue = [];
// Rows judged between two progress messages (and two chances to hear of a newer file).
const ROSTER_CHUNK = 2000;

async function start({ runtime, engine, integrity }) {
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  const [pyodide, wheel] = await Promise.all([
    loadPyodide({
      indexURL: runtime,
      lockFileURL: `${runtime}pyodide-lock.json`,
      packageBaseUrl: runtime,
      stdout: () => {},
      stderr: () => {},
    }),
    // The browser checks the wheel against the hash the build wrote into the page.
    fetch(engine, { integrity }).then((response) => {
      if (!response.ok) throw new Error(`engine: HTTP ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  pyodide.unpackArchive(wheel, "wheel");
  pyodide.runPython(`
import json
import eligibility
from eligibility.jsonapi import dump_json

def evaluate_params(text):
    return dump_json(eligibility.evaluate_query(json.loads(text)))

def roster_job(data, lang):
    from eligibility.roster import Job  # imported on the first file: the wizard never pays for it
    return Job(data.to_bytes(), lang)
`);
  evaluateParams = pyodide.globals.get("evaluate_params");
  rosterJob = pyodide.globals.get("roster_job");
  // One evaluation before saying "ready": the first call pays for imports and caches, not the visitor.
  evaluateParams(JSON.stringify({ application: "extension", category: "A", tax_bureau_unreachable: "no" }));
}

function answer({ id, params }) {
  const text = evaluateParams(JSON.stringify(params));
  self.postMessage({ type: "result", id, result: JSON.parse(text) });
}

// A roster: read and checked, then judged chunk by chunk with a progress message after each; a newer file
// stops it. The result file comes back as bytes (UTF-8 with BOM), exactly what the command line writes.
async function roster({ id, bytes, lang }) {
  let job = null;
  try {
    job = rosterJob(new Uint8Array(bytes), lang);
    const start = JSON.parse(job.start_json());
    if (start.error) return self.postMessage({ type: "roster-error", id, error: start.error });
    self.postMessage({ type: "roster-info", id, info: start.info });
    for (;;) {
      const step = JSON.parse(job.next_json(ROSTER_CHUNK));
      self.postMessage({ type: "roster-rows", id, ...step });
      if (step.finished) break;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (currentRoster !== id) return;
    }
    const proxy = job.csv_bytes();
    const csv = proxy.toJs();
    proxy.destroy();
    self.postMessage({ type: "roster-done", id, csv }, [csv.buffer]);
  } catch (error) {
    self.postMessage({ type: "roster-error", id, reason: String(error) });
  } finally {
    if (job) job.destroy();
  }
}

function dispatch(message) {
  if (message.type !== "roster") answer(message);
  else if (message.id === currentRoster) roster(message); // a file replaced while waiting is skipped
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "start") {
    start(message)
      .then(() => {
        self.postMessage({ type: "ready" });
        queue.splice(0).forEach(dispatch);
      })
      .catch((error) => self.postMessage({ type: "failed", reason: String(error) }));
  } else if (message.type === "evaluate" || message.type === "roster") {
    if (message.type === "roster") currentRoster = message.id; // a file waiting for the engine: the newest wins
    if (evaluateParams) dispatch(message);
    else queue.push(message);
  }
};
