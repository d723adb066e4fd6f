#!/usr/bin/env bash
# The CLI as a person sees it, in a real terminal: tmux runs the commands
# and its captured screen is checked.
#   1. a status sweep of a 10,000-phone GeeLark fleet draws a progress bar
#      on the terminal, and ends with the table;
#   2. `huawei reset` asks before erasing: "n" sends nothing (exit 2),
#      "y" resets (one job);
#   3. `… | head -1` ends quietly (status 141, no panic text);
#   4. an error's "cloudphone: error:" is red on a terminal and plain with
#      NO_COLOR set.
# Usage: scripts/cli_tty.sh [path/to/cloudphone]  (builds it when not given;
# installs tmux when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [ -n "$bin" ]; then
  bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
else
  cargo build -q --release --features cli
  bin="$PWD/target/release/cloudphone"
fi
command -v tmux >/dev/null 2>&1 || {
  apt-get install -y -qq tmux >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq tmux >/dev/null; }
}
work="$(mktemp -d)"
sock="cloudphone-tty-$$"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "${sim_pid:-}" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The simulator, 10,000 phones a provider, on a free port.
"$bin" sim --json --phones 10000 --job-ms 200 > "$work/sim.json" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/sim.json" 2>/dev/null && break
  sleep 0.1
done
python3 - "$work/sim.json" > "$work/env.sh" <<'PY'
import json, shlex, sys
s = json.load(open(sys.argv[1]))
g, h = s["geelark"], s["huawei"]
for k, v in {
    "CLOUDPHONE_GEELARK_ENDPOINT": g["endpoint"], "CLOUDPHONE_GEELARK_APP_ID": g["app_id"],
    "CLOUDPHONE_GEELARK_API_KEY": g["api_key"], "CLOUDPHONE_HUAWEI_ENDPOINT": h["endpoint"],
    "HUAWEICLOUD_SDK_AK": h["ak"], "HUAWEICLOUD_SDK_SK": h["sk"],
    "HUAWEICLOUD_SDK_PROJECT_ID": h["project_id"], "HUAWEICLOUD_SDK_REGION": h["region"],
}.items():
    print("export %s=%s" % (k, shlex.quote(v)))
PY
# shellcheck disable=SC1091
source "$work/env.sh"

t() { tmux -L "$sock" "$@"; }
t new-session -d -s cli -x 150 -y 40 "bash --norc --noprofile"
t send-keys -t cli "source $work/env.sh; unset NO_COLOR; PS1='$ '; clear" Enter
sleep 0.3
screen() { t capture-pane -p -t cli -S -200; }
# Waits until the screen shows $1 (a grep -E pattern), at most $2 seconds.
wait_for() {
  local i
  for i in $(seq $(( ${2:-20} * 10 ))); do
    screen | grep -Eq "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for /$1/; the screen:" >&2
  screen >&2
  return 1
}
fail() { echo "FAIL: $*" >&2; screen >&2; exit 1; }
ok() { echo "ok: $*"; }

# 1. The progress bar of a 10,000-phone sweep.
t send-keys -t cli "$bin geelark status --parallel 1 > $work/status.txt; echo STATUS-EXIT:\$?" Enter
seen_bar=0
for _ in $(seq 600); do
  if screen | grep -Eq '\[#*-+\] +[0-9]+/10000'; then seen_bar=1; fi
  screen | grep -q 'STATUS-EXIT:[0-9]' && break
  sleep 0.05
done
screen | grep -q 'STATUS-EXIT:0' || fail "the sweep did not exit 0"
[ "$seen_bar" = 1 ] || screen | grep -Eq '\[#+\] +10000/10000' || fail "no progress bar drawn"
grep -q 'PHONE ID\|phones' "$work/status.txt" || fail "no table on stdout"
ok "10,000-phone sweep: progress bar on the terminal, table on stdout"

# 2. A factory reset asks first: "n" sends nothing, "y" resets.
phone=$("$bin" huawei list --json --limit 1 |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["phones"][0]["phone_id"])')
t send-keys -t cli "clear; $bin huawei reset $phone; echo RESET-EXIT:\$?" Enter
wait_for 'Factory-reset 1 phone\(s\), erasing their data\? \[y/N\]' 10 || fail "no question"
t send-keys -t cli "n" Enter
wait_for 'RESET-EXIT:2' 10 || fail "answering n did not exit 2"
screen | grep -q 'was not confirmed; nothing was sent' || fail "no refusal message"
t send-keys -t cli "clear; $bin huawei reset $phone; echo RESET-EXIT:\$?" Enter
wait_for '\[y/N\]' 10 || fail "no question the second time"
t send-keys -t cli "y" Enter
wait_for 'RESET-EXIT:0' 20 || fail "answering y did not reset"
ok "reset asks: n refused (exit 2, nothing sent), y reset the phone"

# 3. A closed pipe.
t send-keys -t cli "clear; $bin huawei list --all | head -1; echo PIPE-EXIT:\${PIPESTATUS[0]}" Enter
wait_for 'PIPE-EXIT:[0-9]' 30 || fail "the pipe never ended"
screen | grep -q 'PIPE-EXIT:141' || fail "a closed pipe did not end with 141"
screen | grep -qi 'panick' && fail "panic text on a closed pipe"
ok "list --all | head -1: quiet, status 141"

# 4. Colour only on a terminal, never with NO_COLOR.
t send-keys -t cli "clear; $bin geelark --endpoint http://127.0.0.1:1 --retries 0 status 1; echo ERR-EXIT:\$?" Enter
wait_for 'ERR-EXIT:[0-9]' 10 || fail "no error exit"
t capture-pane -e -p -t cli | grep -q $'\e\[31mcloudphone: error:' || fail "the error prefix is not red on a terminal"
t send-keys -t cli "clear; NO_COLOR=1 $bin geelark --endpoint http://127.0.0.1:1 --retries 0 status 1; echo ERR-EXIT:\$?" Enter
wait_for 'ERR-EXIT:[0-9]' 10 || fail "no error exit"
t capture-pane -e -p -t cli | grep -q $'\e\[31m' && fail "coloured despite NO_COLOR"
ok "error prefix red on a terminal, plain with NO_COLOR"
echo "cli_tty: 4 checks passed"
