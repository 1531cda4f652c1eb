-- A keypad (IVR) session's short numeric code: the PBX reaches the session's secure IVR with a SIP call
-- to pay-{code}. Only an OPEN, unexpired session answers to its code; it is not a secret of the card.
alter table payment_session add column keypad_code varchar(12);
create index payment_session_keypad_idx on payment_session (keypad_code);
