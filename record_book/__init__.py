"""The record book domain: families, members, entries and who may read them.

Nothing here imports Flask; the portal and the booklet both call into this package.
"""
