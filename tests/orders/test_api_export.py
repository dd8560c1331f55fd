"""The Excel export of the order list: the list's filters, reporters' contacts masked whoever
asks, text kept as text (no formulas), and a cap on the rows that says when it cut the list."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.api_support import assert_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def data_rows(book) -> list[tuple]:
    return list(book.worksheets[0].iter_rows(min_row=2, values_only=True))


def about(book) -> dict:
    return {row[0]: row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}


def export(client, **query):
    return client.get(reverse("api:work-order-export"), query, HTTP_ACCEPT_LANGUAGE="en")


def test_export_has_a_row_per_order_with_masked_contacts(orders, small_city, api_client_for):
    order = orders.in_progress(reporter_name="王小明", reporter_phone="13912345678")
    # The handler sees the contact whole on the order page; an export leaves the platform, so not there.
    handler = api_client_for(small_city.users["housing_handler"])
    detail = handler.get(reverse("api:work-order-detail", args=[order.number])).json()
    assert detail["reporter_phone"] == "13912345678"
    book = workbook(export(handler))
    header = [cell.value for cell in book.worksheets[0][1]]
    (row,) = data_rows(book)
    values = dict(zip(header, row))
    assert values["number"] == order.number
    assert (values["reporter's name"], values["reporter's phone"]) == ("王**", "139****5678")
    assert values["lead department"] == small_city.housing.name
    assert values["state"] == "In progress"
    assert values["dispatched at"].tzinfo is None  # the city's wall-clock time
    assert values["description"] == order.description
    assert about(book)["rows"] == 1


def test_export_takes_the_lists_filters(orders, small_city, api_client_for):
    reported = orders.reported(title="第一件")
    orders.in_progress(title="第二件")
    client = api_client_for(small_city.users["street_a_dispatcher"])
    book = workbook(export(client, state="reported"))
    assert [row[0] for row in data_rows(book)] == [reported.number]
    assert about(book)["state"] == "reported"
    assert_error(export(client, state="lost"), 400, "state")


def test_formulas_and_markup_are_exported_as_text(orders, small_city, api_client_for):
    orders.reported(title='=HYPERLINK("http://evil.example","点我")', description="<b>粗体</b>\t+1")
    book = workbook(export(api_client_for(small_city.users["city_admin"])))
    title_cell = book.worksheets[0]["B2"]
    assert title_cell.value == '=HYPERLINK("http://evil.example","点我")'
    assert title_cell.data_type == "s"
    assert "<b>粗体</b>\t+1" in data_rows(book)[0]


def test_export_is_capped_and_says_so(orders, small_city, api_client_for, monkeypatch):
    monkeypatch.setattr("gongzhi.orders.excel.EXPORT_ROW_LIMIT", 2)
    created = [orders.reported(title=f"第{n}件") for n in range(3)]
    response = export(api_client_for(small_city.users["city_admin"]), ordering="reported_at")
    book = workbook(response)
    assert [row[0] for row in data_rows(book)] == [created[0].number, created[1].number]
    assert response["X-Export-Rows"] == "2" and response["X-Export-Truncated"] == "true"
    assert "Narrow the filters" in about(book)["note"]


def test_export_at_exactly_the_cap_is_not_cut(orders, small_city, api_client_for, monkeypatch):
    monkeypatch.setattr("gongzhi.orders.excel.EXPORT_ROW_LIMIT", 2)
    orders.reported()
    orders.reported()
    response = export(api_client_for(small_city.users["city_admin"]))
    assert response["X-Export-Truncated"] == "false"
    assert "note" not in about(workbook(response))


@pytest.mark.parametrize("who", ["grid_a1_worker", "housing_leader"])
def test_an_empty_export_is_still_a_workbook(small_city, catalogue, api_client_for, who):
    book = workbook(export(api_client_for(small_city.users[who])))
    assert data_rows(book) == []
