"""The quick start's settings (thidua.settings) for the SQLite tests' own site, with a fast password hash.

The demo hashes its twenty accounts' passwords as it loads, and each test logs in through the site's login form:
with production's PBKDF2 that is seconds of every test spent hashing, none of it what the tests look at.
"""

from thidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
