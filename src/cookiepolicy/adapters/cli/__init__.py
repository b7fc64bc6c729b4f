"""The `policy` command: argument parsing and one module per group of commands."""
