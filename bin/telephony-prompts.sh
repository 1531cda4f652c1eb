#!/usr/bin/env bash
# Regenerates the secure IVR's prompts (src/main/resources/telephony/prompts/{lang}/{name}.ul: 8 kHz
# mono G.711 µ-law, no header) from the texts in bin/telephony-prompts/{lang}.tsv (name<TAB>text).
# Needs espeak-ng and sox (Debian packages espeak-ng, sox). The output is committed, so a build needs
# neither; run this after changing a text and commit what it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/telephony/prompts
for texts in bin/telephony-prompts/*.tsv; do
  lang=$(basename "$texts" .tsv)
  case "$lang" in
    en) voice=en-us; speed=165 ;;
    zh-TW|zh-CN) voice=cmn; speed=170 ;;
    *) echo "no voice for $lang" >&2; exit 1 ;;
  esac
  mkdir -p "$out/$lang"
  while IFS=$'\t' read -r name text; do
    [ -n "$name" ] || continue
    tmp=$(mktemp --suffix=.wav)
    espeak-ng -v "$voice" -s "$speed" -w "$tmp" "$text"
    # 8 kHz µ-law, leading and trailing silence trimmed, a little under full scale
    sox "$tmp" -r 8000 -c 1 -e u-law -t raw "$out/$lang/$name.ul" silence 1 0.02 1% reverse silence 1 0.02 1% reverse gain -n -3
    rm -f "$tmp"
  done < "$texts"
done
du -sh "$out"
