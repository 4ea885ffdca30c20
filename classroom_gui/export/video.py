"""A stretch of the lesson as an animation: MP4 (H.264 through imageio-ffmpeg, whose wheel carries its
own ffmpeg) or GIF (Pillow), one picture every 1/fps seconds: the moments export.pace chooses (each step's
animation, then its finished picture held long enough to read), a held picture drawn once and repeated.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from queue import Queue
from threading import Thread
from typing import Callable, Iterable, Sequence

import numpy as np
from PySide6.QtGui import QImage

from ..lesson.frame import Frame
from ..scene.classroom import ClassroomScene
from ..scene.palette import Theme
from ..scene.render import render_frame
from .files import ExportError, Progress, atomic_path, check_target, no_room, tick
from .formats import VIDEOS

def rgb_array(image: QImage) -> np.ndarray:  # QImage -> [h, w, 3] uint8
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def save_video(frames: Iterable[Frame], count: int, path, fps: int = 30, size=(1920, 1080),
               theme: Theme | None = None, progress: Progress | None = None,
               repeats: Sequence[int] | None = None) -> Path:
    """`frames` drawn, frame i repeats[i] times (export.pace.paced_shots), `count` pictures in all."""
    scene = ClassroomScene(theme=theme)
    return write_pictures(lambda: held((render_frame(f, size, theme, scene=scene, whole=True) for f in frames),
                                       repeats), count, path, fps, size, progress)


def held(pictures: Iterable[QImage], repeats: Sequence[int] | None) -> Iterable[QImage]:
    """Each picture, repeats[i] times (once each without repeats): a held step is drawn once."""
    for i, picture in enumerate(pictures):
        for _ in range(repeats[i] if repeats is not None else 1):
            yield picture


def write_pictures(pictures: Callable[[], Iterable[QImage]], count: int, path, fps: int, size,
                   progress: Progress | None = None) -> Path:
    """`count` pictures (made by pictures(), called once the target is checked) as an MP4 or GIF at `path`:
    whole or not at all. The lesson's video and a comparison's both end here."""
    path = check_target(Path(path), VIDEOS)
    if size[0] % 2 or size[1] % 2:
        raise ExportError("error.odd_video", w=size[0], h=size[1])
    with atomic_path(path) as tmp:
        try:
            VIDEOS[path.suffix.lower()].write(pictures(), count, tmp, fps, size, progress)
        except EncoderStopped:  # a full disk said as a failed write says it (teacher7 M5)
            full = no_room(path.parent)
            raise ExportError("error.disk_full" if full else "error.ffmpeg_stopped", path=path) from None
    return path


class EncoderStopped(Exception):
    """The encoder process died while a video was written to it."""


def write_mp4(pictures: Iterable[QImage], count: int, tmp: Path, fps: int, size, progress) -> None:
    try:
        _mp4(pictures, count, tmp, fps, size, progress)
    except OSError:  # ffmpeg died (its pipe broke): most often, it could not write (a full disk)
        raise EncoderStopped() from None


def write_gif(pictures: Iterable[QImage], count: int, tmp: Path, fps: int, _size, progress) -> None:
    _gif((rgb_array(p) for p in pictures), count, tmp, fps, progress)


# The rendered ARGB32 words (0xAARRGGBB, always opaque here) go to ffmpeg as they are: bytes B, G, R, A on a
# little-endian machine. Converting them to RGB888 in Python first cost more than drawing the frame.
RAW_FORMAT = "bgra" if sys.byteorder == "little" else "argb"
# libx264's "veryfast" preset: about half the encoder time of the default "medium" on these pictures
# (flat areas, text, slow motion) at the same CRF, with files within a few per cent of medium's size.
X264_PRESET = "veryfast"
WORD_FORMATS = (QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_ARGB32, QImage.Format.Format_RGB32)
QUEUE = 3  # pictures drawn ahead of the encoder (8 MB each at 1080p)


def _mp4(pictures, count, tmp: Path, fps, size, progress) -> None:
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(str(tmp), size, fps=fps, codec="libx264", pix_fmt_in=RAW_FORMAT,
                                         pix_fmt_out="yuv420p", quality=7, macro_block_size=2,
                                         output_params=["-preset", X264_PRESET, "-f", "mp4"],
                                         ffmpeg_log_level="error")
    with ffmpeg_said() as said:
        with said.starting():
            writer.send(None)  # start ffmpeg, its stderr into `said`
        _feed(writer, pictures, count, progress)


def _feed(writer, pictures, count, progress) -> None:
    # Writing to ffmpeg's pipe blocks while ffmpeg encodes: a thread feeds the pipe, so that the next
    # pictures are drawn meanwhile (the encoder is another process and uses the other cores).
    queue: Queue = Queue(maxsize=QUEUE)
    failed: list[BaseException] = []

    def feed() -> None:
        while (image := queue.get()) is not None:
            if not failed:
                try:
                    writer.send(image.constBits())
                except BaseException as exc:  # ffmpeg died: say so in the drawing thread, keep draining
                    failed.append(exc)

    feeder = Thread(target=feed, name="ffmpeg-feed", daemon=True)
    feeder.start()
    try:
        for i, image in enumerate(pictures):
            if failed:
                break
            if image.format() not in WORD_FORMATS:
                image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
            queue.put(image)
            tick(progress, i + 1, count)
    finally:
        queue.put(None)
        feeder.join()
        writer.close()
    if failed:
        raise failed[0]


def _gif(pictures, count, tmp: Path, fps, progress) -> None:
    from PIL import Image

    images = []
    for i, rgb in enumerate(pictures):
        images.append(Image.fromarray(rgb).quantize(colors=255, method=Image.Quantize.MEDIANCUT))
        tick(progress, i + 1, count)
    if not images:
        raise ExportError("error.nothing_to_export")
    images[0].save(str(tmp), format="GIF", save_all=True, append_images=images[1:], duration=round(1000 / fps),
                   loop=0, optimize=False)


log = logging.getLogger("classroom_gui")


class _Said:
    """Where ffmpeg's stderr goes: a temporary file, read into the log when the video is done."""

    def __init__(self, file):
        self.file = file

    @contextmanager
    def starting(self):
        """Our stderr (fd 2) points at the file while ffmpeg starts, so that is the stderr ffmpeg inherits
        (imageio-ffmpeg starts it with stderr=None); ours is back as soon as it has started."""
        sys.stderr.flush()
        ours = os.dup(2)
        try:
            os.dup2(self.file.fileno(), 2)
            yield
        finally:
            os.dup2(ours, 2)
            os.close(ours)


@contextmanager
def ffmpeg_said():
    """ffmpeg's own error lines ("[out#0/mp4 @ 0x…] Error muxing a packet", seven of them on a full disk) go to
    the log, not the terminal: the one clean message says what happened (teacher7 L5)."""
    with tempfile.TemporaryFile() as file:
        try:
            yield _Said(file)
        finally:
            file.seek(0)
            text = file.read().decode("utf-8", "replace").strip()
            if text:
                log.info("ffmpeg said:\n%s", text)

