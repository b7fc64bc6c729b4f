"""The policy as plain typed data, and the problems found in it: the layer everything else reads."""
