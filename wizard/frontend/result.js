// The wizard's result, drawn from the engine's outcomes: first one dated banner (the engine's `currency`: what
// the 2022 notice said, and that this site has not confirmed it still applies), then the answer in short (one
// line per measure), then one list of what the notice asked for, grouped by who provides it, then each measure
// in detail with the answers it rests on (and, for measures 1 and 3, the notice's epidemic condition beside the
// dated public fact), the visitor's answers with "Change" links, sharing and printing. A measure's own status
// shows only where it says more than the banner (confirmed, with its date; lifted; superseded). Words come from
// the engine (its result and catalog: the rules' own texts) and ui-text.js (the wizard's own), never from here.
import { el, fill } from "./dom.js";

// ctx: {catalog, questions, order, lang, t, home, answers, link, onChange(key), onStartAgain()}
export function resultView(result, ctx) {
  const outcomes = Object.entries(result.outcomes)
    .sort(([a], [b]) => ctx.catalog.outcomes[a].measure - ctx.catalog.outcomes[b].measure);
  const { t } = ctx;
  return [
    el("h2", { tabindex: "-1", "data-focus": true, text: t.resultTitle }),
    currencyBanner(result.currency, ctx),
    producedLine(ctx),
    inShort(outcomes, ctx),
    toPrepare(outcomes, ctx),
    el("h3", { text: t.inDetail }),
    el("div", { class: "wizard-result" }, outcomes.map(([key, outcome]) => outcomeBlock(key, outcome, ctx))),
    el("h3", { text: t.yourAnswers }),
    answersSummary(ctx),
    shareBlock(ctx),
    guidanceForPrint(outcomes, ctx),
    el("div", { class: "wizard-actions" },
      el("button", { type: "button", class: "md-button md-button--primary", text: t.startAgain, onclick: ctx.onStartAgain }),
      el("button", { type: "button", class: "md-button", text: t.print, onclick: () => window.print() })),
  ];
}

// The day the result was worked out for: the link's date to judge by, or today on this device (YYYY-MM-DD).
function workedOutDate(answers) {
  if (answers.as_of) return answers.as_of;
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

// One banner for the whole result (GOV.UK's pattern for withdrawn guidance), on screen and in print: the
// engine's words for it (`currency`), and the date it was worked out (the catalog's words).
function currencyBanner(currency, { catalog, lang, answers }) {
  const date = workedOutDate(answers);
  const attrs = { class: "wizard-currency", role: "note", "aria-labelledby": "wizard-currency-title",
    "data-currency": currency.state };
  return el("section", attrs,
    el("h3", { id: "wizard-currency-title", class: "wizard-currency__title", text: currency.title[lang] }),
    el("p", { class: "wizard-currency__text", text: currency.text[lang] }),
    el("p", { class: "wizard-currency__date", "data-worked-out": date,
      text: fill(catalog.currency.worked_out[lang], { date }) }));
}

const label = (outcome, meta, lang) => (outcome.label || meta.results[outcome.result].label)[lang];

function optionLabel(ctx, key, value, wording = "label") {
  const option = ctx.questions[key].options.find((o) => o.key === value);
  return option ? (option[wording] || option.label)[ctx.lang] : value;
}

// Printed results carry the address that reproduces them (the banner above carries the date).
function producedLine({ t, link }) {
  return el("p", { class: "wizard-print-only wizard-produced" }, t.produced, " ",
    el("span", { class: "wizard-produced__link", text: link }));
}

// A measure's own status, where it says more than the banner: confirmed by this site (with the date), lifted,
// superseded. An unconfirmed measure has none: the banner says it for all of them.
const ownStatus = (outcome) => outcome.status && outcome.status !== "unconfirmed";

function inShort(outcomes, { catalog, lang, t }) {
  return el("section", { class: "wizard-in-short", "aria-labelledby": "wizard-in-short" },
    el("h3", { id: "wizard-in-short", text: t.inShort }),
    el("ul", {}, outcomes.map(([key, outcome]) => {
      const meta = catalog.outcomes[key];
      return el("li", { "data-summary": key, "data-result": outcome.result },
        el("span", { class: "wizard-in-short__measure", text: `${meta.label[lang]}${t.labelSeparator}` }),
        el("strong", { text: label(outcome, meta, lang) }),
        ownStatus(outcome) ? [" ", el("span", { class: `status-badge status-badge--${outcome.status}`,
          "data-status": outcome.status, text: t.statusShort[outcome.status] || outcome.status })] : null);
    })));
}

// Every document the notice asked for in this case, once, grouped by who provides it (the catalog says), in the
// notice's order.
function toPrepare(outcomes, { catalog, lang, t }) {
  const byProvider = new Map();
  for (const [, outcome] of outcomes) {
    for (const doc of outcome.documents || []) {
      const provider = catalog.documents[doc].provider;
      if (!byProvider.has(provider)) byProvider.set(provider, new Set());
      byProvider.get(provider).add(doc);
    }
  }
  if (!byProvider.size) {
    return el("section", { class: "wizard-prepare" }, el("h3", { text: t.toPrepare }), el("p", { text: t.nothingToPrepare }));
  }
  return el("section", { class: "wizard-prepare" },
    el("h3", { text: t.toPrepare }),
    [...byProvider].flatMap(([provider, docs]) => [
      el("h4", { text: t.providers[provider] }),
      el("ul", { class: "wizard-checklist", "data-provider": provider }, [...docs].map((doc) => {
        const id = `prepare-${doc}`;
        return el("li", { "data-document": doc },
          el("input", { type: "checkbox", id }), el("label", { for: id, text: catalog.documents[doc].label[lang] }));
      })),
    ]));
}

// "Because you answered: Extension · Cannot go to the tax bureau (Covid-19): Yes" (the answers the rule read).
function becauseLine(because, ctx) {
  const { t, order, questions, answers, lang } = ctx;
  if (!because.length) return el("p", { class: "wizard-because", text: t.becauseNothing });
  const parts = because.filter((k) => k in questions).map((k) => (k === order[0]
    ? optionLabel(ctx, k, answers[k])
    : fill(t.answered, { question: questions[k].short[lang], answer: optionLabel(ctx, k, answers[k], "short") })));
  return el("p", { class: "wizard-because" }, el("strong", { text: t.because }), parts.join(" · "));
}

function outcomeBlock(key, outcome, ctx) {
  const { catalog, lang, t, home } = ctx;
  const meta = catalog.outcomes[key];
  const examples = outcome.examples || [];
  return el("section", { class: "wizard-outcome", "data-outcome": key, "data-result": outcome.result },
    el("h4", { text: meta.label[lang] }),
    el("p", { class: "wizard-outcome__result", text: label(outcome, meta, lang) }),
    ownStatus(outcome) ? el("p", { class: `wizard-outcome__status status-badge--${outcome.status}`,
      "data-status": outcome.status, text: outcome.status_text[lang] }) : null,
    el("p", { class: "wizard-outcome__explanation", text: outcome.explanation[lang] }),
    // Measures 1 and 3: the notice's own epidemic condition, then, side by side, the dated public fact.
    outcome.epidemic ? el("p", { class: "wizard-outcome__epidemic", "data-epidemic": key,
      text: outcome.epidemic[lang] }) : null,
    becauseLine(outcome.because || [], ctx),
    (outcome.documents || []).length
      ? el("p", { class: "wizard-outcome__documents" }, el("strong", { text: t.documents }),
        outcome.documents.map((d) => catalog.documents[d].label[lang]).join(t.listSeparator))
      : null,
    // The notice's examples of what may be signed electronically: examples, not a checklist.
    examples.length ? el("p", { class: "wizard-outcome__examples" }, el("strong", { text: t.examples }),
      examples.map((d) => catalog.documents[d].label[lang]).join(t.listSeparator)) : null,
    el("p", { class: "wizard-guidance" }, el("a", { href: home + outcome.source, text: t.readGuidance })));
}

function answersSummary(ctx) {
  const { order, questions, answers, lang, t } = ctx;
  return el("dl", { class: "wizard-summary" }, order.filter((k) => k in answers).map((k) =>
    el("div", { class: "wizard-summary__row" },
      el("dt", { text: questions[k].label[lang] }),
      el("dd", { text: optionLabel(ctx, k, answers[k]) }),
      el("dd", {}, el("a", { href: ctx.changeLink(k), class: "wizard-link", onclick: (event) => {
        event.preventDefault();
        ctx.onChange(k);
      } }, t.change, el("span", { class: "wizard-visually-hidden", text: ` ${questions[k].label[lang]}` }))))));
}

// "Share this result": the phone's share sheet where the browser has one, else the link copied; said on screen.
function shareBlock({ t, link }) {
  const said = el("p", { class: "wizard-share__said", role: "status", "aria-live": "polite" });
  const share = async () => {
    try {
      if (navigator.share) {
        await navigator.share({ title: document.title, url: link });
        said.textContent = t.shared;
      } else {
        await navigator.clipboard.writeText(link);
        said.textContent = t.copied;
      }
    } catch (error) {
      if (error && error.name === "AbortError") return; // the visitor closed the share sheet
      said.textContent = t.copyByHand;
      const range = document.createRange();
      range.selectNodeContents(address);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
  };
  const address = el("a", { href: link, class: "wizard-share__link", text: link });
  return el("div", { class: "wizard-share" },
    el("button", { type: "button", class: "md-button wizard-share__button", text: t.share, onclick: share }),
    said,
    el("p", { class: "wizard-hint" }, t.shareHelp, " ", address));
}

// In print, one list of the guidance pages the result rests on, instead of a link in every block.
function guidanceForPrint(outcomes, { catalog, lang, t, home }) {
  const pages = [...new Set(outcomes.map(([, o]) => o.source.split("#")[0]))];
  return el("section", { class: "wizard-print-only wizard-print-guidance" },
    el("h3", { text: t.guidanceList }),
    el("ul", {}, pages.map((page) => {
      const meta = Object.values(catalog.outcomes).find((o) => o.page === page);
      const address = new URL(home + page, location.href).href;
      return el("li", {}, `${meta.label[lang]}${t.labelSeparator}${address}`);
    })));
}
