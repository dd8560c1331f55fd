"""Reading GeoReport answers in tests: each JSON document is validated against the JSON Schema
written from the specification (schemas/), and its XML twin is parsed and must carry the same
document, so one schema check covers both formats."""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent / "schemas"
BASE = "https://gongzhi.example/open311/"
# The specification's XML: these elements hold lists (one child element per item).
XML_LISTS = {"services", "service_requests", "service_request_updates", "errors", "attributes", "values",
             "endpoints", "formats", "notes"}
# The document element of each answer.
XML_ROOTS = {"discovery": "discovery", "services": "services", "service_definition": "service_definition",
             "service_requests": "service_requests", "service_request_created": "service_requests",
             "tokens": "service_requests", "service_request_updates": "service_request_updates",
             "errors": "errors"}


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(schema: str, document) -> None:
    """Raise if ``document`` does not match ``schemas/<schema>.json``."""
    validator = Draft202012Validator(REGISTRY.contents(BASE + f"{schema}.json"), registry=REGISTRY)
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors[:5]]


def xml_data(element: ElementTree.Element):
    """The document an XML element carries, lists and objects as the specification nests them."""
    if element.tag in XML_LISTS:
        return [xml_data(child) for child in element]
    if len(element):
        return {child.tag: xml_data(child) for child in element}
    return element.text if element.text not in (None, "") else None


def as_text(value):
    """A JSON document as XML writes it: every leaf a string, null and "" alike absent."""
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_text(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or value == "":
        return None
    return str(value)


def json_answer(response, schema: str, status: int = 200):
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content.decode("utf-8"))
    validate(schema, document)
    return document


def xml_answer(response, schema: str, status: int = 200):
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>"), response.content[:60]
    root = ElementTree.fromstring(response.content)
    assert root.tag == XML_ROOTS[schema], root.tag
    return xml_data(root)


def both_formats(get, path: str, schema: str, status: int = 200, query: str = ""):
    """GET ``path`` (without its suffix) as JSON and as XML: the JSON is valid, the XML the same document."""
    query = f"?{query}" if query else ""
    document = json_answer(get(f"{path}.json{query}"), schema, status)
    assert xml_answer(get(f"{path}.xml{query}"), schema, status) == as_text(document)
    return document
