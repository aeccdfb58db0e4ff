# writes.awk - reads strace output (strace -y, one file per process) and
# prints every call that writes, creates, removes, renames or changes a
# path outside the directory base: the hostile matrix's proof that no input
# makes pagefail write where it should not.  /dev/null is allowed.  Exits
# 1 when it printed anything.
#
#   awk -v base=DIR -v cwd=DIR -f writes.awk TRACE...
#
# The traced calls are listed in run.sh ($traced).  Paths are taken from
# the arguments, made absolute with the directory fd strace decoded
# ("AT_FDCWD</tmp/x>", "3</tmp/x/d>") or the process's working directory,
# and "." and ".." are folded; an open that succeeded is judged by the
# path strace decoded from the fd it returned, which the kernel resolved.

# The arguments of a call line, split at top-level commas into args[].
function split_args(s,    n, i, c, depth, q, cur) {
	n = 0; depth = 0; q = 0; cur = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q) {
			cur = cur c
			if (c == "\\") { i++; cur = cur substr(s, i, 1) }
			else if (c == "\"") q = 0
			continue
		}
		if (c == "\"") { q = 1; cur = cur c; continue }
		if (c == "(" || c == "[" || c == "{" || c == "<") depth++
		if (c == ")" || c == "]" || c == "}" || c == ">") depth--
		if (depth < 0)
			break
		if (c == "," && depth == 0) {
			args[++n] = cur; cur = ""
			if (substr(s, i + 1, 1) == " ") i++
			continue
		}
		cur = cur c
	}
	args[++n] = cur
	return n
}

# "\"/tmp/x\"" -> /tmp/x; "" when the argument is not a string (NULL).
function str(a) {
	if (a !~ /^"/)
		return ""
	sub(/^"/, "", a)
	sub(/"(\.\.\.)?$/, "", a)
	return a
}

# The directory a dirfd argument stands for ("AT_FDCWD</tmp/x>" -> /tmp/x).
function fd_dir(a, pid) {
	if (a ~ /<\//) {
		sub(/^[^<]*</, "", a)
		sub(/>$/, "", a)
		return a
	}
	return pid in dir ? dir[pid] : cwd
}

# p folded: no ".", "..", or repeated slashes.
function fold(p,    n, i, parts, out, m, k) {
	n = split(p, parts, "/")
	m = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".")
			continue
		if (parts[i] == "..") {
			if (m > 0) m--
			continue
		}
		out[++m] = parts[i]
	}
	p = ""
	for (k = 1; k <= m; k++)
		p = p "/" out[k]
	return p == "" ? "/" : p
}

function resolve(path, base_dir) {
	if (path == "")
		return fold(base_dir)
	if (path ~ /^\//)
		return fold(path)
	return fold(base_dir "/" path)
}

function outside(p) {
	if (p == "/dev/null")
		return 0
	return !(p == root || index(p, root "/") == 1)
}

function judge(p, line) {
	if (outside(p)) {
		print "  " line
		bad = 1
	}
}

BEGIN {
	root = fold(base)
	bad = 0
}

{
	line = $0
	pid = FILENAME
	sub(/.*\./, "", pid)
	if (line ~ /^(---|\+\+\+)/)
		next
	name = line
	sub(/\(.*/, "", name)
	rest = substr(line, length(name) + 2)
	# the result: "= 3</tmp/x/a>", "= -1 ENOENT (...)", "= 0"
	res = ""
	if (match(rest, /\) += [^=]*$/)) {
		res = substr(rest, RSTART)
		sub(/^\) += /, "", res)
		rest = substr(rest, 1, RSTART - 1)
	}
	n = split_args(rest)
	failed = res ~ /^-1/
	# mkdir -p: creating what exists changes nothing
	if (name ~ /^mkdir/ && res ~ /^-1 EEXIST/)
		next

	if (name == "chdir") {
		if (!failed)
			dir[pid] = resolve(str(args[1]), fd_dir("", pid))
		next
	}
	if (name == "fchdir") {
		if (!failed)
			dir[pid] = fd_dir(args[1], pid)
		next
	}
	if (name == "open" || name == "creat" || name == "openat" ||
	    name == "openat2") {
		if (name == "open" || name == "creat") {
			p = str(args[1]); at = fd_dir("", pid); fl = args[2]
		} else {
			p = str(args[2]); at = fd_dir(args[1], pid); fl = args[3]
		}
		if (name != "creat" && fl !~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/)
			next
		if (!failed && res ~ /^[0-9]+<\//) {
			r = res
			sub(/^[0-9]+</, "", r)
			sub(/>.*$/, "", r)
			judge(fold(r), line)
		} else {
			judge(resolve(p, at), line)
		}
		next
	}
	# one path argument, no directory fd
	if (name ~ /^(mkdir|rmdir|unlink|truncate|chmod|chown|lchown|mknod|utime|utimes)$/) {
		judge(resolve(str(args[1]), fd_dir("", pid)), line)
		next
	}
	# a directory fd and a path
	if (name ~ /^(mkdirat|unlinkat|fchmodat|fchmodat2|fchownat|mknodat|futimesat|utimensat)$/) {
		judge(resolve(str(args[2]), fd_dir(args[1], pid)), line)
		next
	}
	if (name == "rename" || name == "link") {
		judge(resolve(str(args[2]), fd_dir("", pid)), line)
		if (name == "rename")
			judge(resolve(str(args[1]), fd_dir("", pid)), line)
		next
	}
	if (name == "symlink") {
		judge(resolve(str(args[2]), fd_dir("", pid)), line)
		next
	}
	if (name == "symlinkat") {
		judge(resolve(str(args[3]), fd_dir(args[2], pid)), line)
		next
	}
	if (name ~ /^(renameat|renameat2|linkat)$/) {
		judge(resolve(str(args[4]), fd_dir(args[3], pid)), line)
		if (name != "linkat")
			judge(resolve(str(args[2]), fd_dir(args[1], pid)), line)
		next
	}
}

END {
	exit bad
}
