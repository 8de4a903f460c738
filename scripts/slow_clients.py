"""Slow clients against a server on 127.0.0.1: what tests/serving/test_slow_clients.py checks and
scripts/bench_nginx.py measures, with the same code.

- `open_partial(port, n)`: n connections that send the start of a request's headers and never finish it
  ("slowloris"); nginx cannot tell them from a slow phone until client_header_timeout.
- `open_slow_readers(port, path, n)`: n connections that each ask for a large file and read nothing more than
  the status line: requests in progress, which deploy/site.conf's `limit_conn` counts per address.
- `status_from(address, port, path)`: one request from a given source address. Linux routes all of
  127.0.0.0/8 to the loopback interface, so a client bound to 127.0.0.2 reaches a server on 127.0.0.1 as
  another address would: `limit_conn` counts it apart.
- `wait_closed(sockets, seconds)`: waits until the server has closed each connection.
"""

from __future__ import annotations

import re
import resource
import selectors
import socket
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CONF = ROOT / "deploy" / "site.conf"
PARTIAL_REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n"  # no blank line: never ends


def configured(directive: str) -> str:
    """A directive's value in deploy/site.conf (e.g. `limit_conn` -> "site_per_address 100")."""
    match = re.search(rf"^{re.escape(directive)}\s+([^;]+);", SITE_CONF.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise LookupError(f"deploy/site.conf sets no {directive}")
    return match.group(1).strip()


def per_address_limit() -> int:
    """The number of requests in progress one address may have (site.conf's `limit_conn`)."""
    return int(configured("limit_conn").split()[1])


def allow_open_files(n: int) -> None:
    """Raise this process's soft limit on open files to n, if it is lower (Debian's default soft limit is 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < n:
        if hard != resource.RLIM_INFINITY and hard < n:
            raise RuntimeError(f"this process may open {hard} files at most, {n} are needed (ulimit -Hn)")
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, hard))


def connect(port: int, address: str = "127.0.0.1", timeout: float = 10, receive_buffer: int | None = None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)  # before connect: a small window
    sock.settimeout(timeout)
    try:
        sock.bind((address, 0))
        sock.connect(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise
    return sock


def open_partial(port: int, n: int, address: str = "127.0.0.1") -> list[socket.socket]:
    """n connections, each with the first lines of a request's headers and no end to them."""
    sockets = []
    try:
        for _ in range(n):
            sock = connect(port, address)
            sockets.append(sock)
            sock.sendall(PARTIAL_REQUEST)
    except BaseException:
        close_all(sockets)
        raise
    return sockets


def read_status(sock: socket.socket) -> int | None:
    """The status code of the answer on sock, from its first line; None if the server closed it first."""
    data = b""
    while b"\r\n" not in data:
        try:
            chunk = sock.recv(64)
        except ConnectionResetError:
            return None
        if not chunk:
            return None
        data += chunk
    return int(data.split(b" ", 2)[1])


def open_slow_readers(port: int, path: str, n: int, address: str = "127.0.0.1"):
    """n connections that ask for path (a file larger than the socket buffers) and then stop reading.

    Returns (sockets, statuses): each connection's answer status, in the order they were opened.
    """
    sockets, statuses = [], []
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n\r\n".encode()
    try:
        for _ in range(n):
            sock = connect(port, address, receive_buffer=4096)
            sockets.append(sock)
            sock.sendall(request)
            statuses.append(read_status(sock))
    except BaseException:
        close_all(sockets)
        raise
    return sockets, statuses


def status_from(port: int, path: str = "/", address: str = "127.0.0.1", timeout: float = 10) -> int | None:
    """One whole request from `address`: the answer's status (None if the connection was closed unanswered)."""
    with connect(port, address, timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        return read_status(sock)


def wait_closed(sockets: list[socket.socket], seconds: float) -> list[socket.socket]:
    """Wait up to `seconds` for the server to close each connection; return those still open."""
    selector = selectors.DefaultSelector()
    for sock in sockets:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    still_open = set(sockets)
    deadline = time.monotonic() + seconds
    while still_open and time.monotonic() < deadline:
        for key, _ in selector.select(min(1.0, max(0.0, deadline - time.monotonic()))):
            try:
                closed = key.fileobj.recv(256) == b""
            except (ConnectionResetError, BlockingIOError) as error:
                closed = isinstance(error, ConnectionResetError)
            if closed:
                selector.unregister(key.fileobj)
                still_open.discard(key.fileobj)
    selector.close()
    return [s for s in sockets if s in still_open]


def close_all(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        sock.close()
