// The wizard: one question per step, drawn from the engine's catalog at once; the result from the engine,
// which runs in a Web Worker (Pyodide). Routing comes from the engine's flow table, computed at build time.
import { el, fill } from "./dom.js";
import { saveSnapshotWhenIdle, startEngineWorker } from "./engine.js";
import { UI_TEXT } from "./ui-text.js";

const root = document.getElementById("wizard");
const data = JSON.parse(document.getElementById("wizard-data").textContent);
const lang = root.dataset.lang === "zh" ? "zh" : "en";
const t = UI_TEXT[lang];
const catalog = data.catalog;
const questions = Object.fromEntries(catalog.questions.map((q) => [q.key, q]));
const order = catalog.questions.map((q) => q.key);
// Share links also keep the date a result was judged by, when one was given.
const linkKeys = [...order, "as_of"];
// The language's home, where the guidance pages hang ("../" on /wizard/, so links work from any folder).
const home = root.dataset.home.replace(/\/?$/, "/");

const state = { answers: {}, pending: null, nextId: 1, engine: "loading" };

// --- helpers -------------------------------------------------------------------------------------------

function queryKey(answers) {
  return order.filter((k) => k in answers).map((k) => `${k}=${answers[k]}`).join("&");
}

// The next question after these answers, or null when they are complete (undefined: not a reachable state).
const nextQuestion = (answers) => data.flow[queryKey(answers)];

function optionLabel(key, value) {
  const option = questions[key].options.find((o) => o.key === value);
  return option ? option.label[lang] : value;
}

function focusHeading() {
  const heading = root.querySelector("[data-focus]");
  if (heading) heading.focus();
}

function show(...nodes) {
  root.replaceChildren(...nodes);
  focusHeading();
}

// --- the engine ------------------------------------------------------------------------------------------

const statusLine = el("p", { class: "wizard-status", role: "status", "aria-live": "polite" });
// While the runtime downloads: the bytes received of the total (the bar's value, and in words beside it; the
// words are left out of the live region, which would otherwise read out every step).
const progressBar = el("progress", { "aria-label": t.loading });
const bytesLine = el("span", { class: "wizard-status__bytes", "aria-hidden": "true" });
let worker = null;
let snapshotPending = false;

function setEngineStatus() {
  statusLine.replaceChildren();
  if (state.engine === "loading") {
    statusLine.append(progressBar, " ", state.pending ? t.working : t.loading, bytesLine);
  }
  statusLine.hidden = state.engine !== "loading";
}

function showDownload({ received, total }) {
  const megabytes = (n) => (n / 1e6).toFixed(1);
  const words = fill(t.downloaded, { received: megabytes(received), total: megabytes(total) });
  progressBar.max = total;
  progressBar.value = received;
  progressBar.setAttribute("aria-valuetext", words);
  bytesLine.textContent = received < total ? ` ${words}` : "";
}

function startEngine() {
  worker = startEngineWorker({
    runtime: root.dataset.runtime,
    engine: root.dataset.engine,
    integrity: data.engine_integrity,
    sizes: data.sizes,
    snapshot: true,
    onReady: (ready) => {
      snapshotPending = ready.snapshotPending;
      state.engine = "ready";
      document.documentElement.dataset.wizardEngine = "ready";
      setEngineStatus();
    },
    onFailed: engineFailed,
    onMessage: (message) => {
      if (message.type === "result" && state.pending === message.id) {
        state.pending = null;
        setEngineStatus();
        showResult(message.result);
        // The result is on screen: a snapshot of the engine for the next visit, once the page is idle.
        if (snapshotPending) saveSnapshotWhenIdle(worker);
        snapshotPending = false;
      } else if (message.type === "progress") {
        showDownload(message);
      }
    },
  });
}

function evaluate(answers) {
  state.pending = state.nextId++;
  setEngineStatus();
  worker.postMessage({ type: "evaluate", id: state.pending, params: answers });
  if (state.engine === "loading") show(statusLine);
}

function engineFailed(reason) {
  if (state.engine === "failed") return;
  state.engine = "failed";
  document.documentElement.dataset.wizardEngine = "failed";
  if (worker) worker.terminate();
  console.warn("wizard engine unavailable:", reason);
  const links = Object.values(catalog.outcomes).map((o) =>
    el("li", {}, el("a", { href: home + o.page, text: `${fill(t.measure, { n: o.measure })}: ${o.label[lang]}` })));
  show(el("div", { class: "wizard-failure", role: "alert" },
    el("h2", { tabindex: "-1", "data-focus": true, text: t.failedTitle }),
    el("p", { text: t.failedBody }),
    el("ul", {}, links)));
}

// --- steps -----------------------------------------------------------------------------------------------

function errorSummary(message, target) {
  return el("div", { class: "wizard-error-summary", role: "alert", tabindex: "-1", "data-focus": true },
    el("h2", { text: t.errorTitle }),
    el("ul", {}, el("li", {}, target ? el("a", { href: `#${target}`, text: message }) : message)));
}

function showQuestion(key, error = null) {
  const question = questions[key];
  const number = Object.keys(state.answers).filter((k) => order.indexOf(k) < order.indexOf(key)).length + 1;
  const firstId = `q-${key}-${question.options[0].key}`;
  const options = question.options.map((option) => {
    const id = `q-${key}-${option.key}`;
    const hintId = `${id}-hint`;
    return el("div", { class: "wizard-option" },
      el("input", {
        type: "radio", id, name: key, value: option.key, checked: state.answers[key] === option.key,
        "aria-describedby": option.help ? hintId : null,
      }),
      el("label", { for: id, text: option.label[lang] }),
      option.help ? el("p", { class: "wizard-hint", id: hintId, text: option.help[lang] }) : null);
  });
  const form = el("form", { class: "wizard-step", novalidate: true, "data-question": key, onsubmit: (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${key}"]:checked`);
    if (!chosen) return showQuestion(key, { message: t.chooseOne, target: firstId });
    answer(key, chosen.value);
  } },
    error ? errorSummary(error.message, error.target) : null,
    el("fieldset", { "aria-describedby": `${key}-help` },
      el("legend", {},
        el("span", { class: "wizard-counter", text: fill(t.question, { n: number }) }),
        el("h2", { tabindex: error ? null : "-1", "data-focus": !error, text: question.label[lang] })),
      el("p", { class: "wizard-help", id: `${key}-help`, text: question.help[lang] }),
      el("div", { class: `wizard-options${error ? " wizard-options--error" : ""}` }, options)),
    el("div", { class: "wizard-actions" },
      el("button", { type: "submit", class: "md-button md-button--primary", text: t.continue }),
      number > 1 ? el("button", { type: "button", class: "md-button", text: t.back, onclick: back }) : null));
  show(form, statusLine);
}

// Answering a question drops later answers that no longer fit, then asks what the flow asks next.
function answer(key, value) {
  root.classList.remove("wizard--reserve"); // the first question's room (wizard.css): the visitor moves on
  const kept = {};
  for (const k of order) {
    if (k === key) break;
    if (k in state.answers) kept[k] = state.answers[k];
  }
  kept[key] = value;
  if ("as_of" in state.answers) kept.as_of = state.answers.as_of;
  let next = nextQuestion(kept);
  // Keep later answers that the flow still asks for, so "Change" returns to the result in one step.
  while (next && next in state.answers && nextQuestion({ ...kept, [next]: state.answers[next] }) !== undefined) {
    kept[next] = state.answers[next];
    next = nextQuestion(kept);
  }
  state.answers = kept;
  if (next) showQuestion(next);
  else if (next === null) evaluate(state.answers);
}

function back() {
  const asked = order.filter((k) => k in state.answers);
  const current = root.querySelector("[data-question]")?.dataset.question;
  const before = asked.filter((k) => order.indexOf(k) < order.indexOf(current));
  const previous = before[before.length - 1];
  if (previous) showQuestion(previous);
}

function startAgain() {
  state.answers = {};
  history.replaceState(null, "", location.pathname);
  showQuestion(order[0]);
}

// --- the result ------------------------------------------------------------------------------------------

function shareUrl(answers) {
  const url = new URL(location.href);
  url.search = new URLSearchParams(linkKeys.filter((k) => k in answers).map((k) => [k, answers[k]])).toString();
  url.hash = "";
  return url.href;
}

// The engine's normalised answers back into share-link form (booleans as yes / no).
function linkAnswers(normalised) {
  const answers = {};
  for (const k of linkKeys) {
    if (!(k in normalised)) continue;
    const v = normalised[k];
    answers[k] = typeof v === "boolean" ? (v ? "yes" : "no") : v;
  }
  return answers;
}

function summary(answers) {
  return el("dl", { class: "wizard-summary" }, order.filter((k) => k in answers).map((k) =>
    el("div", { class: "wizard-summary__row" },
      el("dt", { text: questions[k].label[lang] }),
      el("dd", { text: optionLabel(k, answers[k]) }),
      el("dd", {}, el("button", { type: "button", class: "wizard-link", onclick: () => showQuestion(k) },
        t.change, el("span", { class: "wizard-visually-hidden", text: ` ${questions[k].label[lang]}` }))))));
}

function outcomeBlock(key, outcome) {
  const meta = catalog.outcomes[key];
  const documents = outcome.documents || [];
  return el("section", { class: "wizard-outcome", "data-outcome": key, "data-result": outcome.result },
    el("h3", {}, el("span", { class: "wizard-counter", text: fill(t.measure, { n: meta.measure }) }), " ", meta.label[lang]),
    el("p", { class: "wizard-outcome__result", text: (outcome.label || meta.results[outcome.result].label)[lang] }),
    el("p", { text: outcome.explanation[lang] }),
    documents.length ? el("h4", { text: t.documents }) : null,
    documents.length ? el("ul", { class: "wizard-checklist" }, documents.map((d, i) => {
      const id = `doc-${key}-${i}`;
      return el("li", {}, el("input", { type: "checkbox", id }), el("label", { for: id, text: catalog.documents[d].label[lang] }));
    })) : null,
    el("p", {}, el("a", { href: home + outcome.source, text: t.readGuidance })));
}

function showResult(result) {
  if (result.errors) return showLinkErrors(result.errors);
  state.answers = linkAnswers(result.answers);
  const link = shareUrl(state.answers);
  history.replaceState(null, "", link);
  show(
    el("h2", { tabindex: "-1", "data-focus": true, text: t.resultTitle }),
    el("div", { class: "wizard-result" },
      Object.entries(result.outcomes)
        .sort(([a], [b]) => catalog.outcomes[a].measure - catalog.outcomes[b].measure)
        .map(([key, outcome]) => outcomeBlock(key, outcome))),
    el("h3", { text: t.yourAnswers }),
    summary(state.answers),
    el("div", { class: "wizard-share" },
      el("a", { href: link, class: "wizard-share__link", text: t.share }),
      el("p", { class: "wizard-hint", text: t.shareHelp })),
    el("div", { class: "wizard-actions" },
      el("button", { type: "button", class: "md-button md-button--primary", text: t.startAgain, onclick: startAgain }),
      el("button", { type: "button", class: "md-button", text: t.print, onclick: () => window.print() })));
}

function showLinkErrors(errors) {
  state.answers = {};
  history.replaceState(null, "", location.pathname);
  const first = questions[order[0]];
  const items = errors.map((error) => {
    const target = error.field in questions ? `q-${order[0]}-${first.options[0].key}` : null;
    return el("li", {}, target ? el("a", { href: `#${target}`, text: error.message[lang] }) : error.message[lang]);
  });
  showQuestion(order[0]);
  root.prepend(el("div", { class: "wizard-error-summary", role: "alert", tabindex: "-1" },
    el("h2", { text: t.errorTitle }),
    el("p", { text: t.invalidLink }),
    el("ul", {}, items)));
  root.querySelector(".wizard-error-summary").focus();
}

// --- start -----------------------------------------------------------------------------------------------

function startFromLink() {
  const params = Object.fromEntries(new URLSearchParams(location.search));
  if (Object.keys(params).length === 0) return showQuestion(order[0]);
  const next = nextQuestion(params);
  if (typeof next === "string") {
    // A valid but partial link: go on from where it stops.
    state.answers = params;
    return showQuestion(next);
  }
  // Complete, or not valid: the engine decides and explains, in both languages.
  evaluate(params);
}

startEngine();
setEngineStatus();
if (state.engine !== "failed") startFromLink();
