"""Markdown and HTML for the policy pages, built from the model; every word from data escaped."""
