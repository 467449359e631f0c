package jp.grants.grant.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.grants.contracts.grant.ProposalSubmitted;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@link ProposalSubmitted} stored at revision 0 as revision 1, the shape the record has
 * now. It is the worked example of how an event changes incompatibly (docs/asyncapi/README.md).
 *
 * <p>Revision 0 (before Multiple Host WPI) stored the principal investigator as three flat fields
 * and exactly one host institution:
 *
 * <pre>{@code
 * {"grantId": "...", "programCode": "WPI-STANDARD", "title": "...", "summary": "...",
 *  "applicantId": "...",
 *  "principalInvestigatorName": "Hanako Sato", "principalInvestigatorInstitution": "Kyoto University",
 *  "principalInvestigatorCountry": "JP",
 *  "hostInstitution": "Kyoto University",
 *  "startFiscalYear": 2026, "durationYears": 10, "requestedPlan": [...]}
 * }</pre>
 *
 * Revision 1 nests the investigator ({@code principalInvestigator: {name, institution, country}})
 * and lists the hosts ({@code hostInstitutions: [...]}), because a Multiple Host center names two
 * or more. The upcaster rewrites the stored JSON on reading, before Jackson sees it; the event
 * store itself is never changed (events are immutable), and every reader, aggregate and tracking
 * processor alike, sees only revision 1. Events stored at revision 1 pass through untouched.
 */
public final class ProposalSubmittedUpcaster extends SingleEventUpcaster {
  static final SerializedType REVISION_0 =
      new SimpleSerializedType(ProposalSubmitted.class.getName(), "0");
  static final SerializedType REVISION_1 =
      new SimpleSerializedType(ProposalSubmitted.class.getName(), "1");

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    return REVISION_0.equals(representation.getType());
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        REVISION_1, JsonNode.class, ProposalSubmittedUpcaster::toRevision1);
  }

  /** Revision 0 JSON to revision 1 JSON; the input is left as it was. */
  static JsonNode toRevision1(JsonNode revision0) {
    ObjectNode event = revision0.deepCopy();
    ObjectNode investigator = event.objectNode();
    investigator.set("name", event.remove("principalInvestigatorName"));
    investigator.set("institution", event.remove("principalInvestigatorInstitution"));
    investigator.set("country", event.remove("principalInvestigatorCountry"));
    event.set("principalInvestigator", investigator);
    JsonNode host = event.remove("hostInstitution");
    ArrayNode hosts = event.arrayNode();
    if (host != null && !host.isNull()) {
      hosts.add(host);
    }
    event.set("hostInstitutions", hosts);
    return event;
  }
}
