"""The pure core: schedule arithmetic, ranking, assembly, header hygiene, SMTP outcomes."""

from __future__ import annotations

import datetime as dt
import smtplib

from dateline.newsletter import core


def test_header_safe_removes_line_breaks_and_controls() -> None:
    assert core.header_safe("a\r\nBcc: x@y\n\tz\x00") == "a Bcc: x@y z"
    assert core.header_safe("a\u2028b") == "a b"
    assert len(core.header_safe("x" * 500, 100)) == 100


def test_subject_is_one_safe_line() -> None:
    subject = core.subject_for("Dateline\r\n", dt.date(2026, 6, 7), "Big\nnews")
    assert subject == "Dateline weekly, 7 June 2026: Big news"
    assert "\n" not in subject and "\r" not in subject


def test_due_edition_and_window_respect_timezone() -> None:
    # Sunday 08:00 in New York is 12:00 UTC (daylight saving time in June).
    before = dt.datetime(2026, 6, 7, 11, 59, tzinfo=dt.UTC)
    after = dt.datetime(2026, 6, 7, 12, 0, tzinfo=dt.UTC)
    assert core.due_edition(before, 6, 8, "America/New_York") == dt.date(2026, 5, 31)
    assert core.due_edition(after, 6, 8, "America/New_York") == dt.date(2026, 6, 7)
    start, end = core.window(dt.date(2026, 6, 7), 8, "America/New_York")
    assert end == after and end - start == dt.timedelta(days=7)
    # A Wednesday: the latest Sunday.
    assert core.due_edition(dt.datetime(2026, 6, 10, tzinfo=dt.UTC), 6, 8, "UTC") == dt.date(2026, 6, 7)


def test_rank_prefers_breadth_and_primary_filing() -> None:
    a = core.Ranked(1, outlets=5, articles=5)
    b = core.Ranked(2, outlets=1, articles=20)
    c = core.Ranked(3, outlets=4, articles=4)
    assert core.rank([b, c, a]) == [1, 2, 3]
    assert core.rank([a, c], positions={1: 1, 3: 0}) == [3, 1]


def test_assemble_never_repeats_a_story_and_keeps_order() -> None:
    sections = core.assemble(
        ["FR", "DE"], True, {"FR": [1, 2, 3], "DE": [2, 4]}, [2, 1, 5, 6], per_country=2, per_world=2
    )
    assert [(s.code, s.story_ids) for s in sections] == [("FR", [1, 2]), ("DE", [4]), ("", [5, 6])]
    assert [s.code for s in core.assemble([], False, {}, [7])] == [""]


def test_clean_codes() -> None:
    assert core.clean_codes(["fr", "FR,de", "xx1", "USA"], known={"FR", "DE"}) == ["FR", "DE"]
    assert len(core.clean_codes([f"A{chr(65 + i)}" for i in range(20)])) == core.MAX_COUNTRIES


def test_permanent_versus_transient_smtp_errors() -> None:
    refused = smtplib.SMTPRecipientsRefused({"a@b": (550, b"no such user")})
    assert core.is_permanent(refused)
    assert not core.is_permanent(smtplib.SMTPRecipientsRefused({"a@b": (451, b"try later")}))
    assert not core.is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not core.is_permanent(smtplib.SMTPSenderRefused(550, b"bad sender", "from@x"))
    assert core.is_permanent(smtplib.SMTPDataError(554, b"rejected"))
    assert [core.backoff(n, 1.0) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
