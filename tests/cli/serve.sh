#!/bin/sh
# serve.sh - tests of pagefail serve on loopback: /metrics is export's
# answer (promtool accepts it); HEAD has the headers and no body; anything
# but GET and HEAD, another path, headers past 16 KiB each get their status
# and a closed connection; a slowloris does not delay another client and
# is dropped after --timeout; the failure count of a saved log is there;
# SIGTERM stops it with 0; an address it cannot have is one line.
#
#   tests/cli/serve.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

if "$pf" serve --listen nowhere 2>&1 | grep -q 'built without libmicrohttpd'; then
	echo "skip: this pagefail was built without libmicrohttpd"
	exit 77
fi

# a saved machine with a saved kernel log: corpus 019, one order-1
# GFP_ATOMIC failure in softirq
mkdir -p "$tmp/root/dev"
cp -r tests/fixtures/system/v4.19-numa/. "$tmp/root/"
cp tests/fixtures/corpus/019-*.log "$tmp/root/dev/kmsg"

"$pf" serve --listen 127.0.0.1:0 --timeout 1 --root "$tmp/root" 2>"$tmp/serve.err" &
srv=$!
port=
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	port=$(sed -n 's/^pagefail: serving \/metrics on 127.0.0.1:0 (port \([0-9]*\))$/\1/p' "$tmp/serve.err")
	[ -n "$port" ] && break
	sleep 0.1
done
check started "[ -n '$port' ]"

python3 - "$port" "$tmp" >"$tmp/http.out" 2>&1 <<'PY'
import http.client, socket, sys, time
port, tmp = int(sys.argv[1]), sys.argv[2]

def conn():
    return http.client.HTTPConnection('127.0.0.1', port, timeout=5)

def say(name, ok):
    print(('ok   ' if ok else 'FAIL ') + name)

c = conn()
c.request('GET', '/metrics')
r = c.getresponse()
body = r.read()
open(tmp + '/scrape.prom', 'wb').write(body)
say('get', r.status == 200 and
    r.getheader('Content-Type') == 'text/plain; version=0.0.4; charset=utf-8')
c.request('HEAD', '/metrics')
r = c.getresponse()
# the length of what a GET gives now: only the scrape's duration differs
say('head', r.status == 200 and r.read() == b'' and
    abs(int(r.getheader('Content-Length')) - len(body)) < 32)
for method, path, status in (('POST', '/metrics', 405), ('PUT', '/', 405),
                             ('GET', '/nope', 404)):
    c = conn()
    c.request(method, path, body='x' if method != 'GET' else None)
    r = c.getresponse()
    r.read()
    say('%s-%s' % (method.lower(), status), r.status == status and
        r.getheader('Connection') == 'close' and
        (status != 405 or r.getheader('Allow') == 'GET, HEAD'))
s = socket.create_connection(('127.0.0.1', port), timeout=5)
s.sendall(b'GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: ' + b'a' * 20000 + b'\r\n\r\n')
head = s.recv(64)
s.settimeout(2)
try:
    rest = b''
    while True:
        d = s.recv(4096)
        if not d:
            break
        rest += d
    closed = True
except socket.timeout:
    closed = False
say('headers-too-large', head.startswith(b'HTTP/1.1 431') and closed)
# a slowloris: half a request line, then nothing
slow = socket.create_connection(('127.0.0.1', port), timeout=5)
slow.sendall(b'GET /metrics HTTP/1.1\r\nHo')
t = time.time()
c = conn()
c.request('GET', '/metrics')
r = c.getresponse()
r.read()
say('not-delayed', r.status == 200 and time.time() - t < 1)
slow.settimeout(5)
t = time.time()
try:
    dropped = slow.recv(100) == b''
except (socket.timeout, ConnectionResetError):
    dropped = False
say('slow-dropped', dropped and time.time() - t < 4)
PY
cat "$tmp/http.out"
pass=$((pass + $(grep -c '^ok' "$tmp/http.out")))
fail=$((fail + $(grep -c '^FAIL' "$tmp/http.out")))
check promtool "! command -v promtool >/dev/null || promtool check metrics <$tmp/scrape.prom >/dev/null 2>&1"
check failures "grep -qx 'pagefail_allocation_failures_total{order=\"1\",mode=\"atomic\",context=\"softirq\"} 1' $tmp/scrape.prom"
# the same as export, but for the time each took
"$pf" export --root "$tmp/root" | grep -v '^pagefail_scrape_duration_seconds' >"$tmp/export.prom"
grep -v '^pagefail_scrape_duration_seconds' "$tmp/scrape.prom" >"$tmp/scrape.cmp"
check same-as-export "cmp -s $tmp/export.prom $tmp/scrape.cmp"
kill -TERM $srv
wait $srv
check sigterm-exit-0 "[ $? -eq 0 ]"

fails bad-listen 2 "pagefail: cannot listen on 'nowhere': not ADDR:PORT" \
	serve --listen nowhere
# a port that is taken: its own listener holds it
"$pf" serve --listen 127.0.0.1:0 --no-log 2>"$tmp/a.err" &
a=$!
sleep 0.5
busy=$(sed -n 's/.*(port \([0-9]*\))$/\1/p' "$tmp/a.err")
fails busy-port 1 "pagefail: cannot listen on 127.0.0.1:$busy: Address already in use" \
	serve --listen "127.0.0.1:$busy" --no-log
kill -TERM $a
wait $a
fails serve-operand 2 "pagefail: serve takes no arguments, not 'x' (see 'pagefail help serve')" \
	serve x

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
