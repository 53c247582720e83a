"""The one-per-user lock without a locking library: one holder at a time, free again on release.
(That the operating system frees it when the holder dies: test_process.py kills a real one.)"""

from pathlib import Path

from psoas.reminder.process import LOCK_NAME, instance_lock


def test_one_holder_at_a_time_and_free_again_on_release(tmp_path: Path) -> None:
    first, second = instance_lock(tmp_path), instance_lock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
    assert (tmp_path / LOCK_NAME).exists()


def test_releasing_a_lock_never_held_does_nothing(tmp_path: Path) -> None:
    instance_lock(tmp_path).release()
    assert instance_lock(tmp_path).acquire()
