"""The classroom drawn with Qt: desks, blackboard, links, crowd, heatmap, their layout, the palette and
the fonts, and one paint routine for pictures. It draws Frames (lesson.frame) and nothing else."""
