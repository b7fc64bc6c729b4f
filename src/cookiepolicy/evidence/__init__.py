"""What a live site really stores: the scan in headless Chromium (before consent, after reject, after accept, with GPC) and the audit against the policy."""
