package jp.grants.review;

import io.quarkus.test.junit.QuarkusTest;
import jp.grants.infra.contract.OpenApiFuzzContract;

@QuarkusTest
class ReviewServiceOpenApiFuzzTest extends OpenApiFuzzContract {}
