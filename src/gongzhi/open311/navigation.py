"""Open311's entries in the shell: the staff map in the navigation; on the home page, the open
problems residents reported in the actor's area, and for city administrators the client systems
and the state of the suggested-department model."""
from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.home import (PANEL_ITEM_LIMIT, HomePanel, HomePanelContent, HomePanelItem,
                                 home_panel_register, panel_content)
from gongzhi.common.navigation import NavigationEntry, navigation_register
from gongzhi.open311.models import ApiClient
from gongzhi.open311.selectors.georeport import public_channels
from gongzhi.orders.models import OPEN_STATES
from gongzhi.orders.routing import classifier_current
from gongzhi.orders.selectors import orders_visible_to

navigation_register(NavigationEntry(label=gettext_lazy("Map"), url_name="open311:map",
                                    permission=Permission.ORDERS_VIEW, order=12))


def _resident_reports(actor: Actor) -> HomePanelContent | None:
    rows = (orders_visible_to(actor).filter(channel__in=public_channels(), state__in=OPEN_STATES)
            .order_by("-reported_at", "-id"))
    return panel_content(
        title=_("Open problems residents reported"), rows=rows,
        item_of=lambda order: HomePanelItem(
            label=f"{order.number} {order.title}", url=reverse("orders:detail", args=[order.number]),
            detail=f"{order.get_state_display()} · {order.get_channel_display()}"),
        link_url=reverse("open311:map"), link_label=_("See them on the map"),
        empty_message=_("No open problem reported by residents in your area."))


def _percent(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _clients_and_routing(actor: Actor) -> HomePanelContent | None:
    if not actor.is_city_wide:
        return None
    clients = list(ApiClient.objects.order_by("-is_active", "name"))
    items = [HomePanelItem(
        label=client.name,
        detail=(_("last used %(when)s") % {"when": date_format(timezone.localtime(client.last_used_at),
                                                                "SHORT_DATETIME_FORMAT")}
                if client.last_used_at else _("not used yet")) if client.is_active else _("switched off"),
        url=reverse("admin:open311_apiclient_change", args=[client.pk])) for client in clients]
    classifier = classifier_current()
    routing = (_("Suggested departments: learnt from %(n)d orders; on the newest held out, right first time "
                 "%(top1)s, among three %(top3)s.") % {"n": classifier.training_orders,
                                                       "top1": _percent(classifier.held_out.get("top1")),
                                                       "top3": _percent(classifier.held_out.get("top3"))}
               if classifier else _("Suggested departments come from the categories until enough orders are "
                                    "completed to learn from."))
    return HomePanelContent(title=_("Open311 client systems"),
                            items=[HomePanelItem(label=routing), *items[:PANEL_ITEM_LIMIT - 1]],
                            total=len(clients), link_url=reverse("admin:open311_apiclient_changelist"),
                            link_label=_("Manage client systems"),
                            empty_message=_("No client system has a key yet."))


home_panel_register(HomePanel(key="open311.resident_reports", permission=Permission.ORDERS_VIEW,
                              build=_resident_reports, order=150))
home_panel_register(HomePanel(key="open311.clients", permission=Permission.OPEN311_CLIENTS_MANAGE,
                              build=_clients_and_routing, order=160))
