"""Only actors with audit.view browse the audit trail through the API."""
import pytest
from django.urls import reverse

from tests.api_support import assert_error, expected_by_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=200))
def test_audit_events_are_for_auditors_only(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:audit-events"))
    if expected == 200:
        assert response.status_code == 200
    else:
        assert assert_error(response, expected)["code"] == "permission_denied"


def test_audit_events_refuse_anonymous_callers(small_city, client):
    assert_error(client.get(reverse("api:audit-events")), 401)
