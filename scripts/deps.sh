#!/bin/sh
# deps.sh - make sure the Debian packages a make target needs are installed.
#
#   scripts/deps.sh build|check|bench|deb
#
# Installs what is missing with apt-get when run as root; otherwise prints
# the exact apt-get line and fails, so nothing is installed behind the
# user's back.
set -eu

# build: what "make run" needs, nothing of the tests (ncurses for top's
# screen, libmicrohttpd for serve, libsystemd for --journal, libbpf with
# bpftool and clang for trace: without any of them the build goes on)
build="cmake make gcc pkg-config zlib1g-dev liblzma-dev libzstd-dev libbz2-dev libncurses-dev
       libmicrohttpd-dev libsystemd-dev libbpf-dev bpftool clang"
# check: the unit tests (cmocka), the clang Release and fuzz builds, valgrind,
# the JSON checks of the CLI tests (python3), the kill-at-unmount test of
# the debugfs mount and the hostile matrix's watch on writes (strace), the
# compressed inputs of the tests (xz, gzip, zstd, bzip2), the style check
# (clang-format 14: another version formats otherwise), promtool, which
# judges export's metrics (the prometheus package: no server is started),
# systemd-journal-remote, which writes the journal files of the
# --journal tests (its socket is not started either), and the three shells
# whose completions are driven (bash with bash-completion, zsh, fish),
# mandoc, whose lint judges the man pages, and chromium with Python's
# websocket and PIL, which open the HTML report and look at its charts
check="$build libcmocka-dev clang libclang-rt-14-dev valgrind xz-utils gzip
       zstd bzip2 python3 strace clang-format-14 prometheus
       systemd-journal-remote bash-completion zsh fish mandoc chromium
       python3-websocket python3-pil"

# bench: the yardsticks of bench/serve.sh (wrk, Debian's node_exporter)
bench="$build wrk prometheus-node-exporter"
# deb: the packages' build (debhelper), their judge (lintian) and the
# clean Debian root they are installed into (debootstrap, tests/deb.sh)
deb="$build debhelper dpkg-dev lintian debootstrap"

case "${1:-build}" in
build) want=$build ;;
check) want=$check ;;
bench) want=$bench ;;
deb) want=$deb ;;
*) echo "usage: $0 build|check|bench|deb" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "pagefail: missing packages:$missing" >&2
	echo "run as root:  apt-get install -y$missing" >&2
	exit 1
fi
echo "pagefail: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# the tests need promtool, not a Prometheus server: while installing, a
# policy-rc.d of our own (when there is none) keeps invoke-rc.d from
# starting the services the packages ship
rcd=/usr/sbin/policy-rc.d
if [ ! -e $rcd ]; then
	printf '#!/bin/sh\nexit 101\n' >$rcd && chmod 755 $rcd
	trap 'rm -f $rcd' EXIT
fi
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
