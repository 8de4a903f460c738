"""The site's own style sheet and script (mkdocs.yml's extra_css and extra_javascript, kept in docs/) are served
at addresses that carry their hash, as Material's own bundles are: docs/stylesheets/site.css becomes
assets/stylesheets/site.<first 8 hex of its sha256>.css. deploy/site.conf keeps such addresses for a year
(immutable), so a return visit does not ask the server about them: site.css blocks the first paint, and on a
150 ms mobile line asking cost every return page view one round trip before anything showed. A change to the
file makes a new address, so no visitor keeps an old copy."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

# Where each kind goes, beside Material's own bundles (the nginx rule and the service worker's list match both).
FOLDERS = {".css": "assets/stylesheets", ".js": "assets/javascripts"}

_moved: dict[str, str] = {}


def fingerprinted(path: str, data: bytes) -> str:
    """The address of a file with these bytes: site.css -> assets/stylesheets/site.0123abcd.css."""
    stem, suffix = posixpath.splitext(posixpath.basename(path))
    return f"{FOLDERS[suffix]}/{stem}.{hashlib.sha256(data).hexdigest()[:8]}{suffix}"


def on_config(config):
    docs = Path(config.docs_dir)
    for key in ("extra_css", "extra_javascript"):
        entries = config[key]
        for i, entry in enumerate(entries):
            path = str(entry)
            source = docs / path
            if "://" in path or posixpath.splitext(path)[1] not in FOLDERS or not source.is_file():
                continue  # another host's file (the content checks refuse those) or one this hook has moved
            _moved[path] = fingerprinted(path, source.read_bytes())
            if isinstance(entry, str):
                entries[i] = _moved[path]
            else:  # a script given with attributes (ExtraScriptValue): the same, at its new address
                entry.path = _moved[path]
    return config


def on_files(files, config):
    for source, address in _moved.items():
        file = files.get_file_from_path(source)
        if file is not None:
            file.dest_uri = address
    return files
