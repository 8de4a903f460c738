// Material's search dialog has no accessible name (axe: aria-dialog-name), so screen readers announce an
// unnamed dialog. Name it after its own search field, whose label is already in the page's language.
const dialog = document.querySelector('.md-search[role="dialog"]');
const field = dialog && dialog.querySelector("input[aria-label]");
if (dialog && field && !dialog.hasAttribute("aria-label")) {
  dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
}
