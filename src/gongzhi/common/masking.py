"""Masking of personal data for display: staff outside an order's handlers see only enough to
tell records apart (principle 4 of DESIGN.md)."""
from __future__ import annotations


def mask_phone(phone: str) -> str:
    digits = (phone or "").strip()
    if not digits:
        return ""
    if len(digits) <= 4:
        return "*" * len(digits)
    keep_head = 3 if len(digits) >= 11 else 1
    return digits[:keep_head] + "*" * (len(digits) - keep_head - 4) + digits[-4:]


def mask_name(name: str) -> str:
    text = (name or "").strip()
    if not text:
        return ""
    return text[0] + "*" * max(1, len(text) - 1)


def mask_identity_number(number: str) -> str:
    text = (number or "").strip()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]
