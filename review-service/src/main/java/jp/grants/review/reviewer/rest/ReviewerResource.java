package jp.grants.review.reviewer.rest;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.IdempotentRequests;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.RequestInfo;
import jp.grants.review.reviewer.command.ReviewerCommandHandler;
import jp.grants.review.reviewer.persistence.DeclaredConflictEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.reviewer.query.ConflictView;
import jp.grants.review.reviewer.query.ReviewerView;
import jp.grants.review.web.RequestActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reviewer registry and reviewers' conflict-of-interest declarations. */
@Path("/api/v1/reviewers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "Reviewers",
    description = "The reviewer registry and each reviewer's conflicts of interest")
public class ReviewerResource {
  @Inject ReviewerCommandHandler commands;
  @Inject RequestActor request;
  @Inject IdempotentRequests idempotent;
  @Inject RequestInfo info;

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.PROGRAM_OFFICER})
  @Operation(summary = "Register a reviewer (name, affiliation, country, fields, login)")
  @APIResponse(
      responseCode = "201",
      description = "Registered; Location names the reviewer",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ReviewerView.class)))
  public Response register(
      @Valid @NotNull RegisterReviewerRequest body,
      @Context UriInfo uri,
      @HeaderParam(Idempotency.HEADER) String key) {
    return idempotent.once(
        request.actor().subject(),
        key,
        info.requestLine(),
        body,
        () -> {
          ReviewerEntity reviewer = commands.handle(body.toCommand(), request.actor());
          return Response.created(uri.getAbsolutePathBuilder().path(reviewer.id.toString()).build())
              .entity(ReviewerView.of(reviewer))
              .build();
        });
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.PROGRAM_OFFICER, Roles.COMMITTEE_CHAIR, Roles.AUDITOR})
  @Operation(summary = "List the reviewer registry")
  public List<ReviewerView> list() {
    return ReviewerEntity.<ReviewerEntity>listAll(Sort.by("name")).stream()
        .limit(1000)
        .map(ReviewerView::of)
        .toList();
  }

  @GET
  @Path("/me")
  @RolesAllowed({Roles.REVIEWER, Roles.COMMITTEE_CHAIR})
  @Operation(summary = "The caller's own reviewer record")
  @APIResponse(
      responseCode = "200",
      description = "The caller's reviewer record",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ReviewerView.class)))
  @APIResponse(responseCode = "404", description = "The caller is not a registered reviewer")
  public ReviewerView me() {
    return ReviewerEntity.findBySubject(request.actor().subject())
        .map(ReviewerView::of)
        .orElseThrow(() -> new NotFoundException("you are not a registered reviewer"));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({
    Roles.ADMIN,
    Roles.PROGRAM_OFFICER,
    Roles.COMMITTEE_CHAIR,
    Roles.AUDITOR,
    Roles.REVIEWER
  })
  @Operation(summary = "One reviewer (a reviewer sees only themselves)")
  public ReviewerView get(@PathParam("id") UUID id) {
    return ReviewerView.of(visible(id));
  }

  @GET
  @Path("/{id}/conflicts")
  @RolesAllowed({Roles.ADMIN, Roles.PROGRAM_OFFICER, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(summary = "The conflicts a reviewer declared (a reviewer sees only their own)")
  public List<ConflictView> conflicts(@PathParam("id") UUID id) {
    return DeclaredConflictEntity.ofReviewer(visible(id).id).stream()
        .map(ConflictView::of)
        .toList();
  }

  @POST
  @Path("/{id}/conflicts")
  @RolesAllowed({Roles.ADMIN, Roles.PROGRAM_OFFICER, Roles.REVIEWER})
  @Operation(
      summary = "Declare a conflict of interest (an institution, a person or a grant)",
      description =
          "The reviewer is taken off every open review the conflict touches, and their scores there"
              + " are discarded; the response lists those assignments.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; Location names the conflict",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ConflictDeclaredResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same conflict was declared before: nothing changed",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ConflictDeclaredResponse.class)))
  public Response declare(
      @PathParam("id") UUID id, @Valid @NotNull DeclareConflictRequest body, @Context UriInfo uri) {
    var declared = commands.handle(body.toCommand(id), request.actor());
    String message =
        declared.removed().isEmpty()
            ? "conflict recorded; the reviewer was not assigned to any open review it touches"
            : "conflict recorded; the reviewer was taken off "
                + declared.removed().size()
                + " open review(s) and their scores there were discarded";
    var entity =
        new ConflictDeclaredResponse(
            ConflictView.of(declared.conflict()), declared.removed(), message);
    return declared.created()
        ? Response.created(
                uri.getAbsolutePathBuilder().path(declared.conflict().id.toString()).build())
            .entity(entity)
            .build()
        : Response.ok(entity).build();
  }

  /** A reviewer reads only their own record; to them, others do not exist. */
  private ReviewerEntity visible(UUID id) {
    Actor actor = request.actor();
    return ReviewerEntity.<ReviewerEntity>findByIdOptional(id)
        .filter(reviewer -> !actor.is(Roles.REVIEWER) || reviewer.subject.equals(actor.subject()))
        .orElseThrow(() -> new NotFoundException("no reviewer " + id));
  }
}
