"""Lead images: which picture an article page offers, whether its bytes are a real image, the
resized copies Dateline serves itself, and which picture a story shows.

A pure core (no network, no database). Every refusal is an :class:`ImageRefused` whose
``reason`` is stored with the article, in words an editor can act on.

Candidates come from the page's ``og:image``, ``twitter:image``, schema.org ``image`` (a URL, an
``ImageObject`` or a list of either) and the extractor's main image, with the size, alt text and
credit the page gives. Bytes are opened with Pillow restricted to JPEG, PNG, WebP and GIF, with a
pixel limit checked before decoding (a decompression bomb is refused from its header), and every
copy is re-encoded from decoded pixels (nothing of the original file, metadata included, is
served).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

__all__ = [
    "CARD_WIDTHS",
    "MAX_PIXELS",
    "WIDTHS",
    "Candidate",
    "ImageRefused",
    "Lead",
    "Option",
    "Rendition",
    "best",
    "candidates",
    "choose",
    "image_key",
    "looks_like_logo",
    "page_candidates",
    "prepare",
    "preview_allowed",
    "verify",
]

#: Widths of the stored copies (pixels); never wider than the original.
WIDTHS = (160, 320, 640)
#: The widths a story card offers in its ``srcset`` (a phone at 3x needs no more than 320).
CARD_WIDTHS = (160, 320)
#: Pixels above this are refused before decoding (a 40-megapixel photo is already huge).
MAX_PIXELS = 40_000_000
#: Smaller than this on either side is an icon, a logo or a tracking pixel, not a lead image.
MIN_WIDTH, MIN_HEIGHT = 200, 120
#: Wider or taller than this ratio is a banner or a strip, not a photograph.
MAX_ASPECT = 3.2
#: WebP quality of the stored copies.
QUALITY = 68
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
_LOGO_WORDS = re.compile(
    r"(?:^|[/_.\-])(?:logo|logos|icon|icons|favicon|sprite|avatar|placeholder|default[-_]?image|"
    r"apple-touch|brand|masthead|blank|spacer|pixel)(?:[/_.\-]|\d|$)",
    re.I,
)


class ImageRefused(Exception):
    """The bytes are not a lead image Dateline will serve; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Candidate:
    """A picture a page names as its lead image, with what the page says of it."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""
    credit: str = ""
    origin: str = ""  # og:image, twitter:image, schema.org, extractor


@dataclass(frozen=True)
class Rendition:
    """One stored copy: its pixel size and its encoded bytes."""

    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class Lead:
    """A verified lead image: the original's size and format, and the copies to store."""

    width: int
    height: int
    format: str
    renditions: tuple[Rendition, ...]


@dataclass(frozen=True)
class Option:
    """A stored lead image of one of a story's articles, as the story's choice sees it."""

    key: str
    width: int
    height: int
    url: str = ""
    alt: str = ""
    quotable: bool = True
    preview: bool = True
    outlet: str = ""
    link: str = ""
    sizes: tuple[tuple[int, int], ...] = ()


# -- candidates ----------------------------------------------------------------------------------


def _absolute(href: str | None, base: str | None) -> str:
    href = (href or "").strip()
    if not href or href.startswith("data:"):
        return ""
    full = urljoin(base, href) if base else href
    return full if urlsplit(full).scheme in {"http", "https"} else ""


def _int(value: Any) -> int | None:
    try:
        n = int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None
    return n if 0 < n < 100_000 else None


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or ""
    if isinstance(value, list):
        value = ", ".join(_text(v) for v in value if _text(v))
    return " ".join(str(value or "").split())[:300]


def _ld_images(node: Any, base: str | None, out: list[Candidate]) -> None:
    """schema.org ``image`` / ``thumbnailUrl`` of every article-like node, in page order."""
    if isinstance(node, list):
        for item in node:
            _ld_images(item, base, out)
        return
    if not isinstance(node, dict):
        return
    for key in ("image", "thumbnailUrl"):
        value = node.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and (url := _absolute(item, base)):
                out.append(Candidate(url, origin="schema.org"))
            elif isinstance(item, dict) and (
                url := _absolute(item.get("url") or item.get("contentUrl"), base)
            ):
                credit = item.get("creditText") or item.get("copyrightHolder") or item.get("author") or ""
                out.append(
                    Candidate(
                        url,
                        _int(item.get("width")),
                        _int(item.get("height")),
                        _text(item.get("caption") or item.get("description")),
                        _text(credit),
                        "schema.org",
                    )
                )
    for key, value in node.items():
        if key not in {"image", "thumbnailUrl", "logo", "publisher", "author"}:
            _ld_images(value, base, out)


def candidates(tree: Any, meta: dict[str, str], base: str | None, main_image: str = "") -> list[Candidate]:
    """Every lead-image candidate of a parsed page, best sources first, without repeats.

    ``meta`` maps lower-cased ``<meta>`` names/properties to their first content; ``main_image``
    is the extractor's own pick (trafilatura's ``image``)."""
    found: list[Candidate] = []
    og = _absolute(meta.get("og:image:secure_url") or meta.get("og:image") or meta.get("og:image:url"), base)
    if og:
        found.append(
            Candidate(
                og,
                _int(meta.get("og:image:width")),
                _int(meta.get("og:image:height")),
                _text(meta.get("og:image:alt")),
                "",
                "og:image",
            )
        )
    tw = _absolute(meta.get("twitter:image") or meta.get("twitter:image:src"), base)
    if tw:
        found.append(Candidate(tw, alt=_text(meta.get("twitter:image:alt")), origin="twitter:image"))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                _ld_images(json.loads(el.text), base, found)
            except (ValueError, RecursionError):
                continue
    if main := _absolute(main_image, base):
        found.append(Candidate(main, origin="extractor"))
    merged: dict[str, Candidate] = {}
    for c in found:
        had = merged.get(c.url)
        if had is None:
            merged[c.url] = c
        else:  # the same picture named twice: keep what each source adds
            merged[c.url] = Candidate(
                had.url,
                had.width or c.width,
                had.height or c.height,
                had.alt or c.alt,
                had.credit or c.credit,
                had.origin,
            )
    return list(merged.values())


def looks_like_logo(url: str, alt: str = "", width: int | None = None, height: int | None = None) -> bool:
    """A site logo, icon or placeholder rather than a picture of the news (from its name or size)."""
    path = urlsplit(url).path
    if _LOGO_WORDS.search(path) or path.lower().endswith((".svg", ".ico")):
        return True
    if re.search(r"\blogo\b", alt, re.I):
        return True
    if width and height and (width < MIN_WIDTH or height < MIN_HEIGHT):
        return True
    return False


def choose(found: Sequence[Candidate]) -> Candidate | None:
    """The candidate to fetch: the first, in the page's own order of preference (OpenGraph,
    Twitter, schema.org, the extractor's pick), that does not look like a logo or an icon."""
    return next((c for c in found if not looks_like_logo(c.url, c.alt, c.width, c.height)), None)


def preview_allowed(robots_values: Iterable[str]) -> bool:
    """False when a robots directive says ``max-image-preview:none`` (or ``noimageindex``)."""
    for value in robots_values:
        for raw in (value or "").split(","):
            token = raw.strip().lower().replace(" ", "")
            if token.endswith("max-image-preview:none") or token.endswith("noimageindex"):
                return False
    return True


def page_candidates(html: str, base: str | None) -> tuple[list[Candidate], bool]:
    """Candidates and ``preview_allowed`` of a stored page's HTML (for pages stored before
    candidates were kept); ``([], True)`` when the page cannot be parsed."""
    import lxml.html
    from lxml import etree

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html.replace("\x00", ""))
    if not html.strip():
        return [], True
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return [], True
    meta: dict[str, str] = {}
    robots: list[str] = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content is not None:
            meta.setdefault(key, content.strip())
            if key in {"robots", "googlebot"}:
                robots.append(content)
    return candidates(tree, meta, base), preview_allowed(robots)


# -- bytes ---------------------------------------------------------------------------------------


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip()
    lower = head.lower()
    if lower.startswith((b"<svg", b"<?xml")) or b"<svg" in lower:
        return "an SVG drawing (SVG may carry scripts; only bitmaps are served)"
    if lower.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in lower:
        return "an HTML page, not an image"
    if lower.startswith((b"{", b"[")):
        return "JSON, not an image"
    return ""


def _magic(data: bytes) -> str:
    """The format the first bytes announce ('' when none Dateline serves)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG"):
        return "PNG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return ""


def verify(data: bytes, content_type: str | None = None, *, max_pixels: int = MAX_PIXELS) -> Any:
    """The decoded picture (a loaded Pillow image) of ``data``, or :class:`ImageRefused`.

    Refused: empty or non-image bytes (HTML, JSON, SVG whatever the Content-Type says), formats
    other than JPEG/PNG/WebP/GIF, more than ``max_pixels`` pixels (checked from the header,
    before decoding), truncated or corrupt data, and pictures too small or too elongated to be a
    lead image."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ImageRefused("empty answer")
    if what := _sniff(data):
        raise ImageRefused(what)
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "image/svg+xml":
        raise ImageRefused("an SVG drawing (SVG may carry scripts; only bitmaps are served)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=FORMATS)
        except UnidentifiedImageError:
            if kind := _magic(data):
                raise ImageRefused(f"corrupt {kind} image: it cannot be read") from None
            raise ImageRefused(
                f"not a JPEG, PNG, WebP or GIF image (Content-Type {ctype or 'none'})"
            ) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused("too many pixels (decompression bomb?)") from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise ImageRefused(f"corrupt image: {exc}"[:200]) from None
        width, height = img.size
        if width * height > max_pixels:
            raise ImageRefused(f"too many pixels: {width}×{height} (limit {max_pixels:,})")
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            raise ImageRefused(f"too small for a lead image: {width}×{height} (an icon or logo?)")
        if max(width / height, height / width) > MAX_ASPECT:
            raise ImageRefused(f"too elongated for a lead image: {width}×{height} (a banner?)")
        try:
            if img.format == "JPEG":
                img.draft("RGB", (WIDTHS[-1] * 2, WIDTHS[-1] * 2))
            img.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused("too many pixels (decompression bomb?)") from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ImageRefused(f"corrupt or truncated image: {exc}"[:200]) from None
    return img


def _flatten(img: Any) -> Any:
    from PIL import Image, ImageOps

    try:
        img = ImageOps.exif_transpose(img) or img
    except (OSError, ValueError, SyntaxError):
        pass
    if img.mode in ("RGBA", "LA", "P", "PA"):
        img = img.convert("RGBA")
        canvas = Image.new("RGB", img.size, (255, 255, 255))
        canvas.paste(img, mask=img.getchannel("A"))
        return canvas
    return img.convert("RGB") if img.mode != "RGB" else img


def renditions(img: Any, widths: Sequence[int] = WIDTHS, quality: int = QUALITY) -> tuple[Rendition, ...]:
    """WebP copies of a verified picture at each width not larger than the original (at least one)."""
    from PIL import Image

    img = _flatten(img)
    width, height = img.size
    out: list[Rendition] = []
    for w in sorted(set(widths)):
        if w > width and out:
            if out[-1].width < width:  # the original's own width fills the gap
                w = width
            else:
                break
        w = min(w, width)
        h = max(1, round(height * w / width))
        copy = img if (w, h) == img.size else img.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=2.0)
        buf = io.BytesIO()
        copy.save(buf, "WEBP", quality=quality, method=4)
        out.append(Rendition(w, h, buf.getvalue()))
        if w == width:
            break
    return tuple(out)


def prepare(data: bytes, content_type: str | None = None, *, max_pixels: int = MAX_PIXELS) -> Lead:
    """Verify ``data`` and make its stored copies; raises :class:`ImageRefused`."""
    img = verify(data, content_type, max_pixels=max_pixels)
    fmt = img.format or ""
    width, height = img.size
    try:
        copies = renditions(img)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageRefused(f"corrupt image: {exc}"[:200]) from None
    return Lead(width, height, fmt, copies)


def image_key(url: str) -> str:
    """The stored copies' name: a hash of the image's URL (one set of copies per picture)."""
    return hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()[:40]


# -- the story's picture -------------------------------------------------------------------------


def best(options: Iterable[Option]) -> Option | None:
    """The picture a story shows: the largest stored image of a quotable source whose page allows
    image previews and that does not look like a logo; ties go to the earlier article."""
    usable = [
        o
        for o in options
        if o.quotable and o.preview and o.key and not looks_like_logo(o.url, o.alt, o.width, o.height)
    ]
    if not usable:
        return None
    return max(usable, key=lambda o: (o.width * o.height, -usable.index(o)))
