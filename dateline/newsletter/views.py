"""Newsletter pages: sign-up, confirmation, preferences, one-click unsubscribe, editions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import Template
from django.template.loader import select_template
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dateline import clock
from dateline.newsletter import core, service, tokens
from dateline.newsletter.digest import EditionIndex
from dateline.newsletter.forms import PreferencesForm, SubscribeForm
from dateline.newsletter.models import Edition, Subscriber
from dateline.web.csrf import cross_origin_protect


def _base() -> Template:
    # The site's layout when the website provides it, else the newsletter's own.
    return select_template(["web/base.html", "newsletter/base.html"])


def _page(
    request: HttpRequest, name: str, context: dict[str, Any], status: int = 200, private: bool = False
) -> HttpResponse:
    response = render(request, f"newsletter/{name}", {"base_template": _base(), **context}, status=status)
    if private:
        # Pages reached by a personal signed link: never cached, never indexed.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
    return response


def _client_ip(request: HttpRequest) -> str:
    from dateline.web.views import _client_ip as client_ip

    return client_ip(request)


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """The sign-up page."""
    initial: dict[str, Any] = {}
    wanted = core.clean_codes(request.GET.getlist("country"))
    if wanted:
        initial["countries"] = wanted
    else:
        initial["worldwide"] = True
    return _page(request, "index.html", {"form": SubscribeForm(initial=initial)})


@cross_origin_protect
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Handle a sign-up (from this site's page or a story's box); one answer for everyone.

    Protected by the browser's Sec-Fetch-Site/Origin headers rather than a token, so that the box
    on every story page is the same cached page for every reader (:mod:`dateline.web.csrf`).
    """
    if request.method != "POST":
        return HttpResponseRedirect(reverse("newsletter:index"))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "index.html", {"form": form}, status=400)
    if service.ip_limited(_client_ip(request)):
        return _page(request, "limited.html", {}, status=429)
    data = form.cleaned_data
    service.subscribe(data["email"], data["countries"], data["worldwide"])
    return HttpResponseRedirect(reverse("newsletter:check_inbox"), status=303)


def check_inbox(request: HttpRequest) -> HttpResponse:
    """The answer to every accepted sign-up."""
    return _page(request, "check_inbox.html", {})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners only GET); POST confirms."""
    found = tokens.read_confirm_token(token)
    if found is None:
        return _page(request, "invalid_link.html", {"kind": "confirmation"}, status=400, private=True)
    subscriber, countries, worldwide = found
    if request.method == "POST":
        service.confirm(subscriber, countries, worldwide)
        manage = tokens.manage_token(subscriber.pk, subscriber.key)
        return HttpResponseRedirect(
            reverse("newsletter:preferences", kwargs={"token": manage}) + "?confirmed=1", status=303
        )
    return _page(
        request,
        "confirm.html",
        {"token": token, "countries": countries, "worldwide": worldwide or not countries},
        private=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Change countries, pause, resubscribe; reached from every email."""
    subscriber = tokens.read_manage_token(token)
    if subscriber is None:
        return _page(request, "invalid_link.html", {"kind": "preferences"}, status=400, private=True)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            service.update_preferences(subscriber, data["countries"], data["worldwide"], data["paused"])
            saved = True
    else:
        form = PreferencesForm(
            initial={
                "countries": subscriber.countries,
                "worldwide": subscriber.worldwide,
                "paused": subscriber.status == Subscriber.Status.PAUSED,
            }
        )
    context = {
        "subscriber": subscriber,
        "form": form,
        "token": token,
        "saved": saved,
        "confirmed": request.GET.get("confirmed") == "1",
        "receiving": subscriber.status == Subscriber.Status.ACTIVE,
    }
    status = 400 if form.is_bound and not saved else 200
    return _page(request, "preferences.html", context, status=status, private=True)


@csrf_exempt  # RFC 8058: mail clients POST here with no cookie; the signed token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe: only POST unsubscribes; GET shows a confirm button."""
    subscriber = tokens.read_manage_token(token)
    if subscriber is None:
        return _page(request, "invalid_link.html", {"kind": "unsubscribe"}, status=400, private=True)
    if request.method == "POST":
        service.unsubscribe(subscriber)
        return _page(request, "unsubscribed.html", {"token": token}, private=True)
    return _page(request, "unsubscribe.html", {"token": token, "subscriber": subscriber}, private=True)


def edition(request: HttpRequest, date: str) -> HttpResponse:
    """An edition in the browser: worldwide, or ``?countries=FR,DE`` (plus ``&worldwide=1``)."""
    try:
        edition_date = dt.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404("No such edition") from exc
    weekday, hour, tz = service.schedule()
    exists = Edition.objects.filter(date=edition_date).exists()
    if not exists and edition_date.weekday() != weekday:
        raise Http404("No edition on that date")
    start, end = service.edition_window(edition_date)
    if end > clock.now():
        raise Http404("This edition has not gone out yet")
    countries = tuple(core.clean_codes(request.GET.getlist("countries")))
    worldwide = not countries or request.GET.get("worldwide") == "1"
    sections = EditionIndex(start, end).sections(countries, worldwide)
    context = {
        "edition_date": edition_date,
        "window_start": start,
        "window_end": end,
        "sections": sections,
        "countries": countries,
        "worldwide": worldwide,
    }
    return _page(request, "edition.html", context)
