#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: JAVA_HOME if it is one, else the default javac's, else the newest under
# /usr/lib/jvm. Prints nothing when there is none.
set -u

major() { # the feature version of the JDK at $1, or 0
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
}

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v javac >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi
best="" best_major=0
for dir in "${candidates[@]}"; do
  m=$(major "$dir"); [ "${m:-0}" -ge 21 ] && { echo "$dir"; exit 0; }
done
for dir in /usr/lib/jvm/*/; do
  dir=${dir%/}; m=$(major "$dir")
  if [ "${m:-0}" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best=$dir best_major=$m; fi
done
echo "$best"
