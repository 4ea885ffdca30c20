"""How big a picture may be drawn, in one place for the painter, the CLI and the dialogs (no Qt here)."""
MIN_SIDE = 16      # pixels; an export smaller than this shows nothing readable
MAX_SIDE = 16384   # a 16384 x 16384 ARGB image is already 1 GiB
