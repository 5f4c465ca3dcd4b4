"""Private-address guard: pure checks, resolution, and redirects that never connect."""

import asyncio

import httpx
import pytest
from hostile_server import HostileServer, serve_hostile

from dateline.sources.fetch import Fetcher, FetchSettings
from dateline.sources.netguard import check_addresses, check_url, check_url_async


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.5", "private"),
        ("192.168.1.1", "private"),
        ("172.16.3.4", "private"),
        ("127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_non_public_addresses_refused(address, kind):
    reason = check_addresses("host.example", [address])
    assert reason is not None and reason.startswith(f"refused: resolves to {kind} address")


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address):
    assert check_addresses("host.example", [address]) is None


def test_one_private_address_among_public_ones_is_refused():
    assert (
        check_addresses("h.example", ["8.8.8.8", "10.0.0.5"])
        == "refused: resolves to private address 10.0.0.5"
    )


def test_allow_list_by_network_and_host_name():
    assert check_addresses("h", ["127.0.0.1"], allowed_networks=("127.0.0.1",)) is None
    assert check_addresses("h", ["10.1.2.3"], allowed_networks=("10.0.0.0/8",)) is None
    assert check_addresses("intranet.example", ["10.1.2.3"], allowed_networks=("intranet.example",)) is None
    assert check_addresses("h", ["10.1.2.3"], allowed_networks=("127.0.0.1",)) is not None
    assert check_addresses("h", ["10.1.2.3"], allow_private=True) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "refused: unsupported scheme 'file', only http and https"),
        ("gopher://x.example/", "refused: unsupported scheme 'gopher', only http and https"),
        ("http:///nohost", "invalid URL: no host"),
        ("http://10.0.0.1/feed", "refused: resolves to private address 10.0.0.1"),
        ("http://[::1]:8080/", "refused: resolves to loopback address ::1"),
        ("http://localhost/", "refused: resolves to loopback address"),
    ],
)
def test_check_url(url, reason):
    assert (check_url(url) or "").startswith(reason)


def test_dns_name_resolving_to_private_address_is_refused():
    async def rebinding(host, port):
        return ["10.9.8.7"]

    reason = asyncio.run(check_url_async("https://innocent.example/feed", resolver=rebinding))
    assert reason == "refused: resolves to private address 10.9.8.7"


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the real transport, remembering every host it was asked to reach."""

    def __init__(self):
        self.inner = httpx.AsyncHTTPTransport()
        self.hosts = []

    async def handle_async_request(self, request):
        self.hosts.append(request.url.host)
        return await self.inner.handle_async_request(request)

    async def aclose(self):
        await self.inner.aclose()


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/to-private", "refused: resolves to private address 10.0.0.1"),
        ("/to-link-local", "refused: resolves to link-local address 169.254.169.254"),
        ("/to-ipv6-loopback", "refused: resolves to loopback address ::1"),
        ("/to-file", "refused: unsupported scheme 'file', only http and https"),
    ],
)
def test_redirect_to_private_address_refused_without_connecting(path, error):
    transport = RecordingTransport()
    settings = FetchSettings(user_agent="Dateline/test", per_host_delay=0, allowed_networks=("127.0.0.1",))

    async def go(url):
        async with Fetcher(settings, transport=transport) as fetcher:
            return await fetcher.fetch(url)

    with serve_hostile() as base_url:
        result = asyncio.run(go(base_url + path))
    assert result.error == error and result.status is None and not result.ok
    assert set(transport.hosts) == {"127.0.0.1"}  # only the test server was ever contacted


def test_loopback_refused_by_default_even_for_the_test_server():
    with HostileServer() as server:
        settings = FetchSettings(user_agent="Dateline/test", per_host_delay=0)

        async def go():
            async with Fetcher(settings) as fetcher:
                return await fetcher.fetch(server.url("/feed.xml"))

        result = asyncio.run(go())
        assert result.error == "refused: resolves to loopback address 127.0.0.1"
        assert server.requests == []
