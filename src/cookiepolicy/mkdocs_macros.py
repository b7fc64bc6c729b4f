"""The entry point a site's ``macros/main.py`` imports (sites made before the layers kept this name)."""

from cookiepolicy.adapters.mkdocs.macros import define_env, on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]
