"""Pages of the organisation: signing in and out, the password, the membership switcher and the
registry (tree, unit, departments, compounds). Thin: they read through the scoped selectors and
write through the services; out of scope answers 404, a role without the permission 403."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import LogoutView
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.common.access.actor import SESSION_KEY
from gongzhi.common.access.roles import Permission
from gongzhi.common.pages import (form_errors_from_service, map_base_layer, page_of, page_view, query_without_page,
                                  safe_next_url)
from gongzhi.org.forms import CompoundSearchForm, LoginForm, PasswordChangeForm
from gongzhi.org.login import AccountLocked, login_authenticate
from gongzhi.org.models import UnitKind
from gongzhi.org.selectors import (compounds_in_unit, compounds_visible_to, department_get_visible,
                                   departments_visible_to, joint_committee_seats_visible_to,
                                   liaisons_visible_to, memberships_visible_to, party_organisations_visible_to,
                                   unit_ancestors, unit_children_with_counts, unit_get_visible, unit_roots_for,
                                   units_visible_to)
from gongzhi.org.services import user_password_change

# A unit page lists this many compounds; the compounds list shows the rest.
UNIT_PAGE_COMPOUND_LIMIT = 20


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_page(request):
    if request.method == "GET" and request.user.is_authenticated:
        return redirect("home")
    form = LoginForm(request.POST or None)
    locked_until = None
    if request.method == "POST" and form.is_valid():
        try:
            user = login_authenticate(request=request, username=form.cleaned_data["username"],
                                      password=form.cleaned_data["password"])
        except AccountLocked as locked:
            locked_until = locked.until
        except ValidationError as error:
            form_errors_from_service(form, error)
        else:
            auth_login(request, user)
            return redirect(safe_next_url(request, reverse("home")))
    # 429 as the token API answers a locked account: too many attempts, come back later.
    status = 429 if locked_until else 400 if form.errors else 200
    return render(request, "registration/login.html", {
        "form": form, "locked_until": locked_until, "next": request.POST.get("next") or request.GET.get("next", ""),
    }, status=status)


# Django's own view: POST only, ends the session, goes to LOGOUT_REDIRECT_URL.
logout_page = LogoutView.as_view()


@sensitive_post_parameters("old_password", "new_password", "new_password_again")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
@page_view()
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_password_change(actor=request.actor, old_password=form.cleaned_data["old_password"],
                                        new_password=form.cleaned_data["new_password"])
        except ValidationError as error:
            form_errors_from_service(form, error)
        else:
            # Keeps this session signed in; the user's other sessions end with the old password.
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password was changed."))
            return redirect("home")
    return render(request, "registration/password_change.html", {"form": form},
                  status=400 if form.errors else 200)


@require_POST
@page_view()
def membership_switch(request):
    """Act through another of one's own active memberships: only the session's choice changes."""
    chosen = request.POST.get("membership", "")
    membership = next((held for held in request.actor.available if str(held.pk) == chosen), None)
    if membership is None:
        raise Http404()
    request.session[SESSION_KEY] = membership.pk
    return redirect("home")


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_tree(request):
    actor = request.actor
    roots = [(root, unit_children_with_counts(actor, unit=root)) for root in unit_roots_for(actor)]
    return render(request, "org/registry_tree.html", {"roots": roots})


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_unit_children(request, code: str):
    """The children of a unit, as the tree's htmx fragment."""
    unit = unit_get_visible(request.actor, code=code)
    return render(request, "org/_unit_children.html",
                  {"children": unit_children_with_counts(request.actor, unit=unit)})


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_unit(request, code: str):
    actor = request.actor
    unit = unit_get_visible(actor, code=code)
    ancestors = unit_ancestors(unit)
    children = list(unit_children_with_counts(actor, unit=unit))
    compounds = compounds_in_unit(actor, unit=unit).order_by("code")
    shown_compounds = list(compounds[:UNIT_PAGE_COMPOUND_LIMIT])
    may_see_members = actor.has_permission(Permission.MEMBERSHIPS_VIEW)
    return render(request, "org/registry_unit.html", {
        "unit": unit,
        "ancestors": ancestors,
        "reachable_codes": _reachable_codes(actor, [*ancestors, *_compound_units(shown_compounds)]),
        "children": children,
        "compounds": shown_compounds,
        "compound_count": compounds.count(),
        "party_organisation": party_organisations_visible_to(actor).filter(unit=unit).first(),
        "seats": joint_committee_seats_visible_to(actor).filter(unit=unit, is_active=True),
        "liaisons": (liaisons_visible_to(actor).filter(street=unit).order_by("department__code")
                     if unit.kind == UnitKind.STREET else None),
        "members": (memberships_visible_to(actor).filter(unit=unit, is_active=True).order_by("role", "user__username")
                    if may_see_members else None),
        "map": _unit_map(unit, children),
    })


def _reachable_codes(actor, units) -> set[str]:
    """Codes of the units named on a page that the actor may open: only those are links (a grid
    worker reads the name of their community but cannot open its page)."""
    codes = {unit.code for unit in units}
    return set(units_visible_to(actor).filter(code__in=codes).values_list("code", flat=True))


def _compound_units(compounds) -> list:
    return [unit for compound in compounds for unit in (compound.community, compound.grid) if unit is not None]


def _unit_map(unit, children) -> dict | None:
    """What the unit's map draws: its boundary and those of its children, linked to their pages."""
    if not unit.boundary and not any(child.boundary for child in children):
        return None
    return {
        "boundary": unit.boundary,
        "name": unit.name,
        "children": [{"name": child.name, "url": reverse("registry-unit", args=[child.code]),
                      "boundary": child.boundary} for child in children if child.boundary],
        **map_base_layer(),
    }


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_departments(request):
    actor = request.actor
    liaisons_by_department: dict[int, list] = {}
    for liaison in liaisons_visible_to(actor).order_by("street__code"):
        liaisons_by_department.setdefault(liaison.department_id, []).append(liaison)
    departments = [(department, liaisons_by_department.get(department.pk, []))
                   for department in departments_visible_to(actor).order_by("code")]
    return render(request, "org/registry_departments.html", {
        "departments": departments,
        "street_count": units_visible_to(actor).filter(kind=UnitKind.STREET, is_active=True).count(),
        # Street, community and grid staff see the one liaison serving them; others see coverage.
        "shows_own_street_liaison": actor.unit_code is not None,
    })


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_department(request, code: str):
    actor = request.actor
    department = department_get_visible(actor, code=code)
    # Department members see only their own department's liaisons: for another department, a street
    # without a visible liaison would look unserved when it is not, so no gaps are drawn then.
    sees_liaisons = not actor.is_department_member or actor.department_id == department.pk
    liaisons = {liaison.street_id: liaison
                for liaison in liaisons_visible_to(actor).filter(department=department)}
    streets = list(units_visible_to(actor).filter(kind=UnitKind.STREET).order_by("code")) if sees_liaisons else []
    listed = {street.pk for street in streets}
    streets += [liaison.street for liaison in liaisons.values() if liaison.street_id not in listed]
    may_see_members = actor.has_permission(Permission.MEMBERSHIPS_VIEW)
    return render(request, "org/registry_department.html", {
        "department": department,
        "rows": [(street, liaisons.get(street.pk)) for street in sorted(streets, key=lambda s: s.code)],
        "reachable_codes": _reachable_codes(actor, streets),
        "sees_liaisons": sees_liaisons,
        "members": (memberships_visible_to(actor).filter(department=department, is_active=True)
                    .order_by("role", "user__username") if may_see_members else None),
    })


@require_GET
@page_view(Permission.REGISTRY_VIEW)
def registry_compounds(request):
    actor = request.actor
    form = CompoundSearchForm(request.GET or None)
    compounds = compounds_visible_to(actor)
    unit = None
    if form.is_valid():
        if form.cleaned_data["unit"]:
            unit = unit_get_visible(actor, code=form.cleaned_data["unit"])
            compounds = compounds_in_unit(actor, unit=unit)
        text = form.cleaned_data["q"].strip()
        if text:
            compounds = compounds.filter(Q(name__icontains=text) | Q(code__icontains=text)
                                         | Q(address__icontains=text) | Q(community__name__icontains=text))
    page = page_of(request, compounds.order_by("code"))
    return render(request, "org/registry_compounds.html", {
        "form": form,
        "unit": unit,
        "page": page,
        "reachable_codes": _reachable_codes(actor, _compound_units(page.object_list)),
        "query": query_without_page(request),
    })
