"""Jargon with plain meanings: the portal's terms and the local words admins add."""
