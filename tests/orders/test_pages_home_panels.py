"""The work queues on the home page: each role sees its own queues with their orders, soonest
deadline first, and nothing of another area."""
import pytest
from django.urls import reverse

from gongzhi.orders.queues import QUEUE_LABELS
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def panels(small_city, page_client_for, who) -> dict[str, object]:
    response = page_client_for(small_city.users[who]).get(reverse("home"))
    # Panels with work, and the empty ones the page gathers as "all clear".
    return {str(panel.title): panel for panel in [*response.context["panels"], *response.context["clear_panels"]]}


def test_each_role_sees_its_queues_on_the_home_page(orders, small_city, page_client_for):
    reported = orders.reported()
    dispatched = orders.dispatched(title="已派单")
    street = panels(small_city, page_client_for, "street_a_dispatcher")
    to_dispatch = street[str(QUEUE_LABELS["to_dispatch"])]
    assert to_dispatch.total == 1 and to_dispatch.items[0].url == reverse("orders:detail", args=[reported.number])
    assert to_dispatch.link_url == reverse("orders:queue") + "?queue=to_dispatch"
    assert str(QUEUE_LABELS["open"]) not in street  # the street has narrower queues

    housing = panels(small_city, page_client_for, "housing_handler")
    to_accept = housing[str(QUEUE_LABELS["to_accept"])]
    assert [item.url for item in to_accept.items] == [reverse("orders:detail", args=[dispatched.number])]
    assert "left" in str(to_accept.items[0].detail)
    assert str(QUEUE_LABELS["to_dispatch"]) not in housing

    grid = panels(small_city, page_client_for, "grid_a1_worker")
    assert grid[str(QUEUE_LABELS["open"])].total == 2

    assert panels(small_city, page_client_for, "street_b_dispatcher")[str(QUEUE_LABELS["to_dispatch"])].total == 0
