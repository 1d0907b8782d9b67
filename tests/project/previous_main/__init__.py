"""The migrations each app had at d290e13 and which its `0001_squashed_…` migration replaces, frozen.

Django no longer reads them: a database that applied them counts the squash
as applied. The upgrade tests load them (`tests/project/migrating.py`) to
build such a database, with rows, and upgrade it.
"""
