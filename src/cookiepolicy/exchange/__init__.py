"""The inventory to and from other formats: JSON, the IAB TCF disclosure, the consent banner's
configuration, the notice registry, plain Markdown pages, and the Open Cookie Database import.
"""
