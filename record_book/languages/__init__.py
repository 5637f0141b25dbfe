"""The languages the portal speaks: each one's term base, and how much of it a speaker checked."""
