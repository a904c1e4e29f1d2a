"""S3's XML: documents out (results and errors), documents in (parsed without entity tricks)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from email.utils import formatdate
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from .errors import S3Error

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
CONTENT_TYPE = "application/xml"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: A document's content: (tag, text) or (tag, nested content); ``None`` values are left out.
Content = Sequence[tuple[str, Any]]


def document(
    root: str, content: Content = (), namespace: bool = True, text: str | None = None
) -> bytes:
    """``<root xmlns=...>content</root>`` (or ``text``) as bytes with the XML declaration."""
    element = Element(root, {"xmlns": NAMESPACE} if namespace else {})
    element.text = text
    _fill(element, content)
    return _DECLARATION + tostring(element, encoding="utf-8", xml_declaration=False)


def _fill(parent: Element, content: Content) -> None:
    for tag, value in content:
        if value is None:
            continue
        child = SubElement(parent, tag)
        if isinstance(value, bool):
            child.text = "true" if value else "false"
        elif isinstance(value, str | int):
            child.text = str(value)
        else:
            _fill(child, value)


def error_document(error: S3Error, resource: str, request_id: str) -> bytes:
    content: list[tuple[str, Any]] = [("Code", error.s3_code), ("Message", error.message)]
    content += list(error.fields.items())
    content += [("Resource", resource), ("RequestId", request_id)]
    return document("Error", content, namespace=False)


def iso_time(ms: int) -> str:
    """``2026-01-02T03:04:05.678Z``, as S3 writes times in XML."""
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def http_time(ms: int) -> str:
    """``Fri, 02 Jan 2026 03:04:05 GMT``, as S3 writes times in headers."""
    return formatdate(ms / 1000, usegmt=True)


def parse(body: bytes, root: str) -> Element:
    """The request's XML document, whose root must be ``root`` (namespaces ignored)."""
    try:
        element = fromstring(body)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise S3Error(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our "
            f"published schema ({error})",
        ) from error
    if local_name(element.tag) != root:
        raise S3Error("MalformedXML", f"Expected a <{root}> document")
    return element


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> Iterable[Element]:
    return (child for child in element if local_name(child.tag) == name)


def text(element: Element, name: str) -> str | None:
    """The text of the first child called ``name`` (``""`` when empty, ``None`` when absent)."""
    for child in children(element, name):
        return child.text or ""
    return None
