"""Same input → same bytes (runs, input order, hash seed); an interrupted build changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.export.staging import STAGING_PREFIX
from tests.robust.conftest import BAD, ROOT

SMALL = [BAD / n for n in ("utf8.txt", "gbk.txt", "utf16le_bom.txt", "hostile.txt", "html_wrapped.txt", "empty.txt")]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` (staging folders included, so leftovers show) → its bytes.

    The page cache under ``.cache/`` is left out: it is not an output, and it
    is filled as pages are extracted, before the outputs are staged.
    """
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).as_posix().startswith(".cache/")}


def test_two_runs_and_any_input_order_give_identical_bytes(tmp_path):
    build(SMALL, tmp_path / "a")
    build(list(reversed(SMALL)), tmp_path / "b")
    build([SMALL[3], SMALL[0], *SMALL[4:], *SMALL[1:3]], tmp_path / "c")
    a = snapshot(tmp_path / "a")
    assert len(a) == 8 + 5  # seven graph files, report.json, five extraction files
    assert a == snapshot(tmp_path / "b") == snapshot(tmp_path / "c")


def test_identical_bytes_across_hash_seeds(tmp_path):
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, SMALL), "-q", "-o", str(tmp_path / seed)],
                       env=env, cwd=ROOT, check=True, capture_output=True)
    assert snapshot(tmp_path / "0") == snapshot(tmp_path / "4242")


# Runs `kg build` with os.replace patched to stop right after the last output
# (report.json) lands in the staging folder: everything is written, nothing
# is committed. A marker file tells the test the build has got there.
_PAUSING_BUILD = """
import os, sys, time
marker, argv = sys.argv[1], sys.argv[2:]
real_replace = os.replace
def replace(src, dst, *a, **k):
    real_replace(src, dst, *a, **k)
    if str(dst).endswith("report.json") and "{prefix}" in str(dst):
        open(marker, "w").close()
        time.sleep(60)
os.replace = replace
from kg.cli import main
sys.exit(main(argv))
""".replace("{prefix}", STAGING_PREFIX)


def _interrupted_build(out: Path, marker: Path, sig: int) -> subprocess.CompletedProcess:
    """Start a pausing build of a different corpus into ``out``, send ``sig`` once it paused."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING_BUILD, str(marker), "build", str(BAD), "-q", "-o", str(out)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the build never reached its pause: {proc.communicate()}")
        time.sleep(0.05)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.fixture
def previous(tmp_path):
    """An output folder holding a finished build of SMALL, and its bytes."""
    out = tmp_path / "out"
    build(SMALL, out)
    return out, snapshot(out)


def test_sigkill_after_every_output_was_written_leaves_the_previous_outputs(previous, tmp_path):
    out, before = previous
    done = _interrupted_build(out, tmp_path / "paused", signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    after = snapshot(out)
    staged = {k: v for k, v in after.items() if k.startswith(STAGING_PREFIX)}
    assert any(k.endswith("/report.json") for k in staged)  # the new build had written everything…
    assert {k: v for k, v in after.items() if k not in staged} == before  # …and changed nothing
    build(SMALL, out)  # the next build clears the dead build's staging folder
    assert snapshot(out) == before


def test_sigint_leaves_the_previous_outputs_and_no_staging(previous, tmp_path):
    out, before = previous
    done = _interrupted_build(out, tmp_path / "paused", signal.SIGINT)
    assert done.returncode == 130
    assert done.stderr.strip().endswith("kg: error: interrupted; earlier outputs are left as they were")
    assert snapshot(out) == before


def test_a_live_builds_staging_folder_is_left_alone(tmp_path):
    out = tmp_path / "out"
    live = out / f"{STAGING_PREFIX}{os.getpid()}-x"
    dead = out / f"{STAGING_PREFIX}999999999-y"
    live.mkdir(parents=True)
    dead.mkdir()
    build(SMALL[:1], out)
    assert live.is_dir() and not dead.exists()
