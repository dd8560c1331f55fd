"""The demo city's community workforce (see ``demo_plan``), loaded through the workforce services:
the pay table, the personnel files, the pay migration, three years of assessments, training, the
seconded cadres, the graduates' mentors, last month's pay, and two demo logins: ``community.worker``
sees their own file, ``community.leader`` runs the staff of that community."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.roles import Role
from gongzhi.common.notifications import notifications_paused
from gongzhi.org import services as org_services
from gongzhi.org.demo import DemoContext, demo_step_register
from gongzhi.org.demo.plan import generator_for
from gongzhi.org.models import Membership, Unit, UnitKind, User
from gongzhi.workforce import services
from gongzhi.workforce.demo_plan import (
    BASE_PAY,
    TABLE_TERMS,
    WorkerPlan,
    graduates_hired_on,
    migration_day,
    workforce_plan,
)
from gongzhi.workforce.identity import identity_number_digest
from gongzhi.workforce.models import (
    Assessment,
    Attendance,
    Course,
    MentoringPair,
    MigrationRecord,
    PayRun,
    PayTable,
    Secondment,
    TrainingSession,
    Worker,
    WorkerStatus,
)
from gongzhi.workforce.pay import month_start

ORDER_WORKFORCE = 600
LEADER_USERNAME = "community.leader"
WORKER_USERNAME = "community.worker"
COURSES = [
    ("WF-POLICY", "政策理论与党建业务", 12),
    ("WF-SOCIAL", "社会工作实务", 16),
    ("WF-MEDIATION", "矛盾纠纷调解", 12),
    ("WF-GRID", "网格化服务管理", 8),
]
# Months of each year's sessions, one course each.
SESSION_MONTHS = (3, 5, 9, 11)
RESULT_ODDS = (("excellent", 0.15), ("competent", 0.78), ("basically_competent", 0.05), ("incompetent", 0.02))


def _today() -> date:
    return timezone.localdate()


def demo_pay_table_load(context: DemoContext) -> None:
    effective_from = migration_day(_today())
    if context.reused(PayTable, PayTable.objects.filter(effective_from=effective_from).exists()):
        return
    services.pay_table_create(
        actor=None,
        name="三岗五级薪酬标准",
        effective_from=effective_from,
        base_pay=BASE_PAY,
        note="社区工作者“三岗五级”薪酬体系",
        **TABLE_TERMS,
    )


def _fields(plan: WorkerPlan, known: services.KnownRecords):
    return services.worker_fields_check(
        actor=None,
        unit_code=plan.community_code,
        name=plan.name,
        identity_number=plan.identity_number,
        gender=plan.gender,
        birth_date=plan.birth_date,
        phone=plan.phone,
        education=plan.education,
        source=plan.source,
        hire_date=plan.hire_date,
        post_category=plan.post_category,
        level=plan.level,
        previous_monthly_pay=plan.previous_monthly_pay,
        credentials=[services.CredentialEntry(kind, obtained_on) for kind, obtained_on in plan.credentials],
        known=known,
    )


def demo_workers_load(context: DemoContext) -> None:
    """The files of the workers to migrate, and of last year's graduates (placed on level 1 on hiring)."""
    migrating, graduates, _cadres = workforce_plan(_today())
    plans = [*migrating, *graduates]
    present = set(Worker.objects.values_list("identity_number_digest", flat=True))
    missing = [plan for plan in plans if identity_number_digest(plan.identity_number) not in present]
    context.count(Worker, created=len(missing), reused=len(plans) - len(missing))
    if missing:
        known = services.KnownRecords(preload=True)
        services.workers_create(actor=None, entries=[_fields(plan, known) for plan in missing])


def demo_migration_load(context: DemoContext) -> None:
    city = Unit.objects.get(kind=UnitKind.CITY)
    waiting = Worker.objects.filter(previous_monthly_pay__isnull=False, migration__isnull=True).count()
    context.count(MigrationRecord, reused=MigrationRecord.objects.count() if not waiting else 0)
    if waiting:
        context.count(
            MigrationRecord,
            created=services.migration_apply(
                actor=None, unit_code=city.code, migrated_on=migration_day(_today())
            ),
        )


def _result(generator) -> str:
    draw, total = generator.random(), 0.0
    for result, share in RESULT_ODDS:
        total += share
        if draw < total:
            return result
    return RESULT_ODDS[-1][0]


def demo_assessments_load(context: DemoContext) -> None:
    """Results for the last three years, for everyone hired by then."""
    city = Unit.objects.get(kind=UnitKind.CITY)
    workers = list(Worker.objects.select_related("unit").order_by("hire_date", "id"))
    for year in range(_today().year - 3, _today().year):
        if context.reused(Assessment, Assessment.objects.filter(year=year).exists()):
            continue
        generator = generator_for(f"workforce:assessments:{year}")
        results = [(worker, _result(generator)) for worker in workers if worker.hire_date.year <= year]
        services.assessment_results_record(actor=None, unit=city, year=year, results=results)


def demo_training_load(context: DemoContext) -> None:
    """The city's courses, a session of each per street twice a year, and who attended."""
    today = _today()
    city = Unit.objects.get(kind=UnitKind.CITY)
    courses = []
    for code, title, hours in COURSES:
        course = Course.objects.filter(code=code).first()
        if not context.reused(Course, course is not None):
            course = services.course_create(
                actor=None, code=code, title=title, hours=hours, unit_code=city.code
            )
        courses.append(course)
    if context.reused(TrainingSession, TrainingSession.objects.filter(course__in=courses).exists()):
        return
    workers = list(Worker.objects.filter(status=WorkerStatus.ACTIVE).select_related("unit"))
    for street in Unit.objects.filter(kind=UnitKind.STREET).order_by("code"):
        staff = [worker for worker in workers if worker.unit.code.startswith(street.code)]
        generator = generator_for(f"workforce:training:{street.code}")
        for year in (today.year - 1, today.year):
            for course, month in zip(courses, SESSION_MONTHS, strict=True):
                held_on = date(year, month, 10 + int(street.code[-1]))
                if held_on >= today:
                    continue
                session = services.training_session_create(
                    actor=None,
                    course=course,
                    unit_code=street.code,
                    held_on=held_on,
                    place=f"{street.name}党群服务中心",
                )
                context.count(TrainingSession, created=1)
                came = [
                    worker for worker in staff if worker.hire_date <= held_on and generator.random() < 0.95
                ]
                if came:
                    context.count(
                        Attendance,
                        created=len(services.attendance_record(actor=None, session=session, workers=came)),
                    )


def demo_cadres_load(context: DemoContext) -> None:
    """The cadres seconded to communities, and a mentor for each graduate."""
    _migrating, graduates, cadres = workforce_plan(_today())
    for cadre in cadres:
        present = Secondment.objects.filter(name=cadre.name, community__code=cadre.community_code).exists()
        if not context.reused(Secondment, present):
            services.secondment_create(
                actor=None,
                name=cadre.name,
                community_code=cadre.community_code,
                department_code=cadre.department_code,
                duty=cadre.duty,
                starts_on=cadre.starts_on,
            )
    digests = [identity_number_digest(plan.identity_number) for plan in graduates]
    starts_on = graduates_hired_on(_today())
    mentees = Worker.objects.filter(identity_number_digest__in=digests).select_related("unit").order_by("id")
    mentored = set(MentoringPair.objects.values_list("mentee_id", flat=True))
    mentors_used: dict[int, int] = {}
    for mentee in mentees:
        if context.reused(MentoringPair, mentee.pk in mentored):
            continue
        mentor = (
            Worker.objects.filter(
                unit=mentee.unit,
                status=WorkerStatus.ACTIVE,
                source="regular",
                hire_date__lte=starts_on - timedelta(days=4 * 365),
            )
            .exclude(pk__in=[pk for pk, count in mentors_used.items() if count >= 2])
            .order_by("hire_date")
            .first()
        )
        if mentor is None:
            continue
        services.mentoring_pair_create(
            actor=None, mentor=mentor, mentee=mentee, starts_on=starts_on, goal="一年内独立承担网格服务工作"
        )
        mentors_used[mentor.pk] = mentors_used.get(mentor.pk, 0) + 1


def demo_pay_load(context: DemoContext) -> None:
    """Last month's pay for the whole city."""
    month = month_start(month_start(_today()) - timedelta(days=1))
    city = Unit.objects.get(kind=UnitKind.CITY)
    if context.reused(PayRun, PayRun.objects.filter(month=month).exists()):
        return
    services.pay_run_create(actor=None, unit_code=city.code, month=month)


def demo_logins_refusal(context: DemoContext) -> str | None:
    if settings.DEBUG or context.force or User.objects.filter(username=LEADER_USERNAME).exists():
        return None
    return _(
        "DEBUG is off: the demo would create users whose password is published. "
        "Run with --force to create them anyway."
    )


def demo_logins_load(context: DemoContext) -> None:
    """Give the community worker their own file, and their community a leader with the head's file."""
    worker_user = User.objects.filter(username=WORKER_USERNAME).first()
    membership = (
        Membership.objects.filter(user=worker_user, role=Role.COMMUNITY_WORKER, is_active=True)
        .select_related("unit")
        .first()
        if worker_user
        else None
    )
    if membership is None:
        return
    community = membership.unit
    files = Worker.objects.filter(unit=community, source="regular").order_by("id")
    head = files.filter(post_category="head").first()
    staff = files.filter(post_category="staff").first()
    leader = User.objects.filter(username=LEADER_USERNAME).first()
    if not context.reused(User, leader is not None):
        leader = org_services.user_create(
            actor=None,
            username=LEADER_USERNAME,
            password=settings.GONGZHI_DEMO_PASSWORD,
            display_name=head.name if head else "",
            validate_password=False,
        )
    held = Membership.objects.filter(user=leader, role=Role.COMMUNITY_LEADER, unit=community, is_active=True)
    if not context.reused(Membership, held.exists()):
        org_services.membership_grant(actor=None, user=leader, role=Role.COMMUNITY_LEADER, unit=community)
    for user, file in ((leader, head), (worker_user, staff)):
        if file is not None and file.user_id is None and not Worker.objects.filter(user=user).exists():
            services.worker_update(actor=None, worker=file, changes={"user": user})


def _quietly(step):
    """Loading history tells nobody anything (no pay-slip notices for last month's run)."""

    def run(context: DemoContext) -> None:
        with notifications_paused():
            step(context)

    return run


for name, step, offset in [
    ("workforce.pay_table", demo_pay_table_load, 0),
    ("workforce.workers", demo_workers_load, 1),
    ("workforce.migration", demo_migration_load, 2),
    ("workforce.assessments", demo_assessments_load, 3),
    ("workforce.training", demo_training_load, 4),
    ("workforce.cadres", demo_cadres_load, 5),
    ("workforce.pay", demo_pay_load, 6),
]:
    demo_step_register(name, _quietly(step), order=ORDER_WORKFORCE + offset)
demo_step_register(
    "workforce.logins", demo_logins_load, order=ORDER_WORKFORCE + 7, refusal=demo_logins_refusal
)
