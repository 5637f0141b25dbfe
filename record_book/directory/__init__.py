"""The directory of local help: listings, who edits them, and search."""
