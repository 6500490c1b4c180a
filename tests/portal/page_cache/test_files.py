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


def test_an_entry_is_stored_without_compression(tmp_path):
    cache = store(tmp_path)
    page = {"content": "<html>Сочи</html>".encode() * 100}
    cache.set("page", page)
    [path] = cache._list_cache_files()
    with open(path, "rb") as stored:
        cache._is_expired(stored)  # reads the expiry in front
        assert stored.read(1) == b"\x80"  # a pickle, not a zlib stream
    assert cache.get("page") == page


def test_an_entry_in_djangos_compressed_format_is_still_read(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", {"content": b"old"})
    assert store(tmp_path).get("page") == {"content": b"old"}


def test_touch_keeps_the_value_and_renews_the_expiry(tmp_path):
    cache = store(tmp_path)
    cache.set("page", "kept", timeout=1)
    assert cache.touch("page", timeout=3600)
    with open(cache._key_to_file("page"), "rb") as stored:
        assert not cache._is_expired(stored)
    assert cache.get("page") == "kept"
    assert not cache.touch("absent")


def test_an_expired_entry_is_not_served(tmp_path):
    cache = store(tmp_path)
    cache.set("page", "old", timeout=-1)
    assert cache.get("page", "missing") == "missing"
