"""The workforce's panels on the home page: communities short of staff at one worker per hundred
households, workers short of this year's training hours, workers eligible for promotion this year,
and, for every worker with a file, their latest pay slip."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.home import HomePanel, HomePanelContent, HomePanelItem, home_panel_register, panel_content
from gongzhi.workforce.reports import promotion_checks, staffing_rows, training_shortfall
from gongzhi.workforce.selectors import own_worker, pay_lines_visible_to


def _worker_url(worker) -> str:
    return reverse("workforce:worker", args=[worker.pk])


def understaffed_communities(actor: Actor) -> HomePanelContent | None:
    rows = [row for row in staffing_rows(actor) if row.flagged]
    return panel_content(
        title=_("Communities short of staff"),
        rows=rows,
        item_of=lambda row: HomePanelItem(
            label=row.community.name,
            url=reverse("workforce:staffing"),
            detail=_("%(households)s households, %(workers)d workers: %(missing)d missing")
            % {
                "households": number_format(row.households, force_grouping=True),
                "workers": row.workers,
                "missing": row.missing,
            },
        ),
        link_url=reverse("workforce:staffing"),
        link_label=_("The staffing ratio"),
        empty_message=_("Every community has a worker per hundred households."),
    )


def training_behind(actor: Actor) -> HomePanelContent | None:
    year = timezone.localdate().year
    return panel_content(
        title=_("Short of training hours in %(year)d") % {"year": year},
        rows=training_shortfall(actor, year),
        item_of=lambda row: HomePanelItem(
            label=row.worker.name,
            url=_worker_url(row.worker),
            detail=_("%(hours)s of %(required)s hours") % {"hours": row.hours, "required": row.required},
        ),
        link_url=reverse("workforce:training-shortfall"),
        link_label=_("All of them"),
        empty_message=_("Everyone has had this year's training."),
    )


def promotion_eligible(actor: Actor) -> HomePanelContent | None:
    year = timezone.localdate().year
    rows = [check for check in promotion_checks(actor, year) if check.eligible]
    return panel_content(
        title=_("Eligible for promotion in %(year)d") % {"year": year},
        rows=rows,
        item_of=lambda check: HomePanelItem(
            label=check.worker.name,
            url=_worker_url(check.worker),
            detail=_("Level %(level)d → %(next)d")
            % {"level": check.evidence["level"], "next": check.evidence["level"] + 1},
        ),
        link_url=reverse("workforce:promotions"),
        link_label=_("Promotions"),
        empty_message=_("Nobody is eligible this year yet."),
    )


def my_pay_slips(actor: Actor) -> HomePanelContent | None:
    try:
        worker = own_worker(actor)
    except RecordNotFound:
        return None
    rows = pay_lines_visible_to(actor).filter(worker=worker).order_by("-month")
    return panel_content(
        title=_("My pay slips"),
        rows=rows,
        item_of=lambda line: HomePanelItem(
            label=line.month.strftime("%Y-%m"),
            url=reverse("workforce:pay-slip", args=[line.pk]),
            detail=_("%(total)s yuan") % {"total": line.total},
        ),
        link_url=_worker_url(worker),
        link_label=_("My file"),
        empty_message=_("No pay slip yet."),
    )


home_panel_register(
    HomePanel(
        key="workforce.understaffed",
        permission=Permission.WORKFORCE_VIEW,
        build=understaffed_communities,
        order=150,
    )
)
home_panel_register(
    HomePanel(
        key="workforce.training_behind",
        permission=Permission.WORKFORCE_MANAGE,
        build=training_behind,
        order=160,
    )
)
home_panel_register(
    HomePanel(
        key="workforce.promotion_eligible",
        permission=Permission.WORKFORCE_MANAGE,
        build=promotion_eligible,
        order=170,
    )
)
home_panel_register(
    HomePanel(
        key="workforce.my_pay_slips", permission=Permission.WORKFORCE_OWN_FILE, build=my_pay_slips, order=180
    )
)
