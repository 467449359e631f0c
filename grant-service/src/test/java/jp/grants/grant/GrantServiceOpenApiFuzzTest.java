package jp.grants.grant;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.contract.OpenApiFuzzContract;

@QuarkusTest
class GrantServiceOpenApiFuzzTest extends OpenApiFuzzContract {}
