# Clean Debian 12 roots for scripts/package-check.sh, sourced. The first call runs debootstrap
# (minbase) from Debian's mirror and keeps the result as a tarball under $HB_ROOT_CACHE, so
# reruns only unpack it. Downloaded .debs are kept there too (bind-mounted as the root's apt
# archive), so repeated installs do not download again.

HB_ROOT_CACHE=${HB_ROOT_CACHE:-/var/cache/halobestie-package-check}
HB_DEBIAN_MIRROR=${HB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
hb_root_mounts=()

# hb_root_tarball: prints the path of the cached bookworm minbase tarball, building it once.
hb_root_tarball() {
  local tarball=$HB_ROOT_CACHE/bookworm-minbase.tar.gz
  if [[ ! -s $tarball ]]; then
    mkdir -p "$HB_ROOT_CACHE"
    local tmp
    tmp=$(mktemp -d "$HB_ROOT_CACHE/debootstrap.XXXXXX")
    echo "debootstrap: a Debian 12 minbase root from $HB_DEBIAN_MIRROR (once; cached)" >&2
    debootstrap --variant=minbase --include=ca-certificates bookworm "$tmp/root" \
      "$HB_DEBIAN_MIRROR" >"$tmp/debootstrap.log" 2>&1 \
      || { tail -20 "$tmp/debootstrap.log" >&2; return 1; }
    rm -f "$tmp"/root/var/cache/apt/archives/*.deb
    tar -C "$tmp/root" -czf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  echo "$tarball"
}

# hb_root_new DIR: unpacks a fresh root into DIR and mounts what apt and daemons need.
hb_root_new() {
  local dir=$1 tarball
  tarball=$(hb_root_tarball)
  mkdir -p "$dir" "$HB_ROOT_CACHE/archives/partial"
  tar -C "$dir" -xzf "$tarball"
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  # No service starts inside the root on its own: the check starts what it needs by hand.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod +x "$dir/usr/sbin/policy-rc.d"
  mount -t proc proc "$dir/proc"; hb_root_mounts+=("$dir/proc")
  mount --bind /dev "$dir/dev"; hb_root_mounts+=("$dir/dev")
  mount -t devpts devpts "$dir/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null \
    && hb_root_mounts+=("$dir/dev/pts")
  mount -t tmpfs tmpfs "$dir/run"; hb_root_mounts+=("$dir/run")
  mount -t tmpfs tmpfs "$dir/tmp"; hb_root_mounts+=("$dir/tmp")
  mount --bind "$HB_ROOT_CACHE/archives" "$dir/var/cache/apt/archives"
  hb_root_mounts+=("$dir/var/cache/apt/archives")
  chroot "$dir" apt-get update -qq
}

# hb_root_apt DIR ARGS...: apt-get install inside the root, non-interactive; its output goes
# to DIR/tmp/apt.log and is shown only when it fails.
hb_root_apt() {
  local dir=$1; shift
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "$@" >"$dir/tmp/apt.log" 2>&1 \
    || { tail -40 "$dir/tmp/apt.log" >&2; return 1; }
}

# hb_root_cleanup: unmounts everything hb_root_new mounted (newest first).
hb_root_cleanup() {
  local i
  for ((i = ${#hb_root_mounts[@]} - 1; i >= 0; i--)); do
    umount -l "${hb_root_mounts[i]}" 2>/dev/null || true
  done
  hb_root_mounts=()
}
