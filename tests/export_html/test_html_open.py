"""`kg view` and `kg build --open` hand graph.html to the default browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import cli


@pytest.fixture
def opened(monkeypatch):
    """The URIs given to webbrowser.open instead of starting a browser."""
    uris: list[str] = []
    monkeypatch.setattr(cli.webbrowser, "open", lambda uri: uris.append(uri) or True)
    return uris


def test_view_opens_the_page_as_a_file_uri(tmp_path, opened):
    (tmp_path / "graph.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    assert cli.main(["view", str(tmp_path)]) == 0
    assert opened == [(tmp_path / "graph.html").resolve().as_uri()]


def test_view_without_a_build_is_an_input_error(tmp_path, opened, capsys):
    assert cli.main(["view", str(tmp_path)]) == cli.EXIT_INPUT
    assert opened == [] and "run `kg build` first" in capsys.readouterr().err


def test_view_says_where_the_page_is_when_no_browser_starts(tmp_path, monkeypatch, capsys):
    (tmp_path / "graph.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    monkeypatch.setattr(cli.webbrowser, "open", lambda uri: False)
    assert cli.main(["view", str(tmp_path)]) == 0
    assert Path(tmp_path / "graph.html").resolve().as_uri() in capsys.readouterr().err


def test_build_open_opens_the_built_page(tmp_path, opened):
    page = tmp_path / "in.txt"
    page.write_text("银杏社区开展助老活动\n\n青松区白桦街道银杏社区近日开展助老活动。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", "-q", "--open", str(page), "-o", str(out)]) == 0
    assert opened == [(out / "graph.html").resolve().as_uri()]
