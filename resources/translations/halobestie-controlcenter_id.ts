<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
</context>
<context>
    <name>hb::cc::AuditLogModel</name>
    <message>
        <source>(anonymous)</source>
        <translation>(anonim)</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Baris perintah</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sasaran</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation>%1 (tidak berubah)</translation>
    </message>
</context>
<context>
    <name>hb::cc::DashboardHistory</name>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation>Obrolan aktif</translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation>Mitra daring</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>Permintaan tertunda</translation>
    </message>
    <message>
        <source>Avg customers per mitra</source>
        <translation>Rerata pelanggan/mitra</translation>
    </message>
    <message>
        <source>Max customers per mitra</source>
        <translation>Maks. pelanggan/mitra</translation>
    </message>
</context>
<context>
    <name>hb::cc::Durations</name>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 j %2 mnt</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 h %2 j</translation>
    </message>
</context>
<context>
    <name>hb::cc::MitraTableModel</name>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>Own setting</source>
        <translation>Pengaturan sendiri</translation>
    </message>
    <message>
        <source>Global default</source>
        <translation>Bawaan global</translation>
    </message>
    <message>
        <source>%1 serves %2 sessions, above its capacity of %3: it gets no new customers until sessions end.</source>
        <translation>%1 melayani %2 sesi, di atas kapasitasnya %3: tidak mendapat pelanggan baru sampai ada sesi yang selesai.</translation>
    </message>
    <message>
        <source>Edit to set this mitra&apos;s capacity; clear it to use the global default.</source>
        <translation>Ubah untuk mengatur kapasitas mitra ini; kosongkan untuk memakai bawaan global.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Active sessions</source>
        <translation>Sesi aktif</translation>
    </message>
    <message>
        <source>Max customers</source>
        <translation>Maks. pelanggan</translation>
    </message>
    <message>
        <source>Capacity from</source>
        <translation>Kapasitas dari</translation>
    </message>
</context>
<context>
    <name>hb::cc::PresenceTimelineModel</name>
    <message>
        <source>Went offline</source>
        <translation>Luring sendiri</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Koneksi terputus</translation>
    </message>
    <message>
        <source>Server restarted</source>
        <translation>Server dimulai ulang</translation>
    </message>
    <message>
        <source>Taken offline by staff</source>
        <translation>Dibuat luring oleh staf</translation>
    </message>
    <message>
        <source>Closed after a server failure</source>
        <translation>Ditutup setelah server gagal</translation>
    </message>
    <message>
        <source>Still online</source>
        <translation>Masih daring</translation>
    </message>
    <message>
        <source>Online from</source>
        <translation>Daring dari</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Ended because</source>
        <translation>Berakhir karena</translation>
    </message>
</context>
<context>
    <name>hb::cc::RequestListModel</name>
    <message>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Menunggu selama</translation>
    </message>
    <message>
        <source>Offered to</source>
        <translation>Ditawarkan ke</translation>
    </message>
</context>
<context>
    <name>hb::cc::SessionBoardModel</name>
    <message>
        <source>Moving…</source>
        <translation>Memindahkan…</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Menunggu pembayaran</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Above capacity: gets no new customers until sessions end.</source>
        <translation>Di atas kapasitas: tidak mendapat pelanggan baru sampai ada sesi yang selesai.</translation>
    </message>
    <message>
        <source>Mitra / customer</source>
        <translation>Mitra / pelanggan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Lama</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Beban</translation>
    </message>
</context>
<context>
    <name>hb::ui::AboutDialog</name>
    <message>
        <source>About HaloBestie Control Center</source>
        <translation>Tentang HaloBestie Control Center</translation>
    </message>
    <message>
        <source>HaloBestie Control Center</source>
        <translation>HaloBestie Control Center</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versi %1</translation>
    </message>
    <message>
        <source>Live view and control of mitras, sessions and pairing requests for HaloBestie&apos;s control-center staff.</source>
        <translation>Pantauan langsung dan kendali atas mitra, sesi, dan permintaan pasangan untuk staf control center HaloBestie.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Instance: %1</source>
        <translation>Instans: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>Built with Qt %1 (running on %2).</source>
        <translation>Dibangun dengan Qt %1 (berjalan di %2).</translation>
    </message>
</context>
<context>
    <name>hb::ui::AuditActions</name>
    <message>
        <source>Signed in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Gagal masuk</translation>
    </message>
    <message>
        <source>Capacity changed</source>
        <translation>Kapasitas diubah</translation>
    </message>
    <message>
        <source>Session rerouted</source>
        <translation>Sesi dipindahkan</translation>
    </message>
    <message>
        <source>Mitra forced offline</source>
        <translation>Mitra dibuat luring</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Pengaturan diubah</translation>
    </message>
    <message>
        <source>Staff account added</source>
        <translation>Akun staf ditambahkan</translation>
    </message>
    <message>
        <source>Staff password changed</source>
        <translation>Kata sandi staf diubah</translation>
    </message>
    <message>
        <source>Staff account disabled</source>
        <translation>Akun staf dinonaktifkan</translation>
    </message>
    <message>
        <source>Staff account enabled</source>
        <translation>Akun staf diaktifkan</translation>
    </message>
    <message>
        <source>Default capacity</source>
        <translation>Kapasitas bawaan</translation>
    </message>
</context>
<context>
    <name>hb::ui::AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message numerus="yes">
        <source>%n newest entries shown; scroll for older ones</source>
        <translation>
            <numerusform>%n entri terbaru ditampilkan; gulir untuk yang lebih lama</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entri</numerusform>
        </translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>oleh %1</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>Sasaran: %1</translation>
    </message>
    <message>
        <source>From address: %1</source>
        <translation>Dari alamat: %1</translation>
    </message>
    <message>
        <source>No state recorded.</source>
        <translation>Tidak ada keadaan yang dicatat.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Sebelum</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sesudah</translation>
    </message>
    <message>
        <source>Select an entry to see what changed.</source>
        <translation>Pilih entri untuk melihat apa yang berubah.</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Tampilkan:</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Semua tindakan</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Load older entries</source>
        <translation>Muat entri lebih lama</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>Entri log audit</translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>Tidak dapat memuat log audit: %1</translation>
    </message>
</context>
<context>
    <name>hb::ui::CapacityDelegate</name>
    <message>
        <source>Default (%1)</source>
        <translation>Bawaan (%1)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Bawaan</translation>
    </message>
    <message>
        <source>Customers this mitra may serve at once (0: no new customers). The lowest value gives it back the default.</source>
        <translation>Jumlah pelanggan yang boleh dilayani mitra ini sekaligus (0: tidak ada pelanggan baru). Nilai terendah mengembalikannya ke bawaan.</translation>
    </message>
</context>
<context>
    <name>hb::ui::CommandLine</name>
    <message>
        <source>HaloBestie Control Center: live view and control of mitras, sessions and pairing requests for control-center staff.

Without options it shows the sign-in dialog. With --server and --token (or the environment variables HALOBESTIE_SERVER and HALOBESTIE_TOKEN) it signs in without the dialog, for kiosk screens and automation. Prefer the environment variable for the token: other users of the machine can read command lines.</source>
        <translation>HaloBestie Control Center: pantauan langsung dan kendali atas mitra, sesi, dan permintaan pasangan untuk staf control center.

Tanpa opsi, dialog masuk ditampilkan. Dengan --server dan --token (atau variabel lingkungan HALOBESTIE_SERVER dan HALOBESTIE_TOKEN) aplikasi masuk tanpa dialog, untuk layar kios dan otomasi. Sebaiknya token diberikan lewat variabel lingkungan: pengguna lain di mesin ini dapat membaca baris perintah.</translation>
    </message>
    <message>
        <source>Server address, e.g. wss://halo.example.com or 127.0.0.1:8080 [env HALOBESTIE_SERVER].</source>
        <translation>Alamat server, mis. wss://halo.example.com atau 127.0.0.1:8080 [env HALOBESTIE_SERVER].</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Sign in with this staff token (JWT) instead of a password [env HALOBESTIE_TOKEN].</source>
        <translation>Masuk dengan token staf (JWT) ini, bukan kata sandi [env HALOBESTIE_TOKEN].</translation>
    </message>
    <message>
        <source>jwt</source>
        <translation>jwt</translation>
    </message>
    <message>
        <source>User interface language: id (Bahasa Indonesia) or en (English). Default: the last choice, else the system language.</source>
        <translation>Bahasa antarmuka: id (Bahasa Indonesia) atau en (English). Bawaan: pilihan terakhir, atau bahasa sistem.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>kode</translation>
    </message>
    <message>
        <source>Save a PNG of each main view into this folder once the data arrived, then quit (documentation, checks).</source>
        <translation>Simpan PNG setiap tampilan utama ke folder ini setelah data tiba, lalu keluar (dokumentasi, pemeriksaan).</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Argumen tak terduga: %1</translation>
    </message>
    <message>
        <source>--server: %1</source>
        <translation>--server: %1</translation>
    </message>
    <message>
        <source>A token needs a server: add --server URL (or set HALOBESTIE_SERVER).</source>
        <translation>Token memerlukan server: tambahkan --server URL (atau atur HALOBESTIE_SERVER).</translation>
    </message>
    <message>
        <source>--token: that is not a JWT (expected three parts separated by dots).</source>
        <translation>--token: itu bukan JWT (seharusnya tiga bagian dipisahkan titik).</translation>
    </message>
    <message>
        <source>--language: use id or en.</source>
        <translation>--language: gunakan id atau en.</translation>
    </message>
    <message>
        <source>--screenshot needs a folder.</source>
        <translation>--screenshot memerlukan folder.</translation>
    </message>
</context>
<context>
    <name>hb::ui::ConnectionBanner</name>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>Koneksi ke server terputus.</translation>
    </message>
    <message>
        <source>The server is restarting; another one takes over.</source>
        <translation>Server sedang dimulai ulang; server lain mengambil alih.</translation>
    </message>
    <message>
        <source>You signed in on another screen, so this one was disconnected.</source>
        <translation>Anda masuk di layar lain, jadi layar ini diputus.</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid (it expired or the account was disabled).</source>
        <translation>Sesi masuk Anda tidak berlaku lagi (kedaluwarsa atau akun dinonaktifkan).</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Sudah keluar.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation>Server menutup koneksi (kode %1).</translation>
    </message>
    <message>
        <source>The server closed the connection: %1</source>
        <translation>Server menutup koneksi: %1</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s (attempt %1). The figures shown are from before the drop.</source>
        <translation>
            <numerusform>Menyambung ulang dalam %n dtk (percobaan %1). Angka yang tampil berasal dari sebelum terputus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Menyambung ulang…</translation>
    </message>
    <message>
        <source>Reconnecting to the server…</source>
        <translation>Menyambung ulang ke server…</translation>
    </message>
    <message>
        <source>Nothing is updated until you sign in again.</source>
        <translation>Tidak ada yang diperbarui sampai Anda masuk lagi.</translation>
    </message>
    <message>
        <source>&amp;Sign in again…</source>
        <translation>&amp;Masuk lagi…</translation>
    </message>
    <message>
        <source>Connected again. All views are up to date.</source>
        <translation>Tersambung kembali. Semua tampilan sudah terbaru.</translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>Sambungkan &amp;sekarang</translation>
    </message>
</context>
<context>
    <name>hb::ui::ControlCenterApp</name>
    <message>
        <source>Sign in again to continue.</source>
        <translation>Masuk lagi untuk melanjutkan.</translation>
    </message>
    <message>
        <source>Your sign-in expired or was withdrawn. Sign in again to continue.</source>
        <translation>Sesi masuk Anda kedaluwarsa atau dicabut. Masuk lagi untuk melanjutkan.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Anda sudah keluar.</translation>
    </message>
</context>
<context>
    <name>hb::ui::DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>Dasbor</translation>
    </message>
    <message>
        <source>Waiting for the first figures from the server…</source>
        <translation>Menunggu angka pertama dari server…</translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s) over capacity</source>
        <translation>
            <numerusform>%n mitra melebihi kapasitas</numerusform>
        </translation>
    </message>
    <message>
        <source>all mitras within capacity</source>
        <translation>semua mitra dalam kapasitas</translation>
    </message>
    <message numerus="yes">
        <source>+ %n offline, still serving</source>
        <translation>
            <numerusform>+ %n luring, masih melayani</numerusform>
        </translation>
    </message>
    <message>
        <source>none offline with customers</source>
        <translation>semua yang melayani daring</translation>
    </message>
    <message>
        <source>longest wait %1</source>
        <translation>tunggu terlama %1</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>tidak ada yang menunggu</translation>
    </message>
    <message>
        <source>default capacity %1</source>
        <translation>kapasitas bawaan %1</translation>
    </message>
    <message>
        <source>no sessions</source>
        <translation>tidak ada sesi</translation>
    </message>
    <message>
        <source>Live. Last change %1 ago.</source>
        <translation>Langsung. Perubahan terakhir %1 lalu.</translation>
    </message>
    <message>
        <source>Not live: figures from %1.</source>
        <translation>Tidak langsung: angka dari %1.</translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation>Obrolan aktif</translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation>Mitra daring</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>Permintaan tertunda</translation>
    </message>
    <message>
        <source>Avg customers per mitra</source>
        <translation>Rerata pelanggan/mitra</translation>
    </message>
    <message>
        <source>Max customers per mitra</source>
        <translation>Maks. pelanggan/mitra</translation>
    </message>
</context>
<context>
    <name>hb::ui::Failures</name>
    <message>
        <source>the server did not answer in time. The change may still happen: check the figures before trying again.</source>
        <translation>server tidak menjawab tepat waktu. Perubahan mungkin tetap terjadi: periksa angkanya sebelum mencoba lagi.</translation>
    </message>
    <message>
        <source>not connected to the server.</source>
        <translation>tidak tersambung ke server.</translation>
    </message>
    <message>
        <source>the connection dropped before the server answered. The change may have happened: check the figures after reconnecting.</source>
        <translation>koneksi terputus sebelum server menjawab. Perubahan mungkin sudah terjadi: periksa angkanya setelah tersambung lagi.</translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read.</source>
        <translation>jawaban server tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>the request was not valid; nothing was sent.</source>
        <translation>permintaan tidak sah; tidak ada yang dikirim.</translation>
    </message>
    <message>
        <source>that mitra is already at capacity</source>
        <translation>mitra itu sudah penuh</translation>
    </message>
    <message>
        <source>that mitra is offline</source>
        <translation>mitra itu sedang luring</translation>
    </message>
    <message>
        <source>it changed meanwhile (e.g. the session ended, or it is already there)</source>
        <translation>sudah berubah sementara itu (mis. sesi selesai, atau sudah berada di sana)</translation>
    </message>
    <message>
        <source>it no longer exists</source>
        <translation>sudah tidak ada</translation>
    </message>
    <message>
        <source>your account may not do this</source>
        <translation>akun Anda tidak boleh melakukan ini</translation>
    </message>
    <message>
        <source>the server cannot do this right now; try again shortly</source>
        <translation>server tidak dapat melakukannya sekarang; coba lagi sebentar lagi</translation>
    </message>
    <message>
        <source>too many requests; wait a moment</source>
        <translation>terlalu banyak permintaan; tunggu sebentar</translation>
    </message>
    <message>
        <source>the server did not accept the request</source>
        <translation>server tidak menerima permintaan itu</translation>
    </message>
    <message>
        <source>your sign-in is no longer valid</source>
        <translation>sesi masuk Anda tidak berlaku lagi</translation>
    </message>
    <message>
        <source>the server had an internal error</source>
        <translation>terjadi kesalahan internal di server</translation>
    </message>
    <message>
        <source>the server refused (%1).</source>
        <translation>server menolak (%1).</translation>
    </message>
    <message>
        <source>%1 (server: %2).</source>
        <extracomment>%1 is our explanation, %2 the server&apos;s own message (in English)</extracomment>
        <translation>%1 (server: %2).</translation>
    </message>
</context>
<context>
    <name>hb::ui::ForceOfflineDialog</name>
    <message>
        <source>Force offline</source>
        <translation>Buat luring</translation>
    </message>
    <message>
        <source>Take &lt;b&gt;%1&lt;/b&gt; offline?</source>
        <translation>Buat &lt;b&gt;%1&lt;/b&gt; luring?</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is already offline.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; sudah luring.</translation>
    </message>
    <message>
        <source>%1 gets no new customers until they go online again themselves (they are not blocked). Pending offers to them close and move on to other mitras.</source>
        <translation>%1 tidak mendapat pelanggan baru sampai ia daring lagi sendiri (ia tidak diblokir). Tawaran yang tertunda untuknya ditutup dan diteruskan ke mitra lain.</translation>
    </message>
    <message>
        <source>Forcing again changes nothing, but it can still move their open sessions.</source>
        <translation>Memaksa lagi tidak mengubah apa pun, tetapi sesi terbukanya masih bisa dipindahkan.</translation>
    </message>
    <message>
        <source>Also move their %1 to other online mitras (least busy first)</source>
        <translation>Pindahkan juga %1 miliknya ke mitra daring lain (yang paling longgar dulu)</translation>
    </message>
    <message>
        <source>Sessions no other mitra has room for stay with %1.</source>
        <translation>Sesi yang tidak bisa ditampung mitra lain tetap pada %1.</translation>
    </message>
    <message>
        <source>They have no open sessions.</source>
        <translation>Tidak ada sesi terbuka.</translation>
    </message>
    <message>
        <source>&amp;Take offline</source>
        <translation>&amp;Buat luring</translation>
    </message>
    <message>
        <source>&amp;Move sessions</source>
        <translation>&amp;Pindahkan sesi</translation>
    </message>
</context>
<context>
    <name>hb::ui::Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 j %2 mnt</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 h %2 j</translation>
    </message>
    <message>
        <source>since %1 (%2)</source>
        <translation>sejak %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n sesi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s)</source>
        <translation>
            <numerusform>%n mitra</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n permintaan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hb::ui::GlobalCapacityBox</name>
    <message>
        <source>Default &amp;capacity:</source>
        <translation>&amp;Kapasitas bawaan:</translation>
    </message>
    <message>
        <source>customers per mitra</source>
        <translation>pelanggan per mitra</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>How many customers a mitra may serve at once, unless it has its own setting. Applies to new requests; running sessions are never moved.</source>
        <translation>Jumlah pelanggan yang boleh dilayani seorang mitra sekaligus, kecuali ia punya pengaturan sendiri. Berlaku untuk permintaan baru; sesi yang berjalan tidak pernah dipindahkan.</translation>
    </message>
</context>
<context>
    <name>hb::ui::HistoryChart</name>
    <message>
        <source>The last hour</source>
        <translation>Satu jam terakhir</translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation>Obrolan aktif</translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation>Mitra daring</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>Permintaan tertunda</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Customers per mitra</source>
        <translation>Pelanggan per mitra</translation>
    </message>
    <message>
        <source>Since you signed in (up to an hour)</source>
        <translation>Sejak Anda masuk (hingga satu jam)</translation>
    </message>
    <message>
        <source>Avg per mitra (right)</source>
        <translation>Rerata/mitra (kanan)</translation>
    </message>
    <message>
        <source>Max per mitra (right)</source>
        <translation>Maks./mitra (kanan)</translation>
    </message>
</context>
<context>
    <name>hb::ui::LoadBarDelegate</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>hb::ui::LoadChart</name>
    <message>
        <source>Busiest mitras</source>
        <translation>Mitra tersibuk</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Kosong</translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation>Melebihi kapasitas</translation>
    </message>
</context>
<context>
    <name>hb::ui::MainWindow</name>
    <message>
        <source>Refreshed.</source>
        <translation>Diperbarui.</translation>
    </message>
    <message>
        <source>This view has no filter.</source>
        <translation>Tampilan ini tidak punya penyaring.</translation>
    </message>
    <message>
        <source>Taking %1 offline…</source>
        <translation>Membuat %1 luring…</translation>
    </message>
    <message>
        <source>%1 is now offline.</source>
        <translation>%1 sekarang luring.</translation>
    </message>
    <message>
        <source>%1 was already offline.</source>
        <translation>%1 memang sudah luring.</translation>
    </message>
    <message>
        <source>%1 moved to other mitras.</source>
        <translation>%1 dipindahkan ke mitra lain.</translation>
    </message>
    <message>
        <source>%1 stayed: no other mitra had room.</source>
        <translation>%1 tetap: tidak ada mitra lain yang punya tempat.</translation>
    </message>
    <message>
        <source>Could not take %1 offline: %2</source>
        <translation>Tidak dapat membuat %1 luring: %2</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● Tersambung</translation>
    </message>
    <message>
        <source>● Reconnecting…</source>
        <translation>● Menyambung ulang…</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Menyambung…</translation>
    </message>
    <message>
        <source>● Not connected</source>
        <translation>● Tidak tersambung</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>pemantau</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Instance: %1</source>
        <translation>Instans: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Signed in as %1, account %2</source>
        <translation>Masuk sebagai %1, akun %2</translation>
    </message>
    <message>
        <source>HaloBestie Control Center – %1 (%2)</source>
        <translation>HaloBestie Control Center – %1 (%2)</translation>
    </message>
    <message>
        <source>HaloBestie Control Center</source>
        <translation>HaloBestie Control Center</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>T&amp;indakan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Bahasa</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>Bawaan &amp;sistem</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Keluar a&amp;kun</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <source>Fetch the current view again (F5)</source>
        <translation>Ambil ulang tampilan ini (F5)</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Saring…</translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation>Layar &amp;penuh</translation>
    </message>
    <message>
        <source>&amp;Default capacity…</source>
        <translation>Kapasitas &amp;bawaan…</translation>
    </message>
    <message>
        <source>Change how many customers each mitra may serve by default</source>
        <translation>Ubah jumlah pelanggan yang boleh dilayani setiap mitra secara bawaan</translation>
    </message>
    <message>
        <source>&amp;About HaloBestie Control Center</source>
        <translation>&amp;Tentang HaloBestie Control Center</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Tentang &amp;Qt</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Bilah alat</translation>
    </message>
    <message>
        <source>Show &amp;toolbar</source>
        <translation>Tampilkan &amp;bilah alat</translation>
    </message>
</context>
<context>
    <name>hb::ui::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>hb::ui::MitraFilterProxy</name>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>own setting</source>
        <translation>pengaturan sendiri</translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation>bawaan (%1)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>bawaan</translation>
    </message>
    <message>
        <source>%1 (id %2): %3 of %4 customers</source>
        <translation>%1 (id %2): %3 dari %4 pelanggan</translation>
    </message>
    <message>
        <source>Over capacity: serves more customers than allowed since the capacity was lowered. Gets no new customers until below it; running sessions are not moved.</source>
        <translation>Melebihi kapasitas: melayani lebih banyak pelanggan dari yang diizinkan sejak kapasitasnya diturunkan. Tidak mendapat pelanggan baru sampai di bawahnya; sesi yang berjalan tidak dipindahkan.</translation>
    </message>
    <message>
        <source>The server does not know since when (its live state was rebuilt).</source>
        <translation>Server tidak tahu sejak kapan (keadaan langsungnya dibangun ulang).</translation>
    </message>
</context>
<context>
    <name>hb::ui::MitrasView</name>
    <message>
        <source>Could not change the capacity of %1: %2</source>
        <translation>Tidak dapat mengubah kapasitas %1: %2</translation>
    </message>
    <message>
        <source>Setting the capacity of %1 to %2…</source>
        <translation>Mengatur kapasitas %1 menjadi %2…</translation>
    </message>
    <message>
        <source>Giving %1 the default capacity again…</source>
        <translation>Mengembalikan %1 ke kapasitas bawaan…</translation>
    </message>
    <message>
        <source>Mitras</source>
        <translation>Mitra</translation>
    </message>
    <message>
        <source>The default capacity is now %1 customers per mitra. Mitras with their own setting keep it.</source>
        <translation>Kapasitas bawaan sekarang %1 pelanggan per mitra. Mitra dengan pengaturan sendiri tetap memakainya.</translation>
    </message>
    <message>
        <source>Could not change the default capacity: %1</source>
        <translation>Tidak dapat mengubah kapasitas bawaan: %1</translation>
    </message>
    <message>
        <source>Change how many customers this mitra may serve at once</source>
        <translation>Ubah jumlah pelanggan yang boleh dilayani mitra ini sekaligus</translation>
    </message>
    <message>
        <source>Remove this mitra&apos;s own capacity: it follows the default again</source>
        <translation>Hapus kapasitas khusus mitra ini: ia mengikuti bawaan lagi</translation>
    </message>
    <message>
        <source>Take this mitra offline (e.g. walked away with the app open)</source>
        <translation>Buat mitra ini luring (mis. pergi dengan aplikasi masih terbuka)</translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s)</source>
        <translation>
            <numerusform>%n mitra</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n mitra(s)</source>
        <translation>
            <numerusform>%1 dari %n mitra</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by name or id (Ctrl+F)</source>
        <translation>Saring menurut nama atau id (Ctrl+F)</translation>
    </message>
    <message>
        <source>All mitras</source>
        <translation>Semua mitra</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Offline, still serving</source>
        <translation>Luring, masih melayani</translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation>Melebihi kapasitas</translation>
    </message>
    <message>
        <source>With own capacity</source>
        <translation>Dengan kapasitas sendiri</translation>
    </message>
    <message>
        <source>&amp;Edit capacity</source>
        <translation>&amp;Ubah kapasitas</translation>
    </message>
    <message>
        <source>&amp;Reset to default capacity</source>
        <translation>&amp;Kembalikan ke kapasitas bawaan</translation>
    </message>
    <message>
        <source>&amp;Force offline…</source>
        <translation>Buat &amp;luring…</translation>
    </message>
    <message>
        <source>Show presence &amp;history</source>
        <translation>Lihat &amp;riwayat kehadiran</translation>
    </message>
    <message>
        <source>&amp;Copy mitra id</source>
        <translation>&amp;Salin id mitra</translation>
    </message>
</context>
<context>
    <name>hb::ui::PresenceHistoryView</name>
    <message>
        <source>Presence history</source>
        <translation>Riwayat kehadiran</translation>
    </message>
    <message>
        <source>Choose a mitra</source>
        <translation>Pilih mitra</translation>
    </message>
    <message>
        <source>Pick a mitra above (or type its id) to see when it was online.</source>
        <translation>Pilih mitra di atas (atau ketik id-nya) untuk melihat kapan ia daring.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 pada %2</translation>
    </message>
    <message>
        <source>Not online on this day (or the answer has not arrived yet).</source>
        <translation>Tidak daring pada hari ini (atau jawabannya belum tiba).</translation>
    </message>
    <message numerus="yes">
        <source>Online for %1 in %n period(s).</source>
        <translation>
            <numerusform>Daring selama %1 dalam %n periode.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Mitra:</source>
        <translation>&amp;Mitra:</translation>
    </message>
    <message>
        <source>Name or id</source>
        <translation>Nama atau id</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Hari:</translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation>Hari sebelumnya (Alt+Kiri)</translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation>Hari berikutnya (Alt+Kanan)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>Online periods</source>
        <translation>Periode daring</translation>
    </message>
    <message>
        <source>Timeline of the day</source>
        <translation>Garis waktu hari terpilih</translation>
    </message>
    <message>
        <source>Could not load the presence history of %1: %2</source>
        <translation>Tidak dapat memuat riwayat kehadiran %1: %2</translation>
    </message>
    <message>
        <source>The history of this day could not be loaded.</source>
        <translation>Riwayat hari terpilih tidak dapat dimuat.</translation>
    </message>
</context>
<context>
    <name>hb::ui::PresenceTimeline</name>
    <message>
        <source>Online since %1 (%2), still online</source>
        <translation>Daring sejak %1 (%2), masih daring</translation>
    </message>
    <message>
        <source>Online %1 – %2 (%3)
Ended: %4</source>
        <translation>Daring %1 – %2 (%3)
Berakhir: %4</translation>
    </message>
    <message>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <source>went offline</source>
        <translation>luring sendiri</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>koneksi terputus</translation>
    </message>
    <message>
        <source>forced offline</source>
        <translation>dibuat luring</translation>
    </message>
    <message>
        <source>server restart</source>
        <translation>server dimulai ulang</translation>
    </message>
    <message>
        <source>now</source>
        <translation>sekarang</translation>
    </message>
</context>
<context>
    <name>hb::ui::RequestProxy</name>
    <message>
        <source>Request %1 (customer id %2)</source>
        <translation>Permintaan %1 (id pelanggan %2)</translation>
    </message>
</context>
<context>
    <name>hb::ui::RequestsView</name>
    <message>
        <source>Pending requests</source>
        <translation>Permintaan tertunda</translation>
    </message>
    <message>
        <source>Nobody is waiting</source>
        <translation>Tidak ada yang menunggu</translation>
    </message>
    <message>
        <source>%1 waiting, longest for %2</source>
        <translation>%1 menunggu, terlama %2</translation>
    </message>
    <message>
        <source>Filter by customer (Ctrl+F)</source>
        <translation>Saring menurut pelanggan (Ctrl+F)</translation>
    </message>
    <message>
        <source>No customer is waiting for a mitra right now.</source>
        <translation>Saat ini tidak ada pelanggan yang menunggu mitra.</translation>
    </message>
</context>
<context>
    <name>hb::ui::RerouteDialog</name>
    <message>
        <source>Reroute session</source>
        <translation>Pindahkan sesi</translation>
    </message>
    <message>
        <source>Move the session of &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; to:</source>
        <translation>Pindahkan sesi &lt;b&gt;%1&lt;/b&gt; dari &lt;b&gt;%2&lt;/b&gt; ke:</translation>
    </message>
    <message>
        <source>Type a name to filter</source>
        <translation>Ketik nama untuk menyaring</translation>
    </message>
    <message>
        <source>&amp;Move here</source>
        <translation>&amp;Pindahkan ke sini</translation>
    </message>
</context>
<context>
    <name>hb::ui::RerouteTargetProxy</name>
    <message>
        <source>Offline: cannot take sessions.</source>
        <translation>Luring: tidak dapat menerima sesi.</translation>
    </message>
    <message>
        <source>Full: at capacity.</source>
        <translation>Penuh: kapasitas tercapai.</translation>
    </message>
    <message>
        <source>Can take this session.</source>
        <translation>Dapat menerima sesi ini.</translation>
    </message>
</context>
<context>
    <name>hb::ui::ServerAddress</name>
    <message>
        <source>Enter the server address, for example wss://halo.example.com.</source>
        <translation>Masukkan alamat server, misalnya wss://halo.example.com.</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (or http:// or https://).</source>
        <translation>Alamat harus diawali ws:// atau wss:// (atau http:// atau https://).</translation>
    </message>
    <message>
        <source>That is not a valid server address. Use host:port or a wss:// address.</source>
        <translation>Itu bukan alamat server yang sah. Gunakan host:port atau alamat wss://.</translation>
    </message>
</context>
<context>
    <name>hb::ui::SessionBoardProxy</name>
    <message>
        <source>Session %1 of customer %2. Drag it onto another mitra to move it, or press Ctrl+R.</source>
        <translation>Sesi %1 milik pelanggan %2. Seret ke mitra lain untuk memindahkannya, atau tekan Ctrl+R.</translation>
    </message>
    <message>
        <source>Mitra %1</source>
        <translation>Mitra %1</translation>
    </message>
</context>
<context>
    <name>hb::ui::SessionsView</name>
    <message>
        <source>Moving the session of %1 to %2…</source>
        <translation>Memindahkan sesi %1 ke %2…</translation>
    </message>
    <message>
        <source>The session of %1 stays with %2. Could not move it to %3: %4</source>
        <translation>Sesi %1 tetap pada %2. Tidak dapat memindahkannya ke %3: %4</translation>
    </message>
    <message>
        <source>The session of %1 is now with %2.</source>
        <translation>Sesi %1 sekarang pada %2.</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesi</translation>
    </message>
    <message>
        <source>Move the selected session to another mitra</source>
        <translation>Pindahkan sesi terpilih ke mitra lain</translation>
    </message>
    <message>
        <source>Take this mitra offline</source>
        <translation>Buat mitra ini luring</translation>
    </message>
    <message>
        <source>Drag a session onto another mitra to move it.</source>
        <translation>Seret sesi ke mitra lain untuk memindahkannya.</translation>
    </message>
    <message>
        <source>Viewers see sessions; supervisors can move them.</source>
        <translation>Pemantau melihat sesi; supervisor dapat memindahkannya.</translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation>%1 pada %2</translation>
    </message>
    <message>
        <source>Filter by mitra or customer (Ctrl+F)</source>
        <translation>Saring menurut mitra atau pelanggan (Ctrl+F)</translation>
    </message>
    <message>
        <source>All mitras</source>
        <translation>Semua mitra</translation>
    </message>
    <message>
        <source>Mitras with sessions</source>
        <translation>Mitra dengan sesi</translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation>Mitra daring</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Buka semua</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Tutup semua</translation>
    </message>
    <message>
        <source>&amp;Reroute to…</source>
        <translation>&amp;Pindahkan ke…</translation>
    </message>
    <message>
        <source>&amp;Force mitra offline…</source>
        <translation>Buat mitra &amp;luring…</translation>
    </message>
    <message>
        <source>Show presence &amp;history</source>
        <translation>Lihat &amp;riwayat kehadiran</translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation>&amp;Salin id</translation>
    </message>
    <message>
        <source>Sessions by mitra</source>
        <translation>Sesi per mitra</translation>
    </message>
</context>
<context>
    <name>hb::ui::SignInDialog</name>
    <message>
        <source>Signing in to %1…</source>
        <translation>Masuk ke %1…</translation>
    </message>
    <message>
        <source>The username or password is not right (or the account is disabled). Check both and try again.</source>
        <translation>Nama pengguna atau kata sandi salah (atau akun dinonaktifkan). Periksa keduanya lalu coba lagi.</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in (it expired or the account was disabled). Sign in with your password.</source>
        <translation>Server tidak lagi menerima sesi masuk Anda (kedaluwarsa atau akun dinonaktifkan). Masuk dengan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Wait a few minutes, then try again.</source>
        <translation>Terlalu banyak percobaan masuk yang gagal. Tunggu beberapa menit, lalu coba lagi.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and port, and that this computer is online.</source>
        <translation>Tidak dapat menghubungi server di %1. Periksa alamat dan port, dan pastikan komputer ini tersambung ke jaringan.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. The server&apos;s certificate may be invalid or expired, or the server does not use TLS (then use ws:// instead of wss://).</source>
        <translation>Koneksi aman ke %1 gagal: %2. Sertifikat server mungkin tidak sah atau kedaluwarsa, atau server tidak memakai TLS (gunakan ws:// alih-alih wss://).</translation>
    </message>
    <message>
        <source>The server cannot check sign-ins right now (its account store is down). Try again in a minute.</source>
        <translation>Server tidak dapat memeriksa login saat ini (penyimpanan akunnya mati). Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer like a HaloBestie server. Check the address and port.</source>
        <translation>Server di %1 tidak menjawab seperti server HaloBestie. Periksa alamat dan port.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>Server menolak masuk: %1</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Masukkan nama pengguna Anda.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Masukkan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Sign in – HaloBestie Control Center</source>
        <translation>Masuk – HaloBestie Control Center</translation>
    </message>
    <message>
        <source>Sign in to the Control Center</source>
        <translation>Masuk ke Control Center</translation>
    </message>
    <message>
        <source>Use your control-center staff account.</source>
        <translation>Gunakan akun staf control center Anda.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>e.g. wss://halo.example.com</source>
        <translation>mis. wss://halo.example.com</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Bahasa:</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Bawaan sistem</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Masuk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
</context>
<context>
    <name>hb::ui::ViewPage</name>
    <message>
        <source>Only supervisors can do this. You are signed in as a viewer.</source>
        <translation>Hanya supervisor yang dapat melakukan ini. Anda masuk sebagai pemantau.</translation>
    </message>
    <message>
        <source>Not connected to the server. Wait for the connection to come back.</source>
        <translation>Tidak tersambung ke server. Tunggu sampai koneksi kembali.</translation>
    </message>
</context>
</TS>
