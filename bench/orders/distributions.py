"""The shapes of a city's work orders, for the bulk generator: how many on each day, where, of which
kind, through which channel, and how far each one has come by now.

The figures follow the demo city's source and practice (Changji: 99.5 % of dispatched orders
completed; grid patrols bring most problems in; the hotline most of the rest) and are deliberately
plain: the benchmarks need the skew of real data (a few categories and departments take most
orders, weekdays are busier than weekends, old orders are closed, recent ones open), not a model of
any one year.

Deadlines are approximated in calendar time (a working day ≈ 1.4 calendar days, a working hour ≈
3 calendar hours): the services compute them in exact working time, which costs too much per row
at ten million rows and changes nothing the benchmarks measure."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# Hours of the day (local time) at which problems are reported, relative weights.
REPORT_HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 8, 9, 11, 12, 12, 11, 9, 7, 5, 3, 2, 1]
WEEKEND_OR_HOLIDAY_WEIGHT = 0.45
# Volume rises in summer (construction, barbecues, flooding) and grows year on year.
SEASONAL_AMPLITUDE = 0.2
YEARLY_GROWTH = 0.15

CHANNELS = [("grid_patrol", 55), ("hotline", 30), ("community", 8), ("street", 2), ("portal", 4),
            ("open311", 1)]
STAFF_CHANNELS = {"grid_patrol", "community", "street"}
# What the street does with a reported order.
ROUTES = [("dispatch", 86), ("handle_locally", 9.5), ("reject", 3.5), ("cancel", 1)]
SATISFACTION = [("satisfied", 85), ("basic", 11), ("unsatisfied", 4)]
SHARE_RATED = 0.6
SHARE_LATE_ACCEPTANCE = 0.08
SHARE_LATE_COMPLETION = 0.07
SHARE_OTHER_DEPARTMENT = 0.1      # the street overrides the responsibility list
SHARE_RETURNED = 0.03
SHARE_REWORKED = 0.02
SHARE_EXTENDED = 0.04
SHARE_URGED = 0.05
SHARE_ASSISTED_KEY = 0.6          # key/joint orders with assisting departments
SHARE_ASSISTED_OTHER = 0.02
SHARE_WITHOUT_COMPOUND = 0.08     # reported by grid or address only
SHARE_HOTLINE_WITH_CONTACT = 0.9
# When orders are forced open (--open-share), which open state they are in.
OPEN_STATES = [("reported", 10), ("dispatched", 25), ("in_progress", 55), ("handled", 10)]

WORKING_DAY_IN_CALENDAR = timedelta(days=1.4)
WORKING_HOUR_IN_CALENDAR = timedelta(hours=3)
OFFICE_CLOSE = time(19, 30)


def weighted(choices: list[tuple[object, float]]) -> tuple[list, list[float]]:
    values, weights = zip(*choices)
    return list(values), [float(weight) for weight in weights]


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank ** exponent) for rank in range(1, count + 1)]


def day_weights(days: list[date], working: dict[date, bool]) -> list[float]:
    first = days[0]
    weights = []
    for day in days:
        season = 1 + SEASONAL_AMPLITUDE * math.sin(2 * math.pi * (day.timetuple().tm_yday - 100) / 365)
        growth = 1 + YEARLY_GROWTH * (day - first).days / 365
        weights.append(season * growth * (1 if working[day] else WEEKEND_OR_HOLIDAY_WEIGHT))
    return weights


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers proportional to ``weights`` that add up to exactly ``total``."""
    scale = total / sum(weights)
    shares = [int(weight * scale) for weight in weights]
    remainders = sorted(range(len(weights)), key=lambda index: weights[index] * scale - shares[index],
                        reverse=True)
    for index in remainders[:total - sum(shares)]:
        shares[index] += 1
    return shares


@dataclass
class Allowance:
    """A category's time limits as calendar spans (see the module's note on working time)."""

    accept: timedelta
    complete: timedelta
    emergency: bool

    @classmethod
    def of(cls, *, accept_hours: float, amount: int, unit: str, order_class: str) -> "Allowance":
        emergency = order_class == "emergency"
        if emergency:
            complete = timedelta(hours=amount) if unit == "h" else timedelta(days=amount)
            return cls(timedelta(hours=accept_hours), complete, True)
        complete = amount * (WORKING_HOUR_IN_CALENDAR if unit == "h" else WORKING_DAY_IN_CALENDAR)
        return cls(accept_hours * WORKING_HOUR_IN_CALENDAR, complete, False)

    def complete_by(self, start: datetime) -> datetime:
        due = start + self.complete
        if self.emergency or self.complete < timedelta(days=1):
            return due
        return due.replace(hour=OFFICE_CLOSE.hour, minute=OFFICE_CLOSE.minute, second=0, microsecond=0)


def report_instant(generator: random.Random, day: date, zone, hour_weights=REPORT_HOURS) -> datetime:
    hour = generator.choices(range(24), weights=hour_weights)[0]
    return datetime.combine(day, time(hour, generator.randrange(60), generator.randrange(60)), tzinfo=zone)


def span_share(generator: random.Random, low: float, high: float) -> float:
    return generator.uniform(low, high)
