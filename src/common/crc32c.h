/*
 * crc32c.h — CRC32C (Castagnoli), the checksum of storage values (rows,
 * catalog records, counters) and of learned-index images.
 */
#ifndef OM_CRC32C_H
#define OM_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* CRC32C of p[0..len), continuing from crc (0 to start): crc of a||b is
 * om_crc32c(om_crc32c(0, a, na), b, nb). Thread-safe (the tables are built
 * once). om_crc32c(0, "123456789", 9) == 0xE3069283. */
uint32_t om_crc32c(uint32_t crc, const void *p, size_t len);

#endif
