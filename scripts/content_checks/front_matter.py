"""Front matter: a page's `---` block is valid YAML, keys and values. PyYAML reads it as MkDocs does; where
it cannot, MkDocs does not fail: it publishes the block as the page's first paragraph (a pasted `<script>` line
then runs in every visitor's browser) and reads none of its keys (title, template, search keywords). Said at
the line of the YAML error."""

from __future__ import annotations

from .model import Problem, Site


def check(site: Site):
    for page in site.sorted_pages():
        if page.front_error is None:
            continue
        line, what = page.front_error
        yield Problem(page.rel, line, f"the front matter is not valid YAML: {what}",
                      "quote a value that holds `: ` or starts with a special character (\"...\" or '...'), "
                      "or fix the indentation; MkDocs would publish the block as text and ignore its keys")
