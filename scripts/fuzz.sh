#!/usr/bin/env bash
# Mutation fuzzing of the untrusted-input readers (Bot.Tests/Security/FuzzTests.cs): the WeCom app XML envelope and
# message, the WeCom robot JSON envelope and message, DingTalk messages and Stream frames, and the report parser.
# Usage: bash scripts/fuzz.sh [CASES]   (default 1000000 over the four targets; CI runs 100000 inside scripts/test.sh)
# A failure prints a CsCheck seed: rerun with CsCheck_Seed=<seed> bash scripts/fuzz.sh to reproduce it.
# No database is needed. Ends with one line per target ("fuzz <target>: N cases, 0 crashes, …") and the verdict.
set -uo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
log=$(mktemp /tmp/tiexibot-fuzz.XXXXXX)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
FUZZ_ITERATIONS="$cases" dotnet test Bot.Tests/Bot.Tests.csproj -c Release --filter "FullyQualifiedName~Bot.Tests.Security.FuzzTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1
rc=$?
grep -E "^ *fuzz |Set seed|Error Message|Failed Bot" "$log" | sed -E 's/^ +//'
echo "total: $cases cases in $(( $(date +%s) - start )) s (with the build), exit code $rc"
[ "$rc" -eq 0 ] && echo "0 crashes" || { tail -40 "$log"; echo "FUZZING FOUND A CRASH"; }
exit "$rc"
