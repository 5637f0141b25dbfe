"""The family's sharing pages, the professional's side, and notices."""
