"""Entry script for the PyInstaller bundle: the same as the `classroom-gui` console script.

PyInstaller needs a script file, not an entry point; this one only calls classroom_gui.cli:main.
"""
import sys

from classroom_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
