// The wizard: one question per step, drawn from the engine's catalog at once; the result from the engine,
// which runs in a Web Worker (Pyodide). Routing comes from the engine's flow table, computed at build time.
import { el, failureNotice, fill, replace } from "./dom.js";
import { connectEngine, saveSnapshotWhenIdle } from "./engine.js";
import { resultView } from "./result.js";
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

// `acted`: the visitor has answered, gone back or changed something. Until then focus stays where the page
// starts it (the skip link, the heading, the privacy note come first); from then on each new step takes it.
const state = { answers: {}, pending: null, nextId: 1, engine: "loading", acted: false };

// --- helpers -------------------------------------------------------------------------------------------

function queryKey(answers) {
  return order.filter((k) => k in answers).map((k) => `${k}=${answers[k]}`).join("&");
}

// The next question after these answers, or null when they are complete (undefined: not a reachable state).
const nextQuestion = (answers) => data.flow[queryKey(answers)];

function focusHeading() {
  const heading = root.querySelector("[data-focus]");
  if (heading) heading.focus();
}

function show(...nodes) {
  replace(root, nodes);
  if (state.acted) focusHeading();
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

function connectToEngine() {
  worker = connectEngine({
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
  // Each measure's label names its number in the 2022 notice ("Tax records (measure 1 of the 2022 notice)").
  const links = Object.values(catalog.outcomes).map((o) => ({ href: home + o.page, text: o.label[lang] }));
  show(failureNotice({ title: t.failedTitle, body: t.failedBody, links }));
}

// --- where the visitor is: the address --------------------------------------------------------------------
// The address holds the answers (a share link) and, when the visitor goes back to change one, the question
// (`step`). Each question and the result is a history entry: Back, Forward and reload work as on any site.
// Unknown keys (messaging apps add `from`, `isappinstalled`, `utm_*`) are ignored; a bad value keeps the other
// answers and asks that question again.

const STEP = "step";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValid(key, value) {
  if (key === "as_of") return DATE.test(value);
  return questions[key].options.some((o) => o.key === value);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  const given = {};
  const invalid = new Set();
  for (const key of linkKeys) {
    if (!params.has(key)) continue;
    const value = params.get(key);
    if (isValid(key, value)) given[key] = value;
    else invalid.add(key);
  }
  // Only the answers the flow asks, in its order: a key that is not asked in this case is ignored.
  const answers = {};
  let next = nextQuestion(answers);
  while (next && next in given) {
    answers[next] = given[next];
    next = nextQuestion(answers);
  }
  // Answers further on are kept for "Change" (the flow may still ask them once the step is answered).
  const later = Object.fromEntries(order.filter((k) => k in given && !(k in answers)).map((k) => [k, given[k]]));
  if ("as_of" in given) answers.as_of = given.as_of;
  const step = params.get(STEP);
  return { answers, later, next: next ?? null, invalid, step: step in questions ? step : null };
}

function address(answers, step = null) {
  const params = new URLSearchParams(linkKeys.filter((k) => k in answers).map((k) => [k, answers[k]]));
  if (step) params.set(STEP, step);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

function go(answers, step = null, { replace = false } = {}) {
  state.acted = true;
  history[replace ? "replaceState" : "pushState"]({ wizard: true }, "", address(answers, step));
  render();
}

// The language switch leads to the same question or result in the other language.
function keepAnswersInLanguageLinks() {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    link.dataset.path ??= new URL(link.href).pathname;
    link.href = link.dataset.path + location.search;
  }
}
// Material's own language switch would look the page up in its sitemap and drop the answers: ours goes first.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]")) {
    keepAnswersInLanguageLinks();
    event.stopPropagation();
  }
}, true);

function render() {
  const { answers, later, next, invalid, step } = readAddress();
  state.pending = null;
  keepAnswersInLanguageLinks();
  // A question to change (an earlier one, or the next), with the answers after it still in the address.
  if (step && (step in answers || step === next)) return showQuestion(step, { ...answers, ...later });
  if (next) {
    const error = invalid.has(next) ? { message: t.invalidAnswer, target: `q-${next}-${questions[next].options[0].key}` } : null;
    return showQuestion(next, { ...answers, ...later }, error);
  }
  evaluate(answers);
}

// --- steps -----------------------------------------------------------------------------------------------

function errorSummary(message, target) {
  return el("div", { class: "wizard-error-summary", role: "alert", tabindex: "-1", "data-focus": true },
    el("h2", { text: t.errorTitle }),
    el("ul", {}, el("li", {}, target ? el("a", { href: `#${target}`, text: message }) : message)));
}

// Questions the flow asked before `key` on the way to it.
const askedBefore = (key, answers) => order.filter((k) => k in answers && order.indexOf(k) < order.indexOf(key));

function showQuestion(key, answers, error = null) {
  state.answers = answers;
  document.documentElement.classList.remove("wizard-has-result");
  const question = questions[key];
  const before = askedBefore(key, readAddress().answers);
  const number = before.length + 1;
  const firstId = `q-${key}-${question.options[0].key}`;
  const options = question.options.map((option) => {
    const id = `q-${key}-${option.key}`;
    const hintId = `${id}-hint`;
    return el("div", { class: "wizard-option" },
      el("input", {
        type: "radio", id, name: key, value: option.key, checked: answers[key] === option.key,
        "aria-describedby": option.help ? hintId : null,
      }),
      el("label", { for: id, text: option.label[lang] }),
      option.help ? el("p", { class: "wizard-hint", id: hintId, text: option.help[lang] }) : null);
  });
  const form = el("form", { class: "wizard-step", novalidate: true, "data-question": key, onsubmit: (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${key}"]:checked`);
    if (!chosen) return showQuestion(key, answers, { message: t.chooseOne, target: firstId });
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
      before.length ? el("button", { type: "button", class: "md-button", text: t.back,
        onclick: () => go(state.answers, before[before.length - 1]) }) : null));
  show(form, statusLine);
}

// Answering a question drops later answers that no longer fit, then asks what the flow asks next.
function answer(key, value) {
  root.classList.remove("wizard--reserve"); // the first question's room (wizard.css): the visitor moves on
  // This entry keeps the answer given, so Back shows it chosen.
  history.replaceState({ wizard: true }, "", address({ ...state.answers, [key]: value }, key));
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
  go(kept);
}

function startAgain() {
  go({});
}

// --- the result ------------------------------------------------------------------------------------------

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

// The address to share and print: the result's plain page (scripts/hooks/answer_pages.py, eligibility/paths.py),
// readable with no script and no engine. A date to judge by is not part of those pages: such a result keeps
// its query address, which the wizard judges on the device.
function resultAddress(answers) {
  if ("as_of" in answers) return new URL(address(answers), location.href).href;
  const slugs = order.filter((k) => k in answers).map((k) => `${data.paths[k][answers[k]]}/`);
  return new URL(`${home}wizard/${slugs.join("")}`, location.href).href;
}

function showResult(result) {
  if (result.errors) return showLinkErrors(result.errors);
  state.answers = linkAnswers(result.answers);
  history.replaceState({ wizard: true }, "", address(state.answers)); // the clean share link
  keepAnswersInLanguageLinks();
  document.documentElement.classList.add("wizard-has-result"); // printed, the result comes first (wizard.css)
  show(...resultView(result, {
    catalog, questions, order, lang, t, home,
    answers: state.answers,
    link: resultAddress(state.answers),
    changeLink: (key) => address(state.answers, key),
    onChange: (key) => go(state.answers, key),
    onStartAgain: startAgain,
  }));
}

// What the browser cannot check itself (a date that is no calendar day): the engine's words, then the start.
function showLinkErrors(errors) {
  history.replaceState({ wizard: true }, "", location.pathname);
  const first = questions[order[0]];
  const items = errors.map((error) => {
    const target = error.field in questions ? `q-${order[0]}-${first.options[0].key}` : null;
    return el("li", {}, target ? el("a", { href: `#${target}`, text: error.message[lang] }) : error.message[lang]);
  });
  showQuestion(order[0], {});
  root.prepend(el("div", { class: "wizard-error-summary", role: "alert", tabindex: "-1" },
    el("h2", { text: t.errorTitle }),
    el("p", { text: t.invalidLink }),
    el("ul", {}, items)));
  if (state.acted) root.querySelector(".wizard-error-summary").focus();
}

// --- start -----------------------------------------------------------------------------------------------

window.addEventListener("popstate", () => {
  state.acted = true;
  if (state.engine !== "failed") render();
});

// The page's HTML holds the first question (overrides/partials/first-question.html), shown before this script
// ran where the address holds no answers (start.js, wizard.css); render() draws it again in the same markup, so
// nothing moves, and what the visitor did there is kept: a choice, the focus, where the page was scrolled to.
function takeOverStaticQuestion() {
  const staticForm = root.querySelector("form[data-static]");
  if (!staticForm || !document.documentElement.classList.contains("wizard-no-answers")) return render();
  const chosen = staticForm.querySelector("input:checked")?.id;
  const focused = staticForm.contains(document.activeElement) ? document.activeElement.id : "";
  const { scrollX, scrollY } = window;
  render(); // focuses the question's heading, which may scroll
  window.scrollTo(scrollX, scrollY);
  const radio = chosen && document.getElementById(chosen);
  if (radio) radio.checked = true;
  if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
}

connectToEngine();
setEngineStatus();
if (state.engine !== "failed") takeOverStaticQuestion();
