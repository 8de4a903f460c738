#!/usr/bin/env python3
"""Build the site into a new folder, then swap it into place: a server reading site/ never sees half a build.

    python3 scripts/publish_site.py [--site-dir site]        (`make build` runs it)

1. `mkdocs build --strict` into a new folder beside the target, `site.new-XXXXXXXX` (same file system, so the
   swap is a rename). A failed build (any warning) publishes nothing: the folder is deleted, site/ is left as
   it was and the exit status is mkdocs'.
2. `.well-known/` is carried over from the current site/ (certbot's webroot, security.txt: the agency's files,
   not the build's), unless the build made its own.
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
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WELL_KNOWN = ".well-known"

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
    args = parser.parse_args()
    target = args.site_dir.absolute()
    new = new_folder_beside(target)
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)],
                              cwd=ROOT, env=env)
        if proc.returncode != 0:
            print(f"publish_site: the build failed; {target} is unchanged", file=sys.stderr)
            return proc.returncode
        carry_over_well_known(target, new)
        how = swap(new, target)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    print(f"publish_site: {target} is the new build ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
