package jp.grants.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once and answers the same token from memory until it expires: a front end
 * sends one token with every request of a session, and checking its RS256 signature again each time
 * cost more than the rest of a request's authentication (75-90 µs a token on our machines; a
 * look-up is under 1 µs). Only tokens that passed every check of smallrye-jwt (signature, issuer,
 * audience, the required claims, the lifetime) are kept, keyed by the exact token string, so a
 * token that differs in one character is verified afresh. A cached token is answered only while it
 * has not expired (no clock skew is granted from the cache: past {@code exp} it is verified again,
 * which applies the configured skew), and for at most {@link #MAX_AGE} after its verification,
 * which bounds how long a token signed by a key since withdrawn from the verification keys is
 * accepted. Replaces smallrye-jwt's parser for the bearer-token mechanism (a CDI alternative);
 * every other operation goes to smallrye-jwt's own parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {
  /** How long a verified token is answered from memory at most. */
  public static final Duration MAX_AGE = Duration.ofMinutes(5);

  /**
   * Tokens kept at most; the cache is emptied when full (tokens are verified again, nothing is
   * lost).
   */
  static final int MAX_ENTRIES = 10_000;

  /** Verifies a token (signature and claims). */
  @FunctionalInterface
  interface Verifier {
    JsonWebToken verify(String token) throws ParseException;
  }

  private record Verified(JsonWebToken token, long verifiedAtMillis) {}

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
  private final Clock clock;
  private DefaultJWTParser delegate;
  private Verifier verifier;

  /** For CDI. */
  protected CachingJwtParser() {
    this.clock = Clock.systemUTC();
  }

  @Inject
  CachingJwtParser(DefaultJWTParser delegate) {
    this(delegate::parse, Clock.systemUTC());
    this.delegate = delegate;
  }

  CachingJwtParser(Verifier verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    long now = clock.millis();
    Verified known = verified.get(token);
    if (known != null && usable(known, now)) {
      return known.token();
    }
    JsonWebToken jwt = verifier.verify(token);
    if (verified.size() >= MAX_ENTRIES) {
      verified.clear();
    }
    verified.put(token, new Verified(jwt, now));
    return jwt;
  }

  private static boolean usable(Verified known, long now) {
    long expiresAtMillis = known.token().getExpirationTime() * 1000;
    return now < expiresAtMillis && now - known.verifiedAtMillis() < MAX_AGE.toMillis();
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return delegate.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return delegate.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return delegate.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return delegate.parseOnly(token);
  }
}
