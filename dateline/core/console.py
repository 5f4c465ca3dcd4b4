"""Rich consoles for management commands, writing where the command writes."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand
from rich.console import Console


def console_for(command: BaseCommand, **options: Any) -> Console:
    """A rich Console on the command's stdout (so call_command(stdout=…) captures it)."""
    return Console(file=cast(IO[str], command.stdout), **options)
