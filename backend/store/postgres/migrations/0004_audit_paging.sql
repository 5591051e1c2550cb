-- 0004: the audit log is read newest first by id (audit.list pages with before_id), optionally
-- of one action. The primary key serves the unfiltered pages; this index the filtered ones. The
-- index by time is no longer read.

CREATE INDEX audit_log_action_id_idx ON audit_log (action, id);
DROP INDEX audit_log_at_idx;
