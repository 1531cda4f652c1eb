-- The authorization becomes an operation like the others (AUTHORIZE, or SALE when it captures at once), so one
-- answer path and one reconciler loop serve every call to the acquirer. Existing payments get theirs: an
-- UNKNOWN payment's operation carries its reconcile schedule over; a payment risk blocked never reached the
-- acquirer and has none. The reference is the payment's id, which the acquirer deduplicates authorizations on.
insert into payment_operation (id, payment_id, kind, status, currency, amount_minor, decline_code, acquirer_reference,
    requested_by, requested_by_name, reconcile_attempts, next_reconcile_at, attempted_at, created_at, updated_at)
select case when capture_requested then 'sal_' else 'aut_' end || substring(id from 5), id,
       case when capture_requested then 'SALE' else 'AUTHORIZE' end,
       case status when 'UNKNOWN' then 'UNKNOWN' when 'DECLINED' then 'FAILED' when 'FAILED' then 'FAILED' else 'SUCCEEDED' end,
       currency, amount_minor, case when status in ('DECLINED', 'FAILED') then decline_code end, id,
       'system', 'sale', reconcile_attempts, case when status = 'UNKNOWN' then next_reconcile_at end, created_at,
       created_at, updated_at
from payment where coalesce(decline_code, '') <> 'risk_blocked';

-- the schedule lives on the operation now
drop index payment_unknown_idx;
alter table payment drop column reconcile_attempts;
alter table payment drop column next_reconcile_at;
