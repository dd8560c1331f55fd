"""The OpenAPI schema builds without warnings and documents errors; the docs page needs no internet."""
import re

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_with_no_warnings(tmp_path):
    # --fail-on-warn turns any warning (an unresolvable field, a path parameter of unknown type,
    # a colliding enum name) into an error, so a view added without annotations fails here.
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert "/api/v1/units/{code}/" in schema["paths"]
    assert "/api/v1/auth/token" in schema["paths"]


@pytest.fixture
def schema(client):
    response = client.get(reverse("api-schema"), {"format": "json", "lang": "en"})
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_errors_in_the_shared_shape(schema):
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"error"}
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {"code", "message", "fields"}
    for route, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            errors = {code for code in responses if code.startswith("4")}
            assert errors, f"{method} {route} documents no error"
            for code in errors:
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"}, (method, route, code)
            if method in ("post", "patch", "put"):
                assert "400" in responses, (method, route)
            if "{" in route:
                assert "404" in responses, (method, route)


def test_protected_operations_document_401_and_403_and_the_token_endpoint_429(schema):
    assert {"401", "403"} <= set(schema["paths"]["/api/v1/units/"]["get"]["responses"])
    assert {"401", "403"} <= set(schema["paths"]["/api/v1/audit/events/"]["get"]["responses"])
    token = schema["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {"200", "400", "429"} <= set(token) and "401" not in token


ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def test_swagger_ui_loads_only_local_assets_that_are_served(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the docs page must work with no internet"
    assets = ASSET.findall(html)
    assert {"/static/vendor/swagger-ui/swagger-ui.css", "/static/vendor/swagger-ui/swagger-ui-bundle.js",
            "/static/vendor/swagger-ui/swagger-ui-standalone-preset.js"} <= set(assets)
    for asset in assets:
        assert asset.startswith("/static/vendor/swagger-ui/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert b"".join(served.streaming_content if served.streaming else [served.content])
