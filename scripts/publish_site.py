#!/usr/bin/env python3
"""Build the site into a new folder, then swap it into place: a server reading site/ never sees half a build.

    python3 scripts/publish_site.py [--site-dir site]        (`make build` runs it)

1. `mkdocs build --strict` into a new folder beside the target, `site.new-XXXXXXXX` (same file system, so the
   swap is a rename). A failed build (any warning) publishes nothing: the folder is deleted, site/ is left as
   it was and the exit status is mkdocs'.
0. Only one build at a time (a lock file beside the target, `.site.build-lock`); then the folders a killed
   build left behind (`site.new-*`, `site.old-*`) are deleted.
2. `.well-known/` is carried over from the current site/ (certbot's webroot, security.txt: the agency's files,
   not the build's), unless the build made its own.
2b. The versioned folders the new build no longer has (assets/engine/<hash>/, assets/wizard/<hash>/,
   assets/pyodide/<version-hash>/) are kept in it for a day after the build that first replaced them (hard
   links, no copy): a tab opened before the deploy still loads the engine, the front end and, for a workbook,
   openpyxl from where its page said. Older ones are dropped. `.previous-assets.json` (a dot file, never
   served) records when each was replaced.
3. The swap: on Linux one renameat2(RENAME_EXCHANGE) call exchanges the two folders atomically: a request sees
   the whole old site or the whole new one, never a mix or nothing. Where the file system cannot exchange, two
   renames (site -> site.old-..., new -> site) leave a gap of microseconds without site/ instead of
   the seconds a build takes. The previous site is then deleted.

nginx opens each file per request, so the next request after the swap reads the new site, and a download in
progress finishes from the old file (deleted files stay readable while open).
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WELL_KNOWN = ".well-known"
# The folders named after their files' version or hash, which an open tab goes on loading after a deploy.
VERSIONED = ("assets/engine", "assets/wizard", "assets/pyodide")
KEEP_SECONDS = 24 * 3600
PREVIOUS = ".previous-assets.json"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2). False if this system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # the file system (or the kernel) cannot exchange: the caller renames twice
    raise OSError(code, os.strerror(code), f"{a} <-> {b}")


def swap(new: Path, target: Path) -> str:
    """Put the folder `new` at `target` in one step and delete what was there. Returns how: "exchanged",
    "renamed" (no target before) or "renamed twice" (the fallback)."""
    new, target = Path(new), Path(target)
    if not new.is_dir():
        raise NotADirectoryError(new)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ValueError(f"{target} is not a folder: not replacing it")
    if not target.exists():
        os.rename(new, target)
        return "renamed"
    if _exchange(new, target):
        shutil.rmtree(new)  # now the previous site
        return "exchanged"
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-", dir=target.parent))
    os.rename(target, old / target.name)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old / target.name, target)  # the previous site back in place
        raise
    finally:
        if target.exists():
            shutil.rmtree(old)
    return "renamed twice"


def carry_over_well_known(current: Path, new: Path) -> bool:
    """Copy current/.well-known/ into the new build, unless the build has its own. True if copied."""
    source = current / WELL_KNOWN
    if not source.is_dir() or (new / WELL_KNOWN).exists():
        return False
    shutil.copytree(source, new / WELL_KNOWN, symlinks=True)
    return True


def _link_or_copy(source, destination):
    """A hard link (the files never change: a versioned folder), or a copy across file systems."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
    return destination


def keep_previous_assets(current: Path, new: Path, now: float | None = None) -> list[str]:
    """Carry the current site's versioned folders that the new build does not have into it, for KEEP_SECONDS
    after the build that first replaced them; write when each was replaced to new/.previous-assets.json.
    Returns the folders kept (site-relative)."""
    now = time.time() if now is None else now
    try:
        replaced = json.loads((current / PREVIOUS).read_text(encoding="utf-8"))
        if not isinstance(replaced, dict):
            replaced = {}
    except (OSError, ValueError):
        replaced = {}
    kept = {}
    for parent in VERSIONED:
        if not (current / parent).is_dir():
            continue
        for folder in sorted((current / parent).iterdir()):
            relative = f"{parent}/{folder.name}"
            if not folder.is_dir() or folder.is_symlink() or (new / relative).exists():
                continue
            since = replaced.get(relative)
            since = float(since) if isinstance(since, (int, float)) else now
            if now - since >= KEEP_SECONDS:
                continue
            (new / parent).mkdir(parents=True, exist_ok=True)
            shutil.copytree(folder, new / relative, symlinks=True, copy_function=_link_or_copy)
            kept[relative] = since
    (new / PREVIOUS).write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(kept)


def lock_builds(target: Path):
    """Hold the build lock beside target until the returned file is closed (waits for a build in progress)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = open(target.parent / f".{target.name}.build-lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def remove_leftovers(target: Path) -> list[str]:
    """Delete what killed builds left beside target (site.new-*, site.old-*): only under the build lock, when no
    other build can be writing one. Returns their names."""
    found = sorted(p for pattern in (f"{target.name}.new-*", f"{target.name}.old-*")
                   for p in target.parent.glob(pattern) if p.is_dir() and not p.is_symlink())
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
    return [p.name for p in found]


def new_folder_beside(target: Path) -> Path:
    """An empty folder for the next build, beside target, readable as a site must be (mkdtemp makes it 0700:
    a server's worker running as another user could not read the site root)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to build (default: this one)")
    args = parser.parse_args()
    target = args.site_dir.absolute()
    with lock_builds(target):
        for name in remove_leftovers(target):
            print(f"publish_site: removed {name}, left by a build that did not finish", file=sys.stderr)
        new = new_folder_beside(target)
        try:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)],
                                  cwd=args.root, env=env)
            if proc.returncode != 0:
                print(f"publish_site: the build failed; {target} is unchanged", file=sys.stderr)
                return proc.returncode
            carry_over_well_known(target, new)
            kept = keep_previous_assets(target, new) if target.is_dir() else []
            how = swap(new, target)
        finally:
            if new.exists():
                shutil.rmtree(new, ignore_errors=True)
    kept_note = f"; kept for a day: {', '.join(kept)}" if kept else ""
    print(f"publish_site: {target} is the new build ({how}){kept_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
