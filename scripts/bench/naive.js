// The naive way, for comparison only (scripts/bench_wizard.py puts it into a copy of the wizard page, as
// /bench/naive.js: the site's Content-Security-Policy allows no inline script):
// Pyodide loaded on the main thread, micropip loaded into it, the engine wheel installed with
// micropip.install, and only then the first question drawn, from the engine's catalog. Routing and the
// result both come from Python, called on the main thread. Same markup as the wizard where the benchmark
// looks (form[data-question], #q-<question>-<option>, button[type=submit], [data-outcome]).
// The wizard's own modules, from its front end's folder (__FRONTEND__: put in by scripts/benchkit/wizard_site.py).
import { el, fill } from "/__FRONTEND__dom.js";
import { UI_TEXT } from "/__FRONTEND__ui-text.js";

const root = document.getElementById("wizard");
const config = JSON.parse(document.getElementById("bench-naive").textContent);
const lang = root.dataset.lang === "zh" ? "zh" : "en";
const t = UI_TEXT[lang];
const absolute = (path) => new URL(path, document.baseURI).href;

let py = null;
let catalog = null;
let answers = {};

async function start() {
  const runtime = absolute(config.runtime);
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: `${runtime}pyodide-lock.json`,
    packageBaseUrl: runtime,
    stdout: () => {},
    stderr: () => {},
  });
  // micropip and its one dependency, by URL (the site's lock file lists no package).
  await pyodide.loadPackage([absolute(config.micropip), absolute(config.packaging)], { messageCallback: () => {} });
  const micropip = pyodide.pyimport("micropip");
  await micropip.install(absolute(config.engine));
  pyodide.runPython(`
import json
import eligibility

def bench_catalog():
    return json.dumps(eligibility.catalog())

def bench_next(text):
    answers, _ = eligibility.answers_from_query(json.loads(text))
    return json.dumps(eligibility.next_question(answers)["next"])

def bench_evaluate(text):
    return json.dumps(eligibility.evaluate_query(json.loads(text)))
`);
  py = {
    catalog: pyodide.globals.get("bench_catalog"),
    next: pyodide.globals.get("bench_next"),
    evaluate: pyodide.globals.get("bench_evaluate"),
  };
  catalog = JSON.parse(py.catalog());
  document.documentElement.dataset.wizardEngine = "ready";
}

const question = (key) => catalog.questions.find((q) => q.key === key);

function showQuestion(key) {
  const q = question(key);
  const number = Object.keys(answers).length + 1;
  const options = q.options.map((option) => {
    const id = `q-${key}-${option.key}`;
    return el("div", { class: "wizard-option" },
      el("input", { type: "radio", id, name: key, value: option.key }),
      el("label", { for: id, text: option.label[lang] }));
  });
  const form = el("form", { class: "wizard-step", novalidate: true, "data-question": key, onsubmit: (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${key}"]:checked`);
    if (!chosen) return;
    answers = { ...answers, [key]: chosen.value };
    const next = JSON.parse(py.next(JSON.stringify(answers)));
    if (next) showQuestion(next);
    else showResult(JSON.parse(py.evaluate(JSON.stringify(answers))));
  } },
    el("fieldset", {},
      el("legend", {},
        el("span", { class: "wizard-counter", text: fill(t.question, { n: number }) }),
        el("h2", { text: q.label[lang] })),
      el("p", { class: "wizard-help", text: q.help[lang] }),
      el("div", { class: "wizard-options" }, options)),
    el("div", { class: "wizard-actions" },
      el("button", { type: "submit", class: "md-button md-button--primary", text: t.continue })));
  root.replaceChildren(form);
}

function showResult(result) {
  const blocks = Object.entries(result.outcomes || {}).map(([key, outcome]) => {
    const meta = catalog.outcomes[key];
    return el("section", { class: "wizard-outcome", "data-outcome": key, "data-result": outcome.result },
      el("h3", { text: meta.label[lang] }),
      el("p", { text: (outcome.label || meta.results[outcome.result].label)[lang] }),
      el("p", { text: outcome.explanation[lang] }));
  });
  root.replaceChildren(el("h2", { text: t.resultTitle }), el("div", { class: "wizard-result" }, blocks));
}

root.replaceChildren(el("p", { class: "wizard-status", role: "status" }, el("progress", {}), " ", t.loading));
try {
  await start();
  showQuestion(JSON.parse(py.next("{}")));
} catch (error) {
  console.error(error);
  document.documentElement.dataset.wizardEngine = "failed";
}
