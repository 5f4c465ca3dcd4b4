"""Newsletter addresses need a public domain name: no IP literal, no mixed-script look-alike."""

from __future__ import annotations

import pytest

from dateline.newsletter.core import email_domain_problem
from dateline.newsletter.forms import SubscribeForm


@pytest.mark.parametrize(
    "address",
    [
        "reader@example.com",
        "reader@news.example.co.uk",
        "reader@bücher.de",
        "reader@xn--bcher-kva.de",
        "reader@пример.рф",  # all Cyrillic: one script
        "reader@例え.jp",  # Han and Hiragana: a Japanese name
        "reader@한국.kr",
    ],
)
def test_public_domain_names_are_accepted(address: str) -> None:
    assert email_domain_problem(address) is None


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("a@[127.0.0.1]", "IP address"),
        ("a@[IPv6:::1]", "IP address"),
        ("a@127.0.0.1", "IP address"),
        ("a@localhost", "public domain"),
        ("a@pаypal.com", "mixes alphabets"),  # a Cyrillic "а" among Latin letters
        ("a@xn--pypal-4ve.com", "mixes alphabets"),  # the same in punycode
        ("a@gοogle.com", "mixes alphabets"),  # a Greek omicron
        ("no-at-sign", "full"),
    ],
)
def test_ip_literals_and_look_alikes_are_refused(address: str, words: str) -> None:
    problem = email_domain_problem(address)
    assert problem is not None and words in problem


@pytest.mark.parametrize("address", ["a@[127.0.0.1]", "a@pаypal.com"])
def test_the_sign_up_form_refuses_them_with_a_clear_message(address: str) -> None:
    form = SubscribeForm(data={"email": address, "worldwide": "on"})
    assert not form.is_valid()
    assert form.errors["email"]
