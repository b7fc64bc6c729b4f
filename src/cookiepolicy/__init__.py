"""Cookie policies as data: load, validate, diff and render YAML inventories.

The core (everything in this package except ``mkdocs_macros``) is plain Python and
never imports MkDocs, so it can be tested fast and moved to another site generator.
"""

__version__ = "0.1.0"
