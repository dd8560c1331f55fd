"""How the registry's management commands talk to an operator: the outcome of an import as a
line per sheet, its problems as a table, and failure as a non-zero exit status."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.org.registry.problems import ImportRejected, ImportSummary, problems_table


def read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(_("Cannot read %(path)s: %(error)s") % {
            "path": path, "error": error.strerror}) from None


def write_output(command: BaseCommand, path: str, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError as error:
        raise CommandError(_("Cannot write %(path)s: %(error)s") % {
            "path": path, "error": error.strerror}) from None
    command.stdout.write(_("Wrote %(path)s (%(size)d bytes).") % {"path": path, "size": len(content)})


def run_import(command: BaseCommand, importer: Callable[..., ImportSummary], path: str,
               headers: Sequence[str], **options) -> None:
    """Run an import as the operator (no acting user): print what it wrote, or every problem and
    exit non-zero."""
    content = read_input(path)
    try:
        summary = importer(actor=None, file=content, file_name=Path(path).name, **options)
    except ImportRejected as rejected:
        command.stderr.write(problems_table(rejected.problems, tuple(str(header) for header in headers)))
        raise CommandError(str(rejected)) from None
    for line in summary.lines():
        command.stdout.write(line)
