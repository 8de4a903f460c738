"""What the build hooks keep between builds (node_modules/.cache/): a file written under a name of its own, then
renamed into place, so that two builds at once (the tests run several) never read half a file."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
