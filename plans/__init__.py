"""The domain of co-produced action plans: goals, steps, revisions, agreement and reviews.

No Flask here. The portal turns requests into calls to `editing` (and its neighbours `people`,
`changes`, `goal_comments` and `dates`), `agreement`, `reviews` and `sharing`, and the one access
rule in `record_book.policy` decides who reads which part.
"""
