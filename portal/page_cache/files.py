"""The page cache's store on one machine without Redis: Django's file cache, culled less often.

Django's FileBasedCache lists its whole folder before every write to see whether it is full;
with thousands of kept pages that listing costs more than the write, and every committed write
to a table writes a token. Here the folder is listed on one write in CULL_EVERY (at random), so
it may hold a little more than MAX_ENTRIES between two culls.
"""

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FileCache(FileBasedCache):
    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:  # noqa: S311 (not a secret)
            super()._cull()
