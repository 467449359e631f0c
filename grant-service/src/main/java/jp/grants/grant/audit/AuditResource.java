package jp.grants.grant.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.audit.ChainVerifier;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.grant.audit.AuditViews.AuditedEvent;
import jp.grants.grant.audit.AuditViews.BrokenLink;
import jp.grants.grant.audit.AuditViews.History;
import jp.grants.grant.audit.AuditViews.StateAt;
import jp.grants.grant.audit.AuditViews.Verification;
import jp.grants.grant.axon.EventMetadataKeys;
import jp.grants.platform.audit.ExportProofs;
import jp.grants.platform.audit.NdjsonExport;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For auditors: every grant's full history with who and why, its state at any past point rebuilt by
 * the aggregate itself, proof that nothing was altered, and verifiable exports. Everything here
 * reads the event store, never a read model.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit",
    description =
        "Every state a grant ever had, who caused it, the hash chain that proves nothing was altered, exports and the reconciliation with the ledger")
public class AuditResource {
  public static final String NDJSON = NdjsonExport.NDJSON;

  @Inject StoredEvents stored;
  @Inject GrantReplayer replayer;
  @Inject GrantSelection selection;
  @Inject Reconciliation reconciliation;
  @Inject ExportProofs proofs;

  @GET
  @Path("/grants/{id}/events")
  @Operation(
      summary =
          "Every stored event of a grant in order, with actor, cause and hash; filter by type and time")
  public History events(
      @PathParam("id") UUID id,
      @QueryParam("type") @Size(max = 200) String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
      @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
    Instant since = instant("from", from);
    Instant until = instant("to", to);
    List<AuditedEvent> matching =
        existing(id).stream()
            .filter(e -> type == null || e.type().equals(type) || e.type().endsWith("." + type))
            .filter(e -> since == null || !Instant.parse(e.timestamp()).isBefore(since))
            .filter(e -> until == null || !Instant.parse(e.timestamp()).isAfter(until))
            .map(this::audited)
            .toList();
    int first = (int) Math.min((long) page * size, matching.size());
    return new History(
        id,
        matching.size(),
        page,
        size,
        matching.subList(first, Math.min(first + size, matching.size())));
  }

  @GET
  @Path("/grants/{id}/state")
  @Operation(
      summary =
          "The grant as it was at an instant (asOf, ISO-8601 with offset) or after event atSequence,"
              + " replayed through the aggregate")
  public StateAt state(
      @PathParam("id") UUID id,
      @QueryParam("asOf") String asOf,
      @QueryParam("atSequence") @Min(0) Long atSequence) {
    if ((asOf == null) == (atSequence == null)) {
      throw new BadRequestException("name exactly one of asOf and atSequence");
    }
    Instant instant = instant("asOf", asOf);
    var history = replayer.history(id); // read once: the replay and the last sequence come from it
    long last = history.size() - 1L;
    if (last < 0) {
      throw new NotFoundException("no grant " + id);
    }
    var state =
        GrantReplayer.replay(
            history.stream()
                .takeWhile(
                    event ->
                        instant != null
                            ? !event.getTimestamp().isAfter(instant)
                            : event.getSequenceNumber() <= atSequence)
                .toList());
    return new StateAt(
        id,
        instant,
        atSequence,
        last,
        state.orElseThrow(
            () -> new NotFoundException("grant " + id + " did not exist yet at that point")));
  }

  @GET
  @Path("/grants/{id}/verify")
  @Operation(summary = "Recompute the grant's hash chain and report the first broken link")
  public Verification verify(@PathParam("id") UUID id) {
    List<ExportedEvent> events = existing(id);
    ChainVerifier verifier = new ChainVerifier();
    String head = stored.chainHead(id).map(ExportedEvent::hex).orElse(null);
    for (ExportedEvent event : events) {
      Optional<String> broken = verifier.accept(event);
      if (broken.isPresent()) {
        return new Verification(
            id,
            false,
            verifier.events(),
            head,
            ExportedEvent.hex(verifier.head()),
            new BrokenLink(event.sequence(), event.eventId(), broken.get()));
      }
    }
    String recomputed = ExportedEvent.hex(verifier.head());
    if (!recomputed.equals(head)) {
      ExportedEvent last = events.get(events.size() - 1);
      return new Verification(
          id,
          false,
          verifier.events(),
          head,
          recomputed,
          new BrokenLink(
              last.sequence(),
              last.eventId(),
              "the chain head recorded by the service is not the last stored event's hash: events were removed or replaced"));
    }
    return new Verification(id, true, verifier.events(), head, recomputed, null);
  }

  @GET
  @Path("/grants/{id}/export")
  @Produces(NDJSON)
  @Operation(
      summary =
          "The grant's history as NDJSON, one event per line with its hash, up to the head of a signed"
              + " checkpoint; the last line is the exportProof (the checkpoint, the head's inclusion"
              + " proof, the signed manifest and, with since, the proofs against an earlier checkpoint)")
  public Response export(
      @PathParam("id") UUID id,
      @QueryParam("since") @Min(0) Long since,
      @Context SecurityContext security) {
    existing(id);
    proofs.checkSince(since);
    return ndjson(
        proofs.prepare("grant", id.toString(), null, List.of(id), since, caller(security)),
        "grant-" + id);
  }

  @GET
  @Path("/export")
  @Produces(NDJSON)
  @Operation(
      summary =
          "The histories of all grants of a program running in a fiscal year, as NDJSON, with the"
              + " exportProof line last (as the grant export)")
  public Response exportProgram(
      @Parameter(required = true, description = "The program's code, e.g. `WPI`")
          @QueryParam("program")
          @NotNull
          @Pattern(regexp = "[A-Z0-9-]{1,50}")
          String program,
      @Parameter(required = true, description = "The fiscal year (April to March), e.g. `2026`")
          @QueryParam("fiscalYear")
          @NotNull
          @Min(2000)
          @Max(2100)
          Integer fiscalYear,
      @QueryParam("since") @Min(0) Long since,
      @Context SecurityContext security) {
    proofs.checkSince(since);
    ExportProofs.Prepared prepared =
        proofs.prepare(
            "program",
            program,
            fiscalYear,
            selection.grantsOf(program, fiscalYear),
            since,
            caller(security));
    return ndjson(prepared, program + "-FY" + fiscalYear);
  }

  @GET
  @Path("/reconciliation")
  @Operation(
      summary =
          "Per grant of a program, the allocation and disbursements its history implies for a fiscal"
              + " year beside the ledger's figures, with every difference")
  public Reconciliation.Report reconcile(
      @Parameter(required = true, description = "The program's code, e.g. `WPI`")
          @QueryParam("program")
          @NotNull
          @Pattern(regexp = "[A-Z0-9-]{1,50}")
          String program,
      @Parameter(required = true, description = "The fiscal year (April to March), e.g. `2026`")
          @QueryParam("fiscalYear")
          @NotNull
          @Min(2000)
          @Max(2100)
          Integer fiscalYear,
      @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
    return reconciliation.reconcile(program, fiscalYear, authorization);
  }

  @GET
  @Path("/grants/{id}/reconciliation")
  @Operation(
      summary =
          "A grant's money per fiscal year as its history has it (allocated, carried in and out, cap,"
              + " paid, indirect, refunded, additional charge, held, reported, unspent, final) beside the ledger's"
              + " reconciliation of the grant, with every difference")
  public Reconciliation.GrantMoneyReconciliation reconcileGrant(
      @PathParam("id") UUID id, @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
    existing(id);
    return reconciliation.reconcileGrant(id, authorization);
  }

  private Response ndjson(ExportProofs.Prepared prepared, String name) {
    return NdjsonExport.of(prepared, name, stored::streamGrantsUpTo);
  }

  private static String caller(SecurityContext security) {
    return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
  }

  private List<ExportedEvent> existing(UUID id) {
    List<ExportedEvent> events = stored.of(id);
    if (events.isEmpty()) {
      throw new NotFoundException("no grant " + id);
    }
    return events;
  }

  private AuditedEvent audited(ExportedEvent e) {
    JsonNode meta = stored.metaData(e);
    return new AuditedEvent(
        e.sequence(),
        e.eventId(),
        e.type(),
        e.payloadRevision(),
        e.timestamp(),
        text(meta, "actor"),
        text(meta, "actorRole"),
        text(meta, "correlationId"),
        text(meta, "causationId"),
        text(meta, "command"),
        text(meta, "request"),
        text(meta, EventMetadataKeys.CATALOG_VERSION),
        e.previousHash(),
        e.hash(),
        e.data());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name + " must be an ISO-8601 date-time with offset, e.g. 2027-03-31T23:59:59+09:00");
    }
  }

  static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
