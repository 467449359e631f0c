package jp.grants.review.reviewer.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.grants.platform.validation.CountryCode;
import jp.grants.review.reviewer.command.RegisterReviewerCommand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reviewer to register.
 *
 * @param subject the login (JWT subject) the reviewer acts through
 * @param country ISO 3166-1 alpha-2, upper case (JP for Japan): the composition rule counts it
 */
public record RegisterReviewerRequest(
    @NotBlank @Size(max = 200) String subject,
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 300) String affiliation,
    @NotNull @CountryCode @Schema(ref = CountryCode.OPENAPI, required = true) String country,
    @Size(max = 20) List<@NotBlank @Size(max = 100) String> fields) {

  RegisterReviewerCommand toCommand() {
    return new RegisterReviewerCommand(subject, name, affiliation, country, fields);
  }
}
