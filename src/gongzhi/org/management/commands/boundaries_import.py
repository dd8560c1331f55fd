from django.core.management.base import BaseCommand

from gongzhi.org.registry.boundaries import PROBLEM_HEADERS, boundaries_import
from gongzhi.org.registry.console import run_import


class Command(BaseCommand):
    help = ("Set units' boundaries from a GeoJSON FeatureCollection (by the code in each feature's "
            "properties). Every feature is checked first; with any problem nothing is changed.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .geojson file to read")

    def handle(self, *args, path: str, **options):
        run_import(self, boundaries_import, path, PROBLEM_HEADERS)
