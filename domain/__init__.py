"""The domain: what a manager, a problem, a match and a viewer are, and how a match is scored
and a question read. Pure, no I/O; every other room imports it and it imports none of them."""
