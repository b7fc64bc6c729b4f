"""Cookie policies as data: load, validate, diff and render YAML inventories.

The layers, lowest first; each imports only from the ones before it (``tests/test_layers.py``):

- ``model``: the policy as plain typed data, and the problems found in it;
- ``safeio``: strict YAML and JSON, all-or-nothing writes, the signed cache, the environment, the terminal;
- ``text``: catalogs, CLDR dates and durations, Turkish case forms, Markdown escaping;
- ``loading``: a site's files read into the model;
- ``history``: releases, frozen wording, git revisions, the semantic diff, ``policy verify``;
- ``render``: Markdown and HTML for the policy pages;
- ``checks``: what the pages show and what the law asks them to disclose;
- ``review``: the pull-request review;
- ``evidence``: the scan of a live site and the audit against the policy;
- ``exchange``: the inventory to and from other formats (JSON, TCF, the banner, the Open Cookie Database);
- ``adapters``: the ``policy`` command, the scaffold, and the site generators (``adapters/mkdocs``).

Everything below ``adapters`` is plain Python and never imports a site generator, so it is tested
fast and can move to another generator. The modules at this level are entry points older sites name
in their own files; each only re-exports an adapter.
"""

__version__ = "0.1.0"
