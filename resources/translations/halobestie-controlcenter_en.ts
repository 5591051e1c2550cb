<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::AuditLogModel</name>
    <message>
        <source>(anonymous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::DashboardHistory</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::Durations</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::MitraTableModel</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 serves %2 sessions, above its capacity of %3: it gets no new customers until sessions end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit to set this mitra&apos;s capacity; clear it to use the global default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::PresenceTimelineModel</name>
    <message>
        <source>Went offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server restarted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken offline by staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed after a server failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended because</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::RequestListModel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::cc::SessionBoardModel</name>
    <message>
        <source>Moving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above capacity: gets no new customers until sessions end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitra / customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::AboutDialog</name>
    <message>
        <source>About HaloBestie Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HaloBestie Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live view and control of mitras, sessions and pairing requests for HaloBestie&apos;s control-center staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with Qt %1 (running on %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::AuditActions</name>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session rerouted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitra forced offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff account added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff password changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff account disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff account enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default capacity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::AuditView</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n newest entries shown; scroll for older ones</source>
        <translation>
            <numerusform>%n newest entry shown; scroll for older ones</numerusform>
            <numerusform>%n newest entries shown; scroll for older ones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No state recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to see what changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::CapacityDelegate</name>
    <message>
        <source>Default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers this mitra may serve at once (0: no new customers). The lowest value gives it back the default.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::CommandLine</name>
    <message>
        <source>HaloBestie Control Center: live view and control of mitras, sessions and pairing requests for control-center staff.

Without options it shows the sign-in dialog. With --server and --token (or the environment variables HALOBESTIE_SERVER and HALOBESTIE_TOKEN) it signs in without the dialog, for kiosk screens and automation. Prefer the environment variable for the token: other users of the machine can read command lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address, e.g. wss://halo.example.com or 127.0.0.1:8080 [env HALOBESTIE_SERVER].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with this staff token (JWT) instead of a password [env HALOBESTIE_TOKEN].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: id (Bahasa Indonesia) or en (English). Default: the last choice, else the system language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of each main view into this folder once the data arrived, then quit (documentation, checks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token needs a server: add --server URL (or set HALOBESTIE_SERVER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token: that is not a JWT (expected three parts separated by dots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--language: use id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::ConnectionBanner</name>
    <message>
        <source>The connection to the server was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is restarting; another one takes over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in on another screen, so this one was disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid (it expired or the account was disabled).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s (attempt %1). The figures shown are from before the drop.</source>
        <translation>
            <numerusform>Reconnecting in %n s (attempt %1). The figures shown are from before the drop.</numerusform>
            <numerusform>Reconnecting in %n s (attempt %1). The figures shown are from before the drop.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is updated until you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected again. All views are up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::ControlCenterApp</name>
    <message>
        <source>Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in expired or was withdrawn. Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first figures from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s) over capacity</source>
        <translation>
            <numerusform>%n mitra over capacity</numerusform>
            <numerusform>%n mitras over capacity</numerusform>
        </translation>
    </message>
    <message>
        <source>all mitras within capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>+ %n offline, still serving</source>
        <translation>
            <numerusform>+ %n offline, still serving</numerusform>
            <numerusform>+ %n offline, still serving</numerusform>
        </translation>
    </message>
    <message>
        <source>none offline with customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longest wait %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default capacity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live. Last change %1 ago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not live: figures from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::Failures</name>
    <message>
        <source>the server did not answer in time. The change may still happen: check the figures before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection dropped before the server answered. The change may have happened: check the figures after reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s answer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was not valid; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>that mitra is already at capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>that mitra is offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it changed meanwhile (e.g. the session ended, or it is already there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your account may not do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server cannot do this right now; try again shortly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests; wait a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not accept the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your sign-in is no longer valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server had an internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (server: %2).</source>
        <extracomment>%1 is our explanation, %2 the server&apos;s own message (in English)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::ForceOfflineDialog</name>
    <message>
        <source>Force offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &lt;b&gt;%1&lt;/b&gt; offline?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is already offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gets no new customers until they go online again themselves (they are not blocked). Pending offers to them close and move on to other mitras.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forcing again changes nothing, but it can still move their open sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also move their %1 to other online mitras (least busy first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions no other mitra has room for stay with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They have no open sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move sessions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::Format</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s)</source>
        <translation>
            <numerusform>%n mitra</numerusform>
            <numerusform>%n mitras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hb::ui::GlobalCapacityBox</name>
    <message>
        <source>Default &amp;capacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many customers a mitra may serve at once, unless it has its own setting. Applies to new requests; running sessions are never moved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::HistoryChart</name>
    <message>
        <source>The last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers per mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since you signed in (up to an hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg per mitra (right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max per mitra (right)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::LoadBarDelegate</name>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::LoadChart</name>
    <message>
        <source>Busiest mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::MainWindow</name>
    <message>
        <source>Refreshed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This view has no filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking %1 offline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was already offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 moved to other mitras.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stayed: no other mitra had room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not take %1 offline: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1, account %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HaloBestie Control Center – %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HaloBestie Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the current view again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default capacity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change how many customers each mitra may serve by default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About HaloBestie Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;toolbar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::MessageBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::MitraFilterProxy</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>own setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (id %2): %3 of %4 customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over capacity: serves more customers than allowed since the capacity was lowered. Gets no new customers until below it; running sessions are not moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not know since when (its live state was rebuilt).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::MitrasView</name>
    <message>
        <source>Could not change the capacity of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the capacity of %1 to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giving %1 the default capacity again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default capacity is now %1 customers per mitra. Mitras with their own setting keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the default capacity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change how many customers this mitra may serve at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this mitra&apos;s own capacity: it follows the default again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this mitra offline (e.g. walked away with the app open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mitra(s)</source>
        <translation>
            <numerusform>%n mitra</numerusform>
            <numerusform>%n mitras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n mitra(s)</source>
        <translation>
            <numerusform>%1 of %n mitra</numerusform>
            <numerusform>%1 of %n mitras</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by name or id (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline, still serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With own capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset to default capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Force offline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show presence &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy mitra id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::PresenceHistoryView</name>
    <message>
        <source>Presence history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a mitra above (or type its id) to see when it was online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not online on this day (or the answer has not arrived yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Online for %1 in %n period(s).</source>
        <translation>
            <numerusform>Online for %1 in %n period.</numerusform>
            <numerusform>Online for %1 in %n periods.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Mitra:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the presence history of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history of this day could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::PresenceTimeline</name>
    <message>
        <source>Online since %1 (%2), still online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online %1 – %2 (%3)
Ended: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>went offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forced offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::RequestProxy</name>
    <message>
        <source>Request %1 (customer id %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::RequestsView</name>
    <message>
        <source>Pending requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting, longest for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by customer (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer is waiting for a mitra right now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::RerouteDialog</name>
    <message>
        <source>Reroute session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the session of &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name to filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::RerouteTargetProxy</name>
    <message>
        <source>Offline: cannot take sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full: at capacity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can take this session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::ServerAddress</name>
    <message>
        <source>Enter the server address, for example wss://halo.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (or http:// or https://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a valid server address. Use host:port or a wss:// address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::SessionBoardProxy</name>
    <message>
        <source>Session %1 of customer %2. Drag it onto another mitra to move it, or press Ctrl+R.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitra %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::SessionsView</name>
    <message>
        <source>Moving the session of %1 to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session of %1 stays with %2. Could not move it to %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session of %1 is now with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected session to another mitra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this mitra offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a session onto another mitra to move it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewers see sessions; supervisors can move them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by mitra or customer (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitras with sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online mitras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reroute to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Force mitra offline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show presence &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions by mitra</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::SignInDialog</name>
    <message>
        <source>Signing in to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username or password is not right (or the account is disabled). Check both and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in (it expired or the account was disabled). Sign in with your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Wait a few minutes, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and port, and that this computer is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. The server&apos;s certificate may be invalid or expired, or the server does not use TLS (then use ws:// instead of wss://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot check sign-ins right now (its account store is down). Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 did not answer like a HaloBestie server. Check the address and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in – HaloBestie Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use your control-center staff account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. wss://halo.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hb::ui::ViewPage</name>
    <message>
        <source>Only supervisors can do this. You are signed in as a viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the server. Wait for the connection to come back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
