"""The file store lists its folder for culling on one write in CULL_EVERY, not on every write."""

from portal.page_cache import files


def store(tmp_path):
    return files.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})


def test_writes_between_culls_do_not_list_the_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(files.random, "randrange", lambda n: 1)
    cache = store(tmp_path)
    for number in range(10):
        cache.set(f"key{number}", number)
    assert len(cache._list_cache_files()) == 10


def test_a_cull_still_keeps_the_folder_near_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(files.random, "randrange", lambda n: 0)
    cache = store(tmp_path)
    for number in range(10):
        cache.set(f"key{number}", number)
    assert len(cache._list_cache_files()) <= 5
    assert cache.get("key9") == 9
