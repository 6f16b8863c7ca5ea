"""``python -m extractor`` is the ``factsheet`` command."""
import sys

from .cli import main

sys.exit(main())
