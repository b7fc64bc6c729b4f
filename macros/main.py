"""This site's macros: the engine's, plus any the site defines below."""

from cookiepolicy.adapters.mkdocs.macros import define_env, on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]
