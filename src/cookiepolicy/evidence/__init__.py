"""What a live site really stores: the scan in headless Chromium and the audit against the policy."""
