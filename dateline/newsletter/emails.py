"""Building the newsletter's emails: the digest (HTML + text) and the confirmation.

A digest is assembled from fragments rendered once (the page shell per edition, each
section per distinct story list) with placeholders for the few per-subscriber parts
(signed links, the address), filled in per message by plain string replacement.
"""

from __future__ import annotations

import datetime as dt
import secrets
import smtplib
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import formataddr, formatdate, parseaddr
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape

from dateline.newsletter import core, tokens
from dateline.newsletter.digest import DigestSection, EditionIndex
from dateline.newsletter.models import Subscriber

_MANAGE = "DLPLACEHOLDERMANAGE"
_UNSUB = "DLPLACEHOLDERUNSUB"
_EMAIL = "DLPLACEHOLDEREMAIL"
_BROWSER = "DLPLACEHOLDERBROWSER"
_SECTIONS = "DLPLACEHOLDERSECTIONS"


def absolute(path: str) -> str:
    """An absolute URL on the public site."""
    return settings.SITE_URL + path


def mail_domain() -> str:
    """The domain for Message-IDs and the List-Id: the From address's, else the site's."""
    _, address = parseaddr(str(settings.DEFAULT_FROM_EMAIL))
    domain = address.rpartition("@")[2] or (urlsplit(settings.SITE_URL).hostname or "localhost")
    return "".join(ch for ch in domain.lower() if ch.isalnum() or ch in ".-") or "localhost"


def new_message_id(edition_date: dt.date, subscriber_id: int) -> str:
    """A unique Message-ID, recorded before the first attempt and kept on retries."""
    return f"<newsletter.{edition_date:%Y%m%d}.{subscriber_id}.{secrets.token_hex(6)}@{mail_domain()}>"


def manage_urls(subscriber_id: int, key: str) -> tuple[str, str]:
    """The signed preferences and one-click unsubscribe URLs of a subscriber."""
    token = tokens.manage_token(subscriber_id, key)
    return (
        absolute(reverse("newsletter:preferences", kwargs={"token": token})),
        absolute(reverse("newsletter:unsubscribe", kwargs={"token": token})),
    )


def edition_url(edition_date: dt.date, countries: tuple[str, ...] = (), worldwide: bool = True) -> str:
    """The stable "view in browser" URL of an edition, for a selection of countries."""
    url = absolute(reverse("newsletter:edition", kwargs={"date": edition_date.isoformat()}))
    if countries:
        query = {"countries": ",".join(countries)}
        if worldwide:
            query["worldwide"] = "1"
        url += "?" + urlencode(query, safe=",")
    return url


def site_name() -> str:
    return core.header_safe(str(settings.SITE_NAME), 60) or "Dateline"


@dataclass(frozen=True)
class Outgoing:
    """One finished digest message: envelope, raw MIME bytes, and its parts for other backends."""

    sender: str
    recipient: str
    raw: bytes
    subject: str
    text: str
    html: str
    headers: dict[str, str]
    unsubscribe_url: str

    def as_django(self) -> EmailMultiAlternatives:
        """The same message as a Django email, for non-SMTP backends (console, tests)."""
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=self.headers["From"],
            to=[self.recipient],
            headers={k: v for k, v in self.headers.items() if k not in {"From", "To", "Subject"}},
        )
        message.attach_alternative(self.html, "text/html")
        return message


def transmit(connection: Any, outgoing: Outgoing) -> None:
    """Hand one message to the open mail connection; raises on any SMTP error.

    With Django's SMTP backend the prepared bytes go straight to its smtplib session
    (one connection for the whole edition); other backends get a Django email.
    """
    smtp = getattr(connection, "connection", None)
    if isinstance(smtp, smtplib.SMTP):
        smtp.sendmail(outgoing.sender, [outgoing.recipient], outgoing.raw)
    else:
        connection.send_messages([outgoing.as_django()])


class DigestRenderer:
    """Builds an edition's messages from precompiled templates.

    The page shell is rendered once per edition and each section once per distinct
    story list; a message is then string joins and replacements, so rendering cost does
    not grow with the number of subscribers or of distinct country selections.
    """

    def __init__(self, edition_date: dt.date, index: EditionIndex, cache_size: int = 4096) -> None:
        self.edition_date = edition_date
        self.index = index
        shell = {
            "site_name": site_name(),
            "site_url": settings.SITE_URL,
            "edition_date": edition_date,
            "window_start": index.start,
            "window_end": index.end,
            "sections": _SECTIONS,
            "browser_url": _BROWSER,
            "manage_url": _MANAGE,
            "unsubscribe_url": _UNSUB,
            "email": _EMAIL,
        }
        self._shell_html = get_template("newsletter/email/digest.html").render(shell)
        self._shell_text = get_template("newsletter/email/digest.txt").render(shell)
        self._section_html = get_template("newsletter/email/_section.html")
        self._section_text = get_template("newsletter/email/_section.txt")
        self._fragments: OrderedDict[tuple[str, tuple[int, ...]], tuple[str, str]] = OrderedDict()
        self._cache_size = cache_size
        self._boundary = f"==dateline-{secrets.token_hex(12)}"
        self._from = core.header_safe(str(settings.DEFAULT_FROM_EMAIL), 200)
        name, address = parseaddr(self._from)
        self._sender = address or self._from
        self._from_line = core.encode_header(
            "From", formataddr((name, address), charset="utf-8") if name else address
        )
        self._list_id = f"{site_name()} weekly <weekly.{mail_domain()}>"
        self._static_lines = [
            core.encode_header("List-Id", self._list_id),
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Auto-Submitted: auto-generated",
        ]
        self._subjects: dict[str, str] = {}
        # URL shapes resolved once; a token is URL-safe (base64url, ':' and '.').
        self._manage_url = absolute(reverse("newsletter:preferences", kwargs={"token": "DLTOKEN"}))
        self._unsub_url = absolute(reverse("newsletter:unsubscribe", kwargs={"token": "DLTOKEN"}))

    def _fragment(self, section: DigestSection) -> tuple[str, str]:
        key = (section.code, tuple(item.id for item in section.stories))
        found = self._fragments.get(key)
        if found is None:
            context = {"section": section}
            found = (self._section_html.render(context), self._section_text.render(context))
            self._fragments[key] = found
            if len(self._fragments) > self._cache_size:
                self._fragments.popitem(last=False)
        return found

    def content(self, countries: tuple[str, ...], worldwide: bool) -> tuple[str, str, str] | None:
        """Subject, HTML and text (with per-subscriber placeholders) for a selection;
        None when the selection has no story this week."""
        key = core.selection_key(countries, worldwide)
        sections = self.index.sections(*key)
        if not any(section.stories for section in sections):
            return None
        fragments = [self._fragment(section) for section in sections]
        browser = edition_url(self.edition_date, *key)
        html = self._shell_html.replace(_SECTIONS, "".join(f[0] for f in fragments)).replace(
            _BROWSER, escape(browser)
        )
        text = self._shell_text.replace(_SECTIONS, "".join(f[1] for f in fragments)).replace(
            _BROWSER, browser
        )
        top = next(s.stories[0].headline for s in sections if s.stories)
        subject = self._subjects.get(top)
        if subject is None:
            subject = self._subjects[top] = core.subject_for(site_name(), self.edition_date, top)
        return subject, html, text

    def build(
        self, content: tuple[str, str, str], email: str, subscriber_id: int, key: str, message_id: str
    ) -> Outgoing:
        """The message for one subscriber: placeholders filled, list headers set."""
        subject, html, text = content
        token = tokens.manage_token(subscriber_id, key)
        manage_url = self._manage_url.replace("DLTOKEN", token)
        unsubscribe_url = self._unsub_url.replace("DLTOKEN", token)
        html = (
            html.replace(_MANAGE, manage_url).replace(_UNSUB, unsubscribe_url).replace(_EMAIL, escape(email))
        )
        text = text.replace(_MANAGE, manage_url).replace(_UNSUB, unsubscribe_url).replace(_EMAIL, email)
        headers = {
            "From": self._from,
            "To": email,
            "Subject": subject,
            # Transport time of this very message, not the news clock.
            "Date": formatdate(usegmt=True),
            "Message-ID": message_id,
            "List-Id": self._list_id,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        }
        lines = [
            self._from_line,
            core.encode_header("To", email),
            core.encode_header("Subject", subject),
            core.encode_header("Date", headers["Date"]),
            core.encode_header("Message-ID", message_id),
            core.encode_header("List-Unsubscribe", headers["List-Unsubscribe"]),
            *self._static_lines,
        ]
        raw = core.multipart_alternative(lines, text, html, self._boundary)
        return Outgoing(self._sender, email, raw, subject, text, html, headers, unsubscribe_url)


def confirmation_message(
    subscriber: Subscriber, countries: list[str], worldwide: bool
) -> EmailMultiAlternatives:
    """The double opt-in email: one signed, expiring link that confirms these choices."""
    token = tokens.confirm_token(subscriber, countries, worldwide)
    context = {
        "site_name": site_name(),
        "site_url": settings.SITE_URL,
        "confirm_url": absolute(reverse("newsletter:confirm", kwargs={"token": token})),
        "countries": countries,
        "worldwide": worldwide or not countries,
        "hours": tokens.CONFIRM_MAX_AGE // 3600,
    }
    message = EmailMultiAlternatives(
        subject=core.header_safe(f"Confirm your {site_name()} weekly newsletter"),
        body=get_template("newsletter/email/confirm.txt").render(context),
        from_email=core.header_safe(str(settings.DEFAULT_FROM_EMAIL), 200),
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(get_template("newsletter/email/confirm.html").render(context), "text/html")
    return message
