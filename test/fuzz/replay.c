/*
 * replay.c — a main() for the fuzz harnesses in builds without libFuzzer:
 * feeds every file of the directories (or single files) named on the command
 * line to LLVMFuzzerTestOneInput, in name order, and fails only if a harness
 * crashes (sanitizer report, abort, signal), which ends the process.
 *
 * `make test` (gcc) and `make test-asan` (gcc + ASan/UBSan) run it over
 * test/fuzz/corpus/<harness>/ and test/fuzz/crashes/<harness>/, so every
 * input the fuzzer once found interesting, and every crash once fixed, is
 * replayed on every build.
 *
 * Names starting with '.' (.gitkeep) are skipped; a directory that does not
 * exist counts as empty (git keeps no empty directories).
 *
 * A reproducer of a finding that is not fixed yet is committed as
 * crashes/<harness>/open-<what>: it runs in a child process (its output
 * hidden) and must still fail there, so the suite passes while the bug is
 * open. Once it stops failing the replay fails and says so: the fix is then
 * confirmed by renaming the file without "open-", which makes it an ordinary
 * regression input. A finding only a sanitizer sees (undefined behaviour
 * that does not crash by itself) is named open-san-<what>: it must fail in
 * sanitizer builds and may pass in others. A child gets OPEN_TIMEOUT_S
 * seconds (then SIGALRM ends it, which counts as failing), so a hang found
 * by the fuzzer (open-timeout-<what>) can be committed too.
 *
 * Usage: replay_<harness> [-v] PATH...
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int verbose;

#define OPEN_TIMEOUT_S 5

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* Read the whole file into a malloc'd buffer of exactly its size (so ASan
 * sees any read past the end); NULL on error. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    /* Exact-size copy: a harness must not read past size. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return NULL;
    }
    if (len) memcpy(exact, buf, len);
    free(buf);
    *size = len;
    return exact;
}

static int run_file(const char *path)
{
    size_t size = 0;
    uint8_t *data = read_file(path, &size);
    if (!data) {
        fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (verbose) fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

/* An open-* reproducer, run by a fresh copy of this program (a harness's
 * process state must not be shared with a process that may crash): 0 if it
 * still fails, 1 if it passes now, -1 on error. */
static int run_open(const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("replay: fork");
        return -1;
    }
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0 && !verbose) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        /* UBSan only reports and goes on unless told to stop. */
        setenv("UBSAN_OPTIONS", "halt_on_error=1:abort_on_error=1", 0);
        char *args[] = {"replay", (char *)path, NULL};
        alarm(OPEN_TIMEOUT_S); /* kept across execv */
        execv("/proc/self/exe", args);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0) {
        perror("replay: waitpid");
        return -1;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) return 1;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
        fprintf(stderr, "replay: could not run %s in a child\n", path);
        return -1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file of dir in name order; returns the count, or -1. */
static long run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT) return 0;
        fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) abort();
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) abort();
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    long count = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (!path) abort();
        snprintf(path, len, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (strncmp(names[i], "open-san-", 9) == 0 && !SANITIZED) {
                if (run_open(path) < 0) rc = -1;
                else count++;
            } else if (strncmp(names[i], "open-", 5) == 0) {
                int r = run_open(path);
                if (r > 0)
                    fprintf(stderr, "replay: %s no longer fails: if its bug is fixed, rename it "
                                    "without the \"open-\" prefix to keep it as a regression input\n", path);
                if (r != 0) rc = -1;
                else count++;
            } else if (run_file(path) < 0) {
                rc = -1;
            } else {
                count++;
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return rc < 0 ? -1 : count;
}

int main(int argc, char **argv)
{
    long total = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
            continue;
        }
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(argv[i]) < 0) failed = 1;
            else total++;
            continue;
        }
        long n = run_dir(argv[i]);
        if (n < 0) failed = 1;
        else total += n;
    }
    printf("replay: %ld inputs\n", total);
    return failed ? 1 : 0;
}
