"""deploy/tls.conf.example, the HTTPS server blocks the agency fills in, run for real by Debian's nginx.

The example is used as shipped, with only what the agency changes filled in: the ports (127.0.0.1 and free
ports instead of 80 and 443), the paths (the test build, this repository's deploy/) and a throw-away
self-signed certificate made by openssl. Every other test serves plain HTTP (tests/conftest.py).
"""

from __future__ import annotations

import http.client
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402

EXAMPLE = ROOT / "deploy" / "tls.conf.example"
HOST = "permits.example.org"
TOKEN = "acme-Xy7_token"
HSTS = "max-age=31536000"


def render(text: str, site: Path, http_port: int, https_port: int, cert: Path, key: Path) -> str:
    lines = []
    for line in text.splitlines():
        if line.strip().startswith("listen [::]:"):
            continue  # loopback only
        lines.append(line)
    text = "\n".join(lines) + "\n"
    replacements = {
        "listen 80 deferred;": f"listen 127.0.0.1:{http_port} deferred;",
        "listen 443 ssl http2 deferred;": f"listen 127.0.0.1:{https_port} ssl http2 deferred;",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
        "/srv/permits/site": str(site),
        "/srv/permits/deploy": str(ROOT / "deploy"),
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/tls.conf.example no longer has {old!r}: update this test"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def tls_server(site_dir):
    if not shutil.which("openssl"):
        pytest.fail("openssl is missing: `make nginx` installs it")
    prefix = Path(tempfile.mkdtemp(prefix="nginx-tls-"))
    (prefix / "tmp").mkdir()
    cert, key = prefix / "cert.pem", prefix / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    http_port, https_port = nginx_run.free_port(), nginx_run.free_port()
    while https_port == http_port:
        https_port = nginx_run.free_port()
    # The site's rules as shipped, but for their access log (a production server's file): a copy that logs nothing.
    (prefix / "rules.conf").write_text(nginx_run.site_conf("/dev/null"), encoding="utf-8")
    example = render(EXAMPLE.read_text(encoding="utf-8"), site_dir, http_port, https_port, cert, key)
    example = example.replace(str(ROOT / "deploy" / "site.conf"), str(prefix / "rules.conf"))
    example = example.replace("access_log /var/log/nginx/access.log", "access_log /dev/null")
    (prefix / "site.conf").write_text(example, encoding="utf-8")
    (prefix / "nginx.conf").write_text(f"""
load_module {nginx_run.BROTLI_MODULE};
pid nginx.pid;
error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path tmp/client_body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    include {prefix}/site.conf;
}}
""", encoding="utf-8")
    challenge = site_dir / ".well-known" / "acme-challenge"
    challenge.mkdir(parents=True)
    (challenge / TOKEN).write_text(f"{TOKEN}.thumbprint", encoding="utf-8")
    (challenge / ".hidden").write_text("secret", encoding="utf-8")
    log = (prefix / "error.log").open("wb")
    process = subprocess.Popen(nginx_run.command(prefix / "nginx.conf", prefix), stdout=subprocess.DEVNULL,
                               stderr=log, stdin=subprocess.DEVNULL)
    try:
        nginx_run.wait_until_listening(http_port, process)
        nginx_run.wait_until_listening(https_port, process)
        yield http_port, https_port, cert
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        shutil.rmtree(site_dir / ".well-known")
        shutil.rmtree(prefix, ignore_errors=True)


def plain(port: int, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    answer = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return answer


def secure(port: int, cert: Path, path: str):
    context = ssl.create_default_context(cafile=str(cert))  # the certificate checked, for the public name

    class Connection(http.client.HTTPSConnection):
        def connect(self):  # to 127.0.0.1, with the public name in SNI and the certificate check
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            self.sock = context.wrap_socket(sock, server_hostname=HOST)

    connection = Connection(HOST, port, timeout=10, context=context)
    connection.request("GET", path, headers={"Accept-Encoding": "br"})
    response = connection.getresponse()
    answer = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return answer


@pytest.mark.parametrize("path", ["/", "/zh/wizard/?category=A", "/.well-known/security.txt"])
def test_plain_http_redirects_to_the_same_address_over_https(tls_server, path):
    http_port, _, _ = tls_server
    status, headers, _ = plain(http_port, path)
    assert status == 301
    assert headers["location"] == f"https://{HOST}{path}"


def test_plain_http_answers_the_acme_challenge(tls_server):
    http_port, _, _ = tls_server
    status, headers, body = plain(http_port, f"/.well-known/acme-challenge/{TOKEN}")
    assert status == 200
    assert body == f"{TOKEN}.thumbprint".encode()
    assert headers["content-type"].startswith("text/plain")
    status, _, body = plain(http_port, "/.well-known/acme-challenge/.hidden")
    assert status == 404 and b"secret" not in body


@pytest.mark.parametrize("path, status", [("/", 200), ("/zh/wizard/", 200), ("/no-such-page/", 404),
                                          (f"/.well-known/acme-challenge/{TOKEN}", 200)])
def test_https_serves_the_site_with_hsts_and_every_site_header(tls_server, site_dir, path, status):
    _, https_port, cert = tls_server
    got, headers, _ = secure(https_port, cert, path)
    assert got == status
    assert headers["strict-transport-security"] == HSTS
    # site.conf's headers are still all there beside HSTS (same level: none is dropped).
    csp = (site_dir / ".nginx-csp.conf").read_text(encoding="utf-8")
    assert headers["content-security-policy"] in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "cache-control" in headers
    if path in ("/", "/zh/wizard/"):
        assert headers["content-encoding"] == "br"
