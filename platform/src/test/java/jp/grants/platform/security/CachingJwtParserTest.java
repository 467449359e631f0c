package jp.grants.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** A verified token answered from memory until it expires, never a token that failed. */
class CachingJwtParserTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private static DefaultJWTCallerPrincipal principal(Instant expiresAt) {
    JwtClaims claims = new JwtClaims();
    claims.setSubject("finance-clerk-1");
    claims.setExpirationTimeMinutesInTheFuture(0);
    claims.setClaim("exp", expiresAt.getEpochSecond());
    return new DefaultJWTCallerPrincipal(claims);
  }

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldVerifyATokenOnceAndAnswerItFromMemoryUntilItExpires() throws Exception {
    AtomicInteger verifications = new AtomicInteger();
    Moving clock = new Moving();
    var factory =
        new CachingJwtParser(
            token -> {
              verifications.incrementAndGet();
              return principal(NOW.plusSeconds(120));
            },
            clock);

    var first = factory.parse("token-a");
    var again = factory.parse("token-a");
    factory.parse("token-b");

    assertThat(again).isSameAs(first);
    assertThat(verifications).hasValue(2);
    clock.now = NOW.plusSeconds(120);
    factory.parse("token-a");
    assertThat(verifications).as("verified again once expired").hasValue(3);
  }

  @Test
  void shouldVerifyAgainAfterTheMaximumAgeWhateverTheExpiry() throws Exception {
    AtomicInteger verifications = new AtomicInteger();
    Moving clock = new Moving();
    var factory =
        new CachingJwtParser(
            token -> {
              verifications.incrementAndGet();
              return principal(NOW.plus(Duration.ofHours(12)));
            },
            clock);

    factory.parse("token");
    clock.now = NOW.plus(CachingJwtParser.MAX_AGE).minusSeconds(1);
    factory.parse("token");
    clock.now = NOW.plus(CachingJwtParser.MAX_AGE);
    factory.parse("token");

    assertThat(verifications).hasValue(2);
  }

  @Test
  void shouldNeverRememberATokenThatFailedVerification() {
    AtomicInteger verifications = new AtomicInteger();
    var factory =
        new CachingJwtParser(
            token -> {
              verifications.incrementAndGet();
              throw new ParseException("signature does not verify");
            },
            new Moving());

    assertThatThrownBy(() -> factory.parse("forged")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> factory.parse("forged")).isInstanceOf(ParseException.class);
    assertThat(verifications).hasValue(2);
  }
}
