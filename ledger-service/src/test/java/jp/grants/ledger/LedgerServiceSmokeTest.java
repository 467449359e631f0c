package jp.grants.ledger;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.ServiceSmokeTest;

@QuarkusTest
class LedgerServiceSmokeTest extends ServiceSmokeTest {}
