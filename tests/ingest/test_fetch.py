"""Downloading a source (``fetch_source``) with ``httpx.MockTransport``; local paths; and a
failed download during ``ictd import un-sc URL``, which keeps the previous data."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from ictd.cli import app
from ictd.exc import SourceError
from ictd.ingest import fetch
from ictd.ingest.fetch import fetch_source
from ictd.store import Store
from tests.ingest.conftest import SOURCES

URL = "https://lists.example/consolidated.xml"
EXCERPT = SOURCES / "un-sc-excerpt.xml"


def _serving(status: int, body: bytes = b"") -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url == httpx.URL(URL)
        return httpx.Response(status, content=body)

    return httpx.MockTransport(answer)


def _timing_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("no answer", request=request)


def test_download() -> None:
    assert fetch_source(URL, transport=_serving(200, b"<xml/>")) == b"<xml/>"


def test_http_error_status() -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        fetch_source(URL, transport=_serving(404, b"not here"))


def test_timeout() -> None:
    with pytest.raises(SourceError, match="timed out after 5 s"):
        fetch_source(URL, timeout=5, transport=httpx.MockTransport(_timing_out))


def test_connection_failure() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(SourceError, match="ConnectError"):
        fetch_source(URL, transport=httpx.MockTransport(refuse))


def test_oversized_download(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_SOURCE_BYTES", 10)
    with pytest.raises(SourceError, match="exceeds 10 bytes"):
        fetch_source(URL, transport=_serving(200, b"x" * 11))
    assert fetch_source(URL, transport=_serving(200, b"x" * 10)) == b"x" * 10


def test_oversized_stream_without_length(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_SOURCE_BYTES", 10)

    def chunks(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 6, b"x" * 6]))

    with pytest.raises(SourceError, match="exceeds 10 bytes"):
        fetch_source(URL, transport=httpx.MockTransport(chunks))


def test_module_transport_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TRANSPORT", _serving(200, b"mocked"))
    assert fetch_source(URL) == b"mocked"


def test_local_paths(tmp_path: Path) -> None:
    assert fetch_source(str(EXCERPT)) == EXCERPT.read_bytes()
    with pytest.raises(SourceError, match="cannot read"):
        fetch_source(str(tmp_path / "missing.xml"))
    with pytest.raises(SourceError, match="cannot read"):
        fetch_source(str(tmp_path))


def _import(url: str, location: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["--database-url", url, "import", "un-sc", location], catch_exceptions=False
    )
    outcome = (result.exit_code, result.stdout + result.stderr)
    del result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return outcome


def test_failed_download_keeps_the_previous_data(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "TRANSPORT", _serving(200, EXCERPT.read_bytes()))
    code, out = _import(store.url, URL)
    assert code == 0 and out.startswith("un-sc: 7 added")
    with store.read() as session:
        before = session.sources.get("un-sc")
    for transport, words in (
        (_serving(503), "HTTP 503"),
        (httpx.MockTransport(_timing_out), "timed out"),
        (_serving(200, b"<CONSOLIDATED_LIST><INDIVIDUALS>"), "not well-formed"),
    ):
        monkeypatch.setattr(fetch, "TRANSPORT", transport)
        code, out = _import(store.url, URL)
        assert code == 1 and out.startswith("error:") and words in out
        assert "Traceback" not in out
        with store.read() as session:
            state = session.sources.get("un-sc")
            assert len(session.subjects.list_ids(None, 0, 100)) == 7
            assert len(session.listings.page(None, "active", 0, 100)) == 7
        assert state is not None and before is not None
        assert state.file_hash == before.file_hash and state.counts == before.counts
        assert state.last_import_at == before.last_import_at
        assert state.last_error is not None and words in state.last_error
