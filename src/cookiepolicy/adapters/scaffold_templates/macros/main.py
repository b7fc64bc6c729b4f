"""This site's macros: the engine's, plus any the site defines below."""

from cookiepolicy.mkdocs_macros import define_env, on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]
