"""The admin sign-in refuses password guessing: per account and per address, with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from dateline.core.login_throttle import MESSAGE, PER_ACCOUNT, PER_ADDRESS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
    cache.clear()
    yield
    cache.clear()


def _sign_in(username: str, password: str, address: str = "198.51.100.7") -> str:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    if response.status_code == 302:
        return "signed in"
    return response.content.decode()


def test_the_right_password_is_refused_after_too_many_guesses_on_one_account() -> None:
    User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    for i in range(PER_ACCOUNT):
        assert "signed in" != _sign_in("editor", f"guess-{i}", address=f"198.51.100.{i + 1}")
    page = _sign_in("editor", "correct horse battery", address="203.0.113.9")
    assert "Too many failed sign-ins" in page and MESSAGE.split(".")[0] in page
    # Another account is not locked by it.
    User.objects.create_superuser("desk", "desk@example.com", "another good password")
    assert _sign_in("desk", "another good password", address="203.0.113.9") == "signed in"


def test_one_address_guessing_many_accounts_is_throttled() -> None:
    User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    for i in range(PER_ADDRESS):
        assert "signed in" != _sign_in(f"user{i}", "guess")
    assert "Too many failed sign-ins" in _sign_in("editor", "correct horse battery")
    assert _sign_in("editor", "correct horse battery", address="203.0.113.10") == "signed in"


def test_a_success_before_the_limit_resets_the_account_count() -> None:
    User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    for _ in range(PER_ACCOUNT - 1):
        _sign_in("editor", "wrong", address="192.0.2.1")
    assert _sign_in("editor", "correct horse battery", address="192.0.2.2") == "signed in"
    for _ in range(PER_ACCOUNT - 1):
        _sign_in("editor", "wrong", address="192.0.2.3")
    assert _sign_in("editor", "correct horse battery", address="192.0.2.4") == "signed in"
