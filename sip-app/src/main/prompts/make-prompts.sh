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
# The built-in music on hold: a slow, quiet arpeggio (plucked notes), about 19 seconds, looped by queues.
i=0
for note in C4 E4 G4 C5 G4 E4 A3 C4 E4 A4 E4 C4 F3 A3 C4 F4 C4 A3 G3 B3 D4 G4 D4 B3 \
    C4 E4 G4 C5 G4 E4 A3 C4 E4 A4 E4 C4 F3 A3 C4 F4 G4 B4; do
  sox -D -R -n -r 8000 -b 16 -c 1 "$tmp/note-$(printf %03d $i).wav" synth 0.45 pluck "$note" fade 0 0.45 0.2
  i=$((i + 1))
done
sox -D -R "$tmp"/note-*.wav "$out/music.wav" gain -n -12 pad 0 0.5
echo "prompts written to $out"
