#!/bin/bash
# Dev tool: run one sandbox with nsbox-helper without the engine.  Status lines go to stderr prefixed
# with "[status]" (or to $STATUS_OUT).  Spec records come from options; defaults suit a dev rootfs
# prepared as in docs/design.md (ownership shifted by 2000000000).
#   native/dev-run.sh [-r rootfs] [-m src:dst:mode[:idmap]]... [-f path=data]... [-e K=V]... [-w workdir] -- cmd args...
# Env: HELPER (binary), ROOTFS, SCRATCH, UID_BASE, ID_COUNT, EXTRA (extra raw records, newline-separated).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
helper=${HELPER:-$here/dist/native/nsbox-helper-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')}
rootfs=${ROOTFS:-/var/tmp/nsbox-dev/rootfs}
scratch=${SCRATCH:-/var/tmp/nsbox-dev/scratch}
workdir=/
recs=()
envs=("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "HOME=/root" "TERM=dumb" "HOSTNAME=nsbox")
while getopts "r:m:f:e:w:" o; do
  case $o in
    r) rootfs=$OPTARG ;;
    m) IFS=: read -r s d m i <<<"$OPTARG"; recs+=("mount_src=$s" "mount_dst=$d")
       [ "${i:-}" = idmap ] && recs+=("mount_idmap=1"); recs+=("mount_mode=$m") ;;
    f) recs+=("file_path=${OPTARG%%=*}" "file_data=${OPTARG#*=}") ;;
    e) envs+=("$OPTARG") ;;
    w) workdir=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
spec() {
  printf '%s\0' "rootfs=$rootfs" "scratch=$scratch" "tmpfs_size=$((256 << 20))" "hostname=nsbox" \
    "workdir=$workdir" "uid_base=${UID_BASE:-2000000000}" "gid_base=${UID_BASE:-2000000000}" \
    "id_count=${ID_COUNT:-65536}" "net=none"
  for e in "${envs[@]}"; do printf 'env=%s\0' "$e"; done
  for a in "$@"; do printf 'arg=%s\0' "$a"; done
  for r in "${recs[@]+"${recs[@]}"}"; do printf '%s\0' "$r"; done
  if [ -n "${EXTRA:-}" ]; then while IFS= read -r r; do printf '%s\0' "$r"; done <<<"$EXTRA"; fi
  printf 'end=\0'
}
if [ -n "${STATUS_OUT:-}" ]; then
  exec "$helper" 3< <(spec "$@") 4>"$STATUS_OUT"
else
  exec "$helper" 3< <(spec "$@") 4> >(sed -u 's/^/[status] /' >&2)
fi
