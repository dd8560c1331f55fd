"""The demo city's assessment: last year's period, its indicators computed from the demo's order
history, scored by every street, with an appeal the city decided, and locked; this year's period
open for the streets' scoring; cadre files of the street and community party secretaries and the
departments' secretaries; and last year's party-building review, scored and graded.

Everything goes through the services, in the order the offices would act. Deterministic: scores are
drawn from generators seeded with each record's key."""
from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from gongzhi.assessment import services
from gongzhi.assessment.models import (Cadre, ManualItemKind, ManualScore, Period, PostedStaff, PostKind,
                                       ReviewSession, ReviewSubject)
from gongzhi.common.access.actor import Actor, actor_for
from gongzhi.org.demo import DemoContext, demo_step_register
from gongzhi.org.demo.plan import generator_for, person_name
from gongzhi.org.models import Department, DepartmentKind, PartyOrganisation, Unit, UnitKind, User

ORDER_ASSESSMENT = 700
STREET_SHARE = 20
INDICATORS = [
    dict(metric="completion_rate", weight=25, rule="linear", zero_at=80, full_at=100),
    dict(metric="on_time_completion_rate", weight=20, rule="linear", zero_at=60, full_at=100),
    dict(metric="on_time_acceptance_rate", weight=15, rule="thresholds",
         steps=[{"at": 95, "score": 100}, {"at": 90, "score": 90}, {"at": 80, "score": 75}, {"at": 60,
                                                                                             "score": 50}]),
    dict(metric="satisfaction_rate", weight=20, rule="linear", zero_at=60, full_at=100),
    dict(metric="return_rate", weight=10, rule="linear", zero_at=20, full_at=0),
    dict(metric="rework_rate", weight=5, rule="linear", zero_at=20, full_at=0),
    dict(metric="overdue_count", weight=5, rule="thresholds",
         steps=[{"at": 0, "score": 100}, {"at": 2, "score": 80}, {"at": 5, "score": 50}]),
]
ITEMS = [
    dict(name="配合街道工作", weight=40, description="响应街道派单、参加联席会议、支持街道工作的情况"),
    dict(name="联络员到岗履职", weight=20, description="专人联系街道，按时到岗、及时沟通"),
    dict(name="下沉人员表现", weight=40, kind=ManualItemKind.POSTED_STAFF,
         description="执法人员和部门干部下沉街道的工作表现"),
]
# The departments that post staff down to every street: the law-enforcement ones.
STAFF_PER_STREET = 2
COMMUNITY_SECRETARIES = 24
# The departments whose secretaries report in the demo's review: those the streets deal with most.
DEPARTMENT_SECRETARIES = ["HOUSING", "URBAN", "MARKET", "ECOLOGY", "EDUCATION", "HEALTH", "EMERGENCY",
                          "WATER"]
EVALUATORS = ["city.leader", "street.leader", "dept.leader"]


def _actor(username: str) -> Actor | None:
    user = User.objects.filter(username=username).first()
    return actor_for(user) if user else None


def _year_name(year: int) -> str:
    return f"{year}年度部门考核"


def _posted_staff(year: int) -> None:
    streets = Unit.objects.filter(kind=UnitKind.STREET, is_active=True).order_by("code")
    for department in Department.objects.filter(kind=DepartmentKind.LAW_ENFORCEMENT, is_active=True):
        for street in streets:
            present = PostedStaff.objects.filter(department=department, street=street).count()
            for index in range(present, STAFF_PER_STREET):
                name = person_name(f"posted:{department.code}:{street.code}:{index}")
                services.posted_staff_create(actor=None, department_code=department.code,
                                             street_code=street.code, name=name, title="执法队员",
                                             posted_on=date(year, 1, 1))


def _street_scores(period: Period) -> None:
    """Each street scores every department on the rating items and the staff posted to it: mostly
    between 75 and 98, a department a little better or worse everywhere."""
    items = list(period.manual_items.all())
    departments = list(Department.objects.filter(is_active=True).order_by("code"))
    for street in Unit.objects.filter(kind=UnitKind.STREET, is_active=True).order_by("code"):
        entries = []
        for item in items:
            if item.kind == ManualItemKind.POSTED_STAFF:
                for member in PostedStaff.objects.filter(street=street, ended_on__isnull=True).order_by("pk"):
                    draw = generator_for(f"assessment:{period.year}:{street.code}:{member.pk}")
                    entries.append({"item": item.pk, "staff": member.pk, "score": draw.randint(78, 98)})
                continue
            for department in departments:
                leaning = generator_for(f"assessment:leaning:{department.code}").randint(-8, 4)
                draw = generator_for(f"assessment:{period.year}:{street.code}:{department.code}:{item.name}")
                entries.append({"item": item.pk, "department": department.code,
                                "score": max(60, min(100, draw.randint(80, 96) + leaning))})
        services.manual_scores_record(actor=None, period=period, street=street, entries=entries)


def _previous_year(context: DemoContext, year: int) -> Period:
    period = Period.objects.filter(kind="year", year=year).first()
    if context.reused(Period, period is not None):
        return period
    admin = _actor("city.admin")
    period = services.period_create(actor=admin, name=_year_name(year), kind="year", year=year,
                                    street_share=STREET_SHARE)
    for indicator in INDICATORS:
        services.indicator_add(actor=admin, period=period, **indicator)
    for item in ITEMS:
        services.manual_item_add(actor=admin, period=period, **item)
    services.period_start_scoring(actor=admin, period=period)
    _street_scores(period)
    services.period_start_review(actor=admin, period=period)
    # Housing appeals its lowest street score; the city checks and raises it.
    housing = Department.objects.filter(code="HOUSING").first()
    lowest = (ManualScore.objects.filter(period=period, department=housing, staff__isnull=True)
              .order_by("score", "pk").first())
    if lowest is not None:
        appeal = services.appeal_file(actor=_actor("dept.leader") if housing else None, period=period,
                                      item_kind="score", item_id=lowest.pk,
                                      reason="该街道提出的问题均已按期办结，且有书面回复，评分偏低，申请复核。")
        services.appeal_decide(actor=admin, appeal=appeal, outcome="adjusted", score=min(100,
                                                                                         lowest.score + 6),
                               reason="经核实，相关事项已办结并回复街道，酌情调整。")
    services.period_lock(actor=admin, period=period)
    return period


def _current_year(context: DemoContext, year: int, scheme: Period) -> None:
    present = Period.objects.filter(kind="year", year=year).exists()
    if context.reused(Period, present):
        return
    admin = _actor("city.admin")
    period = services.period_create(actor=admin, name=_year_name(year), kind="year", year=year,
                                    street_share=STREET_SHARE, copy_from=scheme.pk)
    services.period_start_scoring(actor=admin, period=period)


def _cadres(context: DemoContext) -> list[Cadre]:
    """Files for every street's secretary, some communities' and some departments' secretaries."""
    streets = list(PartyOrganisation.objects.filter(unit__kind=UnitKind.STREET).select_related("unit")
                   .order_by("unit__code"))
    communities = list(PartyOrganisation.objects.filter(unit__kind=UnitKind.COMMUNITY).select_related("unit")
                       .order_by("unit__code"))[:COMMUNITY_SECRETARIES]
    wanted = [(PostKind.STREET_SECRETARY, organisation.secretary_name, f"{organisation.unit.name}党工委书记",
               {"unit_code": organisation.unit.code}) for organisation in streets]
    wanted += [(PostKind.COMMUNITY_SECRETARY, organisation.secretary_name, f"{organisation.unit.name}党委书记",
                {"unit_code": organisation.unit.code}) for organisation in communities]
    wanted += [(PostKind.DEPARTMENT_SECRETARY, person_name(f"department-secretary:{department.code}"),
                f"{department.name}党组书记", {"department_code": department.code})
               for department in Department.objects.filter(code__in=DEPARTMENT_SECRETARIES).order_by("code")]
    cadres = []
    for post_kind, name, title, where in wanted:
        organisation = Q(unit__code=where["unit_code"]) if "unit_code" in where else Q(
            department__code=where["department_code"])
        cadre = Cadre.objects.filter(organisation, post_kind=post_kind, name=name).first()
        if not context.reused(Cadre, cadre is not None):
            started = generator_for(f"cadre:{title}").randint(2015, 2022)
            cadre = services.cadre_create(actor=None, name=name, post_kind=post_kind, title=title,
                                          started_on=date(started, 3, 1), **where)
        cadres.append(cadre)
    return cadres


def _review(context: DemoContext, year: int, cadres: list[Cadre]) -> None:
    title = f"{year}年度基层党建述职评议"
    if context.reused(ReviewSession, ReviewSession.objects.filter(title=title).exists()):
        return
    evaluators = list(User.objects.filter(username__in=EVALUATORS).order_by("username"))
    session = services.review_session_create(actor=None, year=year, title=title, held_on=date(year + 1, 1,
                                                                                              15))
    services.review_criterion_add(actor=None, session=session, name="抓基层党建工作成效", weight=40)
    services.review_criterion_add(actor=None, session=session, name="述职报告与现场测评", weight=30)
    services.review_criterion_add(actor=None, session=session, name="区域化党建责任落实", weight=30,
                                  source="department_assessment",
                                  description="部门在街道考核中的得分，计入部门党组书记的述职评议")
    for evaluator in evaluators:
        services.review_evaluator_add(actor=None, session=session, username=evaluator.username)
    for cadre in cadres:
        services.review_subject_add(actor=None, session=session, cadre_id=cadre.pk)
    services.review_session_start_scoring(actor=None, session=session)
    criteria = list(session.criteria.filter(source="evaluators"))
    for subject in ReviewSubject.objects.filter(session=session).select_related("cadre"):
        # Each cadre stands a little above or below the others, every evaluator seeing it alike.
        standing = generator_for(f"review:standing:{subject.cadre.name}:{subject.title}").randint(55, 97)
        for evaluator in evaluators:
            draw = generator_for(f"review:{year}:{subject.pk}:{evaluator.username}")
            services.review_scores_record(actor=None, evaluator=evaluator, session=session, subject=subject,
                                          scores={
                str(criterion.pk): max(40, min(100, standing + draw.randint(-4,
                                                                            4))) for criterion in criteria})
    services.review_session_close(actor=None, session=session)


def demo_assessment_load(context: DemoContext) -> None:
    today = timezone.localdate()
    _posted_staff(today.year - 1)
    last_year = _previous_year(context, today.year - 1)
    _current_year(context, today.year, last_year)
    _review(context, today.year - 1, _cadres(context))


demo_step_register("assessment", demo_assessment_load, order=ORDER_ASSESSMENT)
