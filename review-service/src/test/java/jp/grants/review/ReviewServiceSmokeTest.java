package jp.grants.review;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.ServiceSmokeTest;

@QuarkusTest
class ReviewServiceSmokeTest extends ServiceSmokeTest {}
