"""The heading anchors a site's ``mkdocs.yml`` names as ``toc.slugify`` (older sites use this name)."""

from cookiepolicy.text.slugs import slugify

__all__ = ["slugify"]
