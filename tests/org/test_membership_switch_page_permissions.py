"""Switching the membership one acts through: only to one's own active memberships, and nothing is
written but the session's choice."""
import pytest
from django.urls import reverse

from gongzhi.common.access.actor import SESSION_KEY
from gongzhi.org.models import Membership
from tests.api_support import nothing_written
from tests.factories import MembershipFactory
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def two_hats(small_city):
    """The street a leader also works in community b1: two memberships, the first one acting."""
    user = small_city.users["street_a_leader"]
    second = MembershipFactory(user=user, role="community_worker", unit=small_city.community_b1)
    return user, Membership.objects.get(user=user, role="street_leader"), second


def _switch(client, membership_id):
    return client.post(reverse("membership-switch"), {"membership": membership_id})


def test_header_offers_the_switch_only_to_users_with_several_memberships(small_city, page_client_for, two_hats):
    user, first, second = two_hats
    content = page_client_for(user).get(reverse("home")).content.decode()
    assert f'action="{reverse("membership-switch")}"' in content
    assert f'value="{second.pk}"' in content and f'value="{first.pk}"' in content
    single = page_client_for(small_city.users["street_a_dispatcher"]).get(reverse("home")).content.decode()
    assert f'action="{reverse("membership-switch")}"' not in single


def test_switching_changes_what_the_user_sees(small_city, page_client_for, two_hats):
    user, _first, second = two_hats
    client = page_client_for(user)
    community_b1 = reverse("registry-unit", args=[small_city.community_b1.code])
    street_a = reverse("registry-unit", args=[small_city.street_a.code])
    assert client.get(community_b1).status_code == 404
    with nothing_written(Membership):
        response = _switch(client, second.pk)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == second.pk
    assert client.get(community_b1).status_code == 200
    assert client.get(street_a).status_code == 404


def test_switching_to_someone_elses_membership_is_refused(small_city, page_client_for, two_hats):
    user, _first, _second = two_hats
    client = page_client_for(user)
    others = Membership.objects.get(user=small_city.users["city_admin"])
    with nothing_written(Membership):
        response = _switch(client, others.pk)
    assert response.status_code == 404
    assert SESSION_KEY not in client.session
    assert client.get(reverse("audit-events")).status_code == 403


def test_switching_to_a_revoked_membership_is_refused(small_city, page_client_for, two_hats):
    user, _first, second = two_hats
    Membership.objects.filter(pk=second.pk).update(is_active=False)
    client = page_client_for(user)
    assert _switch(client, second.pk).status_code == 404
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("value", ["", "not-a-number", "999999"])
def test_switching_to_nothing_is_refused(small_city, page_client_for, two_hats, value):
    assert _switch(page_client_for(two_hats[0]), value).status_code == 404


def test_switch_is_a_post(small_city, page_client_for, two_hats):
    assert page_client_for(two_hats[0]).get(reverse("membership-switch")).status_code == 405


def test_anonymous_visitors_cannot_switch(small_city, client, two_hats):
    response = _switch(client, two_hats[2].pk)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
