"""Words: the catalogs, CLDR dates and durations, Turkish case forms, escaping for Markdown."""
