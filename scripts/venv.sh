# Sourced by scripts that need a Python virtual environment:
#   new_venv PYTHON DIR   creates DIR (replacing it), installing Debian's
#                         python3-venv first when ensurepip is missing and
#                         this is root with apt-get.
new_venv() {
  local py="$1" dir="$2"
  rm -rf "$dir"
  if "$py" -m venv "$dir" >/dev/null 2>&1; then
    return 0
  fi
  # Debian's python3 needs python3-venv for ensurepip.
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq python3-venv >/dev/null 2>&1 ||
      { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
  fi
  rm -rf "$dir"
  "$py" -m venv "$dir"
}
