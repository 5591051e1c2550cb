# halobestie-backend (rpm %post): system user, protected settings, enable and (re)start.
systemd-sysusers /usr/lib/sysusers.d/halobestie.conf >/dev/null 2>&1 || :
chown root:halobestie /etc/halobestie /etc/halobestie/backend.env || :
chmod 0750 /etc/halobestie; chmod 0640 /etc/halobestie/backend.env
# Two keys: apps' tokens and staff tokens (the backend refuses one key for both).
for secret in jwt-secret staff-jwt-secret; do
    if [ ! -e /etc/halobestie/$secret ]; then
        (umask 027; head -c 32 /dev/urandom | base64 > /etc/halobestie/$secret)
        chown root:halobestie /etc/halobestie/$secret || :
    fi
done
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    systemctl enable halobestie-backend.service >/dev/null 2>&1 || :
    systemctl try-restart halobestie-backend.service >/dev/null 2>&1 || :
    [ "$1" = 1 ] && { systemctl start halobestie-backend.service >/dev/null 2>&1 || :; }
fi
