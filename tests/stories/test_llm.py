"""Tests of the model writer against a real local OpenAI-compatible HTTP server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dateline.stories.llm import ChatWriter, WriterError, parse_answer
from dateline.stories.writer import SourceText, write_story

SOURCES = [
    SourceText(
        outlet="BBC News",
        title="Flooding forces 12,000 from homes in Valencia - BBC News",
        text="Heavy rain caused severe flooding in Valencia on Tuesday, forcing 12,000 people from their homes. "
        "Regional president Carlos Mazon said emergency teams had rescued 200 people.",
    ),
    SourceText(
        outlet="Reuters",
        title="Spain floods: thousands evacuated | Reuters",
        text="Floods in the Valencia region forced about 12,000 people to leave their homes on Tuesday, "
        "regional authorities said. The Aemet weather agency said 300 litres of rain fell in some towns.",
    ),
    SourceText(
        outlet="Levante", title="Paiporta counts the cost", text="Secret text about Paiporta.", quotable=False
    ),
]
GOOD = {
    "headline": "Floods force 12,000 from their homes in Valencia",
    "summary": "According to BBC News, flooding in Valencia on Tuesday forced 12,000 people from their homes.\n\n"
    "According to Reuters, the Aemet weather agency said 300 litres of rain fell in some towns.",
}
INVENTED = {
    "headline": "Floods in Valencia",
    "summary": "Prime Minister Pedro Sanchez visited Valencia on Tuesday.",
}

# What the fake endpoint answers, keyed by model name; requests are recorded for inspection.
BEHAVIOUR: dict[str, Any] = {}
REQUESTS: list[dict[str, Any]] = []


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        REQUESTS.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        kind = BEHAVIOUR[body["model"]]
        if kind == "slow":
            time.sleep(1.0)
        if kind == "error":
            self._send(500, b'{"error": "boom"}')
        elif kind == "malformed":
            self._send(200, b'{"choices": [{"message": ')
        else:
            content = kind if isinstance(kind, str) and kind != "slow" else json.dumps(GOOD)
            if isinstance(kind, dict):
                content = json.dumps(kind)
            payload = {"choices": [{"message": {"role": "assistant", "content": content}}]}
            self._send(200, json.dumps(payload).encode())

    def _send(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _writer(base_url: str, behaviour: Any, name: str, timeout: float = 5.0) -> ChatWriter:
    BEHAVIOUR[name] = behaviour
    return ChatWriter(base_url, name, api_key="sk-test", timeout=timeout)


def test_good_answer_is_used_and_labelled(base_url: str) -> None:
    writer = _writer(base_url, dict(GOOD), "good-model")
    draft, problems = write_story(SOURCES, today=date(2024, 10, 30), model=writer)
    assert problems == []
    assert draft.writer == "model:good-model"
    assert draft.headline == GOOD["headline"] and draft.summary == GOOD["summary"]
    request = REQUESTS[-1]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    prompt = json.dumps(request["body"]["messages"])
    assert "2024-10-30" in prompt and "Valencia" in prompt
    assert "Secret text about Paiporta" not in prompt  # not quotable: withheld from the model


def test_invented_name_is_rejected_and_extractive_used(base_url: str) -> None:
    draft, problems = write_story(
        SOURCES, today=date(2024, 10, 30), model=_writer(base_url, INVENTED, "liar")
    )
    assert draft.writer == "extractive"
    assert any("Pedro Sanchez" in p for p in problems)


def test_timeout_falls_back(base_url: str) -> None:
    writer = _writer(base_url, "slow", "sleepy", timeout=0.2)
    with pytest.raises(WriterError, match="timed out"):
        writer.write(SOURCES, today=date(2024, 10, 30))
    draft, problems = write_story(SOURCES, today=date(2024, 10, 30), model=writer)
    assert draft.writer == "extractive" and "timed out" in problems[0]


def test_server_error_falls_back(base_url: str) -> None:
    writer = _writer(base_url, "error", "broken")
    with pytest.raises(WriterError, match="HTTP 500"):
        writer.write(SOURCES, today=date(2024, 10, 30))
    draft, problems = write_story(SOURCES, today=date(2024, 10, 30), model=writer)
    assert draft.writer == "extractive" and problems


def test_malformed_json_falls_back(base_url: str) -> None:
    writer = _writer(base_url, "malformed", "garbled")
    with pytest.raises(WriterError, match="invalid JSON"):
        writer.write(SOURCES, today=date(2024, 10, 30))


def test_content_without_headline_is_an_error(base_url: str) -> None:
    writer = _writer(base_url, "I cannot help with that.", "shy")
    with pytest.raises(WriterError, match="no headline"):
        writer.write(SOURCES, today=date(2024, 10, 30))


def test_unreachable_endpoint_is_an_error() -> None:
    writer = ChatWriter("http://127.0.0.1:9", "nobody", timeout=1.0)
    with pytest.raises(WriterError):
        writer.write(SOURCES, today=date(2024, 10, 30))


def test_parse_answer_accepts_fenced_json_and_labelled_lines() -> None:
    fenced = '```json\n{"headline": "H", "summary": ["P1", "P2"]}\n```'
    assert parse_answer(fenced) == ("H", "P1\n\nP2")
    assert parse_answer('Sure! {"headline": "H", "summary": "S"} Hope this helps.') == ("H", "S")
    assert parse_answer("**Headline:** Floods hit Valencia\n\nSummary: Water rose.") == (
        "Floods hit Valencia",
        "Water rose.",
    )
    with pytest.raises(WriterError):
        parse_answer('{"headline": "H"}')
