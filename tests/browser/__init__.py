"""Browser tests: every site built, served under a sub-path and read in headless Chromium."""
