/*
 * fuzz.h — what every harness in test/fuzz/ shares: the libFuzzer entry
 * point, and a check that stops the process loudly when an invariant the
 * harness verifies does not hold.
 *
 * The same harness source is linked two ways (see meson.build):
 *   - with libFuzzer (-fsanitize=fuzzer, clang builds only: `make fuzz`);
 *   - with replay.c, a main() that feeds it every file of the corpus and
 *     crash directories (suite 'fuzz' of `make test` and `make test-asan`).
 */
#ifndef OM_FUZZ_H
#define OM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run one input. Always returns 0 (libFuzzer reserves other values). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message naming the broken invariant: abort() makes libFuzzer
 * save the input as a crash, and fails the replay test. */
#define FUZZ_CHECK(cond, ...)                                                 \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__,        \
                    __LINE__, #cond);                                         \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* Known, still open findings can be switched off during a fuzzing campaign
 * so they do not hide new ones: FUZZ_IGNORE=id1,id2 makes fuzz_known("id1")
 * true. Replays never set it. The ids are listed in README.md. */
static inline int fuzz_known(const char *id)
{
    const char *list = getenv("FUZZ_IGNORE");
    size_t n = strlen(id);
    while (list && *list) {
        const char *end = strchr(list, ',');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        if (len == n && strncmp(list, id, n) == 0) return 1;
        list = end ? end + 1 : NULL;
    }
    return 0;
}

#endif
