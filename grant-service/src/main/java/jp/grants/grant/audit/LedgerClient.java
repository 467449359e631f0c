package jp.grants.grant.audit;

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
import jp.grants.platform.web.StrictJson;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** What the reconciliation reads from the ledger-service, as the auditor who asked. */
@RegisterRestClient(configKey = "ledger")
@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
public interface LedgerClient {

  /**
   * The service's own mapper refuses unknown fields, nulls and control characters in request bodies
   * (platform StrictJson); the ledger's answers are read tolerantly, so that a field the ledger
   * adds later breaks nothing and its nulls ("no report yet") are taken.
   */
  @ClientObjectMapper
  static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
    return StrictJson.forAnswers(defaultObjectMapper);
  }

  record PaidDisbursement(UUID disbursementId, long amountYen) {}

  record GrantYearRecord(
      UUID grantId,
      String status,
      long allocationYen,
      long disbursedYen,
      List<PaidDisbursement> disbursements) {}

  /** One difference the ledger found itself (its figures against each other and its journal). */
  record LedgerDifference(String figure, Long expectedYen, Long actualYen, String explanation) {}

  /**
   * One fiscal year of a grant as the ledger has it ({@code GET /grants/{id}/reconciliation}).
   * allocatedYen = capYen − carriedInYen + carriedOutYen; paidYen is gross; heldYen = paid −
   * refunded − paid carried out + paid carried in; reportedYen and reportStatus are null while no
   * report exists; unspentYen = held − reported for reported years; finalYen null before
   * settlement.
   */
  record LedgerYear(
      int fiscalYear,
      long allocatedYen,
      long carriedInYen,
      long carriedOutYen,
      long capYen,
      long paidYen,
      long indirectCostYen,
      long refundedYen,
      long indirectRefundedYen,
      long additionalChargeYen,
      long paidCarriedInYen,
      long paidCarriedOutYen,
      long heldYen,
      Long reportedYen,
      String reportStatus,
      Long unspentYen,
      Long finalYen,
      List<LedgerDifference> differences) {}

  /**
   * A grant's money as the ledger has it, per fiscal year, with the differences the ledger found
   * itself.
   */
  record LedgerReconciliation(
      UUID grantId,
      String programCode,
      String budgetPool,
      String status,
      boolean settled,
      Long finalAmountYen,
      Long finalIndirectCostYen,
      List<LedgerYear> years) {}

  @GET
  @Path("/grants/{grantId}/reconciliation")
  LedgerReconciliation grantReconciliation(
      @PathParam("grantId") UUID grantId, @HeaderParam("Authorization") String authorization);

  @GET
  @Path("/programs/{code}/fiscal-years/{fiscalYear}/grants")
  List<GrantYearRecord> grants(
      @PathParam("code") String program,
      @PathParam("fiscalYear") int fiscalYear,
      @HeaderParam("Authorization") String authorization);
}
