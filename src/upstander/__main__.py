"""``python -m upstander`` runs the console script."""

from upstander.cli.main import run

run()
