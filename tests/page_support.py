"""Shared by the page tests: pages in English, and a page's text without its per-rendering tokens."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def english(settings):
    """Assertions read the English source strings, whatever the zh-Hans catalogue holds: pages
    without a language cookie fall back to LANGUAGE_CODE, and so does code outside a request."""
    settings.LANGUAGE_CODE = "en"


def page_without_tokens(response, path: str = "") -> bytes:
    """The page as a reader sees it: CSRF tokens differ on every rendering, the path is the request's."""
    content = re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', rb"\1", response.content)
    return content.replace(path.encode(), b"") if path else content
