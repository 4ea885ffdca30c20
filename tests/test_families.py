"""The seam for model families (model/families/): config.json's model_type picks one module, which names the
weights a checkpoint must hold (its forward, model/gpt.py, reads them); an unlisted family is refused by name."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.model import GPTConfig, forward
from classroom_gui.model.config_keys import ConfigError
from classroom_gui.model.families import FAMILIES, family, gpt2


def test_the_teaching_model_holds_exactly_its_familys_weights(checkpoint):
    fam = family(checkpoint.config.to_json_dict()["model_type"])
    assert fam is gpt2 and FAMILIES == {"gpt2": gpt2}
    assert {k: v.shape for k, v in checkpoint.params.items()} == fam.weight_shapes(checkpoint.config)
    ids = [t.id for t in checkpoint.tokenizer.encode("The cat sat on the mat")]
    assert np.isfinite(forward(ids, checkpoint.params, checkpoint.config).next_logits).all()


@pytest.mark.parametrize("model_type", ["llama", "bert", 7, None])
def test_an_unlisted_family_is_refused_by_name(model_type):
    raw = dict(model_type=model_type, n_layer=1, n_head=1, n_embd=4, n_positions=4, vocab_size=5)
    with pytest.raises(ConfigError, match=r"is not a GPT-2-family model \(the classroom computes gpt2\)"):
        GPTConfig.from_dict(raw)
    assert family(model_type) is None


def test_every_key_the_family_reads_is_a_config_field_or_its_name():
    fields = set(GPTConfig.__dataclass_fields__)
    assert set(gpt2.CONFIG_KEYS) - fields == {"model_type"}
