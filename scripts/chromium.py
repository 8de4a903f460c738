"""How the tests and the benchmarks start Debian's Chromium: one place, so both measure the same browser."""

CHROMIUM = "/usr/bin/chromium"
# Chromium reaches no host but this machine, and makes no traffic of its own (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
