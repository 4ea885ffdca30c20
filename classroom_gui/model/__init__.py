"""The model: a GPT-2-style transformer in pure NumPy that records a Trace of every step.

Nothing under classroom_gui.model imports Qt; the window, export and CLI all read the same Trace.
"""
from .checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from .config import GPTConfig
from .fast import forward
from .gpt import head_weights
from .tokenizer import ClassroomTokenizer, Token
from .trace import HeadTrace, LayerTrace, Trace

__all__ = ["Checkpoint", "CheckpointError", "ClassroomTokenizer", "GPTConfig", "HeadTrace", "LayerTrace",
           "Token", "Trace", "forward", "head_weights", "load_checkpoint", "save_checkpoint"]
