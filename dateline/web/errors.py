"""Error pages: in the site's layout for readers, JSON under ``/api/`` as the OpenAPI document says."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

_logger = logging.getLogger(__name__)


def _json(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store" if status >= 500 else "public, max-age=60"
    return response


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the site's layout with navigation and search; ``{"error": ...}`` under the API."""
    if _api(request):
        return _json("not found", 404)
    body = loader.render_to_string("web/404.html", {"path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the layout without anything that needs the database; JSON under the API."""
    if _api(request):
        return _json("internal error", 500)
    try:
        body: str = loader.render_to_string("web/500.html", {"SITE_NAME": settings.SITE_NAME})
    except Exception:  # the page about an error must not fail in turn
        _logger.exception("the 500 page failed to render")
        body = "<!doctype html><title>Server error</title><h1>Something went wrong on our side.</h1>"
    return HttpResponse(body, status=500)
