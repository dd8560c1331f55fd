"""The staff map: the orders an actor may see, by state and clustered, over the grid boundaries,
filtered like the queues. The page draws the map; the points and clusters come from
/api/v1/map/orders/ for the part of the map in view."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongzhi.common.access.roles import Permission
from gongzhi.common.pages import map_base_layer, page_view
from gongzhi.open311.map_filters import map_default_queue, map_filter_form, map_orders, map_queues
from gongzhi.open311.selectors.staff_map import STATE_COLOURS
from gongzhi.orders.models import OrderState
from gongzhi.org.models import UnitKind
from gongzhi.org.selectors import units_visible_to


@require_GET
@page_view(Permission.ORDERS_VIEW)
def orders_map(request):
    actor = request.actor
    queue = request.GET.get("queue") or map_default_queue(actor)
    form = map_filter_form(actor, request.GET)
    valid = form.is_valid()
    if valid:
        map_orders(actor, queue=queue, form=form)  # an unknown queue answers 404 here, not on the data call
    query = request.GET.copy()
    query["queue"] = queue
    grids = (units_visible_to(actor).filter(kind=UnitKind.GRID, is_active=True, boundary__isnull=False)
             .order_by("code").values_list("name", "boundary"))
    labels = dict(OrderState.choices)
    return render(request, "open311/staff_map.html", {
        "form": form, "queues": map_queues(actor), "current": queue,
        "staff_map": {**map_base_layer(), "dataUrl": reverse("api:orders-map"), "query": query.urlencode(),
                      "grids": [{"name": name, "boundary": boundary} for name, boundary in grids],
                      "states": [{"state": state, "label": str(labels[state]), "colour": colour}
                                 for state, colour in STATE_COLOURS.items()]},
    }, status=200 if valid else 400)
