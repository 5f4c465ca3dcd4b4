"""Lead images on the website: each story's picture, the thumbnail and figure markup, and the view
that serves the stored copies from the site itself (readers' browsers never contact a third
party, and the CSP keeps ``img-src 'self'``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.views.decorators.http import require_GET

from dateline.articles import images
from dateline.pipeline.images import stored_path
from dateline.stories.models import Story

__all__ = ["StoryImage", "from_data", "of_story", "serve", "thumb_html"]

_NAME = re.compile(r"([0-9a-f]{40})-(\d{2,4})\.webp")
#: A year: a copy's name changes with its content (the URL's hash and the width).
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class StoryImage:
    """The picture a story shows: its stored copies, alt text, and the outlet it comes from."""

    key: str
    sizes: tuple[tuple[int, int], ...]
    alt: str
    outlet: str
    link: str

    def src(self, width: int) -> str:
        return reverse("lead_image", args=[f"{self.key}-{width}.webp"])

    def pick(self, widths: Iterable[int] | None = None) -> list[tuple[int, int]]:
        allowed = set(widths) if widths is not None else None
        chosen = [s for s in self.sizes if allowed is None or s[0] in allowed]
        return chosen or list(self.sizes[:1])

    def srcset(self, widths: Iterable[int] | None = None) -> str:
        return ", ".join(f"{self.src(w)} {w}w" for w, _ in self.pick(widths))

    @property
    def largest(self) -> tuple[int, int]:
        return self.sizes[-1]

    @property
    def width(self) -> int:
        return self.largest[0]

    @property
    def height(self) -> int:
        return self.largest[1]

    @property
    def url(self) -> str:
        """The largest copy's path."""
        return self.src(self.largest[0])

    @property
    def credit(self) -> str:
        return f"Image: {self.outlet}" if self.outlet else "Image from a source article"


def from_data(data: dict | None) -> StoryImage | None:
    """The picture described by a :class:`~dateline.articles.models.StoryPicture`'s data."""
    if not data or not data.get("key") or not data.get("sizes"):
        return None
    try:
        sizes = tuple((int(w), int(h)) for w, h in data["sizes"])
    except (TypeError, ValueError):
        return None
    return StoryImage(
        str(data["key"]), sizes, data.get("alt", ""), data.get("outlet", ""), data.get("link", "")
    )


def of_story(story: Story) -> StoryImage | None:
    """A story's picture (loaded with ``select_related("picture")`` to spare a query)."""
    try:
        picture = story.picture  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None
    return from_data(picture.data) if picture is not None else None


def thumb_html(data: dict | None) -> str:
    """A card's thumbnail: decorative (the headline beside it says what the story is), lazy, with
    its size set so nothing moves when it arrives, and the outlet credited."""
    image = from_data(data)
    if image is None:
        return ""
    w, h = image.pick(images.CARD_WIDTHS)[0]
    return (
        '<figure class="thumb">'
        f'<img src="{image.src(w)}" srcset="{image.srcset(images.CARD_WIDTHS)}" '
        f'sizes="(max-width: 40em) 6.5rem, 10rem" width="{w}" height="{h}" alt="" '
        'loading="lazy" decoding="async">'
        f"<figcaption>{escape(image.credit)}</figcaption></figure>"
    )


@require_GET
def serve(request: HttpRequest, name: str) -> FileResponse:
    """A stored copy, by the name the pages use (``<key>-<width>.webp``)."""
    match = _NAME.fullmatch(name)
    if match is None:
        raise Http404("No such image")
    path = stored_path(match[1], int(match[2]))
    try:
        handle = path.open("rb")
    except OSError:
        raise Http404("No such image") from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = IMMUTABLE
    response["Content-Disposition"] = "inline"
    return response
