"""A big class's desks composed in NumPy (scene.class_shells, scene.crowd) give the bytes QPainter gives: the
source-over of a part on a desk equals QPainter.drawImage's, and a class of 256 in every state, badge and fade
of the lesson equals its desks painted part by part with QPainter; a big fan's links are ranked as the sort
they replace ranks them."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.state import Selection, frame_at, timeline_for


def qimage(pixels: np.ndarray) -> QImage:  # [h, w] uint32 premultiplied ARGB -> a QImage copy
    h, w = pixels.shape
    return QImage(np.ascontiguousarray(pixels).data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()


def premultiplied(rng, shape) -> np.ndarray:  # random valid premultiplied pixels, some opaque, some clear
    a = rng.integers(0, 256, shape).astype(np.uint32)
    a[rng.random(shape) < 0.2] = 255
    a[rng.random(shape) < 0.2] = 0
    rgb = [(rng.integers(0, 256, shape) * a // 255).astype(np.uint32) for _ in range(3)]
    return (a << 24) | (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]


def test_over_gives_the_bytes_qpainter_gives(qapp):
    from classroom_gui.scene.class_shells import image_pixels, over

    rng = np.random.default_rng(0)
    dst, src = premultiplied(rng, (64, 96)), premultiplied(rng, (64, 96))
    image = qimage(dst)
    p = QPainter(image)
    p.drawImage(0, 0, qimage(src))
    p.end()
    assert np.array_equal(over(dst.reshape(-1), src.reshape(-1)).reshape(dst.shape), image_pixels(image))


def painted_shells(ci, w: int, h: int, scale: float) -> np.ndarray:
    """ClassImage's desks without cards as the per-desk QPainter path painted them: each part of each shown desk
    painted into its own transparent picture, drawn over the last, cut to the tile and copied to its place
    (desks faded in float32), then the badges drawn over the whole."""
    from classroom_gui.lesson.layout import GAP
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.desk import ALL, BODY, GLOW, NAME, SEAT, DeskItem

    b, (ox, oy) = ci.box, ci._origin
    margin = max(0, math.floor(GAP / 2 * scale) - 1)
    x0 = max(0, round(GLOW * scale) - margin)
    out = np.zeros((h, w), np.uint32)
    for k, s in enumerate(ci.students):
        if s.opacity <= 0.001:
            continue
        desk = DeskItem()
        desk.student, desk.box, desk.theme, desk.badge_role = s, b, ci.theme, ci.badge_role
        desk.settled, desk.view_pos = [], []
        desk._fit_name()
        img = QImage(math.ceil((b.w + 2 * GLOW) * scale) + 1, math.ceil((b.h + 2 * GLOW) * scale) + 1,
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        q = QPainter(img)
        for parts in (BODY, SEAT, NAME):
            part = QImage(img.size(), img.format())
            part.fill(Qt.GlobalColor.transparent)
            pp = QPainter(part)
            pp.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            pp.scale(scale, scale)
            pp.translate(GLOW, GLOW)
            desk.parts = parts
            desk._paint_desk(pp)
            pp.end()
            q.drawImage(0, 0, part)
        q.end()
        desk.parts = ALL
        x1 = min(img.width(), round((GLOW + b.w) * scale) + margin + 1)
        y1 = min(img.height(), round((GLOW + b.h) * scale) + margin + 1)
        tile = image_pixels(img)[x0:y1, x0:x1]
        if s.opacity < 1.0:
            tile = (tile.copy().view(np.uint8).reshape(tile.shape + (4,)) * np.float32(s.opacity)).astype(
                np.uint8).view(np.uint32)[..., 0]
        x = round((s.x - GLOW - ox) * scale) + x0
        y = round((s.y - GLOW - oy) * scale) + x0
        out[y:y + tile.shape[0], x:x + tile.shape[1]] = tile[: h - y, : w - x]
    image = QImage(out.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)  # each badge's pill painted on its own, then drawn as faded as its desk
    for s in ci.students:
        if s.opacity <= 0.001 or not s.badge:
            continue
        desk = DeskItem()
        desk.student, desk.box, desk.theme, desk.badge_role = s, b, ci.theme, ci.badge_role
        bw, px = desk._badge_size()
        bh = px * 1.5
        pill = QRectF(b.w - b.pad - bw - 2, (b.header_h - bh) / 2 - 2, bw + 4, bh + 4)
        pic = QImage(math.ceil(pill.width() * scale) + 1, math.ceil(pill.height() * scale) + 1,
                     QImage.Format.Format_ARGB32_Premultiplied)
        pic.fill(Qt.GlobalColor.transparent)
        q = QPainter(pic)
        q.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        q.scale(scale, scale)
        q.translate(-pill.x(), -pill.y())
        desk._paint_badge(q)
        q.end()
        p.setOpacity(min(1.0, s.opacity))
        p.drawImage(round((s.x + pill.x() - ox) * scale), round((s.y + pill.y() - oy) * scale), pic)
    p.end()
    return out


@pytest.fixture(scope="module")
def big_trace(checkpoint):
    """256 students on the shipped model's weights (its 64 positions taken in turn, as bench_frames does)."""
    from dataclasses import replace

    from classroom_gui.model import forward

    params, n = dict(checkpoint.params), 256
    params["wpe.weight"] = np.ascontiguousarray(params["wpe.weight"][np.arange(n) % len(params["wpe.weight"])])
    words = ("the cat sat on the mat and the dog sat on the rug".split() * 22)[:n]
    trace = forward([checkpoint.tokenizer.encode(w)[0].id for w in words], params,
                    replace(checkpoint.config, n_positions=n), tokens=words)
    trace.vocab = checkpoint.tokenizer.vocab
    return trace


def test_a_big_class_composed_in_numpy_equals_its_desks_painted_part_by_part(qapp, big_trace):
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    timeline = timeline_for(big_trace.n_tokens, big_trace.config.n_layer)
    seen_states, faded, badged, checked = set(), 0, 0, 0
    beats = timeline.beats[::5] + [b for b in timeline.beats if b.chapter == "mask"]  # (masked desks)
    for k, beat in enumerate(beats):
        for at in (0.3, 0.99):
            rule = ("none", "causal")[k % 2]
            scene.set_frame(frame_at(big_trace, Selection(focus=1, rule=rule), beat.start + beat.duration * at))
            ci = scene.class_image
            if not (ci.isVisible() and ci.students):
                continue
            scale = (1.0, 0.8333, 0.5333)[checked % 3]
            r = ci.rect()
            w, h = math.ceil(r.width() * scale), math.ceil(r.height() * scale)
            picture = ci._draw_shells(w, h, scale)  # (the view below lives only as long as the picture)
            got = image_pixels(picture).copy()
            want = painted_shells(ci, w, h, scale)
            assert np.array_equal(got, want), (beat.key, at, scale)
            seen_states |= {s.state for s in ci.students}
            faded += sum(0.001 < s.opacity < 1 for s in ci.students)
            badged += sum(bool(s.badge) for s in ci.students)
            checked += 1
    assert checked >= 10 and {"normal", "masked"} <= seen_states and faded and badged, (checked, seen_states)


def test_a_class_recomposed_only_where_desks_changed_equals_its_desks_painted(qapp, big_trace):
    """From one moment to the next at one scale, the kept shells (one picture per layout) are recomposed only at
    the desks whose state, name, fade or badge width changed (scene.class_shells.Kept), and the picture still
    equals every desk painted part by part, also back at an earlier layout; some moments redo a few desks."""
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    timeline = timeline_for(big_trace.n_tokens, big_trace.config.n_layer)
    beats = [b for b in timeline.beats if b.chapter in ("mask", "scoring", "softmax", "listening")][:14]
    partial = checked = 0
    for k, beat in enumerate(beats):
        for at in (0.2, 0.6, 0.99):
            scene.set_frame(frame_at(big_trace, Selection(focus=1 + k % 3, rule=("none", "causal")[k // 7]),
                                     beat.start + beat.duration * at))
            ci = scene.class_image
            if not (ci.isVisible() and ci.students):
                continue
            r = ci.rect()
            w, h = math.ceil(r.width() * 0.8333), math.ceil(r.height() * 0.8333)
            before = list(ci._kept_shells.signs)
            picture = ci._draw_shells(w, h, 0.8333)
            signs = ci._kept_shells.signs
            partial += 0 < sum(a != b for a, b in zip(before, signs)) < len(signs) and len(before) == len(signs)
            assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333)), (beat.key, at)
            checked += 1
    # back to earlier chapters' desks (another layout: their own kept picture) at other moments
    for k, beat in enumerate(beats[:6]):
        scene.set_frame(frame_at(big_trace, Selection(focus=2 + k, rule="causal"), beat.start + beat.duration * 0.45))
        ci = scene.class_image
        if ci.isVisible() and ci.students:
            r = ci.rect()
            w, h = math.ceil(r.width() * 0.8333), math.ceil(r.height() * 0.8333)
            picture = ci._draw_shells(w, h, 0.8333)
            assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333)), beat.key
    # desks that leave (faded out) are cleared, and come back
    from dataclasses import replace
    shown = list(ci.students)
    for gone in ({3, 40, 41}, set(), {0}):
        ci.set_class([replace(s, opacity=0.0) if k in gone else s for k, s in enumerate(shown)], ci.strips, ci.box,
                     ci.theme, ci.badge_role, ci.scales)
        picture = ci._draw_shells(w, h, 0.8333)
        assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333)), gone
    assert checked >= 20 and partial >= 3, (checked, partial)


def test_going_back_and_forth_between_badges_and_none_finds_each_kept_version(qapp, big_trace, monkeypatch):
    """A badge narrows every name beside it, so a chapter with badges changes every desk's shell. Kept keeps
    a few versions at one layout and scale, so going back to a class without badges (or with them) recomposes
    only the desks that differ from the nearest version (here none), and fading is done on a copy (a class
    fading out is not composed again); every picture equals the desks painted part by part."""
    from classroom_gui.scene import class_shells
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.classroom import ClassroomScene

    composed = []
    compose = class_shells.compose
    monkeypatch.setattr(class_shells, "compose", lambda bodies, body_of, layers: composed.append(len(body_of))
                        or compose(bodies, body_of, layers))
    scene = ClassroomScene()
    beats = timeline_for(big_trace.n_tokens, big_trace.config.n_layer).beats
    sel = Selection(focus=1, rule="none")  # (every classmate heard: a badge at every desk in softmax)

    def shells_at(beat, at=0.99):
        scene.set_frame(frame_at(big_trace, sel, beat.start + beat.duration * at))
        ci = scene.class_image
        r = ci.rect()
        w, h = math.ceil(r.width() * 0.8333), math.ceil(r.height() * 0.8333)
        composed.clear()
        picture = ci._draw_shells(w, h, 0.8333)
        assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333)), (beat.key, at)
        return ci, sum(composed)

    def badged(beat):
        scene.set_frame(frame_at(big_trace, sel, beat.start + beat.duration * 0.99))
        return scene.class_image.isVisible() and sum(bool(s.badge) for s in scene.class_image.students) > 200

    plain = next(b for b in beats if b.chapter == "cards" and not badged(b))
    badges = next(b for b in beats if b.chapter == "softmax" and badged(b))
    assert shells_at(plain)[1] >= 200 and shells_at(badges)[1] >= 200  # each version made once (the asker stands out)
    assert shells_at(plain)[1] == 0 and shells_at(badges)[1] == 0
    mask = next(b for b in beats if b.chapter == "mask")
    shells_at(mask, 0.3)
    for at in (0.4, 0.5, 0.7):  # the same desks fading: faded on a copy, nothing composed
        ci, n = shells_at(mask, at)
        assert n == 0 and any(0.001 < s.opacity < 1 for s in ci.students), at


def test_a_new_asker_recomposes_two_desks_not_the_class(qapp, big_trace, monkeypatch):
    """The asker's desk is drawn by its own item (missing from the picture's list), so a new asker shifts every
    desk after it in the list; Kept matches desks by seat, so only the old and the new asker's tiles are
    recomposed, and the picture equals the desks painted part by part."""
    from classroom_gui.scene import class_shells
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.classroom import ClassroomScene

    composed = []
    compose = class_shells.compose
    monkeypatch.setattr(class_shells, "compose", lambda bodies, body_of, layers: composed.append(len(body_of))
                        or compose(bodies, body_of, layers))
    scene = ClassroomScene()
    beat = next(b for b in timeline_for(big_trace.n_tokens, big_trace.config.n_layer).beats if b.chapter == "cards")
    for n, focus in enumerate((3, 40, 41, 3)):
        scene.set_frame(frame_at(big_trace, Selection(focus=focus, rule="none"), beat.start + beat.duration * 0.99))
        ci = scene.class_image
        r = ci.rect()
        w, h = math.ceil(r.width() * 0.8333), math.ceil(r.height() * 0.8333)
        composed.clear()
        picture = ci._draw_shells(w, h, 0.8333)
        assert focus not in {s.index for s in ci.students} and len(ci.students) > 200
        assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333)), focus
        assert sum(composed) == len(ci.students) if n == 0 else 0 < sum(composed) <= 2, (focus, composed)


def test_kept_shells_survive_a_failed_picture_and_are_bounded(qapp, big_trace, monkeypatch):
    """Composing that fails half way (a MemoryError on a huge picture) leaves no blank desks in later pictures
    (the kept picture is let go); a picture bigger than KEPT_PIXELS (a 4K export) is not kept; a class that
    becomes small lets go of its big pictures."""
    from classroom_gui.scene import class_shells
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    beat = next(b for b in timeline_for(big_trace.n_tokens, big_trace.config.n_layer).beats if b.chapter == "mask")
    scene.set_frame(frame_at(big_trace, Selection(focus=1, rule="causal"), beat.start + beat.duration * 0.2))
    ci = scene.class_image
    r = ci.rect()
    w, h = math.ceil(r.width() * 0.8333), math.ceil(r.height() * 0.8333)
    ci._draw_shells(w, h, 0.8333)
    from dataclasses import replace
    shown = list(ci.students)
    flip = {"masked": "normal", "normal": "masked"}  # (a fade alone is not composed again: only faded on a copy)
    ci.set_class([replace(x, opacity=0.5, state=flip.get(x.state, x.state)) if k in (3, 4, 5) else x
                  for k, x in enumerate(shown)], ci.strips, ci.box, ci.theme, ci.badge_role, ci.scales)
    compose = class_shells.compose

    def fails_once(*args):
        monkeypatch.setattr(class_shells, "compose", compose)
        raise MemoryError("once")

    monkeypatch.setattr(class_shells, "compose", fails_once)
    with pytest.raises(MemoryError):
        ci._draw_shells(w, h, 0.8333)
    picture = ci._draw_shells(w, h, 0.8333)
    assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333))
    assert ci._kept_shells.kept
    monkeypatch.setattr(class_shells, "KEPT_PIXELS", w * h - 1)
    before = dict(ci._kept_shells.kept)
    picture = ci._draw_shells(w, h, 0.8333)
    assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, 0.8333))
    assert len(ci._kept_shells.kept) == len(before) - 1  # the picture at these places was let go, not kept
    ci.set_class([], [], None, ci.theme, ci.badge_role, ci.scales)
    assert not ci._kept_shells.kept


def test_a_crowds_desks_are_the_same_pictures_as_before(qapp):
    """CrowdItem's blocks (1,024 desks by one slice copy each) against the per-desk copy they replace."""
    from classroom_gui.lesson.frame import Student
    from classroom_gui.scene import palette
    from classroom_gui.scene.crowd import CrowdItem
    from classroom_gui.scene.layout import desk_layout

    rng = random.Random(3)
    box = desk_layout(19.0, 15.0, ())
    students = [Student(i, "w", False, 40 + (i % 64) * 22.7, 80 + (i // 64) * 19.3, 19.0, 15.0,
                        state=rng.choice(["normal", "masked", "active"]), opacity=rng.choice([1.0, 0.5, 0.0, 0.2501]))
                for i in range(1024)]
    crowd = CrowdItem()
    crowd.set_students(students, box, palette.CLASSROOM, hidden={5, 6})
    scale, rect = 0.8333, crowd.rect()
    built = crowd._build_blocks(rect, scale)  # kept: it holds the NumPy bytes the image points at
    image = built.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)  # (same format: a shallow copy)
    w, h = image.width(), image.height()  # (a view of its bytes lives only as long as the image: copied)
    got = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())[:, : w * 4].reshape(h, w, 4).copy()
    # the same desks, each painted on its own as the crowd did before: a template per state and opacity
    want = np.zeros((h, w, 4), np.uint8)
    ox, oy = crowd._origin
    th = palette.CLASSROOM
    dw, dh = max(1, round(box.w * scale)), max(1, round(box.h * scale))
    drop, bw, band_h = max(1, round(3 * scale)), max(1, round(1.4 * scale * 0.7)), max(1, round(box.header_h * scale))
    rgba = lambda c: np.array([*palette.hex_rgb(th.color(c)), 255], np.float32)  # noqa: E731
    for s, (_, a) in zip(students, crowd._numbers_want[1]):
        a = round(max(0.0, min(1.0, a)), 3)
        if a <= 0.001:
            continue
        body, band = (rgba("masked_desk"), rgba("masked")) if s.state == "masked" else (rgba("desk"), rgba("header"))
        t = np.zeros((dh + drop, dw, 4), np.float32)
        t[drop:, 1:dw - 1] = rgba("desk_shadow")
        t[:dh] = rgba("desk_border")
        t[bw:dh - bw, bw:dw - bw] = body
        t[bw:min(dh - bw, band_h), bw:dw - bw] = band
        t[:dh, :, 3] = 255
        t[..., :3] *= t[..., 3:4] / 255.0
        t = np.rint(t * a).astype(np.uint8)
        x0, y0 = round((s.x - ox) * scale), round((s.y - oy) * scale)
        th_, tw_ = min(t.shape[0], h - y0), min(t.shape[1], w - x0)
        want[y0:y0 + th_, x0:x0 + tw_] = t[:th_, :tw_]
    assert np.array_equal(got, want)


def test_a_big_fans_links_are_ranked_as_sorted_would_rank_them():
    from classroom_gui.lesson.frame import Link
    from classroom_gui.scene.links import LinkLayer, _number

    rng = random.Random(1)
    for n in (64, 100, 1023):
        for _ in range(20):
            links = [Link(0, i, rng.choice([0.0, 0.5, 0.25, rng.random()]),
                          value=rng.choice([None, float("nan"), 1.0, -2.0, rng.random()])) for i in range(n)]
            want = sorted(range(n), key=lambda i: (links[i].weight, _number(links[i])), reverse=True)
            assert LinkLayer.strongest(links) == want


def test_a_badge_kept_for_one_role_is_not_shown_under_another(qapp):
    """A badge pill's border is its role's colour: one class picture whose badges keep their text ("0.50") while
    the chapter's role changes (scores, then shares) shows each role's pill, as a fresh picture does."""
    from classroom_gui.lesson.frame import Student
    from classroom_gui.scene import palette
    from classroom_gui.scene.class_image import ClassImage
    from classroom_gui.scene.class_shells import image_pixels
    from classroom_gui.scene.layout import desk_layout

    W, H = 150.0, 60.0
    box = desk_layout(W, H, ())
    students = [Student(i, f"w{i}", False, 20 + (i % 8) * (W + 20), 20 + (i // 8) * (H + 20), W, H, badge="0.50")
                for i in range(40)]
    kept = ClassImage()
    for role in ("weight", "key", "query"):
        kept.set_class(students, [[] for _ in students], box, palette.CLASSROOM, role, {})
        r = kept.rect()
        w, h = math.ceil(r.width()), math.ceil(r.height())
        picture = kept._draw_shells(w, h, 1.0)
        assert np.array_equal(image_pixels(picture), painted_shells(kept, w, h, 1.0)), role

