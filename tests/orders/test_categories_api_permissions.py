"""Who reads and edits the category catalogue through the API: everyone with a role reads it;
only city administrators change it, and a refusal changes nothing."""
import pytest
from django.urls import reverse

from gongzhi.orders.models import Category
from tests.api_support import assert_error, expected_by_role, nothing_written


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403))
def test_everyone_with_a_role_reads_the_catalogue(small_city, catalogue, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:category-list"))
    if expected == 200:
        assert response.status_code == 200
    else:
        assert_error(response, expected)


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=200))
def test_only_city_administrators_edit_the_catalogue(small_city, catalogue, api_client_for, who, expected):
    url = reverse("api:category-detail", args=["0301"])
    if expected == 200:
        response = api_client_for(small_city.users[who]).patch(url, {"complete_within": 4}, format="json")
        assert response.status_code == 200
        assert Category.objects.get(code="0301").complete_within == 4
    else:
        with nothing_written(Category):
            # A refused role is refused before its input is read, bad or not.
            for body in ({"complete_within": 4}, {"complete_within": "many"}):
                response = api_client_for(small_city.users[who]).patch(url, body, format="json")
                assert_error(response, 403)


def test_the_catalogue_is_closed_to_anonymous_callers(small_city, catalogue, client):
    assert_error(client.get(reverse("api:category-list")), 401)
    assert_error(client.patch(reverse("api:category-detail", args=["0301"]), {"name": "x"},
                              content_type="application/json"), 401)
