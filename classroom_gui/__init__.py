"""Attention Classroom: a desktop lesson on Transformer self-attention, told as a classroom."""
__version__ = "0.1.0"
