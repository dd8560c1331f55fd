from django.core.management.base import BaseCommand

from gongzhi.org.registry.console import write_output
from gongzhi.org.registry.excel_export import registry_workbook_export


class Command(BaseCommand):
    help = "Export the whole organisation registry (all but boundaries) as an Excel workbook."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx file to write")

    def handle(self, *args, path: str, **options):
        write_output(self, path, registry_workbook_export(actor=None))
