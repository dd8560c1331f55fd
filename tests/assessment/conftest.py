"""Assessment fixtures: the first quarter of 2025 with work orders taken through the loop's services at
known times (so every indicator can be worked out by hand), a scheme defined through the services,
staff posted to the streets, and the streets' scores."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongzhi.assessment import services
from gongzhi.assessment.models import Appeal, ManualItemKind, ManualScore, Period, ReviewSession
from gongzhi.orders import services as order_services
from gongzhi.orders.models import WorkOrder
from tests.factories import DepartmentFactory
from tests.orders.conftest import catalogue, local, media_in_tmp  # noqa: F401 (fixtures used here)

# The scheme of the tests: weights add up to 100 in each part, rates are percentages.
INDICATORS = [
    dict(metric="completion_rate", weight=30, rule="linear", zero_at=60, full_at=100),
    dict(metric="on_time_acceptance_rate", weight=10, rule="thresholds",
         steps=[{"at": 95, "score": 100}, {"at": 80, "score": 80}, {"at": 60, "score": 60}]),
    dict(metric="on_time_completion_rate", weight=20, rule="linear", zero_at=50, full_at=100),
    dict(metric="return_rate", weight=10, rule="linear", zero_at=20, full_at=0),
    dict(metric="rework_rate", weight=10, rule="thresholds", steps=[{"at": 5, "score": 100}, {"at": 20,
                                                                                              "score": 50}]),
    dict(metric="satisfaction_rate", weight=15, rule="linear", zero_at=50, full_at=100),
    dict(metric="overdue_count", weight=5, rule="thresholds", steps=[{"at": 0, "score": 100}, {"at": 2,
                                                                                               "score": 60}]),
]
ITEMS = [dict(name="配合度", weight=60), dict(name="下沉人员", weight=40, kind=ManualItemKind.POSTED_STAFF)]


@pytest.fixture
def water(small_city):
    """A third department that receives no order in the period."""
    return DepartmentFactory(code="WATER", name="水务局")


@pytest.fixture
def quarter_orders(small_city, catalogue):
    """Category 0301: 2 working hours to accept, 3 working days to complete; office hours 10:00–14:00
    and 15:30–19:30. Dispatched on Monday 3 March 2025 at 10:00, an order is to be accepted by
    12:00 and completed by Thursday 6 March 19:30.

    Housing leads H1–H4: H1 on time all through, satisfied; H2 accepted late, overdue, completed late,
    unsatisfied; H3 accepted on time, still in progress; H4 returned by urban management first,
    accepted and completed on time, sent back once, basically satisfied. Urban management leads U1
    (street b), accepted and completed on time, not yet verified, and returned H4. U2 is dispatched in
    April, outside the quarter."""
    city, actor = small_city, small_city.actor

    def report(who: str, when, grid) -> WorkOrder:
        return order_services.order_report(actor=actor(who), title="施工扰民", description="夜间施工噪音",
                                           category_code="0301", channel="street", now=when,
                                           grid_code=grid.code)

    def dispatch(order, who: str, department: str, when) -> WorkOrder:
        return order_services.order_dispatch(actor=actor(who), order=WorkOrder.objects.get(pk=order.pk),
                                             lead_department_code=department, now=when)

    def accept(order, who: str, when) -> None:
        order_services.order_accept(actor=actor(who), order=order, now=when)

    def complete(order, who: str, when) -> None:
        order_services.order_complete(actor=actor(who), order=order, result="已处理", now=when)

    def verify_and_rate(order, day: int, satisfaction: str) -> None:
        order_services.order_verify(actor=actor("street_a_dispatcher"), order=order, now=local(2025, 3, day,
                                                                                               12))
        order_services.order_rate(actor=actor("community_a1_worker"), order=order, satisfaction=satisfaction,
                                  now=local(2025, 3, day, 13))

    h1 = dispatch(report("street_a_dispatcher", local(2025, 3, 3, 9), city.grid_a1), "street_a_dispatcher",
                  "HOUSING", local(2025, 3, 3, 10))
    accept(h1, "housing_handler", local(2025, 3, 3, 11))
    complete(h1, "housing_handler", local(2025, 3, 4, 11))
    verify_and_rate(h1, 4, "satisfied")

    h2 = dispatch(report("street_a_dispatcher", local(2025, 3, 3, 9), city.grid_a1), "street_a_dispatcher",
                  "HOUSING", local(2025, 3, 3, 10))
    accept(h2, "housing_handler", local(2025, 3, 3, 16))
    assert order_services.orders_overdue_sweep(now=local(2025, 3, 6, 20, 30)) == 1
    complete(h2, "housing_handler", local(2025, 3, 7, 11))
    verify_and_rate(h2, 7, "unsatisfied")

    h3 = dispatch(report("street_a_dispatcher", local(2025, 3, 17, 9), city.grid_a1), "street_a_dispatcher",
                  "HOUSING", local(2025, 3, 17, 10))
    accept(h3, "housing_handler", local(2025, 3, 17, 11))

    h4 = dispatch(report("street_a_dispatcher", local(2025, 3, 10, 9), city.grid_a1), "street_a_dispatcher",
                  "URBAN", local(2025, 3, 10, 10))
    order_services.order_return(actor=actor("urban_handler"), order=h4, reason="非本部门职责",
                                now=local(2025, 3, 10, 11))
    h4 = dispatch(h4, "street_a_dispatcher", "HOUSING", local(2025, 3, 10, 15, 30))
    accept(h4, "housing_handler", local(2025, 3, 10, 16))
    complete(h4, "housing_handler", local(2025, 3, 11, 11))
    order_services.order_rework(actor=actor("community_a1_worker"), order=h4, reason="仍有噪音",
                                now=local(2025, 3, 11, 12))
    complete(h4, "housing_handler", local(2025, 3, 12, 11))
    verify_and_rate(h4, 12, "basic")

    u1 = dispatch(report("street_b_dispatcher", local(2025, 3, 10, 9), city.grid_b1), "street_b_dispatcher",
                  "URBAN", local(2025, 3, 10, 10))
    accept(u1, "urban_handler", local(2025, 3, 10, 11))
    complete(u1, "urban_handler", local(2025, 3, 11, 11))

    dispatch(report("street_b_dispatcher", local(2025, 4, 1, 9), city.grid_b1), "street_b_dispatcher",
             "URBAN", local(2025, 4, 1, 10))


def scheme_define(period: Period) -> Period:
    for indicator in INDICATORS:
        services.indicator_add(actor=None, period=period, **indicator)
    for item in ITEMS:
        services.manual_item_add(actor=None, period=period, **item)
    return period


@pytest.fixture
def quarter(small_city) -> Period:
    """The first quarter of 2025 with the tests' scheme, still open."""
    period = services.period_create(actor=small_city.actor("city_admin"), name="2025年第一季度",
                                    kind="quarter", year=2025, quarter=1)
    return scheme_define(period)


@pytest.fixture
def posted(small_city) -> dict:
    """Urban management posted two officers to street a; nobody to street b."""
    return {
        "zhang": services.posted_staff_create(actor=None, department_code="URBAN",
                                              street_code=small_city.street_a.code,
                                              name="张伟", title="执法队员", posted_on="2024-06-01"),
        "li": services.posted_staff_create(actor=None, department_code="URBAN",
                                           street_code=small_city.street_a.code,
                                           name="李娜", title="执法队员", posted_on="2025-01-01"),
    }


def item_ids(period: Period) -> dict[str, int]:
    return {item.name: item.pk for item in period.manual_items.all()}


def street_scores(small_city, period: Period, posted: dict) -> None:
    """Street a: housing 90 for cooperation, urban management 70, its officers 80 and 100. Street b:
    housing 70, urban management 85 (nobody posted there)."""
    items = item_ids(period)
    services.manual_scores_record(actor=small_city.actor("street_a_dispatcher"), period=period,
                                  street=small_city.street_a, entries=[
                                      {"item": items["配合度"], "department": "HOUSING", "score": 90},
                                      {"item": items["配合度"], "department": "URBAN", "score": 70},
                                      {"item": items["下沉人员"], "staff": posted["zhang"].pk, "score": 80},
                                      {"item": items["下沉人员"], "staff": posted["li"].pk, "score": 100},
                                  ])
    services.manual_scores_record(actor=small_city.actor("street_b_dispatcher"), period=period,
                                  street=small_city.street_b, entries=[
                                      {"item": items["配合度"], "department": "HOUSING", "score": 70,
                                       "comment": "响应较慢"},
                                      {"item": items["配合度"], "department": "URBAN", "score": 85},
                                  ])


@dataclass
class World:
    """Periods in every state, staff posted down, cadre files and review sessions: enough records for
    every endpoint and page to have something to show, change or refuse. No work orders: the
    figures are tested in test_results_hand_computed."""
    open: Period          # 2025 Q3: the scheme being defined
    scoring: Period       # 2025 Q2: the streets score
    review: Period        # 2025 Q1: scored by both streets; housing's appeal of street b's score waits
    review_clear: Period  # 2024 Q4: under review, no appeal
    locked: Period        # 2024: final
    appeal: Appeal
    staff: dict
    cadres: dict
    session: ReviewSession         # 2024, being scored; city leader and street a's leader evaluate
    session_open: ReviewSession    # 2025, being prepared
    session_other: ReviewSession   # 2023, closed; only street b's secretary reported


def _period(name: str, kind: str, year: int, quarter: int | None = None) -> Period:
    return scheme_define(services.period_create(actor=None, name=name, kind=kind, year=year, quarter=quarter))


def _scored(small_city, period: Period, staff: dict) -> Period:
    services.period_start_scoring(actor=None, period=period)
    street_scores(small_city, period, staff)
    return period


@pytest.fixture
def world(small_city) -> World:
    staff = {
        "zhang": services.posted_staff_create(actor=None, department_code="URBAN",
                                              street_code=small_city.street_a.code,
                                              name="张伟", title="执法队员", posted_on="2024-01-01"),
        "li": services.posted_staff_create(actor=None, department_code="URBAN",
                                           street_code=small_city.street_a.code,
                                           name="李娜", title="执法队员", posted_on="2024-01-01"),
    }
    locked = _scored(small_city, _period("2024年度", "year", 2024), staff)
    services.period_start_review(actor=None, period=locked)
    services.period_lock(actor=None, period=locked)
    review_clear = _scored(small_city, _period("2024年第四季度", "quarter", 2024, 4), staff)
    services.period_start_review(actor=None, period=review_clear)
    review = _scored(small_city, _period("2025年第一季度", "quarter", 2025, 1), staff)
    services.period_start_review(actor=None, period=review)
    street_b_score = ManualScore.objects.get(period=review, street=small_city.street_b,
                                             department__code="HOUSING")
    appeal = services.appeal_file(actor=small_city.actor("housing_leader"), period=review, item_kind="score",
                                  item_id=street_b_score.pk, reason="评分偏低")
    scoring = _period("2025年第二季度", "quarter", 2025, 2)
    services.period_start_scoring(actor=None, period=scoring)
    cadres = {
        "community_a1": services.cadre_create(actor=None, name="王建国", post_kind="community_secretary",
                                              title="社区党委书记", unit_code=small_city.community_a1.code,
                                              started_on="2020-01-01"),
        "street_b": services.cadre_create(actor=None, name="马丽", post_kind="street_secretary",
                                          title="街道党工委书记", unit_code=small_city.street_b.code,
                                          started_on="2019-03-01"),
        "housing": services.cadre_create(actor=None, name="陈刚", post_kind="department_secretary",
                                         title="住建局党组书记", department_code="HOUSING", started_on="2021-05-01"),
    }
    session = _session(2024, "2024年度述职评议", ["city_leader", "street_a_leader"], cadres.values(), small_city)
    services.review_session_start_scoring(actor=None, session=session)
    session_other = _session(2023, "2023年度述职评议", ["city_leader"], [cadres["street_b"]], small_city)
    services.review_session_start_scoring(actor=None, session=session_other)
    services.review_scores_record(actor=small_city.actor("city_leader"), session=session_other,
                                  subject=session_other.subjects.get(), scores={
                                      str(session_other.criteria.get(source="evaluators").pk): 92})
    services.review_session_close(actor=None, session=session_other)
    session_open = _session(2025, "2025年度述职评议", [], [], small_city)
    return World(open=_period("2025年第三季度", "quarter", 2025, 3), scoring=scoring, review=review,
                 review_clear=review_clear, locked=locked, appeal=appeal, staff=staff, cadres=cadres,
                 session=session, session_open=session_open, session_other=session_other)


def _session(year: int, title: str, evaluators: list[str], cadres, small_city) -> ReviewSession:
    session = services.review_session_create(actor=None, year=year, title=title, held_on=f"{year + 1}-01-20")
    services.review_criterion_add(actor=None, session=session, name="履职情况", weight=70)
    services.review_criterion_add(actor=None, session=session, name="区域化党建责任", weight=30,
                                  source="department_assessment")
    for key in evaluators:
        services.review_evaluator_add(actor=None, session=session, username=small_city.users[key].username)
    for cadre in cadres:
        services.review_subject_add(actor=None, session=session, cadre_id=cadre.pk)
    return session
