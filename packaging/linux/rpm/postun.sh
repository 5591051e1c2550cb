# halobestie-backend (rpm %postun): on erase, the state directory and the system user go too
# (rpm has no purge); %config(noreplace) settings edited by hand stay as .rpmsave.
if [ "$1" = 0 ]; then
    rm -f /etc/halobestie/jwt-secret /etc/halobestie/staff-jwt-secret
    rm -rf /var/lib/halobestie
    userdel halobestie >/dev/null 2>&1 || :
    groupdel halobestie >/dev/null 2>&1 || :
fi
[ -d /run/systemd/system ] && systemctl daemon-reload >/dev/null 2>&1 || :
