"""Shared by the work-order page tests: pages are read in English (the source language), so that
assertions on their text hold however far the zh-Hans catalogue has come."""
import pytest


@pytest.fixture
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"
