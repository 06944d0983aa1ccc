#!/bin/sh
# Regenerates the built-in prompts (sip-app/src/main/resources/prompts/*.wav) from prompts.txt.
# Needs flite and sox (Debian: apt-get install flite sox). The WAV files are committed, so building the
# product does not need either tool; run this only after changing prompts.txt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/prompts"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
grep -v '^#' "$here/prompts.txt" | grep -v '^$' | while IFS='|' read -r name text; do
  flite -voice slt -t "$text" -o "$tmp/$name.wav"
  # 8 kHz mono 16-bit, a little quieter than full scale, with 100 ms of silence after each prompt.
  sox -D -R "$tmp/$name.wav" -r 8000 -b 16 -c 1 -e signed-integer "$out/$name.wav" gain -n -3 pad 0 0.1
done
echo "prompts written to $out"
