"""The category catalogue through the API: the tree with each category's defaults, and city
administrators' edits (which apply to new orders only), refused with a named field when bad."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.orders.models import Category
from tests.api_support import assert_error, nothing_written


def category_url(code: str) -> str:
    return reverse("api:category-detail", args=[code])


def test_tree_lists_major_classes_with_their_categories_and_defaults(small_city, catalogue, api_client_for):
    response = api_client_for(small_city.users["grid_a1_worker"]).get(reverse("api:category-list"))
    assert response.status_code == 200
    tree = response.json()
    majors = Category.objects.filter(parent__isnull=True)
    assert [node["code"] for node in tree] == list(majors.order_by("code").values_list("code", flat=True))
    construction = next(node for node in tree if node["code"] == "03")
    noise = next(child for child in construction["children"] if child["code"] == "0301")
    assert noise == {"code": "0301", "name": "施工扰民", "default_department": {"code": "HOUSING",
                                                                          "name": small_city.housing.name},
                     "order_class": "routine", "accept_within_hours": 2.0, "complete_within": 3,
                     "complete_within_unit": "d", "is_public": True, "is_active": True}
    assert sum(len(node["children"]) for node in tree) == Category.objects.filter(parent__isnull=False).count()


def test_inactive_categories_are_listed_only_on_request(small_city, catalogue, api_client_for):
    Category.objects.filter(code="0301").update(is_active=False)
    client = api_client_for(small_city.users["city_admin"])

    def codes(**query):
        return {child["code"] for node in client.get(reverse("api:category-list"), query).json()
                for child in node["children"]}

    assert "0301" not in codes()
    assert "0301" in codes(include_inactive="true")
    assert_error(client.get(reverse("api:category-list"), {"include_inactive": "perhaps"}), 400, "include_inactive")


def test_city_admin_changes_a_categorys_defaults(small_city, catalogue, api_client_for):
    response = api_client_for(small_city.users["city_admin"]).patch(
        category_url("0301"), {"complete_within": 5, "complete_within_unit": "d", "order_class": "key",
                               "default_department_code": "URBAN", "accept_within_hours": "1.5"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["complete_within"], body["order_class"], body["default_department"]["code"],
            body["accept_within_hours"]) == (5, "key", "URBAN", 1.5)
    category = Category.objects.get(code="0301")
    assert (category.complete_within, category.default_department.code) == (5, "URBAN")
    event = DomainEvent.objects.get(action="category.update", object_id=str(category.pk))
    assert event.actor == small_city.users["city_admin"]


def test_clearing_the_default_department(small_city, catalogue, api_client_for):
    response = api_client_for(small_city.users["city_admin"]).patch(
        category_url("0301"), {"default_department_code": ""}, format="json")
    assert response.status_code == 200
    assert response.json()["default_department"] is None


@pytest.mark.parametrize("changes,field", [
    ({"name": ""}, "name"),
    ({"name": "名" * 61}, "name"),
    ({"name": 7}, "name"),
    ({"order_class": "urgent"}, "order_class"),
    ({"accept_within_hours": "soon"}, "accept_within_hours"),
    ({"accept_within_hours": 0}, "accept_within_hours"),
    ({"accept_within_hours": 1000}, "accept_within_hours"),
    ({"complete_within": "many"}, "complete_within"),
    ({"complete_within": 0}, "complete_within"),
    ({"complete_within": 400}, "complete_within"),
    ({"complete_within_unit": "w"}, "complete_within_unit"),
    ({"default_department_code": "NOPE"}, "default_department_code"),
    ({"is_active": "perhaps"}, "is_active"),
    ({"code": "0399"}, "code"),
    ({"parent": "01"}, "parent"),
])
def test_category_update_refuses_bad_input(small_city, catalogue, api_client_for, changes, field):
    with nothing_written(Category):
        response = api_client_for(small_city.users["city_admin"]).patch(category_url("0301"), changes,
                                                                       format="json")
        assert_error(response, 400, field)


def test_category_update_of_an_unknown_code(small_city, catalogue, api_client_for):
    assert_error(api_client_for(small_city.users["city_admin"]).patch(category_url("9999"), {"name": "x"},
                                                                      format="json"), 404)
