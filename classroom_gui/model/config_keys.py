"""Every key a GPT-2 config.json may hold, sorted into the ones this app computes, the ones that change
nothing GPT2LMHeadModel computes at inference, and the ones it refuses by name.

A key that is in none of these tables is refused too: the app cannot know what it means, so it does not
pretend to compute the folder faithfully. README.md lists the same tables for users.
"""
from __future__ import annotations

import json

from ..messages.fit import shortened
from ..messages.phrase import Phrase, PhraseError
from ..messages.strings import quote, text
from .families import gpt2

# read by config.GPTConfig.from_dict and computed by the forward: the family's own list
HONOURED = gpt2.CONFIG_KEYS

# keys GPT2LMHeadModel reads only when training or generating, for other heads, or as bookkeeping: the
# next-word probabilities of a sentence are the same whatever they hold
NO_EFFECT = {
    "dropout (off at inference)": ("resid_pdrop", "embd_pdrop", "attn_pdrop", "summary_first_dropout"),
    "training only": ("initializer_range", "gradient_checkpointing", "use_cache", "output_past"),
    "other heads than the language model's": (
        "summary_type", "summary_use_proj", "summary_activation", "summary_proj_to_labels", "id2label",
        "label2id", "num_labels", "_num_labels", "problem_type", "finetuning_task"),
    "token ids and settings for generating text": (
        "bos_token_id", "eos_token_id", "pad_token_id", "sep_token_id", "decoder_start_token_id",
        "task_specific_params", "max_length", "min_length", "do_sample", "early_stopping", "num_beams",
        "num_beam_groups", "diversity_penalty", "temperature", "top_k", "top_p", "typical_p",
        "repetition_penalty", "length_penalty", "no_repeat_ngram_size", "encoder_no_repeat_ngram_size",
        "bad_words_ids", "num_return_sequences", "output_scores", "return_dict_in_generate",
        "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values",
        "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens", "prefix"),
    "what the forward returns, not its numbers": (
        "output_hidden_states", "output_attentions", "return_dict", "use_return_dict", "torchscript"),
    "bookkeeping": ("architectures", "transformers_version", "tokenizer_class", "n_ctx", "n_special",
                    "predict_special_tokens", "is_decoder", "chunk_size_feed_forward", "tf_legacy_loss",
                    "use_bfloat16", "attn_implementation"),
    # float16 weights become float32 exactly and the app computes in float32: what
    # from_pretrained(folder, dtype=torch.float32) computes (transformers 5 alone would compute in float16)
    "the saved weights' precision": ("dtype", "torch_dtype"),
}

# keys whose only value the app computes faithfully is GPT-2's default; any other value is refused, saying why
ONLY_DEFAULT = {
    "add_cross_attention": (False, Phrase("model.why.cross_attention_model")),
    "is_encoder_decoder": (False, Phrase("model.why.encoder_decoder")),
    "tie_encoder_decoder": (False, Phrase("model.why.encoder_decoder")),
    "cross_attention_hidden_size": (None, Phrase("model.why.cross_attention")),
    "pruned_heads": ({}, Phrase("model.why.pruned_heads")),
    "quantization_config": (None, Phrase("model.why.quantized")),
}

_KNOWN = set(HONOURED) | {k for keys in NO_EFFECT.values() for k in keys}


class ConfigError(PhraseError, ValueError):
    """A config.json that cannot describe a model we can run: a key of messages/strings ("model.config.…") and the
    values it names, the file first; str() in English, `phrase.said(lang)` in any language."""


class Shown:
    """A config.json value in a message, as JSON writes it (true, null: not Python's True, None), cut to 40 columns
    (a config may hold a 4,000-digit number): a string in English in its repr ('yes'), a list or object by its
    kind; in another language quoted as that language quotes a setting's value (「yes」), a number bare."""

    def __init__(self, value):
        self.value = value

    def said(self, lang: str) -> str:
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
            return text(lang, "model.config.digits", n=len(str(abs(value))))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return shortened(repr(value), 40)
        if value is None or isinstance(value, bool):
            shown = json.dumps(value)
        elif isinstance(value, (list, dict)):
            shown = type(value).__name__ if lang == "en" else "[…]" if isinstance(value, list) else "{…}"
        else:
            shown = repr(value) if lang == "en" else str(value)
        return shortened(shown, 40) if lang == "en" else quote(lang, shortened(shown, 40))

    def __str__(self) -> str:
        return self.said("en")


class Code:
    """Names from a file or the program (settings, functions: "gpt2", "relu"): bare in English, quoted in another
    language (「gelu」), listed with the language's gap."""

    def __init__(self, *names: str):
        self.names = names

    def said(self, lang: str) -> str:
        return text(lang, "list.gap").join(n if lang == "en" else quote(lang, n) for n in self.names)

    def __str__(self) -> str:
        return self.said("en")


def check_keys(raw: dict, source: str) -> None:
    """ConfigError naming the first key that the app cannot compute faithfully."""
    for key, value in raw.items():
        if key in _KNOWN or key.startswith("_"):  # "_name_or_path", "_commit_hash": transformers' own notes
            continue
        if key in ONLY_DEFAULT:
            default, why = ONLY_DEFAULT[key]
            if value == default or (default == {} and value is None):
                continue
            raise ConfigError("model.config.only_default", path=source, setting=key, got=Shown(value), why=why)
        raise ConfigError("model.config.unknown_key", path=source, setting=key)
