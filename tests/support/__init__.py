"""What the tests share: copying and building sites, reading pages, editing files, a test web app,
the bad-input catalogue."""
