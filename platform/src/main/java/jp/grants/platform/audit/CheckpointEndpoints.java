package jp.grants.platform.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.HexFormat;
import java.util.List;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.Signatures;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The signed checkpoint log for auditors: take a checkpoint now, read any, the public key that
 * verifies them, and the consistency proof between two of them. Each service that keeps a log
 * serves these from a subclass that names the path and the OpenAPI tag, e.g. grant-service's
 * {@code @Path("/api/v1/audit/checkpoints") class CheckpointResource extends CheckpointEndpoints}.
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public abstract class CheckpointEndpoints {
  @Inject CheckpointLog log;
  @Inject CheckpointKeys keys;

  // No class-level @Schema on the views: the scanner would add them to the OpenAPI document of
  // every service, also of one that keeps no log (ledger-service), as unused components.

  /** The key that verifies every checkpoint's signature. */
  public record PublicKeyView(
      @Schema(description = "First 16 hex digits of SHA-256 of the key (X.509 DER)") String keyId,
      @Schema(description = "Ed25519") String algorithm,
      @Schema(description = "The public key, PEM (X.509 SubjectPublicKeyInfo)") String publicKey) {}

  /**
   * RFC 9162 consistency proof that the checkpoint log at checkpoint 'from' is a prefix of the log
   * at checkpoint 'to'.
   */
  public record ConsistencyView(
      long from,
      long to,
      long firstLogSize,
      String firstLogRoot,
      long secondLogSize,
      String secondLogRoot,
      @Schema(description = "The proof's hashes, lower-case hex, in RFC 9162 order")
          List<String> proof) {}

  @POST
  @Operation(summary = "Take a checkpoint of every grant's chain head now, sign it and publish it")
  @APIResponse(
      responseCode = "201",
      description = "The new signed checkpoint",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Checkpoint.class)))
  public Response take(@Context SecurityContext security, @Context UriInfo uri) {
    String by = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    Checkpoint taken = log.take("requested", by);
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(taken.index())).build())
        .entity(taken)
        .build();
  }

  @GET
  @Operation(summary = "Checkpoints of the log from an index on, oldest first")
  public List<Checkpoint> list(
      @QueryParam("from") @DefaultValue("0") @Min(0) long from,
      @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
    return log.from(from, size);
  }

  @GET
  @Path("/latest")
  @Operation(summary = "The newest checkpoint")
  @APIResponse(
      responseCode = "200",
      description = "The newest signed checkpoint",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Checkpoint.class)))
  @APIResponse(responseCode = "404", description = "No checkpoint has been taken yet")
  public Checkpoint latest() {
    return log.latest().orElseThrow(() -> new NotFoundException("no checkpoint has been taken"));
  }

  @GET
  @Path("/{index}")
  @Operation(summary = "One checkpoint of the log")
  public Checkpoint get(@PathParam("index") @Min(0) long index) {
    return log.get(index).orElseThrow(() -> new NotFoundException("no checkpoint " + index));
  }

  @GET
  @Path("/key")
  @Operation(
      summary = "The public key that verifies the checkpoints' and exports' signatures",
      description = "The key that verifies every checkpoint's signature: its id, Ed25519, PEM")
  public PublicKeyView key() {
    return new PublicKeyView(
        keys.keyId(), Signatures.ALGORITHM, Signatures.publicPem(keys.publicKey()));
  }

  @GET
  @Path("/consistency")
  @Operation(
      summary =
          "The RFC 9162 consistency proof between two checkpoints of the log (from <= to): the later"
              + " log extends the earlier one, nothing in it rewritten",
      description =
          "The proof that the checkpoint log at checkpoint 'from' is a prefix of the log at"
              + " checkpoint 'to'")
  public ConsistencyView consistency(
      @QueryParam("from") @Min(0) Long from, @QueryParam("to") @Min(0) Long to) {
    if (from == null || to == null) {
      throw new BadRequestException("from and to are required");
    }
    if (from > to) {
      throw new BadRequestException("from must not be after to");
    }
    Checkpoint first = get(from);
    Checkpoint second = get(to);
    return new ConsistencyView(
        from,
        to,
        first.logSize(),
        first.logRoot(),
        second.logSize(),
        second.logRoot(),
        log.consistency(from, to).stream().map(HexFormat.of()::formatHex).toList());
  }
}
