"""``python -m cookiepolicy.serve PORT``, as older sites' Makefiles run the preview server."""

import sys

from cookiepolicy.adapters.mkdocs.serve import main

if __name__ == "__main__":
    sys.exit(main())
