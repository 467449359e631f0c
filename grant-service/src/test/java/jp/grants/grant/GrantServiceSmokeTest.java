package jp.grants.grant;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.ServiceSmokeTest;

@QuarkusTest
class GrantServiceSmokeTest extends ServiceSmokeTest {}
