// Two accessibility gaps in Material for MkDocs, filled after the page has loaded.

// The search dialog has no accessible name (axe: aria-dialog-name), so screen readers announce an unnamed
// dialog. Name it after its own search field, whose label is already in the page's language.
const dialog = document.querySelector('.md-search[role="dialog"]');
const field = dialog && dialog.querySelector("input[aria-label]");
if (dialog && field && !dialog.hasAttribute("aria-label")) {
  dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
}

// A wide table scrolls sideways on a phone; keyboard users must be able to reach and scroll it too
// (axe: scrollable-region-focusable). Make each table's scrolling box a named, focusable region.
// Material wraps tables in that box from its own script, so wait for its document$ signal.
function makeTablesReachable() {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.hasAttribute("tabindex")) continue;
    let heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", (heading || document.querySelector("h1")).textContent.trim());
  }
}
if (typeof document$ === "object") document$.subscribe(() => setTimeout(makeTablesReachable));
else makeTablesReachable();
