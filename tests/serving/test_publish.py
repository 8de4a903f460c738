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
    return sorted(p.name for p in folder.parent.iterdir())


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
