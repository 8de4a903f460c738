"""The package's data files as its wheel carries them: JSON copies of texts.toml and status.toml.

The TOML files are the source (the agency and translators edit them, the command line and the tests read them).
The wheel the browser loads carries them as JSON instead, written by the site's build from the checked TOML
(scripts/hooks/wizard.py): on every fresh start in the browser, importing `tomllib` and `importlib.resources`
and parsing the texts took about 40 ms of the engine's start, reading JSON (parsed in C) about 1 ms. Dates (TOML
dates) are written as YYYY-MM-DD strings, which the status check reads the same way. The checks run on the JSON
as on the TOML.
"""

import json
import os


def json_name(toml_name):
    """texts.toml -> texts.json"""
    return os.path.splitext(toml_name)[0] + ".json"


def packed_data(toml_name):
    """The JSON copy of a data file of this package (its parsed data), or None where there is none (the source
    tree: read the TOML)."""
    path = os.path.join(os.path.dirname(__file__), json_name(toml_name))
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return None
