"""What the registry API answers: unit detail and tree, filters, and the events that writes record."""
import pytest
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Membership
from gongzhi.org.services import joint_committee_seat_add, party_organisation_set
from tests.api_support import assert_error, registry_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(small_city):
    return registry_records(small_city)


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


def _results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_unit_detail_carries_breadcrumbs_children_compounds_and_committees(
        small_city, records, api_client_for):
    party_organisation_set(actor=None, unit=small_city.community_a1, name="建国路第一社区党委",
                           secretary_name="陈红", member_count=86)
    joint_committee_seat_add(actor=None, unit=small_city.community_a1, organisation_name="昌吉市第一中学",
                             organisation_kind="school", representative_name="刘校长")
    client = api_client_for(small_city.users["street_a_dispatcher"])
    body = client.get(reverse("api:unit-detail", args=[small_city.community_a1.code])).json()
    assert [(a["code"], a["name"]) for a in body["ancestors"]] == [("652301", "昌吉市"), ("652301001", "建国路街道")]
    assert body["parent_code"] == "652301001"
    assert [(c["code"], c["child_count"]) for c in body["children"]] == [("652301001001001", 0)]
    assert body["child_count"] == 1
    assert body["compound_count"] == 1
    assert body["party_organisation"]["name"] == "建国路第一社区党委"
    assert body["party_organisation"]["kind"] == "community_party_organisation"
    assert [s["organisation_name"] for s in body["joint_committee_seats"]] == ["昌吉市第一中学"]
    assert body["boundary"] is None


def test_unit_detail_of_a_street_counts_its_communities_and_all_their_compounds(small_city, records, admin):
    body = admin.get(reverse("api:unit-detail", args=[small_city.street_a.code])).json()
    children = [(c["code"], c["child_count"]) for c in body["children"]]
    assert children == [("652301001001", 1), ("652301001002", 0)]
    assert body["compound_count"] == 2
    assert body["party_organisation"] is None
    assert body["joint_committee_seats"] == []


def test_unit_detail_of_a_grid_returns_its_boundary_as_geojson(small_city, records, admin):
    body = admin.get(reverse("api:unit-detail", args=[small_city.grid_a1.code])).json()
    assert body["boundary"]["type"] == "Polygon"
    assert body["boundary"] == small_city.grid_a1.boundary
    assert body["compound_count"] == 1


def test_unit_tree_nests_the_whole_city_for_a_city_admin(small_city, admin):
    tree = admin.get(reverse("api:unit-tree")).json()
    city, = tree
    assert [street["code"] for street in city["children"]] == ["652301001", "652301002"]
    street_a = city["children"][0]
    assert [c["code"] for c in street_a["children"]] == ["652301001001", "652301001002"]
    assert [g["code"] for g in street_a["children"][0]["children"]] == ["652301001001001"]
    assert street_a["children"][0]["children"][0]["children"] == []


@pytest.mark.parametrize("query,codes", [
    ({"kind": "community"}, ["652301001001", "652301001002", "652301002001"]),
    ({"parent": "652301001"}, ["652301001001", "652301001002"]),
    ({"q": "北京南路"}, ["652301002", "652301002001", "652301002001001"]),
    ({"kind": "grid", "q": "建国路"}, ["652301001001001"]),
])
def test_unit_list_filters(small_city, admin, query, codes):
    assert [row["code"] for row in _results(admin.get(reverse("api:unit-list"), query))] == codes


def test_unit_list_filters_stay_inside_the_actors_scope(small_city, api_client_for):
    client = api_client_for(small_city.users["street_a_dispatcher"])
    assert _results(client.get(reverse("api:unit-list"), {"parent": small_city.street_b.code})) == []


def test_unit_list_refuses_an_unknown_kind_filter(small_city, admin):
    assert_error(admin.get(reverse("api:unit-list"), {"kind": "district"}), 400, "kind")


def test_compound_list_filters_by_community_and_grid(small_city, records, admin):
    url = reverse("api:compound-list")
    in_community = _results(admin.get(url, {"community": small_city.community_a2.code}))
    assert [r["code"] for r in in_community] == ["C-A2"]
    assert [r["code"] for r in _results(admin.get(url, {"grid": small_city.grid_a1.code}))] == ["C-A1"]
    row, = _results(admin.get(url, {"grid": small_city.grid_a1.code}))
    assert row["community_name"] == "建国路第一社区" and row["grid_name"] == "建国路第一社区一网格"


def test_liaison_list_filters_by_department_and_street(small_city, records, admin):
    url = reverse("api:liaison-list")
    assert [r["name"] for r in _results(admin.get(url, {"department": "HOUSING"}))] == ["王芳", "李强"]
    assert [r["name"] for r in _results(admin.get(url, {"street": small_city.street_a.code}))] == ["王芳", "张伟"]
    row, = _results(admin.get(url, {"department": "URBAN"}))
    assert row["user"] == "urban.liaison" and row["street_name"] == "建国路街道"


def test_membership_list_filters(small_city, admin):
    url = reverse("api:membership-list")
    rows = _results(admin.get(url, {"role": "department_handler"}))
    assert sorted(r["user"] for r in rows) == ["housing.handler", "urban.handler"]
    assert [r["user"] for r in _results(admin.get(url, {"unit": small_city.street_a.code}))] == [
        "street.a.dispatcher", "street.a.leader"]


def _last_event(action: str) -> DomainEvent:
    return DomainEvent.objects.filter(action=action).latest("id")


def _assert_recorded_by_admin(small_city, event: DomainEvent) -> None:
    assert event.actor == small_city.users["city_admin"]
    assert event.membership == Membership.objects.get(user=small_city.users["city_admin"])


def test_writes_record_domain_events_naming_the_actor_and_membership(small_city, records, admin):
    created = admin.post(reverse("api:unit-list"), {
        "code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301", "households": 12,
        "boundary": {"type": "Polygon",
                     "coordinates": [[[87.3, 44.0], [87.4, 44.0], [87.4, 44.1], [87.3, 44.0]]]},
    }, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["ancestors"] == [{"code": "652301", "name": "昌吉市", "kind": "city"}]
    event = _last_event("unit.create")
    _assert_recorded_by_admin(small_city, event)
    assert (event.object_type, event.unit_code, event.after["households"]) == ("org.unit", "652301003", 12)

    updated = admin.patch(reverse("api:unit-detail", args=["652301003"]), {"name": "宁边路", "phone": "0994-1"},
                          format="json")
    assert updated.status_code == 200 and updated.json()["name"] == "宁边路"
    event = _last_event("unit.update")
    _assert_recorded_by_admin(small_city, event)
    assert event.before == {"name": "宁边路街道", "phone": ""}
    assert event.after == {"name": "宁边路", "phone": "0994-1"}

    compound = admin.post(reverse("api:compound-list"), {"code": "C-N", "name": "新区", "community_code":
                          small_city.community_b1.code, "latitude": "44.012345"}, format="json")
    assert compound.status_code == 201 and compound.json()["latitude"] == "44.012345"
    _assert_recorded_by_admin(small_city, _last_event("compound.create"))

    department = admin.post(reverse("api:department-list"), {"code": "EDU", "name": "教育局"}, format="json")
    assert department.status_code == 201 and department.json()["liaisons"] == []
    _assert_recorded_by_admin(small_city, _last_event("department.create"))

    liaison = admin.post(reverse("api:liaison-list"), {"department": "EDU", "street": "652301003",
                                                       "name": "孙丽", "title": "科长"}, format="json")
    assert liaison.status_code == 200 and liaison.json()["street_name"] == "宁边路"
    _assert_recorded_by_admin(small_city, _last_event("liaison.assign"))

    granted = admin.post(reverse("api:membership-list"), {"user": "nobody", "role": "street_leader",
                                                          "unit": "652301003"}, format="json")
    assert granted.status_code == 201 and granted.json()["organisation_name"] == "宁边路"
    event = _last_event("membership.grant")
    _assert_recorded_by_admin(small_city, event)
    assert event.after == {"user": "nobody", "role": "street_leader", "unit": "652301003", "department": None}

    revoked = admin.post(reverse("api:membership-revoke", args=[granted.json()["id"]]), {"reason": "调岗"},
                         format="json")
    assert revoked.status_code == 200 and revoked.json()["is_active"] is False
    event = _last_event("membership.revoke")
    _assert_recorded_by_admin(small_city, event)
    assert event.comment == "调岗"


def test_liaison_assign_replaces_the_streets_liaison(small_city, records, admin):
    response = admin.post(reverse("api:liaison-list"), {
        "department": "HOUSING", "street": small_city.street_a.code, "name": "周杰"}, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == records["housing_a"].pk
    event = _last_event("liaison.assign")
    assert (event.before["name"], event.after["name"]) == ("王芳", "周杰")
