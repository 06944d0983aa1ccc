-- Follow Me confirm-call: the answerer of a follow-me leg must press 1 before the call is put through.
ALTER TABLE follow_me ADD COLUMN confirm_calls BOOLEAN NOT NULL DEFAULT FALSE;
