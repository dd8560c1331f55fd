"""Problems reported from outside: by a client system through Open311 and by a resident on the
portal. Both enter the loop through the work orders' one intake action (``order_report``) at
"reported", with their channel; what is checked here is what only these doors need: the category
must be offered to residents, a place must be given, and an address alone may route the order
when it names exactly one compound."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.events import event_record
from gongzhi.open311.attributes import attributes_parse, description_lines
from gongzhi.open311.models import ApiClient, ClientSubmission
from gongzhi.open311.selectors.georeport import public_services
from gongzhi.open311.selectors.places import compound_matching_address
from gongzhi.orders.models import Category, Channel, WorkOrder
from gongzhi.orders.services import order_report
from gongzhi.orders.services.common import moment

TITLE_LENGTH = 120
# The portal takes less than the platform allows, so that an abusive upload costs little.
PORTAL_MAX_PHOTOS = 3
PORTAL_MAX_DESCRIPTION = 2000
MEDIA_URL_LENGTH = 500


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def public_category(code: Any, *, field: str) -> Category:
    category = public_services().filter(code=str(code or "").strip()).first()
    if category is None:
        raise ValidationError({field: _("No service is offered with the code “%(code)s”.") % {
            "code": code or ""}})
    return category


def title_derive(*, category: Category, description: str, place: str) -> str:
    """Residents describe; the dispatcher's queue wants a title: the category and where."""
    first_line = next((line.strip() for line in (description or "").splitlines() if line.strip()), "")
    # Made by us from the resident's text: the text's own faults are reported on the text's field.
    where = (place or "").strip() or first_line[:40]
    where = "".join(character for character in where if ord(character) >= 32)
    return f"{category.name}：{where}"[:TITLE_LENGTH] if where else category.name


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(field, field): messages
                            for field, messages in error.error_dict.items()})


def _report(*, channel: str, category: Category, title: str, description: str, latitude: Any, longitude: Any,
            address: str, compound_code: str | None, reporter_name: Any, reporter_phone: Any,
            photos: list[UploadedFile] | None, now: datetime | None) -> WorkOrder:
    if not compound_code and _blank(latitude) and _blank(longitude) and address:
        matched = compound_matching_address(address)
        compound_code = matched.code if matched else None
    description_text = description.strip() if isinstance(description, str) else description
    return order_report(
        actor=None, title=title or title_derive(category=category, description=description_text or "",
                                                place=address),
        description=description_text, category_code=category.code, channel=channel, latitude=latitude,
        longitude=longitude, address=address, compound_code=compound_code or None,
        reporter_name=reporter_name, reporter_phone=reporter_phone, photos=photos, now=now)


# ---------------------------------------------------------------- Open311


# The work orders' field names → GeoReport's parameter names, for errors that name what was sent.
GEOREPORT_FIELDS = {"category_code": "service_code", "latitude": "lat", "longitude": "long",
                    "reporter_name": "first_name", "reporter_phone": "phone", "compound_code": "address_id",
                    "address": "address_string", "location": "address_string", "title": "attribute[title]"}


def _person_name(first_name: Any, last_name: Any) -> str:
    first = first_name.strip() if isinstance(first_name, str) else ""
    last = last_name.strip() if isinstance(last_name, str) else ""
    if first and last and not (first.isascii() and last.isascii()):
        return f"{last}{first}"  # 姓 then 名, no space
    return " ".join(part for part in (first, last) if part)


def _media_url(value: Any) -> str:
    url = value.strip() if isinstance(value, str) else ""
    if not url:
        return ""
    if len(url) > MEDIA_URL_LENGTH:
        raise ValidationError({"media_url": _("At most %(n)d characters.") % {"n": MEDIA_URL_LENGTH}})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"media_url": _("Give an http or https URL.")}) from None
    return url


@transaction.atomic
def service_request_create(
    *, client: ApiClient, service_code: Any, description: Any, latitude: Any = None, longitude: Any = None,
    address_string: Any = "", address_id: Any = "", first_name: Any = "", last_name: Any = "",
    phone: Any = "", media_url: Any = "", attributes: dict[str, list[str]] | None = None,
    now: datetime | None = None,
) -> WorkOrder:
    """GeoReport's POST requests: a client system files a resident's problem. Errors name the
    GeoReport parameter (``service_code``, ``lat``, ``attribute[danger_now]``…)."""
    category = public_category(service_code, field="service_code")
    answers = attributes_parse(category, attributes or {})
    address = address_string.strip() if isinstance(address_string, str) else ""
    compound_code = address_id.strip() if isinstance(address_id, str) else ""
    if _blank(latitude) and _blank(longitude) and not address and not compound_code:
        raise ValidationError({"lat": _("Give lat and long, an address_string or an address_id.")})
    if answers.get("place_detail"):
        address = f"{address} {answers['place_detail']}".strip()
    text = description.strip() if isinstance(description, str) else description
    if isinstance(text, str) and text:
        text = "\n".join([text, *description_lines(category, answers)])
    url = _media_url(media_url)
    at = moment(now)
    try:
        order = _report(channel=Channel.OPEN311, category=category, title=answers.get("title", ""),
                        description=text, latitude=latitude, longitude=longitude, address=address,
                        compound_code=compound_code, reporter_name=_person_name(first_name, last_name),
                        reporter_phone=phone, photos=None, now=at)
    except ValidationError as error:
        raise _renamed(error, GEOREPORT_FIELDS) from None
    submission = ClientSubmission.objects.create(order=order, client=client, media_url=url,
                                                 attributes=answers, submitted_at=at)
    event_record(actor=None, action="open311.submit", target=submission, unit_code=order.unit_code,
                 after={"client": client.name, "order": order.number, "media_url": url,
                        "attributes": answers},
                 occurred_at=at)
    order.open311_submission = submission
    return order


# ---------------------------------------------------------------- the resident portal


PORTAL_FIELDS = {"category_code": "category", "compound_code": "compound", "location": "location"}


def resident_report(
    *, category_code: Any, description: Any, title: Any = "", latitude: Any = None, longitude: Any = None,
    address: Any = "", compound_code: Any = None, reporter_name: Any = "", reporter_phone: Any = "",
    photos: list[UploadedFile] | None = None, now: datetime | None = None,
) -> WorkOrder:
    """A resident's report on the portal: no account, so tighter limits than staff have."""
    category = public_category(category_code, field="category")
    photos = list(photos or [])
    if len(photos) > PORTAL_MAX_PHOTOS:
        raise ValidationError({"photos": _("At most %(n)d photos.") % {"n": PORTAL_MAX_PHOTOS}})
    if isinstance(description, str) and len(description.strip()) > PORTAL_MAX_DESCRIPTION:
        raise ValidationError({"description": _("At most %(n)d characters.") % {"n": PORTAL_MAX_DESCRIPTION}})
    place = address.strip() if isinstance(address, str) else ""
    if _blank(latitude) and _blank(longitude) and not place and not compound_code:
        raise ValidationError({"location": _("Put the problem on the map, or give its address.")})
    try:
        return _report(channel=Channel.PORTAL, category=category,
                       title=title.strip() if isinstance(title, str) else "", description=description,
                       latitude=latitude, longitude=longitude, address=place, compound_code=compound_code,
                       reporter_name=reporter_name, reporter_phone=reporter_phone, photos=photos, now=now)
    except ValidationError as error:
        raise _renamed(error, PORTAL_FIELDS) from None
