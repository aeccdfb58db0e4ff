#!/bin/sh
# deb.sh - the packages as a user gets them: a clean Debian 12 root made
# with debootstrap (minbase, plus man-db, bash-completion, gcc and pkgconf
# for the checks), the .debs of DEB_DIR installed into it with apt-get
# (their dependencies from Debian's archive), then, inside it:
#   pagefail --version; man pagefail-scan (and the index, pagefail);
#   bash completion of pagefail, loaded as bash-completion loads it;
#   examples/failures.c built with pkg-config against libpagefail-dev and
#   run on the example log: as many reports as pagefail scan finds there.
#
#   tests/deb.sh DEB_DIR [MIRROR]
#
# The root is DEB_DIR/root, made afresh.  Everything runs in a mount
# namespace of its own (unshare -m): the /proc and /dev mounted into the
# root go with it, whatever happens.  Needs root (77 without) and
# scripts/deps.sh deb.
set -u
debs=$(cd "$1" && pwd) || exit 1
mirror=${2:-http://deb.debian.org/debian}
top=$(cd "$(dirname "$0")/.." && pwd)
root=$debs/root
fail=0
check() {
	if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

if [ "$(id -u)" -ne 0 ]; then
	echo "deb: tests/deb.sh needs root (debootstrap, chroot)" >&2
	exit 77
fi
set -- "$debs"/pagefail_*.deb "$debs"/libpagefail0_*.deb "$debs"/libpagefail-dev_*.deb
for d; do [ -f "$d" ] || { echo "deb: no $d (scripts/deb.sh makes them)" >&2; exit 1; }; done

rm -rf "$root"
echo "deb: debootstrap bookworm into $root"
if ! unshare -m --propagation private debootstrap --variant=minbase \
	--include=man-db,bash-completion,gcc,libc6-dev,pkgconf \
	bookworm "$root" "$mirror" >"$debs/debootstrap.log" 2>&1; then
	tail -n 20 "$debs/debootstrap.log"
	echo "deb: debootstrap failed: see $debs/debootstrap.log" >&2
	exit 1
fi
mkdir -p "$root/tmp/pf"
cp "$@" "$root/tmp/pf/"
cp "$top/examples/failures.c" "$top/examples/seed-rhel6-kb-example.log" "$root/tmp/pf/"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# the checks, run by sh in the root; each prints "ok NAME" or "FAIL NAME"
cat >"$root/tmp/pf/inside.sh" <<'INSIDE'
set -u
cd /tmp/pf
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
apt-get update -qq && apt-get install -y -qq ./pagefail_*.deb \
	./libpagefail0_*.deb ./libpagefail-dev_*.deb >install.log 2>&1
echo "install $?"
echo "version $(pagefail --version)"
echo "man $(MANPAGER=cat MANWIDTH=100 man pagefail-scan 2>&1 | grep -c 'pagefail-scan - find and parse')"
echo "man-index $(MANPAGER=cat MANWIDTH=100 man pagefail 2>&1 | grep -c 'pagefail-simulate(1)')"
# completion: bash-completion's loader finds the file, as at a prompt
echo "bash $(bash -c '. /usr/share/bash-completion/bash_completion
	_completion_loader pagefail
	COMP_WORDS=(pagefail scan --jo); COMP_CWORD=2
	COMP_LINE="pagefail scan --jo"; COMP_POINT=${#COMP_LINE}
	_pagefail pagefail --jo scan; echo "${COMPREPLY[*]}"')"
cc -Wall -Werror -o failures failures.c $(pkg-config --cflags --libs pagefail) 2>cc.log
echo "cc $?"
echo "run $(./failures seed-rhel6-kb-example.log 2>/dev/null | wc -l) $(pagefail scan -j seed-rhel6-kb-example.log | wc -l)"
INSIDE
unshare -m --propagation private sh -c '
	mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" &&
	chroot "$1" sh /tmp/pf/inside.sh' sh "$root" >"$debs/inside.out" 2>&1
cat "$debs/inside.out"
ver=$(sed -n 's/^project(pagefail VERSION \([0-9.]*\).*/\1/p' "$top/CMakeLists.txt")
out=$debs/inside.out
check install "grep -qx 'install 0' $out || ! cat $root/tmp/pf/install.log"
check version "grep -qx 'version pagefail $ver' $out"
check man "grep -qx 'man 1' $out && grep -q '^man-index [1-9]' $out"
check bash-completion "grep -qx 'bash --journal' $out"
check pkg-config-build "grep -qx 'cc 0' $out || ! cat $root/tmp/pf/cc.log"
check pkg-config-run "awk '\$1 == \"run\" && \$2 > 0 && \$2 == \$3 { ok = 1 } END { exit !ok }' $out"
[ $fail -eq 0 ] && echo "deb: the packages install and work in a clean Debian 12"
exit $fail
