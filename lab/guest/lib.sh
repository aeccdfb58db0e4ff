# The verbs a lab scenario's guest() is written in (sourced by /init).
# Each burst leaves /out/burst-N/ with /proc/vmstat before and after and the
# module's counts; "snap" saves what pagefail status reads.

nburst=0
CTL=/sys/kernel/debug/pfburst/ctl

# vm NAME VALUE: a sysctl, written as the kernel takes it
vm() {
	echo "$2" >"/proc/sys/vm/$1" && echo "vm.$1 = $(cat /proc/sys/vm/$1)"
}

# fill_cache [CPU]: read the disk's file into the page cache (movable,
# reclaimable pages), from CPU when one is given: as much as the guest has
# memory and a quarter more, so that the cache fills memory and reclaim has
# begun.  Each fill reads a part of the file not read before, so that the
# second fill fills memory again instead of finding its pages cached.
nfill=0
fill_cache() {
	grep -q " /mnt " /proc/mounts || mount -o ro /dev/vda /mnt || return 1
	# the same start each time: no page cache, then a fill, then kswapd
	# done with what the fill woke it for
	sync
	echo 1 >/proc/sys/vm/drop_caches
	mb=$(($(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) * 5 / 4 / 1024))
	${1:+taskset -c "$1"} dd if=/mnt/cache.img of=/dev/null bs=1M \
		skip=$((nfill * mb)) count=$mb 2>/dev/null
	nfill=$((nfill + 1))
	sleep 1
	grep -E '^(MemFree|Cached):' /proc/meminfo
}

hold() {
	echo "hold $1" >$CTL
}

# thin FILE: drop FILE's cached pages of odd frame numbers (the module)
thin() {
	echo "thin $1" >$CTL
}

# compact: compact every zone at once (/proc/sys/vm/compact_memory), and
# leave in /out/compact-N/ /proc/vmstat before and after; the kernel log's
# own clock (microseconds) times it between two "pfburst-lab: compact N"
# lines: compaction's pages migrated over the time it took
ncompact=0
compact() {
	ncompact=$((ncompact + 1))
	d=/out/compact-$ncompact
	mkdir -p $d
	cat /proc/vmstat >$d/vmstat.before
	echo "pfburst-lab: compact $ncompact start" >/dev/kmsg
	echo 1 >/proc/sys/vm/compact_memory
	echo "pfburst-lab: compact $ncompact end" >/dev/kmsg
	cat /proc/vmstat >$d/vmstat.after
	grep -E '^(pgmigrate_success|compact_migrate_scanned) ' $d/vmstat.after
}

unhold() {
	echo unhold >$CTL
}

# burst ORDER MODE PER_TICK TRIES MAX_FAILS
burst() {
	nburst=$((nburst + 1))
	d=/out/burst-$nburst
	mkdir -p $d
	echo "$*" >$d/args
	cat /proc/vmstat >$d/vmstat.before
	echo "burst $*" >$CTL
	cat /proc/vmstat >$d/vmstat.after
	cat /sys/kernel/debug/pfburst/result >$d/result
	cat $d/result
}

# snap NAME: what pagefail status, explain and advise read
snap() {
	pagefail snapshot -q "/out/snap-$1"
}

# settle: let kswapd and kcompactd finish what a burst started
settle() {
	sleep "${1:-2}"
}
