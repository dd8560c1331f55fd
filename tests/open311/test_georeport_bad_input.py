"""Bad input to GeoReport: every POST parameter and every GET filter answers 400 in the
specification's error shape, naming the parameter, and a refused POST writes nothing."""
from __future__ import annotations

import pytest

from gongzhi.open311.models import ClientSubmission
from gongzhi.orders.models import OrderAttachment, WorkOrder
from tests.api_support import nothing_written
from tests.open311.conftest import INSIDE_A1
from tests.open311.georeport_support import json_answer

V2 = "/open311/v2"

BAD_POSTS = [
    ("service_code", {"service_code": ""}),
    ("service_code", {"service_code": "03"}),  # a major class is a group, not a service
    ("lat", {"lat": "north"}),
    ("lat", {"lat": "91", "long": "87.3"}),
    ("long", {"long": "181"}),
    ("long", {"long": None}),  # latitude without longitude
    ("lat", {"lat": None, "long": None}),  # no place at all
    ("address_id", {"lat": None, "long": None, "address_id": "NO-SUCH-COMPOUND"}),
    ("description", {"description": ""}),
    ("description", {"description": "长" * 4001}),
    ("description", {"description": "bell\x07"}),
    ("first_name", {"first_name": "名" * 60}),
    ("phone", {"phone": "call me"}),
    ("media_url", {"media_url": "ftp://files.example.org/a.jpg"}),
    ("media_url", {"media_url": "https://example.org/" + "a" * 500}),
    ("attribute[colour]", {"attribute[colour]": "red"}),
    ("attribute[seen_before]", {"attribute[seen_before]": "perhaps"}),
    ("attribute[title]", {"attribute[title]": "长" * 121}),
    ("attribute[danger_now]", {"service_code": "0401"}),  # an emergency must say whether anyone is in danger
]


@pytest.mark.parametrize(("parameter", "changes"), BAD_POSTS,
                         ids=[f"{parameter}-{n}" for n, (parameter, _changes) in enumerate(BAD_POSTS)])
def test_a_bad_post_names_the_parameter_and_writes_nothing(client, api_key, parameter, changes):
    fields = {"api_key": api_key, "service_code": "0301", "description": "噪音扰民", **INSIDE_A1}
    fields.update(changes)
    fields = {key: value for key, value in fields.items() if value is not None}
    with nothing_written(WorkOrder, ClientSubmission, OrderAttachment):
        response = client.post(f"{V2}/requests.json", fields)
    descriptions = [error["description"] for error in json_answer(response, "errors", 400)]
    assert any(description.startswith(f"{parameter}:") for description in descriptions), descriptions


BAD_QUERIES = [
    ("start_date", "start_date=2026-01-01"),  # no time, no time zone
    ("start_date", "start_date=2026-01-01T00:00:00"),  # no time zone
    ("end_date", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),  # more than 90 days
    ("end_date", "start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),  # the end first
    ("status", "status=pending"),
    ("page", "page=0"),
    ("page", "page=first"),
    ("page_size", "page_size=1001"),
    ("service_request_id", "service_request_id=" + ",".join(str(n) for n in range(101))),
]


@pytest.mark.parametrize(("parameter", "query"), BAD_QUERIES,
                         ids=[f"{parameter}-{n}" for n, (parameter, _query) in enumerate(BAD_QUERIES)])
def test_a_bad_filter_names_the_parameter(client, catalogue, parameter, query):
    response = client.get(f"{V2}/requests.json?{query}")
    descriptions = [error["description"] for error in json_answer(response, "errors", 400)]
    assert descriptions[0].startswith(f"{parameter}:"), descriptions


@pytest.mark.parametrize("query", ["start_date=yesterday", "end_date=2026-13-01T00:00:00Z", "page_size=-1"])
def test_updates_refuse_bad_filters_too(client, catalogue, query):
    json_answer(client.get(f"{V2}/servicerequestupdates.json?{query}"), "errors", 400)
