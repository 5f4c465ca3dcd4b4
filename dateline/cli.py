"""The ``dateline`` command: Django's management commands plus Dateline's own."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``dateline ingest`` or ``dateline migrate``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.project.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["dateline", *argv])
    args[0] = "dateline"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
