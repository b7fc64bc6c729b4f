"""The manual's macros: the engine's, run on the tutorial's example data (``manual/data``).

The manual is a user of the engine like any site, with one difference: it is not the example
company's policy. So the words the engine puts around a policy site (its description, the footer
naming the company and the version in force) are left out; only the pages that call a macro show
the example's facts."""

from typing import Any

from cookiepolicy.adapters.mkdocs import macros as engine
from cookiepolicy.adapters.mkdocs.macros import on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]


def define_env(env: Any) -> None:
    description = env.conf.get("site_description")
    engine.define_env(env)
    env.conf["site_description"] = description
    env.conf["extra"].pop("policy_site", None)
