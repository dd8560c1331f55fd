"""Who may see, grant and revoke memberships through the API; ``me/`` and the X-Membership header."""
import pytest
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Membership
from tests.api_support import ROLE_KEYS, assert_error, expected_by_role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

STREET_A_STAFF = ["community.a1.worker", "grid.a1.worker", "street.a.dispatcher", "street.a.leader"]
VISIBLE_HOLDERS = {
    "city_admin": "all", "city_leader": "all",
    # Leaders see the memberships in their reach; other roles only their own.
    "street_a_leader": STREET_A_STAFF,
    "housing_leader": ["housing.handler", "housing.leader"],
    "nobody": [],
}


@pytest.mark.parametrize("who", [*ROLE_KEYS, "nobody"])
def test_membership_list_is_scoped(small_city, api_client_for, who):
    response = api_client_for(small_city.users[who]).get(reverse("api:membership-list"))
    assert response.status_code == 200
    holders = sorted(row["user"] for row in response.json()["results"])
    expected = VISIBLE_HOLDERS.get(who, [small_city.users[who].username])
    if expected == "all":
        expected = sorted(Membership.objects.values_list("user__username", flat=True))
    assert holders == expected


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=201))
def test_membership_grant_is_for_city_administrators(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).post(reverse("api:membership-list"), {
        "user": "nobody", "role": "community_worker", "unit": small_city.community_a2.code}, format="json")
    assert response.status_code == expected, response.content
    assert Membership.objects.filter(user=small_city.users["nobody"]).exists() == (expected == 201)


# The community a1 worker's membership: seen by city roles, the 建国路 leader (it lies in the street)
# and its holder; unseen by everyone else, to whom it answers 404.
@pytest.mark.parametrize("who,expected", expected_by_role(
    404, city_admin=200, city_leader=403, street_a_leader=403, community_a1_worker=403))
def test_membership_revoke_is_for_city_administrators(small_city, api_client_for, who, expected):
    membership = Membership.objects.get(user=small_city.users["community_a1_worker"])
    response = api_client_for(small_city.users[who]).post(
        reverse("api:membership-revoke", args=[membership.pk]), {"reason": "调岗"}, format="json")
    assert response.status_code == expected, response.content
    membership.refresh_from_db()
    assert membership.is_active == (expected != 200)
    assert DomainEvent.objects.filter(action="membership.revoke").exists() == (expected == 200)


@pytest.mark.parametrize("who,expected", expected_by_role(
    404, city_admin=200, city_leader=200, street_a_leader=200, community_a1_worker=200))
def test_membership_detail_is_scoped(small_city, api_client_for, who, expected):
    membership = Membership.objects.get(user=small_city.users["community_a1_worker"])
    url = reverse("api:membership-detail", args=[membership.pk])
    response = api_client_for(small_city.users[who]).get(url)
    assert response.status_code == expected


@pytest.mark.parametrize("who", [*ROLE_KEYS, "nobody"])
def test_me_shows_the_user_their_memberships_and_the_acting_one(small_city, api_client_for, who):
    response = api_client_for(small_city.users[who]).get(reverse("api:me"))
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["username"] == small_city.users[who].username
    own = list(Membership.objects.filter(user=small_city.users[who]).values_list("pk", flat=True))
    assert [m["id"] for m in body["memberships"]] == own
    assert (body["active_membership"] or {}).get("id") == (own[0] if own else None)
    assert ("registry.view" in body["permissions"]) == bool(own)
    assert ("registry.manage" in body["permissions"]) == (who == "city_admin")


def test_me_refuses_anonymous_callers(small_city, client):
    assert_error(client.get(reverse("api:me")), 401)


@pytest.fixture
def dual_role_user(small_city):
    """The 建国路 dispatcher also works in a 北京南路 community."""
    second = MembershipFactory(user=small_city.users["street_a_dispatcher"], role="community_worker",
                               unit=small_city.community_b1)
    return small_city.users["street_a_dispatcher"], second


def test_x_membership_header_chooses_the_acting_membership(small_city, api_client_for, dual_role_user):
    user, second = dual_role_user
    client = api_client_for(user)
    community_b1 = reverse("api:unit-detail", args=[small_city.community_b1.code])
    assert_error(client.get(community_b1), 404)
    assert client.get(community_b1, HTTP_X_MEMBERSHIP=str(second.pk)).status_code == 200
    me = client.get(reverse("api:me"), HTTP_X_MEMBERSHIP=str(second.pk)).json()
    assert me["active_membership"]["id"] == second.pk
    assert len(me["memberships"]) == 2


def test_x_membership_header_naming_someone_elses_membership_is_ignored(small_city, api_client_for):
    others = Membership.objects.get(user=small_city.users["street_b_dispatcher"])
    client = api_client_for(small_city.users["street_a_dispatcher"])
    response = client.get(reverse("api:unit-detail", args=[small_city.community_b1.code]),
                          HTTP_X_MEMBERSHIP=str(others.pk))
    assert_error(response, 404)
    me = client.get(reverse("api:me"), HTTP_X_MEMBERSHIP=str(others.pk)).json()
    assert me["active_membership"]["role"] == "street_dispatcher"
    assert me["active_membership"]["unit"] == small_city.street_a.code
