# Sourced by build-aux/run and build-aux/test: install what a Debian 12 machine lacks.
ZHI_PACKAGES="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libpoppler-glib-dev libqpdf-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libsqlite3-dev
  nettle-dev
  fonts-noto-cjk fonts-lxgw-wenkai fonts-noto-color-emoji desktop-file-utils appstream xvfb xauth dbus dbus-x11
  qpdf poppler-utils clang libclang-rt-14-dev python3-pyatspi at-spi2-core
  adwaita-icon-theme hicolor-icon-theme librsvg2-common
  libreoffice-writer-nogui libreoffice-calc-nogui"

zhi_install_deps () {
  missing=""
  for p in $ZHI_PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
      missing="$missing $p"
    fi
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
