# The verbs a lab scenario's guest() is written in (sourced by /init).
# Each burst leaves /out/burst-N/ with /proc/vmstat before and after, the
# module's counts and pagefail trace's; "snap" saves what pagefail status
# reads.

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

# trace_start DIR: pagefail trace counting in the background into
# DIR/trace.json, once it says it counts (the verifier is slow under
# TCG: a minute at most); when it cannot run here, DIR/trace.err says why
tpid=
trace_start() {
	pagefail trace -d 3600 -j --stacks 0 >"$1/trace.json" 2>"$1/trace.err" &
	tpid=$!
	i=0
	until grep -q 'trace: counting' "$1/trace.err"; do
		if ! kill -0 $tpid 2>/dev/null || [ $i -ge 600 ]; then
			wait $tpid 2>/dev/null
			tpid=
			return
		fi
		sleep 0.1
		i=$((i + 1))
	done
}

# trace_stop: its summary written, once the burst is over
trace_stop() {
	[ -n "$tpid" ] || return 0
	kill -INT $tpid
	wait $tpid
	tpid=
}

# trace_next: pagefail trace counting from now into the next burst's
# directory, and through that burst: its maps (some MiB the kernel takes
# when it loads) then come before what the scenario does first, a fill
# of the page cache, not between that and the burst, where they would
# wake kswapd and change what the burst finds
trace_next() {
	mkdir -p /out/burst-$((nburst + 1))
	trace_start /out/burst-$((nburst + 1))
}

# burst ORDER MODE PER_TICK TRIES MAX_FAILS, counted by pagefail trace too
# (started here unless trace_next started it) unless TRACE=off
TRACE=on
burst() {
	nburst=$((nburst + 1))
	d=/out/burst-$nburst
	mkdir -p $d
	echo "$*" >$d/args
	[ "$TRACE" = off ] || [ -n "$tpid" ] || trace_start $d
	cat /proc/vmstat >$d/vmstat.before
	echo "burst $*" >$CTL
	cat /proc/vmstat >$d/vmstat.after
	trace_stop
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
