"""PyInstaller runtime hook: ``gov-report --render-worker`` is the live document view's PDF renderer.

The wizard starts the bundled program again with this flag (``gui.document_view.worker_command``);
a bundle has no ``python -m``. The hook runs before main.py, so the worker never imports Qt.
"""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "--render-worker":
    from core.render_worker import main

    sys.exit(main())
