"""A stretch of the lesson as an animation: MP4 (H.264 through imageio-ffmpeg, whose wheel carries its
own ffmpeg) or GIF (Pillow), one picture every 1/fps seconds of lesson time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from PySide6.QtGui import QImage

from ..lesson.frame import Frame
from ..view.canvas import ClassroomScene
from ..view.palette import Theme
from ..view.render import render_frame
from .files import VIDEOS, Cancelled, ExportError, atomic_path, check_target

Progress = Callable[[int, int], bool]


def rgb_array(image: QImage) -> np.ndarray:  # QImage -> [h, w, 3] uint8
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def save_video(frames: Iterable[Frame], count: int, path, fps: int = 30, size=(1920, 1080),
               theme: Theme | None = None, progress: Progress | None = None) -> Path:
    path = check_target(Path(path), VIDEOS)
    if size[0] % 2 or size[1] % 2:
        raise ExportError(f"video size {size[0]}x{size[1]} must have even sides (H.264 needs them)")
    scene = ClassroomScene(theme=theme)
    pictures = (rgb_array(render_frame(f, size, theme, scene=scene)) for f in frames)
    with atomic_path(path) as tmp:
        if path.suffix.lower() == ".mp4":
            _mp4(pictures, count, tmp, fps, size, progress)
        else:
            _gif(pictures, count, tmp, fps, progress)
    return path


def _tick(progress, done, total) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled()


def _mp4(pictures, count, tmp: Path, fps, size, progress) -> None:
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(str(tmp), size, fps=fps, codec="libx264", pix_fmt_in="rgb24",
                                         pix_fmt_out="yuv420p", quality=7, macro_block_size=2,
                                         output_params=["-f", "mp4"], ffmpeg_log_level="error")
    writer.send(None)  # start ffmpeg
    try:
        for i, rgb in enumerate(pictures):
            writer.send(rgb)
            _tick(progress, i + 1, count)
    finally:
        writer.close()


def _gif(pictures, count, tmp: Path, fps, progress) -> None:
    from PIL import Image

    images = []
    for i, rgb in enumerate(pictures):
        images.append(Image.fromarray(rgb).quantize(colors=255, method=Image.Quantize.MEDIANCUT))
        _tick(progress, i + 1, count)
    if not images:
        raise ExportError("there is nothing to export")
    images[0].save(str(tmp), format="GIF", save_all=True, append_images=images[1:], duration=round(1000 / fps),
                   loop=0, optimize=False)
