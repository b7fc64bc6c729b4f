"""Everything MkDocs (and ProperDocs) specific: the macros plugin module, the HTML slots, the preview
server, the theme.
"""
