"""The book itself: families, members, entries of every kind, their history and merging."""
