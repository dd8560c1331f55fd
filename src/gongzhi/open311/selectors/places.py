"""Places for residents: compounds that match what someone typed as an address, open problems of
the same kind already reported close by, and an order found by its tracking code."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from difflib import SequenceMatcher

import jieba
from django.db.models import Q
from django.utils import timezone

from gongzhi.common.exceptions import RecordNotFound
from gongzhi.org.models import Compound
from gongzhi.orders.models import OPEN_STATES, WorkOrder

# Words that name a kind of place rather than a place: matching on them finds everything.
GENERIC_PLACE_WORDS = {"小区", "社区", "花园", "家园", "公寓", "大厦", "广场", "新村", "路", "街", "街道", "号", "楼",
                       "号楼", "单元", "门口", "附近", "对面", "旁边", "市", "区"}
# How many candidate compounds a query may pull from the database before ranking them.
CANDIDATE_LIMIT = 300
MINIMUM_SCORE = 0.3
METRES_PER_DEGREE = 111_320


@dataclass(frozen=True)
class CompoundSuggestion:
    compound: Compound
    score: float


def _place_words(text: str) -> list[str]:
    words = []
    for word in jieba.cut_for_search(text):
        word = word.strip()
        if len(word) >= 2 and word not in GENERIC_PLACE_WORDS and not word.isdigit() and word not in words:
            words.append(word)
    return words


def _score(text: str, compound: Compound) -> float:
    """Fuzzy likeness of the typed text to the compound's name (or, less, its address). A name
    written out in full in the text is as good a sign as there is, the better the more of the text
    it covers ("幸福小区东区3号楼" is more 幸福小区东区 than 幸福小区)."""
    score = SequenceMatcher(None, text, compound.name).ratio()
    if compound.address:
        score = max(score, SequenceMatcher(None, text, compound.address).ratio() * 0.9)
    if compound.name in text:
        score = max(score, 0.6 + 0.4 * len(compound.name) / len(text))
    return score


def _candidates(pieces: list[str]) -> list[Compound]:
    if not pieces:
        return []
    condition = Q()
    for piece in pieces:
        condition |= Q(name__contains=piece) | Q(address__contains=piece)
    return list(Compound.objects.filter(condition, is_active=True).select_related("community", "grid")
                .order_by("code")[:CANDIDATE_LIMIT])


def compound_suggestions(text: str, *, limit: int = 5) -> list[CompoundSuggestion]:
    """Active compounds whose name or address resembles the text, best first. Candidates are found
    by the text's words (jieba); when a typo leaves no word in common, by its characters; all are
    then ranked by fuzzy likeness (difflib)."""
    text = (text or "").strip()[:200]
    candidates = _candidates(_place_words(text))
    if not candidates:
        characters = [character for character in dict.fromkeys(text)
                      if character.isalnum() and not character.isdigit()
                      and character not in "".join(GENERIC_PLACE_WORDS)]
        candidates = _candidates(characters)
    ranked = sorted((CompoundSuggestion(compound, _score(text, compound)) for compound in candidates),
                    key=lambda suggestion: (-suggestion.score, suggestion.compound.code))
    return [suggestion for suggestion in ranked if suggestion.score >= MINIMUM_SCORE][:limit]


def compound_matching_address(text: str) -> Compound | None:
    """The one compound whose full name the address contains, if exactly one does: an address
    alone may then route the order. Anything less certain is only offered as a suggestion."""
    text = (text or "").strip()
    if not text:
        return None
    matches = [suggestion.compound for suggestion in compound_suggestions(text, limit=CANDIDATE_LIMIT)
               if suggestion.compound.name in text]
    # "幸福小区东区" contains both 幸福小区 and 幸福小区东区: the longest name is the one meant.
    longest = max((len(compound.name) for compound in matches), default=0)
    chosen = [compound for compound in matches if len(compound.name) == longest]
    return chosen[0] if len(chosen) == 1 else None


@dataclass(frozen=True)
class NearbyOrder:
    order: WorkOrder
    distance_metres: float


def distance_metres(latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float) -> float:
    """Great-circle distance (haversine); exact enough for a hundred metres."""
    radius = 6_371_000
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(longitude_b - longitude_a)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(h))


def nearby_open_orders(*, category_code: str, latitude: float, longitude: float, now: datetime | None = None,
                       radius_metres: float = 100, hours: float = 48, limit: int = 5) -> list[NearbyOrder]:
    """Open orders of the same category reported within ``radius_metres`` and the last ``hours``:
    "has someone already reported this?" before a resident reports it again."""
    now = now or timezone.now()
    latitude_span = radius_metres / METRES_PER_DEGREE
    longitude_span = radius_metres / (METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    candidates = (WorkOrder.objects.filter(
        category__code=str(category_code), state__in=OPEN_STATES,
        reported_at__gte=now - timedelta(hours=hours),
        latitude__gte=Decimal(str(round(latitude - latitude_span, 6))),
        latitude__lte=Decimal(str(round(latitude + latitude_span, 6))),
        longitude__gte=Decimal(str(round(longitude - longitude_span, 6))),
        longitude__lte=Decimal(str(round(longitude + longitude_span, 6))),
    ).select_related("category").order_by("-reported_at")[:200])
    nearby = []
    for order in candidates:
        distance = distance_metres(latitude, longitude, float(order.latitude), float(order.longitude))
        if distance <= radius_metres:
            nearby.append(NearbyOrder(order, distance))
    return sorted(nearby, key=lambda found: found.distance_metres)[:limit]


def order_for_tracking(token: str) -> WorkOrder:
    """The order a tracking code belongs to. The code is the reporter's secret; an unknown one
    answers like a missing page."""
    token = str(token or "").strip()
    orders = WorkOrder.objects.select_related("category", "lead_department", "street", "compound")
    order = orders.filter(tracking_token=token).first() if token else None
    if order is None:
        raise RecordNotFound()
    return order
