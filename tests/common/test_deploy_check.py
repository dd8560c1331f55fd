"""Production settings pass Django's deployment checklist with no warning at all."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys


def test_check_deploy_prints_no_warnings(tmp_path):
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64)[:50],
        "ALLOWED_HOSTS": "gov.example",
        "GONGZHI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    environment.pop("DATABASE_URL", None)
    # The browser tests allow Django's ORM inside Playwright's event loop for their own process;
    # a deployment never sets this, and check --deploy rightly refuses it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "-m", "gongzhi.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=environment, capture_output=True, text=True, timeout=180)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output


def test_production_settings_refuse_the_development_key(tmp_path):
    environment = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "gov.example",
                   "GONGZHI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongzhi.settings"}
    environment.pop("SECRET_KEY", None)
    result = subprocess.run([sys.executable, "-m", "gongzhi.cli", "check"], env=environment, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
