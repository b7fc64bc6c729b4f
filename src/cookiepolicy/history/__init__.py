"""Releases, frozen wording, git revisions, the semantic diff and `policy verify`."""
