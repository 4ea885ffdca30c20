"""The classroom application without Qt: ClassroomModel (what the window, the CLI and the exports share) and
the actions table that feeds menus, shortcuts and help."""
