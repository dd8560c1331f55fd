"""The whole loop through the API alone, as the people of the small city would walk it: the grid
worker reports with a photo, the street dispatches to housing, housing accepts and completes with a
photo, the street verifies, the community rates; the timeline and the statistics show it."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.orders.conftest import png


def test_the_loop_closes_through_the_api(small_city, catalogue, api_client_for):
    def client(who: str):
        return api_client_for(small_city.users[who])

    def act(who: str, action: str, body: dict | None = None, **options) -> dict:
        response = client(who).post(reverse(f"api:work-order-{action}", args=[number]), body or {},
                                    **({"format": "json"} | options))
        assert response.status_code == 200, (action, response.content[:300])
        return response.json()

    reported = client("grid_a1_worker").post(reverse("api:work-order-list"), {
        "title": "工地夜间施工噪音", "description": "建国路一号工地凌晨仍在施工。", "category": "0301",
        "channel": "grid_patrol", "latitude": "44.015", "longitude": "87.305", "photos": [png("scene.png")],
    }, format="multipart")
    assert reported.status_code == 201, reported.content
    number = reported.json()["number"]
    assert reported.json()["grid"]["code"] == small_city.grid_a1.code  # placed by its coordinates

    suggested = client("street_a_dispatcher").get(reverse("api:work-order-detail", args=[number])).json()
    lead = suggested["suggested_department"]["code"]
    assert act("street_a_dispatcher", "dispatch", {"lead_department": lead})["state"] == "dispatched"
    assert act("housing_handler", "accept")["state"] == "in_progress"
    completed = act("housing_handler", "complete", {"result": "已责令停工并罚款。", "photos": [png("after.png")]},
                    format="multipart")
    assert completed["state"] == "handled"
    assert [photo["kind"] for photo in completed["photos"]] == ["report", "result"]
    assert act("street_a_dispatcher", "verify", {"comment": "现场核实已停工"})["state"] == "closed"
    rated = act("community_a1_worker", "rate", {"satisfaction": "satisfied"})
    assert (rated["state"], rated["satisfaction"]) == ("closed", "satisfied")

    timeline = client("city_leader").get(reverse("api:work-order-events", args=[number])).json()
    assert [event["action"] for event in timeline] == ["report", "dispatch", "accept", "complete", "verify", "rate"]
    assert len(timeline[0]["photos"]) == 1 and len(timeline[3]["photos"]) == 1

    today = timezone.localdate().isoformat()
    statistics = client("city_admin").get(reverse("api:work-order-statistics"),
                                          {"group_by": "department", "from": today, "to": today}).json()
    (housing,) = statistics["groups"]
    assert (housing["key"], housing["dispatched"], housing["completed"], housing["rated"], housing["satisfied"],
            housing["completion_rate"]) == ("HOUSING", 1, 1, 1, 1, 1.0)
