"""The pull-request review: the diff in words, what the pages will say, the page changes."""
