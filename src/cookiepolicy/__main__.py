"""``python -m cookiepolicy``: the ``policy`` command."""

import sys

from cookiepolicy.adapters.cli.main import main

sys.exit(main())
