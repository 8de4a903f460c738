// Injected by the wizard benchmark (scripts/benchkit/wizard_visit.py) into every page it opens (Playwright init
// script), before the page's own scripts run. Records performance.now() (navigation start = 0) at the moments the
// benchmark reports.
(() => {
  const marks = {
    firstQuestion: null, // form[data-question=application] is shown (visible, in a rendered frame): it can be answered
    engineReady: null, // <html data-wizard-engine="ready">
    engineFailed: null, // <html data-wizard-engine="failed">
    armed: false, // set by the benchmark just before it clicks the last Continue
    lastClick: null, // the last Continue clicked (capturing listener, before the page's own handlers)
    result: null, // [data-outcome] is in the document, after lastClick
    outcome: null, // [data-outcome] is in the document, clicked or not (a share link)
    layoutShift: 0, // cumulative layout shift (PerformanceObserver "layout-shift", without recent input)
    shifts: [], // what moved: [{value, time, nodes}]
  };
  window.__bench = marks;
  // The page's HTML holds the first question (hidden by wizard.css where it is not the step): it counts once it
  // is visible, in the first frame the browser renders after it is in (no frame while style sheets block).
  const firstQuestion = () => document.querySelector('form[data-question="application"]');
  let frameAsked = false;
  const checkFirstQuestion = () => {
    if (marks.firstQuestion !== null || frameAsked || !firstQuestion()) return;
    frameAsked = true;
    requestAnimationFrame(() => {
      frameAsked = false;
      const form = firstQuestion();
      if (marks.firstQuestion === null && form && form.checkVisibility()) marks.firstQuestion = performance.now();
    });
  };
  const check = () => {
    const now = performance.now();
    checkFirstQuestion();
    const engine = document.documentElement && document.documentElement.dataset.wizardEngine;
    if (marks.engineReady === null && engine === "ready") marks.engineReady = now;
    if (marks.engineFailed === null && engine === "failed") marks.engineFailed = now;
    if (marks.lastClick !== null && marks.result === null && document.querySelector("[data-outcome]")) {
      marks.result = now;
    }
    if (marks.outcome === null && document.querySelector("[data-outcome]")) marks.outcome = now;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      marks.layoutShift += entry.value;
      const nodes = entry.sources.map((s) => (s.node && (s.node.id || s.node.className || s.node.nodeName)) || "?");
      marks.shifts.push({ value: entry.value, time: entry.startTime, nodes });
    }
  }).observe({ type: "layout-shift", buffered: true });
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-wizard-engine"],
  });
  document.addEventListener("click", (event) => {
    if (marks.armed && marks.lastClick === null && event.target.closest && event.target.closest('button[type="submit"]')) {
      marks.lastClick = performance.now();
    }
  }, true);
})();
