package jp.grants.grant.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import jp.grants.grant.axon.AxonRuntime;
import jp.grants.grant.query.GrantProjection;
import jp.grants.platform.security.Roles;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Drops a read model and rebuilds it from the event store: the processor stops, its tokens reset
 * (its reset handler empties the tables), and it replays every event from the first.
 */
@Path("/api/v1/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(
    name = "Administration",
    description = "The read models' state and their rebuild from the event store")
public class ProjectionAdminResource {
  /** Read models only: the Kafka publisher is not a projection and is never reset from here. */
  static final Set<String> REBUILDABLE = Set.of(GrantProjection.PROCESSING_GROUP);

  @Inject AxonRuntime axon;

  public record SegmentStatus(
      int segment,
      boolean caughtUp,
      boolean replaying,
      @Schema(
              nullable = true,
              description =
                  "The segment's position in the event stream; none before its first event")
          Long position) {}

  public record ProjectionStatus(
      String processor, boolean running, boolean replaying, List<SegmentStatus> segments) {}

  @GET
  @Path("/{name}")
  @Operation(
      summary =
          "Where a read model's processor is: per segment, its position and whether it is replaying")
  public ProjectionStatus status(@PathParam("name") String name) {
    StreamingEventProcessor processor = processor(name);
    List<SegmentStatus> segments =
        processor.processingStatus().values().stream()
            .map(
                s ->
                    new SegmentStatus(
                        s.getSegment().getSegmentId(),
                        s.isCaughtUp(),
                        s.isReplaying(),
                        s.getCurrentPosition().isPresent()
                            ? s.getCurrentPosition().getAsLong()
                            : null))
            .sorted(java.util.Comparator.comparingInt(SegmentStatus::segment))
            .toList();
    return new ProjectionStatus(name, processor.isRunning(), processor.isReplaying(), segments);
  }

  @POST
  @Path("/{name}/rebuild")
  @Operation(summary = "Drop the read model and rebuild it from the event store")
  @APIResponse(
      responseCode = "202",
      description = "The rebuild has begun; where the processor is now",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ProjectionStatus.class)))
  public Response rebuild(@PathParam("name") String name) {
    StreamingEventProcessor processor = processor(name);
    processor.shutDown();
    processor.resetTokens();
    processor.start();
    return Response.accepted(status(name)).build();
  }

  private StreamingEventProcessor processor(String name) {
    if (!REBUILDABLE.contains(name)) {
      throw new NotFoundException(
          "no rebuildable projection " + name + " (known: " + REBUILDABLE + ")");
    }
    return axon.configuration()
        .eventProcessingConfiguration()
        .eventProcessor(name, StreamingEventProcessor.class)
        .orElseThrow(
            () -> new NotFoundException("projection " + name + " is not running in this instance"));
  }
}
