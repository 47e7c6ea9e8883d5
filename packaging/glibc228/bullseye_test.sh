#!/usr/bin/env bash
# Install and use the .deb in a Debian 11 (bullseye) chroot: glibc 2.31, the nearest reachable stand-in for
# 麒麟 V10 (2.31) and 统信UOS 20 (2.28; buster, its base, is gone from the mirror). What runs inside:
# in_bullseye.sh. What it wrote comes back in OUT for tests/packaging/test_glibc228.py to check.
#
# usage: sudo bash packaging/glibc228/bullseye_test.sh DEB OUT [FONT_DEB RARE_PROJECT]
#   FONT_DEB, RARE_PROJECT: the optional gov-report-fonts-gb18030 package and a project whose narrative holds
#   characters only that package draws; in_bullseye.sh checks and exports it before and after installing.
#   CACHE (default /var/cache/gov-report-bullseye): the debootstrap result, kept as a tarball (about 40 s
#   to make once; each run then unpacks a fresh copy, about 3 s).
# Needs root (debootstrap, chroot, mount). Mounts are undone and the chroot deleted on every exit.
set -euo pipefail

[ $# = 2 ] || [ $# = 4 ] || { echo "usage: bullseye_test.sh DEB OUT [FONT_DEB RARE_PROJECT]" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEB="$(realpath "$1")"
OUT="$(mkdir -p "$2" && realpath "$2")"
[ "$EUID" = 0 ] || { echo "bullseye_test.sh: needs root (debootstrap, chroot and mount do)" >&2; exit 2; }
[ -f "$DEB" ] || { echo "bullseye_test.sh: no such .deb: $DEB" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "bullseye_test.sh: debootstrap is missing (apt-get install debootstrap)" >&2; exit 2; }
CACHE="${CACHE:-/var/cache/gov-report-bullseye}"
ARCH="$(dpkg --print-architecture)"
log() { echo "bullseye: $*"; }

# The host's mirror (the one its apt uses for bookworm) serves bullseye too.
source "$HERE/host_mirror.sh"
MIRROR="$(host_repo bookworm)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY="$(host_repo bookworm-security)"

WORK="$(mktemp -d -p "${TMPDIR:-/var/tmp}" gov-report-bullseye.XXXXXX)"
ROOTFS="$WORK/root"
our_pids() { find /proc -mindepth 2 -maxdepth 2 -name root -lname "$WORK/*" -printf '%h\n' 2>/dev/null | cut -d/ -f3; }
our_mounts() { awk -v w="$WORK/" 'index($2, w) == 1 {print $2}' /proc/self/mounts | LC_ALL=C sort -r; }
cleanup() {
    local rc=$? m
    set +e
    trap '' INT TERM
    for sig in TERM KILL; do
        pids="$(our_pids)"; [ -n "$pids" ] || break
        kill -s "$sig" $pids 2>/dev/null
        for _ in $(seq 50); do [ -z "$(our_pids)" ] && break; sleep 0.1; done
    done
    for m in $(our_mounts); do umount "$m" 2>/dev/null || umount -l "$m"; done
    if [ -n "$(our_mounts)" ]; then log "still mounted, so NOT deleting $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$(date +%s)
TARBALL="$CACHE/bullseye-minbase-$ARCH.tar.gz"
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 1800 9
if [ ! -s "$TARBALL" ]; then
    log "no cached root file system: debootstrap --variant=minbase bullseye from $MIRROR (once)"
    debootstrap --variant=minbase bullseye "$WORK/build" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
    tar -C "$WORK/build" --numeric-owner -czf "$TARBALL.part" . && mv "$TARBALL.part" "$TARBALL"
    rm -rf "$WORK/build"
fi
exec 9>&-
mkdir "$ROOTFS"
tar -C "$ROOTFS" --numeric-owner -xzf "$TARBALL"
{
    echo "deb $MIRROR bullseye main"
    echo "deb $MIRROR bullseye-updates main"
    [ -n "$SECURITY" ] && echo "deb $SECURITY bullseye-security main"
} >"$ROOTFS/etc/apt/sources.list"
cp -L --remove-destination /etc/resolv.conf /etc/hosts "$ROOTFS/etc/"
apt-config dump | grep -Ei '^Acquire::[a-z]+::Proxy ' >"$ROOTFS/etc/apt/apt.conf.d/01proxy" || rm -f "$ROOTFS/etc/apt/apt.conf.d/01proxy"
mkdir -p "$ROOTFS/tmp/pkg" "$ROOTFS/out"
cp "$DEB" "$ROOTFS/tmp/pkg/app.deb"
cp "$HERE/in_bullseye.sh" "$ROOTFS/tmp/pkg/"
if [ $# = 4 ]; then
    cp "$3" "$ROOTFS/tmp/pkg/fonts.deb"
    cp "$4" "$ROOTFS/tmp/pkg/rare.gkbg"
fi
mount -t proc proc "$ROOTFS/proc"
mount -t sysfs sysfs "$ROOTFS/sys"
mount --bind /dev "$ROOTFS/dev" && mount --make-private "$ROOTFS/dev"
mount --bind /dev/pts "$ROOTFS/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$ROOTFS/dev/shm"
chmod 1777 "$ROOTFS/tmp"
log "installing $(basename "$DEB") ($(du -m "$DEB" | cut -f1) MB) in a fresh bullseye"
rc=0
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8 \
    chroot "$ROOTFS" /bin/sh /tmp/pkg/in_bullseye.sh || rc=$?
rm -rf "${OUT:?}/"*
cp -a "$ROOTFS/out/." "$OUT/"
log "done in $(( $(date +%s) - t0 )) s, exit status $rc; results in $OUT"
exit "$rc"
