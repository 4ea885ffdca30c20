"""Entry script for the PyInstaller bundle: the same as the `classroom-gui` console script.

PyInstaller needs a script file, not an entry point; this one only calls classroom_gui.launch:main.
"""
import sys

from classroom_gui.launch import main

if __name__ == "__main__":
    sys.exit(main())
