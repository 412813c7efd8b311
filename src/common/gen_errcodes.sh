#!/bin/sh
# gen_errcodes.sh IN OUT — turn errcodes.txt into errcodes.h (one #define each).
set -eu
{
  echo '/* Generated from errcodes.txt by gen_errcodes.sh: do not edit. */'
  echo '#ifndef OM_ERRCODES_H'
  echo '#define OM_ERRCODES_H'
  grep -v '^#' "$1" | awk 'NF >= 2 { printf "#define %s \"%s\"\n", $2, $1 }'
  echo '#endif'
} > "$2"
