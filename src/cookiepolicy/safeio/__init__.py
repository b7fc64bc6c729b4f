"""Safe reading and writing: strict YAML and JSON, all-or-nothing writes, the signed cache, the
environment, the terminal.
"""
