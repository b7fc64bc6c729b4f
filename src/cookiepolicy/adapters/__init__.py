"""The outside world's entry points: the `policy` command, the site scaffold and the site generators."""
