// The employer roster check: a CSV file chosen on this device, judged by the engine in the wizard's Web Worker
// (Pyodide), shown as a table, and offered back as a CSV file. Nothing is uploaded: from choosing the file to
// downloading the result no request is made (the file is read with File.arrayBuffer(), the worker is the
// one the page already loaded, and the result is a Blob URL).
import { el, failureNotice, fill, replace } from "./dom.js";
import { connectEngine } from "./engine.js";
import { ROSTER_TEXT, UI_TEXT } from "./ui-text.js";

// A file beyond this would take the tab's memory, not the check's time: refused with a message.
const MAX_MEGABYTES = 50;
// Employees per page of the table: a long file stays a light page.
const PAGE_ROWS = 200;

const root = document.getElementById("roster");
const config = document.getElementById("roster-data");
const data = JSON.parse(config.textContent);
const lang = config.dataset.lang === "zh" ? "zh" : "en";
const t = ROSTER_TEXT[lang];
// Who provides a document: the wizard's own words for its checklist's groups.
const providers = UI_TEXT[lang].providers;
// Rows the error summary lists (the rest are counted: "and 120 more").
const SUMMARY_ROWS = 50;
const home = config.dataset.home.replace(/\/?$/, "/");
const locale = lang === "zh" ? "zh-CN" : "en";

const state = { engine: "loading", id: 0, name: "", info: null, rows: [], summary: null, url: null, page: 0, onlyProblems: false };

// --- helpers -------------------------------------------------------------------------------------------

const number = (n) => n.toLocaleString(locale);

// --- the page ------------------------------------------------------------------------------------------

const engineLine = el("p", { class: "wizard-status", role: "status", "aria-live": "polite" });
const input = el("input", {
  type: "file", id: "roster-file", "aria-describedby": "roster-file-hint",
  // Workbooks the check does not read (.xls, WPS's .et) are offered too: the engine says what to do with them.
  accept: ".csv,.txt,.xlsx,.xls,.et,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
});
const chooser = el("div", { class: "roster-choose" },
  el("label", { for: "roster-file", class: "roster-choose__label", text: t.choose }),
  el("p", { class: "wizard-hint", id: "roster-file-hint", text: t.chooseHint }),
  input);
const progress = el("progress", { max: 1, value: 0, "aria-labelledby": "roster-progress-text" });
const progressText = el("span", { id: "roster-progress-text" });
const progressBox = el("div", { class: "roster-progress", hidden: true }, progressText, progress);
const statusLine = el("p", { class: "roster-status", role: "status", "aria-live": "polite" });
const output = el("div", { class: "roster-output" });

root.replaceChildren(engineLine, chooser, statusLine, progressBox, output);

// The engine loads in the background from the start; its progress shows only once a file waits for it (before
// that a bar would stand for nothing the visitor asked for).
function setEngineStatus() {
  engineLine.replaceChildren();
  const waiting = state.engine === "loading" && state.id > 0;
  if (waiting) engineLine.append(el("progress", { "aria-label": t.loading }), " ", t.loading);
  engineLine.hidden = !waiting;
}

function clearOutput() {
  if (state.url) URL.revokeObjectURL(state.url);
  Object.assign(state, { info: null, rows: [], summary: null, url: null, page: 0, onlyProblems: false });
  output.replaceChildren();
  statusLine.textContent = "";
  progressBox.hidden = true;
}

function showError(message) {
  progressBox.hidden = true;
  statusLine.textContent = "";
  const box = el("div", { class: "wizard-error-summary roster-error", role: "alert", tabindex: "-1" },
    el("h2", { text: t.errorTitle }),
    el("p", { text: message }));
  output.replaceChildren(box);
  box.focus();
}

// --- the engine ----------------------------------------------------------------------------------------

let worker = null;

function connectToEngine() {
  worker = connectEngine({
    onReady: () => {
      state.engine = "ready";
      document.documentElement.dataset.rosterEngine = "ready";
      setEngineStatus();
    },
    onFailed: engineFailed,
    onMessage: (message) => {
      if (message.id === state.id && message.type.startsWith("roster-")) onRosterMessage(message);
    },
  });
}

function engineFailed(reason) {
  if (state.engine === "failed") return;
  state.engine = "failed";
  document.documentElement.dataset.rosterEngine = "failed";
  if (worker) worker.terminate();
  console.warn("roster engine unavailable:", reason);
  setEngineStatus();
  input.disabled = true;
  progressBox.hidden = true;
  statusLine.textContent = "";
  output.replaceChildren(failureNotice({
    title: t.failedTitle, body: t.failedBody, links: [{ href: `${home}wizard/`, text: t.wizardLink }],
  }));
}

// --- a file --------------------------------------------------------------------------------------------

async function check(file) {
  const id = ++state.id;
  clearOutput();
  state.name = file.name;
  if (file.size > MAX_MEGABYTES * 1024 * 1024) return showError(fill(t.tooLarge, { size: MAX_MEGABYTES }));
  statusLine.textContent = fill(t.reading, { name: file.name });
  setEngineStatus();
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    console.warn("roster: cannot read the file:", String(error));
    return showError(t.unexpected);
  }
  if (id !== state.id) return; // another file was chosen meanwhile
  worker.postMessage({ type: "roster", id, bytes, lang }, [bytes]);
}

function onRosterMessage(message) {
  if (message.type === "roster-error") {
    if (message.reason) console.warn("roster: unexpected error:", message.reason);
    return showError(message.error ? message.error.message[lang] : t.unexpected);
  }
  if (message.type === "roster-info") {
    state.info = message.info;
    progress.max = message.info.rows;
    progress.value = 0;
    progressText.textContent = fill(t.progress, { done: number(0), total: number(message.info.rows) });
    progressBox.hidden = false;
  } else if (message.type === "roster-rows") {
    for (const row of message.rows) if (!row.blank) state.rows.push(row);
    state.summary = message.summary;
    progress.value = message.done;
    progressText.textContent = fill(t.progress, { done: number(message.done), total: number(message.total) });
  } else if (message.type === "roster-done") {
    const blob = new Blob([message.csv], { type: workbook() ? XLSX_TYPE : "text/csv;charset=utf-8" });
    state.url = URL.createObjectURL(blob);
    progressBox.hidden = true;
    showResults();
  }
}

// --- the results ---------------------------------------------------------------------------------------

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// A workbook's result is a workbook (the engine's info says which).
const workbook = () => state.info?.format === "xlsx";

function downloadName() {
  const base = state.name.replace(/\.(csv|txt|xlsx)$/i, "") || "roster";
  return fill(workbook() ? t.downloadNameWorkbook : t.downloadName, { base });
}

function showResults() {
  const { info, summary } = state;
  const counts = { rows: number(summary.rows), judged: number(summary.judged), failed: number(summary.failed) };
  const heading = el("h2", { tabindex: "-1", id: "roster-results", text: fill(t.resultsTitle, { name: state.name }) });
  const problemSummary = summary.failed ? errorSummary() : null;
  const notices = info.notices.length
    ? el("div", { class: "roster-notices" },
      el("h3", { text: t.notices }),
      el("ul", {}, info.notices.map((n) => el("li", { text: n.message[lang] }))))
    : null;
  const filter = summary.failed
    ? el("p", { class: "roster-filter" },
      el("input", { type: "checkbox", id: "roster-only-problems", onchange: (event) => {
        state.onlyProblems = event.target.checked;
        state.page = 0;
        drawTable();
      } }),
      el("label", { for: "roster-only-problems", text: t.onlyProblems }))
    : null;
  replace(output,
    heading,
    problemSummary,
    el("p", { class: "roster-summary", "data-rows": summary.rows, "data-judged": summary.judged, "data-failed": summary.failed },
      fill(t.summary, counts),
      summary.blank ? ` ${fill(t.blankRows, { blank: number(summary.blank) })}` : "",
      " ",
      info.encoding === "xlsx"
        ? t.readAsWorkbook
        : fill(t.readAs, { encoding: t.encodings[info.encoding] || info.encoding, separator: t.separators[info.separator] })),
    // The measures' status: the notice dates from 2022, and the results say no more than it does.
    el("p", { class: "roster-measure-status admonition warning", "data-measure-status": "roster", text: info.status[lang] }),
    el("p", {}, el("a", { class: "md-button md-button--primary roster-download", href: state.url, download: downloadName(), text: workbook() ? t.downloadWorkbook : t.download })),
    notices,
    filter,
    el("div", { class: "roster-table-area" }));
  statusLine.textContent = "";
  drawTable();
  // GOV.UK's pattern: with problems, the summary of them takes the focus; without, the results' heading.
  (problemSummary || heading).focus();
}

// The rows to fix, at the top (GOV.UK's error summary): how many, then each row's number and problems, each a
// link to its row in the table (on whichever page of the table it is).
function errorSummary() {
  const failed = state.rows.filter((row) => row.errors.length);
  const items = failed.slice(0, SUMMARY_ROWS).map((row) => el("li", {},
    el("a", { href: `#roster-row-${row.row}`, "data-row-link": row.row, onclick: (event) => {
      event.preventDefault();
      showRow(row.row);
    } }, `${fill(t.rowNumber, { row: row.row })}${row.employee ? ` · ${row.employee}` : ""}${t.problemSeparator}`,
    row.errors.map((e) => e.message).join(t.messageSeparator))));
  const more = failed.length > SUMMARY_ROWS
    ? el("p", { text: fill(t.moreProblems, { count: number(failed.length - SUMMARY_ROWS) }) }) : null;
  return el("div", { class: "wizard-error-summary roster-error-summary", role: "alert", tabindex: "-1",
    "aria-labelledby": "roster-error-title" },
  el("h2", { id: "roster-error-title", text: fill(t.problemTitle, { count: number(failed.length) }) }),
  el("p", { text: t.problemHelp }),
  el("ul", { class: "roster-error-list" }, items),
  more);
}

// The table's page that holds a row, drawn, and the row brought into view with the focus on it.
function showRow(number) {
  let index = visibleRows().findIndex((row) => row.row === number);
  if (index < 0) {
    state.onlyProblems = false;
    const box = output.querySelector("#roster-only-problems");
    if (box) box.checked = false;
    index = state.rows.findIndex((row) => row.row === number);
  }
  state.page = Math.floor(Math.max(index, 0) / PAGE_ROWS);
  drawTable();
  const target = output.querySelector(`#roster-row-${number}`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

function visibleRows() {
  return state.onlyProblems ? state.rows.filter((row) => row.errors.length) : state.rows;
}

function drawTable() {
  const area = output.querySelector(".roster-table-area");
  const rows = visibleRows();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  state.page = Math.min(state.page, pages - 1);
  const from = state.page * PAGE_ROWS;
  const shown = rows.slice(from, from + PAGE_ROWS);
  if (!shown.length) return area.replaceChildren(el("p", { text: t.none }));
  const order = data.order;
  const withEmployee = state.info.employee !== null;
  const who = (row) => (withEmployee && row.employee ? `${row.row} · ${row.employee}` : String(row.row));
  const head = el("tr", {},
    el("th", { scope: "col", class: "roster-who", text: withEmployee ? `${t.row} · ${state.info.employee || t.employee}` : t.row }),
    // What to do first, by the row's number; then each measure's result. Each label names its measure ("Tax
    // records (measure 1 of the 2022 notice)"): no number before it.
    el("th", { scope: "col", class: "roster-next", text: t.nextSteps }),
    order.map((key) => el("th", { scope: "col", text: data.outcomes[key].label[lang] })));
  // A row with problems has no results: its problems take the row's width, right after the row's number. Each
  // cell says its column's name (data-label): under 600 px each employee is a card, and the names show.
  const body = shown.map((row) => el("tr", {
    "data-row": row.row, id: `roster-row-${row.row}`, tabindex: "-1",
    class: row.errors.length ? "roster-row--problem" : null,
  },
  el("th", { scope: "row", class: "roster-who", text: who(row) }),
  row.errors.length
    ? el("td", { class: "roster-problems", colspan: order.length + 1, "data-label": t.problems },
      problemList(row.errors), row.notes && row.notes.length ? nextSteps(row) : null)
    : [
      el("td", { class: "roster-next", "data-label": t.nextSteps }, nextSteps(row)),
      ...order.map((key, i) => el("td", { "data-outcome": key, "data-result": row.results[i],
        "data-label": data.outcomes[key].label[lang] }, data.outcomes[key].results[row.results[i]].label[lang])),
    ]));
  const caption = fill(t.caption, { from: number(from + 1), to: number(from + shown.length), total: number(rows.length) });
  const pager = pages > 1
    ? el("div", { class: "wizard-actions roster-pager" },
      el("button", { type: "button", class: "md-button", text: t.previous, disabled: state.page === 0, onclick: () => turn(-1) }),
      el("button", { type: "button", class: "md-button", text: t.next, disabled: state.page === pages - 1, onclick: () => turn(1) }))
    : null;
  replace(area,
    el("div", { class: "roster-table", role: "region", "aria-labelledby": "roster-caption", tabindex: "0" },
      el("table", { class: "roster-results" },
        // The words in a box of their own: they wrap within the screen while the table scrolls sideways.
        el("caption", { id: "roster-caption" }, el("span", { class: "roster-caption__text", text: caption })),
        el("thead", {}, head),
        el("tbody", {}, body))),
    pager);
}

// What to do for one employee: the notes on answers the check did not use, the documents the 2022 notice
// named by who provides them (as the wizard's checklist groups them), and the link to the full result, with
// the date of the check.
function nextSteps(row) {
  const parts = [];
  if (row.notes && row.notes.length) {
    parts.push(el("ul", { class: "roster-notes" }, row.notes.map((note) => el("li", { "data-note": "" }, note))));
  }
  if (!row.results) return parts;
  const groups = Object.entries(row.documents || {});
  if (!groups.length) parts.push(el("p", { class: "roster-documents", text: t.noDocuments }));
  for (const [provider, keys] of groups) {
    parts.push(el("div", { class: "roster-documents", "data-provider": provider },
      el("strong", { text: providers[provider] || provider }),
      el("ul", {}, keys.map((key) => el("li", { "data-document": key }, data.documents[key][lang])))));
  }
  if (row.link) {
    // An address of the worker's is absolute; a site-relative one (zh/wizard/…) from this language's home.
    const href = new URL(lang === "zh" ? row.link.replace(/^zh\//, "") : row.link, new URL(home, location.href)).href;
    parts.push(el("p", { class: "roster-link" },
      el("a", { href, "data-full-result": "", text: t.fullResult }),
      ` ${fill(t.checkedOn, { date: state.info.day })}`));
  }
  return parts;
}

// Each problem under its column's name ("category: “D” is not an answer here: …"): the message names what was
// entered (e.value), so the row shows the faulty cells although it has no results.
function problemList(errors) {
  return el("ul", { class: "roster-problem-list" }, errors.map((e) => el("li", { "data-field": e.field, "data-entered": e.value },
    e.column ? el("strong", { text: e.column }) : null,
    e.column ? t.problemSeparator : null,
    e.message)));
}

function turn(step) {
  state.page += step;
  drawTable();
  output.querySelector("#roster-caption").scrollIntoView({ block: "nearest" });
}

// --- start ---------------------------------------------------------------------------------------------

// A corrected file saved under the same name is a new choice: the chooser forgets the last one as it opens.
input.addEventListener("click", () => {
  input.value = "";
});
input.addEventListener("change", () => {
  const file = input.files && input.files[0];
  if (file) check(file);
});
connectToEngine();
setEngineStatus();
