"""Lead images, the pure core: candidates from a page, verification of the bytes, stored copies and
a story's choice. Pictures are made with Pillow here; hostile ones are built byte by byte."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from dateline.articles import images
from dateline.articles.extract import extract
from dateline.articles.images import Candidate, ImageRefused, Option


def picture(width: int = 800, height: int = 533, fmt: str = "JPEG", mode: str = "RGB") -> bytes:
    """A photograph-like picture (a gradient with noise, so it does not compress to nothing)."""
    img = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    img = Image.blend(img, noise, 0.3).convert(mode)
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small valid PNG whose header claims ``width`` x ``height`` (a decompression bomb's shape)."""
    data = bytearray(picture(300, 200, "PNG"))
    ihdr = 8 + 8  # signature, then length + type of the IHDR chunk
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr - 4 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def _page(head: str) -> tuple[object, dict[str, str]]:
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    meta = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name")
        if key and el.get("content") is not None:
            meta.setdefault(key.lower(), el.get("content"))
    return tree, meta


def test_candidates_come_from_opengraph_twitter_schema_org_and_the_extractor() -> None:
    tree, meta = _page(
        """
        <meta property="og:image" content="/img/flood.jpg">
        <meta property="og:image:width" content="1200"><meta property="og:image:height" content="800">
        <meta property="og:image:alt" content="A flooded street">
        <meta name="twitter:image" content="https://cdn.example/tw.jpg">
        <script type="application/ld+json">{"@type": "NewsArticle", "image": [
          {"@type": "ImageObject", "url": "https://cdn.example/ld.jpg", "width": "640", "height": 360,
           "caption": "Rescuers", "creditText": "Jane Doe / Agency"},
          "https://courier.example/img/flood.jpg"],
          "publisher": {"logo": {"url": "https://courier.example/logo.png"}}}</script>
        """
    )
    found = images.candidates(tree, meta, "https://courier.example/news/1", "https://cdn.example/main.jpg")
    urls = [c.url for c in found]
    assert urls == [
        "https://courier.example/img/flood.jpg",
        "https://cdn.example/tw.jpg",
        "https://cdn.example/ld.jpg",
        "https://cdn.example/main.jpg",
    ]
    og, _, ld, main = found
    assert (og.width, og.height, og.alt, og.origin) == (1200, 800, "A flooded street", "og:image")
    assert (ld.width, ld.height, ld.alt, ld.credit) == (640, 360, "Rescuers", "Jane Doe / Agency")
    assert main.origin == "extractor"
    assert "https://courier.example/logo.png" not in urls  # the publisher's logo is no candidate


def test_choice_skips_logos_icons_and_tiny_pictures() -> None:
    found = [
        Candidate("https://courier.example/static/logo-square.png"),
        Candidate("https://courier.example/img/a.jpg", 64, 64),
        Candidate("https://courier.example/favicon.ico"),
        Candidate("https://courier.example/img/b.jpg", 1200, 675),
    ]
    chosen = images.choose(found)
    assert chosen is not None and chosen.url.endswith("/img/b.jpg")
    assert images.choose(found[:3]) is None
    assert images.looks_like_logo("https://x.example/a.svg")
    assert not images.looks_like_logo("https://x.example/2024/05/parliament-vote.jpg", "MPs vote", 1200, 800)


def test_extract_names_the_first_picture_that_is_not_a_logo() -> None:
    html = b"""<html><head><title>T</title>
      <meta property="og:image" content="https://courier.example/brand/logo.png">
      <meta name="twitter:image" content="/photos/vote.jpg"></head>
      <body><article><p>Parliament voted on Tuesday.</p></article></body></html>"""
    assert extract(html, "https://courier.example/a").image == "https://courier.example/photos/vote.jpg"


@pytest.mark.parametrize(
    ("values", "allowed"),
    [
        ([], True),
        (["index, follow, max-image-preview:large"], True),
        (["max-image-preview:none"], False),
        (["googlebot: max-image-preview:none"], False),
        (["noimageindex"], False),
    ],
)
def test_robots_can_forbid_image_previews(values: list[str], allowed: bool) -> None:
    assert images.preview_allowed(values) is allowed


def test_a_real_picture_becomes_webp_copies_no_wider_than_the_original() -> None:
    lead = images.prepare(picture(500, 300), "image/jpeg")
    assert (lead.width, lead.height, lead.format) == (500, 300, "JPEG")
    assert [(r.width, r.height) for r in lead.renditions] == [(160, 96), (320, 192), (500, 300)]
    for r in lead.renditions:
        assert r.data[:4] == b"RIFF" and r.data[8:12] == b"WEBP"
        with Image.open(io.BytesIO(r.data)) as copy:
            assert copy.size == (r.width, r.height)


def test_transparent_png_and_gif_are_flattened_and_kept() -> None:
    for fmt, mode in (("PNG", "RGBA"), ("GIF", "P"), ("WEBP", "RGB")):
        lead = images.prepare(picture(640, 400, fmt, mode))
        assert lead.format == fmt and lead.renditions[-1].width == 640


def real_photos() -> list[bytes]:
    """Two real photographs (640 x 427 JPEG) shipped with scikit-learn, a dependency."""
    import sklearn.datasets

    folder = Path(sklearn.datasets.__file__).parent / "images"
    return [(folder / name).read_bytes() for name in ("china.jpg", "flower.jpg")]


def test_card_copies_stay_small_at_phone_width() -> None:
    """The largest copy a card offers (320 px: a phone's 104 px slot at 3x) stays under 40 kB."""
    for data in [*real_photos(), picture(2400, 1600)]:
        lead = images.prepare(data, "image/jpeg")
        card = [r for r in lead.renditions if r.width in images.CARD_WIDTHS]
        assert card and max(len(r.data) for r in card) <= 40_000


@pytest.mark.parametrize(
    ("data", "content_type", "words"),
    [
        (b"", "image/jpeg", "empty"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/jpeg",
            "svg",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
            "image/svg+xml",
            "svg",
        ),
        (b"<!doctype html><html><body>Not found</body></html>", "image/jpeg", "html"),
        (b"%PDF-1.4 not a picture at all", "image/png", "not a jpeg, png, webp or gif"),
        (b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x13" * 3000, "image/jpeg", "corrupt"),
    ],
)
def test_non_images_and_corrupt_bytes_are_refused_with_a_reason(
    data: bytes, content_type: str, words: str
) -> None:
    with pytest.raises(ImageRefused) as refused:
        images.prepare(data, content_type)
    assert words in refused.value.reason.lower()


def test_a_truncated_picture_is_refused() -> None:
    whole = picture(900, 600)
    with pytest.raises(ImageRefused, match="corrupt|truncated"):
        images.prepare(whole[: len(whole) // 2], "image/jpeg")


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    with pytest.raises(ImageRefused, match="pixels"):
        images.prepare(png_claiming(30_000, 30_000), "image/png")
    with pytest.raises(ImageRefused, match="pixels"):
        images.verify(picture(800, 600), max_pixels=100_000)


def test_icons_and_banners_are_refused() -> None:
    with pytest.raises(ImageRefused, match="too small"):
        images.prepare(picture(120, 120, "PNG"))
    with pytest.raises(ImageRefused, match="elongated"):
        images.prepare(picture(1600, 200))


def test_a_story_shows_the_largest_picture_of_a_quotable_source() -> None:
    small = Option("a" * 40, 640, 360, "https://a.example/p.jpg", outlet="A")
    large = Option("b" * 40, 1600, 900, "https://b.example/p.jpg", outlet="B")
    forbidden = Option("c" * 40, 4000, 3000, "https://c.example/p.jpg", quotable=False)
    no_preview = Option("d" * 40, 3000, 2000, "https://d.example/p.jpg", preview=False)
    logo = Option("e" * 40, 2000, 2000, "https://e.example/logo.png")
    chosen = images.best([small, forbidden, large, no_preview, logo])
    assert chosen is large
    assert images.best([forbidden, no_preview, logo]) is None
    assert images.best([]) is None


def test_image_keys_are_stable_hex_names() -> None:
    key = images.image_key("https://cdn.example/p.jpg")
    assert key == images.image_key("https://cdn.example/p.jpg") and len(key) == 40
    assert int(key, 16) >= 0 and key != images.image_key("https://cdn.example/q.jpg")
