"""Bad input to granting and revoking memberships: a 400 naming the field, nothing written."""
import pytest
from django.urls import reverse

from gongzhi.org.models import Membership
from tests.api_support import assert_error, nothing_written

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


@pytest.mark.parametrize("body,field", [
    ({"role": "community_worker", "unit": "652301001001"}, "user"),
    ({"user": "no.such.user", "role": "community_worker", "unit": "652301001001"}, "user"),
    ({"user": "nobody", "unit": "652301001001"}, "role"),
    ({"user": "nobody", "role": "mayor", "unit": "652301001001"}, "role"),
    ({"user": "nobody", "role": "community_worker"}, "unit"),                          # neither place
    ({"user": "nobody", "role": "community_worker", "unit": "652301009009"}, "unit"),  # no such unit
    ({"user": "nobody", "role": "department_handler", "department": "NOPE"}, "department"),
    # A role held in the wrong kind of place.
    ({"user": "nobody", "role": "street_dispatcher", "unit": "652301001001"}, "unit"),
    ({"user": "nobody", "role": "grid_worker", "unit": "652301001"}, "unit"),
    ({"user": "nobody", "role": "department_handler", "unit": "652301001"}, "department"),
    ({"user": "nobody", "role": "community_worker", "department": "HOUSING"}, "unit"),
    ({"user": "nobody", "role": "community_worker", "unit": "652301001001", "department": "HOUSING"}, "unit"),
    # The same role in the same place twice.
    ({"user": "community.a1.worker", "role": "community_worker", "unit": "652301001001"}, "role"),
])
def test_membership_grant_refuses_bad_input(small_city, admin, body, field):
    with nothing_written(Membership):
        assert_error(admin.post(reverse("api:membership-list"), body, format="json"), 400, field)


def test_membership_revoke_refuses_a_revoked_membership(small_city, admin):
    membership = Membership.objects.get(user=small_city.users["community_a1_worker"])
    url = reverse("api:membership-revoke", args=[membership.pk])
    assert admin.post(url, {}, format="json").status_code == 200
    with nothing_written(Membership):
        assert_error(admin.post(url, {}, format="json"), 400, "membership")


def test_membership_revoke_refuses_a_reason_of_the_wrong_type(small_city, admin):
    membership = Membership.objects.get(user=small_city.users["community_a1_worker"])
    with nothing_written(Membership):
        response = admin.post(reverse("api:membership-revoke", args=[membership.pk]), {"reason": {"a": 1}},
                              format="json")
        assert_error(response, 400, "reason")
