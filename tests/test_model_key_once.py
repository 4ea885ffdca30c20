"""The final read of session 20: start-up worked out the open model's key (a digest of its weights), then is_teaching
digested the teaching model again the first time it was asked, even when the open model was the teaching model. A
file is now read once a process as it is (app.model_identity.file_digest), and read again once it is rewritten."""
import os
import shutil

import pytest

from classroom_gui.app import model_identity as identity
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.resources import teaching_model_dir
from helpers import random_checkpoint


@pytest.fixture
def reads(monkeypatch):
    """The weights files content_digest read, in a process that has read none yet."""
    read = []
    real = identity.content_digest
    monkeypatch.setattr(identity, "content_digest", lambda weights: read.append(weights.name) or real(weights))
    monkeypatch.setattr(identity, "_DIGESTS", {})
    identity._teaching.cache_clear()
    return read


def test_the_teaching_model_is_read_once_for_its_key_and_for_is_teaching(reads):
    key = identity.model_key(load_checkpoint(teaching_model_dir()))
    assert identity.is_teaching(key) and identity.is_teaching(key)
    assert reads == ["model.safetensors"]


def test_a_copy_is_read_once_and_the_teaching_model_once(reads, tmp_path):
    copy = load_checkpoint(shutil.copytree(teaching_model_dir(), tmp_path / "clone"))
    key = identity.model_key(copy)
    assert identity.is_teaching(key) and identity.model_key(copy) == key and identity.is_teaching(key)
    assert len(reads) == 2


def test_a_model_of_another_config_is_not_teaching_without_reading_the_teaching_model(reads, tmp_path):
    other = random_checkpoint(tmp_path / "other", seed=1, n_embd=128)
    assert not identity.is_teaching(identity.model_key(other))
    assert len(reads) == 1


@pytest.mark.parametrize("how", ["in place, a later mtime", "a new file, the old mtime"])
def test_a_rewritten_file_is_read_again(reads, tmp_path, how):
    """Of the same size: in place (the same inode) with its mtime moved on, or written to a new file that replaces it
    with its old mtime put back (restored from a backup): then only its inode and ctime tell (review28 #13)."""
    folder = shutil.copytree(teaching_model_dir(), tmp_path / "model")
    key = identity.model_key(load_checkpoint(folder))
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1  # the last byte of the last tensor: the same size
    stat = weights.stat()
    if how.startswith("in place"):
        with open(weights, "r+b") as f:
            f.write(data)
        os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    else:
        new = folder / "model.new"
        new.write_bytes(data)
        os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(new, weights)
        now = weights.stat()
        assert (now.st_size, now.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)  # only inode and ctime differ
    assert identity.model_key(load_checkpoint(folder)) != key and len(reads) == 2
