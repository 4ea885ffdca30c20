"""Test settings shared by every test: Qt must run offscreen, set before any QApplication exists."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
