-- Full-text indexes of the folded search texts, so that a search does not
-- read every row: the trigram tokenizer finds any part of a word of three
-- letters or more (shorter words are still looked for in search_text). The
-- texts are folded already (data.Fold), so the tokenizer takes them as they
-- are (case_sensitive 1) instead of folding every letter again.
-- Triggers keep each index in step with its table in the same transaction.
-- A rebuilt index is optimized into one segment, which halves the time of
-- a search that matches many rows.

-- Referrals and cases have integer keys: their indexes read the text from
-- the table itself.
CREATE VIRTUAL TABLE referrals_fts USING fts5(search_text, content='referrals', content_rowid='id', tokenize='trigram case_sensitive 1');
INSERT INTO referrals_fts(referrals_fts) VALUES ('rebuild');
INSERT INTO referrals_fts(referrals_fts) VALUES ('optimize');
CREATE TRIGGER referrals_fts_insert AFTER INSERT ON referrals BEGIN
    INSERT INTO referrals_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER referrals_fts_delete AFTER DELETE ON referrals BEGIN
    INSERT INTO referrals_fts(referrals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER referrals_fts_update AFTER UPDATE OF search_text ON referrals BEGIN
    INSERT INTO referrals_fts(referrals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO referrals_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE VIRTUAL TABLE cases_fts USING fts5(search_text, content='cases', content_rowid='id', tokenize='trigram case_sensitive 1');
INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');
INSERT INTO cases_fts(cases_fts) VALUES ('optimize');
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_text ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO cases_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Organizations and services have text keys (UUIDs) and hidden row
-- numbers, which a VACUUM may renumber: a restored backup rebuilds their
-- indexes (Store.Restore, RestoreFile).
CREATE VIRTUAL TABLE organizations_fts USING fts5(search_text, content='organizations', content_rowid='rowid', tokenize='trigram case_sensitive 1');
INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild');
INSERT INTO organizations_fts(organizations_fts) VALUES ('optimize');
CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER organizations_fts_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organizations_fts(organizations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF search_text ON organizations BEGIN
    INSERT INTO organizations_fts(organizations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO organizations_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE VIRTUAL TABLE services_fts USING fts5(search_text, content='services', content_rowid='rowid', tokenize='trigram case_sensitive 1');
INSERT INTO services_fts(services_fts) VALUES ('rebuild');
INSERT INTO services_fts(services_fts) VALUES ('optimize');
CREATE TRIGGER services_fts_insert AFTER INSERT ON services BEGIN
    INSERT INTO services_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER services_fts_delete AFTER DELETE ON services BEGIN
    INSERT INTO services_fts(services_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER services_fts_update AFTER UPDATE OF search_text ON services BEGIN
    INSERT INTO services_fts(services_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO services_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
