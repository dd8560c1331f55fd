"""Outbound channels. A deployment names its channel classes in GONGZHI_OUTBOUND_CHANNELS; the
default writes to the log, so nothing leaves the machine until an operator configures a gateway."""
from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongzhi.common.masking import mask_phone

logger = logging.getLogger("gongzhi.notifications")


class OutboundChannel(Protocol):
    name: str

    def send(self, *, user, title: str, body: str, url: str) -> None: ...


class LogChannel:
    name = "log"

    def send(self, *, user, title: str, body: str, url: str) -> None:
        # Phone numbers never reach the log unmasked.
        logger.info("notify user=%s phone=%s title=%s url=%s", user.username, mask_phone(user.phone), title, url)


def outbound_channels() -> list[OutboundChannel]:
    paths = getattr(settings, "GONGZHI_OUTBOUND_CHANNELS", ["gongzhi.common.notifications.channels.LogChannel"])
    return [import_string(path)() for path in paths]
