package jp.grants.platform.audit;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The configured {@link CheckpointAnchor}. {@code none} keeps no receipt. {@code rfc3161} is the
 * documented extension point for a timestamping authority: no TSA is reachable from the machines
 * this is built and tested on, so no client is built in and naming it stops the start with that
 * reason; a deployment that has a TSA provides a {@code CheckpointAnchor} bean (see README).
 */
@ApplicationScoped
public class Anchors {
  @Produces
  @Singleton
  @Startup // a wrong setting stops the start, not the first checkpoint
  CheckpointAnchor anchor(CheckpointSettings settings) {
    return switch (settings.anchor()) {
      case "none" -> signed -> Optional.empty();
      case "rfc3161" ->
          throw new IllegalStateException(
              "grants.audit.checkpoint.anchor=rfc3161: no RFC 3161 client is built into this"
                  + " service (no TSA is reachable here); provide a CheckpointAnchor bean that"
                  + " requests a token for Rfc3161.imprint(checkpoint) from "
                  + settings.tsaUrl().orElse("grants.audit.checkpoint.tsa-url"));
      default ->
          throw new IllegalStateException(
              "grants.audit.checkpoint.anchor must be none or rfc3161, not " + settings.anchor());
    };
  }
}
