from django.core.management.base import BaseCommand

from gongzhi.org.registry.boundaries import boundaries_export_bytes
from gongzhi.org.registry.console import write_output


class Command(BaseCommand):
    help = "Export the units' boundaries as a GeoJSON FeatureCollection."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .geojson file to write")

    def handle(self, *args, path: str, **options):
        write_output(self, path, boundaries_export_bytes(actor=None))
