"""A site's files read into the model, every problem reported with its file, line and field."""
