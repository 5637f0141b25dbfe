"""Signing in and out, passkeys, sessions, and joining a book."""
