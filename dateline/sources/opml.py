"""OPML 1.0/2.0 outlet lists: read (safely) and write. Pure: bytes in, bytes out.

Dateline adds two attributes that OPML 2.0 allows on any outline: ``language`` (already
common in OPML files for rss outlines) and ``country`` (ISO 3166-1 alpha-2 of the
outlet's home country). Readers that do not know them ignore them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException


class OpmlError(ValueError):
    """The file is not usable OPML; the message says why, for an editor."""


@dataclass(frozen=True)
class OutlineData:
    """One feed outline: an outlet's feed with its name, site and (optional) language and country."""

    title: str
    xml_url: str
    html_url: str | None = None
    language: str | None = None
    country: str | None = None
    #: Titles of the folders (parent outlines) it sat in, outermost first.
    category: tuple[str, ...] = ()


def _attr(node: Element, *names: str) -> str | None:
    lowered = {k.lower(): v for k, v in node.attrib.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value is not None and value.strip():
            return value.strip()
    return None


def parse_opml(data: bytes) -> list[OutlineData]:
    """Every outline with an ``xmlUrl``, however deeply nested, each feed URL once.

    Entity declarations and external references are refused (defusedxml). Raises
    :class:`OpmlError` when the bytes are not OPML.
    """
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise OpmlError(f"refused: the OPML file declares entities or external references ({exc})") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file: the root element is <{root.tag}>, not <opml>")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError("not an OPML file: no <body>")
    found: dict[str, OutlineData] = {}

    def walk(node: Element, folders: tuple[str, ...]) -> None:
        for child in node:
            if child.tag.lower() != "outline":
                continue
            name = _attr(child, "title", "text")
            xml_url = _attr(child, "xmlUrl")  # the type attribute varies too much to rely on
            if xml_url:
                if xml_url not in found:
                    found[xml_url] = OutlineData(
                        title=name or xml_url,
                        xml_url=xml_url,
                        html_url=_attr(child, "htmlUrl"),
                        language=_attr(child, "language"),
                        country=(_attr(child, "country") or "").upper() or None,
                        category=folders,
                    )
            walk(child, folders + ((name,) if name and not xml_url else ()))

    walk(body, ())
    return list(found.values())


def write_opml(items: Iterable[OutlineData], title: str, *, created: datetime | None = None) -> bytes:
    """An OPML 2.0 document listing ``items`` (flat, in the given order), UTF-8 encoded.

    ``created`` (the one clock's now) becomes ``dateCreated``; left out when None so the
    output is reproducible.
    """
    opml = Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    if created is not None:
        ET.SubElement(head, "dateCreated").text = format_datetime(created)
    body = ET.SubElement(opml, "body")
    for item in items:
        attrs = {"type": "rss", "text": item.title, "title": item.title, "xmlUrl": item.xml_url}
        if item.html_url:
            attrs["htmlUrl"] = item.html_url
        if item.language:
            attrs["language"] = item.language
        if item.country:
            attrs["country"] = item.country
        ET.SubElement(body, "outline", attrs)
    ET.indent(opml, space="  ")
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True) + b"\n"
