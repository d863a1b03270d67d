#!/usr/bin/env bash
# Write the lock files from pyproject.toml: every Python package at an exact version, with
# the hashes of its files, so that a fresh clone installs exactly what was tested.
#
#   ./scripts/lock.sh                         the newest versions pyproject.toml allows
#   ./scripts/lock.sh --upgrade-package django   move one package (others stay)
#
# requirements.lock        what the site needs to run (the production install)
# requirements-dev.lock    that, plus the tools for tests and checks (run.sh and test.sh)
# Run it after changing the dependencies in pyproject.toml, then run ./scripts/test.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$KOMPAS_ROOT"

ensure_venv
# Only the public index: a machine's own pip configuration (extra indexes, local wheel
# folders) must not leak into the lock files.
compile() {
    CUSTOM_COMPILE_COMMAND="./scripts/lock.sh" PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS='' \
        "$VENV/bin/pip-compile" --quiet \
        --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
        --no-emit-find-links "$@" pyproject.toml
}
say "Writing requirements.lock"
compile --output-file requirements.lock "$@"
say "Writing requirements-dev.lock (the same versions, plus the tools for tests and checks)"
# Constrained by the runtime lock: both files hold the same version of every package.
compile --extra dev --constraint requirements.lock --output-file requirements-dev.lock "$@"
