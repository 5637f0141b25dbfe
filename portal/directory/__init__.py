"""The directory's public pages and its editors' pages."""
