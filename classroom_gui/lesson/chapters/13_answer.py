"""Chapter: answer time, always under GPT's rule (in turn): the last student's notebook after the final
LayerNorm, compared with every word (logits), and softmax over the vocabulary; at every seat the word the
class guesses comes after it. The attention map is the last layer's, with the answering student's row."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .. import rules
from ..answers import BYTE_PIECE, answer_ids, is_piece, left_out, seat_guesses, word_names
from ..beat import Step
from ..cache import kept
from ..frame import Bars, Frame, colour_scale, row_scale
from ..numbers import fmt, fmt_many, temperature_probs
from ..panels import heatmap, layer_view
from ..worked import LOGIT, SIGNED_PER_LINE, evened_notebook, evened_written, layernorm_lines, sum_lines, worked_sum
from ..worked import listed as first_listed  # (this chapter has a listed() of its own: the chart's words)
from ...model.unembedding import unembedding

RULE = rules.ANSWER_RULE  # answer time predicts in turn, as GPT does, whatever rule the lesson is told in
TOP_WORDS = 10


def _vocabulary(trace):  # the words as drawn, by id (answers.named: a piece of a character is ◇)
    return word_names(trace) if trace.vocab else [str(i) for i in range(trace.config.vocab_size)]


def _answer_time(ctx, fr: Frame, guesses: bool = True) -> list[str]:
    """What every answer step shows: last layer's notebooks, the last student asking, every seat's guess (from the
    logits on: they are what says it; teacher34 #13: the norm step showed the answer 「。」 before any number said it),
    the whole attention map and every layer on the layer view. Returns the vocabulary."""
    tr = ctx.trace
    last, vocab = tr.n_tokens - 1, _vocabulary(tr)
    ctx.seat_all(fr, [("notebook", tr.layers[-1].output, ctx.t("card.notebook"), 1.0)])
    for s in fr.students:
        s.state = "focus" if s.index == last else "normal"
    guesses = seat_guesses(tr) if guesses else []
    for s, (word, _p) in zip(fr.students, guesses):
        # quoted: a particle (→ 「の」) is a word too; a piece of a character is its mark, unquoted (→ ◇)
        s.badge = ctx.t("badge.guess", word=vocab[word] if is_piece(vocab[word]) else ctx.word(vocab[word]))
    if guesses and (any(is_piece(vocab[w]) for w, _p in guesses) or is_piece(vocab[answer_ids(tr, 1)[0]])):
        _say_piece(ctx, fr)
    # the last layer's map, the answering student's row outlined: the selected layer's (1 by default) with the
    # lesson's asker outlined read as "the answer comes from layer 1, where 「猫」 listens" (teacher5 L12)
    fr.heatmap = heatmap(ctx, rows=list(range(tr.n_tokens)), layer=tr.config.n_layer - 1, focus=last)
    fr.layer_view = layer_view(ctx, upto=tr.config.n_layer)
    return vocab


def _say_piece(ctx, fr: Frame) -> None:
    """The caption's note says what ◇ is (a piece of a character), once, where a desk, the chart or the board shows
    one (teacher28 M4)."""
    note = ctx.t("notice.byte_piece", mark=BYTE_PIECE)
    if note not in fr.notices:
        fr.notices = fr.notices + [note]  # (a new list: the run's notices are shared by every frame)


def final_notebook(ctx, values, visible: float = 1.0):
    """The last notebook after the final LayerNorm, the one the answer is read from, coloured on a scale of its own
    (scene.class_rows.colour_scales: its largest number, the deepest colour) and labelled with that scale, rounded
    ("±5"; lesson.frame.colour_scale, one source for both: a row holding inf was coloured on ±1 and labelled with its
    finite numbers' largest): on the class notebooks' scale (±33 beside its ±5 at some sentences) it read white
    where the answer is read from it (review17), and the label says its colours are not the notebooks'."""
    strip = ctx.strip("final_notebook", values, visible, "card.final_notebook")
    strip.label = ctx.t("card.final_notebook_scale", label=strip.label, scale=scale_said(values))
    return strip


def scale_said(values) -> str:
    """The final notebook's colour scale as its label and the norm step's narration say it: whole, to fit the label's
    two lines at 5 desks a row (「（最後のノート）±6」)."""
    m = colour_scale(row_scale(np.abs(np.asarray(values, np.float64)).max(initial=0.0)))
    return f"{m:.0f}" if m >= 1 else f"{m:.1g}"


def norm(ctx, fr: Frame):  # the final LayerNorm (ln_f) gets its own step before the logits use it
    tr = ctx.trace
    last = tr.n_tokens - 1
    _answer_time(ctx, fr, guesses=False)
    carded = bool(ctx.desks(fr))
    if carded:
        fr.students[last].cards = [final_notebook(ctx, tr.ln_f[last], ctx.alpha)]
    # the notebook answer time re-ran in turn (teacher23 L1: the layers' last step, in discussion, had the same label
    # with other numbers); a lesson told in turn has the same notebook there, and the same label
    again = ctx.sel.rule != RULE
    fr.board = [ctx.t("board.layer_rerun" if again else "board.layer", layer=tr.config.n_layer, name=ctx.q(last))]
    shown, worked, learned = kept(tr, "answer_evened", lambda: evened_notebook(  # (kept: every frame of the step)
        tr.layers[-1].output[last], tr.config.layer_norm_epsilon, tr.params["ln_f.weight"][0],
        tr.params["ln_f.bias"][0], float(tr.ln_f[last, 0]), first=0))  # (no evened number listed)
    fr.write_vector(*first_listed(shown))
    fr.board.append(ctx.t("board.final_norm", name=ctx.q(last)))
    normed = tr.ln_f[last]  # (only the numbers the board writes: 6 of GPT-2's 768)
    fr.write_vector(*first_listed(fmt_many(normed[:evened_written(len(normed))]), len(normed)))
    if worked is not None:  # redone from the digits above, as the layers' LayerNorm (teacher23 M1): its mean, spread
        # and number 1 evened, scaled and shifted (the mean and spread also when the scale or shift is not finite)
        fr.write_worked(layernorm_lines(ctx.t, ctx.q(last), tr.config.layer_norm_epsilon, shown, worked, learned,
                                        ctx.t("worked.above_final", shown=fmt(tr.ln_f[last, 0]))))
        fr.heatmap = replace(fr.heatmap, rows=[])  # the board's height goes to the worked lines, as W_O's
    rerun = ctx.t("answer.rerun") if again else ""
    # what the card's 「±6」 is (teacher15 L2, jareview2): no wording of the label itself fits at 11 students 16:9;
    # in compact seating (581 students and more) no card is drawn, so no scale is said (review21 #5)
    if carded:
        fr.narration = ctx.t(ctx.beat.key, last=ctx.q(last), scale=scale_said(tr.ln_f[last]), rerun=rerun)
    else:
        fr.narration = ctx.t("answer.norm_compact", last=ctx.q(last), rerun=rerun)


def _compared(ctx, fr: Frame):
    """The last notebook after the final LayerNorm, the one compared with every word; the words' probabilities
    at the chosen temperature and the most probable first (below the answer, words of the sentence's language)."""
    tr = ctx.trace
    last = tr.n_tokens - 1
    vocab = _answer_time(ctx, fr)
    probs = temperature_probs(tr.next_logits, ctx.sel.temperature)
    top = answer_ids(tr, TOP_WORDS)
    fr.answer_id = int(top[0])
    if ctx.desks(fr):
        fr.students[last].notebook = final_notebook(ctx, tr.ln_f[last])
    return vocab, probs, top


def logits(ctx, fr: Frame):
    vocab, _probs, top = _compared(ctx, fr)
    values = ctx.trace.next_logits
    # the worked word's bar highlighted, as the softmax chart's: a highlighted bar carries its value where the others'
    # have no room (teacher15 M3: 「（グラフでは16.41）」 pointed at a number the 4:3 chart did not show)
    fr.bars = Bars(ctx.t("bars.logits"), [vocab[i] for i in top], [float(values[i]) for i in top], "query",
                   highlight=0)
    listed = [ctx.t("board.logit", word=ctx.word(vocab[i]), logit=fmt(values[i])) for i in top]
    # the top word's logit worked out (the chart beside it shows every top word's), at 16:9 and 4:3 (teacher12 H1:
    # 3 signed products a line were wider than a 4:3 board); where it does not fit beside the chart (a what-if's
    # long numbers), the list of the top words' logits
    fr.board = logit_lines(ctx, int(top[0]), vocab) or listed
    fr.board_short = listed if fr.board is not listed else []
    # the vocabulary's size spelled as the board and the bars spell it: 4,695, never 4695
    fr.narration = ctx.t(ctx.beat.key, last=ctx.q(ctx.trace.n_tokens - 1), v=f"{len(values):,}")


def logit_lines(ctx, word: int, vocab) -> list[str]:
    """How the chart's first score is made: x · w, x = LayerNorm(final notebook) and w = the word's row of the output
    matrix (wte, or lm_head where the model unties it; GPT-2 adds no bias b, and the heading says so), each product
    as its two factors (worked.COMPACT), as the other worked sums are, and their sum at worked.TOTAL_PLACES decimals
    (worked.rounded_total). [] where a number is not plain."""
    tr = ctx.trace
    last = tr.n_tokens - 1
    row = unembedding(tr.params)[word]
    worked = worked_sum(tr.ln_f[last], row, [], float(tr.next_logits[word]), compact=True, digits=LOGIT)
    if worked is None:
        return []
    t, name = ctx.t, ctx.word(vocab[word])
    row_key = "worked.head_row" if "lm_head.weight" in tr.params else "worked.word_row"  # tied: its token vector
    return sum_lines(t, worked, t("worked.logit", word=name), t("worked.final_input", name=ctx.q(last)),
                     t(row_key, word=name), "", "worked.on_chart", "worked.logit_total_long",
                     per_line=SIGNED_PER_LINE, lead=t("worked.logit_lead"))  # the notebook's and the row's numbers are both signed


def _significant(value: float, digits: int = 4) -> str:
    """A positive number with `digits` significant digits and thousands separators: 31.25, 1,234, 1.000."""
    decimals = max(0, digits - 1 - int(math.floor(math.log10(value))))
    return f"{value:,.{decimals}f}"


def _redoing_total(total: float, logit: str, high: str, T: float, p: str) -> str:
    """The sum as the board shows it: 4 significant digits, or more where 4 would not redo the answer's probability
    from the board's own numbers (exp(0) ÷ 1.392 = 0.718 where the class's 0.7186 is written 0.719)."""
    for digits in (4, 5, 6):
        shown = _significant(total, digits)
        if fmt(math.exp((float(logit) - float(high)) / max(T, 1e-3)) / float(shown.replace(",", "")), 3) == p:
            return shown
    return _significant(total)


def _temperature(T: float) -> str:  # 2.0, 0.05 (not "0.1": the worked line must redo)
    return fmt(T, 1) if round(T, 1) == T else f"{T:g}"


def worked(ctx, probs, top, vocab) -> list[str]:  # [] when the logits are not all finite
    """The softmax redone on the board for the answer: the largest logit (as shown) taken away first, so that no
    exp() overflows at any temperature (only differences matter, as in chapter 7), the sum over the whole
    vocabulary, and the answer's probability = its exp ÷ that sum (the top word's exp is exp(0) = 1)."""
    T, logits = float(ctx.sel.temperature), ctx.trace.next_logits.astype(np.float64)
    temp = _temperature(T)
    if not np.isfinite(logits).all():  # a model that overflows (inf or nan): no line to redo, the list alone
        return []
    high = fmt(logits.max())  # the model's own largest logit is taken away, so its word's term is exactly 1
    total = float(np.exp((logits - logits.max()) / max(T, 1e-3)).sum())
    logit, p = fmt(logits[top[0]]), fmt(probs[top[0]], 3)
    shown = _redoing_total(total, logit, high, T, p)
    # the sum's words and its formula on two lines: on one, the longest line of the board set its type at 16 px
    # (8 px in a 1024-pixel window) where the other boards have 25
    return [ctx.t("board.answer_sum", v=f"{len(logits):,}"),
            ctx.t("board.answer_sum_exp", high=high, temp=temp),
            ctx.t("board.equals", value=shown),
            # the answer's own logit: the largest of the words a student can say; ÷ the sum on a line of its own (on
            # one, 543-605 px at 25 px, it set a 4:3 board's type at 16-19 px: teacher, 11-13 px at 1024 x 768)
            ctx.t("board.answer_share", word=ctx.word(vocab[top[0]]), logit=logit, high=high, temp=temp),
            ctx.t("board.answer_share_total", total=shown, p=p)]


def softmax(ctx, fr: Frame):
    vocab, probs, top = _compared(ctx, fr)
    v = f"{len(probs):,}"  # "sum = 1.000" beside ten bars of 0.27 read as wrong: the sum is the whole vocabulary's
    fr.bars = Bars(ctx.t("bars.probs"), [vocab[i] for i in top], [float(probs[i]) for i in top], "weight",
                   highlight=0, total=ctx.t("bars.sum_words", v=v, total=fmt(probs.sum(), 3)))
    lines = worked(ctx, probs, top, vocab)  # its last lines are the answer's own: the list goes on from the second
    fr.board = lines + listed(ctx, vocab, probs, top[1:] if lines else top)
    # the list's words are the sentence's language and no pieces of a character: the board says what it left out,
    out = left_out(ctx.trace, top)  # unless it would read 0.000 like the list's last
    if out is not None and fmt(probs[out[0]], 3) != fmt(0.0, 3):
        other = out[0]
        # a ◇ already listed above: the ones left out are the rest of them (「残りの◇」), not all of them
        kind = f"rest_{out[1]}" if "bytes" in out[1] and any(BYTE_PIECE in line for line in fr.board) else out[1]
        fr.board += [ctx.t(f"board.left_out_{kind}", mark=BYTE_PIECE),  # (two lines: on one, 654 px at 25 px)
                     ctx.t("board.left_out_likeliest", word=ctx.word(vocab[other]), p=fmt(probs[other], 3))]
        if "bytes" in out[1]:
            _say_piece(ctx, fr)
    fr.narration = ctx.t(ctx.beat.key, temp=_temperature(float(ctx.sel.temperature)), top=ctx.word(vocab[top[0]]), v=v,
                         p=fmt(probs[top[0]], 3))


def listed(ctx, vocab, probs, words) -> list[str]:
    """The chart's other words and their probabilities, a line each, those that read 0.000 (two or more, the list's
    end) on one line with how many they are: the English seed listed nine lines of 0.000, and a 4:3 board of 13 lines
    set its type at 19 px where the other boards have 25 (teacher: 13.5 px at 1024 x 768)."""
    shown = [fmt(probs[i], 3) for i in words]
    zero = fmt(0.0, 3)
    rest = next((k for k in range(len(shown)) if all(p == zero for p in shown[k:])), len(shown))
    if len(shown) - rest < 2:
        rest = len(shown)
    return [ctx.t("board.prob", word=ctx.word(vocab[i]), p=p) for i, p in zip(words[:rest], shown)] + \
        ([ctx.t("board.prob_rest", n=len(shown) - rest, p=zero)] if rest < len(shown) else [])


STEPS = [Step("norm", 2.5, norm), Step("logits", 2.5, logits), Step("softmax", 3.0, softmax)]
