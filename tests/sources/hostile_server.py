"""A local HTTP server that misbehaves on purpose, for fetcher and pipeline tests.

    from hostile_server import serve_hostile, HostileServer, ROUTES

    with serve_hostile() as base_url:          # "http://127.0.0.1:PORT"
        ... fetch base_url + "/feed.xml" ...

    with HostileServer(slow_seconds=2) as server:  # when the request log is needed
        ... server.url("/feed.xml") ... server.hits("/robots.txt") ...

Binds 127.0.0.1 on a free port, one thread per request, HTTP/1.0 (no keep-alive, like
the recorded web). Fetchers under test must allow 127.0.0.1 (``allowed_networks=
("127.0.0.1",)``) while refusing the private and link-local targets some routes redirect
to; those targets are never served, so a fetcher that connects to them just fails.
``ROUTES`` lists every path with what it does; the feed bodies are module constants so
parser tests can use the same bytes inline.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\n"

FEED_ETAG = '"hostile-feed-v1"'
FEED_LAST_MODIFIED = "Tue, 19 Nov 2019 13:40:05 GMT"

HEALTHY_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Hostile Gazette</title><link>http://127.0.0.1/</link><description>Test feed</description>
<item><title>Floods hit the valley</title><link>/news/floods.html</link><guid isPermaLink="false">floods-1</guid>
<pubDate>Tue, 19 Nov 2019 13:40:05 +0100</pubDate><author>desk@example.org (News desk)</author>
<description>Rivers rose overnight.</description>
<content:encoded><![CDATA[<p>Rivers rose <b>overnight</b>.</p>]]></content:encoded></item>
<item><title>Elections called</title><link>http://127.0.0.1/news/elections.html</link>
<pubDate>Mon, 18 Nov 2019 09:00:00 GMT</pubDate><description>A vote in spring.</description></item>
</channel></rss>
"""

ARTICLE_HTML = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floods hit the valley</title>
<link rel="alternate" type="application/rss+xml" title="Hostile Gazette" href="/feed.xml"></head>
<body><article><h1>Floods hit the valley</h1><p>Rivers rose overnight in the valley.</p></article></body></html>
"""

# Not well-formed: an unclosed <title> and a bare ampersand; the first item is still readable.
MALFORMED_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Broken Times</title><link>http://127.0.0.1/</link>
<item><title>First story</title><link>http://127.0.0.1/first.html</link><description>Fine so far.</description></item>
<item><title>Second & broken<link>http://127.0.0.1/second.html</link></item>
</channel>
"""

# "Billion laughs": ten levels of ten-fold expansion.
BOMB_XML = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    b"<item><title>&lol9;</title><link>http://127.0.0.1/x</link></item></channel></rss>\n"
)

XXE_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Leaky</title>
<item><title>&xxe;</title><link>http://127.0.0.1/leak</link><description>&xxe;</description></item>
</channel></rss>
"""

# Declares ISO-8859-1 but the bytes are UTF-8: naive decoding gives "SÃ£o Paulo".
WRONG_CHARSET_RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Notícias</title><link>http://127.0.0.1/</link>
<item><title>São Paulo café reopens — “finally”</title><link>http://127.0.0.1/sp.html</link>
<description>Crème brûlée is back.</description></item></channel></rss>
""".encode()

# No encoding declaration (so UTF-8 by the XML rules) but the bytes are cp1252.
CP1252_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Le Monde d’hier</title><link>http://127.0.0.1/</link>
<item><title>Élections : “résultats” attendus</title><link>http://127.0.0.1/fr.html</link>
<description>Déjà vu – encore.</description></item></channel></rss>
""".encode("cp1252")

SCRIPT_TITLE_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Sneaky &lt;script&gt;alert(1)&lt;/script&gt;News</title><link>http://127.0.0.1/</link>
<item><title>&lt;script&gt;alert("x")&lt;/script&gt;Budget &amp;amp; taxes &lt;b&gt;passed&lt;/b&gt;</title>
<link>http://127.0.0.1/budget.html</link></item></channel></rss>
"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Journal",
 "home_page_url": "http://127.0.0.1/", "feed_url": "http://127.0.0.1/feed.json",
 "items": [{"id": "j1", "url": "/news/j1.html", "title": "Port reopens",
            "content_html": "<p>The port <em>reopened</em>.</p>", "summary": "The port reopened.",
            "date_published": "2019-11-19T13:40:05+01:00", "authors": [{"name": "Ana Lima"}]},
           {"id": "j2", "content_text": "Untitled note.", "date_published": "2019-11-18T09:00:00Z"}]}
"""

HUGE_SIZE = 20_000_000

FEEDS: dict[str, tuple[bytes, str]] = {
    "/feeds/malformed.xml": (MALFORMED_RSS, "application/rss+xml; charset=utf-8"),
    "/feeds/bomb.xml": (BOMB_XML, "application/rss+xml"),
    "/feeds/xxe.xml": (XXE_XML, "application/rss+xml"),
    "/feeds/wrong-charset.xml": (WRONG_CHARSET_RSS, "application/rss+xml"),
    "/feeds/cp1252.xml": (CP1252_RSS, "application/rss+xml"),
    "/feeds/script-title.xml": (SCRIPT_TITLE_RSS, "application/rss+xml; charset=utf-8"),
    "/feed.json": (JSON_FEED, "application/feed+json"),
}

ROUTES: dict[str, str] = {
    "/robots.txt": "disallows /private/ for every agent",
    "/feed.xml": f"healthy RSS 2.0; ETag {FEED_ETAG} and Last-Modified; conditional GET gets 304",
    "/article.html": "healthy article page with feed autodiscovery",
    "/private/page.html": "a page robots.txt disallows",
    "/slow": "waits slow_seconds before answering",
    "/dribble": "sends headers, then one byte every 0.1 s for slow_seconds * 10",
    "/status/<code>": "answers with that status (500, 404, 410, ...)",
    "/rate-limited": "429 with Retry-After: 120",
    "/unavailable": "503 with Retry-After as an HTTP-date one hour after its Date header",
    "/huge": f"{HUGE_SIZE} bytes, generated and streamed, with Content-Length",
    "/huge-unannounced": f"{HUGE_SIZE} bytes streamed without Content-Length",
    "/gzip-bomb": f"{HUGE_SIZE} zero bytes gzip-compressed (about 20 kB on the wire)",
    "/loop/a": "302 to /loop/b, which redirects back to /loop/a",
    "/redirect/<n>": "a chain of n redirects ending at /feed.xml",
    "/redirect-relative": "302 with a relative Location (feed.xml)",
    "/to-private": "302 to http://10.0.0.1/feed.xml",
    "/to-link-local": "302 to http://169.254.169.254/latest/meta-data/",
    "/to-ipv6-loopback": "302 to http://[::1]/feed.xml",
    "/to-file": "302 to file:///etc/passwd",
    **{path: "feed fixture (see the module constants)" for path in FEEDS},
}


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Hostile/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.record(RecordedRequest("GET", path, {k.lower(): v for k, v in self.headers.items()}))
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, which is usually the point of the route

    def send(self, status: int, body: bytes = b"", ctype: str = "text/plain", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", Location=location)

    def route(self, path: str) -> None:
        slow = self.server.slow_seconds
        if path == "/robots.txt":
            self.send(200, ROBOTS_TXT)
        elif path == "/feed.xml":
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            validators = {"ETag": FEED_ETAG, "Last_Modified": FEED_LAST_MODIFIED}
            if inm == FEED_ETAG or (inm is None and ims == FEED_LAST_MODIFIED):
                self.send_response(304)
                self.send_header("ETag", FEED_ETAG)
                self.send_header("Last-Modified", FEED_LAST_MODIFIED)
                self.end_headers()
            else:
                self.send(200, HEALTHY_RSS, "application/rss+xml; charset=utf-8", **validators)
        elif path in ("/article.html", "/private/page.html"):
            self.send(200, ARTICLE_HTML, "text/html; charset=utf-8")
        elif path in FEEDS:
            body, ctype = FEEDS[path]
            self.send(200, body, ctype)
        elif path == "/slow":
            time.sleep(slow)
            self.send(200, b"finally")
        elif path == "/dribble":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            for _ in range(int(slow * 10)):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif path.startswith("/status/") and path[8:].isdigit():
            self.send(int(path[8:]), b"status page")
        elif path == "/rate-limited":
            self.send(429, b"slow down", Retry_After="120")
        elif path == "/unavailable":
            now = time.time()
            self.send(
                503,
                b"maintenance",
                Date=formatdate(now, usegmt=True),
                Retry_After=formatdate(now + 3600, usegmt=True),
            )
        elif path in ("/huge", "/huge-unannounced"):
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if path == "/huge":
                self.send_header("Content-Length", str(HUGE_SIZE))
            self.end_headers()
            block = b"x" * 65536
            for _ in range(HUGE_SIZE // len(block)):
                self.wfile.write(block)
            self.wfile.write(b"x" * (HUGE_SIZE % len(block)))
        elif path == "/gzip-bomb":
            self.send(200, self.server.gzip_bomb(), "application/rss+xml", Content_Encoding="gzip")
        elif path == "/loop/a":
            self.redirect("/loop/b")
        elif path == "/loop/b":
            self.redirect("/loop/a")
        elif path.startswith("/redirect/") and path[10:].isdigit():
            n = int(path[10:])
            self.redirect(f"/redirect/{n - 1}" if n > 1 else "/feed.xml", 301)
        elif path == "/redirect-relative":
            self.redirect("feed.xml")
        elif path == "/to-private":
            self.redirect("http://10.0.0.1/feed.xml")
        elif path == "/to-link-local":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-ipv6-loopback":
            self.redirect("http://[::1]/feed.xml")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        else:
            self.send(404, b"not found")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # slow routes must not hold up the test that is finishing

    def __init__(self, slow_seconds: float):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.slow_seconds = slow_seconds
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._bomb: bytes | None = None

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def gzip_bomb(self) -> bytes:
        with self._lock:
            if self._bomb is None:
                self._bomb = gzip.compress(bytes(HUGE_SIZE), compresslevel=9)
            return self._bomb


class HostileServer:
    """The hostile server with its request log. A context manager; see the module doc."""

    def __init__(self, *, slow_seconds: float = 3.0) -> None:
        self._server = _Server(slow_seconds)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        with self._server._lock:
            return list(self._server.requests)

    def hits(self, path: str) -> int:
        """How many requests asked for ``path``."""
        return sum(1 for r in self.requests if r.path == path)


@contextlib.contextmanager
def serve_hostile(*, slow_seconds: float = 3.0) -> Iterator[str]:
    """Run the hostile server for the ``with`` block; yields its base URL."""
    with HostileServer(slow_seconds=slow_seconds) as server:
        yield server.base_url
