-- A grant may be suspended (中断): nothing is paid while it is; it resumes ACTIVE or is terminated.
ALTER TABLE grant_account DROP CONSTRAINT grant_account_status_check;
ALTER TABLE grant_account ADD CONSTRAINT grant_account_status_check
    CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'CLOSED'));
