"""Text search over orders in Chinese: the query is cut into words (jieba), and an order matches
when every word appears in its number, title, description or address.

Chinese writes no spaces between words, so "工地噪音" must find "工地夜间施工噪音": cutting the query
into 工地 + 噪音 and requiring each makes that work, where a plain substring match would not."""
from __future__ import annotations

import jieba
from django.db.models import Q

SEARCHED_FIELDS = ("number", "title", "description", "address")
# More words than this add nothing but query cost.
MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    words = []
    for word in jieba.cut(text or ""):
        word = word.strip()
        if word and any(character.isalnum() for character in word) and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def order_text_filter(text: str) -> Q:
    """A filter for orders matching every word of ``text``; matches everything for an empty text."""
    condition = Q()
    for word in search_words(text):
        any_field = Q()
        for field in SEARCHED_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition
