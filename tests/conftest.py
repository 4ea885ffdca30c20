"""Test settings shared by every test: Qt must run offscreen, set before any QApplication exists."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a first run follows the desktop's language (view.settings.system_lang); the tests' fresh windows are English
# whatever the machine's locale (test_first_run_language sets its own in a child process)
os.environ["LC_ALL"] = "C.UTF-8"
