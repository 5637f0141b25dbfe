"""The invented demo family, its professionals and the local directory, for `make run`.

Kept out of the production package: `flask seed-demo` imports it only when asked."""
