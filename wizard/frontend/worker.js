// The engine's home in the browser: Pyodide and the eligibility wheel, off the main thread.
// Every answer stays on the device: the only requests are for the runtime and the engine, from this site.

let evaluateParams = null;
const queue = [];

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
`);
  evaluateParams = pyodide.globals.get("evaluate_params");
  // One evaluation before saying "ready": the first call pays for imports and caches, not the visitor.
  evaluateParams(JSON.stringify({ application: "extension", category: "A", tax_bureau_unreachable: "no" }));
}

function answer({ id, params }) {
  const text = evaluateParams(JSON.stringify(params));
  self.postMessage({ type: "result", id, result: JSON.parse(text) });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "start") {
    start(message)
      .then(() => {
        self.postMessage({ type: "ready" });
        queue.splice(0).forEach(answer);
      })
      .catch((error) => self.postMessage({ type: "failed", reason: String(error) }));
  } else if (message.type === "evaluate") {
    if (evaluateParams) answer(message);
    else queue.push(message);
  }
};
