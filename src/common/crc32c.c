/*
 * crc32c.c — CRC32C (Castagnoli, reflected polynomial 0x82F63B78): the
 * SSE4.2 crc32 instruction where the CPU has it (x86-64, checked once at
 * run time; about 8 bytes a cycle), else slicing-by-8 (eight table lookups
 * per 8 bytes, about 1 GB/s). Both give the same values (test_rowcodec's
 * known answers run on whichever this machine takes; OMENDB_CRC32C_SW=1 in
 * the environment forces the tables).
 *
 * Used by storage/ (every row, catalog record and counter carries one) and
 * index/ (learned-index images).
 *
 * Interface: om_crc32c (crc32c.h).
 */
#include "crc32c.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xff];
}

static uint32_t crc_sw(uint32_t crc, const void *buf, size_t len);
static uint32_t (*crc_fn)(uint32_t, const void *, size_t) = crc_sw;

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crc_hw(uint32_t crc, const void *buf,
                                                           size_t len)
{
    const uint8_t *p = buf;
    uint64_t c = ~crc;
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = __builtin_ia32_crc32di(c, v);
        p += 8;
        len -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (len--) c32 = __builtin_ia32_crc32qi(c32, *p++);
    return ~c32;
}
#endif

static void crc_pick(void)
{
    crc_init();
#if defined(__x86_64__)
    const char *sw = getenv("OMENDB_CRC32C_SW");
    if (__builtin_cpu_supports("sse4.2") && !(sw && *sw == '1')) crc_fn = crc_hw;
#endif
}

uint32_t om_crc32c(uint32_t crc, const void *buf, size_t len)
{
    pthread_once(&crc_once, crc_pick);
    return crc_fn(crc, buf, len);
}

static uint32_t crc_sw(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    crc = ~crc;
    while (len >= 8) {
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                             (uint32_t)p[3] << 24);
        crc = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^
              crc_table[5][(lo >> 16) & 0xff] ^ crc_table[4][lo >> 24] ^
              crc_table[3][p[4]] ^ crc_table[2][p[5]] ^ crc_table[1][p[6]] ^ crc_table[0][p[7]];
        p += 8;
        len -= 8;
    }
    while (len--) crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}
