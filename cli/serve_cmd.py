"""`nok serve`: start the Streamlit app with the project's configuration."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="запустить веб-приложение (Streamlit)")
    parser.add_argument("--port", type=int, default=8501, help="порт (по умолчанию 8501)")
    parser.add_argument("--headless", action="store_true", help="не открывать браузер")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_DIR / "dashboard" / "app.py"),
        "--server.port",
        str(args.port),
    ]
    if args.headless:
        command += ["--server.headless", "true"]
    from db.settings import get_settings

    settings = get_settings()
    os.environ.setdefault("NOK_DATA_DIR", str(settings.data_dir))
    os.environ.setdefault("NOK_DATABASE_URL", settings.database_url)
    os.chdir(PROJECT_DIR)  # Streamlit reads .streamlit/config.toml from the working directory
    os.execv(sys.executable, command)
    return 0
