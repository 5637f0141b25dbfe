"""The paper booklet: the family's book laid out for print with ReportLab (see booklet.py)."""
