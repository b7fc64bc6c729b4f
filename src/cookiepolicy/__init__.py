"""Cookie policies as data: load, validate, diff and render YAML inventories.

The package is in layers (``LAYERS``, lowest first); a module imports only from its own layer and
the ones before it, and only ``adapters`` knows a site generator, so the core is plain Python that is
tested fast and can move to another generator. Each layer's ``__init__`` says what it holds. The
modules at this level are entry points that sites made before the layers name in their own files.
"""

__version__ = "0.1.0"

LAYERS = ("model", "safeio", "text", "loading", "history", "render", "checks", "review", "evidence", "exchange",
          "adapters")
