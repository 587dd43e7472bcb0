#!/usr/bin/env bash
# Runs a command (default: npm test) while CPU hogs keep every core busy, as on a laptop with other work running,
# and exits with the command's status. HOGS=n sets the number of busy loops (default: nproc); each one is stopped
# when this script exits (trap) and after HOG_MAX_S seconds (default 3600) whatever happens to this script.
set -uo pipefail
cd "$(dirname "$0")/.."

hogs="${HOGS:-$(nproc)}"
max_s="${HOG_MAX_S:-3600}"
pids=()
stop_hogs() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop_hogs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq "$hogs"); do
  timeout "$max_s" sh -c 'while :; do :; done' &
  pids+=("$!")
done
echo "== under load: $hogs CPU hogs (at most ${max_s} s each) while running: ${*:-npm test}"

if [ "$#" -eq 0 ]; then set -- npm test; fi
"$@"
status=$?
echo "== under load: '$*' exited with $status"
exit "$status"
