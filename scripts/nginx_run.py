#!/usr/bin/env python3
"""Serve a built site with the shipped nginx configuration, in the foreground, on 127.0.0.1.

    python3 scripts/nginx_run.py [--port 8080] [SITE]        (SITE: default site/; `make serve-nginx PORT=8080`)

Fills deploy/nginx.conf's @PORT@, @SITE@ and @SITE_CONF@ into a temporary prefix folder (pid file, temp
folders) and runs Debian's nginx there with `daemon off`: the rules are deploy/site.conf, copied there with
its access log on standard output (a production server writes /var/log/nginx/access.log), and the policy
line the build wrote into SITE/.nginx-csp.conf. Ctrl-C stops it.
The tests and scripts/bench_nginx.py start it through `start()`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
CSP_FILE = ".nginx-csp.conf"


def check(site: Path) -> None:
    if not Path(NGINX).is_file() or not BROTLI_MODULE.is_file():
        raise SystemExit("nginx or its brotli_static module is missing: `make nginx` installs Debian's (needs root)")
    if not (site / "index.html").is_file() or not (site / CSP_FILE).is_file():
        raise SystemExit(f"{site} holds no built site (no index.html or {CSP_FILE}): run `make build` first")


SHIPPED_ACCESS_LOG = "access_log /var/log/nginx/access.log site_private;"


def site_conf(access_log: str = "/dev/stdout") -> str:
    """deploy/site.conf as it is, but for where its access log goes (a production server's file, in site.conf)."""
    text = (DEPLOY / "site.conf").read_text(encoding="utf-8")
    if SHIPPED_ACCESS_LOG not in text:
        raise RuntimeError(f"deploy/site.conf has no `{SHIPPED_ACCESS_LOG}` line")
    return text.replace(SHIPPED_ACCESS_LOG, f"access_log {access_log} site_private;")


def render(site: Path, port: int, prefix: Path, access_log: str = "/dev/stdout") -> Path:
    """Write the configuration for this site and port into the prefix folder; return its path."""
    (prefix / "site.conf").write_text(site_conf(access_log), encoding="utf-8")
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for key, value in (("@PORT@", str(port)), ("@SITE@", str(site.resolve())),
                       ("@SITE_CONF@", str(prefix / "site.conf"))):
        text = text.replace(key, value)
    text = fit_open_files(text)
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def fit_open_files(text: str) -> str:
    """worker_rlimit_nofile no higher than this process may give nginx (its hard limit: a container's may be
    lower than the configuration's 32768, and nginx would write an alert per worker when it cannot raise it)."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        return text
    return re.sub(r"^worker_rlimit_nofile (\d+);", lambda m: f"worker_rlimit_nofile {min(int(m.group(1)), hard)};",
                  text, flags=re.M)


def command(conf: Path, prefix: Path) -> list[str]:
    directives = "daemon off;"
    if os.geteuid() == 0:
        # Started as root, nginx's workers would run as `nobody`, who may not read a site in a private
        # folder (a test's temporary build): keep them as the user who started it. Production configurations
        # set their own `user`.
        directives += " user root;"
    return [NGINX, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", directives]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx is not listening on 127.0.0.1:{port} after {timeout} s")


class Server:
    """A running nginx over a site: `url`, and `stop()` (also a context manager)."""

    def __init__(self, site: Path, port: int | None = None, log: Path | None = None, access_log: bool = False):
        check(site)
        self.prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # access_log: keep the access log (prefix/access.log, read by access_lines()), else none.
        conf = render(site, self.port, self.prefix,
                      str(self.prefix / "access.log") if access_log else "/dev/null")
        self.error_log = (self.prefix / "error.log").open("wb")
        self.process = subprocess.Popen(command(conf, self.prefix), stdout=subprocess.DEVNULL,
                                        stderr=self.error_log, stdin=subprocess.DEVNULL)
        try:
            wait_until_listening(self.port, self.process)
        except RuntimeError as error:
            self.stop()
            raise RuntimeError(f"{error}: {self.errors()}") from None

    def errors(self) -> str:
        """What nginx wrote to its error log so far."""
        return (self.prefix / "error.log").read_text(encoding="utf-8", errors="replace")

    def access_lines(self) -> list[str]:
        """What nginx wrote to its access log so far (started with access_log=True)."""
        path = self.prefix / "access.log"
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: a fast shutdown of the master and its workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.error_log.close()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    check(args.site)
    prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
    conf = render(args.site, args.port, prefix)
    print(f"Serving {args.site} with deploy/nginx.conf on http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    process = subprocess.Popen(command(conf, prefix))
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())  # `kill`: stop nginx too, then clean up
    try:
        return process.wait()
    except KeyboardInterrupt:
        # nginx had the same Ctrl-C (one process group): let it shut down, then clean up.
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait()
        return 0
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
