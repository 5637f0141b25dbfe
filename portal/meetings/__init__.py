"""The pages of the family's meetings."""
