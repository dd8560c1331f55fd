"""Who may read the statistics: every role, each over the orders it sees (the scoping itself is
tested with figures in test_api_statistics); the user without a role and anonymous callers not."""
import pytest
from django.urls import reverse

from tests.api_support import assert_error, expected_by_role

pytestmark = pytest.mark.django_db
ROUTES = ["api:work-order-statistics", "api:work-order-statistics-export"]


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403))
@pytest.mark.parametrize("route", ROUTES)
def test_statistics_are_open_to_every_role(small_city, api_client_for, who, expected, route):
    response = api_client_for(small_city.users[who]).get(reverse(route))
    if expected == 200:
        assert response.status_code == 200
    else:
        assert_error(response, expected)


@pytest.mark.parametrize("route", ROUTES)
def test_statistics_refuse_anonymous_callers(small_city, client, route):
    assert_error(client.get(reverse(route)), 401)
