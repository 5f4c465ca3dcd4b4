"""HTTP method handling for the whole site: HEAD wherever GET works, 405 with ``Allow`` elsewhere.

* :class:`HeadMiddleware` (first in the chain) answers HEAD by running the request as a GET and
  dropping the body, so every header — ``Content-Length``, ``ETag``, caching, security — is the one
  GET gets (RFC 9110 §9.3.2).
* :class:`MethodMiddleware` (before the CSRF check) refuses a method a view does not take with
  405 and an ``Allow`` header (JSON under ``/api/``), instead of a CSRF failure page for a POST
  to a read-only page. The admin keeps Django's own handling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict

__all__ = ["FORM_VIEWS", "READ_ONLY", "HeadMiddleware", "MethodMiddleware", "allowed_methods"]

READ_ONLY = ("GET", "HEAD")
_WITH_POST = ("GET", "HEAD", "POST")

# Views that take a form's POST, by URL name; every other page of the site is read-only.
FORM_VIEWS: dict[str, tuple[str, ...]] = {
    "report": _WITH_POST,
    "newsletter:subscribe": _WITH_POST,
    "newsletter:confirm": _WITH_POST,
    "newsletter:preferences": _WITH_POST,
    "newsletter:unsubscribe": _WITH_POST,
}


def allowed_methods(view_name: str) -> tuple[str, ...]:
    """The methods the page named ``view_name`` answers (pure)."""
    return FORM_VIEWS.get(view_name, READ_ONLY)


def not_allowed(request: HttpRequest, allowed: tuple[str, ...]) -> HttpResponse:
    """405 with ``Allow``: JSON under the API, plain text elsewhere."""
    allow = ", ".join(allowed)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": f"method not allowed; use {allow}"}, status=405)
    else:
        response = HttpResponse(
            f"Method not allowed. Use {allow}.\n", status=405, content_type="text/plain; charset=utf-8"
        )
    response["Allow"] = allow
    return response


def _drop_nul_characters(request: HttpRequest) -> None:
    """Remove NUL characters from the query string's names and values: no page means them, and
    PostgreSQL refuses them in any text it is asked to compare."""
    if "%00" not in request.META.get("QUERY_STRING", ""):
        return
    cleaned = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    cleaned._mutable = False
    request.GET = cleaned  # type: ignore[assignment]


class HeadMiddleware:
    """Answer HEAD as GET without the body; add the ``Permissions-Policy`` header to every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions = str(getattr(settings, "PERMISSIONS_POLICY", ""))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _drop_nul_characters(request)
        if request.method != "HEAD":
            response = self.get_response(request)
            if self.permissions:
                response.headers.setdefault("Permissions-Policy", self.permissions)
            return response
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            close = getattr(response, "close", None)
            if close is not None:
                close()
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""  # GET's Content-Length stays
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


class MethodMiddleware:
    """Refuse, before the CSRF check, a method that the resolved view does not take."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.app_name == "admin":
            return None
        allowed = allowed_methods(match.view_name)
        if request.method in allowed:
            return None
        return not_allowed(request, allowed)
