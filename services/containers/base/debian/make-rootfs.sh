#!/usr/bin/env bash
# Builds a Debian minbase root filesystem with debootstrap and imports it as a Docker image, because no registry
# is reachable to pull debian:bookworm from. Usage: make-rootfs.sh IMAGE_NAME [LABEL=VALUE...]
#
# Environment: DEBIAN_SUITE (bookworm), DEBIAN_MIRROR (http://deb.debian.org/debian)
set -euo pipefail

IMAGE=${1:?usage: make-rootfs.sh IMAGE_NAME [LABEL=VALUE...]}
shift
SUITE=${DEBIAN_SUITE:-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

ROOTFS=$(mktemp -d "${TMPDIR:-/var/tmp}/cloud-gallery-rootfs.XXXXXX")
trap 'rm -rf "$ROOTFS"' EXIT

debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 || {
  tail -n 30 "$ROOTFS.log" >&2
  exit 1
}
rm -f "$ROOTFS.log"

# The same sources as Debian's own images, so images built on this base get security updates.
rm -f "$ROOTFS/etc/apt/sources.list"
cat >"$ROOTFS/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES

# Package maintainer scripts must not try to start daemons during `docker build`: there is no init system.
cat >"$ROOTFS/usr/sbin/policy-rc.d" <<'POLICY'
#!/bin/sh
exit 101
POLICY
chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"

# Keep images small the way debian:*-slim does: no docs, man pages or translations from later installs,
# no package caches left in layers.
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
SLIM
cat >"$ROOTFS/etc/apt/apt.conf.d/docker-clean" <<'CLEAN'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
APT::AutoRemove::SuggestsImportant "false";
CLEAN
find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$ROOTFS"/usr/share/{man,groff,info,lintian,linda,locale}/*

# Docker supplies these at run time; the host's copies must not leak into the image.
: >"$ROOTFS/etc/resolv.conf"
: >"$ROOTFS/etc/hostname"
[ ! -e "$ROOTFS/etc/machine-id" ] || : >"$ROOTFS/etc/machine-id"
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/log/*.log "$ROOTFS"/var/log/apt/* "$ROOTFS"/tmp/*

changes=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'CMD ["bash"]'
)
for label in "$@"; do changes+=(--change "LABEL $label"); done

tar --numeric-owner -C "$ROOTFS" -c . \
  | docker import "${changes[@]}" --message "debootstrap --variant=minbase $SUITE" - "$IMAGE" >/dev/null
