#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Unpacks Debian's libvalijson-dev (header-only JSON Schema validator) into
# build-deps/valijson/usr/include, without installing it. Its package Depends on the headers of
# every JSON library valijson has an adapter for (qtbase5-dev, libpoco-dev, libyaml-cpp-dev,
# rapidjson-dev, picojson-dev, libjsoncpp-dev: hundreds of megabytes), none of which Semilla
# uses: it reads JSON with nlohmann-json only. `apt-get download` fetches just the .deb, with
# Debian's signature checks, and `dpkg -x` unpacks it without running its dependency resolution.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=build-deps/valijson
[ -f "$dest/usr/include/valijson/validator.hpp" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -qq libvalijson-dev >/dev/null 2>&1) || {
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  (cd "$tmp" && apt-get download -qq libvalijson-dev)
}
mkdir -p "$dest"
dpkg -x "$tmp"/libvalijson-dev_*.deb "$dest"
echo "valijson headers in $dest/usr/include"
