"""The page cache's store on one machine without Redis: Django's file cache, culled less often and
read without decompressing.

Django's FileBasedCache lists its whole folder before every write to see whether it is full;
with thousands of kept pages that listing costs more than the write, and every committed write
to a table writes a token. Here the folder is listed on one write in CULL_EVERY (at random), so
it may hold a little more than MAX_ENTRIES between two culls.

Django's also zlib-compresses every entry: a kept page is read many times for each write, and
decompressing it was the largest part of a cache hit (a hit reads two entries: the page and the
tables' generation). Entries are stored as plain pickles here; one written by Django's own format
(a zlib stream, which never starts like a pickle) is still read.
"""

import pickle
import random
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_EVERY = 100
# The first byte of a zlib stream with the default window (a pickle starts with 0x80).
ZLIB_HEADER = b"\x78"


def _loads(data):
    if data[:1] == ZLIB_HEADER:
        data = zlib.decompress(data)
    return pickle.loads(data)  # noqa: S301 - the cache's own files, as Django's backend reads them


class FileCache(FileBasedCache):
    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:  # noqa: S311 (not a secret)
            super()._cull()

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return _loads(f.read())
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    value = _loads(f.read())
                    f.seek(0)
                    f.truncate()
                    self._write_content(f, timeout, value)
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False
