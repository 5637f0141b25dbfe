"""The family's rights over its book: a whole copy out, and deleting it."""
