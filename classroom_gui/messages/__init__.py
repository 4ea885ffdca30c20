"""Messages as keys of messages/strings/<lang>.json and the values they name, said in a language later (no Qt).

The bottom layer, below the model: a refusal of the model (an unreadable what-if edit, an empty sentence, a
missing model folder) is a PhraseError as the exports' and the CLI's are, so the CLI prints its English and the
window says it in its own language from the same key (strings.py: the tables; phrase.py: Phrase, PhraseError).
"""
