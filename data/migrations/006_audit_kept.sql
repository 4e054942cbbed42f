-- The audit log is a record of what was done: Spilno only ever adds to
-- it. These triggers refuse any change or removal of a row, whoever asks.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is never changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is never changed');
END;
