package jp.grants.grant.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** What the reconciliation reads from the ledger-service, as the auditor who asked. */
@RegisterRestClient(configKey = "ledger")
@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
public interface LedgerClient {

  /**
   * The service's own mapper refuses unknown fields in request bodies (platform StrictJson); the
   * ledger's answers are read tolerantly, so that a field the ledger adds later breaks nothing.
   */
  @ClientObjectMapper
  static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
    return defaultObjectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  record PaidDisbursement(UUID disbursementId, long amountYen) {}

  record GrantYearRecord(UUID grantId, String status, long allocationYen, long disbursedYen,
      List<PaidDisbursement> disbursements) {}

  @GET
  @Path("/programs/{code}/fiscal-years/{fiscalYear}/grants")
  List<GrantYearRecord> grants(@PathParam("code") String program, @PathParam("fiscalYear") int fiscalYear,
      @HeaderParam("Authorization") String authorization);
}
