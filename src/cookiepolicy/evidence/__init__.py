"""What a live site really stores (before consent, after reject or accept, with GPC) and the audit of it."""
