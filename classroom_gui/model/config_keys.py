"""Every key a GPT-2 config.json may hold, sorted into the ones this app computes, the ones that change
nothing GPT2LMHeadModel computes at inference, and the ones it refuses by name.

A key that is in none of these tables is refused too: the app cannot know what it means, so it does not
pretend to compute the folder faithfully. README.md lists the same tables for users.
"""
from __future__ import annotations

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

# keys whose only value the app computes faithfully is GPT-2's default; any other value is refused
ONLY_DEFAULT = {
    "add_cross_attention": (False, "cross-attention layers (an encoder-decoder model) are not drawn"),
    "is_encoder_decoder": (False, "an encoder-decoder model is not a GPT-2"),
    "tie_encoder_decoder": (False, "an encoder-decoder model is not a GPT-2"),
    "cross_attention_hidden_size": (None, "cross-attention layers are not drawn"),
    "pruned_heads": ({}, "pruned heads give layers different numbers of heads, which the class does not seat"),
    "quantization_config": (None, "quantized weights are not read; save the model in float32 or float16"),
}

_KNOWN = set(HONOURED) | {k for keys in NO_EFFECT.values() for k in keys}


class ConfigError(ValueError):
    """A config.json that cannot describe a model we can run; the message names the file and the problem."""


def check_keys(raw: dict, source: str) -> None:
    """ConfigError naming the first key that the app cannot compute faithfully."""
    for key, value in raw.items():
        if key in _KNOWN or key.startswith("_"):  # "_name_or_path", "_commit_hash": transformers' own notes
            continue
        if key in ONLY_DEFAULT:
            default, why = ONLY_DEFAULT[key]
            if value == default or (default == {} and value is None):
                continue
            raise ConfigError(f"{source}: '{key}' = {value!r} cannot be computed here ({why})")
        raise ConfigError(f"{source}: key '{key}' is not a GPT-2 setting this app knows, so it cannot promise to "
                          f"compute this model as its authors meant (README: \"Which config.json keys are read\")")
