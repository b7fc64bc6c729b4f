"""What the pages show and what the law asks them to disclose: coverage, lint, languages, case forms."""
