"""Meetings around the family (the Team Around the Family): when and where, who is invited, what
the family wants to say and ask, what was decided, the actions that become plan steps, and the
notes the family agrees. Part of the book: erased, exported and printed with it.

`arranging` writes a meeting and its notes, `actions` turns an action into a plan step, and
`reading` is the one way a meeting reaches anyone, logged for readers outside the family.
"""
