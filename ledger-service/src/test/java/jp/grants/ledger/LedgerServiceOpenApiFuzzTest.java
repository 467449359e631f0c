package jp.grants.ledger;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.contract.OpenApiFuzzContract;

@QuarkusTest
class LedgerServiceOpenApiFuzzTest extends OpenApiFuzzContract {}
