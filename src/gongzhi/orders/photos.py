"""Order photos are served only to those who may see the order: uploads are never public files.

The web server streams the file after the same scoped lookup as the order page (404 outside the
actor's scope), so a photo's address leaks nothing to anyone who finds it."""
from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from gongzhi.common.exceptions import RecordNotFound
from gongzhi.orders.models import OrderAttachment
from gongzhi.orders.selectors import order_get_visible


@require_GET
@login_required
def order_photo(request, number: str, photo_id: int):
    try:
        order = order_get_visible(request.actor, number=number)
    except RecordNotFound:
        raise Http404 from None
    photo = OrderAttachment.objects.filter(order=order, pk=photo_id).first()
    if photo is None or not photo.file:
        raise Http404
    content_type = mimetypes.guess_type(photo.file.name)[0] or "application/octet-stream"
    response = FileResponse(photo.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
