"""Atomic writes: the target is replaced whole or not at all, and no temp file is left."""

from __future__ import annotations

import os

import pytest

from kg.export import io as kio


def test_write_replaces_existing_file(tmp_path):
    target = tmp_path / "kg.ttl"
    target.write_text("old", encoding="utf-8")
    kio.write_text_atomic(target, "新内容\n")
    assert target.read_bytes() == "新内容\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"]


def test_creates_parent_directories(tmp_path):
    target = tmp_path / "a" / "b" / "kg.trig"
    kio.write_bytes_atomic(target, b"x")
    assert target.read_bytes() == b"x"


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "kg.ttl"
    target.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(kio.os, "replace", boom)
    with pytest.raises(OSError):
        kio.write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"]


def test_lone_surrogate_is_refused_before_touching_the_file(tmp_path):
    target = tmp_path / "kg.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        kio.write_text_atomic(target, "bad \ud800")
    assert target.read_text(encoding="utf-8") == "old"


def test_written_file_is_readable_by_others(tmp_path):
    target = tmp_path / "kg.ttl"
    kio.write_text_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(target).st_mode & 0o777 == 0o666 & ~mask
