"""Write assets/model/examples.json: the gallery's claims (written here by hand) with the layer and head of
the shipped model where each holds, found by trying every head.

    python scripts/choose_gallery_heads.py [--model DIR]

A claim is the classmates that get the largest shares at the focus, and (optionally, a 10th item) the class's
next word there, in turn: a text that names a guess must declare it, and says "finds" only on a clear lead
(model.gallery.claim_problems, the rule the tests check on the shipped model). Claims in one group (the tired/wide
pair, the two banks, ...) must hold in one and the same head. For each group the head with the widest
margin is chosen (the seed's story stays in layer 1, as the issue asks); a group that holds in no head is
left out of the file and printed with its best shares, never forced.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from classroom_gui.model import load_checkpoint  # noqa: E402
from classroom_gui.model.gallery import EXAMPLES, claim_problems, measure  # noqa: E402
from classroom_gui.resources import teaching_model_dir  # noqa: E402

MIN_MARGIN = 0.02  # a claim that holds by less could flip with another BLAS's rounding
# (group, layers allowed or None, text, lang, mask, focus, expect_top, what en, what ja[, expect_next])
# A text shown once its example is open stands alone (teacher34 #6): none says "the same head" as another entry
# (each entry's layer and head are on its line of the gallery, where a class sees that they are the same)
CLAIMS = [
    ("seed", (1,), "The cat sat on the mat", "en", "none", "cat", ["sat", "mat"],
     "In discussion, “cat” listens most to “sat” and “mat”: what the animal did and where it did it tell which animal it is.",
     "話し合いでは、「cat」は「sat」と「mat」の意見をいちばんよく聞きます。何をしたか（「sat」）と、どこで（「mat」）を聞いて、自分がどんな動物なのかをはっきりさせます。"),
    ("seed-like", (1,), "The dog ran to the park", "en", "none", "dog", ["ran", "park"],
     "Like the cat, “dog” listens to what it did and where, “ran” and “park”.",
     "「cat」と同じように、「dog」も何をしたかとどこかを聞きます。「ran」と「park」です。"),
    ("seed-bird", (1,), "The bird stood on the roof", "en", "none", "bird", ["stood", "roof"],
     "Like the cat, “bird” listens to “stood” and “roof”.",
     "「cat」と同じように、「bird」は「stood」と「roof」を聞きます。"),
    ("ja-seed", None, "猫がマットの上に座った", "ja", "none", "座った", "猫",
     "Japanese puts the verb last: “座った” (sat) looks back for who sat and listens most to “猫” (cat).",
     "日本語では動詞が最後に来ます。「座った」は、だれが座ったのかを探して「猫」の意見をいちばんよく聞きます。"),
    ("ja-cat", None, "猫がマットの上に座った", "ja", "none", "猫", "座った",
     "In discussion the cat can hear the end of the sentence: “猫” listens to what it did, “座った”.",
     "話し合いでは文の最後まで聞こえるので、「猫」は自分が何をしたか、「座った」をよく聞きます。"),
    ("ja-move", None, "犬が公園へ走った", "ja", "none", "走った", "犬",
     "“走った” (ran) finds who ran: “犬” (dog).",
     "「走った」は、だれが走ったのかを探して「犬」を見つけます。"),
    ("ja-object", None, "先生が教室で本を読んだ", "ja", "none", "読んだ", "本",
     "“読んだ” (read) finds what was read: “本” (book).",
     "「読んだ」は、何を読んだのかを探して「本」を見つけます。"),
    ("ja-object", None, "学生が図書館で手紙を書いた", "ja", "none", "書いた", "手紙",
     "“書いた” (wrote) finds what was written: “手紙” (letter).",
     "「書いた」は、何を書いたのかを探して「手紙」を見つけます。"),
    ("ja-object", None, "猫が台所で魚を食べた", "ja", "none", "食べた", "魚",
     "“食べた” (ate) finds what was eaten: “魚” (fish).",
     "「食べた」は、何を食べたのかを探して「魚」を見つけます。"),
    ("ja-where", None, "鳥が草の上に立った", "ja", "none", "立った", "草",
     "“立った” (stood) looks for where, and listens most to “草” (grass).",
     "「立った」は、どこに立ったのかを探して「草」の意見をいちばんよく聞きます。"),
    ("ja-where", None, "ネズミが箱の上に隠れた", "ja", "none", "隠れた", "箱",
     "“隠れた” (hid) looks for where, and listens most to “箱” (box).",
     "「隠れた」は、どこに隠れたのかを探して「箱」の意見をいちばんよく聞きます。"),
    ("read", None, "The teacher read a book in the library", "en", "none", "read", "book",
     "“read” finds what was read: “book”.",
     "「read」は、何を読んだのかを探して「book」を見つけます。"),
    ("agree", None, "The keys to the cabinet are", "en", "none", "are", "keys",
     "“Are” is the form for a plural subject, so it looks past the nearer “cabinet” to its subject “keys”.",
     "「are」は主語が複数のときの形なので、近くの「cabinet」ではなく主語の「keys」を見ます。"),
    ("agree", None, "The key to the cabinets is", "en", "none", "is", "key",
     "“Is” is the form for a singular subject, so it finds its subject “key”, not the nearer “cabinets”.",
     "「is」は主語が単数のときの形なので、近くの「cabinets」ではなく主語の「key」を見つけます。"),
    ("agree", None, "The books on the table are", "en", "none", "are", "books",
     "“Are” is the form for a plural subject: it finds its subject “books”, not the nearer “table”.",
     "「are」は主語が複数のときの形なので、近くの「table」ではなく主語の「books」を見つけます。"),
    ("agree-in-turn", None, "The keys to the cabinet are", "en", "causal", "cabinet", "keys",
     "In turn, “cabinet”, before the verb, looks back to the subject “keys”; yet the class still guesses “is”, "
     "the form for a singular subject: one head alone does not decide the answer.",
     "順番に発言するルールでは、動詞の前の「cabinet」が主語の「keys」を振り返ります。それでも、クラスが次に予想するのは"
     "単数の主語に使う「is」です。ひとつのヘッドだけで答えが決まるわけではありません。", "is"),
    ("agree-in-turn", None, "The key to the cabinets is", "en", "causal", "cabinets", "key",
     "In turn, “cabinets” looks back to the subject “key”, and the class guesses “was”, singular like “key”.",
     "順番に発言するルールでは、「cabinets」が主語の「key」を振り返ります。クラスが次に予想するのは、単数の「key」に合う「was」です。",
     "was"),
    ("in-turn", None, "The cat sat on the mat", "en", "causal", "sat", "cat",
     "In turn, “sat” can hear only the words before it, and asks who sat: “cat”.",
     "順番に発言するルールでは、「sat」には前の生徒しか聞こえません。だれが座ったのかを聞いて「cat」を見つけます。"),
    ("bank-river", None, "The girl sat on the bank of the river", "en", "none", "bank", "river",
     "“Bank” checks its neighbours: next to “river” it is the side of a river.",
     "「bank」はまわりの言葉を確かめます。「river」があるので、ここでは川の岸のことです。"),
    ("bank-money", None, "The man put the money in the bank", "en", "none", "bank", "money",
     "Next to “money”, another head of “bank” finds “money”: here it is a bank for money.",
     "「money」があると、「bank」の別のヘッドが「money」を見つけます。ここではお金を預ける銀行です。"),
    ("it", None, "The animal didn't cross the street because it was too tired", "en", "none", "it", "animal",
     "“Tired” describes a living thing, so at “it” this head looks at “animal”.",
     "「tired」（疲れていた）と言えるのは生き物なので、このヘッドで「it」は「animal」をいちばんよく見ます。"),
    ("it", None, "The animal didn't cross the street because it was too wide", "en", "none", "it", "street",
     "Just changing “tired” to “wide” makes “it” look at “street” in this head: it is the road that can be too wide.",
     "「tired」を「wide」（広すぎた）に変えるだけで、このヘッドの「it」は「street」を見るようになります。"
     "広すぎると言えるのは道のほうだからです。"),
    ("copy", None, "Tom has a dog and Anna has a hat. Tom keeps the", "en", "causal", "the", "dog",
     "In turn, the last word looks back for what Tom has and finds “dog”, not Anna's “hat”.",
     "順番に発言するルールで、最後の「the」はトムの持ち物を前の文から探し、アンナの「hat」ではなく「dog」を見つけます。"),
]


def choose(checkpoint) -> tuple[list[dict], list[str]]:
    config = checkpoint.config
    chosen, missing = [], []
    for group in dict.fromkeys(c[0] for c in CLAIMS):
        members = [c for c in CLAIMS if c[0] == group]
        layers = members[0][1] or range(1, config.n_layer + 1)
        best = None
        for layer in layers:
            for head in range(1, config.n_head + 1):
                examples = [dict(text=t, lang=lang, mask=m, focus=f, layer=layer, head=head, expect_top=top,
                                 what={"en": en, "ja": ja}, **({"expect_next": nxt[0]} if nxt else {}))
                            for _, _, t, lang, m, f, top, en, ja, *nxt in members]
                results = [measure(checkpoint, ex) for ex in examples]
                holds = all(r["holds"] and r["margin"] >= MIN_MARGIN and not r["unknown"] and not claim_problems(ex, r)
                            for ex, r in zip(examples, results))
                key = (holds, min(r["margin"] for r in results))
                if best is None or key > best[0]:
                    best = (key, examples, results)
        (holds, margin), examples, results = best
        line = f"{group}: L{examples[0]['layer']}H{examples[0]['head']} margin {margin:.3f} " + " | ".join(
            ", ".join(f"{w} {p:.2f}" for w, p in r["shares"][:3]) for r in results)
        if holds:
            chosen += examples
            print("holds  " + line)
        else:
            missing.append(line)
            print("FAILS  " + line)
    return chosen, missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=teaching_model_dir())
    args = parser.parse_args(argv)
    chosen, _ = choose(load_checkpoint(args.model))
    (args.model / EXAMPLES).write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chosen)} examples -> {args.model / EXAMPLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
