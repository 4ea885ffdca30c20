"""Export: any moment of the lesson as a picture, whole lessons as decks and videos.

Every export draws frame_at(trace, selection, time) with the same scene the window uses, into a
fixed-size image, so a picture never depends on the window and equals what the window shows.
"""
