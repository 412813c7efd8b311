#!/bin/sh
# plot.sh DATA PNG TITLE LABEL... — chart bench/tpch/run's per-query medians:
# DATA has a "#" header line, then "query seconds seconds ..." per query (NaN for
# a failed query, drawn as no bar); one bar per system, log scale.
set -eu
[ $# -ge 4 ] || { echo "usage: plot.sh data png title label..." >&2; exit 2; }
dat=$1 png=$2 title=$3
shift 3
gp=$(mktemp)
trap 'rm -f "$gp"' EXIT
{
    echo "set terminal pngcairo size 1300,520 font 'sans,10'"
    echo "set output '$png'"
    echo "set title '$title'"
    echo "set style data histograms; set style histogram clustered gap 1"
    echo "set style fill solid 0.85 border -1; set boxwidth 0.9"
    echo "set logscale y; set ylabel 'seconds (log scale)'; set grid ytics"
    echo "set key top left; set datafile missing 'NaN'"
    printf "plot "
    col=2
    for label in "$@"; do
        [ $col -gt 2 ] && printf ", "
        if [ $col -eq 2 ]; then
            printf "'%s' using %d:xtic(1) title '%s'" "$dat" $col "$label"
        else
            printf "'' using %d title '%s'" $col "$label"
        fi
        col=$((col + 1))
    done
    echo
} > "$gp"
gnuplot "$gp"
