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
// A key of the address names something only as an own property: `constructor`, `__proto__` or `toString` are
// every object's, and an `in` check would take them for a question.
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
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
  return order.filter((k) => has(answers, k)).map((k) => `${k}=${answers[k]}`).join("&");
}

// The next question after these answers, or null when they are complete (undefined: not a reachable state).
const nextQuestion = (answers) => {
  const key = queryKey(answers);
  return has(data.flow, key) ? data.flow[key] : undefined;
};

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
// The address holds the answers and, when the visitor goes back to change one, the question (`step`), in its
// fragment (`#application=extension&category=C`): a browser never sends the fragment to the server, so a reload,
// Back and Forward, or the language switch, tell the server nothing of the answers. A share link of an earlier
// version (`?application=...`) still opens: its answers move into the fragment at once. Each question and the
// result is a history entry: Back, Forward and reload work as on any site. Unknown keys (messaging apps add
// `from`, `isappinstalled`, `utm_*`) are ignored; a bad value keeps the other answers and asks that question
// again. A fragment without `=` is a link within the page (an error's link to its question, the theme's skip
// link), not answers.

const STEP = "step";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValid(key, value) {
  if (key === "as_of") return DATE.test(value);
  return has(questions, key) && questions[key].options.some((o) => o.key === value);
}

// The fragment's answers, or "" when it holds none (empty, or a link within the page).
const answersFragment = () => (location.hash.includes("=") ? location.hash.slice(1) : "");

// An old share link (`?application=...`): the same answers in the fragment, the query gone, without a new
// history entry. A fragment with answers wins over a query.
function moveQueryToFragment() {
  if (location.search.length <= 1) return;
  const fragment = answersFragment() || location.search.slice(1);
  history.replaceState(history.state, "", `${location.pathname}#${fragment}`);
}

function readAddress() {
  const params = new URLSearchParams(answersFragment());
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
  while (next && has(given, next)) {
    answers[next] = given[next];
    next = nextQuestion(answers);
  }
  // Answers further on are kept for "Change" (the flow may still ask them once the step is answered).
  const later = Object.fromEntries(order.filter((k) => has(given, k) && !has(answers, k)).map((k) => [k, given[k]]));
  if (has(given, "as_of")) answers.as_of = given.as_of;
  const step = params.get(STEP);
  return { answers, later, next: next ?? null, invalid, step: step !== null && has(questions, step) ? step : null };
}

// The address of these answers (and question to change): this page, the answers in the fragment.
function address(answers, step = null) {
  const params = new URLSearchParams(linkKeys.filter((k) => has(answers, k)).map((k) => [k, answers[k]]));
  if (step) params.set(STEP, step);
  const fragment = params.toString();
  return `${location.pathname}${fragment ? `#${fragment}` : ""}`;
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
    const fragment = answersFragment();
    link.href = link.dataset.path + (fragment ? `#${fragment}` : "");
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
  moveQueryToFragment(); // an address with a query, whenever it comes (a link, history)
  const { answers, later, next, invalid, step } = readAddress();
  state.pending = null;
  keepAnswersInLanguageLinks();
  // A question to change (an earlier one, or the next), with the answers after it still in the address.
  if (step && (has(answers, step) || step === next)) return showQuestion(step, { ...answers, ...later });
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
    el("ul", {}, el("li", {}, target ? inPageLink(target, message) : message)));
}

// A link to a question's first option: it moves the focus there without touching the address's fragment,
// which holds the answers.
function inPageLink(target, text) {
  return el("a", { href: `#${target}`, text, onclick: (event) => {
    event.preventDefault();
    const node = document.getElementById(target);
    if (node) {
      node.focus();
      node.scrollIntoView({ block: "center" });
    }
  } });
}

// Questions the flow asked before `key` on the way to it.
const askedBefore = (key, answers) => order.filter((k) => has(answers, k) && order.indexOf(k) < order.indexOf(key));

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
    state.acted = true;
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
    if (has(state.answers, k)) kept[k] = state.answers[k];
  }
  kept[key] = value;
  if (has(state.answers, "as_of")) kept.as_of = state.answers.as_of;
  let next = nextQuestion(kept);
  // Keep later answers that the flow still asks for, so "Change" returns to the result in one step.
  while (next && has(state.answers, next) && nextQuestion({ ...kept, [next]: state.answers[next] }) !== undefined) {
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
    if (!has(normalised, k)) continue;
    const v = normalised[k];
    answers[k] = typeof v === "boolean" ? (v ? "yes" : "no") : v;
  }
  return answers;
}

// The address to share and print: the result's plain page (scripts/hooks/answer_pages.py, eligibility/paths.py),
// readable with no script and no engine. A date to judge by is not part of those pages: such a result keeps
// its wizard address (the answers in the fragment), which the wizard judges on the device.
function resultAddress(answers) {
  if (has(answers, "as_of")) return new URL(address(answers), location.href).href;
  const slugs = order.filter((k) => has(answers, k)).map((k) => `${data.paths[k][answers[k]]}/`);
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
    const target = has(questions, error.field) ? `q-${order[0]}-${first.options[0].key}` : null;
    return el("li", {}, target ? inPageLink(target, error.message[lang]) : error.message[lang]);
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
  // A link within the page (a fragment without answers) that is not one of the wizard's entries: nothing moved.
  if (!history.state?.wizard && location.hash.length > 1 && !answersFragment()) return;
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

moveQueryToFragment();
connectToEngine();
setEngineStatus();
if (state.engine !== "failed") takeOverStaticQuestion();
