-- A trunk's registration to its peer (FreePBX's register string user:secret@host:port), if it has one.
ALTER TABLE trunk ADD COLUMN register_user VARCHAR(64);
ALTER TABLE trunk ADD COLUMN register_secret VARCHAR(128);
ALTER TABLE trunk ADD COLUMN register_host VARCHAR(255);
ALTER TABLE trunk ADD COLUMN register_port INTEGER;
