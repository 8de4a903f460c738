"""Atomic publishing (scripts/publish_site.py, which `make build` runs): a new build replaces site/ in one step.

With real folders: the swap itself, `.well-known/` kept across builds, a failed build publishing nothing, and a
real nginx serving a folder that is replaced over and over while a client asks for it: every answer is a whole
build, never a 403 or 404.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402
import publish_site  # noqa: E402

PAGES = ["index.html", "404.html", "notice/index.html", "zh/index.html", "zh/404.html"]


def make_build(folder: Path, build_id: str) -> Path:
    """A small site as the build writes it: pages that name their build, and the policy file nginx includes."""
    for name in PAGES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<!doctype html><title>{build_id}</title>\n{build_id} {name}\n",
                                  encoding="utf-8")
    (folder / ".nginx-csp.conf").write_text(
        "add_header Content-Security-Policy \"default-src 'self'\" always;\n", encoding="utf-8")
    return folder


def build_of(folder: Path) -> str:
    """The one build id every page in folder names (fails on a mix of builds or a missing page)."""
    ids = {(folder / name).read_text(encoding="utf-8").splitlines()[-1].split()[0] for name in PAGES}
    assert len(ids) == 1, ids
    return ids.pop()


def siblings(folder: Path) -> list[str]:
    """The folders beside the site (the build lock, `.site.build-lock`, is not a build)."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name != f".{folder.name}.build-lock")


def test_the_first_build_is_renamed_into_place(tmp_path):
    new = make_build(tmp_path / "site.new-1", "A")
    assert publish_site.swap(new, tmp_path / "site") == "renamed"
    assert build_of(tmp_path / "site") == "A"
    assert siblings(tmp_path / "site") == ["site"]


def test_a_new_build_replaces_the_old_one_whole_and_the_old_one_is_deleted(tmp_path):
    site = make_build(tmp_path / "site", "A")
    (site / "old-only.html").write_text("A page the new build no longer has", encoding="utf-8")
    new = make_build(tmp_path / "site.new-2", "B")
    # On Linux (ext4, tmpfs, overlayfs, ...) one renameat2(RENAME_EXCHANGE): the folders trade places.
    assert publish_site.swap(new, site) == "exchanged"
    assert build_of(site) == "B"
    assert not (site / "old-only.html").exists()
    assert siblings(site) == ["site"]


def test_where_folders_cannot_be_exchanged_two_renames_do_it(tmp_path, monkeypatch):
    monkeypatch.setattr(publish_site, "_exchange", lambda a, b: False)
    site = make_build(tmp_path / "site", "A")
    assert publish_site.swap(make_build(tmp_path / "site.new-3", "B"), site) == "renamed twice"
    assert build_of(site) == "B"
    assert siblings(site) == ["site"]


def test_a_symlink_or_a_file_in_the_way_is_not_replaced(tmp_path):
    real = make_build(tmp_path / "real", "A")
    (tmp_path / "site").symlink_to(real)
    with pytest.raises(ValueError):
        publish_site.swap(make_build(tmp_path / "site.new-4", "B"), tmp_path / "site")
    assert build_of(real) == "A"


def test_well_known_is_carried_over_unless_the_build_has_its_own(tmp_path):
    site = make_build(tmp_path / "site", "A")
    (site / ".well-known" / "acme-challenge").mkdir(parents=True)
    (site / ".well-known" / "acme-challenge" / "token").write_text("token.thumbprint", encoding="utf-8")
    new = make_build(tmp_path / "site.new-5", "B")
    assert publish_site.carry_over_well_known(site, new)
    publish_site.swap(new, site)
    assert (site / ".well-known" / "acme-challenge" / "token").read_text(encoding="utf-8") == "token.thumbprint"

    own = make_build(tmp_path / "site.new-6", "C")
    (own / ".well-known").mkdir()
    (own / ".well-known" / "security.txt").write_text("Contact: mailto:a@example.org", encoding="utf-8")
    assert not publish_site.carry_over_well_known(site, own)
    publish_site.swap(own, site)
    assert sorted(p.name for p in (site / ".well-known").iterdir()) == ["security.txt"]


def test_the_new_folder_is_readable_by_a_server_running_as_another_user(tmp_path):
    folder = publish_site.new_folder_beside(tmp_path / "site")
    assert folder.parent == tmp_path and folder.name.startswith("site.new-")
    assert folder.stat().st_mode & 0o055 == 0o055  # group and others may read and enter it (umask 022)


@pytest.mark.parametrize("outcome", ["fails", "succeeds"])
def test_make_build_publishes_only_a_successful_build(tmp_path, monkeypatch, outcome):
    """publish_site.main() as `make build` runs it, with mkdocs stood in for by a build that writes half a
    site and fails, or a whole one."""
    site = make_build(tmp_path / "site", "A")
    calls = []

    def fake_mkdocs(command, **kwargs):
        assert command[1:5] == ["-m", "mkdocs", "build", "--strict"]
        folder = Path(command[command.index("--site-dir") + 1])
        assert folder.parent == tmp_path and folder != site
        calls.append(folder)
        if outcome == "fails":
            (folder / "index.html").write_text("half a build", encoding="utf-8")
            return subprocess.CompletedProcess(command, 1)
        make_build(folder, "B")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(publish_site.subprocess, "run", fake_mkdocs)
    monkeypatch.setattr(sys, "argv", ["publish_site.py", "--site-dir", str(site)])
    status = publish_site.main()
    assert len(calls) == 1
    assert siblings(site) == ["site"]  # no folder left behind either way
    if outcome == "fails":
        assert status == 1 and build_of(site) == "A"
    else:
        assert status == 0 and build_of(site) == "B"


def test_nginx_serves_a_whole_build_throughout_repeated_swaps(tmp_path):
    """A client asks nginx (the shipped configuration) for pages without a pause while the site folder is
    replaced 200 times: every answer is 200, with a page of one build or the next."""
    site = make_build(tmp_path / "site", "build0")
    swaps = 200
    done = threading.Event()
    errors = []

    def publish():
        try:
            for n in range(1, swaps + 1):
                publish_site.swap(make_build(tmp_path / f"site.new-{n}", f"build{n}"), site)
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            done.set()

    answers = []
    with nginx_run.Server(site) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        publisher = threading.Thread(target=publish)
        publisher.start()
        while not done.is_set() or len(answers) < 50:
            for path in ("/", "/notice/", "/zh/"):
                connection.request("GET", path)
                response = connection.getresponse()
                answers.append((path, response.status, response.read().decode("utf-8")))
        publisher.join()
        connection.close()
    assert not errors, errors
    assert build_of(site) == f"build{swaps}"
    bad = [a for a in answers if a[1] != 200]
    assert not bad, f"{len(bad)} of {len(answers)} answers were not 200: {bad[:5]}"
    expected_file = {"/": "index.html", "/notice/": "notice/index.html", "/zh/": "zh/index.html"}
    for path, _, body in answers:
        build_id, name = body.splitlines()[-1].split()
        assert name == expected_file[path] and build_id.startswith("build"), body
    assert siblings(site) == ["site"]


def test_folders_a_killed_build_left_are_removed_by_the_next_build(tmp_path, monkeypatch):
    """A build killed midway (Ctrl-C, the machine rebooted) leaves its site.new-* folder; the next build, which
    holds the build lock, deletes it, and the one a killed fallback swap left (site.old-*)."""
    site = make_build(tmp_path / "site", "A")
    make_build(tmp_path / "site.new-k1ll3d", "half")
    (tmp_path / "site.old-abcd" / "site").mkdir(parents=True)

    def fake_mkdocs(command, **kwargs):
        make_build(Path(command[command.index("--site-dir") + 1]), "B")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(publish_site.subprocess, "run", fake_mkdocs)
    monkeypatch.setattr(sys, "argv", ["publish_site.py", "--site-dir", str(site)])
    assert publish_site.main() == 0
    assert siblings(site) == ["site"] and build_of(site) == "B"


def versioned(site: Path, *folders: str) -> None:
    for folder in folders:
        (site / folder).mkdir(parents=True)
        (site / folder / "file.js").write_text(folder, encoding="utf-8")


def test_the_previous_builds_engine_and_front_end_are_kept_for_a_day(tmp_path):
    """A tab opened before a deploy goes on loading the engine, front end and runtime its page named: the new
    build keeps the folders it replaced for a day (hard links: no copy), then drops them."""
    site = make_build(tmp_path / "site", "A")
    versioned(site, "assets/engine/old1", "assets/wizard/old1", "assets/pyodide/0.1-old1", "assets/engine/same")
    new = make_build(tmp_path / "site.new-1", "B")
    versioned(new, "assets/engine/new2", "assets/wizard/new2", "assets/pyodide/0.1-new2", "assets/engine/same")
    now = 1_800_000_000.0
    kept = publish_site.keep_previous_assets(site, new, now=now)
    assert kept == ["assets/engine/old1", "assets/pyodide/0.1-old1", "assets/wizard/old1"]
    assert (new / "assets/engine/old1/file.js").read_text(encoding="utf-8") == "assets/engine/old1"
    assert (new / "assets/engine/old1/file.js").stat().st_ino == (site / "assets/engine/old1/file.js").stat().st_ino
    assert (new / "assets/engine/same/file.js").read_text(encoding="utf-8") == "assets/engine/same"  # the new one's
    publish_site.swap(new, site)
    assert (site / "assets/engine/old1/file.js").is_file()  # the old site is gone, its files live on

    # The next deploy, within the day: the first build's folders still kept (since when they were replaced), and
    # the second's too.
    newer = make_build(tmp_path / "site.new-2", "C")
    versioned(newer, "assets/engine/new3", "assets/wizard/new3", "assets/pyodide/0.1-new3")
    kept = publish_site.keep_previous_assets(site, newer, now=now + 3600)
    assert {"assets/engine/old1", "assets/engine/new2", "assets/engine/same"} <= set(kept)
    publish_site.swap(newer, site)
    # A day after the first replacement: those go, the second build's (replaced an hour later) stay.
    last = make_build(tmp_path / "site.new-3", "D")
    versioned(last, "assets/engine/new3", "assets/wizard/new3", "assets/pyodide/0.1-new3")
    kept = publish_site.keep_previous_assets(site, last, now=now + 24 * 3600 + 1)
    assert kept == ["assets/engine/new2", "assets/engine/same", "assets/pyodide/0.1-new2", "assets/wizard/new2"]
