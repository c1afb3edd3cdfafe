"""The README's quick start, run as a newcomer pastes it: every ```` ```sh readme-test ````
block, in order, in one bash with ``set -euo pipefail``, in an empty directory that looks
like the repository root (``.venv`` and the shipped UN list are linked in), against a fresh
database and the real ``ictd serve`` the README starts, moved to a free port
(``ICTD_PORT``, and ``127.0.0.1:8000`` replaced in the text). Any failing command or HTTP
error (``curl -fsS``) fails the test. Blocks without the marker (``pip install``, the
PostgreSQL example) are illustrations and stay out.

On SQLite only, as the README itself: a run takes about half a minute, most of it in the
start-up of each ``ictd`` command; the same commands on PostgreSQL would double that and
are covered by the CLI and API tests.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```sh readme-test\n(.*?)^```$", re.MULTILINE | re.DOTALL)
HOST_PORT = "127.0.0.1:8000"
README_DATABASE = "sqlite:///quickstart.db"


def readme_blocks() -> list[str]:
    """The README's shell blocks marked to be run, in order."""
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _root_like(workdir: Path) -> None:
    """``.venv`` and ``ictd/ingest/data`` where the README expects them, as links."""
    (workdir / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (workdir / "ictd" / "ingest").mkdir(parents=True)
    (workdir / "ictd" / "ingest" / "data").symlink_to(ROOT / "ictd" / "ingest" / "data")


def _stop_group(pgid: int) -> None:
    """Stop what the script left running (the server in the background) and wait for it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        for _ in range(100):
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def run_readme(workdir: Path) -> str:
    """Run the marked blocks; return everything they printed. Fails on a non-zero exit."""
    port = _free_port()
    script = "\n".join(["set -euo pipefail", *readme_blocks()]).replace(
        HOST_PORT, f"127.0.0.1:{port}"
    )
    _root_like(workdir)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ICTD_")}
    env |= {"ICTD_PORT": str(port), "ICTD_HOST": "127.0.0.1", "ICTD_XREF_FOLLOW_SECONDS": "0"}
    log = workdir / "readme.log"
    with log.open("w", encoding="utf-8") as out:
        shell = subprocess.Popen(
            ["bash", "-c", script],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the server is stopped with it
        )
        try:
            code = shell.wait(timeout=300)
        finally:
            _stop_group(shell.pid)
    output = log.read_text(encoding="utf-8")
    assert code == 0, f"the README's commands failed (exit {code}):\n{output[-6000:]}"
    return output


def test_the_readme_marks_the_quick_start_to_be_run() -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 4
    text = "\n".join(blocks)
    assert README_DATABASE in text and HOST_PORT in text
    assert "ictd serve &" in text
    for line in text.splitlines():
        if line.lstrip().startswith("curl") or "$(curl" in line:
            assert "curl -fsS" in line, line  # an HTTP error must fail the run


@pytest.mark.slow
def test_the_readme_quick_start_runs_in_order(tmp_path: Path) -> None:
    if shutil.which("curl") is None:
        pytest.skip("the README's examples need curl")
    output = run_readme(tmp_path)
    assert "un-sc: 1003 added" in output
    subject = re.search(r"^subject (\d+)$", output, re.MULTILINE)
    assert subject is not None and int(subject.group(1)) > 1003  # after the UN list's subjects
    compact = output.replace(" ", "")
    # the listing went to the subject just created, not to whatever has id 1
    assert f'"subject_id":{subject.group(1)},' in compact and '"category":"terrorist"' in compact
    assert "ABU MOHAMMED AL-ADNANI".casefold() in output.casefold()
    assert "audit trail intact" in output
