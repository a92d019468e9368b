# Shared by the benches (sourced): timing that stops at the first failure, so a failed command is never
# counted as a fast one.

# median_ms CMD...: milliseconds per call of CMD, median of $runs calls after ${warmups:-0} untimed
# ones; stdout is discarded; a failing call prints its stderr and ends the bench.
median_ms() {
  local -a times=()
  local err i s e
  err=$(mktemp)
  for i in $(seq $((1 - ${warmups:-0})) "$runs"); do
    s=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$err"; then
      echo "${0##*/}: failed: $*" >&2
      cat "$err" >&2
      rm -f "$err"
      exit 1
    fi
    e=$(date +%s%N)
    [ "$i" -ge 1 ] && times+=($(( (e - s) / 1000000 )))
  done
  rm -f "$err"
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
