"""The plan's pages: editing, goals, versions, reviews, sharing and closed plans."""
