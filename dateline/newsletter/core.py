"""The newsletter's pure core: schedule arithmetic, ranking, digest assembly, header hygiene.

No database, no network, no Django: everything here is a function of its arguments.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import re
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.header import Header
from zoneinfo import ZoneInfo

from dateline.text import script

UTC = dt.UTC
WEEK = dt.timedelta(days=7)
#: Stories per followed country, and in the worldwide section.
PER_COUNTRY = 5
PER_WORLD = 8
MAX_COUNTRIES = 10
#: A secondary country counts for this share of a story's score in that country's section.
SECONDARY_WEIGHT = 0.6

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")
_CODE = re.compile(r"^[A-Z]{2}$")


# --- addresses ------------------------------------------------------------------------

#: Scripts that may share one domain label (Unicode TS 39, "highly restrictive").
_SCRIPT_SETS = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)


def email_domain_problem(address: str) -> str | None:
    """Why a newsletter address cannot be used, or None.

    Its domain must be a public domain name: no IP literal (``a@[127.0.0.1]``), no bare
    ``localhost`` or other single-label name, and no label that mixes scripts (a Cyrillic
    "а" among Latin letters is a look-alike; Japanese, Chinese and Korean mixes are fine).
    """
    local, at, domain = address.rpartition("@")
    domain = domain.strip().rstrip(".")
    if not at or not local or not domain:
        return "Enter a full e-mail address."
    if domain.startswith("[") or _is_ip(domain):
        return "Enter an address with a domain name, not an IP address."
    try:
        unicode_domain = domain.encode("ascii").decode("idna") if domain.isascii() else domain
    except UnicodeError:
        return "This domain name is not valid."
    labels = unicode_domain.lower().split(".")
    if len(labels) < 2 or not all(labels):
        return "Enter an address with a public domain name."
    for label in labels:
        scripts = {script(c) for c in label if c.isalpha()}
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPT_SETS):
            return "This domain name mixes alphabets (a look-alike of another name?); check the address."
    return None


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# --- header hygiene -------------------------------------------------------------------


def header_safe(text: str, limit: int = 150) -> str:
    """One line of text fit for an email header: no CR, LF or other control characters.

    Stored text (headlines, the site name) goes into the Subject; a CR/LF in it must
    never start a new header, so every control character becomes a space.
    """
    flat = " ".join(_CONTROL.sub(" ", text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def subject_for(site_name: str, edition_date: dt.date, top_headline: str | None) -> str:
    """The digest's subject: site, date and (shortened) top headline, on one safe line."""
    base = f"{header_safe(site_name, 40)} weekly, {edition_date.day} {edition_date:%B %Y}"
    if top_headline:
        return header_safe(f"{base}: {top_headline}", 150)
    return base


# --- country choices --------------------------------------------------------------------


def clean_codes(
    values: Iterable[str], known: set[str] | None = None, limit: int = MAX_COUNTRIES
) -> list[str]:
    """Upper-cased, de-duplicated alpha-2 codes in their given order; unknown ones dropped."""
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            code = part.strip().upper()
            if _CODE.match(code) and code not in out and (known is None or code in known):
                out.append(code)
    return out[:limit]


def selection_key(countries: Sequence[str], worldwide: bool) -> tuple[tuple[str, ...], bool]:
    """A hashable key for one subscriber's choice; no choice at all means worldwide."""
    return tuple(countries), bool(worldwide or not countries)


# --- schedule -----------------------------------------------------------------------------


def send_time(edition_date: dt.date, hour: int, tz_name: str) -> dt.datetime:
    """The UTC moment an edition goes out: ``hour`` o'clock on its date in ``tz_name``."""
    local = dt.datetime.combine(edition_date, dt.time(hour=hour), tzinfo=ZoneInfo(tz_name))
    return local.astimezone(UTC)


def due_edition(now: dt.datetime, weekday: int, hour: int, tz_name: str) -> dt.date:
    """The date of the newest edition whose send time is at or before ``now``."""
    local_today = now.astimezone(ZoneInfo(tz_name)).date()
    candidate = local_today - dt.timedelta(days=(local_today.weekday() - weekday) % 7)
    if send_time(candidate, hour, tz_name) > now:
        candidate -= WEEK
    return candidate


def window(edition_date: dt.date, hour: int, tz_name: str) -> tuple[dt.datetime, dt.datetime]:
    """The edition's 7-day window, ending at its send time."""
    end = send_time(edition_date, hour, tz_name)
    return end - WEEK, end


# --- ranking and assembly -----------------------------------------------------------------


def trend_score(outlets: int, articles: int) -> float:
    """A week's score: breadth of coverage (distinct outlets) first, then volume."""
    return float(outlets) + 0.25 * float(articles)


@dataclass(frozen=True)
class Ranked:
    """A story's standing within one edition's window."""

    story_id: int
    outlets: int
    articles: int

    @property
    def score(self) -> float:
        return trend_score(self.outlets, self.articles)


def rank(entries: Iterable[Ranked], positions: dict[int, int] | None = None) -> list[int]:
    """Story ids best first; with ``positions`` (story → 0 primary / >0 secondary) a
    secondary filing counts for :data:`SECONDARY_WEIGHT` of the score."""

    def key(entry: Ranked) -> tuple[float, int, int, int]:
        weight = 1.0
        if positions is not None and positions.get(entry.story_id, 0) > 0:
            weight = SECONDARY_WEIGHT
        return (-entry.score * weight, -entry.outlets, -entry.articles, -entry.story_id)

    return [entry.story_id for entry in sorted(entries, key=key)]


@dataclass
class Section:
    """One part of a digest: a country (``code``) or worldwide (``code`` is empty)."""

    code: str
    story_ids: list[int] = field(default_factory=list)


def assemble(
    countries: Sequence[str],
    worldwide: bool,
    ranked_by_country: dict[str, list[int]],
    ranked_world: list[int],
    per_country: int = PER_COUNTRY,
    per_world: int = PER_WORLD,
) -> list[Section]:
    """The digest's sections in the subscriber's order; no story appears twice.

    Country sections come first (what the reader chose), then worldwide, which skips
    whatever the country sections already showed.
    """
    seen: set[int] = set()
    sections: list[Section] = []

    def take(code: str, ids: list[int], limit: int) -> None:
        chosen: list[int] = []
        for story_id in ids:
            if story_id not in seen:
                chosen.append(story_id)
                seen.add(story_id)
                if len(chosen) >= limit:
                    break
        sections.append(Section(code=code, story_ids=chosen))

    for code in countries:
        take(code, ranked_by_country.get(code, []), per_country)
    if worldwide or not countries:
        take("", ranked_world, per_world)
    return sections


# --- SMTP outcomes --------------------------------------------------------------------------


def smtp_code(exc: BaseException) -> int | None:
    """The SMTP reply code carried by an error, if any."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return codes[0] if codes else None
    code = getattr(exc, "smtp_code", None)
    return code if isinstance(code, int) else None


def is_permanent(exc: BaseException) -> bool:
    """A 5xx reply about the recipient or the message: retrying will not help.

    Connection trouble and 4xx replies are transient and retried with backoff.
    """
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return False  # about our From address, not this subscriber: stop, do not blame them
    if not isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError):
        return False
    code = smtp_code(exc)
    return code is not None and 500 <= code < 600


def backoff(attempt: int, base: float, cap: float = 30.0) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based): exponential, capped."""
    return min(cap, base * (2 ** max(0, attempt - 1)))


# --- MIME ------------------------------------------------------------------------------------


def encode_header(name: str, value: str) -> str:
    """``Name: value`` on folded CRLF lines; non-ASCII text as RFC 2047 encoded words.

    The value is made header-safe first, so stored text can never add a header.
    """
    value = header_safe(value, 900)
    if value.isascii() and len(name) + len(value) + 2 <= 998:
        return f"{name}: {value}"
    encoded = Header(value, "utf-8", maxlinelen=76, header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}"


def _b64(text: str) -> bytes:
    return base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")


def multipart_alternative(headers: list[str], text: str, html: str, boundary: str) -> bytes:
    """A complete ``multipart/alternative`` message (plain text, then HTML) with CRLF endings.

    ``headers`` are finished lines from :func:`encode_header`. Bodies are base64: 7-bit
    safe for any server, short lines, and no way for body text to look like a boundary.
    """
    head = "\r\n".join(
        [*headers, "MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"']
    )
    part = 'Content-Type: text/{}; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    return b"".join(
        [
            head.encode("ascii"),
            f"\r\n\r\n--{boundary}\r\n{part.format('plain')}".encode("ascii"),
            _b64(text),
            f"--{boundary}\r\n{part.format('html')}".encode("ascii"),
            _b64(html),
            f"--{boundary}--\r\n".encode("ascii"),
        ]
    )
