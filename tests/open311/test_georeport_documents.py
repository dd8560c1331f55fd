"""Every GeoReport v2 resource in both formats: the JSON answer matches the JSON Schema written from
the specification, and the XML answer (UTF-8, with its declaration) carries the same document."""
from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from gongzhi.open311.models import ClientSubmission
from gongzhi.orders import services
from gongzhi.orders.models import Channel, WorkOrder
from tests.open311.conftest import INSIDE_A1
from tests.open311.georeport_support import as_text, both_formats, json_answer, validate, xml_answer

V2 = "/open311/v2"
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def public(client):
    return client.get


def post_request(client: Client, api_key: str, format: str = "json", **fields):
    data = {"api_key": api_key, "service_code": "0301", "description": "工地夜间施工，噪音很大。", **INSIDE_A1,
            "first_name": "明", "last_name": "李", "phone": "13912345678",
            "media_url": "https://photos.example.org/noise.jpg", "attribute[seen_before]": "yes"}
    data.update(fields)
    return client.post(f"{V2}/requests.{format}", data)


def test_discovery_names_the_specification_and_both_formats(public):
    document = both_formats(public, f"{V2}/discovery", "discovery")
    endpoint = document["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}


def test_services_are_the_public_active_categories(public, catalogue):
    catalogue["0302"].is_public = False
    catalogue["0302"].save()
    document = both_formats(public, f"{V2}/services", "services")
    codes = [service["service_code"] for service in document]
    assert "0301" in codes and "0302" not in codes
    assert all(len(code) == 4 for code in codes), "major classes are groups, not services"
    noise = next(service for service in document if service["service_code"] == "0301")
    assert noise["service_name"] == "施工扰民" and noise["group"] == "施工管理" and noise["metadata"] is True


def test_service_definition_lists_the_attributes(public, catalogue):
    routine = both_formats(public, f"{V2}/services/0301", "service_definition")
    codes = [attribute["code"] for attribute in routine["attributes"]]
    assert codes == ["title", "place_detail", "seen_before"]
    emergency = both_formats(public, f"{V2}/services/0401", "service_definition")
    danger = emergency["attributes"][-1]
    assert danger["code"] == "danger_now" and danger["required"] is True
    assert [value["key"] for value in danger["values"]] == ["yes", "no"]


@pytest.mark.parametrize("format", ["json", "xml"])
def test_posting_a_request_answers_its_id_and_token(client, api_key, format):
    response = post_request(client, api_key, format)
    document = (json_answer if format == "json" else xml_answer)(response, "service_request_created")
    validate("service_request_created", document)  # the XML's document too: it carries strings only
    order = WorkOrder.objects.get(number=document[0]["service_request_id"])
    assert document[0]["token"] == order.tracking_token
    assert order.channel == Channel.OPEN311 and order.state == "reported"
    assert order.reporter_name == "李明" and order.reporter_phone == "13912345678"
    submission = ClientSubmission.objects.get(order=order)
    assert submission.media_url == "https://photos.example.org/noise.jpg"
    assert submission.attributes == {"seen_before": "yes"}
    # The answer to an attribute is a line of the description, in the city's language (the dispatcher's).
    with translation.override(settings.LANGUAGE_CODE):
        assert order.description == f"工地夜间施工，噪音很大。\n{_('Happened here before')}: {_('Yes')}"


def test_requests_list_and_one_request_in_both_formats(client, api_key, public):
    number = json_answer(post_request(client, api_key), "service_request_created")[0]["service_request_id"]
    listed = both_formats(public, f"{V2}/requests", "service_requests")
    assert [request["service_request_id"] for request in listed] == [number]
    one = both_formats(public, f"{V2}/requests/{number}", "service_requests")
    request = one[0]
    assert request["status"] == "open" and request["service_code"] == "0301"
    assert request["lat"] == 44.015 and request["long"] == 87.305
    assert request["media_url"] == "https://photos.example.org/noise.jpg"
    assert request["requested_datetime"].endswith("+08:00")
    assert "notes" not in request


def test_extensions_add_the_public_timeline_as_notes(client, api_key, public, small_city):
    number = json_answer(post_request(client, api_key), "service_request_created")[0]["service_request_id"]
    order = WorkOrder.objects.get(number=number)
    services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                            lead_department_code="HOUSING", comment="王科长请尽快处理")
    document = both_formats(public, f"{V2}/requests/{number}", "service_requests", query="extensions=true")
    notes = document[0]["notes"]
    assert [note["type"] for note in notes] == ["opened", "activity"]
    assert notes[1]["summary"] == "Sent to 住房和城乡建设局"
    text = str(document)
    assert "王科长" not in text, "staff comments stay internal"
    assert "street.a.dispatcher" not in text and "13912345678" not in text and "李明" not in text


def test_tokens_give_the_request_id(client, api_key, public):
    created = json_answer(post_request(client, api_key), "service_request_created")[0]
    document = both_formats(public, f"{V2}/tokens/{created['token']}", "tokens")
    assert document == [{"service_request_id": created["service_request_id"], "token": created["token"]}]


def test_service_request_updates_in_both_formats(client, api_key, public, small_city):
    number = json_answer(post_request(client, api_key), "service_request_created")[0]["service_request_id"]
    order = WorkOrder.objects.get(number=number)
    services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                            lead_department_code="HOUSING")
    document = both_formats(public, f"{V2}/servicerequestupdates", "service_request_updates")
    assert [(update["service_request_id"], update["status"]) for update in document] == [
        (number, "action_scheduled")]


def test_xml_is_utf8_with_chinese_text(client, api_key, public):
    number = json_answer(post_request(client, api_key), "service_request_created")[0]["service_request_id"]
    response = public(f"{V2}/requests/{number}.xml")
    assert "工地夜间施工".encode("utf-8") in response.content
    assert xml_answer(response, "service_requests")[0]["service_request_id"] == number


def test_as_text_matches_what_xml_writes():
    # The comparison used above: XML has no types and no null; both collapse the same way.
    assert as_text({"a": True, "b": None, "c": 1.5, "d": ["x", ""]}) == {"a": "true", "b": None, "c": "1.5",
                                                                           "d": ["x", None]}
