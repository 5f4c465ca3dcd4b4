"""Optional model writer: any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp, hosted).

The model sees today's date (passed in by the caller's clock) and the quotable sources, and answers with
a JSON object ``{"headline": ..., "summary": ...}``; a plain "Headline: … / Summary: …" answer is also
accepted. Its draft is only published after the faithfulness gate in ``writer.write_story``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx

from dateline.stories.writer import Draft, SourceText

__all__ = ["ChatWriter", "WriterError", "build_messages", "parse_answer"]

_MAX_SOURCE_CHARS = 6000
_SYSTEM = (
    "You are the writer of a neutral world-news desk. Write a headline and a short account (80 to 180 "
    "words, one to three paragraphs) of one event from the source articles given. Use only facts stated "
    "in the sources: every name, number and date you write must appear in them. Attribute claims to the "
    'outlets by name ("According to <outlet>, ..."). No first person, no questions, no opinions, no '
    "teasers, no unnamed experts or analysts. Answer with one JSON object and nothing else: "
    '{"headline": "...", "summary": "paragraphs separated by blank lines"}.'
)


class WriterError(Exception):
    """The model writer could not produce a draft (network, HTTP status, or unusable answer)."""


def build_messages(sources: Sequence[SourceText], *, today: date) -> list[dict[str, str]]:
    """Chat messages for the model. Sources that forbid snippets are named but their text is withheld."""
    parts = [f"Today's date is {today.isoformat()} ({today.strftime('%A %d %B %Y')})."]
    for n, src in enumerate(sources, 1):
        when = src.published.date().isoformat() if src.published else "unknown"
        head = f"Source {n}: {src.outlet or 'unknown outlet'} | published {when} | {src.title}"
        if src.quotable:
            parts.append(f"{head}\n{src.text[:_MAX_SOURCE_CHARS]}")
        else:
            parts.append(f"{head}\n(text withheld at the publisher's request: do not quote or use it)")
    return [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": "\n\n".join(parts)}]


def parse_answer(content: str) -> tuple[str, str]:
    """Headline and summary from a model answer: a JSON object (possibly fenced) or labelled lines."""
    text = content.strip()
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", text)
    start, end = text.find("{"), text.rfind("}")
    if start != -1 and end > start:
        try:
            data = json.loads(text[start : end + 1])
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            headline, summary = data.get("headline"), data.get("summary")
            if isinstance(summary, list):
                summary = "\n\n".join(str(p) for p in summary)
            if (
                isinstance(headline, str)
                and isinstance(summary, str)
                and headline.strip()
                and summary.strip()
            ):
                return headline.strip(), summary.strip()
    match = re.search(r"(?is)^\W*headline\W*:\s*(.+?)\n+\W*summary\W*:\s*(.+)$", text)
    if match:
        return match.group(1).strip().strip("*#\"' "), match.group(2).strip()
    raise WriterError("model answer has no headline and summary")


class ChatWriter:
    """Client of an OpenAI-compatible ``POST {base_url}/chat/completions`` endpoint."""

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout

    def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        try:
            with httpx.Client(timeout=httpx.Timeout(self.timeout)) as client:
                response = client.post(f"{self.base_url}/chat/completions", json=payload, headers=headers)
        except httpx.TimeoutException as exc:
            raise WriterError(f"model endpoint timed out after {self.timeout:g}s") from exc
        except httpx.HTTPError as exc:
            raise WriterError(f"model endpoint unreachable: {exc}") from exc
        if response.status_code != 200:
            raise WriterError(f"model endpoint answered HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError as exc:
            raise WriterError("model endpoint answered invalid JSON") from exc
        if not isinstance(data, dict):
            raise WriterError("model endpoint answered an unexpected JSON value")
        return data

    def write(self, sources: Sequence[SourceText], *, today: date) -> Draft:
        """Ask the model for a draft; raises ``WriterError`` on any failure."""
        payload = {
            "model": self.model,
            "messages": build_messages(sources, today=today),
            "temperature": 0.2,
        }
        data = self._post(payload)
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise WriterError("model answer lacks choices[0].message.content") from exc
        if not isinstance(content, str):
            raise WriterError("model answer content is not text")
        headline, summary = parse_answer(content)
        return Draft(headline=headline, summary=summary, writer=f"model:{self.model}")
