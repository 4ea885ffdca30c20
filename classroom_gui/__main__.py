"""`python -m classroom_gui`: the same program as the `classroom-gui` command."""
from .launch import main

raise SystemExit(main())
