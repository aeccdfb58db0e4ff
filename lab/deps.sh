#!/bin/sh
# deps.sh - what the lab needs from Debian: QEMU, busybox, and a kernel to
# boot with the headers to build the test module against.  Installs what is
# missing as root; otherwise says what and exits 77 (skipped).
set -eu
want="qemu-system-x86 busybox-static linux-image-cloud-amd64
      linux-headers-cloud-amd64 e2fsprogs cpio gzip python3"
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
	echo "lab: skipped: missing packages:$missing (as root: apt-get install$missing)" >&2
	exit 77
fi
echo "lab: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
	echo "lab: skipped: apt-get could not install$missing" >&2
	exit 77
fi
