"""The demo city's community workforce, planned without the database: who works where, since when,
with which credentials and what pay before the migration. The figures follow the source: 1,600 and
more workers moved onto the pay system, their average monthly pay rising from about 2,900 to about
4,300 yuan, the top at 6,500; 40 cadres seconded to communities; 120 graduates recruited.

Communities are staffed around one worker per hundred households; a few are left short, so that the
staffing page has something to flag. Everything comes from seeded generators: the same plan every
time, so a second load finds every record already there."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from gongzhi.org.demo.names import DEPARTMENTS
from gongzhi.org.demo.plan import city_plan, generator_for, person_name
from gongzhi.workforce.identity import identity_number_compose

# The pay table the migration used (yuan a month): base pay by post, levels 1 to 5.
BASE_PAY = {
    "head": [3700, 3900, 4100, 4300, 4500],
    "deputy": [3300, 3500, 3700, 3900, 4100],
    "staff": [2900, 3100, 3300, 3500, 3700],
}
TABLE_TERMS = {
    "seniority_per_year": Decimal("20"),
    "seniority_cap_years": 30,
    "performance_share": Decimal("0.2"),
    "allowance_assistant_social_worker": Decimal("200"),
    "allowance_social_worker": Decimal("350"),
    "allowance_senior_social_worker": Decimal("500"),
}
MIGRATED_WORKERS = 1612
GRADUATES = 120
SECONDED_CADRES = 40
SHORT_COMMUNITIES = 8
REGION = "652301"
# (post, share of a community's posts' credentials: assistant, social worker, senior social worker)
CREDENTIAL_ODDS = {"head": (0.30, 0.40, 0.20), "deputy": (0.40, 0.30, 0.08), "staff": (0.33, 0.14, 0.02)}
EDUCATION_ODDS = (("secondary", 0.10), ("vocational", 0.35), ("bachelor", 0.50), ("master", 0.05))


@dataclass(frozen=True)
class WorkerPlan:
    key: str
    community_code: str
    name: str
    identity_number: str
    birth_date: date
    gender: str
    phone: str
    education: str
    hire_date: date
    post_category: str
    source: str
    level: int | None
    previous_monthly_pay: Decimal | None
    credentials: tuple[tuple[str, date], ...] = field(default=())


@dataclass(frozen=True)
class SecondmentPlan:
    name: str
    department_code: str
    community_code: str
    duty: str
    starts_on: date


def migration_day(today: date) -> date:
    """Three years ago on 1 January: long enough for the first promotions to fall due this year."""
    return date(today.year - 3, 1, 1)


def graduates_hired_on(today: date) -> date:
    return date(today.year - 1, 9, 1)


def _staff_counts(communities, generator) -> dict[str, int]:
    """Workers per community: about one per hundred households, a few communities well short."""
    short = set(generator.sample([unit.code for unit in communities], SHORT_COMMUNITIES))
    weights = {
        unit.code: (generator.uniform(0.80, 0.90) if unit.code in short else generator.uniform(1.05, 1.35))
        * unit.households
        / 100
        for unit in communities
    }
    scale = MIGRATED_WORKERS / sum(weights.values())
    counts = {code: max(4, math.floor(weight * scale)) for code, weight in weights.items()}
    # Hand out what rounding left over to the fullest communities, keeping the short ones short.
    spare = MIGRATED_WORKERS - sum(counts.values())
    for code in sorted((c for c in counts if c not in short), key=lambda c: -weights[c])[:spare]:
        counts[code] += 1
    return counts


def _years_of_service(post: str, generator) -> int:
    if post == "head":
        return generator.randint(10, 32)
    if post == "deputy":
        return generator.randint(5, 24)
    return min(int(generator.expovariate(1 / 7)), 28)


def _credentials(post: str, hire_date: date, until: date, generator) -> tuple[tuple[str, date], ...]:
    assistant, social, senior = CREDENTIAL_ODDS[post]
    draw = generator.random()
    kinds = (
        ["assistant_social_worker", "social_worker", "senior_social_worker"]
        if draw < senior
        else ["assistant_social_worker", "social_worker"]
        if draw < senior + social
        else ["assistant_social_worker"]
        if draw < senior + social + assistant
        else []
    )
    span = max(1, (until - hire_date).days)
    days = sorted(generator.randrange(span) for _ in kinds)
    return tuple((kind, hire_date + timedelta(days=day)) for kind, day in zip(kinds, days, strict=True))


def _previous_pay(post: str, years: int, credentials, generator) -> Decimal:
    """The old pay: a flat start, a little for each year and for the post, plus some noise."""
    pay = 2465 + 42 * min(years, 30) + {"head": 720, "deputy": 360, "staff": 0}[post]
    pay += 80 if credentials else 0
    pay += generator.randint(-15, 15) * 10
    return Decimal(pay)


def _education(generator) -> str:
    draw, total = generator.random(), 0.0
    for education, share in EDUCATION_ODDS:
        total += share
        if draw < total:
            return education
    return EDUCATION_ODDS[-1][0]


def _person(key: str, community_code: str, hire_date: date, generator, *, age_at_hire: int) -> dict:
    birth = hire_date - timedelta(days=365 * age_at_hire + generator.randrange(365))
    male = generator.random() < 0.45
    sequence = generator.randrange(0, 499) * 2 + (1 if male else 0)
    return {
        "key": key,
        "community_code": community_code,
        "name": person_name(f"workforce:{key}"),
        "identity_number": identity_number_compose(region=REGION, birth_date=birth, sequence=sequence),
        "birth_date": birth,
        "gender": "male" if male else "female",
        "phone": f"139{generator.randrange(10**8):08d}",
        "education": _education(generator),
    }


@lru_cache(maxsize=4)
def workforce_plan(
    today: date,
) -> tuple[tuple[WorkerPlan, ...], tuple[WorkerPlan, ...], tuple[SecondmentPlan, ...]]:
    """(workers to migrate, graduates recruited last year, seconded cadres)."""
    generator = generator_for("workforce")
    communities = [unit for unit in city_plan().units if unit.kind == "community"]
    migrated_on = migration_day(today)
    counts = _staff_counts(communities, generator)
    migrating: list[WorkerPlan] = []
    for unit in communities:
        posts = ["head"] + ["deputy"] * 2 + ["staff"] * (counts[unit.code] - 3)
        for index, post in enumerate(posts):
            years = _years_of_service(post, generator)
            hire = migrated_on - timedelta(days=365 * years + generator.randrange(1, 300))
            credentials = _credentials(post, hire, migrated_on - timedelta(days=1), generator)
            person = _person(
                f"{unit.code}-{index:03d}", unit.code, hire, generator, age_at_hire=generator.randint(21, 30)
            )
            migrating.append(
                WorkerPlan(
                    **person,
                    hire_date=hire,
                    post_category=post,
                    source="regular",
                    level=None,
                    credentials=credentials,
                    previous_monthly_pay=_previous_pay(post, years, credentials, generator),
                )
            )
    # The longest-serving head holds the senior credential: the top of the scale, 6,500 yuan.
    top = max(
        (plan for plan in migrating if plan.post_category == "head"),
        key=lambda plan: plan.hire_date.toordinal() * -1,
    )
    migrating[migrating.index(top)] = WorkerPlan(
        **{
            **top.__dict__,
            "credentials": (
                ("assistant_social_worker", top.hire_date + timedelta(days=3000)),
                ("social_worker", top.hire_date + timedelta(days=4000)),
                ("senior_social_worker", top.hire_date + timedelta(days=5000)),
            ),
        }
    )
    short = sorted(
        counts, key=lambda code: counts[code] / next(u.households for u in communities if u.code == code)
    )
    served = [code for code in counts if code not in set(short[:SHORT_COMMUNITIES])]
    hired = graduates_hired_on(today)
    graduates = tuple(
        WorkerPlan(
            **_person(f"graduate-{index:03d}", served[index % len(served)], hired, generator, age_at_hire=22),
            hire_date=hired,
            post_category="staff",
            source="graduate",
            level=1,
            previous_monthly_pay=None,
        )
        for index in range(GRADUATES)
    )
    departments = [code for code, _name, _kind in DEPARTMENTS]
    cadres = tuple(
        SecondmentPlan(
            name=person_name(f"workforce:cadre-{index:02d}"),
            department_code=departments[index % len(departments)],
            community_code=communities[(index * 7) % len(communities)].code,
            duty=("第一书记", "社区书记助理", "网格指导员")[index % 3],
            starts_on=date(today.year - 1, 3, 1) + timedelta(days=7 * (index % 20)),
        )
        for index in range(SECONDED_CADRES)
    )
    return tuple(migrating), graduates, cadres
