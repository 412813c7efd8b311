#!/bin/sh
# plot.sh OUTPUT... PNG — chart ns per random hit lookup from the bench's
# csv lines (one or more saved outputs): one panel per key count, a group of
# bars per distribution, log scale.
set -eu
[ $# -ge 2 ] || { echo "usage: plot.sh bench-output... out.png" >&2; exit 2; }
eval "png=\${$#}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$@"; do
    n=$((n + 1)); [ "$n" -lt $# ] || break
    grep -h '^csv,' "$f" >> "$tmp/all.csv" || true
done
sizes=$(cut -d, -f3 "$tmp/all.csv" | sort -n -u)
panels=0
for k in $sizes; do
    # rows: dist; columns: rmi pgm bsearch btree lmdb
    awk -F, -v k="$k" '$3 == k { v[$2 "," $4] = $5; if (!($2 in seen)) { seen[$2] = 1; order[++nd] = $2 } }
        END { for (i = 1; i <= nd; i++) { d = order[i];
              printf "%s %s %s %s %s %s\n", d, v[d ",rmi"], v[d ",pgm"], v[d ",bsearch"], v[d ",btree"], v[d ",lmdb"] } }' \
        "$tmp/all.csv" > "$tmp/$k.dat"
    panels=$((panels + 1))
done
{
    echo "set terminal pngcairo size 1100,$((380 * panels)) font 'sans,10'"
    echo "set output '$png'"
    echo "set multiplot layout $panels,1"
    echo "set style data histograms; set style histogram clustered gap 1; set style fill solid 0.85 border -1"
    echo "set logscale y; set yrange [10:*]; set ylabel 'ns per random hit lookup (log)'; set grid ytics; set key outside right"
    for k in $sizes; do
        echo "set title sprintf('%s keys, median of runs (2 shared cores: noisy)', '$k')"
        echo "plot '$tmp/$k.dat' using 2:xtic(1) title 'rmi', '' using 3 title 'pgm', '' using 4 title 'bsearch', '' using 5 title 'btree', '' using 6 title 'lmdb'"
    done
    echo "unset multiplot"
} > "$tmp/plot.gp"
gnuplot "$tmp/plot.gp"
echo "plot.sh: wrote $png" >&2
