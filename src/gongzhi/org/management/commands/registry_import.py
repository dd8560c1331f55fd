from django.core.management.base import BaseCommand

from gongzhi.org.registry.console import run_import
from gongzhi.org.registry.excel_import import PROBLEM_HEADERS, registry_workbook_import


class Command(BaseCommand):
    help = ("Import an organisation registry workbook. Every row is checked first; with any problem "
            "nothing is imported and the problems are listed.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx file to read (as written by registry_export)")
        parser.add_argument("--update", action="store_true",
                            help="take rows for existing records as their new state instead of refusing them")

    def handle(self, *args, path: str, update: bool, **options):
        run_import(self, registry_workbook_import, path, PROBLEM_HEADERS, update=update)
