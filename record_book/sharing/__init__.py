"""Sharing outside the family: connections, grants, requests, notes and the access log."""
