"""GeoReport errors in the specification's shape, in both formats: a missing or wrong api_key is 403,
an unknown service_code 400, an unknown service, request, token or resource 404, a wrong method 405."""
from __future__ import annotations

import pytest

from gongzhi.open311.services import api_client_set_active
from gongzhi.open311.models import ApiClient
from gongzhi.orders.models import WorkOrder
from tests.api_support import nothing_written
from tests.open311.conftest import INSIDE_A1
from tests.open311.georeport_support import json_answer, xml_answer

V2 = "/open311/v2"
ANSWER = {"json": json_answer, "xml": xml_answer}


def errors(response, format: str, status: int) -> list[dict]:
    document = ANSWER[format](response, "errors", status)
    if format == "xml":
        assert all(error["code"] == str(status) for error in document)
    else:
        assert all(error["code"] == status for error in document)
    return document


def request_fields(**changes) -> dict:
    fields = {"service_code": "0301", "description": "噪音扰民", **INSIDE_A1}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


@pytest.mark.parametrize("format", ["json", "xml"])
def test_posting_without_an_api_key_is_403(client, catalogue, format):
    with nothing_written(WorkOrder):
        response = client.post(f"{V2}/requests.{format}", request_fields())
    assert "api_key" in errors(response, format, 403)[0]["description"]


@pytest.mark.parametrize("format", ["json", "xml"])
def test_posting_with_a_wrong_api_key_is_403(client, api_key, format):
    with nothing_written(WorkOrder):
        response = client.post(f"{V2}/requests.{format}", request_fields(api_key=api_key + "x"))
    errors(response, format, 403)


def test_a_switched_off_client_is_refused(client, api_key):
    api_client_set_active(actor=None, client=ApiClient.objects.get(), is_active=False)
    with nothing_written(WorkOrder):
        response = client.post(f"{V2}/requests.json", request_fields(api_key=api_key))
    errors(response, "json", 403)


@pytest.mark.parametrize("format", ["json", "xml"])
def test_an_unknown_service_code_is_400(client, api_key, format):
    with nothing_written(WorkOrder):
        response = client.post(f"{V2}/requests.{format}",
                               request_fields(api_key=api_key, service_code="9999"))
    assert errors(response, format, 400)[0]["description"].startswith("service_code:")


@pytest.mark.parametrize("format", ["json", "xml"])
@pytest.mark.parametrize("path", ["services/9999", "requests/20990101-0001", "tokens/no-such-token",
                                  "no-such-resource"])
def test_unknown_ids_are_404(client, catalogue, path, format):
    errors(client.get(f"{V2}/{path}.{format}"), format, 404)


def test_a_request_entered_by_staff_is_not_published(client, orders):
    order = orders.reported()  # a grid worker's patrol report
    errors(client.get(f"{V2}/requests/{order.number}.json"), "json", 404)
    errors(client.get(f"{V2}/tokens/{order.tracking_token}.json"), "json", 404)


@pytest.mark.parametrize("format", ["json", "xml"])
def test_an_unknown_service_code_filter_is_400(client, catalogue, format):
    errors(client.get(f"{V2}/requests.{format}?service_code=9999"), format, 400)


def test_a_wrong_method_is_405_in_the_same_shape(client, catalogue):
    response = client.delete(f"{V2}/requests.json")
    errors(response, "json", 405)
    assert response["Allow"] == "GET, POST"
    errors(client.post(f"{V2}/services.xml"), "xml", 405)


def test_an_oversized_post_is_413(client, api_key):
    with nothing_written(WorkOrder):
        response = client.post(f"{V2}/requests.json",
                               request_fields(api_key=api_key, description="长" * 70_000))
    errors(response, "json", 413)


def test_an_error_echoing_a_control_character_is_still_well_formed_xml(client, api_key):
    response = client.post(f"{V2}/requests.xml", request_fields(api_key=api_key, service_code="03\x0701"))
    assert "\ufffd" in errors(response, "xml", 400)[0]["description"]
