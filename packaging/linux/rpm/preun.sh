# halobestie-backend (rpm %preun): stop and disable on erase (not on upgrade, $1 = 1).
if [ "$1" = 0 ] && [ -d /run/systemd/system ]; then
    systemctl disable --now halobestie-backend.service >/dev/null 2>&1 || :
fi
