package jp.grants.ledger.disbursement.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.command.DisbursementService;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.domain.LedgerRules;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.disbursement.persistence.IdempotencyRecord;
import jp.grants.ledger.disbursement.query.DisbursementView;
import jp.grants.ledger.grant.persistence.GrantAccount;
import jp.grants.platform.problem.Problem;

/**
 * REST disbursements with an Idempotency-Key: the first request with a key is carried out and its
 * answer (status and body) stored in the same transaction; a retry with the same key and the same
 * request gets that answer again and changes nothing; the same key with another request is refused.
 */
@ApplicationScoped
public class IdempotentDisbursements {
  /** What to send back. */
  public record Answer(int status, String contentType, String body, UUID disbursementId, boolean replayed) {}

  @Inject EntityManager em;
  @Inject DisbursementService disbursements;
  @Inject ObjectMapper json;

  /**
   * Everything in one transaction on one connection (a read outside it would hold a second
   * connection per request for the request's whole life, and starve the pool under load).
   */
  @Transactional
  public Answer disburse(String key, DisburseRequest request, DisburseCommand command, String instance) {
    if (GrantAccount.count("grantId", request.grantId()) == 0) {
      // Nothing to pay from and nothing written: a retry once the award has arrived is a first request.
      Problem problem = Problem.ofRule(404, "Not Found", LedgerRules.UNKNOWN_GRANT,
          "the ledger has no award for grant " + request.grantId()).at(instance);
      return new Answer(404, Problem.MEDIA_TYPE, write(problem), null, false);
    }
    String subject = command.provenance().actor();
    String fingerprint = fingerprint(request);
    if (!claim(subject, key, fingerprint)) {
      return earlier(subject, key, fingerprint, instance);
    }
    Disbursement d = disbursements.disburse(command).disbursement();
    Answer answer = d.status == DisbursementStatus.ACCEPTED
        ? new Answer(201, MediaType.APPLICATION_JSON, write(DisbursementView.of(d)), d.disbursementId, false)
        : refused(RefusalProblem.of(d, instance), d.disbursementId);
    store(subject, key, answer);
    return answer;
  }

  /** Inserts the key; waits for a concurrent holder of the same key to finish, then says no. */
  private boolean claim(String subject, String key, String fingerprint) {
    return em.createNativeQuery("INSERT INTO idempotency_key (subject, idempotency_key, fingerprint)"
            + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .setParameter(1, subject)
        .setParameter(2, key)
        .setParameter(3, fingerprint)
        .executeUpdate() == 1;
  }

  private Answer earlier(String subject, String key, String fingerprint, String instance) {
    IdempotencyRecord stored = IdempotencyRecord.findById(new IdempotencyRecord.Key(subject, key));
    if (!stored.fingerprint.equals(fingerprint)) {
      return refused(RefusalProblem.reusedKey(key, instance), null);
    }
    return new Answer(stored.responseStatus, stored.responseType, stored.responseBody, stored.disbursementId, true);
  }

  private void store(String subject, String key, Answer answer) {
    em.createNativeQuery("UPDATE idempotency_key SET response_status = ?1, response_type = ?2, response_body = ?3,"
            + " disbursement_id = ?4 WHERE subject = ?5 AND idempotency_key = ?6")
        .setParameter(1, answer.status())
        .setParameter(2, answer.contentType())
        .setParameter(3, answer.body())
        .setParameter(4, answer.disbursementId())
        .setParameter(5, subject)
        .setParameter(6, key)
        .executeUpdate();
  }

  private Answer refused(RefusalProblem problem, UUID disbursementId) {
    return new Answer(problem.status(), Problem.MEDIA_TYPE, write(problem), disbursementId, false);
  }

  private String fingerprint(DisburseRequest request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
      return HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer", e);
    }
  }
}
