// Small DOM helpers shared by the wizard and the roster: elements built from data, never from HTML strings,
// so nothing a visitor's file or a share link holds can become markup.

// el("a", {href, text: "label", onclick: fn}, child, [children]): attributes, text, listeners and children.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

// replace(node, child, null, [children]): node.replaceChildren() as el() takes children, so that a missing
// part (null) is left out, never printed as the text "null" (which replaceChildren() would do).
export function replace(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

// fill("Question {n}", {n: 2}) -> "Question 2"
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

// What the wizard and the roster show when the engine cannot run in this browser: an alert with the page's
// words and where to go instead (links: [{href, text}]); its heading takes the focus (data-focus).
export function failureNotice({ title, body, links }) {
  return el("div", { class: "wizard-failure", role: "alert" },
    el("h2", { tabindex: "-1", "data-focus": true, text: title }),
    el("p", { text: body }),
    el("ul", {}, links.map(({ href, text }) => el("li", {}, el("a", { href, text })))));
}
