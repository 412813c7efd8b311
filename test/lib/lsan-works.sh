#!/bin/sh
# lsan-works.sh — print 1 if LeakSanitizer works here, else 0.
# LeakSanitizer stops the world with ptrace-like calls that some containers
# forbid ("LeakSanitizer has encountered a fatal error"); the ASan test run
# then turns leak detection off rather than fail every test.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <stdlib.h>\nint main(void){ volatile char *p = malloc(7); p = 0; return 0; }\n' > "$tmp/l.c"
if ! ${CC:-cc} -fsanitize=address -g -o "$tmp/l" "$tmp/l.c" 2>/dev/null; then
    echo 0
    exit 0
fi
out=$(ASAN_OPTIONS=detect_leaks=1 "$tmp/l" 2>&1)
case "$out" in
    *"detected memory leaks"*) echo 1 ;;
    *) echo 0 ;;
esac
