"""The set-up's shell functions (scripts/lib.sh), run as the test command runs them."""

import shutil
import subprocess
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "scripts" / "lib.sh"

needs_initdb = pytest.mark.skipif(
    not any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and not shutil.which("initdb"),
    reason="PostgreSQL's server programs are not installed (the test command installs them)",
)


def check_a_fresh_cluster(auth: str) -> subprocess.CompletedProcess:
    """Start a private cluster authenticating as AUTH says, and ask postgres_accepts."""
    script = f"""
        source {LIB}
        start_work_dir lib-test
        start_private_postgres {auth}
        postgres_accepts "postgresql://postgres@127.0.0.1:$PRIVATE_PG_PORT/kompas"
    """
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False
    )


@needs_initdb
def test_a_cluster_as_debian_makes_it_is_not_taken_for_one_to_test_on():
    """Debian's fresh cluster answers pg_isready but wants a password over TCP."""
    result = check_a_fresh_cluster("debian")

    assert result.returncode != 0, result.stdout + result.stderr
    assert "password" in result.stderr


@needs_initdb
def test_a_cluster_that_trusts_the_loopback_is_taken():
    result = check_a_fresh_cluster("trust")

    assert result.returncode == 0, result.stdout + result.stderr
